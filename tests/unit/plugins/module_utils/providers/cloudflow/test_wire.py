# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure tests of CloudFlow's wire.py: the OnApp CDN resource read into the canonical zone, origin,
certificate and storage shapes, the request bodies, statistics dates and units, access policies
and HTTP caching rules (no request sent)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import SECRET_DIFFERS, secret_view
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import wire
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

UTC = datetime.timezone.utc
CET = datetime.timezone(datetime.timedelta(hours=1))
NST = datetime.timezone(-datetime.timedelta(hours=3, minutes=30))


BASIC = {
    'id': 7, 'cdn_hostname': 'CDN.Example.com.', 'cname': '990113327.r.worldcdn.net', 'resource_type': 'HTTP_PULL',
    'status': 'ACTIVE', 'ssl_on': 1, 'cdn_ssl_certificate_id': 12, 'secondary_hostnames': ['b.example.com', 'A.example.com'],
    'origins': [{'key': 'origin_1', 'value': 'o1.example.com'}, {'key': 'origin_2', 'value': 'o2.example.com'}],
    'edge_groups': [{'id': 2, 'label': 'NA'}, {'id': 1, 'label': 'EU'}],
}
ADVANCED = {
    'id': 7, 'origin_policy': 'HTTPS', 'url_signing_on': '1', 'url_signing_key': 'topsecret', 'passwords': {'u': 'p'},
    'countries': ['fr', 'DE'], 'country_access_policy': 'BLOCK_BY_DEFAULT', 'ip_access_policy': '',
    'ip_addresses': '10.0.0.2, 10.0.0.1', 'domains': 'b.com  a.com', 'cache_expiry': '45', 'limit_rate': None,
    'http_bot_blocked': 0,
}


def test_canonical_resource_maps_fields():
    zone = wire.canonical_resource(BASIC, ADVANCED)
    assert zone['id'] == '7'
    assert zone['hostname'] == 'cdn.example.com'
    assert zone['aliases'] == ['a.example.com', 'b.example.com']
    assert zone['origin'] == 'https://o1.example.com'
    assert zone['origins'] == ['o1.example.com', 'o2.example.com']
    assert zone['tls'] is True
    assert zone['certificate_id'] == '12'
    assert zone['cdn_domain'] == '990113327.r.worldcdn.net'
    assert zone['status'] == 'ACTIVE'
    settings = zone['settings']
    assert settings['edge_group_ids'] == [1, 2]
    assert settings['countries'] == ['DE', 'FR']
    assert settings['ip_access_policy'] is None
    assert settings['ip_addresses'] == '10.0.0.1,10.0.0.2'
    assert settings['domains'] == 'a.com b.com'
    assert settings['cache_expiry'] == 45
    assert settings['url_signing_on'] is True and settings['http_bot_blocked'] is False
    assert settings['limit_rate'] is None


def test_canonical_resource_never_holds_secrets():
    zone = wire.canonical_resource(BASIC, ADVANCED)
    assert 'topsecret' not in repr(zone)
    assert "'p'" not in repr(zone['raw'])
    assert zone['settings']['url_signing_key'] == REDACTED
    assert zone['raw']['url_signing_key'] == REDACTED
    assert zone['raw']['passwords'] == REDACTED
    assert zone['raw']['origins'][0] == {'key': 'origin_1', 'value': 'o1.example.com'}


@pytest.mark.parametrize('value, wanted, shown', [
    ('topsecret', None, REDACTED),
    ('topsecret', 'topsecret', REDACTED),
    ('topsecret', 'other', SECRET_DIFFERS),
    ('', None, None),
    (None, 'new', None),
    ('', '', ''),
])
def test_secret_view(value, wanted, shown):
    assert secret_view(value, wanted) == shown


def test_canonical_resource_http_origin_and_older_shapes():
    zone = wire.canonical_resource({'id': 1, 'cdn_hostname': 'x.example.com', 'origins_for_api': ['o.example.com:8080'],
                                    'ssl_on': False})
    assert zone['origin'] == 'http://o.example.com:8080'
    assert zone['tls'] is False
    assert zone['certificate_id'] is None
    assert 'url_signing_key' not in zone['settings']


