"""cdn_zone and cdn_zone_info against the simulated CloudFlow (OnApp CDN) API."""

import pytest

P = 'cloudflow'
SECRET = 's3cr3t-signing-key-4242'


def seed_one(sim, **extra):
    spec = dict(cdn_hostname='cdn.example.com', origin='o.example.com', secondary_hostnames=['a.example.com'])
    spec.update(extra)
    return sim.seed(P, {'cdn_resources': [spec]})['result'][0]


def only_resource(sim):
    resources = sim.state(P)['cdn_resources']
    assert len(resources) == 1, resources
    return resources[0]


def test_create_then_rerun_is_unchanged(sim, zone):
    sim.speed(100)  # 20 s PENDING -> ACTIVE passes in 0.2 s
    args = dict(hostname='cdn.example.com', origin='https://o.example.com/', aliases=['b.example.com', 'a.example.com'],
                tls=True, settings={'countries': ['de', 'FR'], 'country_access_policy': 'BLOCK_BY_DEFAULT',
                                    'http_bot_blocked': True, 'cache_expiry': 45})
    first = zone(**args)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert first['zone']['status'] == 'ACTIVE'
    assert first['zone']['cdn_domain'] == '990113321.r.worldcdn.net'
    assert first['zone']['origin'] == 'https://o.example.com'
    assert first['zone']['aliases'] == ['a.example.com', 'b.example.com']
    resource = only_resource(sim)
    assert resource['cdn_hostname'] == 'cdn.example.com'
    assert resource['resource_type'] == 'HTTP_PULL'
    assert resource['origins'] == [{'key': 'origin_1', 'value': 'o.example.com'}]
    assert resource['origin_policy'] == 'HTTPS'
    assert resource['ssl_on'] is True and resource['http_bot_blocked'] is True
    assert resource['countries'] == ['DE', 'FR'] and resource['cache_expiry'] == 45
    assert sorted(g['id'] for g in resource['edge_groups']) == [1, 2]

    post = [e for e in sim.log(P) if e['method'] == 'POST'][0]
    body = post['body']['cdn_resource']
    assert body['ssl_on'] == 1 and body['http_bot_blocked'] == 1  # booleans as 1/0
    assert body['edge_group_ids'] == [1, 2]

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
    assert sim.mutations(P) == []
    assert sim.state(P)['cdn_resources'] == []

    seed_one(sim)
    sim.clear_log()
    result = zone(check=True, diff=True, hostname='cdn.example.com', tls=True)
    assert result['changed'] is True
    assert result['diff']['before']['tls'] is False and result['diff']['after']['tls'] is True
    assert sim.mutations(P) == []
    assert only_resource(sim)['ssl_on'] is False


def test_changing_one_field_sends_only_that_field(sim, zone):
    seed_one(sim)
    sim.clear_log()
    result = zone(diff=True, hostname='cdn.example.com', origin='http://o.example.com', settings={'cache_expiry': 60})
    assert result['changed'] is True, result
    writes = sim.mutations(P)
    assert [(w['method'], w['path'], w['body']) for w in writes] == [
        ('PUT', 'cdn_resources/1.json', {'cdn_resource': {'cache_expiry': 60}})]
    assert [w['status'] for w in writes] == [204]
    assert result['diff']['before']['settings']['cache_expiry'] == 10080
    assert result['diff']['after']['settings']['cache_expiry'] == 60
    assert only_resource(sim)['cache_expiry'] == 60


def test_origin_change_keeps_extra_origins(sim, zone):
    seed_one(sim, origin='o1.example.com,o2.example.com')
    sim.clear_log()
    result = zone(hostname='cdn.example.com', origin='https://new.example.com')
    assert result['changed'] is True, result
    assert [w['body'] for w in sim.mutations(P)] == [
        {'cdn_resource': {'origin': 'new.example.com,o2.example.com', 'origin_policy': 'HTTPS'}}]
    assert [o['value'] for o in only_resource(sim)['origins']] == ['new.example.com', 'o2.example.com']
    assert result['zone']['origin'] == 'https://new.example.com'


