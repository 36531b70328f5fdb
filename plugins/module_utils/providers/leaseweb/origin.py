# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 origins (cdn_origin): standalone origins and origin groups, identified by ``name`` = ``description``.

- ``endpoints`` (one host), ``enabled``; ``path``, ``http_port`` and ``https_port`` are the
  ADVANCED_ORIGIN keys ``path``, ``httpPort``, ``httpsPort``. A SIMPLE_ORIGIN reports the
  effective ``/``, 80 and 443, so asking for those never forces an advanced origin. "Type of the
  origin can't be changed" (Leaseweb CDN API v2 "Update Origin By Id"): a simple origin that
  needs a path or a port is replaced: the advanced one is created, every distribution policy
  and group membership that used the old one is repointed, then the old one is deleted
  (replace_origin);
- ``group``: an ORIGIN_GROUP ("Create Origin Group": ``description`` = name,
  ``balancingMethod``, ``failTimeOut``, ``keepAlive`` (a boolean in the document: 0 or 1 here),
  ``keepAliveSeconds``, ``enabled``) and its ORIGIN_GROUP_MEMBERs (``originId``, ``status``).
  ``group.members`` names origins by name or id; reported by name (by id when the name is
  missing or shared);
- an origin a group is about to gain as a member is checked first with Leaseweb's origin check
  ("Validate If Origin Can Be Resolved", common.LeasewebShared.require_resolvable), while
  planning (a read: check mode sends it too), since every distribution pulling from the group
  would pull from it; the advanced origin that replaces a simple one is checked right after its
  create, before any user is repointed (and deleted again when it cannot be resolved). Changing
  an origin's own host is not checked: the check reads the stored origin, so it could only
  answer after the change;
- the document does not say whether the API deletes an origin still in use; this project
  refuses to delete one a distribution or group uses, naming the users (docs/providers/leaseweb.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.common import LeasewebShared
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    ADVANCED_ORIGIN,
    GROUP_PREFIX,
    ORIGIN_GROUP,
    SIMPLE_ORIGIN,
    canonical_group,
    canonical_origin,
    create_origin_payload,
    decode_envelope,
    encode_envelope,
    group_values,
    member_payload,
    needs_advanced,
    origin_values,
)


