# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_storage's provider-agnostic core: normalise the options, plan, ensure.

A storage is identified by ``name`` and lives in a ``region`` it cannot leave.
Nothing of an existing storage can be changed, so a run creates, deletes,
rotates the FTP password, or reports. The FTP password is never part of a
storage view, plan or diff; it is added to the result only with
``return_credentials``.

Providers differ in who chooses the FTP password (limits.storage_password):
'generated' (UCDN, the default: the API makes it, rotation asks for a new one)
or 'chosen' (CloudFlow: the user's ``ftp_password`` is sent on create and on a
rotation). A rotation concerns every storage of the region
(limits.storage_password_scope 'region', UCDN) or the one storage
('storage', CloudFlow: adapter.set_storage_password).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.edgeops.cdn.plugins.module_utils.ensure import ResourceOps, ensure
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import make_diff

# What a storage shows in results and diffs.
STORAGE_KEYS = ('id', 'name', 'region', 'ftp_host', 'ftp_user', 'bytes', 'objects')


def desired_storage(params, capabilities):
    """The options the user set, checked against the provider's limits (no request sent)."""
    name = params.get('name')
    minimum = capabilities.limits.storage_name_min
    if name is None or len(str(name).strip()) < minimum:
        raise CdnValidationError('name', 'must be at least %d characters long' % minimum, value=name,
                                 allowed='a name of %d or more characters, such as static-assets' % minimum)
    region = params.get('region')
    regions = capabilities.limits.storage_regions
    if region is not None and regions and region not in regions:
        raise CdnValidationError('region', 'is not a %s storage region' % capabilities.title, value=region,
                                 allowed=', '.join(regions))
    if params.get('state') == 'absent' and params.get('rotate_ftp_password'):
        raise CdnValidationError('rotate_ftp_password', 'cannot be combined with state=absent',
                                 allowed='state=present')
    check_password(params, capabilities)
    return dict(name=str(name).strip(), region=region)


def password_chosen(capabilities):
    return capabilities.limits.storage_password == 'chosen'


def check_password(params, capabilities):
    """ftp_password: only where the user chooses it, never empty, required for a rotation there.
    The value itself never goes into a message."""
    password = params.get('ftp_password')
    chosen = password_chosen(capabilities)
    if password is not None and not chosen:
        raise CdnValidationError('ftp_password', 'cannot be set: %s generates the FTP password itself'
                                 % capabilities.title,
                                 allowed='no ftp_password (rotate_ftp_password=true asks for a new one, '
                                         'return_credentials=true shows it)')
    if password is not None and not str(password).strip():
        raise CdnValidationError('ftp_password', 'is empty', allowed='a non-empty password')
    if chosen and params.get('rotate_ftp_password') and password is None:
        raise CdnValidationError('ftp_password', 'is required with rotate_ftp_password=true: %s sets the FTP '
                                 'password you choose' % capabilities.title, allowed='the new password')


def storage_view(storage):
    if storage is None:
        return None
    view = dict((k, storage.get(k)) for k in STORAGE_KEYS)
    view['raw'] = copy.deepcopy(storage.get('raw'))
    return view


def compare_storage(desired, current):
    """Nothing of a storage can change: a different region is an error, not an update."""
    if desired.get('region') and current.get('region') and desired['region'] != current['region']:
        raise CdnValidationError('region', 'is %s, but storage %s is in %s and cannot move'
                                 % (desired['region'], current.get('name'), current['region']),
                                 allowed='%s (or delete the storage and create a new one)' % current['region'])
    return {}


