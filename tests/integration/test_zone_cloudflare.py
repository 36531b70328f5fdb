"""cdn_zone and cdn_zone_info against the simulated CloudFlare client API v1.

CloudFlare cannot create zones through this API: the simulator starts with one
zone, example.com (zone_id "1000"), and cdn_zone manages its settings.
"""

import json
import urllib.parse
import urllib.request

import pytest

P = 'cloudflare'
ZONE = 'example.com'


def api(sim, **fields):
    """One raw call to the simulated api_json.html (form POST), as the real clients did."""
    data = dict(tkn='sim-token', email='admin@example.com')
    data.update(fields)
    req = urllib.request.Request(sim.api_url(P), data=urllib.parse.urlencode(data).encode(), method='POST')
    with urllib.request.urlopen(req, timeout=10) as resp:
        assert resp.status == 200
        return json.loads(resp.read().decode())


def zone_state(sim, name=ZONE):
    return next(z for z in sim.state(P)['zones'] if z['zone_name'] == name)


def actions(entries):
    return [(e['body']['a'], e['body'].get('v')) for e in entries]


def test_set_settings_then_rerun_is_unchanged(sim, zone):
    wanted = {'sec_lvl': 'high', 'cache_lvl': 'agg', 'async': 'a', 'minify': 7, 'ipv46': True, 'mirage2': True}
    first = zone(hostname=ZONE, settings=wanted)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert first['zone']['id'] == '1000'
    assert first['zone']['hostname'] == ZONE
    assert first['zone']['cdn_domain'] is None
    for key, value in wanted.items():
        assert first['zone']['settings'][key] == value
    settings = zone_state(sim)['settings']
    assert settings['sec_lvl'] == 'high' and settings['userSecuritySetting'] == 'High'
    assert settings['cache_lvl'] == 'agg' and settings['async'] == 'a' and settings['minify'] == '7'
    assert settings['ipv46'] == '3' and settings['img'] == '1'
    writes = sim.mutations(P)
    assert sorted(actions(writes)) == sorted([('sec_lvl', 'high'), ('cache_lvl', 'agg'), ('async', 'a'),
                                              ('minify', '7'), ('ipv46', '3'), ('mirage2', '1')])
    assert all(w['body']['z'] == ZONE and w['body']['email'] == 'admin@example.com' for w in writes)

    sim.clear_log()
    second = zone(hostname=ZONE, settings=wanted)
    assert second['changed'] is False, second
    assert sim.mutations(P) == []
    assert [e['body']['a'] for e in sim.log(P)] == ['zone_load_multi', 'zone_settings']


def test_check_mode_sends_no_write(sim, zone):
    result = zone(check=True, diff=True, hostname=ZONE, settings={'sec_lvl': 'help', 'devmode': True})
    assert result['changed'] is True
    assert result['plan'] == [{'action': 'update', 'resource': 'zone', 'id': '1000',
                               'changes': {'settings': {'sec_lvl': 'help', 'devmode': True}}}]
    assert result['zone']['settings']['sec_lvl'] == 'help'
    assert sim.mutations(P) == []
    assert zone_state(sim)['settings']['sec_lvl'] == 'med'
    assert zone_state(sim)['settings']['dev_mode'] == 0


def test_diff_and_only_the_changed_setting_is_sent(sim, zone):
    zone(hostname=ZONE, settings={'sec_lvl': 'low', 'minify': 3})
    sim.clear_log()
    result = zone(diff=True, hostname=ZONE, settings={'sec_lvl': 'low', 'minify': 6})
    assert result['changed'] is True, result
    assert actions(sim.mutations(P)) == [('minify', '6')]
    assert result['diff']['before']['settings']['minify'] == 3
    assert result['diff']['after']['settings']['minify'] == 6
    assert result['diff']['before']['settings']['sec_lvl'] == result['diff']['after']['settings']['sec_lvl'] == 'low'
    assert 'sim-token' not in json.dumps(result['diff'])


