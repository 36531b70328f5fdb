# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Leaseweb account (cdn_account_info): what the API key can read about its account.

Leaseweb CDN v2 has no account endpoint. Leaseweb's "Developer API" listing (section "CDN")
has "Get All Templates" (``GET policyTemplates``), which the CDN v2 document lacks: a cheap
authenticated read, so it is both the credential check (a 401/403 raises CdnAuthError in the
client, which the core reports as ``credentials_valid: false``) and the account's one fact,
its policy templates. The listing shows no answer shape: it is read like the other "Get All
..." listings (``{"policyTemplates": [...], "_metadata": {...}}``, limit/offset; api.LIST_KINDS),
each template an object with an id (a string, or a whole number); everything else is only shown.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path


def canonical_template(template):
    """A policy template as cdn_account_info shows it: its fields as the API sends them, with
    ``id`` (a string), ``name`` and ``description`` always present (None when not sent)."""
    shown = copy.deepcopy(template)
    shown.update(id=str(template['id']), name=template.get('name'), description=template.get('description'))
    return shown


class Account(LeasewebAPI, AccountAPI):
    """AccountAPI on the policy templates, the only account-wide read of the API."""

    def get_account(self):
        templates = list(self.paginate(path('policy_templates'), 'policyTemplates', 'list policy templates'))
        # No account endpoint: who the key belongs to is not something this API says.
        return dict(id=None, username=None, name=None, email=None, timezone=None, trial=None,
                    details=dict(policy_templates=[canonical_template(t) for t in templates]),
                    raw=dict(policyTemplates=templates))
