"""Pure tests of UCDN's translation (providers/ucdn/wire.py): zones, settings, the
security token, upstreams, certificates and storages; statistics (date conversion,
report requests and answer parsing, UCDN API v3 "Usage report" .. "Status codes");
access rules and accounts. Examples are those of the "UCDN API v3" documentation,
https://api.ucdn.com/docs/."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import iso_from_unix
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import SECRET_DIFFERS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn import wire
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# The "Fetch a zone" example of UCDN API v3, as UCDN answers it (strings for ids and flags).
ZONE_EXAMPLE = {
    "id": "1",
    "cdn_domain": "a1-121-so.ssl.cdn13.com",
    "object_size": "small",
    "upstream": {
        "endpoints": [{"host": "news.com", "port": 80}],
        "type": "own", "proto": "http", "host_header": "news.com", "auth": {"type": "none"},
    },
    "is_active": "1",
    "create_ts": "1423139335",
    "update_ts": "1435564989",
    "storage_id": None,
    "error_pages": {},
    "referers": [],
    "geo_filter": [],
    "limit_rate": [],
    "custom_domains": ["cdn.section9.com"],
    "cache_reuse_from": None,
    "expiration": 3600,
    "ssl_type": "own",
    "hash_secret": None,
    "hash_algorithm": None,
    "hash_ttl": None,
    "reconfig_status": "reconfiguring",
}


def test_canonical_zone_from_the_documented_example():
    zone = wire.canonical_zone(ZONE_EXAMPLE)
    assert zone['id'] == '1'
    assert zone['hostname'] == 'cdn.section9.com' and zone['aliases'] == []
    assert zone['origin'] == 'http://news.com'
    assert zone['origin_host_header'] == 'news.com'
    assert zone['cache_ttl'] == 3600
    assert zone['enabled'] is True
    assert zone['status'] == 'reconfiguring'
    assert zone['settings'] == dict(object_size='small', geo_filter_allow=[], geo_filter_deny=[], referers=[],
                                    limit_rate_global='', limit_rate_security='off', cache_reuse_from=0,
                                    error_pages=[], hash_algorithm=None, hash_ttl=0)


def test_canonical_zone_liberal_shapes_and_hostname_choice():
    raw = dict(ZONE_EXAMPLE, id=7, is_active='0', expiration=None, custom_domains=['B.example.com', 'a.example.com.'],
               geo_filter={'allow': ['de', 'BG']}, limit_rate={'security': 'on'}, cache_reuse_from='3',
               error_pages={'404': 'https://e.com/404'}, referers='y.com,x.com',
               upstream=dict(ZONE_EXAMPLE['upstream'], proto='https', endpoints=[{'host': 'news.com', 'port': '443'}]))
    zone = wire.canonical_zone(raw)
    assert zone['id'] == '7' and zone['enabled'] is False and zone['cache_ttl'] == 0
    assert zone['hostname'] == 'b.example.com' and zone['aliases'] == ['a.example.com']
    assert zone['origin'] == 'https://news.com'
    assert zone['settings']['geo_filter_allow'] == ['BG', 'DE']
    assert zone['settings']['limit_rate_security'] == 'on'
    assert zone['settings']['cache_reuse_from'] == 3
    assert zone['settings']['error_pages'] == ['404:https://e.com/404']
    assert zone['settings']['referers'] == ['x.com', 'y.com']
    found = wire.canonical_zone(raw, hostname='a.example.com')
    assert found['hostname'] == 'a.example.com' and found['aliases'] == ['b.example.com']


def test_raw_has_secrets_masked():
    raw = dict(ZONE_EXAMPLE, hash_secret='abc', upstream=dict(
        ZONE_EXAMPLE['upstream'], auth={'type': 'aws_signing_key', 'access_key': 'AK', 'key_scope': 's', 'signing_key': 'sk'}))
    zone = wire.canonical_zone(raw)
    assert zone['raw']['hash_secret'] == REDACTED
    assert zone['raw']['upstream']['auth']['signing_key'] == REDACTED
    assert zone['raw']['upstream']['auth']['access_key'] == 'AK'
    assert raw['upstream']['auth']['signing_key'] == 'sk'  # the input is not modified


@pytest.mark.parametrize('upstream, origin', [
    ({'endpoints': [{'host': 'o.com', 'port': 8080}], 'proto': 'http'}, 'http://o.com:8080'),
    ({'endpoints': [{'host': 'O.com'}], 'proto': 'HTTPS'}, 'https://o.com'),
    ({'endpoints': [], 'proto': 'http'}, None),
    ([], None),
])
def test_upstream_origin(upstream, origin):
    assert wire.upstream_origin(upstream) == origin


def test_create_payload_matches_the_documented_example():
    desired = dict(hostname='cdn.section9.com', aliases=None, origin='http://news.com', origin_host_header=None,
                   cache_ttl=None, enabled=None, settings=None)
    assert wire.create_payload(desired) == {
        'object_size': 'small',
        'upstream': {'endpoints': [{'host': 'news.com', 'port': 80}], 'type': 'own', 'proto': 'http',
                     'host_header': 'news.com', 'auth': {'type': 'none'}},
        'custom_domains': ['cdn.section9.com'],
    }


def test_create_payload_with_settings_sends_only_what_is_set():
    desired = dict(hostname='cdn.example.com', aliases=['b.example.com', 'a.example.com'],
                   origin='https://o.example.com:8443', origin_host_header='h.example.com', cache_ttl=60,
                   settings=dict(object_size='big', referers=[], geo_filter_deny=['RU'], limit_rate_security='off',
                                 cache_reuse_from=0, limit_rate_global=None))
    body = wire.create_payload(desired)
    assert body['custom_domains'] == ['cdn.example.com', 'a.example.com', 'b.example.com']
    assert body['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 8443}]
    assert body['upstream']['proto'] == 'https' and body['upstream']['host_header'] == 'h.example.com'
    assert body['expiration'] == 60 and body['object_size'] == 'big'
    assert body['geo_filter_deny'] == ['RU']
    for key in ('referers', 'limit_rate_security', 'cache_reuse_from', 'limit_rate_global', 'clear_referers'):
        assert key not in body


CURRENT = wire.canonical_zone(dict(ZONE_EXAMPLE, custom_domains=['cdn.example.com', 'www.example.com'],
                                   geo_filter={'allow': ['BG'], 'deny': ['RU']}, limit_rate={'global': '20k'},
                                   referers=['example.com'], cache_reuse_from=3))


@pytest.mark.parametrize('changes, desired, body', [
    (dict(cache_ttl=300), {}, {'expiration': 300}),
    (dict(cache_ttl=0), {}, {'expiration': None}),
    (dict(enabled=True), {}, {'enable': True}),
    (dict(enabled=False), {}, {'disable': True}),
    (dict(aliases=[]), dict(aliases=[]), {'custom_domains': ['cdn.example.com']}),
    (dict(hostname='new.example.com'), dict(hostname='new.example.com'),
     {'custom_domains': ['new.example.com', 'www.example.com']}),
    (dict(hostname='x.example.com', aliases=[]), dict(hostname=None, aliases=[]),
     {'custom_domains': ['cdn.example.com']}),
    (dict(settings={'referers': []}), {}, {'clear_referers': True}),
    (dict(settings={'referers': ['a.com']}), {}, {'referers': ['a.com']}),
    (dict(settings={'geo_filter_allow': []}), {}, {'clear_geo_filters': True, 'geo_filter_deny': ['RU']}),
    (dict(settings={'geo_filter_allow': [], 'geo_filter_deny': []}), {}, {'clear_geo_filters': True}),
    (dict(settings={'geo_filter_allow': ['DE']}), {}, {'geo_filter_allow': ['DE']}),
    (dict(settings={'limit_rate_global': ''}), {}, {'clear_limit_rates': True}),
    (dict(settings={'limit_rate_global': '', 'limit_rate_security': 'on'}), {},
     {'clear_limit_rates': True, 'limit_rate_security': 'on'}),
    (dict(settings={'limit_rate_global': '50k'}), {}, {'limit_rate_global': '50k'}),
    (dict(settings={'cache_reuse_from': 0}), {}, {'clear_reuse_cache': True}),
    (dict(settings={'cache_reuse_from': 9}), {}, {'cache_reuse_from': 9}),
    (dict(settings={'error_pages': []}), {}, {'error_pages': []}),
])
def test_update_payload_sends_only_changes(changes, desired, body):
    assert wire.update_payload(CURRENT, changes, desired) == body


def test_update_payload_keeps_upstream_auth_and_other_endpoints():
    current_upstream = {'endpoints': [{'host': 'a.com', 'port': 80}, {'host': 'b.com', 'port': 80}], 'type': 'own',
                        'proto': 'http', 'host_header': 'a.com',
                        'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}
    body = wire.update_payload(CURRENT, dict(origin='https://c.com'), {}, current_upstream=current_upstream)
    assert body == {'upstream': {'endpoints': [{'host': 'c.com', 'port': 443}, {'host': 'b.com', 'port': 80}],
                                 'type': 'own', 'proto': 'https', 'host_header': 'a.com',
                                 'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}}
    assert current_upstream['endpoints'][0]['host'] == 'a.com'  # not modified


def test_helper_flags_are_body_keys_set_to_true():
    assert wire.helper_flags('enable', 'clear_referers') == {'enable': True, 'clear_referers': True}
    assert wire.helper_flags() == {}


def test_normalize_desired_settings():
    settings = dict(geo_filter_allow=['de', 'bg', 'DE'], referers=['B.com', 'a.com'], limit_rate_global=' 20K ',
                    error_pages=['500:https://e.com/5', '404:https://e.com/4'])
    assert wire.normalize_desired_settings(settings) == dict(
        geo_filter_allow=['BG', 'DE'], referers=['a.com', 'b.com'], limit_rate_global='20k',
        error_pages=['404:https://e.com/4', '500:https://e.com/5'])


@pytest.mark.parametrize('settings, option', [
    (dict(geo_filter_deny=['Germany']), 'settings.geo_filter_deny'),
    (dict(referers=['not a domain']), 'settings.referers'),
    (dict(limit_rate_global='fast'), 'settings.limit_rate_global'),
    (dict(limit_rate_global='20k', limit_rate_security='on'), 'settings.limit_rate_global'),
    (dict(error_pages=['404 https://e.com']), 'settings.error_pages'),
    (dict(error_pages=['200:https://e.com']), 'settings.error_pages'),
])
def test_normalize_desired_settings_rejects(settings, option):
    with pytest.raises(CdnValidationError) as err:
        wire.normalize_desired_settings(settings)
    assert err.value.option == option


# --- the security token (hash_secret, hash_algorithm, hash_ttl) ---------------------------

MARK = REDACTED
TOKEN_ZONE = dict(ZONE_EXAMPLE, hash_secret='s3cret-Token', hash_algorithm='sha1', hash_ttl=600)


@pytest.mark.parametrize('raw, secrets, shown', [
    (ZONE_EXAMPLE, None, None),                       # none set, none asked for: not shown
    (ZONE_EXAMPLE, {'hash_secret': ''}, ''),          # none set, none asked for ('')
    (TOKEN_ZONE, None, MARK),                      # set, not asked for: masked
    (TOKEN_ZONE, {'hash_secret': 's3cret-Token'}, MARK),
    (TOKEN_ZONE, {'hash_secret': 'other'}, SECRET_DIFFERS),
    (TOKEN_ZONE, {'hash_secret': ''}, SECRET_DIFFERS),
])
def test_canonical_settings_show_the_secret_masked_only_when_set(raw, secrets, shown):
    settings = wire.canonical_zone(raw, secrets=secrets)['settings']
    assert settings.get('hash_secret', 'absent') == ('absent' if shown is None else shown)
    assert 's3cret-Token' not in repr(wire.canonical_zone(raw, secrets=secrets))


def test_canonical_settings_security_token_algorithm_and_ttl():
    settings = wire.canonical_zone(dict(TOKEN_ZONE, hash_ttl='600'))['settings']
    assert (settings['hash_algorithm'], settings['hash_ttl']) == ('sha1', 600)


def test_create_payload_sends_the_secret_from_secrets_only():
    desired = dict(hostname='cdn.example.com', origin='http://o.example.com',
                   settings=dict(hash_secret=MARK, hash_algorithm='md5', hash_ttl=0))
    body = wire.create_payload(desired, secrets={'hash_secret': 'abc123'})
    assert (body['hash_secret'], body['hash_algorithm']) == ('abc123', 'md5')
    assert 'hash_ttl' not in body
    desired['settings'] = dict(hash_secret='')
    body = wire.create_payload(desired, secrets={'hash_secret': ''})
    assert 'hash_secret' not in body and 'clear_security_token' not in body


TOKEN_CURRENT = wire.canonical_zone(TOKEN_ZONE)


@pytest.mark.parametrize('settings, body', [
    ({'hash_secret': MARK}, {'hash_secret': 'new-one'}),
    ({'hash_secret': ''}, {'clear_security_token': True}),
    ({'hash_secret': '', 'hash_ttl': 0}, {'clear_security_token': True, 'hash_ttl': 0}),
    ({'hash_algorithm': 'md5'}, {'hash_algorithm': 'md5'}),
    ({'hash_ttl': 3600}, {'hash_ttl': 3600}),
    ({'hash_ttl': 0}, {'hash_ttl': 0}),
])
def test_update_payload_security_token(settings, body):
    assert wire.update_payload(TOKEN_CURRENT, dict(settings=settings), {},
                               secrets={'hash_secret': 'new-one'}) == body


def test_normalize_desired_settings_keeps_a_valid_secret():
    settings = dict(hash_secret='a-Z_0.9~%2F', hash_algorithm='md5', hash_ttl=60)
    assert wire.normalize_desired_settings(dict(settings)) == settings
    assert wire.normalize_desired_settings(dict(hash_secret='', hash_ttl=0)) == dict(hash_secret='', hash_ttl=0)


@pytest.mark.parametrize('settings, option', [
    (dict(hash_secret='has space'), 'settings.hash_secret'),
    (dict(hash_secret='frag#ment'), 'settings.hash_secret'),
    (dict(hash_secret='bad%zz'), 'settings.hash_secret'),
    (dict(hash_secret='', hash_algorithm='md5'), 'settings.hash_algorithm'),
    (dict(hash_secret='', hash_ttl=60), 'settings.hash_ttl'),
])
def test_normalize_desired_settings_rejects_security_token(settings, option):
    with pytest.raises(CdnValidationError) as err:
        wire.normalize_desired_settings(settings)
    assert err.value.option == option
    assert settings.get('hash_secret') in ('', None) or settings['hash_secret'] not in str(err.value)


@pytest.mark.parametrize('origin, canonical', [
    ('http://O.example.com:80/', 'http://o.example.com'),
    ('https://o.example.com:443', 'https://o.example.com'),
    ('https://o.example.com:80', 'https://o.example.com:80'),
    ('http://o.example.com:8080', 'http://o.example.com:8080'),
])
def test_canonical_origin_matches_what_the_zone_shows(origin, canonical):
    assert wire.canonical_origin(origin) == canonical
    _scheme, endpoint = wire.endpoint_from_origin(origin)
    upstream = {'endpoints': [endpoint], 'proto': _scheme}
    assert wire.upstream_origin(upstream) == canonical


# --- cdn_origin: the zone's upstream -------------------------------------------------

# The "Zone with aws origin and secret key auth" upstream of UCDN API v3 ("Create a new zone"), as UCDN would echo it.
AWS_UPSTREAM = {"endpoints": [{"host": "s3.eu-central-1.domain.com", "bucket": "test", "region": "test"}],
                "type": "aws-s3", "proto": "http",
                "auth": {"type": "aws_secret_key", "access_key": "examplekey", "secret_key": "skey1"}}


def test_canonical_upstream_from_the_documented_examples():
    origin = wire.canonical_upstream(ZONE_EXAMPLE)
    assert origin['id'] == origin['zone'] == '1' and origin['kind'] == 'origin'
    assert origin['name'] == 'cdn.section9.com'
    assert origin['endpoints'] == [{'host': 'news.com', 'port': 80}]
    assert origin['protocol'] == 'http' and origin['host_header'] == 'news.com'
    assert origin['auth'] == {'type': 'none'}

    aws = wire.canonical_upstream(dict(ZONE_EXAMPLE, upstream=AWS_UPSTREAM))
    # No port in the document's aws example: the protocol's default, as the core fills desired ports.
    assert aws['endpoints'] == [{'host': 's3.eu-central-1.domain.com', 'port': 80, 'bucket': 'test', 'region': 'test'}]
    assert aws['auth'] == {'type': 'aws_secret_key', 'access_key': 'examplekey'}
    assert aws['host_header'] is None
    assert aws['raw']['auth']['secret_key'] == REDACTED and aws['raw']['auth']['access_key'] == 'examplekey'
    assert 'skey1' not in repr(aws)


def test_every_unknown_upstream_auth_value_is_masked_in_the_zone():
    upstream = dict(ZONE_EXAMPLE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b',
                                                    'session_token': 'tok'})
    zone = wire.canonical_zone(dict(ZONE_EXAMPLE, upstream=upstream, hash_secret='hs'))
    assert zone['raw']['upstream']['auth'] == {'type': 'http_basic', 'username': 'a', 'password': REDACTED,
                                               'session_token': REDACTED}
    assert zone['raw']['hash_secret'] == REDACTED


def test_origin_payload_turning_auth_off_is_the_helper_alone():
    upstream = dict(ZONE_EXAMPLE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b'})
    assert wire.origin_update_payload(upstream, {'auth': {'type': 'none'}}) == {'clear_origins_auth': True}
    body = wire.origin_update_payload(upstream, {'auth': {'type': 'none'}, 'protocol': 'https'})
    assert body['upstream']['auth'] == {'type': 'none'} and body['upstream']['proto'] == 'https'


def test_origin_payload_keeps_what_was_not_set_and_resends_shown_secrets():
    upstream = dict(ZONE_EXAMPLE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b'})
    body = wire.origin_update_payload(upstream, {'endpoints': [{'host': 'n.example.com', 'port': 8080}]})
    assert body == {'upstream': {'endpoints': [{'host': 'n.example.com', 'port': 8080}], 'type': 'own',
                                 'proto': 'http', 'host_header': 'news.com',
                                 'auth': {'type': 'http_basic', 'username': 'a', 'password': 'b'}}}
    # The caller's object is not changed.
    assert upstream['endpoints'] == [{'host': 'news.com', 'port': 80}]


@pytest.mark.parametrize('shown', [None, '', REDACTED])
def test_origin_payload_needs_auth_when_ucdn_hid_the_secret(shown):
    auth = {'type': 'aws_signing_key', 'access_key': 'k', 'key_scope': 's'}
    if shown is not None:
        auth['signing_key'] = shown
    with pytest.raises(CdnValidationError) as err:
        wire.origin_update_payload(dict(AWS_UPSTREAM, auth=auth), {'protocol': 'https'})
    assert err.value.option == 'auth' and 'signing_key' in str(err.value)
    given = dict(auth, signing_key='new')
    body = wire.origin_update_payload(dict(AWS_UPSTREAM, auth=auth), {'protocol': 'https', 'auth': given})
    assert body['upstream']['auth'] == given


def test_origin_payload_s3_type_and_ports():
    changes = {'endpoints': [{'host': 's3.example.com', 'port': 443, 'bucket': 'b', 'region': 'r'}],
               'protocol': 'https', 'auth': {'type': 'aws_secret_key', 'access_key': 'k', 'secret_key': 's'}}
    body = wire.origin_update_payload(ZONE_EXAMPLE['upstream'], changes)['upstream']
    assert body['type'] == 'aws-s3' and body['proto'] == 'https'
    # Like the document's aws-s3 examples: no port when it is the protocol's default.
    assert body['endpoints'] == [{'host': 's3.example.com', 'bucket': 'b', 'region': 'r'}]
    back = wire.origin_update_payload(AWS_UPSTREAM, {'auth': {'type': 'http_basic', 'username': 'a', 'password': 'b'},
                                                     'endpoints': [{'host': 'o.example.com', 'port': 80}]})
    assert back['upstream']['type'] == 'own'
    assert back['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 80}]


@pytest.mark.parametrize('upstream, current, expected', [
    ({'auth': {'type': 'aws_signing_key'}}, 'own', 'aws-s3'),
    ({'endpoints': [{'host': 'h', 'bucket': 'b'}], 'auth': {'type': 'none'}}, 'own', 'aws-s3'),
    ({'auth': {'type': 'http_basic'}}, 'aws-s3', 'own'),
    ({'auth': {'type': 'none'}}, 'aws-s3', 'aws-s3'),
    ({}, None, 'own'),
])
def test_upstream_type(upstream, current, expected):
    assert wire.upstream_type(upstream, current) == expected


# --- cdn_certificate ---------------------------------------------------------------

# The "List all certificates" example of UCDN API v3.
CERTIFICATES_EXAMPLE = [
    {"id": 18, "hostname": "cdn.section9.com", "fingerprint": "3d284b5326388d22f9bfb15600917ebc1dfa96cd",
     "used_in_zones": [{"zone_id": 1, "domain": "cdn.section9.com", "cdn_domain": "a1-121.so.clients.cdn13.com"}]},
    {"id": 35, "hostname": "cdn3.section9.co.jp", "fingerprint": "0f382f59b8ee80950c9663042190008927a6012f",
     "used_in_zones": []},
]


def test_canonical_certificate_from_the_documented_example():
    first, second = [wire.canonical_certificate(c) for c in CERTIFICATES_EXAMPLE]
    assert first['id'] == '18' and first['hostname'] == 'cdn.section9.com' and first['zones'] == ['1']
    assert first['fingerprint'] == '3d284b5326388d22f9bfb15600917ebc1dfa96cd' and first['name'] is None
    assert second['zones'] == [] and 'not_after' not in second
    info = dict(common_name='cdn3.section9.co.jp', sans=[], issuer='CN=CA', not_before='a', not_after='b')
    known = {'0f382f59b8ee80950c9663042190008927a6012f': info}
    enriched = wire.canonical_certificate(dict(CERTIFICATES_EXAMPLE[1], fingerprint='0F:38:2F:59:B8:EE:80:95:0C:96:'
                                               '63:04:21:90:00:89:27:A6:01:2F'), known)
    assert enriched['fingerprint'] == '0f382f59b8ee80950c9663042190008927a6012f'
    assert enriched['not_after'] == 'b' and enriched['issuer'] == 'CN=CA'


class Local:
    def __init__(self, cert_pem, key_pem, chain_pem=None):
        self.certificate_pem, self.private_key_pem, self.chain_pem = cert_pem, key_pem, chain_pem


def test_certificate_payload_sends_the_rsa_key_as_the_document_shows():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs8 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode('ascii')
    body = wire.certificate_payload(Local('CERT', pkcs8))
    assert sorted(body) == ['certificate', 'key']
    assert body['key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert serialization.load_pem_private_key(body['key'].encode(), None).private_numbers() == key.private_numbers()
    assert wire.certificate_payload(Local('CERT', body['key'], 'CHAIN')) == dict(certificate='CERT', key=body['key'],
                                                                                 ca_bundle='CHAIN')


def test_ucdn_hostname_and_zone_serves():
    assert wire.ucdn_hostname(dict(common_name='a.example.com', sans=['b.example.com'])) == 'a.example.com'
    assert wire.ucdn_hostname(dict(common_name=None, sans=['b.example.com'])) == 'b.example.com'
    assert wire.ucdn_hostname(dict(common_name=None, sans=[])) is None
    domains = ['cdn.example.com', 'example.com', 'a.b.example.com']
    assert wire.zone_serves(domains, '*.example.com') == ['cdn.example.com']
    assert wire.zone_serves(domains, 'example.com') == ['example.com']
    assert wire.zone_serves(domains, None) == []


# --- cdn_storage ---------------------------------------------------------------------

# The "Storage FTP" example of UCDN API v3.
STORAGE_EXAMPLE = {"id": 1, "container": "level-3-logs", "ftp_host": "north-america.upload.cdn13.com",
                   "ftp_user": "1000121.1000121", "ftp_password": "ftppassword", "region": "north-america",
                   "synchronized_with_storage": None}


def test_canonical_storage_from_the_documented_example_hides_the_password():
    storage = wire.canonical_storage(STORAGE_EXAMPLE, {"bytes": 0, "objects": 0})
    assert storage['id'] == '1' and storage['name'] == 'level-3-logs' and storage['region'] == 'north-america'
    assert storage['ftp_host'] == 'north-america.upload.cdn13.com' and storage['ftp_user'] == '1000121.1000121'
    assert storage['bytes'] == 0 and storage['objects'] == 0
    assert 'ftppassword' not in str(storage)
    assert storage['raw']['ftp_password'] == REDACTED
    assert wire.canonical_storage(STORAGE_EXAMPLE)['bytes'] is None


def test_storage_payloads_follow_the_documented_examples():
    assert wire.storage_create_payload(dict(name='level-4-logs', region='north-america')) == \
        {"region": "north-america", "name": "level-4-logs"}
    assert wire.storage_rotate_payload('north-america') == {"action": "change_ftp_password", "region": "north-america"}


def test_storage_origin_fields_and_zone_payloads():
    assert wire.is_storage_origin('storage:3') and not wire.is_storage_origin('https://o.example.com')
    body = wire.create_payload(dict(hostname='s.example.com', origin='storage:3'))
    assert body == {'storage_id': 3, 'custom_domains': ['s.example.com'], 'object_size': 'small'}
    current = dict(id='1', hostname='s.example.com', origin='storage:3', settings={})
    moved = wire.update_payload(current, dict(origin='https://o.example.com'), dict(origin='https://o.example.com'))
    assert moved['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 443}]
    assert wire.update_payload(dict(current, origin='http://o.example.com'), dict(origin='storage:4'), {}) == \
        {'storage_id': 4}
    with pytest.raises(CdnValidationError, match='origin_host_header'):
        wire.update_payload(current, dict(origin_host_header='h.example.com'), {})


# --- statistics ------------------------------------------------------------------------

UTC = datetime.timezone.utc


def at(*args, **kwargs):
    tz = kwargs.pop('tz', UTC)
    return datetime.datetime(*args, tzinfo=tz)


# --- date conversion ---------------------------------------------------------------

def test_usage_date_midnight_is_the_documented_date_form():
    # the document's example: ?date_from=2015-08-12&date_to=2015-08-13
    assert wire.usage_date(at(2015, 8, 12)) == '2015-08-12'
    assert wire.usage_date(at(2015, 8, 13)) == '2015-08-13'


def test_usage_date_other_moments_are_exact_unix_timestamps():
    assert wire.usage_date(at(2015, 8, 12, 13, 21, 34)) == '1439385694'
    # One second after midnight is not midnight.
    assert wire.usage_date(at(2015, 8, 12, 0, 0, 1)) == str(1439337600 + 1)


def test_time_zones_are_converted_to_utc_first():
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    # 02:00 at +02:00 is midnight UTC: the GMT date form.
    assert wire.usage_date(at(2015, 8, 12, 2, 0, tz=plus_two)) == '2015-08-12'
    # Midnight at +02:00 is 22:00 UTC the day before: not a GMT date.
    assert wire.usage_date(at(2015, 8, 12, tz=plus_two)) == str(1439337600 - 7200)
    minus_five = datetime.timezone(datetime.timedelta(hours=-5))
    assert wire.report_time(at(2015, 8, 11, 19, 0, tz=minus_five)) == '1439337600'


def test_naive_datetimes_are_taken_as_utc():
    assert wire.report_time(datetime.datetime(2015, 8, 12)) == '1439337600'
    assert wire.unix_time(datetime.datetime(1970, 1, 1)) == 0


def test_report_time_is_always_a_unix_timestamp():
    # the document: "YYYY-MM-DD HH:mm with optional timezone parameter or a Unix timestamp"
    assert wire.report_time(at(2015, 8, 12)) == '1439337600'
    assert wire.report_time(at(2014, 3, 11, 21, 0)) == '1394571600'   # the document's example timestamp
    assert wire.report_time(at(2015, 8, 12, 0, 0, 59)) == '1439337659'


def test_iso_from_unix():
    assert iso_from_unix(1439337600) == '2015-08-12T00:00:00Z'
    assert iso_from_unix('1439341200') == '2015-08-12T01:00:00Z'
    assert iso_from_unix(0) == '1970-01-01T00:00:00Z'


# --- requests ------------------------------------------------------------------------

def query(**kwargs):
    base = dict(zone=None, start=at(2015, 8, 12), end=at(2015, 8, 13), granularity=None, metric=None, report=None)
    base.update(kwargs)
    return base


def test_default_report_is_bytes_by_hour_account_wide():
    assert wire.STATS_REPORT_NAMES[0] == 'bytes'
    assert wire.stats_request(query()) == ('reports/bytes/', {'from': '1439337600', 'to': '1439424000', 'by': 'hour'})


def test_usage_report_path_carries_the_zone():
    path, params = wire.stats_request(query(report='usage', zone=dict(id='7')))
    assert path == 'reports/7/'
    assert params == dict(date_from='2015-08-12', date_to='2015-08-13')
    assert wire.stats_request(query(report='usage'))[0] == 'reports/'


@pytest.mark.parametrize('report,path', [
    ('hits', 'reports/hits/'), ('bytes_ssl', 'reports/bytes/ssl'), ('hits_ssl', 'reports/hits/ssl'),
    ('bytes_http2', 'reports/bytes/http2'), ('hits_http2', 'reports/hits/http2'),
    ('status_codes', 'reports/status/codes/'),
])
def test_time_slot_reports_take_zones_and_by(report, path):
    got = wire.stats_request(query(report=report, zone=dict(id='3'), granularity='5min'))
    assert got == (path, {'from': '1439337600', 'to': '1439424000', 'zones': '3', 'by': '5min'})


def test_countries_takes_no_by():
    assert wire.stats_request(query(report='countries', zone=dict(id='1'))) == \
        ('reports/countries/', {'from': '1439337600', 'to': '1439424000', 'zones': '1'})
    with pytest.raises(CdnValidationError) as exc:
        wire.stats_request(query(report='countries', granularity='day'))
    assert exc.value.option == 'granularity' and 'countries' in str(exc.value)


def test_storages_hour_only_and_no_zone():
    assert wire.stats_request(query(report='storages')) == \
        ('reports/storages/', {'from': '1439337600', 'to': '1439424000', 'by': 'hour'})
    with pytest.raises(CdnValidationError) as exc:
        wire.stats_request(query(report='storages', granularity='day'))
    assert exc.value.option == 'granularity' and 'allowed: hour' in str(exc.value)
    with pytest.raises(CdnValidationError) as exc:
        wire.stats_request(query(report='storages', zone=dict(id='1')))
    assert exc.value.option == 'zone'


def test_usage_refuses_a_granularity():
    with pytest.raises(CdnValidationError) as exc:
        wire.stats_request(query(report='usage', granularity='5min'))
    assert exc.value.option == 'granularity'


# --- answers (the document's example shapes) ---------------------------------------------

def test_parse_usage():
    series, totals = wire.parse_stats('usage', {'hits': 72223298971, 'bytes_served': 1031761416566}, at(2015, 8, 12))
    assert totals == dict(bytes=1031761416566, hits=72223298971)
    assert series == [dict(timestamp='2015-08-12T00:00:00Z', bytes=1031761416566, hits=72223298971)]


def test_parse_bytes_series():
    body = {'element_description': ['unix timestamp of the time slot start', 'bytes served in this time slot'],
            'element_duration': 3600, 'elements': [[1439341200, 105885510745], [1439337600, 0]]}
    series, totals = wire.parse_stats('bytes', body, at(2015, 8, 12))
    assert series == [dict(timestamp='2015-08-12T00:00:00Z', bytes=0),
                      dict(timestamp='2015-08-12T01:00:00Z', bytes=105885510745)]
    assert totals is None


def test_hits_ssl_values_are_hits_whatever_the_description_says():
    # a slip of the document: the hits/ssl example describes its values as "bytes served in this time slot".
    body = {'element_description': ['unix timestamp of the time slot start', 'bytes served in this time slot'],
            'element_duration': 3600, 'elements': [[1609632000, '12']]}
    assert wire.parse_stats('hits_ssl', body, at(2021, 1, 3))[0] == [dict(timestamp='2021-01-03T00:00:00Z', hits=12)]


def test_parse_countries_uses_slot_timestamps_not_element_duration():
    body = {'element_description': ['unix timestamp of the time slot start', 'hits from this country',
                                    'bytes served to this country'],
            'element_duration': 86400,
            'elements': {'CH': [[1439290800, 0, 0], [1439294400, 384465, 19224985]], 'RU': [[1439290800, 0, 0]]}}
    series, totals = wire.parse_stats('countries', body, at(2015, 8, 11))
    assert series == [
        dict(timestamp='2015-08-11T11:00:00Z', country='CH', hits=0, bytes=0),
        dict(timestamp='2015-08-11T11:00:00Z', country='RU', hits=0, bytes=0),
        dict(timestamp='2015-08-11T12:00:00Z', country='CH', hits=384465, bytes=19224985),
    ]
    assert totals is None


def test_parse_status_codes():
    body = {'element_description': ['unix timestamp of the time slot start', 'hits', 'percents of all'],
            'element_duration': 3600, 'elements': {'404': [[1439341200, 181058, 0]], '200': [[1439341200, 5, 90.5]]}}
    series, _totals = wire.parse_stats('status_codes', body, at(2015, 8, 12))
    assert series == [dict(timestamp='2015-08-12T01:00:00Z', status_code=200, hits=5),
                      dict(timestamp='2015-08-12T01:00:00Z', status_code=404, hits=181058)]


def test_storages_totals_are_the_peak_not_a_sum():
    body = {'element_duration': 3600, 'elements': [[1439290800, 0], [1439294400, 2887995255], [1439298000, 2887995255]]}
    series, totals = wire.parse_stats('storages', body, at(2015, 8, 11))
    assert len(series) == 3 and totals == dict(bytes=2887995255)


def test_parse_tolerates_empty_answers():
    assert wire.parse_stats('bytes', {'elements': []}, at(2015, 8, 12)) == ([], None)
    assert wire.parse_stats('countries', {'elements': []}, at(2015, 8, 12)) == ([], None)
    assert wire.parse_stats('storages', None, at(2015, 8, 12)) == ([], dict(bytes=0))


# --- access rules and accounts (pure helpers) ----------------------------------------

def rule(kind, action, value):
    return dict(type=kind, action=action, value=value, id=None)


def test_zone_rules_from_geo_filter_and_referers():
    raw = dict(geo_filter={'allow': ['de', 'FR'], 'deny': []}, referers=['Example.com', '*.example.org'])
    assert wire.zone_access_rules(raw) == [rule('country', 'allow', 'DE'), rule('country', 'allow', 'FR'),
                                           rule('referrer', 'allow', '*.example.org'),
                                           rule('referrer', 'allow', 'example.com')]
    assert wire.zone_access_rules(dict(geo_filter=[], referers=[])) == []


def test_rules_ucdn_cannot_hold():
    with pytest.raises(CdnValidationError) as exc:
        wire.check_access_rules([rule('referrer', 'deny', 'bad.example')])
    assert exc.value.option == 'rules' and 'allow' in str(exc.value)
    with pytest.raises(CdnValidationError) as exc:
        wire.check_access_rules([rule('country', 'allow', 'DE'), rule('country', 'deny', 'DE')])
    assert exc.value.option == 'rules' and 'DE' in str(exc.value)
    # Allow and deny lists of different countries: both are held.
    wire.check_access_rules([rule('country', 'allow', 'DE'), rule('country', 'deny', 'RU')])


def test_access_payload_sends_whole_lists_and_clears_with_helpers():
    current = [rule('country', 'allow', 'DE'), rule('country', 'deny', 'RU'), rule('referrer', 'allow', 'a.example')]
    assert wire.access_rules_payload(current, current) == {}
    final = current + [rule('country', 'allow', 'FR')]
    assert wire.access_rules_payload(current, final) == dict(geo_filter_allow=['DE', 'FR'])
    # Emptying the allow list: clear_geo_filters unsets both, the deny list is sent again.
    final = [rule('country', 'deny', 'RU'), rule('referrer', 'allow', 'a.example')]
    assert wire.access_rules_payload(current, final) == dict(clear_geo_filters=True, geo_filter_deny=['RU'])
    assert wire.access_rules_payload(current, current[:2]) == dict(clear_referers=True)


def test_subaccounts_object_or_list_and_credentials_masked():
    one = {'id': '13956', 'api_key': 'k', 'api_secret': 's', 'password': '$2y$11$x', 'parent_id': '13863',
           'suspended': '0', 'max_zones': '512', 'trial': '0', 'username': 'test123'}
    assert wire.subaccount_bodies(one) == [one]
    assert wire.subaccount_bodies([one, one]) == [one, one]
    assert wire.subaccount_bodies([]) == []
    account = wire.canonical_subaccount(one)
    assert account['id'] == '13956' and account['parent_id'] == '13863' and account['suspended'] is False
    assert account['max_zones'] == 512 and account['trial'] is False
    assert all(account['raw'][k] == REDACTED for k in ('api_key', 'api_secret', 'password'))
