"""cdn_zone and cdn_zone_info against the simulated UCDN v3 API."""

import json
import urllib.error
import urllib.request

import pytest

P = 'ucdn'
RECONFIG_DELAY = 20  # tests/simulator/providers/ucdn.py


def seed_zone(sim, **spec):
    data = dict(custom_domains=['cdn.example.com'],
                upstream={'endpoints': [{'host': 'o.example.com', 'port': 80}], 'type': 'own', 'proto': 'http',
                          'host_header': 'o.example.com', 'auth': {'type': 'none'}},
                expiration=3600)
    data.update(spec)
    ids = sim.seed(P, {'zones': [data]})['result']
    sim.clear_log()
    return ids[0]


def raw_call(sim, method, path, body=None, token='sim-token', query=''):
    url = sim.api_url(P) + path + query
    headers = {'Content-Type': 'application/json'}
    if token:
        headers['X-UCDN-Token'] = token
    req = urllib.request.Request(url, data=json.dumps(body).encode() if body is not None else None,
                                 method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read().decode())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode())


def test_create_then_rerun_is_unchanged(sim, zone):
    sim.speed(100)  # the 20 s reconfiguration passes in 0.2 s
    args = dict(hostname='cdn.example.com', aliases=['b.example.com', 'a.example.com'],
                origin='https://O.example.com:8443/', cache_ttl=3600,
                settings={'object_size': 'big', 'geo_filter_allow': ['de', 'BG'], 'referers': ['example.com']})
    first = zone(**args)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    z = first['zone']
    assert z['id'] == '1' and z['cdn_domain'] == 'a1-121.so.clients.cdn13.com'
    assert z['hostname'] == 'cdn.example.com' and z['aliases'] == ['a.example.com', 'b.example.com']
    assert z['origin'] == 'https://o.example.com:8443'
    assert z['origin_host_header'] == 'o.example.com'
    assert z['status'] == 'ready'
    assert z['settings']['geo_filter_allow'] == ['BG', 'DE']
    [raw] = sim.state(P)['zones']
    assert raw['id'] == '1' and raw['is_active'] == '1'
    assert raw['object_size'] == 'big' and raw['expiration'] == 3600
    assert raw['custom_domains'] == ['cdn.example.com', 'a.example.com', 'b.example.com']
    assert raw['upstream']['endpoints'] == [{'host': 'o.example.com', 'port': 8443}]
    assert raw['upstream']['proto'] == 'https'
    assert raw['geo_filter'] == {'allow': ['BG', 'DE']}
    create = list(sim.mutations(P))
    assert [(e['method'], e['path']) for e in create] == [('POST', 'zone')]
    assert 'is_active' not in create[0]['body'] and 'enable' not in create[0]['body']

    sim.clear_log()
    second = zone(**args)
    assert second['changed'] is False, second
    assert sim.mutations(P) == []


