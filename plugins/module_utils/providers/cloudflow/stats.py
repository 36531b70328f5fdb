# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow statistics (cdn_stats_info), from the OnApp CDN API documentation (https://docs.onapp.com).

Report ``bandwidth`` (and its ``group_by`` variants) reads ``GET cdn_resources/bandwidth.json``
with the body ``{"bandwidth": {"start", "end", "type", "resources", "group_by"}}`` ("View CDN
Resource Bandwidth Statistics": times like ``2014-11-25T18:25``, UTC; type GB for metric
bytes, MBPS for metric mbps, which covers the last 10 days only). It is "deprecated in OnApp
5.4-5.5 and completely removed from OnApp 5.6": a 404 says so. Report ``usage`` reads
``GET cdn_usage_statistics.json`` with ``{"period": {"startdate", "enddate"}}``
(``YYYY-MM-DD+hh:mm:ss``; "CDN Usage Statistics API"), account-wide totals per edge group and
location. The GB of ``cached``/``non_cached`` is converted with wire.GB_BYTES
(docs/providers/cloudflow.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import iso_utc
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    MBPS_DAYS,
    bandwidth_body,
    bandwidth_stats,
    usage_period,
    usage_stats,
)


class Stats(api.Answers, StatsAPI):

    def get_stats(self, query):
        report, metric = query.get('report') or 'bandwidth', query.get('metric') or 'bytes'
        if report == 'usage':
            if metric != 'bytes':
                raise CdnValidationError('metric', 'is %s, but CloudFlow usage statistics are in GB only' % metric,
                                         allowed='bytes, or report bandwidth for mbps')
            if query.get('zone') is not None:
                raise CdnValidationError('zone', 'cannot be set with report usage: CloudFlow usage statistics are '
                                         'account-wide', allowed='omit zone, or report bandwidth')
            return self._usage_stats(query)
        if metric == 'mbps':
            oldest = datetime.datetime.now(query['start'].tzinfo) - datetime.timedelta(days=MBPS_DAYS)
            if query['start'] < oldest:
                raise CdnValidationError('start', 'is more than %d days ago: CloudFlow bandwidth in Mbps covers the '
                                         'last %d days only' % (MBPS_DAYS, MBPS_DAYS),
                                         allowed='a start after %s, or metric bytes' % iso_utc(oldest))
        return self._bandwidth_stats(query, report, metric)

    def _bandwidth_stats(self, query, report, metric):
        body = bandwidth_body(query, report, metric)
        # A GET with a JSON body, as "View CDN Resource Bandwidth Statistics" shows it.
        operation = 'get bandwidth statistics'
        response = self.client.request('GET', api.path('bandwidth'), operation,
                                       json={'bandwidth': body}, allow_not_found=True, expect='list')
        if response is None:
            raise CdnUnsupportedError('CloudFlow answered 404 for cdn_resources/bandwidth.json: bandwidth statistics '
                                      'are deprecated since OnApp 5.4 and removed in 5.6; use report usage',
                                      provider=self.capabilities.name, operation=operation)
        # [{"stat": {date, cached, non_cached}}] (OnApp PHP wrapper, CDNResource/Bandwidth.php)
        stats = self._items(response, 'stat', operation, keys=())
        return bandwidth_stats(stats, body, metric, response.body)

    def _usage_stats(self, query):
        operation = 'get CDN usage statistics'
        response = self.client.request('GET', api.path('usage'), operation, json={'period': usage_period(query)},
                                       expect='list')
        # [{"cdn_stat": {user_id, edge_group_id, cached, non_cached, location_id}}] ("CDN Usage Statistics API")
        stats = self._items(response, 'cdn_stat', operation, keys=())
        return usage_stats(stats, query['start'], response.body)