def test_devmode_timestamp_reads_as_bool_and_expires(sim, zone):
    first = zone(hostname=ZONE, settings={'devmode': True})
    assert first['changed'] is True and first['zone']['settings']['devmode'] is True
    assert first['zone']['status'] == 'dev-mode'
    assert zone_state(sim)['settings']['dev_mode'] > 0
    sim.clear_log()
    assert zone(hostname=ZONE, settings={'devmode': True})['changed'] is False
    assert sim.mutations(P) == []
    sim.advance(3 * 3600 + 1)  # CloudFlare turns development mode off after 3 hours
    again = zone(hostname=ZONE, settings={'devmode': True})
    assert again['changed'] is True
    assert actions(sim.mutations(P)) == [('devmode', '1')]
    off = zone(hostname=ZONE, settings={'devmode': False})
    assert off['changed'] is True and zone_state(sim)['settings']['dev_mode'] == 0


def test_zone_id_lookup(sim, zone):
    result = zone(zone_id='1000', settings={'cache_lvl': 'iqs'})
    assert result['changed'] is True, result
    assert zone_state(sim)['settings']['cache_lvl'] == 'iqs'


@pytest.mark.parametrize('check', [False, True])
def test_unknown_zone_cannot_be_created(sim, zone, check):
    result = zone(check=check, hostname='other.example.org', settings={'sec_lvl': 'high'})
    assert result['_rc'] == 1, result
    assert ('CloudFlare cannot create a zone; instead, add the domain to the CloudFlare account on cloudflare.com; '
            'cdn_zone then manages its settings') in result['msg'], result['msg']
    assert sim.mutations(P) == []
    assert [z['zone_name'] for z in sim.state(P)['zones']] == [ZONE]


def test_absent_of_an_existing_zone_is_refused_before_any_write(sim, zone):
    # The zone is there and the API cannot delete it; a zone that is not there is absent already
    # (test_zone_contract.py).
    result = zone(hostname=ZONE, state='absent')
    assert result['_rc'] == 1
    assert result['msg'] == ('cloudflare: CloudFlare cannot delete a zone; instead, remove the domain from the '
                             'CloudFlare account on cloudflare.com'), result['msg']
    assert sim.mutations(P) == []


def test_wrong_token_shows_provider_message(sim, zone, module):
    result = zone(hostname=ZONE, api_token='wrong-key', settings={'sec_lvl': 'high'})
    assert result['_rc'] == 1
    assert 'Unknown token or email' in result['msg'] and 'E_UNAUTH' in result['msg']
    assert result['error']['provider'] == 'cloudflare'
    assert sim.mutations(P) == []
    params = sim.creds(P)
    params.update(api_user='nobody@example.com')
    info = module('cdn_zone_info', params)
    assert info['_rc'] == 1 and 'Unknown token or email' in info['msg']


def test_credentials_from_environment(sim, module):
    params = dict(provider=P, hostname=ZONE)
    env = {'CLOUDFLARE_API_URL': sim.api_url(P), 'CLOUDFLARE_API_EMAIL': 'admin@example.com',
           'CLOUDFLARE_API_TOKEN': 'sim-token'}
    result = module('cdn_zone_info', params, env=env)
    assert result['_rc'] == 0, result
    assert result['zones'][0]['hostname'] == ZONE


def test_missing_user_fails_before_requests(sim, module):
    params = sim.creds(P)
    params.pop('api_user')
    result = module('cdn_zone', dict(params, hostname=ZONE, settings={'sec_lvl': 'low'}))
    assert result['_rc'] == 1
    assert 'option api_user' in result['msg']
    assert sim.log(P) == []


def test_rate_limit_is_retried(sim, zone):
    sim.fault(provider=P, action='sec_lvl', status=200, count=1,
              body={'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.',
                    'err_code': 'E_MAXAPI'})
    result = zone(hostname=ZONE, settings={'sec_lvl': 'high'})
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert [e['body']['a'] for e in sim.log(P) if e['mutating']] == ['sec_lvl', 'sec_lvl']
    assert zone_state(sim)['settings']['sec_lvl'] == 'high'


def test_rate_limit_exhausted_reports_provider_message(sim, zone):
    sim.fault(provider=P, action='zone_load_multi', status=200, count=10,
              body={'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.',
                    'err_code': 'E_MAXAPI'})
    result = zone(hostname=ZONE, settings={'sec_lvl': 'high'}, retries=1)
    assert result['_rc'] == 1
    assert 'exceeded your allowed number of API calls' in result['msg'] and 'E_MAXAPI' in result['msg']
    assert sim.mutations(P) == []