def test_aliases_are_authoritative(sim, zone):
    seed_one(sim, secondary_hostnames=['a.example.com', 'b.example.com'])
    sim.clear_log()
    result = zone(hostname='cdn.example.com', aliases=['c.example.com'])
    assert result['changed'] is True, result
    assert [w['body'] for w in sim.mutations(P)] == [{'cdn_resource': {'secondary_hostnames': ['c.example.com']}}]
    assert only_resource(sim)['secondary_hostnames'] == ['c.example.com']

    # Emptying the list is guarded (safety.allow_empty), as for every authoritative list.
    assert zone(hostname='cdn.example.com', aliases=[])['_rc'] == 1
    result = zone(hostname='cdn.example.com', aliases=[], safety=dict(allow_empty=True))
    assert result['changed'] is True
    assert only_resource(sim)['secondary_hostnames'] == []

    sim.clear_log()
    result = zone(hostname='cdn.example.com', tls=False)  # aliases omitted: left alone
    assert result['changed'] is False
    assert sim.mutations(P) == []


def test_delete_then_rerun_is_unchanged(sim, zone):
    seed_one(sim)
    result = zone(hostname='cdn.example.com', state='absent')
    assert result['changed'] is True, result
    assert sim.state(P)['cdn_resources'] == []
    assert [(w['method'], w['path'], w['status']) for w in sim.mutations(P)] == [('DELETE', 'cdn_resources/1.json', 204)]
    sim.clear_log()
    again = zone(hostname='cdn.example.com', state='absent')
    assert again['changed'] is False
    assert sim.mutations(P) == []


def test_wrong_credentials_show_provider_message(sim, module):
    params = sim.creds(P)
    params.update(api_token='wrong', hostname='cdn.example.com')
    result = module('cdn_zone_info', params)
    assert result['_rc'] == 1
    assert 'Invalid email or password.' in result['msg'] and 'HTTP 401' in result['msg']
    assert 'wrong' not in result['_raw'].replace('"wrong"', '')


def test_missing_user_fails_before_any_request(sim, module, monkeypatch):
    monkeypatch.delenv('CLOUDFLOW_API_USER', raising=False)
    monkeypatch.delenv('CDN_API_USER', raising=False)
    params = sim.creds(P)
    params.pop('api_user')
    result = module('cdn_zone', dict(params, hostname='cdn.example.com', origin='http://o.example.com'))
    assert result['_rc'] == 1
    assert 'option api_user' in result['msg'] and 'CLOUDFLOW_API_USER' in result['msg']
    assert sim.log(P) == []


def test_missing_url_fails_clearly(sim, module, monkeypatch):
    monkeypatch.delenv('CLOUDFLOW_API_URL', raising=False)
    monkeypatch.delenv('CDN_API_URL', raising=False)
    params = sim.creds(P)
    params.pop('api_url')
    result = module('cdn_zone_info', params)
    assert result['_rc'] == 1
    assert 'option api_url' in result['msg'] and 'CloudFlow' in result['msg']


def test_credentials_from_environment(sim, module):
    env = dict(CLOUDFLOW_API_USER='admin@example.com', CLOUDFLOW_API_KEY='sim-token',
               CLOUDFLOW_API_URL=sim.api_url(P))
    seed_one(sim)
    result = module('cdn_zone_info', dict(provider=P), env=env)
    assert result['_rc'] == 0, result
    assert [z['hostname'] for z in result['zones']] == ['cdn.example.com']


@pytest.mark.parametrize('args, text', [
    (dict(hostname='cdn.example.com', origin='not a url'), 'option origin'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com/path'), 'has a path'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'ip_access_policy': 'MAYBE'}),
     'settings.ip_access_policy'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'colour': 'red'}), "key 'colour'"),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'countries': ['Germany']}),
     'settings.countries'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', cache_ttl=60), 'option cache_ttl:'),
    (dict(hostname='bad_host!', origin='http://o.example.com'), 'option hostname'),
])
def test_bad_input_fails_before_any_request(sim, zone, args, text):
    result = zone(**args)
    assert result['_rc'] == 1
    assert text in result['msg']
    assert sim.log(P) == []


def test_create_without_origin_fails_without_writes(sim, zone):
    result = zone(hostname='cdn.example.com')
    assert result['_rc'] == 1
    assert 'option origin' in result['msg']
    assert sim.mutations(P) == []


