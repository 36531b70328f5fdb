# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow statistics (stats.Stats): which report reads what, and what each refuses before any request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError

UTC = datetime.timezone.utc


def query(**kwargs):
    now = datetime.datetime.now(UTC)
    values = dict(start=now - datetime.timedelta(days=1), end=now, zone=None, report='bandwidth', metric='bytes')
    values.update(kwargs)
    return values


def test_usage_is_account_wide_and_in_gb(adapter):
    cf = adapter({('GET', 'cdn_usage_statistics.json'): [{'cdn_stat': {'edge_group_id': 1, 'cached': 1}}]})
    result = cf.get_stats(query(report='usage'))
    assert result['series'][0]['bytes'] == 10 ** 9
    assert list(cf.client.calls[0][2]) == ['period']
    with pytest.raises(CdnValidationError, match='option metric'):
        cf.get_stats(query(report='usage', metric='mbps'))
    with pytest.raises(CdnValidationError, match='option zone'):
        cf.get_stats(query(report='usage', zone={'id': '7'}))


def test_mbps_covers_the_last_ten_days(adapter):
    cf = adapter()
    old = datetime.datetime.now(UTC) - datetime.timedelta(days=11)
    with pytest.raises(CdnValidationError, match='option start'):
        cf.get_stats(query(metric='mbps', start=old))
    assert cf.client.calls == []


def test_bandwidth_gone_says_so(adapter):
    cf = adapter({('GET', 'cdn_resources/bandwidth.json'): 404})
    with pytest.raises(CdnUnsupportedError, match='removed in 5.6; use report usage'):
        cf.get_stats(query())
