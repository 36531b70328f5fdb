# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 statistics (cdn_stats_info).

The customer statistics (``statistics/customer``, ``statistics/customer/totals``: Leaseweb's
"Developer API" listing, section "CDN") or the reseller ones (``statistics/reseller``,
``statistics/reseller/totals``: inferred by symmetry; not in the public listing, which lists the
customer pair only), chosen by ``report`` (Leaseweb CDN API v2 "Query statistics for customer",
"Query statistics for reseller customer" and their total variants); a report ``*_by_<group>``
sends ``groupBy`` and labels every point (provider, zone, customer, location). The series come
from the series endpoint, ``totals`` from the total endpoint (the API's own figure, also for
means and percentiles); a grouped report adds ``totals.groups`` from the total endpoint with the
same ``groupBy``. Dates are sent as ``YYYY-MM-ddTHH:mm:ss`` in UTC (wire.lsw_datetime). A metric
fills one number key (wire.STATS_METRIC_KEYS): DATATRANSFER ``bytes``, REQUESTS ``requests``,
BANDWIDTH and 95TH ``bandwidth_mbps`` (the API answers bits per second), STATUS_2XX/4XX/5XX
``status_2xx_percent``..., CACHEHIT ``cache_hit_ratio``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    STATS_METRICS,
    split_report,
    stats_number,
    stats_params,
    stats_series,
    stats_totals,
)


class Statistics(LeasewebAPI, StatsAPI):
    """StatsAPI on Leaseweb's customer and reseller statistics."""

    def get_stats(self, query):
        scope, group_by = split_report(query.get('report'))
        prefix = 'reseller_statistics' if scope == 'reseller' else 'statistics'
        metric = query.get('metric') or STATS_METRICS[0]
        series = self._stats(path(prefix), 'get %s statistics' % scope, stats_params(query, group_by=group_by), metric)
        # the overall total is the API's own figure (means and percentiles do not add up)
        total = self._stats(path(prefix + '_total'), 'get %s total statistics' % scope,
                            stats_params(query, total=True), metric)
        totals = stats_totals(total, metric)
        raw = dict(series=series, totals=total)
        if group_by:
            grouped = self._stats(path(prefix + '_total'), 'get %s total statistics' % scope,
                                  stats_params(query, total=True, group_by=group_by), metric)
            totals['groups'] = stats_totals(grouped, metric, group_by)
            raw['group_totals'] = grouped
        return dict(series=stats_series(series, metric, group_by), totals=totals, raw=raw)

    def _stats(self, stats_path, operation, params, metric):
        """One statistics answer, checked. "Query statistics for customer": an object whose
        ``series`` is a list of objects {<group>: [{"<time>Z": value}]}, totals [{"total": value}];
        a value is a number (or null: no data)."""
        body = self.client.request('GET', stats_path, operation, params=params, ok=(200,), expect='object').body
        series = self.client.expect(body.get('series'), 'list', operation, what='the answer\'s \'series\'')
        for index, item in enumerate(series):
            what = 'the answer\'s \'series\'[%d]' % index
            self.client.expect(item, 'object', operation, what=what)
            for name, entries in sorted(item.items()):
                self.client.expect(entries, 'list', operation, what='%s[%r]' % (what, name))
                for entry in entries:
                    self.client.expect(entry, 'object', operation, what='an entry of %s[%r]' % (what, name))
                    for stamp, value in sorted(entry.items()):
                        if value is not None and stats_number(metric, value)[1] is None:
                            raise self.client.answer_error(operation, '%s[%r] holds %s for %r where a number is '
                                                           'documented' % (what, name, type_name(value), stamp))
        return body
