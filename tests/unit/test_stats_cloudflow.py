"""CloudFlow (OnApp CDN) statistics, access-policy and caching-rule conversions: pure functions
of the adapter (reference/provider-apis.md 2.2)."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow as cf

UTC = datetime.timezone.utc
CET = datetime.timezone(datetime.timedelta(hours=1))
NST = datetime.timezone(-datetime.timedelta(hours=3, minutes=30))


def at(*args, **kwargs):
    return datetime.datetime(*args, tzinfo=kwargs.get('tz', UTC))


@pytest.mark.parametrize('moment, round_up, text', [
    (at(2014, 11, 25, 18, 25), False, '2014-11-25T18:25'),                 # the reference's example
    (at(2014, 11, 25, 18, 25), True, '2014-11-25T18:25'),                  # whole minute: nothing to round
    (at(2014, 11, 25, 18, 25, 30), False, '2014-11-25T18:25'),             # a start is floored
    (at(2014, 11, 25, 18, 25, 30), True, '2014-11-25T18:26'),              # an end is rounded up
    (at(2014, 11, 25, 23, 59, 1), True, '2014-11-26T00:00'),               # ... across midnight
    (at(2014, 11, 26, 0, 0), False, '2014-11-26T00:00'),                   # midnight
    (at(2014, 11, 26, 0, 30, tz=CET), False, '2014-11-25T23:30'),          # converted to UTC, day before
    (at(2014, 12, 31, 22, 0, tz=NST), False, '2015-01-01T01:30'),          # negative offset, next year
    (datetime.datetime(2014, 11, 25, 18, 25), False, '2014-11-25T18:25'),  # naive = UTC
])
def test_bandwidth_time(moment, round_up, text):
    assert cf.bandwidth_time(moment, round_up=round_up) == text


@pytest.mark.parametrize('moment, text', [
    (at(2014, 11, 25, 18, 25, 7), '2014-11-25+18:25:07'),
    (at(2014, 11, 26), '2014-11-26+00:00:00'),                             # midnight
    (at(2014, 11, 26, 0, 30, tz=CET), '2014-11-25+23:30:00'),              # converted to UTC
    (at(2016, 2, 29, 23, 0, tz=NST), '2016-03-01+02:30:00'),               # leap day, negative offset
])
def test_usage_time(moment, text):
    assert cf.usage_time(moment) == text


@pytest.mark.parametrize('value, text', [
    ('2014-11-25T18:00:00Z', '2014-11-25T18:00:00Z'),
    ('2014-11-25T18:00:00.000Z', '2014-11-25T18:00:00Z'),
    ('2014-11-25 18:00:00 UTC', '2014-11-25T18:00:00Z'),
    ('2014-11-25T19:00:00+01:00', '2014-11-25T18:00:00Z'),
    ('2014-11-25T00:30:00+0100', '2014-11-24T23:30:00Z'),                  # back over midnight
    ('2014-11-25T21:30:00-03:30', '2014-11-26T01:00:00Z'),
    ('2014-11-25T18:25', '2014-11-25T18:25:00Z'),                          # the request format itself
    ('2014-11-25', '2014-11-25T00:00:00Z'),
    ('yesterday', None),
    (None, None),
])
def test_stat_timestamp(value, text):
    assert cf.stat_timestamp(value) == text


def test_bandwidth_points_in_bytes_and_mbps():
    fallback = '2014-11-25T18:25:00Z'
    point = cf.bandwidth_point({'stat': {'date': '2014-11-25T19:00:00Z', 'cached': '1.5', 'non_cached': 0.25}},
                               'bytes', None, fallback)
    assert point == dict(timestamp='2014-11-25T19:00:00Z', bytes_cached=1500000000, bytes_uncached=250000000,
                         bytes=1750000000)
    point = cf.bandwidth_point({'stat': {'date': None, 'cached': 10, 'non_cached': '2.5', 'location_id': 11}},
                               'mbps', 'location', fallback)
    assert point == dict(timestamp=fallback, bandwidth_mbps=12.5, location='11')
    point = cf.bandwidth_point({'stat': {'date': '2014-11-25', 'cached': None, 'cdn_resource_id': 4}},
                               'bytes', 'resource', fallback)
    assert point['zone'] == '4' and point['bytes'] == 0


def test_usage_point_carries_labels_and_the_period_start():
    point = cf.usage_point({'cdn_stat': {'user_id': 1, 'edge_group_id': 2, 'location_id': 21, 'cached': 0.5,
                                         'non_cached': '0.125'}}, '2014-11-01T00:00:00Z')
    assert point == dict(timestamp='2014-11-01T00:00:00Z', bytes_cached=500000000, bytes_uncached=125000000,
                         bytes=625000000, location='21', edge_group='2')


def test_access_rules_from_policies():
    resource = dict(ip_access_policy='ALLOW_BY_DEFAULT', ip_addresses='192.0.2.1, 198.51.100.0/24,192.0.2.1',
                    country_access_policy='BLOCK_BY_DEFAULT', countries=['de', 'AT'],
                    hotlink_policy='NONE', domains='example.com')
    rules = cf.access_rules(resource)
    assert [(r['type'], r['action'], r['value']) for r in rules] == [
        ('country', 'allow', 'DE'), ('country', 'allow', 'AT'),
        ('ip', 'deny', '192.0.2.1'), ('ip', 'deny', '198.51.100.0/24')]
    # Block everyone (no list) has no rule form.
    assert cf.access_rules(dict(ip_access_policy='BLOCK_BY_DEFAULT', ip_addresses='')) == []


def test_access_payload_sets_policy_and_list_and_resets_empty_types():
    final = [dict(type='referrer', action='allow', value='*.example.com'),
             dict(type='referrer', action='allow', value='example.com'),
             dict(type='ip', action='deny', value='192.0.2.1')]
    body = cf.access_payload(final, {'referrer', 'country'})['cdn_resource']
    assert body == {'hotlink_policy': 'BLOCK_BY_DEFAULT', 'domains': '*.example.com example.com',
                    'country_access_policy': 'ALLOW_BY_DEFAULT', 'countries': []}
    body = cf.access_payload(final, {'ip'})['cdn_resource']
    assert body == {'ip_access_policy': 'ALLOW_BY_DEFAULT', 'ip_addresses': '192.0.2.1'}


def test_validate_access_rules_refuses_two_actions_of_one_type():
    adapter = cf.Adapter(client=None)
    zone = dict(id='1', hostname='cdn.example.com')
    adapter.validate_access_rules(zone, [dict(type='ip', action='deny', value='192.0.2.1'),
                                         dict(type='country', action='allow', value='DE')])
    with pytest.raises(CdnValidationError) as caught:
        adapter.validate_access_rules(zone, [dict(type='ip', action='deny', value='192.0.2.1'),
                                             dict(type='ip', action='allow', value='192.0.2.2')])
    text = str(caught.value)
    assert text.startswith('option rules:') and 'ALLOW_BY_DEFAULT' in text and 'only allow or only deny' in text


def test_caching_rule_plan_by_name():
    current = [dict(id=1, name='a', conditions=[], actions=['x']), dict(id=2, name='b', conditions=[], actions=[])]
    desired = cf.caching_rules([dict(name='c', actions=['y']), dict(name='a', conditions=[], actions=['z'])])
    create, update, delete = cf.caching_rule_plan(current, desired)
    assert [r['name'] for r in create] == ['c']
    assert update == [(1, dict(name='a', conditions=[], actions=['z']))]
    assert [r['id'] for r in delete] == [2]


@pytest.mark.parametrize('value, option', [
    ([dict(conditions=[])], 'settings.http_caching_rules[0].name'),
    ([dict(name='a'), dict(name='a')], 'settings.http_caching_rules[1].name'),
    ([dict(name='a', actions='cache')], 'settings.http_caching_rules[0].actions'),
    ([dict(name='a', ttl=3)], 'settings.http_caching_rules[0]'),
    (['a'], 'settings.http_caching_rules[0]'),
])
def test_check_caching_rules(value, option):
    with pytest.raises(CdnValidationError) as caught:
        cf.check_caching_rules(value)
    assert str(caught.value).startswith('option %s' % option)


@pytest.mark.parametrize('instructions, expected', [
    ({'ftp_host': 'push-1.example.net', 'ftp_user': 'cdn42', 'text': '...'}, ('push-1.example.net', 'cdn42')),
    ('Upload by FTP.\nFTP host: push.example.net\nFTP username: u1\n', ('push.example.net', 'u1')),
    ({'text': 'ftp_server=p.example.net ftp_login=u2'}, ('p.example.net', None)),
    ('Create a CNAME record', (None, None)),
    (None, (None, None)),
])
def test_ftp_details(instructions, expected):
    assert cf.ftp_details(instructions) == expected
