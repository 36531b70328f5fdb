# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion statistics (cdn_stats_info): ``traffic/`` (account, one entry per vhost, "Traffic
/ LIST" of the Cloakfusion API Reference) and ``traffic/{id}/`` (one vhost, "Traffic / GET")
with start_date / end_date as dd-mm-yyyy; both days are included. The API gives one usage
figure per vhost and period with a ``quantity`` unit, no time series: the series has one
point per vhost, stamped with the period's start."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.wire import traffic_dates, traffic_point


class Stats(StatsAPI):

    def get_stats(self, query):
        params = traffic_dates(query['start'], query['end'])
        if query.get('zone'):
            operation = 'get vhost traffic'
            body = self.client.request('GET', api.path('vhost_traffic', query['zone']['id']), operation,
                                       params=params, expect='object').body
            entries = [('the answer', body)]
        else:
            operation = 'list traffic'
            body = self.client.request('GET', api.path('traffic'), operation, params=params, expect='list').body
            entries = [('the answer[%d]' % i, e) for i, e in enumerate(body)]
        for what, entry in entries:
            self.client.expect(entry, 'object', operation, what=what)
            api.optional(self.client, entry.get('vhost'), 'object', operation, '%s vhost' % what)
        return dict(series=[traffic_point(e, query['start']) for _what, e in entries], totals=None, raw=body)