@pytest.mark.parametrize('url, origin, policy', [
    ('http://o.example.com', 'o.example.com', 'HTTP'),
    ('https://O.example.com:8443', 'o.example.com:8443', 'HTTPS'),
])
def test_split_origin(url, origin, policy):
    assert wire.split_origin(url) == (origin, policy)


@pytest.mark.parametrize('url', ['http://o.example.com/path', 'ftp://o.example.com', 'o.example.com'])
def test_split_origin_rejects(url):
    with pytest.raises(CdnValidationError):
        wire.split_origin(url)


def test_create_payload_wraps_and_sends_flags_as_numbers():
    desired = dict(hostname='cdn.example.com', origin='https://o.example.com', aliases=['a.example.com'], tls=True,
                   certificate_id='12', settings={'http_bot_blocked': False, 'url_signing_key': REDACTED,
                                                  'cache_expiry': 60, 'limit_rate': None})
    payload = wire.create_payload(desired, [1, 2], {'url_signing_key': 'k'})
    assert payload == {'cdn_resource': {
        'cdn_hostname': 'cdn.example.com', 'resource_type': 'HTTP_PULL', 'origin': 'o.example.com',
        'origin_policy': 'HTTPS', 'secondary_hostnames': ['a.example.com'], 'ssl_on': 1, 'cdn_ssl_certificate_id': 12,
        'http_bot_blocked': 0, 'url_signing_key': 'k', 'cache_expiry': 60, 'edge_group_ids': [1, 2]}}


def test_create_payload_prefers_declared_edge_groups():
    desired = dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'edge_group_ids': [2]})
    assert wire.create_payload(desired, [1, 2])['cdn_resource']['edge_group_ids'] == [2]


def test_update_payload_carries_only_changes():
    current = wire.canonical_resource(BASIC, ADVANCED)
    assert wire.update_payload({'settings': {'cache_expiry': 60}}, current) == {'cdn_resource': {'cache_expiry': 60}}
    assert wire.update_payload({'tls': False}, current) == {'cdn_resource': {'ssl_on': 0}}
    assert wire.update_payload({'aliases': []}, current) == {'cdn_resource': {'secondary_hostnames': []}}


def test_update_payload_origin_keeps_other_origins():
    current = wire.canonical_resource(BASIC, ADVANCED)
    assert wire.update_payload({'origin': 'https://n.example.com'}, current) == {
        'cdn_resource': {'origin': 'n.example.com,o2.example.com'}}
    assert wire.update_payload({'origin': 'http://n.example.com'}, current) == {
        'cdn_resource': {'origin': 'n.example.com,o2.example.com', 'origin_policy': 'HTTP'}}


def test_update_payload_substitutes_secret():
    current = wire.canonical_resource(BASIC, ADVANCED, {'url_signing_key': 'new'})
    assert current['settings']['url_signing_key'] == SECRET_DIFFERS
    payload = wire.update_payload({'settings': {'url_signing_key': REDACTED}}, current, {'url_signing_key': 'new'})
    assert payload == {'cdn_resource': {'url_signing_key': 'new'}}


@pytest.mark.parametrize('key, value, expected', [
    ('countries', ['fr', 'de', 'FR'], ['DE', 'FR']),
    ('ip_addresses', '10.0.0.2,10.0.0.1  10.0.0.3', '10.0.0.1,10.0.0.2,10.0.0.3'),
    ('domains', 'b.com a.com', 'a.com b.com'),
    ('edge_group_ids', ['2', 1], [1, 2]),
    ('cors_on', '0', False),
    ('hotlink_policy', 'allow_by_default', 'ALLOW_BY_DEFAULT'),
    ('limit_rate', '100', 100),
])
def test_normalize_setting(key, value, expected):
    assert wire.normalize_setting(key, value) == expected


# --- origins (cdn_origin) ----------------------------------------------------------