def test_check_mode_sends_no_write_and_reports_plan(sim, zone):
    result = zone(check=True, diff=True, hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True
    assert result['plan'][0]['action'] == 'create'
    assert result['diff']['before'] == {}
    assert result['diff']['after']['hostname'] == 'cdn.example.com'
    assert result['zone']['settings']['object_size'] == 'small'
    assert sim.mutations(P) == []
    assert sim.state(P)['zones'] == []

    seed_zone(sim)
    result = zone(check=True, diff=True, hostname='cdn.example.com', cache_ttl=60, enabled=False)
    assert result['changed'] is True
    assert result['diff']['after']['cache_ttl'] == 60 and result['diff']['after']['enabled'] is False
    assert sim.mutations(P) == []
    assert sim.state(P)['zones'][0]['expiration'] == 3600


def test_changing_one_field_sends_only_that_field(sim, zone):
    sim.speed(100)
    seed_zone(sim)
    result = zone(diff=True, hostname='cdn.example.com', cache_ttl=300)
    assert result['changed'] is True, result
    writes = sim.mutations(P)
    assert [(w['method'], w['path'], w['body']) for w in writes] == [('PATCH', 'zone/1', {'expiration': 300})]
    assert result['diff']['before']['cache_ttl'] == 3600
    assert result['diff']['after']['cache_ttl'] == 300
    assert sim.state(P)['zones'][0]['expiration'] == 300


@pytest.mark.parametrize('args, body', [
    (dict(enabled=False), {'disable': True}),
    (dict(aliases=[], safety=dict(allow_empty=True)), {'custom_domains': ['cdn.example.com']}),
    (dict(settings={'referers': []}), {'clear_referers': True}),
    (dict(settings={'geo_filter_deny': []}), {'clear_geo_filters': True, 'geo_filter_allow': ['BG']}),
    (dict(settings={'limit_rate_global': ''}), {'clear_limit_rates': True}),
    (dict(settings={'cache_reuse_from': 0}), {'clear_reuse_cache': True}),
    (dict(origin_host_header='www.example.com'),
     {'upstream': {'endpoints': [{'host': 'o.example.com', 'port': 80}], 'type': 'own', 'proto': 'http',
                   'host_header': 'www.example.com', 'auth': {'type': 'http_basic', 'username': 'u', 'password': 's3cret'}}}),
])
def test_patch_helpers_and_partial_bodies(sim, zone, args, body):
    sim.speed(100)
    source = seed_zone(sim, custom_domains=['other.example.com'])
    seed_zone(sim, custom_domains=['cdn.example.com', 'www.example.com'], referers=['example.com'],
              geo_filter_allow=['BG'], geo_filter_deny=['RU'], limit_rate_global='20k', cache_reuse_from=int(source),
              upstream={'endpoints': [{'host': 'o.example.com', 'port': 80}], 'type': 'own', 'proto': 'http',
                        'host_header': 'o.example.com', 'auth': {'type': 'http_basic', 'username': 'u', 'password': 's3cret'}})
    result = zone(hostname='cdn.example.com', **args)
    assert result['changed'] is True, result
    assert [(w['method'], w['path'], w['body']) for w in sim.mutations(P)] == [('PATCH', 'zone/2', body)]
    assert 's3cret' not in json.dumps(result['zone'])
    sim.clear_log()
    again = zone(hostname='cdn.example.com', **args)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_create_disabled_with_default_port_is_idempotent(sim, zone):
    sim.speed(100)
    args = dict(hostname='cdn.example.com', aliases=['cdn.example.com', 'www.example.com'],
                origin='http://o.example.com:80', enabled=False)
    first = zone(**args)
    assert first['changed'] is True, first
    assert [(w['method'], w['path']) for w in sim.mutations(P)] == [('POST', 'zone'), ('PATCH', 'zone/1')]
    assert sim.mutations(P)[1]['body'] == {'disable': True}
    [raw] = sim.state(P)['zones']
    assert raw['is_active'] == '0' and raw['custom_domains'] == ['cdn.example.com', 'www.example.com']
    sim.clear_log()
    again = zone(**args)
    assert again['changed'] is False, again
    assert again['zone']['origin'] == 'http://o.example.com' and again['zone']['enabled'] is False
    assert sim.mutations(P) == []


def test_object_size_cannot_change(sim, zone):
    seed_zone(sim)
    result = zone(hostname='cdn.example.com', settings={'object_size': 'big'})
    assert result['_rc'] == 1
    assert 'option settings.object_size: cannot change once the zone exists on UCDN' in result['msg']
    assert "'small' to 'big'" in result['msg']
    assert sim.mutations(P) == []


def test_delete_then_absent_is_unchanged(sim, zone):
    seed_zone(sim)
    result = zone(hostname='cdn.example.com', state='absent')
    assert result['changed'] is True, result
    assert [(w['method'], w['path']) for w in sim.mutations(P)] == [('DELETE', 'zone/1')]
    assert sim.state(P)['zones'] == []
    sim.clear_log()
    again = zone(hostname='cdn.example.com', state='absent')
    assert again['changed'] is False
    assert sim.mutations(P) == []


def test_delete_refused_shows_provider_message(sim, zone):
    source = seed_zone(sim)
    seed_zone(sim, custom_domains=['user.example.com'], cache_reuse_from=int(source))
    result = zone(hostname='cdn.example.com', state='absent')
    assert result['_rc'] == 1
    assert 'HTTP 406' in result['msg'] and 'used as cache source' in result['msg']


def test_wrong_token_shows_provider_message(sim, module):
    params = sim.creds(P)
    params.update(api_token='wrong', hostname='cdn.example.com')
    result = module('cdn_zone_info', params)
    assert result['_rc'] == 1
    assert 'Invalid login credentials' in result['msg'] and 'HTTP 401' in result['msg']
    assert 'wrong' not in result['_raw'].replace('"wrong"', '')


@pytest.mark.parametrize('args, text', [
    (dict(hostname='cdn.example.com', origin='not a url'), 'option origin'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com/path'), 'has a path'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', cache_ttl=-1), 'option cache_ttl'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', cache_ttl=99999999), 'out of range'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'colour': 'red'}), "key 'colour'"),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'object_size': 'huge'}),
     'settings.object_size'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'geo_filter_allow': ['Germany']}),
     'ISO 3166-1'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com',
          settings={'limit_rate_global': '20k', 'limit_rate_security': 'on'}), 'mutually exclusive'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', compress=True), 'option compress:'),
])
def test_bad_input_fails_before_any_request(sim, zone, args, text):
    result = zone(**args)
    assert result['_rc'] == 1
    assert text in result['msg'], result['msg']
    assert sim.log(P) == []


def test_two_503s_then_success(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path='^zone', status=503, count=2, retry_after=0)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    assert len(sim.state(P)['zones']) == 1
    posts = [e for e in sim.log(P) if e['method'] == 'POST']
    assert [p['status'] for p in posts] == [503, 503, 200]


def test_532_on_a_read_is_retried(sim, module):
    seed_zone(sim)
    sim.fault(provider=P, method='GET', path='^zones', status=532, body={'message': 'Temporary failure'},
              retry_after=0)
    result = module('cdn_zone_info', dict(sim.creds(P), hostname='cdn.example.com'))
    assert result['_rc'] == 0, result
    assert result['zones'][0]['id'] == '1'
    assert [e['status'] for e in sim.log(P)] == [532, 200]


