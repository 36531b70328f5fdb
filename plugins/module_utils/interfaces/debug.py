# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DebugAPI: how a provider's edge answers a URL (cdn_debug_info; module_utils/debug.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class DebugAPI(ResourceAPI):

    def debug_url(self, url):
        raise self._unsupported('debug', 'get')
