"""Pure logic of module_utils/stats.py (dates, choices, totals)."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import stats
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ResourceCaps

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 29, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize('text, expected', [
    ('2026-11-01', datetime.datetime(2026, 11, 1, tzinfo=UTC)),
    ('2026-11-01T06:00', datetime.datetime(2026, 11, 1, 6, tzinfo=UTC)),
    ('2026-11-01T06:00:30Z', datetime.datetime(2026, 11, 1, 6, 0, 30, tzinfo=UTC)),
    ('2026-11-01 06:00:30.250Z', datetime.datetime(2026, 11, 1, 6, 0, 30, tzinfo=UTC)),
    ('2026-11-01T07:00+01:00', datetime.datetime(2026, 11, 1, 6, tzinfo=UTC)),
    ('2026-11-01T00:30-0230', datetime.datetime(2026, 11, 1, 3, tzinfo=UTC)),
    # An offset across midnight moves the day.
    ('2026-11-01T00:30+01:00', datetime.datetime(2026, 10, 31, 23, 30, tzinfo=UTC)),
])
def test_parse_iso_gives_utc(text, expected):
    assert stats.parse_iso('start', text) == expected


@pytest.mark.parametrize('text', ['01-11-2026', '2026-13-01', '2026-02-30', 'yesterday', '2026-11-01T25:00',
                                  '2026-11-01T06:00+25:00', ''])
def test_parse_iso_refuses_other_forms_naming_the_option(text):
    with pytest.raises(CdnValidationError) as err:
        stats.parse_iso('end', text)
    assert str(err.value).startswith('option end:')
    assert 'ISO 8601' in str(err.value)


def test_period_defaults_to_seven_days_before_end():
    start, end = stats.stats_period({}, now=NOW)
    assert end == NOW and start == NOW - datetime.timedelta(days=7)
    start, end = stats.stats_period({'end': '2026-11-10'}, now=NOW)
    assert start == datetime.datetime(2026, 11, 3, tzinfo=UTC)


def test_period_must_run_forward_and_start_in_the_past():
    with pytest.raises(CdnValidationError, match='option start: .* must be before end'):
        stats.stats_period({'start': '2026-11-02', 'end': '2026-11-01'}, now=NOW)
    with pytest.raises(CdnValidationError, match='option start: .* is in the future'):
        stats.stats_period({'start': '2026-12-02', 'end': '2026-12-03'}, now=NOW)


def test_choices_default_to_the_first_and_refuse_others():
    caps = ResourceCaps(operations=('get',), fields=('zone', 'report', 'granularity'),
                        choices={'report': ('bytes', 'hits'), 'granularity': ('day', 'hour')})
    assert stats.stats_choices({}, caps) == {'report': 'bytes', 'granularity': 'day', 'metric': None}
    assert stats.stats_choices({'report': 'hits'}, caps)['report'] == 'hits'
    with pytest.raises(CdnValidationError) as err:
        stats.stats_choices({'report': 'visits'}, caps)
    assert "option report: 'visits' is not offered; allowed: bytes, hits" == str(err.value)
    with pytest.raises(CdnValidationError, match='option metric: cannot be set'):
        stats.stats_choices({'metric': 'bytes'}, caps)


def test_totals_sum_only_numbers():
    series = [dict(timestamp='t', bytes=10, hits=2, country='DE'), dict(timestamp='t', bytes=5, hits=None),
              dict(timestamp='t', bytes=True)]
    assert stats.sum_series(series) == {'bytes': 15, 'hits': 2}


def test_iso_utc():
    assert stats.iso_utc(datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == '2026-01-02T03:04:05Z'