def test_532_on_create_is_not_resent(sim, zone):
    sim.fault(provider=P, method='POST', path='^zone', status=532, body={'message': 'Could not create zone'})
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['_rc'] == 1
    assert 'HTTP 532' in result['msg'] and 'Could not create zone' in result['msg']
    assert len([e for e in sim.log(P) if e['method'] == 'POST']) == 1
    assert sim.state(P)['zones'] == []


def test_lost_create_response_is_not_resent(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path='^zone', apply_then_drop=True)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    assert len(sim.state(P)['zones']) == 1
    assert len([e for e in sim.log(P) if e['method'] == 'POST']) == 1


def test_wait_until_ready_uses_the_sim_clock(sim, zone):
    result = zone(hostname='slow.example.com', origin='http://o.example.com', wait_timeout=1)
    assert result['_rc'] == 1
    assert 'timed out after 1s' in result['msg']
    assert len(sim.state(P)['zones']) == 1
    no_wait = zone(hostname='slow.example.com', origin='http://o.example.com', wait=False)
    assert no_wait['changed'] is False and no_wait['zone']['status'] == 'reconfiguring'
    sim.advance(RECONFIG_DELAY + 1)
    result = zone(hostname='slow.example.com', origin='http://o.example.com')
    assert result['changed'] is False
    assert result['zone']['status'] == 'ready'


def test_found_by_any_custom_domain_and_by_zone_id(sim, zone):
    sim.speed(100)
    seed_zone(sim, custom_domains=['a.example.com', 'cdn.example.com'])
    result = zone(hostname='cdn.example.com', aliases=['a.example.com'])
    assert result['changed'] is False, result
    result = zone(zone_id='1', hostname='cdn.example.com')
    assert result['changed'] is False, result
    assert sim.mutations(P) == []
    result = zone(zone_id='1', hostname='new.example.com', aliases=[], safety=dict(allow_empty=True))
    assert result['changed'] is True
    assert sim.state(P)['zones'][0]['custom_domains'] == ['new.example.com']


def test_secrets_are_redacted(sim, module):
    seed_zone(sim, upstream={'endpoints': [{'host': 'o.example.com', 'port': 80}], 'type': 'own', 'proto': 'http',
                             'host_header': 'o.example.com',
                             'auth': {'type': 'http_basic', 'username': 'u', 'password': 's3cret'}},
              hash_secret='tokensecret', hash_algorithm='md5', hash_ttl=60)
    info = module('cdn_zone_info', sim.creds(P))
    assert info['_rc'] == 0, info
    assert 's3cret' not in info['_raw'] and 'tokensecret' not in info['_raw']
    assert info['zones'][0]['raw']['upstream']['auth']['username'] == 'u'


def test_info_round_trip_changes_nothing(sim, module, zone):
    sim.speed(100)
    zone(hostname='cdn.example.com', origin='http://o.example.com', aliases=['x.example.com'],
         settings={'limit_rate_global': '20k', 'error_pages': ['404:https://e.example.com/404.html']})
    info = module('cdn_zone_info', sim.creds(P))
    assert len(info['zones']) == 1
    found = dict(info['zones'][0])
    assert found['settings']['error_pages'] == ['404:https://e.example.com/404.html']
    for key in ('id', 'cdn_domain', 'status', 'raw'):
        found.pop(key)
    sim.clear_log()
    again = zone(**found)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_simulator_speaks_the_documented_shapes(sim):
    seed_zone(sim)
    status, body = raw_call(sim, 'GET', 'zones/', token=None, query='?token=sim-token')
    assert status == 200 and body[0]['error_pages'] == [] and 'ssl_type' not in body[0]
    status, body = raw_call(sim, 'GET', 'zone/1/')
    assert status == 200 and body['error_pages'] == {} and body['ssl_type'] == 'own'
    assert body['id'] == '1' and body['is_active'] == '1' and isinstance(body['create_ts'], str)
    assert raw_call(sim, 'GET', 'zones', query='?count')[1] == {'count': 1}
    assert raw_call(sim, 'GET', 'zones', token=None) == (401, {'message': 'Missing authentication token'})
    status, body = raw_call(sim, 'POST', 'zone', {'upstream': {'endpoints': [{'host': 'x.com'}]}})
    assert status == 532 and 'object_size' in body['message']
    status, body = raw_call(sim, 'PUT', 'zone/1', {'object_size': 'small', 'upstream': {
        'endpoints': [{'host': 'news.com', 'port': 80}], 'type': 'own', 'proto': 'http', 'auth': {'type': 'none'}}})
    assert (status, body) == (200, {'message': 'Zone replaced'})
    zone = raw_call(sim, 'GET', 'zone/1')[1]
    assert zone['custom_domains'] == [] and zone['expiration'] is None
    assert zone['reconfig_status'] == 'reconfiguring'
    assert raw_call(sim, 'DELETE', 'zone/1') == (200, {'message': 'Zone deleted'})
    assert raw_call(sim, 'GET', 'zone/1')[0] == 404
