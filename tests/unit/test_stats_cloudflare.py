"""CloudFlare statistics: interval choice (CF-DOC 3.1) and the answer's normalisation, pure."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare as cf

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 29, 12, 0, 0, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

# CF-DOC 3.1's sample answer (response.result).
DOC_RESULT = {
    'timeZero': 1333051372000, 'timeEnd': 1335643372000, 'count': 1, 'has_more': False,
    'objs': [{
        'cachedServerTime': 1335816172000, 'cachedExpryTime': 1335859372000,
        'trafficBreakdown': {'pageviews': {'regular': 2640, 'threat': 27, 'crawler': 4},
                             'uniques': {'regular': 223, 'threat': 16, 'crawler': 4}},
        'bandwidthServed': {'cloudflare': 78278.706054688, 'user': 58909.374023438},
        'requestsServed': {'cloudflare': 4173, 'user': 3697},
        'pro_zone': False, 'pageLoadTime': None, 'currentServerTime': 1335824051000, 'interval': 20,
        'zoneCDate': 1307574643000, 'userSecuritySetting': 'Medium', 'dev_mode': 0, 'ipv46': 5, 'ob': 0,
        'cache_lvl': 'agg',
    }],
}


def choose(start, end=NOW, pro=False):
    return cf.choose_interval(start, end, NOW, pro=pro)


@pytest.mark.parametrize('back, code', [
    (HOUR, 40),             # inside the past day: the shortest non-Pro interval
    (DAY, 40),
    (2 * DAY, 40),          # 40 covers the day up to one day ago: back to NOW - 2 days
    (2 * DAY + HOUR, 30),
    (7 * DAY, 30),          # the default period of cdn_stats_info
    (8 * DAY, 30),          # 30 reaches NOW - 8 days (7 days up to one day ago)
    (8 * DAY + HOUR, 20),
    (31 * DAY, 20),         # 20 reaches NOW - 31 days
])
def test_smallest_interval_covering_start(back, code):
    choice = choose(NOW - back)
    assert choice['interval'] == code
    assert choice['start'] <= NOW - back
    assert choice['end'] == NOW - DAY


@pytest.mark.parametrize('back, code', [
    (HOUR, 120), (6 * HOUR, 120), (7 * HOUR, 110), (12 * HOUR, 110), (13 * HOUR, 100), (DAY, 100),
    (DAY + HOUR, 40), (7 * DAY, 30), (20 * DAY, 20),
])
def test_pro_zones_use_the_pro_intervals_first(back, code):
    assert choose(NOW - back, pro=True)['interval'] == code


def test_pro_intervals_end_now():
    choice = choose(NOW - 5 * HOUR, pro=True)
    assert (choice['start'], choice['end'], choice['hours']) == (NOW - 6 * HOUR, NOW, 6)


def test_midnight_boundary_date_only_start():
    # start "2026-11-22" (midnight) with NOW at noon: 7.5 days back, more than 30's reach? No: 30 reaches 8 days.
    start = datetime.datetime(2026, 11, 22, tzinfo=UTC)
    assert choose(start)['interval'] == 30
    start = datetime.datetime(2026, 11, 21, tzinfo=UTC)  # 8.5 days back
    assert choose(start)['interval'] == 20


def test_offsets_are_just_instants():
    # 2026-11-22T01:00+01:00 is 2026-11-22T00:00Z: the same choice as the UTC midnight.
    start = datetime.datetime(2026, 11, 22, 1, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert choose(start)['interval'] == 30


def test_a_few_minutes_older_than_the_longest_period_is_still_covered():
    assert choose(NOW - 31 * DAY - 3 * 60 * datetime.timedelta(seconds=1))['interval'] == 20


def test_start_older_than_30_days_fails_naming_start():
    with pytest.raises(CdnValidationError) as info:
        choose(NOW - 40 * DAY)
    message = str(info.value)
    assert message.startswith("option start: '2026-10-20T12:00:00Z' is older than CloudFlare statistics reach")
    assert 'allowed: a start on or after 2026-10-29T12:00:00Z' in message
    assert info.value.option == 'start'


def test_interval_10_is_not_used():
    # 365 days appears only in one PHP client, not in the document.
    assert 10 not in [row[0] for row in cf.STATS_INTERVALS]


@pytest.mark.parametrize('end, ok', [
    (NOW, True),
    (NOW + DAY, True),                       # a future end: the data ends at the present anyway
    (NOW - DAY, True),                       # the period's own end
    (NOW - 2 * DAY, True),                   # one day of slack
    (NOW - 2 * DAY - HOUR, False),
])
def test_end_must_lie_within_a_day_of_the_period_end(end, ok):
    start = min(end, NOW) - 3 * DAY
    if ok:
        assert choose(start, end)['interval'] in (30, 20)
        return
    with pytest.raises(CdnValidationError) as info:
        choose(start, end)
    assert str(info.value).startswith("option end: '2026-11-27T11:00:00Z' is too early: CloudFlare takes no dates")
    assert 'allowed: no end (now), or an end on or after 2026-11-27T12:00:00Z' in str(info.value)


def test_doc_sample_normalised():
    choice = dict(interval=20, start=NOW - 31 * DAY, end=NOW - DAY)
    answer = cf.stats_result({'response': {'result': DOC_RESULT}, 'result': 'success'}, choice)
    assert answer['totals'] is None
    assert answer['series'] == [{
        'timestamp': '2012-03-29T20:02:52Z',
        'pageviews': 2671, 'uniques': 243, 'threats': 27,
        'bytes': 80157395 + 60323199, 'bytes_cached': 80157395, 'bytes_uncached': 60323199,
        'requests': 7870, 'hits': 7870, 'hits_cached': 4173, 'hits_uncached': 3697,
    }]
    raw = answer['raw']
    assert raw['interval'] == 20
    assert (raw['period_start'], raw['period_end']) == ('2012-03-29T20:02:52Z', '2012-04-28T20:02:52Z')
    assert raw['result'] == DOC_RESULT
    assert 'CloudFlare takes no dates' in raw['note']


def test_missing_parts_and_string_numbers():
    point = cf.stats_point({'trafficBreakdown': {'pageviews': {'regular': '10', 'threat': '2'}},
                            'requestsServed': {'cloudflare': '5'}}, 'T')
    assert point == {'timestamp': 'T', 'pageviews': 12, 'threats': 2, 'hits_cached': 5, 'requests': 5, 'hits': 5}


def test_answer_without_times_uses_the_chosen_period():
    choice = dict(interval=30, start=NOW - 8 * DAY, end=NOW - DAY)
    answer = cf.stats_result({'response': {'result': {'objs': [{}]}}}, choice)
    assert answer['series'] == [{'timestamp': '2026-11-21T12:00:00Z'}]
    assert answer['raw']['period_end'] == '2026-11-28T12:00:00Z'


@pytest.mark.parametrize('value, expected', [
    (78278.706054688, 80157395), ('1', 1024), (0, 0), (None, None), ('x', None),
])
def test_kib_to_bytes(value, expected):
    assert cf.kib_to_bytes(value) == expected


@pytest.mark.parametrize('value, expected', [
    (0, None), ('0', None), (None, None), (1345768790, '2012-08-24T00:39:50Z'), ('1345768790', '2012-08-24T00:39:50Z'),
])
def test_devmode_expiry(value, expected):
    assert cf.devmode_expiry(value) == expected


def test_zone_is_pro_from_props():
    assert cf.zone_is_pro({'raw': {'zone': {'props': {'pro': 1}}}}) is True
    assert cf.zone_is_pro({'raw': {'zone': {'props': {'pro': 0}}}}) is False
    assert cf.zone_is_pro({}) is False


@pytest.mark.parametrize('text, label, value', [('BAD:0', 'BAD', 0), ('BAD:42', 'BAD', 42), ('GOOD', 'GOOD', None),
                                                (None, None, None)])
def test_parse_score(text, label, value):
    assert cf.parse_score(text) == (label, value)


def test_threat_score_keyed_by_ip():
    expected = dict(ip='192.0.2.1', score='BAD:3', score_label='BAD', score_value=3)
    assert cf.threat_score('192.0.2.1', {'192.0.2.1': 'BAD:3'}) == expected
    # The doc's example answers under a placeholder key: a single entry is taken whatever its key.
    assert cf.threat_score('0.0.0.0', {'[IP]': 'BAD:0'})['score'] == 'BAD:0'
    assert cf.threat_score('0.0.0.0', None)['score'] is None


@pytest.mark.parametrize('rules, problem', [
    ([{'type': 'ip', 'action': 'deny', 'value': '192.0.2.0/24'}], 'has a network'),
    ([{'type': 'country', 'action': 'deny', 'value': 'DE'}], 'lists only IP addresses'),
    ([{'type': 'ip', 'action': 'deny', 'value': '192.0.2.1'}, {'type': 'ip', 'action': 'allow', 'value': '192.0.2.1'}],
     'allows and denies the same IP'),
])
def test_ip_rules_the_lists_cannot_hold(rules, problem):
    with pytest.raises(CdnValidationError) as info:
        cf.check_ip_rules(rules)
    assert problem in str(info.value) and str(info.value).startswith('option rules:')


def test_capabilities_declare_the_new_resources():
    caps = cf.CAPABILITIES
    assert caps.resource('stats').fields == ('zone',)
    assert caps.limits.stats_zone_required is True
    assert caps.limits.access_rule_scope == 'account'
    assert 'list' not in caps.resource('access_rule').operations
    assert caps.resource('access_rule').fields == ('ip',)
    assert caps.resource('ip_info').operations == ('lookup', 'visitors')
    assert caps.resource('snapshot').operations == ('refresh',)
