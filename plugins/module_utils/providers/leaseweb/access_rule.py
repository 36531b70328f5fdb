# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 access rules (cdn_access_rule): ACLs on the distribution's one policy.

ip = IP_ACL, sent as a CIDR network like the "Create ACL" sample's "1.1.1.5/32"; country =
GEO_ACL; referrer = REFERRER_ACL; allow = ALLOW, deny = REJECT (Leaseweb CDN API v2 "Create
ACL"), added and removed one by one. The policy switches follow the final rules:
``securityIpAcl`` (GeoAcl, ReferrerAcl) is on while rules of that type exist and off when none
remain; ``security*AclDefault`` (a string the document never shows set) is ``REJECT`` for a
type whose rules allow (an allow list) and ``ALLOW`` for one whose rules deny, null when off
(docs/providers/leaseweb.md): one policy cannot hold both for one type, so mixing allow and deny
rules of a type is refused. Order: new ACLs, then the switches, then the removals, so a switch
is never on over a half-written allow list; except that a rule changing its action has its old
ACL removed first (one ACL per type and value). A create whose answer was lost is read back,
never sent twice. A distribution without a policy gets one ("Create Policy": one policy per
volume distribution) before its first ACL.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.common import LeasewebShared
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    ACL_SWITCHES,
    acl_payload,
    canonical_acl,
    switch_changes,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering


class AccessRules(LeasewebShared, AccessRuleAPI):
    """AccessRuleAPI on the ACLs of a distribution's policy."""

    def validate_access_rules(self, zone, final_rules):
        for rule_type, (switch, default) in sorted(ACL_SWITCHES.items()):
            actions = sorted(set(r['action'] for r in final_rules if r['type'] == rule_type))
            if len(actions) > 1:
                raise CdnValidationError(
                    'rules', 'would leave both allow and deny %s rules on zone %s; a Leaseweb policy has one %s '
                    'switch and one %s for them' % (rule_type, zone['id'], switch, default),
                    allowed='one action per rule type (allow = only those pass, deny = those are refused); '
                            'purge_rules=true replaces the rules found')

    def list_access_rules(self, zone):
        if not zone.get('policy_id'):
            return []
        rules = [canonical_acl(acl, normalize_rule_value) for acl in self._acls(zone)]
        return [r for r in rules if r is not None]

    def access_rule_drift(self, zone, final_rules):
        """Switches that disagree with the rules (turned off or on elsewhere, e.g. by cdn_zone settings)."""
        if not zone.get('policy_id'):
            return {}
        return switch_changes((zone.get('raw') or {}).get('policy') or {}, final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        dist_id = zone['id']
        policy = (zone.get('raw') or {}).get('policy') or {}
        if not zone.get('policy_id'):
            policy = self._create_policy(zone)
            # the core lists the rules again with this zone: it has a policy now
            zone['policy_id'] = policy['id']
        # A policy holds one ACL per type and value: a rule changing its action (deny DE becoming
        # allow DE) has its old ACL removed before the new one is added, or the add is refused.
        added = set((r['type'], r['value']) for r in add)
        flipped = [r for r in remove if (r['type'], r['value']) in added]
        for rule in flipped:
            self._delete_acl(zone, rule)
        for rule in add:
            self._add_acl(zone, rule)
        switches = switch_changes(policy, final)
        if switches:
            self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=zone['policy_id']),
                                'update policy ACL switches', json=switches, ok=(200, 202))
        for rule in remove:
            if rule not in flipped:
                self._delete_acl(zone, rule)

    def _delete_acl(self, zone, rule):
        self.client.request('DELETE', path('acl', distribution_id=zone['id'], policy_id=zone['policy_id'],
                                           acl_id=rule['id']),
                            'delete ACL', ok=(200, 202, 204), allow_not_found=True)

    def _acls(self, zone):
        return list(self.paginate(path('acls', distribution_id=zone['id'], policy_id=zone['policy_id']), 'acls',
                                  'list ACLs'))

    def _create_policy(self, zone):
        """The distribution's one policy ("Create Policy": "only one policy can be added for volume
        distributions"), created with the switches off; a lost answer is looked for instead of
        posting twice (LeasewebShared._post_policy)."""
        dist_id = zone['id']
        return self._post_policy(dist_id, {'description': 'edgeops.cdn %s' % (zone.get('hostname') or dist_id)})

    def _add_acl(self, zone, rule, attempts=3):
        """POST one ACL. A lost answer is read back (a timed-out create until it lands), never
        re-sent while it may have been applied; only a create proven absent after a transient
        failure (5xx, dropped connection) is sent again, at most ``attempts`` times."""
        payload = acl_payload(rule)
        wanted = (rule['type'], rule['action'], rule['value'])

        def made():
            # The core adds only rules not found before, so a match is this create's.
            for acl in self._acls(zone):
                found = canonical_acl(acl, normalize_rule_value)
                if found is not None and (found['type'], found['action'], found['value']) == wanted:
                    return found
            return None

        send_recovering(lambda: self.client.request('POST', path('acls', distribution_id=zone['id'],
                                                                 policy_id=zone['policy_id']),
                                                    'create ACL', json=payload, ok=(200, 201)),
                        made, attempts=attempts)
