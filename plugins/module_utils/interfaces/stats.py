# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""StatsAPI: what a provider implements for statistics (cdn_stats_info; module_utils/stats.py).

``query`` is a dict: ``zone`` (canonical zone or None for the account), ``start`` and
``end`` (timezone-aware UTC datetimes, start < end), ``granularity``, ``metric``,
``report`` (checked against the 'stats' ResourceCaps.choices; the first choice when the
user set none, None when the provider declares no choice). The provider converts the dates
to its API's format with pure functions (unit-tested), reads, and returns {'series':
[{'timestamp': 'YYYY-MM-DDTHH:MM:SSZ', <STATS_NUMBERS and labels such as 'country',
'status_code', 'zone'>}], 'totals': {...} or None (then summed from the series), 'raw':
the provider's answer(s)}.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class StatsAPI(ResourceAPI):

    def get_stats(self, query):
        raise self._unsupported('stats', 'get')
