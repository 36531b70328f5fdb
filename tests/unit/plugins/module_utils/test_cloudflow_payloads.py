# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure tests of the CloudFlow (OnApp CDN) payload builders, normalisers and error dialect."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow as cf

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError

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
    zone = cf.canonical_resource(BASIC, ADVANCED)
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
    zone = cf.canonical_resource(BASIC, ADVANCED)
    assert 'topsecret' not in repr(zone)
    assert "'p'" not in repr(zone['raw'])
    assert zone['settings']['url_signing_key'] == cf.REDACTED
    assert zone['raw']['url_signing_key'] == cf.REDACTED
    assert zone['raw']['passwords'] == cf.REDACTED
    assert zone['raw']['origins'][0] == {'key': 'origin_1', 'value': 'o1.example.com'}


@pytest.mark.parametrize('value, wanted, shown', [
    ('topsecret', None, cf.REDACTED),
    ('topsecret', 'topsecret', cf.REDACTED),
    ('topsecret', 'other', cf.SECRET_DIFFERS),
    ('', None, None),
    (None, 'new', None),
    ('', '', ''),
])
def test_secret_view(value, wanted, shown):
    assert cf.secret_view(value, wanted) == shown


def test_canonical_resource_http_origin_and_older_shapes():
    zone = cf.canonical_resource({'id': 1, 'cdn_hostname': 'x.example.com', 'origins_for_api': ['o.example.com:8080'],
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
    assert cf.split_origin(url) == (origin, policy)


@pytest.mark.parametrize('url', ['http://o.example.com/path', 'ftp://o.example.com', 'o.example.com'])
def test_split_origin_rejects(url):
    with pytest.raises(CdnValidationError):
        cf.split_origin(url)


def test_create_payload_wraps_and_sends_flags_as_numbers():
    desired = dict(hostname='cdn.example.com', origin='https://o.example.com', aliases=['a.example.com'], tls=True,
                   certificate_id='12', settings={'http_bot_blocked': False, 'url_signing_key': cf.REDACTED,
                                                  'cache_expiry': 60, 'limit_rate': None})
    payload = cf.create_payload(desired, [1, 2], {'url_signing_key': 'k'})
    assert payload == {'cdn_resource': {
        'cdn_hostname': 'cdn.example.com', 'resource_type': 'HTTP_PULL', 'origin': 'o.example.com',
        'origin_policy': 'HTTPS', 'secondary_hostnames': ['a.example.com'], 'ssl_on': 1, 'cdn_ssl_certificate_id': 12,
        'http_bot_blocked': 0, 'url_signing_key': 'k', 'cache_expiry': 60, 'edge_group_ids': [1, 2]}}


def test_create_payload_prefers_declared_edge_groups():
    desired = dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'edge_group_ids': [2]})
    assert cf.create_payload(desired, [1, 2])['cdn_resource']['edge_group_ids'] == [2]


def test_update_payload_carries_only_changes():
    current = cf.canonical_resource(BASIC, ADVANCED)
    assert cf.update_payload({'settings': {'cache_expiry': 60}}, current) == {'cdn_resource': {'cache_expiry': 60}}
    assert cf.update_payload({'tls': False}, current) == {'cdn_resource': {'ssl_on': 0}}
    assert cf.update_payload({'aliases': []}, current) == {'cdn_resource': {'secondary_hostnames': []}}


def test_update_payload_origin_keeps_other_origins():
    current = cf.canonical_resource(BASIC, ADVANCED)
    assert cf.update_payload({'origin': 'https://n.example.com'}, current) == {
        'cdn_resource': {'origin': 'n.example.com,o2.example.com'}}
    assert cf.update_payload({'origin': 'http://n.example.com'}, current) == {
        'cdn_resource': {'origin': 'n.example.com,o2.example.com', 'origin_policy': 'HTTP'}}


def test_update_payload_substitutes_secret():
    current = cf.canonical_resource(BASIC, ADVANCED, {'url_signing_key': 'new'})
    assert current['settings']['url_signing_key'] == cf.SECRET_DIFFERS
    payload = cf.update_payload({'settings': {'url_signing_key': cf.REDACTED}}, current, {'url_signing_key': 'new'})
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
    assert cf.normalize_setting(key, value) == expected


class FakeAdapter(cf.Adapter):
    def __init__(self, params):
        super(FakeAdapter, self).__init__(client=None, params=params)


