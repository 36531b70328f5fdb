# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN statistics (cdn_stats_info): UCDN API v3 "Usage report" .. "Status codes"
(https://api.ucdn.com/docs/), one report a run.

The request (path, dates as the report takes them) and the answer's translation into
series and totals are pure functions of wire.py (stats_request, parse_stats).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import stats_problem
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    STATS_REPORT_NAMES,
    parse_stats,
    stats_request,
)


class Stats(UcdnApi, StatsAPI):

    def get_stats(self, query):
        name = query.get('report') or STATS_REPORT_NAMES[0]
        path, params = stats_request(query)
        operation = 'get %s report' % name
        body = self.client.request('GET', path, operation, params=params, expect='object').body
        self._check(stats_problem(name, body), operation)
        series, totals = parse_stats(name, body, query['start'])
        return dict(series=series, totals=totals, raw=body)