class Origins(LeasewebShared, OriginAPI):
    """OriginAPI on Leaseweb's standalone origins and origin groups."""

    # the cdn_origin state (validate_origin): find_origin looks for groups too when it is 'absent'
    _origin_state = 'present'

    def validate_origin(self, desired, state):
        self._origin_state = state
        group = desired.get('group')
        if group is not None:
            extra = [k for k in ('endpoints', 'path', 'http_port', 'https_port') if desired.get(k) is not None]
            if extra:
                raise CdnValidationError(extra[0], 'is an option of a single origin, not of an origin group',
                                         allowed='the member origins carry hosts, paths and ports')
            if group.get('keep_alive') is not None:
                if group['keep_alive'] not in (0, 1):
                    raise CdnValidationError('group.keep_alive', 'is a number of connections; Leaseweb\'s '
                                             'keepAlive is on or off', value=group['keep_alive'],
                                             allowed='0 (off) or 1 (on), or true/false')
                group['keep_alive'] = bool(group['keep_alive'])
            if group.get('enabled') is not None and desired.get('enabled') is not None \
                    and bool(group['enabled']) != bool(desired['enabled']):
                raise CdnValidationError('group.enabled', 'contradicts enabled', allowed='one of them, or equal values')

    def list_origins(self):
        label = self._origin_labeler()
        origins = [canonical_origin(o) for o in self._raw_origins()]
        groups = [self._complete_group(g, label) for g in self._raw_groups()]
        return origins + groups

    def find_origin(self, desired):
        name = desired['name']
        origins = [canonical_origin(o) for o in self._raw_origins()]
        groups = [canonical_group(g, None) for g in self._raw_groups()]
        label = self._origin_labeler(origins)
        group = desired.get('group')
        if group is not None and group.get('members') is not None:
            # compared in the form current groups report: by name, or by id where the name is missing or shared
            members = []
            for index, member in enumerate(group['members']):
                ident = self._resolve_in(member['origin'], origins, [], 'group.members[%d].origin' % index)
                members.append(dict(origin=label(ident), status=member['status']))
            group['members'] = sorted(members, key=lambda m: str(m['origin']))
        same_origins = [o for o in origins if o['name'] == name]
        same_groups = [g for g in groups if g['name'] == name]
        absent = self._origin_state == 'absent'
        if group is not None:
            mine, others, other_kind = same_groups, same_origins, 'origin'
        elif absent and not same_origins:
            mine, others, other_kind = same_groups, [], 'origin group'
        else:
            mine, others, other_kind = same_origins, same_groups, 'origin group'
        if others and not absent:
            raise CdnValidationError('name', '%r is already the name of the %s %s; Leaseweb origins and groups '
                                     'need distinct names' % (name, other_kind, ', '.join(o['id'] for o in others)),
                                     allowed='another name, or group (set or not) to match the existing one')
        if len(mine) > 1:
            raise CdnValidationError('name', '%r names %d Leaseweb objects (%s)' % (name, len(mine), ', '.join(
                o['id'] for o in mine)), allowed='a unique name: rename or delete the duplicates first')
        if not mine:
            if group is not None and group.get('members') and not absent:
                self._check_new_members(group['members'], origins, None)
            return None
        current = mine[0]
        if current['kind'] == 'group':
            current = self._complete_group(current['raw']['group'], label)
        if absent:
            self._refuse_if_used(current)
        elif group is not None and group.get('members') is not None:
            self._check_new_members(group['members'], origins, current)
        return current

    def create_origin(self, desired):
        if desired.get('group') is not None:
            values = group_values(desired['group'], name=desired['name'], enabled=desired.get('enabled'))
            response = self.client.request('POST', path('origin_groups'), 'create origin group',
                                           json=encode_envelope(ORIGIN_GROUP, values), ok=(200, 201))
            # the members are added under the new group's id
            group_id = self._created(response, 'group', 'create origin group')['id']
            self._sync_members(group_id, [], desired['group'].get('members') or [])
            return self._get_group(group_id)
        if not desired.get('endpoints'):
            raise CdnValidationError('endpoints', 'is required to create a Leaseweb origin',
                                     allowed='one entry with the origin host')
        response = self.client.request('POST', path('origins'), 'create origin',
                                       json=create_origin_payload(desired), ok=(200, 201))
        self._created(response, 'origin', 'create origin')
        return canonical_origin(response.body)

    def update_origin(self, current, changes, desired):
        if current['kind'] == 'group':
            group_changes = dict(changes.get('group') or {})
            members = group_changes.pop('members', None)
            values = group_values(group_changes, enabled=changes.get('enabled'))
            if values:
                self.client.request('PUT', path('origin_group', origin_group_id=current['id']), 'update origin group',
                                    json=encode_envelope(ORIGIN_GROUP, values), ok=(200, 202))
            if members is not None:
                self._sync_members(current['id'], current['raw']['members'], desired['group']['members'])
            return self._get_group(current['id'])
        wanted = dict(current)
        wanted.update((k, v) for k, v in desired.items() if v is not None)
        if current.get('type') == SIMPLE_ORIGIN and needs_advanced(wanted):
            return self.replace_origin(current, wanted)
        values = origin_values(changes, current.get('type') == ADVANCED_ORIGIN)
        response = self.client.request('PUT', path('origin', origin_id=current['id']), 'update origin',
                                       json=encode_envelope(current.get('type') or SIMPLE_ORIGIN, values),
                                       ok=(200, 202))
        updated = response.body
        if updated is None or (isinstance(updated, dict) and not decode_envelope(updated)[1].get('id')):
            # LSW-STD: an asynchronous update (202) answers without the resource: read it back
            return self._get_origin(current['id'])
        self._checked(updated, 'origin', 'update origin', status=response.status)
        return canonical_origin(updated)

    def replace_origin(self, current, wanted):
        """The type of an origin cannot change ("Update Origin By Id"): create the new one, repoint every policy and
        group membership that used the old one, then delete it, so no user is ever left without one."""
        old_id = current['id']
        response = self.client.request('POST', path('origins'), 'create origin',
                                       json=create_origin_payload(wanted), ok=(200, 201))
        # the users are repointed to this id: without it nothing is repointed, nothing deleted
        new_id = self._created(response, 'origin', 'create origin')['id']
        created = response.body
        self.require_resolvable_new(new_id, 'endpoints', host=decode_envelope(created)[1].get('host'))
        policies, memberships = self._origin_users(old_id)
        for dist_id, policy in policies:
            self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=policy['id']),
                                'update policy', json={'originPullId': new_id}, ok=(200, 202))
        for group_id, member in memberships:
            # add the new member before removing the old one: the group never loses it
            self.client.request('POST', path('origin_group_members', origin_group_id=group_id), 'add origin group member',
                                json=member_payload(new_id, member.get('status') or 'active'), ok=(200, 201))
            self.client.request('DELETE', path('origin_group_member', origin_group_id=group_id,
                                               origin_group_member_id=member['id']),
                                'delete origin group member', ok=(200, 202, 204))
        self.client.request('DELETE', path('origin', origin_id=old_id), 'delete origin', ok=(200, 202, 204))
        return canonical_origin(created)

    def delete_origin(self, current):
        if current['kind'] == 'group':
            self.client.request('DELETE', path('origin_group', origin_group_id=current['id']), 'delete origin group',
                                ok=(200, 202, 204))
        else:
            self.client.request('DELETE', path('origin', origin_id=current['id']), 'delete origin', ok=(200, 202, 204))
        return None

    def _check_new_members(self, members, origins, current):
        """Every origin the group is about to gain (``members`` as find_origin compares them) can be resolved
        by Leaseweb: distributions pulling from the group would pull from it."""
        have = set(decode_envelope(m)[1].get('originId') for m in (current or {}).get('raw', {}).get('members') or [])
        hosts = dict((o['id'], (o.get('endpoints') or [{}])[0].get('host')) for o in origins)
        for index, member in enumerate(members):
            ident = self._resolve_in(member['origin'], origins, [], 'group.members[%d].origin' % index)
            if ident not in have:
                self.require_resolvable(ident, 'group.members[%d].origin' % index, host=hosts.get(ident))

    def _origin_labeler(self, origins=None):
        """label(origin id): the origin's name when it has a unique one, else its id."""
        if origins is None:
            origins = [canonical_origin(o) for o in self._raw_origins()]
        counts = {}
        for origin in origins:
            counts[origin['name']] = counts.get(origin['name'], 0) + 1
        names = dict((o['id'], o['name']) for o in origins if o['name'] and counts[o['name']] == 1)
        return lambda ident: names.get(ident, ident)

    def _members(self, group_id):
        return list(self.paginate(path('origin_group_members', origin_group_id=group_id), 'originGroupMembers',
                                  'list origin group members'))

    def _complete_group(self, group, label):
        return canonical_group(group, self._members(decode_envelope(group)[1]['id']), label)

    def _get_origin(self, origin_id):
        return canonical_origin(self._read(path('origin', origin_id=origin_id), 'origin', 'get origin',
                                           missing_ok=False))

    def _get_group(self, group_id):
        group = self._read(path('origin_group', origin_group_id=group_id), 'group', 'get origin group',
                           missing_ok=False)
        return self._complete_group(group, self._origin_labeler())

    def _sync_members(self, group_id, have, want):
        """Make the group's members exactly ``want`` ([{'origin', 'status'}], origin by name or id):
        adds, then status updates, then removals (the group keeps its working members throughout)."""
        origins = [canonical_origin(o) for o in self._raw_origins()]
        current = dict((decode_envelope(m)[1].get('originId'), decode_envelope(m)[1]) for m in have)
        wanted = []
        for index, member in enumerate(want):
            ident = self._resolve_in(member['origin'], origins, [], 'group.members[%d].origin' % index)
            wanted.append((ident, member.get('status') or 'active'))
        for ident, status in wanted:
            if ident not in current:
                self.client.request('POST', path('origin_group_members', origin_group_id=group_id),
                                    'add origin group member', json=member_payload(ident, status), ok=(200, 201))
        for ident, status in wanted:
            if ident in current and current[ident].get('status') != status:
                self.client.request('PUT', path('origin_group_member', origin_group_id=group_id,
                                                origin_group_member_id=current[ident]['id']),
                                    'update origin group member', json=member_payload(ident, status), ok=(200, 202))
        keep = set(ident for ident, _status in wanted)
        for ident, member in current.items():
            if ident not in keep:
                self.client.request('DELETE', path('origin_group_member', origin_group_id=group_id,
                                                   origin_group_member_id=member['id']),
                                    'delete origin group member', ok=(200, 202, 204))

    def _origin_users(self, ident, kind=None):
        """([(distribution id, policy)], [(group id, member data)]) that pull from origin or group ``ident``."""
        field = 'originPullGroupId' if kind == GROUP_PREFIX else 'originPullId'
        policies = []
        for dist in self._distributions():
            dist_id = decode_envelope(dist)[1]['id']
            for policy in self._policies(dist_id):
                if policy.get(field) == ident:
                    policies.append((dist_id, policy))
        memberships = []
        if kind != GROUP_PREFIX:
            for group in self._raw_groups():
                group_id = decode_envelope(group)[1]['id']
                for member in self._members(group_id):
                    values = decode_envelope(member)[1]
                    if values.get('originId') == ident:
                        memberships.append((group_id, values))
        return policies, memberships

    def _refuse_if_used(self, current):
        """Deleting what a distribution or group still pulls from would leave it without an origin."""
        policies, memberships = self._origin_users(current['id'], GROUP_PREFIX if current['kind'] == 'group' else None)
        users = ['distribution %s' % dist_id for dist_id, _policy in policies]
        users += ['origin group %s' % group_id for group_id, _member in memberships]
        if users:
            raise CdnValidationError(
                'state', 'would delete %s %s (%s), which %s still use%s' % (
                    'origin group' if current['kind'] == 'group' else 'origin', current['name'], current['id'],
                    ', '.join(users), 's' if len(users) == 1 else ''),
                allowed='point them elsewhere first (cdn_zone origin or origin_id; cdn_origin group.members)')
