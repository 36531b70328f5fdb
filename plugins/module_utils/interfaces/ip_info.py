# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IpInfoAPI: what a provider knows about IP addresses (cdn_ip_info; module_utils/ip_info.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class IpInfoAPI(ResourceAPI):

    def lookup_ips(self, ips):
        raise self._unsupported('ip_info', 'lookup')

    def zone_name_for(self, ref):
        raise self._unsupported('ip_info', 'visitors')

    def zone_visitors(self, zone_name, hours, ip_class=None, geo=False):
        raise self._unsupported('ip_info', 'visitors')