def test_validate_zone_takes_secret_out_of_desired():
    params = {'settings': {'url_signing_key': 'k', 'cors_on': True}}
    adapter = FakeAdapter(params)
    desired = {'origin': 'http://o.example.com', 'settings': dict(params['settings'], countries=['de'])}
    adapter.validate_zone(desired, 'present')
    assert adapter.secrets == {'url_signing_key': 'k'}
    assert desired['settings'] == {'url_signing_key': cf.REDACTED, 'cors_on': True, 'countries': ['DE']}


def test_validate_zone_fed_back_mark_means_untouched():
    adapter = FakeAdapter({})
    desired = {'settings': {'url_signing_key': cf.REDACTED}}
    adapter.validate_zone(desired, 'present')
    assert desired['settings'] == {'url_signing_key': None}
    assert adapter.secrets == {}


@pytest.mark.parametrize('settings', [{'countries': ['Germany']}, {'edge_group_ids': ['eu']}])
def test_validate_zone_rejects(settings):
    with pytest.raises(CdnValidationError):
        FakeAdapter({}).validate_zone({'settings': settings}, 'present')


def test_zone_ready():
    adapter = FakeAdapter({})
    assert adapter.zone_ready({'status': 'ACTIVE'}) and adapter.zone_ready({'status': 'Active'})
    assert not adapter.zone_ready({'status': 'PENDING'}) and not adapter.zone_ready({'status': None})


@pytest.mark.parametrize('status, body, text, message', [
    (422, {'errors': ['Cdn hostname has already been taken', 'Origin is invalid']}, '',
     'Cdn hostname has already been taken; Origin is invalid'),
    (422, {'errors': {'edge_group_ids': ["can't be blank"], 'cors_on': ['is not a boolean']}}, '',
     "cors_on is not a boolean; edge_group_ids can't be blank"),
    (404, {'error': 'Resource not found'}, '', 'Resource not found'),
    (500, None, '<html><body><h1>500 Internal Server Error</h1><p>x</p></body></html>', '500 Internal Server Error'),
    (502, None, 'Bad gateway', 'Bad gateway'),
])
def test_dialect_error_shapes(status, body, text, message):
    assert cf.CloudflowDialect().error_message(status, body, text) == message


def test_capabilities():
    caps = cf.CAPABILITIES
    assert caps.needs_user and caps.default_url is None
    assert caps.user_env == ('CLOUDFLOW_API_USER',) and caps.token_env == ('CLOUDFLOW_API_KEY',)
    assert 'delete' in caps.resource('zone').operations
    assert cf.SECRET_SETTINGS == ('url_signing_key',)


def test_auth_options_use_basic_auth():
    assert cf.Adapter.auth_options('key', 'me@example.com')['basic_auth'] == ('me@example.com', 'key')


# --- cdn_origin ------------------------------------------------------------------


def test_wire_origins_is_the_one_separator():
    assert cf.wire_origins(['a.example.com', 'b.example.com:8080']) == 'a.example.com,b.example.com:8080'
    assert cf.wire_origins(['a.example.com']) == 'a.example.com'


@pytest.mark.parametrize('value, protocol, endpoint', [
    ('o.example.com', 'http', {'host': 'o.example.com', 'port': 80}),
    ('O.Example.com', 'https', {'host': 'o.example.com', 'port': 443}),
    ('o.example.com:8080', 'https', {'host': 'o.example.com', 'port': 8080}),
    ('https://o.example.com', 'http', {'host': 'o.example.com', 'port': 443}),
    ('192.0.2.1', 'auto', {'host': '192.0.2.1', 'port': None}),
])
def test_origin_endpoint(value, protocol, endpoint):
    assert cf.origin_endpoint(value, protocol) == endpoint


def test_canonical_origin_lists_every_origin_in_order():
    zone = cf.canonical_resource(BASIC, ADVANCED)
    origin = cf.canonical_origin(zone)
    assert origin['id'] == origin['zone'] == '7' and origin['kind'] == 'origin' and origin['name'] == 'cdn.example.com'
    assert origin['protocol'] == 'https'
    assert origin['endpoints'] == [{'host': 'o1.example.com', 'port': 443}, {'host': 'o2.example.com', 'port': 443}]
    assert origin['raw']['origins'][1] == {'key': 'origin_2', 'value': 'o2.example.com'}
    plain = cf.canonical_origin(cf.canonical_resource(dict(BASIC, origins=[]), {'origin_policy': None}))
    assert plain['endpoints'] == [] and plain['protocol'] == 'http'