def test_wire_origins_is_the_one_separator():
    assert wire.wire_origins(['a.example.com', 'b.example.com:8080']) == 'a.example.com,b.example.com:8080'
    assert wire.wire_origins(['a.example.com']) == 'a.example.com'


@pytest.mark.parametrize('value, protocol, endpoint', [
    ('o.example.com', 'http', {'host': 'o.example.com', 'port': 80}),
    ('O.Example.com', 'https', {'host': 'o.example.com', 'port': 443}),
    ('o.example.com:8080', 'https', {'host': 'o.example.com', 'port': 8080}),
    ('https://o.example.com', 'http', {'host': 'o.example.com', 'port': 443}),
    ('192.0.2.1', 'auto', {'host': '192.0.2.1', 'port': None}),
])
def test_origin_endpoint(value, protocol, endpoint):
    assert wire.origin_endpoint(value, protocol) == endpoint


def test_canonical_origin_lists_every_origin_in_order():
    zone = wire.canonical_resource(BASIC, ADVANCED)
    origin = wire.canonical_origin(zone)
    assert origin['id'] == origin['zone'] == '7' and origin['kind'] == 'origin' and origin['name'] == 'cdn.example.com'
    assert origin['protocol'] == 'https'
    assert origin['endpoints'] == [{'host': 'o1.example.com', 'port': 443}, {'host': 'o2.example.com', 'port': 443}]
    assert origin['raw']['origins'][1] == {'key': 'origin_2', 'value': 'o2.example.com'}
    plain = wire.canonical_origin(wire.canonical_resource(dict(BASIC, origins=[]), {'origin_policy': None}))
    assert plain['endpoints'] == [] and plain['protocol'] == 'http'


def test_origin_payload_sends_origin_string_and_policy():
    current = wire.canonical_origin(wire.canonical_resource(BASIC, ADVANCED))
    endpoints = [{'host': 'a.example.com', 'port': 443}, {'host': 'b.example.com', 'port': 8443}]
    assert wire.origin_payload({'endpoints': endpoints}, current) == {
        'cdn_resource': {'origin': 'a.example.com,b.example.com:8443'}}
    # the default port is the new protocol's: omitted for 80 under http, kept for 443
    assert wire.origin_payload({'protocol': 'http', 'endpoints': endpoints}, current) == {
        'cdn_resource': {'origin_policy': 'HTTP', 'origin': 'a.example.com:443,b.example.com:8443'}}
    assert wire.origin_payload({'protocol': 'https'}, current) == {'cdn_resource': {'origin_policy': 'HTTPS'}}
    assert wire.origin_payload({}, current) == {'cdn_resource': {}}


# --- certificates (cdn_certificate) -------------------------------------------------

FP = 'ab' * 20


class Local:
    def __init__(self, name=None, chain=None):
        self.certificate_pem = '-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n'
        self.private_key_pem = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n'
        self.chain_pem = chain
        self.info = {'fingerprint': FP, 'common_name': 'www.example.com'}
        self.name = name
        self.hostname = 'www.example.com'


@pytest.mark.parametrize('value, name, fingerprint', [
    ('www-2026-sha1-' + FP, 'www-2026', FP),
    ('a-sha1-b-sha1-' + FP, 'a-sha1-b', FP),
    ('www-2026', 'www-2026', None),
    ('www-sha1-' + FP[:39], 'www-sha1-' + FP[:39], None),
    (None, '', None),
])
def test_split_certificate_name(value, name, fingerprint):
    assert wire.split_certificate_name(value) == (name, fingerprint)
    if fingerprint:
        assert wire.certificate_wire_name(name, fingerprint) == value


