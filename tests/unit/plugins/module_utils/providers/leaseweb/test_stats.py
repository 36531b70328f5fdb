"""Leaseweb CDN v2 statistics (providers/leaseweb/stats.py): answers checked before use."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter

from ._fake import FakeClient


@pytest.mark.parametrize('body, text', [
    ({'series': 'junk'}, "'series' is a JSON string where a JSON list"),
    ({'series': [{'all': {}}]}, "'series'[0]['all'] is a JSON object where a JSON list"),
    ({'series': [{'all': [{'2024-07-13T14:45:00Z': 'lots'}]}]}, 'holds a JSON string'),
    ({'series': [{'all': [{'2024-07-13T14:45:00Z': 1e999}]}]}, 'holds a JSON number'),
])
def test_stats_answers_are_checked(body, text):
    utc = datetime.timezone.utc
    query = dict(start=datetime.datetime(2024, 7, 13, tzinfo=utc), end=datetime.datetime(2024, 7, 14, tzinfo=utc),
                 zone=None, granularity='5MIN', metric='DATATRANSFER', report='customer')
    with pytest.raises(CdnResponseError) as err:
        Adapter(FakeClient([body])).get_stats(query)
    assert text in str(err.value)
