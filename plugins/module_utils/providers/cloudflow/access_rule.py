# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow access rules (cdn_access_rule): the resource's ``ip_access_policy`` + ``ip_addresses``
(comma-separated), ``country_access_policy`` + ``countries`` and ``hotlink_policy`` + ``domains``
(space-separated referrer domains), advanced settings of "Add/Edit HTTP Pull/Push CDN Resource
with Advanced Settings" (OnApp CDN API documentation, https://docs.onapp.com).

Each type is one policy and one list: ALLOW_BY_DEFAULT with the list denied, or
BLOCK_BY_DEFAULT with the list allowed. So one type holds rules of one action only, and an
empty list resets the policy to ALLOW_BY_DEFAULT. BLOCK_BY_DEFAULT with an empty list (block
everyone) has no rule form and lists no rules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.common import CdnResources
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    ACCESS_FIELDS,
    access_payload,
    access_problem,
    access_rules,
)


class AccessRules(CdnResources, AccessRuleAPI):

    def validate_access_rules(self, zone, final_rules):
        for rule_type in sorted(ACCESS_FIELDS):
            actions = sorted(set(r['action'] for r in final_rules if r['type'] == rule_type))
            if len(actions) > 1:
                policy_key = ACCESS_FIELDS[rule_type][0]
                raise CdnValidationError('rules', 'would hold both allow and deny %s rules on zone %s, but CloudFlow '
                                         'keeps one %s per zone: ALLOW_BY_DEFAULT with a list of denied values or '
                                         'BLOCK_BY_DEFAULT with a list of allowed values'
                                         % (rule_type, zone['hostname'] if zone else None, policy_key),
                                         allowed='only allow or only deny rules of each type (purge_rules=true '
                                                 'replaces the rules of the other action)')

    def list_access_rules(self, zone):
        operation = 'get CDN resource access policies'
        advanced = self._read_advanced(zone['id'], operation, access_problem)
        if advanced is None:
            raise CdnNotFoundError('zone %s is gone' % zone['id'], provider=self.capabilities.name,
                                   operation='access rules')
        return access_rules(advanced)

    def apply_access_rules(self, zone, current, final, add, remove):
        types = set(r['type'] for r in list(add) + list(remove))
        self.client.request('PUT', api.path('resource', zone['id']), 'update CDN resource access policies',
                            json=access_payload(final, types), ok=api.WRITTEN)
