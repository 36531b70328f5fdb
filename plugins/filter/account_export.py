# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the account export (docs/adopt.md). with_secrets: an entry of an account export (edgeops.cdn.cdn_export_info) with the secrets it
names filled in from a dict the user keeps (in Ansible Vault), ready to be a module's options.

An export names a secret instead of holding it: ``secrets: {'auth.password': 'origin_www_example_com_auth_password'}``
says that option ``auth.password`` takes ``cdn_secrets['origin_www_example_com_auth_password']``. A secret the
dict lacks is left out (the module then keeps what the provider has, or refuses a create that needs it, naming
the option); playbooks/apply_account.yml checks the required ones before any request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.errors import AnsibleFilterError


def with_secrets(entry, secrets=None):
    if not isinstance(entry, dict):
        raise AnsibleFilterError('with_secrets: the input must be an entry of an export (a dict), not %s'
                                 % type(entry).__name__)
    secrets = secrets or {}
    if not isinstance(secrets, dict):
        raise AnsibleFilterError('with_secrets: secrets must be a dict of secret name to value (cdn_secrets)')
    result = copy.deepcopy(dict((k, v) for k, v in entry.items() if k not in ('secrets', 'files', 'identity')))
    for path, name in sorted((entry.get('secrets') or {}).items()):
        value = secrets.get(name)
        if value in (None, ''):
            continue
        target = result
        parts = str(path).split('.')
        for part in parts[:-1]:
            if not isinstance(target.get(part), dict):
                target[part] = {}
            target = target[part]
        target[parts[-1]] = value
    return result


def certificate_bindings(certificates):
    """One item per certificate and zone it serves ({certificate, zone}; zone None for a certificate that
    serves none): cdn_certificate binds one zone a run."""
    items = []
    for cert in certificates or []:
        for zone in cert.get('zones') or [None]:
            items.append(dict(certificate=cert, zone=zone))
    return items


def drift_entries(loop_result, task, provider, label='zone', prefix=''):
    """The drift report's entries (edgeops.cdn.drift_report) of one registered loop over export entries:
    each item's result under the label its entry gives (``label`` a key of the item, dotted for nested)."""
    entries = []
    for result in (loop_result or {}).get('results') or []:
        value = result.get('item')
        for part in label.split('.'):
            value = value.get(part) if isinstance(value, dict) else None
        entries.append(dict(zone='%s%s' % (prefix, value if value is not None else 'account'), provider=provider,
                            task=task, result=result))
    return entries


def missing_secrets(needed, secrets=None):
    """The names of the required secrets of an export's secrets_needed that ``secrets`` lacks."""
    secrets = secrets or {}
    return [item['name'] for item in needed or [] if item.get('required') and secrets.get(item['name']) in (None, '')]


class FilterModule(object):

    def filters(self):
        return {'with_secrets': with_secrets, 'missing_secrets': missing_secrets,
                'certificate_bindings': certificate_bindings, 'drift_entries': drift_entries}
