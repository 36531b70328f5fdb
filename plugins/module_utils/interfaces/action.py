# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ActionAPI: a provider's background actions (cdn_action_info; module_utils/action.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class ActionAPI(ResourceAPI):

    def list_actions(self, types=None, limit=None):
        raise self._unsupported('action', 'list')

    def validate_action_id(self, action_id):
        """The action id in the provider's form; raise CdnValidationError('action_id', ...) before any request."""
        return str(action_id)

    def get_action(self, action_id):
        raise self._unsupported('action', 'get')
