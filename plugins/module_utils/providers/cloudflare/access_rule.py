# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare access rules (cdn_access_rule): the account's IP lists of 4.7 "wl" / "ban" / "nul"
(whitelist, blacklist, remove from either), one address a call; no action lists them
("CloudFlare Client Interface API", https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import Api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import (
    IP_LIST_ACTIONS,
    check_ip_rules,
    ip_list_key,
)


class AccessRules(Api, AccessRuleAPI):

    def validate_access_rules(self, zone, final_rules):
        check_ip_rules(final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        check_ip_rules(list(add) + list(remove))
        # nul first: an IP moving from one list to the other is taken off before it is put on.
        for rule in remove:
            self.call('nul', 'remove %s from the IP lists' % rule['value'], key=ip_list_key(rule))
        for rule in add:
            action = IP_LIST_ACTIONS[rule['action']]
            self.call(action, '%s %s' % ('whitelist' if action == 'wl' else 'ban', rule['value']), key=ip_list_key(rule))