def test_simulator_rate_limit(sim, zone):
    sim.seed(P, {'rate_limit': 2})
    result = zone(hostname=ZONE, settings={'sec_lvl': 'high'}, retries=0)
    assert result['_rc'] == 1
    assert 'E_MAXAPI' in result['msg']
    sim.advance(301)
    assert zone(hostname=ZONE, settings={'sec_lvl': 'med'})['changed'] is False


def test_two_503s_then_success(sim, zone):
    sim.fault(provider=P, action='cache_lvl', status=503, count=2, retry_after=0)
    result = zone(hostname=ZONE, settings={'cache_lvl': 'agg'})
    assert result['changed'] is True, result
    writes = [e for e in sim.log(P) if e['mutating']]
    assert [w['status'] for w in writes] == [503, 503, 200]
    assert zone_state(sim)['settings']['cache_lvl'] == 'agg'


def test_provider_error_in_200_body(sim, zone):
    sim.fault(provider=P, action='minify', status=200, count=1,
              body={'request': {'act': 'minify'}, 'result': 'error', 'msg': 'Zone is locked.'})
    result = zone(hostname=ZONE, settings={'minify': 1})
    assert result['_rc'] == 1
    assert 'Zone is locked.' in result['msg'] and 'set minify of zone example.com' in result['msg']


@pytest.mark.parametrize('settings, text', [
    ({'colour': 'red'}, "key 'colour'"),
    ({'sec_lvl': 'extreme'}, 'settings.sec_lvl'),
    ({'cache_lvl': 'all'}, 'settings.cache_lvl'),
    ({'async': 'x'}, 'settings.async'),
    ({'minify': 8}, 'settings.minify'),
    ({'devmode': 'sometimes'}, 'settings.devmode'),
    ({'ipv46': 3}, 'settings.ipv46'),
])
def test_bad_settings_fail_before_any_request(sim, zone, settings, text):
    result = zone(hostname=ZONE, settings=settings)
    assert result['_rc'] == 1
    assert text in result['msg']
    assert sim.log(P) == []


def test_unsupported_option_fails_before_any_request(sim, zone):
    result = zone(hostname=ZONE, origin='https://o.example.com')
    assert result['_rc'] == 1
    assert result['msg'] == ("cloudflare: option origin: CloudFlare cannot manage it on a zone; instead, point the "
                             "zone's DNS records at the origin server (edgeops.cdn.cdn_dns_record with proxied: true) "
                             "(the options CloudFlare manages on a zone: hostname, settings)"), result['msg']
    assert sim.log(P) == []


def test_info_round_trip_changes_nothing(sim, module, zone):
    sim.seed(P, {'zones': [{'zone_name': 'second.example', 'settings': {'ipv46': 1, 'dev_mode': 0, 'img': 171}}]})
    zone(hostname=ZONE, settings={'sec_lvl': 'high', 'minify': 5})
    sim.clear_log()
    info = module('cdn_zone_info', sim.creds(P))
    assert info['_rc'] == 0 and info['changed'] is False
    assert sim.mutations(P) == []
    by_name = dict((z['hostname'], z) for z in info['zones'])
    assert by_name['second.example']['settings']['ipv46'] is True
    assert by_name['second.example']['settings']['mirage2'] is True
    assert by_name[ZONE]['settings']['minify'] == 5
    for found in info['zones']:
        found = dict(found)
        for key in ('id', 'cdn_domain', 'status', 'raw'):
            found.pop(key)
        sim.clear_log()
        again = zone(**found)
        assert again['changed'] is False, again
        assert sim.mutations(P) == []


def test_info_one_zone_and_missing_zone(sim, module):
    params = sim.creds(P)
    one = module('cdn_zone_info', dict(params, hostname='EXAMPLE.com.'))
    assert [z['id'] for z in one['zones']] == ['1000']
    assert one['zones'][0]['raw']['zone']['zone_name'] == ZONE
    assert 'tkn' not in json.dumps(one['zones'])
    none = module('cdn_zone_info', dict(params, hostname='missing.example'))
    assert none['_rc'] == 0 and none['zones'] == []


