# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AccessRuleAPI: what a provider implements for access rules (cdn_access_rule; module_utils/access_rule.py).

A canonical rule is {'type': 'ip'|'country'|'referrer', 'action': 'allow'|'deny',
'value': normalised with names.normalize_rule_value, 'id': provider id or None}. ``zone``
is a canonical zone, or None where the provider's rules are account-wide.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class AccessRuleAPI(ResourceAPI):

    def validate_access_rules(self, zone, final_rules):
        """Raise CdnValidationError (option 'rules') when the provider cannot hold ``final_rules``
        together (e.g. allow and deny of one type); no request."""

    def list_access_rules(self, zone):
        raise self._unsupported('access_rule', 'list')

    def access_rule_drift(self, zone, final_rules):
        """What besides the rules themselves must change for ``final_rules`` to take effect (e.g.
        a policy switch turned off elsewhere), as a dict for the plan; empty when nothing. Read-only."""
        return {}

    def apply_access_rules(self, zone, current, final, add, remove):
        """Send the writes that turn ``current`` into ``final`` (``add`` and ``remove`` are the
        differences; ``current`` is None when the provider cannot list). Per-rule APIs use
        add/remove, whole-list APIs use final; also called with nothing to add or remove to
        repair access_rule_drift."""
        raise self._unsupported('access_rule', 'create')
