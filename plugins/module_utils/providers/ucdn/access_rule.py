# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN access rules (cdn_access_rule): the zone's ``geo_filter`` countries and its
``referers`` (UCDN API v3 "Fetch a zone", "Replace a single zone parameter";
https://api.ucdn.com/docs/).

Referers only allow ("Allow access only from certain referers"); there are no IP rules.
The lists are replaced whole, with the same builder as cdn_zone's settings.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    access_rules_payload,
    check_access_rules,
    zone_access_rules,
)


class AccessRules(UcdnApi, AccessRuleAPI):

    def list_access_rules(self, zone):
        # Always a fresh read: the core lists again after a write for the result.
        found = self._read_zone(zone['id'])
        if found is None:
            raise CdnNotFoundError('zone %s not found' % zone['id'], provider=self.name, operation='list access rules')
        return zone_access_rules(self._raw[str(found['id'])])

    def validate_access_rules(self, zone, final_rules):
        check_access_rules(final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        # Whole lists: UCDN replaces geo_filter_allow, geo_filter_deny and referers as sent.
        if current is None:
            current = self.list_access_rules(zone)
        body = access_rules_payload(current, final)
        if body:
            self._patch(zone, body)
