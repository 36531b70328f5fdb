"""Cloakfusion statistics (providers/cloakfusion/stats.py) over a fake client: traffic/ for the
account, traffic/{id}/ for one vhost, the dates as dd-mm-yyyy."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError

from ._fake import adapter

UTC = datetime.timezone.utc
QUERY = dict(start=datetime.datetime(2026, 10, 1, tzinfo=UTC), end=datetime.datetime(2026, 11, 1, tzinfo=UTC))
ENTRY = {'usage': '1.5', 'quantity': 'gb', 'text': '1.5 gb', 'vhost': {'id': 1, 'domain_name': 'cdn.example.com'}}


def test_account_traffic_one_point_per_vhost():
    cf, client = adapter({('GET', 'traffic/'): [ENTRY, dict(ENTRY, vhost={'id': 2, 'domain_name': 'b.example.com'})]})
    stats = cf.get_stats(dict(QUERY, zone=None))
    assert [(p['zone'], p['bytes']) for p in stats['series']] == [('1', 1500000000), ('2', 1500000000)]
    assert client.calls[0][2] == dict(start_date='01-10-2026', end_date='31-10-2026')
    assert stats['totals'] is None


def test_zone_traffic():
    cf, client = adapter({('GET', 'traffic/1/'): ENTRY})
    stats = cf.get_stats(dict(QUERY, zone={'id': '1'}))
    assert stats['series'][0]['hostname'] == 'cdn.example.com' and stats['raw'] == ENTRY


def test_an_entry_whose_vhost_is_not_an_object_is_refused():
    cf, _client = adapter({('GET', 'traffic/'): [dict(ENTRY, vhost='1')]})
    with pytest.raises(CdnResponseError, match=r'the answer\[0\] vhost is a JSON string'):
        cf.get_stats(dict(QUERY, zone=None))