def run_storage(cdn):
    params = cdn.params
    caps = cdn.capabilities
    state = params['state']
    caps.resource('storage')
    if state == 'absent':
        caps.require('storage', 'delete')
    if params.get('rotate_ftp_password'):
        caps.require('storage', 'rotate_ftp_password')
    desired = desired_storage(params, caps)
    adapter = cdn.adapter
    adapter.validate_storage(desired, state)

    def check(action, current, changes):
        # Refusals known before any write: found while planning, in check mode as in a real run.
        caps.require('storage', action)
        if action == 'create' and password_chosen(caps) and not params.get('ftp_password'):
            raise CdnValidationError('ftp_password', 'is required to create %s storage %s: %s sets the FTP password '
                                     'you choose' % (caps.title, changes['name'], caps.title),
                                     allowed='a password (no_log)')
        if action == 'create' and not changes.get('region'):
            raise CdnValidationError('region', 'is required to create storage %s' % changes['name'],
                                     allowed=', '.join(caps.limits.storage_regions or ()) or 'a region')
        if action == 'update':
            raise CdnUnsupportedError('%s storages cannot be changed (%s differs from storage %s); nothing was '
                                      'changed' % (caps.title, ', '.join(sorted(changes)), current['name']),
                                      provider=caps.name)

    def create(wanted):
        if password_chosen(caps):
            # The password travels to the adapter only, never into the plan, diff or result.
            return adapter.create_storage(dict(wanted, ftp_password=params.get('ftp_password')))
        return adapter.create_storage(wanted)

    def predict(wanted):
        return dict(wanted, id=None, ftp_host=None, ftp_user=None, bytes=0, objects=0)

    def delete(current):
        return adapter.delete_storage(current)

    # The first read serves the deletion checks too; a re-read (after a lost
    # create answer) asks the API again.
    first = [adapter.find_storage(desired)]

    def find():
        return first.pop() if first else adapter.find_storage(desired)

    if state == 'absent' and first[0] is not None:
        reasons = adapter.storage_delete_blockers(first[0])
        if reasons:
            # Refused before any write (and in check mode as in a real run).
            raise CdnUnsupportedError('%s storage %s (id %s) cannot be deleted: %s; nothing was deleted'
                                      % (caps.title, first[0]['name'], first[0]['id'], '; '.join(reasons)),
                                      provider=caps.name)

    rotate = state == 'present' and bool(params.get('rotate_ftp_password'))
    region_wide = []

    def commit(plan, current):
        if rotate:
            ident = (current or {}).get('id')
            if caps.limits.storage_password_scope == 'storage':
                plan.add('rotate_ftp_password', 'storage', ident, dict(name=desired['name']))
            else:
                region = (current or {}).get('region') or desired['region']
                region_wide.append(region)
                plan.add('rotate_ftp_password', 'storage', ident, dict(region=region))
        cdn.commit_plan(plan.as_list(), plan.basis())

    # No update: check() refuses every change of a storage while planning.
    ops = ResourceOps('storage', find=find, create=create, update=None, delete=delete, predict=predict,
                      check=check)
    outcome = ensure(ops, desired, state, check_mode=cdn.check_mode, differ=compare_storage, commit=commit)
    after = outcome['after']
    password = None
    if region_wide:
        region = region_wide[0]
        others = sorted(s['name'] for s in adapter.list_storages() if s.get('region') == region)
        cdn.module.warn('rotate_ftp_password changes the FTP password of every %s storage in region %s, not '
                        'only %s: %s' % (caps.title, region, desired['name'], ', '.join(others) or desired['name']))
        if not cdn.check_mode:
            password = adapter.rotate_storage_password(region)
    elif rotate and not cdn.check_mode and not outcome['changed']:
        # A storage created by this run already has the password: nothing more to send.
        adapter.set_storage_password(after, params['ftp_password'])
    result = dict(
        changed=outcome['changed'] or rotate,
        storage=cdn.shown(storage_view(after)),
        diff=make_diff(storage_view(outcome['before']), storage_view(after), STORAGE_KEYS),
    )
    if params.get('return_credentials') and after is not None and after.get('id') is not None:
        result['storage']['ftp_password'] = password or adapter.storage_password(after)
    for note in adapter.storage_notes():
        cdn.module.warn('%s: %s' % (caps.title, note))
    cdn.exit(**result)
