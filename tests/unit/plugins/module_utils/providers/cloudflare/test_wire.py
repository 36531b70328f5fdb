"""CloudFlare wire.py: pure translation between the API's shapes and the option shapes (normalisers,
encoders, payloads, the stats interval choice and answer, IP lists and threat scores).

Section numbers are those of the "CloudFlare Client Interface API" document
(https://www.cloudflare.com/docs/client-api.html)."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import compare
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare import wire

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 29, 12, 0, 0, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


# --- zones and settings (3.2 zone_load_multi, 3.7 zone_settings) -----------------

def test_canonical_settings_from_doc_example(doc_settings):
    assert wire.canonical_settings(doc_settings) == {
        'sec_lvl': 'med', 'cache_lvl': 'agg', 'devmode': False, 'ipv46': True,
        'async': '0', 'minify': 0, 'mirage2': False,
    }


@pytest.mark.parametrize('value, expected', [
    (0, False), ('0', False), (1379098800, True), ('1379098800', True), (None, None),
])
def test_dev_mode_timestamp_is_a_bool(value, expected):
    assert wire.devmode_on(value) is expected


@pytest.mark.parametrize('value, expected', [(0, False), ('0', False), (1, True), ('3', True), (5, True)])
def test_ipv46_any_non_zero_is_on(value, expected):
    assert wire.ipv46_on(value) is expected


@pytest.mark.parametrize('img, expected', [
    ('0', False), (1, True), ('170', False), ('171', True), (200, False), ('201', True),
])
def test_mirage_from_img(img, expected):
    assert wire.mirage_on({'img': img}) is expected


def test_mirage_field_wins_and_missing_is_unknown():
    assert wire.mirage_on({'mirage2': '1', 'img': '0'}) is True
    assert wire.mirage_on({}) is None
    assert wire.canonical_settings({}) == dict((k, None) for k in wire.SETTING_ORDER)


def test_async_and_minify_types():
    settings = wire.canonical_settings({'async': 0, 'minify': '7'})
    assert settings['async'] == '0' and settings['minify'] == 7
    assert wire.canonical_settings({'minify': 'weird'})['minify'] is None


def test_canonical_settings_compare_equal_to_validated_input(zone_obj, doc_settings):
    caps = cloudflare.CAPABILITIES
    desired = caps.check_fields('zone', {'hostname': 'example.com', 'settings': {
        'sec_lvl': 'med', 'cache_lvl': 'agg', 'devmode': 'false', 'ipv46': 'yes', 'async': 0, 'minify': '0',
        'mirage2': False}})
    current = wire.canonical_zone(zone_obj, doc_settings)
    assert compare(desired, current) == {}
    desired['settings']['minify'] = 3
    assert compare(desired, current) == {'settings': {'minify': 3}}


def test_canonical_zone(zone_obj, doc_settings):
    zone = wire.canonical_zone(zone_obj, doc_settings)
    assert zone['id'] == '42' and zone['hostname'] == 'example.com'
    assert zone['cdn_domain'] is None and zone['status'] == 'active'
    assert zone['raw'] == {'zone': zone_obj, 'settings': doc_settings}
    assert 'settings' not in wire.canonical_zone(zone_obj)
    assert wire.zone_status({'zone_status_class': 'status-dev-mode'}) == 'dev-mode'
    assert wire.zone_status({'zone_status': 'V'}) == 'V'
    assert wire.zone_name_of(zone) == 'Example.COM'
    assert wire.zone_name_of({'hostname': 'example.com'}) == 'example.com'


@pytest.mark.parametrize('name, value, sent', [
    ('ipv46', True, '3'), ('ipv46', False, '0'), ('devmode', True, '1'), ('mirage2', False, '0'),
    ('minify', 6, '6'), ('async', 'm', 'm'), ('sec_lvl', 'help', 'help'),
])
def test_encode_setting(name, value, sent):
    assert wire.encode_setting(name, value) == sent


def test_response_of_is_liberal():
    body = {'response': {'zones': {'objs': [1]}}}
    assert wire.response_of(body, 'zones', 'objs') == [1]
    assert wire.response_of({'result': 'success', 'msg': None}, 'zone', 'obj') is None
    assert wire.response_of(None, 'zones') is None
    assert wire.response_of({'response': {'zone': []}}, 'zone', 'obj') is None


@pytest.mark.parametrize('value, expected', [
    (0, None), ('0', None), (None, None), (1345768790, '2012-08-24T00:39:50Z'), ('1345768790', '2012-08-24T00:39:50Z'),
])
def test_devmode_expiry(value, expected):
    assert wire.devmode_expiry(value) == expected


def test_zone_is_pro_from_props():
    assert wire.zone_is_pro({'raw': {'zone': {'props': {'pro': 1}}}}) is True
    assert wire.zone_is_pro({'raw': {'zone': {'props': {'pro': 0}}}}) is False
    assert wire.zone_is_pro({}) is False


# --- purge (4.4 fpurge_ts, 4.5 zone_file_purge) ------------------------------------

def test_purge_payloads_as_the_document_shows_them():
    assert wire.fpurge_fields('example.com') == {'z': 'example.com', 'v': '1'}
    assert wire.file_purge_fields('example.com', 'http://www.example.com/style.css') == {
        'z': 'example.com', 'url': 'http://www.example.com/style.css'}


def test_purge_answers_become_finished_jobs(zone_obj):
    # The bodies of the document (4.4, 4.5) and of jlinn/pyflare's fixtures: zone_file_purge echoes the URL;
    # fpurge_ts answers its time and a cooldown.
    file_body = {'request': {'act': 'zone_file_purge'}, 'response': {'vtxt_match': None, 'url': 'http://example.com/a.css'},
                 'result': 'success', 'msg': None}
    job = wire.purge_job_of(file_body, 'purge', 'http://example.com/a.css')
    assert job == dict(id='http://example.com/a.css', status='finished', done=True, failed=None, urls=1,
                       raw=dict(url='http://example.com/a.css', vtxt_match=None))
    all_body = {'response': {'fpurge_ts': 1345757991, 'zone': {'obj': zone_obj}}, 'result': 'success',
                'msg': None, 'attributes': {'cooldown': 20}}
    everything = wire.purge_job_of(all_body, 'purge_all', None)
    assert everything['id'] == '1345757991' and everything['done'] is True and everything['urls'] is None
    assert everything['raw'] == {'fpurge_ts': 1345757991, 'cooldown': 20}
    # Liberal: an answer without response still reports the URL sent.
    assert wire.purge_job_of({'result': 'success'}, 'purge', 'http://example.com/b')['id'] == 'http://example.com/b'


@pytest.mark.parametrize('ssl, schemes', [('0', ('http',)), (0, ('http',)), ('1', ('http', 'https')),
                                          ('3', ('http', 'https')), (None, ('http',))])
def test_purge_schemes_follow_the_zone_ssl_setting(zone_obj, doc_settings, ssl, schemes):
    assert wire.purge_schemes_of(wire.canonical_zone(zone_obj, dict(doc_settings, ssl=ssl))) == schemes
    assert wire.purge_schemes_of({}) == ('http',)


# --- statistics (3.1 stats) ----------------------------------------------------------

# The 3.1 sample answer (response.result).
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
    return wire.choose_interval(start, end, NOW, pro=pro)


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
    # 365 days is not in the document (3.1 lists 20, 30, 40 and the Pro values 100, 110, 120).
    assert 10 not in [row[0] for row in wire.STATS_INTERVALS]


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
    answer = wire.stats_result({'response': {'result': DOC_RESULT}, 'result': 'success'}, choice)
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
    point = wire.stats_point({'trafficBreakdown': {'pageviews': {'regular': '10', 'threat': '2'}},
                              'requestsServed': {'cloudflare': '5'}}, 'T')
    assert point == {'timestamp': 'T', 'pageviews': 12, 'threats': 2, 'hits_cached': 5, 'requests': 5, 'hits': 5}


def test_answer_without_times_uses_the_chosen_period():
    choice = dict(interval=30, start=NOW - 8 * DAY, end=NOW - DAY)
    answer = wire.stats_result({'response': {'result': {'objs': [{}]}}}, choice)
    assert answer['series'] == [{'timestamp': '2026-11-21T12:00:00Z'}]
    assert answer['raw']['period_end'] == '2026-11-28T12:00:00Z'


@pytest.mark.parametrize('value, expected', [
    (78278.706054688, 80157395), ('1', 1024), (0, 0), (None, None), ('x', None),
])
def test_kib_to_bytes(value, expected):
    assert wire.kib_to_bytes(value) == expected


# --- IP information (3.5 zone_ips, 3.6 ip_lkup) and IP lists (4.7) -----------------

@pytest.mark.parametrize('text, label, value', [('BAD:0', 'BAD', 0), ('BAD:42', 'BAD', 42), ('GOOD', 'GOOD', None),
                                                (None, None, None)])
def test_parse_score(text, label, value):
    assert wire.parse_score(text) == (label, value)


def test_threat_score_keyed_by_ip():
    expected = dict(ip='192.0.2.1', score='BAD:3', score_label='BAD', score_value=3)
    assert wire.threat_score('192.0.2.1', {'192.0.2.1': 'BAD:3'}) == expected
    # The document's sample answers under a placeholder key: a single entry is taken whatever its key.
    assert wire.threat_score('0.0.0.0', {'[IP]': 'BAD:0'})['score'] == 'BAD:0'
    assert wire.threat_score('0.0.0.0', None)['score'] is None


def test_visitor_from_the_document_sample():
    obj = {'ip': '192.0.2.7', 'classification': 'regular', 'hits': 44, 'latitude': 37.76969909668,
           'longitude': -122.39330291748, 'zone_name': 'Example.com'}
    assert wire.visitor(obj) == dict(ip='192.0.2.7', classification='regular', hits=44, latitude=37.76969909668,
                                     longitude=-122.39330291748, zone='example.com')


@pytest.mark.parametrize('rules, problem', [
    ([{'type': 'ip', 'action': 'deny', 'value': '192.0.2.0/24'}], 'has a network'),
    ([{'type': 'country', 'action': 'deny', 'value': 'DE'}], 'lists only IP addresses'),
    ([{'type': 'ip', 'action': 'deny', 'value': '192.0.2.1'}, {'type': 'ip', 'action': 'allow', 'value': '192.0.2.1'}],
     'allows and denies the same IP'),
])
def test_ip_rules_the_lists_cannot_hold(rules, problem):
    with pytest.raises(CdnValidationError) as info:
        wire.check_ip_rules(rules)
    assert problem in str(info.value) and str(info.value).startswith('option rules:')


def test_ip_list_key_is_the_address():
    assert wire.ip_list_key({'type': 'ip', 'action': 'deny', 'value': '192.0.2.1'}) == '192.0.2.1'