# --- the simulated API itself (shapes the DNS record work will build on) ------

def test_sim_errors_are_http_200_with_err_code(sim):
    bad = api(sim, a='zone_load_multi', tkn='nope')
    assert bad == {'result': 'error', 'msg': 'Unknown token or email', 'err_code': 'E_UNAUTH'}
    alias = api(sim, a='zone_load_multi', u='admin@example.com', email='')
    assert alias['result'] == 'success'
    assert alias['response']['zones']['objs'][0]['zone_id'] == '1000'
    assert api(sim, a='sec_lvl', z=ZONE, v='max')['err_code'] == 'E_INVLDINPUT'
    assert api(sim, a='zone_settings', z='nope.example')['result'] == 'error'


def test_sim_classifies_only_writes_as_mutating(sim):
    api(sim, a='zone_load_multi')
    api(sim, a='zone_settings', z=ZONE)
    api(sim, a='rec_load_all', z=ZONE)
    api(sim, a='ipv46', z=ZONE, v='1')
    assert [(e['body']['a'], e['mutating']) for e in sim.log(P)] == [
        ('zone_load_multi', False), ('zone_settings', False), ('rec_load_all', False), ('ipv46', True)]
    assert zone_state(sim)['settings']['ipv46'] == '3'


def test_sim_records_crud_and_pagination(sim):
    sim.seed(P, {'zones': [{'zone_name': ZONE, 'records': [
        {'type': 'A', 'name': 'h%d' % i, 'content': '192.0.2.%d' % (i % 250 + 1)} for i in range(400)]}]})
    seen, offset, pages = [], 0, 0
    while True:
        body = api(sim, a='rec_load_all', z=ZONE, o=str(offset))
        recs = body['response']['recs']
        pages += 1
        assert recs['count'] == len(recs['objs']) <= 180
        seen.extend(recs['objs'])
        offset += recs['count']
        if not recs['has_more']:
            break
    assert pages == 3 and len(seen) == 400 and len(set(r['rec_id'] for r in seen)) == 400
    assert isinstance(seen[0]['rec_id'], str) and seen[0]['ttl'] == '1' and seen[0]['service_mode'] == '1'
    assert seen[0]['name'] == 'h0.example.com' and seen[0]['display_name'] == 'h0'

    created = api(sim, a='rec_new', z=ZONE, type='MX', name='@', content='mx.example.com', prio='10', ttl='3600')
    rec = created['response']['rec']['obj']
    assert rec['name'] == ZONE and rec['display_name'] == ZONE and rec['prio'] == 10
    assert rec['ttl'] == '3600' and rec['service_mode'] == '0' and rec['props']['proxiable'] == 0
    assert created['request']['act'] == 'rec_new'
    assert api(sim, a='rec_new', z=ZONE, type='MX', name='@', content='mx.example.com', prio='10')['result'] == 'error'
    assert api(sim, a='rec_new', z=ZONE, type='A', name='x', content='not-an-ip')['err_code'] == 'E_INVLDINPUT'
    assert api(sim, a='rec_new', z=ZONE, type='A', name='x', content='192.0.2.1', ttl='60')['err_code'] == 'E_INVLDINPUT'

    edited = api(sim, a='rec_edit', z=ZONE, id=seen[0]['rec_id'], type='A', name='h0', content='198.51.100.1',
                 ttl='1', service_mode='0')
    assert edited['response']['rec']['obj']['content'] == '198.51.100.1'
    assert edited['response']['rec']['obj']['props']['cloud_on'] == 0
    missing = api(sim, a='rec_edit', z=ZONE, id='1', type='A', name='h0', content='198.51.100.1', ttl='1')
    assert missing == {'request': {'act': 'rec_edit'}, 'result': 'error', 'msg': 'Invalid record id.'}

    deleted = api(sim, a='rec_delete', z=ZONE, id=rec['rec_id'])
    assert deleted['result'] == 'success' and 'response' not in deleted
    assert len(zone_state(sim)['records']) == 400