def test_origin_payload_sends_origin_string_and_policy():
    current = cf.canonical_origin(cf.canonical_resource(BASIC, ADVANCED))
    endpoints = [{'host': 'a.example.com', 'port': 443}, {'host': 'b.example.com', 'port': 8443}]
    assert cf.origin_payload({'endpoints': endpoints}, current) == {
        'cdn_resource': {'origin': 'a.example.com,b.example.com:8443'}}
    # the default port is the new protocol's: omitted for 80 under http, kept for 443
    assert cf.origin_payload({'protocol': 'http', 'endpoints': endpoints}, current) == {
        'cdn_resource': {'origin_policy': 'HTTP', 'origin': 'a.example.com:443,b.example.com:8443'}}
    assert cf.origin_payload({'protocol': 'https'}, current) == {'cdn_resource': {'origin_policy': 'HTTPS'}}
    assert cf.origin_payload({}, current) == {'cdn_resource': {}}


def test_origin_capabilities():
    caps = cf.CAPABILITIES
    assert caps.limits.origin_scope == 'zone' and caps.limits.origin_endpoints == 3
    assert caps.resource('origin').fields == ('endpoints', 'protocol')
    assert 'delete' not in caps.resource('origin').operations


def test_validate_origin_refuses_ipv6():
    adapter = cf.Adapter(client=None)
    adapter.validate_origin({'endpoints': [{'host': 'o.example.com', 'port': None}]}, 'present')
    with pytest.raises(CdnValidationError, match=r'endpoints\[0\]\.host'):
        adapter.validate_origin({'endpoints': [{'host': '2001:db8::1', 'port': None}]}, 'present')


# --- cdn_certificate -------------------------------------------------------------

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
    assert cf.split_certificate_name(value) == (name, fingerprint)
    if fingerprint:
        assert cf.certificate_wire_name(name, fingerprint) == value


def test_certificate_payload_uses_the_declared_field_names_and_bundles_the_chain():
    assert cf.CERTIFICATE_UPLOAD_FIELDS == {'name': 'name', 'certificate': 'cert', 'private_key': 'key', 'chain': None}
    chain = '-----BEGIN CERTIFICATE-----\nINTER\n-----END CERTIFICATE-----\n'
    body = cf.certificate_payload(Local(name='www-2026', chain=chain))['cdn_ssl_certificate']
    assert sorted(body) == ['cert', 'key', 'name']
    assert body['name'] == 'www-2026-sha1-' + FP
    assert body['cert'].index('LEAF') < body['cert'].index('INTER')
    assert body['key'].startswith('-----BEGIN PRIVATE KEY-----')
    plain = cf.certificate_payload(Local())['cdn_ssl_certificate']
    assert plain['name'] == 'www.example.com-sha1-' + FP and 'INTER' not in plain['cert']


def test_certificate_payload_follows_a_chain_field_when_one_is_declared(monkeypatch):
    monkeypatch.setitem(cf.CERTIFICATE_UPLOAD_FIELDS, 'chain', 'chain')
    body = cf.certificate_payload(Local(chain='CHAIN'))['cdn_ssl_certificate']
    assert body['chain'] == 'CHAIN' and 'CHAIN' not in body['cert']


def test_canonical_certificate_zones_and_raw():
    item = {'cdn_ssl_certificate': {'id': 5, 'name': 'www-sha1-' + FP, 'user_id': 1, 'created_at': 'x',
                                    'updated_at': 'y', 'cdn_reference': 9, 'cert': 'PEM', 'key': 'SECRET'}}
    resources = [{'id': 1, 'cdn_ssl_certificate_id': 5}, {'id': 2, 'cdn_ssl_certificate_id': '5'},
                 {'id': 3, 'cdn_ssl_certificate_id': None}, {'id': 4, 'cdn_ssl_certificate_id': 55}]
    cert = cf.canonical_certificate(item, resources)
    assert cert['id'] == '5' and cert['name'] == 'www' and cert['fingerprint'] == FP
    assert cert['zones'] == ['1', '2']
    assert cert['not_after'] is None and cert['common_name'] is None
    assert 'cert' not in cert['raw'] and 'key' not in cert['raw'] and cert['raw']['cdn_reference'] == 9
    foreign = cf.canonical_certificate({'id': 6, 'name': 'manual'})
    assert foreign['name'] == 'manual' and foreign['fingerprint'] is None and foreign['zones'] == []


def test_validate_certificate_names_by_host_name():
    adapter = cf.Adapter(client=None)
    local = Local()
    adapter.validate_certificate(local)
    assert local.name == 'www.example.com'
    named = Local(name='mine')
    adapter.validate_certificate(named)
    assert named.name == 'mine'
    nameless = Local()
    nameless.hostname = None
    with pytest.raises(CdnValidationError, match='option name'):
        adapter.validate_certificate(nameless)


def test_certificate_capabilities():
    caps = cf.CAPABILITIES.resource('certificate')
    assert 'bind' in caps.operations and 'acme' not in caps.operations