def test_certificate_payload_uses_the_declared_field_names_and_bundles_the_chain():
    assert wire.CERTIFICATE_UPLOAD_FIELDS == {'name': 'name', 'certificate': 'cert', 'private_key': 'key', 'chain': None}
    chain = '-----BEGIN CERTIFICATE-----\nINTER\n-----END CERTIFICATE-----\n'
    body = wire.certificate_payload(Local(name='www-2026', chain=chain))['cdn_ssl_certificate']
    assert sorted(body) == ['cert', 'key', 'name']
    assert body['name'] == 'www-2026-sha1-' + FP
    assert body['cert'].index('LEAF') < body['cert'].index('INTER')
    assert body['key'].startswith('-----BEGIN PRIVATE KEY-----')
    plain = wire.certificate_payload(Local())['cdn_ssl_certificate']
    assert plain['name'] == 'www.example.com-sha1-' + FP and 'INTER' not in plain['cert']


def test_certificate_payload_follows_a_chain_field_when_one_is_declared(monkeypatch):
    monkeypatch.setitem(wire.CERTIFICATE_UPLOAD_FIELDS, 'chain', 'chain')
    body = wire.certificate_payload(Local(chain='CHAIN'))['cdn_ssl_certificate']
    assert body['chain'] == 'CHAIN' and 'CHAIN' not in body['cert']


def test_canonical_certificate_zones_and_raw():
    item = {'cdn_ssl_certificate': {'id': 5, 'name': 'www-sha1-' + FP, 'user_id': 1, 'created_at': 'x',
                                    'updated_at': 'y', 'cdn_reference': 9, 'cert': 'PEM', 'key': 'SECRET'}}
    resources = [{'id': 1, 'cdn_ssl_certificate_id': 5}, {'id': 2, 'cdn_ssl_certificate_id': '5'},
                 {'id': 3, 'cdn_ssl_certificate_id': None}, {'id': 4, 'cdn_ssl_certificate_id': 55}]
    cert = wire.canonical_certificate(item, resources)
    assert cert['id'] == '5' and cert['name'] == 'www' and cert['fingerprint'] == FP
    assert cert['zones'] == ['1', '2']
    assert cert['not_after'] is None and cert['common_name'] is None
    assert 'cert' not in cert['raw'] and 'key' not in cert['raw'] and cert['raw']['cdn_reference'] == 9
    foreign = wire.canonical_certificate({'id': 6, 'name': 'manual'})
    assert foreign['name'] == 'manual' and foreign['fingerprint'] is None and foreign['zones'] == []


# --- statistics (cdn_stats_info) ----------------------------------------------------

def at(*args, **kwargs):
    return datetime.datetime(*args, tzinfo=kwargs.get('tz', UTC))


@pytest.mark.parametrize('moment, round_up, text', [
    (at(2014, 11, 25, 18, 25), False, '2014-11-25T18:25'),                 # the example of "View CDN Resource Bandwidth Statistics"
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
    assert wire.bandwidth_time(moment, round_up=round_up) == text


@pytest.mark.parametrize('moment, text', [
    (at(2014, 11, 25, 18, 25, 7), '2014-11-25+18:25:07'),
    (at(2014, 11, 26), '2014-11-26+00:00:00'),                             # midnight
    (at(2014, 11, 26, 0, 30, tz=CET), '2014-11-25+23:30:00'),              # converted to UTC
    (at(2016, 2, 29, 23, 0, tz=NST), '2016-03-01+02:30:00'),               # leap day, negative offset
])
def test_usage_time(moment, text):
    assert wire.usage_time(moment) == text


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
    assert wire.stat_timestamp(value) == text


def test_bandwidth_points_in_bytes_and_mbps():
    fallback = '2014-11-25T18:25:00Z'
    point = wire.bandwidth_point({'stat': {'date': '2014-11-25T19:00:00Z', 'cached': '1.5', 'non_cached': 0.25}},
                                 'bytes', None, fallback)
    assert point == dict(timestamp='2014-11-25T19:00:00Z', bytes_cached=1500000000, bytes_uncached=250000000,
                         bytes=1750000000)
    point = wire.bandwidth_point({'stat': {'date': None, 'cached': 10, 'non_cached': '2.5', 'location_id': 11}},
                                 'mbps', 'location', fallback)
    assert point == dict(timestamp=fallback, bandwidth_mbps=12.5, location='11')
    point = wire.bandwidth_point({'stat': {'date': '2014-11-25', 'cached': None, 'cdn_resource_id': 4}},
                                 'bytes', 'resource', fallback)
    assert point['zone'] == '4' and point['bytes'] == 0


def test_usage_point_carries_labels_and_the_period_start():
    point = wire.usage_point({'cdn_stat': {'user_id': 1, 'edge_group_id': 2, 'location_id': 21, 'cached': 0.5,
                                           'non_cached': '0.125'}}, '2014-11-01T00:00:00Z')
    assert point == dict(timestamp='2014-11-01T00:00:00Z', bytes_cached=500000000, bytes_uncached=125000000,
                         bytes=625000000, location='21', edge_group='2')


# --- access rules (cdn_access_rule) -------------------------------------------------

def test_access_rules_from_policies():
    resource = dict(ip_access_policy='ALLOW_BY_DEFAULT', ip_addresses='192.0.2.1, 198.51.100.0/24,192.0.2.1',
                    country_access_policy='BLOCK_BY_DEFAULT', countries=['de', 'AT'],
                    hotlink_policy='NONE', domains='example.com')
    rules = wire.access_rules(resource)
    assert [(r['type'], r['action'], r['value']) for r in rules] == [
        ('country', 'allow', 'DE'), ('country', 'allow', 'AT'),
        ('ip', 'deny', '192.0.2.1'), ('ip', 'deny', '198.51.100.0/24')]
    # Block everyone (no list) has no rule form.
    assert wire.access_rules(dict(ip_access_policy='BLOCK_BY_DEFAULT', ip_addresses='')) == []


def test_access_payload_sets_policy_and_list_and_resets_empty_types():
    final = [dict(type='referrer', action='allow', value='*.example.com'),
             dict(type='referrer', action='allow', value='example.com'),
             dict(type='ip', action='deny', value='192.0.2.1')]
    body = wire.access_payload(final, {'referrer', 'country'})['cdn_resource']
    assert body == {'hotlink_policy': 'BLOCK_BY_DEFAULT', 'domains': '*.example.com example.com',
                    'country_access_policy': 'ALLOW_BY_DEFAULT', 'countries': []}
    body = wire.access_payload(final, {'ip'})['cdn_resource']
    assert body == {'ip_access_policy': 'ALLOW_BY_DEFAULT', 'ip_addresses': '192.0.2.1'}


# --- HTTP caching rules and instructions (cdn_zone extras, cdn_storage) --------------

def test_caching_rule_plan_by_name():
    current = [dict(id=1, name='a', conditions=[], actions=['x']), dict(id=2, name='b', conditions=[], actions=[])]
    desired = wire.caching_rules([dict(name='c', actions=['y']), dict(name='a', conditions=[], actions=['z'])])
    create, update, delete = wire.caching_rule_plan(current, desired)
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
        wire.check_caching_rules(value)
    assert str(caught.value).startswith('option %s' % option)


@pytest.mark.parametrize('instructions, expected', [
    ({'ftp_host': 'push-1.example.net', 'ftp_user': 'cdn42', 'text': '...'}, ('push-1.example.net', 'cdn42')),
    ('Upload by FTP.\nFTP host: push.example.net\nFTP username: u1\n', ('push.example.net', 'u1')),
    ({'text': 'ftp_server=p.example.net ftp_login=u2'}, ('p.example.net', None)),
    ('Create a CNAME record', (None, None)),
    (None, (None, None)),
])
def test_ftp_details(instructions, expected):
    assert wire.ftp_details(instructions) == expected


def test_rules_with_ids_keep_the_answered_ids():
    items = [{'rule': {'id': 4, 'name': 'b', 'conditions': None, 'actions': ['x']}}, {'id': 3, 'name': 'a'}]
    assert wire.rules_with_ids(items) == [dict(name='b', conditions=[], actions=['x'], id=4),
                                          dict(name='a', conditions=[], actions=[], id=3)]


# --- bodies of the other writes ----------------------------------------------------------------


def test_purge_body_is_one_path_a_line_and_purge_all_has_none():
    assert wire.purge_body('purge_paths', ['/a.css', '/b/c.js']) == {'purge_paths': '/a.css\n/b/c.js'}
    assert wire.purge_body(None, []) == {}
    jobs = wire.purge_jobs(['/a.css', '/b.css'], {'ignored': 1})
    assert jobs == [dict(id=None, status='accepted', done=True, failed=None, urls=2, raw={'ignored': 1})]
    assert wire.purge_jobs([], None)[0]['urls'] is None and wire.purge_jobs([], None)[0]['raw'] == {}


def test_bind_and_password_payloads():
    assert wire.bind_payload('12') == {'cdn_resource': {'cdn_ssl_certificate_id': 12, 'ssl_on': 1}}
    assert wire.password_payload('s3cret') == {'cdn_resource': {'ftp_password': 's3cret'}}


def test_storage_from_a_push_resource():
    basic = {'id': 9, 'cdn_hostname': 'Files.example.com', 'resource_type': 'HTTP_PUSH', 'cname': 'p.worldcdn.net',
             'ftp_password': 'pw'}
    storage = wire.canonical_storage(basic, {'storage_server_location': 'europe'}, 'FTP host: push.example.net\n')
    assert storage['id'] == '9' and storage['name'] == 'files.example.com' and storage['region'] == 'europe'
    assert storage['ftp_host'] == 'push.example.net' and storage['ftp_user'] is None
    assert storage['bytes'] is None and storage['raw']['ftp_password'] == REDACTED
    assert wire.is_storage(basic) and not wire.is_storage({'resource_type': 'HTTP_PULL'})
    body = wire.storage_create_payload({'name': 'files.example.com', 'region': 'asia'}, 'pw', [1])['cdn_resource']
    assert body == dict(cdn_hostname='files.example.com', resource_type='HTTP_PUSH', ftp_password='pw',
                        storage_server_location='asia', edge_group_ids=[1])


def test_bandwidth_body_and_result():
    zone = {'id': '7', 'raw': {'cdn_reference': '1234'}}
    query = dict(start=at(2014, 11, 25, 18, 25), end=at(2014, 11, 25, 19, 0, 30), zone=zone)
    body = wire.bandwidth_body(query, 'bandwidth_by_location', 'mbps')
    assert body == dict(start='2014-11-25T18:25', end='2014-11-25T19:01', type='MBPS', group_by='location',
                        resources=[1234])
    assert wire.bandwidth_body(dict(query, zone={'id': '7', 'raw': {}}), 'bandwidth', 'bytes')['resources'] == [7]
    stats = [{'stat': {'date': '2014-11-25T19:00:00Z', 'cached': 4, 'non_cached': 1, 'location_id': 2}},
             {'stat': {'date': '2014-11-25T18:30:00Z', 'cached': 8, 'non_cached': 0, 'location_id': 1}}]
    result = wire.bandwidth_stats(stats, body, 'mbps', 'RAW')
    assert [p['timestamp'] for p in result['series']] == ['2014-11-25T18:30:00Z', '2014-11-25T19:00:00Z']
    assert result['totals'] == {'bandwidth_mbps': 8.0} and result['raw'] == 'RAW'
    assert wire.bandwidth_stats([], wire.bandwidth_body(query, 'bandwidth', 'bytes'), 'bytes', [])['totals'] is None


def test_usage_period_and_result():
    query = dict(start=at(2014, 11, 1), end=at(2014, 12, 1, 0, 0, 5))
    assert wire.usage_period(query) == {'startdate': '2014-11-01+00:00:00', 'enddate': '2014-12-01+00:00:05'}
    stats = [{'cdn_stat': {'edge_group_id': 2, 'location_id': 1, 'cached': 1}},
             {'cdn_stat': {'edge_group_id': 1, 'location_id': 5, 'non_cached': 2}}]
    result = wire.usage_stats(stats, query['start'], 'RAW')
    assert [p['edge_group'] for p in result['series']] == ['1', '2']
    assert all(p['timestamp'] == '2014-11-01T00:00:00Z' for p in result['series']) and result['totals'] is None
