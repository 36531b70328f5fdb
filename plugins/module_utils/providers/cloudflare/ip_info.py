# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare IP information (cdn_ip_info): threat scores (3.6 ip_lkup) and the recent visitors
of a zone (3.5 zone_ips) ("CloudFlare Client Interface API",
https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.ip_info import IpInfoAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.common import ZoneLookup
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import IP_CLASSES, threat_score, visitor


class IpInfo(ZoneLookup, IpInfoAPI):

    def lookup_ips(self, ips):
        scores = []
        for ip in ips:
            operation = 'threat score of %s' % ip
            answer = self._response(self.call('ip_lkup', operation, ip=ip), operation)
            # {"<ip>": "<score>"} (the 3.6 sample): the scores are text.
            self._scalars(answer, operation, 'response', optional=tuple(answer))
            scores.append(threat_score(ip, answer))
        return scores

    def zone_name_for(self, ref):
        """The zone name of a host name (zone_check, one read) or of a zone id (zone_load_multi); None when missing."""
        text = str(ref).strip()
        if '.' in text:
            name = normalize_hostname(text)
            return name if self.check_zones([name])[name] else None
        for zone_obj in self._zone_objects():
            if str(zone_obj.get('zone_id')) == text:
                return zone_obj.get('zone_name')
        return None

    def zone_visitors(self, zone_name, hours, ip_class=None, geo=False):
        fields = {'z': zone_name, 'hours': str(hours), 'geo': '1' if geo else None}
        if ip_class:
            fields['class'] = IP_CLASSES[ip_class]
        operation = 'recent visitor IPs of zone %s' % zone_name
        ips = self._response(self.call('zone_ips', operation, **fields), operation, 'ips', shape='list')
        self.client.expect(ips, ('list', ('ip',)), operation, what='response.ips', status=200)
        return [visitor(obj) for obj in ips]