def test_provider_422_is_shown(sim, zone):
    result = zone(hostname='cdn.example.com', origin='http://o.example.com', settings={'edge_group_ids': [99]})
    assert result['_rc'] == 1
    assert 'HTTP 422' in result['msg']
    assert 'edge_group_ids contains an edge group that is not available' in result['msg']
    assert sim.state(P)['cdn_resources'] == []


def test_two_503s_then_success(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path=r'^cdn_resources\.json', status=503, count=2, retry_after=0)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    only_resource(sim)
    posts = [e for e in sim.log(P) if e['method'] == 'POST']
    assert [p['status'] for p in posts] == [503, 503, 201]


def test_html_500_on_read_is_retried_then_reported(sim, zone):
    sim.fault(provider=P, method='GET', path=r'^cdn_resources\.json', status=500, count=10,
              body='<html><body><h1>500 Internal Server Error</h1><p>oops</p></body></html>')
    result = zone(hostname='cdn.example.com', origin='http://o.example.com', retries=1)
    assert result['_rc'] == 1
    assert 'HTTP 500' in result['msg'] and '500 Internal Server Error' in result['msg']
    assert '<h1>' not in result['msg']
    assert sim.mutations(P) == []


def test_lost_create_response_is_not_resent(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path=r'^cdn_resources\.json', apply_then_drop=True)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    only_resource(sim)
    assert len([e for e in sim.log(P) if e['method'] == 'POST']) == 1


def test_wait_for_active_and_timeout(sim, zone):
    result = zone(hostname='slow.example.com', origin='http://o.example.com', wait_timeout=1)
    assert result['_rc'] == 1
    assert 'timed out after 1s' in result['msg']
    assert only_resource(sim)['status'] == 'PENDING'
    sim.advance(21)
    result = zone(hostname='slow.example.com', origin='http://o.example.com')
    assert result['changed'] is False
    assert result['zone']['status'] == 'ACTIVE'


def test_info_round_trip_changes_nothing(sim, module, zone):
    seed_one(sim, url_signing_on=True, url_signing_key=SECRET, ip_access_policy='BLOCK_BY_DEFAULT',
             ip_addresses='10.0.0.2, 10.0.0.1')
    info = module('cdn_zone_info', sim.creds(P))
    assert len(info['zones']) == 1
    found = dict(info['zones'][0])
    assert found['settings']['ip_addresses'] == '10.0.0.1,10.0.0.2'
    for key in ('id', 'cdn_domain', 'status', 'raw'):
        found.pop(key)
    sim.clear_log()
    again = zone(**found)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []
    assert only_resource(sim)['url_signing_key'] == SECRET


def test_secret_setting_never_appears_in_output(sim, zone, module):
    sim.speed(100)
    args = dict(hostname='cdn.example.com', origin='http://o.example.com',
                settings={'url_signing_on': True, 'url_signing_key': SECRET})
    first = zone(diff=True, **args)
    assert first['changed'] is True, first
    assert only_resource(sim)['url_signing_key'] == SECRET
    assert SECRET not in first['_raw']
    assert first['zone']['settings']['url_signing_key'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

    second = zone(diff=True, **args)
    assert second['changed'] is False, second
    assert SECRET not in second['_raw']

    rotated = dict(args, settings={'url_signing_key': SECRET + '-new'})
    sim.clear_log()
    third = module('cdn_zone', dict(sim.creds(P), **rotated), diff=True, verbosity=3)
    assert third['changed'] is True, third
    assert [w['body'] for w in sim.mutations(P)] == [{'cdn_resource': {'url_signing_key': SECRET + '-new'}}]
    assert SECRET not in third['_raw']
    assert only_resource(sim)['url_signing_key'] == SECRET + '-new'

    info = module('cdn_zone_info', sim.creds(P))
    assert SECRET not in info['_raw']


def test_empty_secret_unsets_and_then_stays_unchanged(sim, zone):
    sim.speed(100)
    args = dict(hostname='cdn.example.com', origin='http://o.example.com',
                settings={'url_signing_on': True, 'url_signing_key': SECRET})
    assert zone(**args)['changed'] is True
    cleared = dict(args, settings={'url_signing_on': False, 'url_signing_key': ''})
    first = zone(diff=True, **cleared)
    assert first['changed'] is True, first
    assert not only_resource(sim)['url_signing_key']
    assert SECRET not in first['_raw']
    sim.clear_log()
    again = zone(**cleared)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []
