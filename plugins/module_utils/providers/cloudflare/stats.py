# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare statistics (cdn_stats_info): 3.1 stats, one aggregate of one zone per interval
code ("CloudFlare Client Interface API", https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import utc_now
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import Api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import (
    choose_interval,
    stats_result,
    zone_is_pro,
    zone_name_of,
)


class Stats(Api, StatsAPI):

    def get_stats(self, query):
        zone = query.get('zone')
        if zone is None:
            raise CdnValidationError('zone', 'is required: CloudFlare reports statistics per zone',
                                     allowed='a zone host name or id')
        now = utc_now()
        choice = choose_interval(query['start'], query['end'], now, pro=zone_is_pro(zone))
        name = zone_name_of(zone)
        operation = 'read statistics of zone %s (interval %d)' % (name, choice['interval'])
        body = self.call('stats', operation, z=name, interval=str(choice['interval']))
        result = self._response(body, operation, 'result')
        objs = self.client.expect(result.get('objs'), 'list', operation, what='response.result.objs', status=200)
        for index, obj in enumerate(objs):
            where = 'response.result.objs[%d]' % index
            self._object(obj, operation, where, optional=False)
            for group in ('trafficBreakdown', 'bandwidthServed', 'requestsServed'):
                self._object(obj.get(group), operation, '%s.%s' % (where, group))
            for part in ('pageviews', 'uniques'):
                self._object((obj.get('trafficBreakdown') or {}).get(part), operation,
                             '%s.trafficBreakdown.%s' % (where, part))
        try:
            return stats_result(body, choice)
        except ValueError as exc:  # timeZero or timeEnd is not a time
            raise self.client.answer_error(operation, 'the period of response.result: %s' % exc, status=200)
