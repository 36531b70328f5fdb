# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 actions (cdn_action_info): the background jobs of an account.

Leaseweb CDN API v2 "List actions" (``actions``, with a ``filters`` enum of INVALIDATION,
CREATE_DIST, UPDATE_DIST and DELETE_DIST) and "Get action" (``actions/{action_id}``, a UUID).
The document does not show how the ``filters`` array is encoded in the query string, so one
listing is read per type asked for (docs/providers/leaseweb.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.action import ActionAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import UUID_RE, canonical_action


class Actions(LeasewebAPI, ActionAPI):
    """ActionAPI on Leaseweb actions."""

    def validate_action_id(self, action_id):
        if not UUID_RE.match(str(action_id).strip()):
            raise CdnValidationError('action_id', 'is not a Leaseweb action id', value=action_id,
                                     allowed='a UUID such as 50ea5204-4827-41d2-a940-cb5afdfb2426')
        return str(action_id).strip().lower()

    def get_action(self, action_id):
        action = self._action(action_id)
        return canonical_action(action) if action is not None else None

    def list_actions(self, types=None, limit=None):
        """Actions newest first; one listing per type asked for (``filters`` takes one value each time)."""
        found = []
        seen = set()
        for kind in types or [None]:
            params = {'filters': kind} if kind else None
            for action in self._actions(params=params):
                if action['id'] in seen or (kind and action.get('type') != kind):
                    continue
                seen.add(action['id'])
                found.append(canonical_action(action))
        found.sort(key=lambda a: str(a.get('created') or ''), reverse=True)
        return found[:limit] if limit else found
