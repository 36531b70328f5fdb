"""Pure tests of the UCDN adapter's normalisers and payload builders."""


import pytest


from ansible_collections.edgeops.cdn.plugins.module_utils.client import REDACTED
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn

# The seed's "Fetch a zone" example, as UCDN answers it (strings for ids and flags).
SEED_ZONE = {
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


def test_canonical_zone_from_the_seed_example():
    zone = ucdn.canonical_zone(SEED_ZONE)
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
    raw = dict(SEED_ZONE, id=7, is_active='0', expiration=None, custom_domains=['B.example.com', 'a.example.com.'],
               geo_filter={'allow': ['de', 'BG']}, limit_rate={'security': 'on'}, cache_reuse_from='3',
               error_pages={'404': 'https://e.com/404'}, referers='y.com,x.com',
               upstream=dict(SEED_ZONE['upstream'], proto='https', endpoints=[{'host': 'news.com', 'port': '443'}]))
    zone = ucdn.canonical_zone(raw)
    assert zone['id'] == '7' and zone['enabled'] is False and zone['cache_ttl'] == 0
    assert zone['hostname'] == 'b.example.com' and zone['aliases'] == ['a.example.com']
    assert zone['origin'] == 'https://news.com'
    assert zone['settings']['geo_filter_allow'] == ['BG', 'DE']
    assert zone['settings']['limit_rate_security'] == 'on'
    assert zone['settings']['cache_reuse_from'] == 3
    assert zone['settings']['error_pages'] == ['404:https://e.com/404']
    assert zone['settings']['referers'] == ['x.com', 'y.com']
    found = ucdn.canonical_zone(raw, hostname='a.example.com')
    assert found['hostname'] == 'a.example.com' and found['aliases'] == ['b.example.com']


def test_raw_has_secrets_masked():
    raw = dict(SEED_ZONE, hash_secret='abc', upstream=dict(
        SEED_ZONE['upstream'], auth={'type': 'aws_signing_key', 'access_key': 'AK', 'key_scope': 's', 'signing_key': 'sk'}))
    zone = ucdn.canonical_zone(raw)
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
    assert ucdn.upstream_origin(upstream) == origin


def test_create_payload_matches_the_seed_example():
    desired = dict(hostname='cdn.section9.com', aliases=None, origin='http://news.com', origin_host_header=None,
                   cache_ttl=None, enabled=None, settings=None)
    assert ucdn.create_payload(desired) == {
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
    body = ucdn.create_payload(desired)
    assert body['custom_domains'] == ['cdn.example.com', 'a.example.com', 'b.example.com']
    assert body['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 8443}]
    assert body['upstream']['proto'] == 'https' and body['upstream']['host_header'] == 'h.example.com'
    assert body['expiration'] == 60 and body['object_size'] == 'big'
    assert body['geo_filter_deny'] == ['RU']
    for key in ('referers', 'limit_rate_security', 'cache_reuse_from', 'limit_rate_global', 'clear_referers'):
        assert key not in body


CURRENT = ucdn.canonical_zone(dict(SEED_ZONE, custom_domains=['cdn.example.com', 'www.example.com'],
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
    assert ucdn.update_payload(CURRENT, changes, desired) == body


def test_update_payload_keeps_upstream_auth_and_other_endpoints():
    current_upstream = {'endpoints': [{'host': 'a.com', 'port': 80}, {'host': 'b.com', 'port': 80}], 'type': 'own',
                        'proto': 'http', 'host_header': 'a.com',
                        'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}
    body = ucdn.update_payload(CURRENT, dict(origin='https://c.com'), {}, current_upstream=current_upstream)
    assert body == {'upstream': {'endpoints': [{'host': 'c.com', 'port': 443}, {'host': 'b.com', 'port': 80}],
                                 'type': 'own', 'proto': 'https', 'host_header': 'a.com',
                                 'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}}
    assert current_upstream['endpoints'][0]['host'] == 'a.com'  # not modified


def test_helper_flags_are_body_keys_set_to_true():
    assert ucdn.helper_flags('enable', 'clear_referers') == {'enable': True, 'clear_referers': True}
    assert ucdn.helper_flags() == {}


def test_normalize_desired_settings():
    settings = dict(geo_filter_allow=['de', 'bg', 'DE'], referers=['B.com', 'a.com'], limit_rate_global=' 20K ',
                    error_pages=['500:https://e.com/5', '404:https://e.com/4'])
    assert ucdn.normalize_desired_settings(settings) == dict(
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
        ucdn.normalize_desired_settings(settings)
    assert err.value.option == option


# --- the security token (hash_secret, hash_algorithm, hash_ttl) ---------------------------

MARK = ucdn.REDACTED
TOKEN_ZONE = dict(SEED_ZONE, hash_secret='s3cret-Token', hash_algorithm='sha1', hash_ttl=600)


@pytest.mark.parametrize('raw, secrets, shown', [
    (SEED_ZONE, None, None),                       # none set, none asked for: not shown
    (SEED_ZONE, {'hash_secret': ''}, ''),          # none set, none asked for ('')
    (TOKEN_ZONE, None, MARK),                      # set, not asked for: masked
    (TOKEN_ZONE, {'hash_secret': 's3cret-Token'}, MARK),
    (TOKEN_ZONE, {'hash_secret': 'other'}, ucdn.SECRET_DIFFERS),
    (TOKEN_ZONE, {'hash_secret': ''}, ucdn.SECRET_DIFFERS),
])
def test_canonical_settings_show_the_secret_masked_only_when_set(raw, secrets, shown):
    settings = ucdn.canonical_zone(raw, secrets=secrets)['settings']
    assert settings.get('hash_secret', 'absent') == ('absent' if shown is None else shown)
    assert 's3cret-Token' not in repr(ucdn.canonical_zone(raw, secrets=secrets))


def test_canonical_settings_security_token_algorithm_and_ttl():
    settings = ucdn.canonical_zone(dict(TOKEN_ZONE, hash_ttl='600'))['settings']
    assert (settings['hash_algorithm'], settings['hash_ttl']) == ('sha1', 600)


def test_create_payload_sends_the_secret_from_secrets_only():
    desired = dict(hostname='cdn.example.com', origin='http://o.example.com',
                   settings=dict(hash_secret=MARK, hash_algorithm='md5', hash_ttl=0))
    body = ucdn.create_payload(desired, secrets={'hash_secret': 'abc123'})
    assert (body['hash_secret'], body['hash_algorithm']) == ('abc123', 'md5')
    assert 'hash_ttl' not in body
    desired['settings'] = dict(hash_secret='')
    body = ucdn.create_payload(desired, secrets={'hash_secret': ''})
    assert 'hash_secret' not in body and 'clear_security_token' not in body


TOKEN_CURRENT = ucdn.canonical_zone(TOKEN_ZONE)


@pytest.mark.parametrize('settings, body', [
    ({'hash_secret': MARK}, {'hash_secret': 'new-one'}),
    ({'hash_secret': ''}, {'clear_security_token': True}),
    ({'hash_secret': '', 'hash_ttl': 0}, {'clear_security_token': True, 'hash_ttl': 0}),
    ({'hash_algorithm': 'md5'}, {'hash_algorithm': 'md5'}),
    ({'hash_ttl': 3600}, {'hash_ttl': 3600}),
    ({'hash_ttl': 0}, {'hash_ttl': 0}),
])
def test_update_payload_security_token(settings, body):
    assert ucdn.update_payload(TOKEN_CURRENT, dict(settings=settings), {},
                               secrets={'hash_secret': 'new-one'}) == body


def test_normalize_desired_settings_keeps_a_valid_secret():
    settings = dict(hash_secret='a-Z_0.9~%2F', hash_algorithm='md5', hash_ttl=60)
    assert ucdn.normalize_desired_settings(dict(settings)) == settings
    assert ucdn.normalize_desired_settings(dict(hash_secret='', hash_ttl=0)) == dict(hash_secret='', hash_ttl=0)


@pytest.mark.parametrize('settings, option', [
    (dict(hash_secret='has space'), 'settings.hash_secret'),
    (dict(hash_secret='frag#ment'), 'settings.hash_secret'),
    (dict(hash_secret='bad%zz'), 'settings.hash_secret'),
    (dict(hash_secret='', hash_algorithm='md5'), 'settings.hash_algorithm'),
    (dict(hash_secret='', hash_ttl=60), 'settings.hash_ttl'),
])
def test_normalize_desired_settings_rejects_security_token(settings, option):
    with pytest.raises(CdnValidationError) as err:
        ucdn.normalize_desired_settings(settings)
    assert err.value.option == option
    assert settings.get('hash_secret') in ('', None) or settings['hash_secret'] not in str(err.value)


def test_validate_zone_keeps_the_secret_out_of_the_settings():
    adapter = ucdn.Adapter(None)
    desired = dict(hostname='cdn.example.com', settings=dict(hash_secret='abc', hash_ttl=5))
    adapter.validate_zone(desired, 'present')
    assert desired['settings'] == dict(hash_secret=MARK, hash_ttl=5)
    assert adapter.secrets == {'hash_secret': 'abc'}
    fed_back = dict(hostname='cdn.example.com', settings=dict(hash_secret=MARK))
    ucdn.Adapter(None).validate_zone(fed_back, 'present')
    assert fed_back['settings'] == dict(hash_secret=None)


def test_dialect_retries_532_and_reads_messages():
    dialect = ucdn.UcdnDialect()
    assert 532 in dialect.retry_statuses and 503 in dialect.retry_statuses
    assert dialect.error_message(532, {'message': 'Fail'}, '') == 'Fail'
    assert dialect.error_message(401, 'Invalid login credentials', '"Invalid login credentials"') == \
        'Invalid login credentials'


def test_capabilities_declare_the_settings():
    caps = ucdn.CAPABILITIES.resource('zone')
    assert 'delete' in caps.operations
    assert caps.settings['object_size']['choices'] == ['small', 'big']
    assert caps.settings['hash_secret'] == dict(type='str', secret=True)
    assert caps.settings['hash_algorithm']['choices'] == ['md5', 'sha1']
    assert caps.settings['hash_ttl'] == dict(type='int', min=0)
    assert 'tls' not in caps.fields and 'compress' not in caps.fields


@pytest.mark.parametrize('origin, canonical', [
    ('http://O.example.com:80/', 'http://o.example.com'),
    ('https://o.example.com:443', 'https://o.example.com'),
    ('https://o.example.com:80', 'https://o.example.com:80'),
    ('http://o.example.com:8080', 'http://o.example.com:8080'),
])
def test_canonical_origin_matches_what_the_zone_shows(origin, canonical):
    assert ucdn.canonical_origin(origin) == canonical
    _scheme, endpoint = ucdn.endpoint_from_origin(origin)
    upstream = {'endpoints': [endpoint], 'proto': _scheme}
    assert ucdn.upstream_origin(upstream) == canonical


def test_validate_zone_normalises_origin_and_aliases():
    adapter = ucdn.Adapter(client=None)
    desired = dict(hostname='cdn.example.com', aliases=['cdn.example.com', 'a.example.com'],
                   origin='http://o.example.com:80', settings={'geo_filter_allow': ['de']})
    adapter.validate_zone(desired, 'present')
    assert desired['origin'] == 'http://o.example.com'
    assert desired['aliases'] == ['a.example.com']
    assert desired['settings']['geo_filter_allow'] == ['DE']
    with pytest.raises(CdnValidationError):
        adapter.validate_zone(dict(origin='storage:'), 'present')


# --- cdn_origin: the zone's upstream -------------------------------------------------

# The seed's "Zone with aws origin and secret key auth" upstream, as UCDN would echo it.
AWS_UPSTREAM = {"endpoints": [{"host": "s3.eu-central-1.domain.com", "bucket": "test", "region": "test"}],
                "type": "aws-s3", "proto": "http",
                "auth": {"type": "aws_secret_key", "access_key": "examplekey", "secret_key": "skey1"}}


def test_canonical_upstream_from_the_seed_examples():
    origin = ucdn.canonical_upstream(SEED_ZONE)
    assert origin['id'] == origin['zone'] == '1' and origin['kind'] == 'origin'
    assert origin['name'] == 'cdn.section9.com'
    assert origin['endpoints'] == [{'host': 'news.com', 'port': 80}]
    assert origin['protocol'] == 'http' and origin['host_header'] == 'news.com'
    assert origin['auth'] == {'type': 'none'}

    aws = ucdn.canonical_upstream(dict(SEED_ZONE, upstream=AWS_UPSTREAM))
    # No port in the seed's aws example: the protocol's default, as the core fills desired ports.
    assert aws['endpoints'] == [{'host': 's3.eu-central-1.domain.com', 'port': 80, 'bucket': 'test', 'region': 'test'}]
    assert aws['auth'] == {'type': 'aws_secret_key', 'access_key': 'examplekey'}
    assert aws['host_header'] is None
    assert aws['raw']['auth']['secret_key'] == REDACTED and aws['raw']['auth']['access_key'] == 'examplekey'
    assert 'skey1' not in repr(aws)


def test_every_unknown_upstream_auth_value_is_masked_in_the_zone():
    upstream = dict(SEED_ZONE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b',
                                                 'session_token': 'tok'})
    zone = ucdn.canonical_zone(dict(SEED_ZONE, upstream=upstream, hash_secret='hs'))
    assert zone['raw']['upstream']['auth'] == {'type': 'http_basic', 'username': 'a', 'password': REDACTED,
                                               'session_token': REDACTED}
    assert zone['raw']['hash_secret'] == REDACTED


def test_origin_payload_turning_auth_off_is_the_helper_alone():
    upstream = dict(SEED_ZONE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b'})
    assert ucdn.origin_update_payload(upstream, {'auth': {'type': 'none'}}) == {'clear_origins_auth': True}
    body = ucdn.origin_update_payload(upstream, {'auth': {'type': 'none'}, 'protocol': 'https'})
    assert body['upstream']['auth'] == {'type': 'none'} and body['upstream']['proto'] == 'https'


def test_origin_payload_keeps_what_was_not_set_and_resends_shown_secrets():
    upstream = dict(SEED_ZONE['upstream'], auth={'type': 'http_basic', 'username': 'a', 'password': 'b'})
    body = ucdn.origin_update_payload(upstream, {'endpoints': [{'host': 'n.example.com', 'port': 8080}]})
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
        ucdn.origin_update_payload(dict(AWS_UPSTREAM, auth=auth), {'protocol': 'https'})
    assert err.value.option == 'auth' and 'signing_key' in str(err.value)
    given = dict(auth, signing_key='new')
    body = ucdn.origin_update_payload(dict(AWS_UPSTREAM, auth=auth), {'protocol': 'https', 'auth': given})
    assert body['upstream']['auth'] == given


def test_origin_payload_s3_type_and_ports():
    changes = {'endpoints': [{'host': 's3.example.com', 'port': 443, 'bucket': 'b', 'region': 'r'}],
               'protocol': 'https', 'auth': {'type': 'aws_secret_key', 'access_key': 'k', 'secret_key': 's'}}
    body = ucdn.origin_update_payload(SEED_ZONE['upstream'], changes)['upstream']
    assert body['type'] == 'aws-s3' and body['proto'] == 'https'
    # Like the seed's aws-s3 examples: no port when it is the protocol's default.
    assert body['endpoints'] == [{'host': 's3.example.com', 'bucket': 'b', 'region': 'r'}]
    back = ucdn.origin_update_payload(AWS_UPSTREAM, {'auth': {'type': 'http_basic', 'username': 'a', 'password': 'b'},
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
    assert ucdn.upstream_type(upstream, current) == expected


def test_capabilities_declare_origin_and_certificate():
    caps = ucdn.CAPABILITIES
    assert caps.limits.origin_scope == 'zone' and caps.limits.origin_endpoint_ports is True
    assert 'delete' not in caps.resource('origin').operations
    assert set(caps.resource('certificate').operations) == {'list', 'get', 'create', 'delete', 'bind', 'acme'}


# --- cdn_certificate ---------------------------------------------------------------

# The seed's "List all certificates" example.
SEED_CERTIFICATES = [
    {"id": 18, "hostname": "cdn.section9.com", "fingerprint": "3d284b5326388d22f9bfb15600917ebc1dfa96cd",
     "used_in_zones": [{"zone_id": 1, "domain": "cdn.section9.com", "cdn_domain": "a1-121.so.clients.cdn13.com"}]},
    {"id": 35, "hostname": "cdn3.section9.co.jp", "fingerprint": "0f382f59b8ee80950c9663042190008927a6012f",
     "used_in_zones": []},
]


def test_canonical_certificate_from_the_seed_example():
    first, second = [ucdn.canonical_certificate(c) for c in SEED_CERTIFICATES]
    assert first['id'] == '18' and first['hostname'] == 'cdn.section9.com' and first['zones'] == ['1']
    assert first['fingerprint'] == '3d284b5326388d22f9bfb15600917ebc1dfa96cd' and first['name'] is None
    assert second['zones'] == [] and 'not_after' not in second
    info = dict(common_name='cdn3.section9.co.jp', sans=[], issuer='CN=CA', not_before='a', not_after='b')
    known = {'0f382f59b8ee80950c9663042190008927a6012f': info}
    enriched = ucdn.canonical_certificate(dict(SEED_CERTIFICATES[1], fingerprint='0F:38:2F:59:B8:EE:80:95:0C:96:'
                                               '63:04:21:90:00:89:27:A6:01:2F'), known)
    assert enriched['fingerprint'] == '0f382f59b8ee80950c9663042190008927a6012f'
    assert enriched['not_after'] == 'b' and enriched['issuer'] == 'CN=CA'


class Local:
    def __init__(self, cert_pem, key_pem, chain_pem=None):
        self.certificate_pem, self.private_key_pem, self.chain_pem = cert_pem, key_pem, chain_pem


def test_certificate_payload_sends_the_rsa_key_as_the_seed_shows():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs8 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode('ascii')
    body = ucdn.certificate_payload(Local('CERT', pkcs8))
    assert sorted(body) == ['certificate', 'key']
    assert body['key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert serialization.load_pem_private_key(body['key'].encode(), None).private_numbers() == key.private_numbers()
    assert ucdn.certificate_payload(Local('CERT', body['key'], 'CHAIN')) == dict(certificate='CERT', key=body['key'],
                                                                                 ca_bundle='CHAIN')


def test_ucdn_hostname_and_zone_serves():
    assert ucdn.ucdn_hostname(dict(common_name='a.example.com', sans=['b.example.com'])) == 'a.example.com'
    assert ucdn.ucdn_hostname(dict(common_name=None, sans=['b.example.com'])) == 'b.example.com'
    assert ucdn.ucdn_hostname(dict(common_name=None, sans=[])) is None
    domains = ['cdn.example.com', 'example.com', 'a.b.example.com']
    assert ucdn.zone_serves(domains, '*.example.com') == ['cdn.example.com']
    assert ucdn.zone_serves(domains, 'example.com') == ['example.com']
    assert ucdn.zone_serves(domains, None) == []


# --- cdn_storage ---------------------------------------------------------------------

# The seed's "Storage FTP" example.
SEED_STORAGE = {"id": 1, "container": "level-3-logs", "ftp_host": "north-america.upload.cdn13.com",
                "ftp_user": "1000121.1000121", "ftp_password": "ftppassword", "region": "north-america",
                "synchronized_with_storage": None}


def test_canonical_storage_from_the_seed_example_hides_the_password():
    storage = ucdn.canonical_storage(SEED_STORAGE, {"bytes": 0, "objects": 0})
    assert storage['id'] == '1' and storage['name'] == 'level-3-logs' and storage['region'] == 'north-america'
    assert storage['ftp_host'] == 'north-america.upload.cdn13.com' and storage['ftp_user'] == '1000121.1000121'
    assert storage['bytes'] == 0 and storage['objects'] == 0
    assert 'ftppassword' not in str(storage)
    assert storage['raw']['ftp_password'] == REDACTED
    assert ucdn.canonical_storage(SEED_STORAGE)['bytes'] is None


def test_storage_payloads_follow_the_seed_examples():
    assert ucdn.storage_create_payload(dict(name='level-4-logs', region='north-america')) == \
        {"region": "north-america", "name": "level-4-logs"}
    assert ucdn.storage_rotate_payload('north-america') == {"action": "change_ftp_password", "region": "north-america"}


def test_storage_origin_fields_and_zone_payloads():
    assert ucdn.is_storage_origin('storage:3') and not ucdn.is_storage_origin('https://o.example.com')
    body = ucdn.create_payload(dict(hostname='s.example.com', origin='storage:3'))
    assert body == {'storage_id': 3, 'custom_domains': ['s.example.com'], 'object_size': 'small'}
    current = dict(id='1', hostname='s.example.com', origin='storage:3', settings={})
    moved = ucdn.update_payload(current, dict(origin='https://o.example.com'), dict(origin='https://o.example.com'))
    assert moved['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 443}]
    assert ucdn.update_payload(dict(current, origin='http://o.example.com'), dict(origin='storage:4'), {}) == \
        {'storage_id': 4}
    with pytest.raises(CdnValidationError, match='origin_host_header'):
        ucdn.update_payload(current, dict(origin_host_header='h.example.com'), {})


def test_validate_zone_resolves_a_storage_by_name_or_id():
    adapter = ucdn.Adapter(client=None)
    adapter.list_storages = lambda: [ucdn.canonical_storage(SEED_STORAGE)]
    for ref in ('level-3-logs', '1'):
        desired = dict(origin='storage:%s' % ref)
        adapter.validate_zone(desired, 'present')
        assert desired['origin'] == 'storage:1'
    with pytest.raises(CdnValidationError, match='origin'):
        adapter.validate_zone(dict(origin='storage:other'), 'present')
    with pytest.raises(CdnValidationError, match='origin_host_header'):
        adapter.validate_zone(dict(origin='storage:1', origin_host_header='h.example.com'), 'present')
