"""cdn_zone / cdn_zone_info extras on the simulated CloudFlare client API v1: refresh_snapshot
(zone_grab, CloudFlare Client Interface API 4.6: zid from zone_check, once a day) and the
development-mode expiry (devmode ``expires_on`` / zone_settings ``dev_mode``, the same document's 4.3
and 3.7; https://www.cloudflare.com/docs/client-api.html)."""

import datetime
import json
import urllib.parse
import urllib.request

import pytest

P = 'cloudflare'
ZONE = 'example.com'


def api(sim, **fields):
    """One raw form POST to the simulated api_json.html."""
    data = dict(tkn='sim-token', email='admin@example.com')
    data.update(fields)
    req = urllib.request.Request(sim.api_url(P), data=urllib.parse.urlencode(data).encode(), method='POST')
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


def grabs(sim):
    return sim.state(P)['grabs'].get(ZONE, [])


def actions(sim):
    return [e['body']['a'] for e in sim.log(P)]


def test_refresh_snapshot_grabs_with_the_zid_from_zone_check(sim, zone):
    result = zone(hostname=ZONE, refresh_snapshot=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert result['plan'] == [{'action': 'refresh_snapshot', 'resource': 'zone', 'id': '1000', 'changes': {}}]
    assert actions(sim) == ['zone_load_multi', 'zone_settings', 'zone_check', 'zone_grab']
    [grab] = sim.mutations(P)
    assert set(grab['body']) == {'a', 'zid', 'tkn', 'email'} and grab['body']['zid'] == '1000'
    assert len(grabs(sim)) == 1


def test_second_grab_within_a_day_is_refused_with_the_provider_message(sim, zone):
    assert zone(hostname=ZONE, refresh_snapshot=True)['_rc'] == 0
    sim.clear_log()
    # A setting change and a refused snapshot: the setting stays applied and the result says so.
    result = zone(hostname=ZONE, refresh_snapshot=True, settings={'sec_lvl': 'high'})
    assert result['_rc'] == 1, result
    assert 'CloudFlare refused the snapshot (zone_grab works once a day per zone)' in result['msg']
    assert 'zone_grab can only be used once per day for example.com (E_MAXAPI)' in result['msg']
    assert result['changed'] is True
    assert result['zone']['settings']['sec_lvl'] == 'high'
    # Refused once, not retried (a refusal holds for the day).
    assert actions(sim).count('zone_grab') == 1
    assert len(grabs(sim)) == 1
    sim.advance(24 * 3600 + 1)
    sim.clear_log()
    again = zone(hostname=ZONE, refresh_snapshot=True, settings={'sec_lvl': 'high'})
    assert again['_rc'] == 0 and again['changed'] is True, again
    assert [e['body']['a'] for e in sim.mutations(P)] == ['zone_grab']
    assert len(grabs(sim)) == 2


def test_check_mode_plans_the_snapshot_and_sends_nothing(sim, zone):
    result = zone(check=True, hostname=ZONE, refresh_snapshot=True)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['plan'][-1]['action'] == 'refresh_snapshot'
    assert sim.mutations(P) == []
    assert 'zone_grab' not in actions(sim)


def test_without_the_option_nothing_is_grabbed(sim, zone):
    result = zone(hostname=ZONE, refresh_snapshot=False)
    assert result['_rc'] == 0 and result['changed'] is False
    assert sim.mutations(P) == []


@pytest.mark.parametrize('provider, args', [
    ('ucdn', dict(hostname='cdn.example.com', origin='https://o.example.com')),
    ('leaseweb', dict(hostname='cdn.example.com', origin='https://o.example.com')),
    ('cloakfusion', dict(hostname='cdn.example.com', origin='https://o.example.com')),
])
def test_other_providers_fail_naming_the_option(sim, module, provider, args):
    params = sim.creds(provider)
    params.update(args, refresh_snapshot=True)
    result = module('cdn_zone', params)
    assert result['_rc'] == 1, result
    assert result['msg'].endswith('option refresh_snapshot: %s does not take site snapshots; remove the option'
                                  % {'ucdn': 'UCDN', 'leaseweb': 'Leaseweb', 'cloakfusion': 'Cloakfusion'}[provider])
    assert sim.log() == []


def test_refresh_snapshot_with_absent_fails_before_requests(sim, zone):
    # CloudFlare cannot delete zones either; the snapshot option is checked first.
    result = zone(hostname=ZONE, state='absent', refresh_snapshot=True)
    assert result['_rc'] == 1
    assert 'option refresh_snapshot: cannot be combined with state=absent' in result['msg']
    assert sim.log(P) == []


def parse(text):
    return datetime.datetime.strptime(text, '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=datetime.timezone.utc)


def test_devmode_expiry_in_zone_and_zone_info(sim, zone, module):
    # The expiry is in the provider's own representation: cdn_zone shows it with return_raw.
    assert 'raw' not in zone(hostname=ZONE)['zone']
    off = zone(hostname=ZONE, return_raw=True)
    assert off['zone']['raw']['devmode_expires_on'] is None
    on = zone(hostname=ZONE, settings={'devmode': True}, return_raw=True)
    assert on['changed'] is True
    expires = on['zone']['raw']['devmode_expires_on']
    state = sim.state(P)['zones'][0]['settings']['dev_mode']
    assert parse(expires).timestamp() == state
    now = datetime.datetime.now(datetime.timezone.utc)
    assert datetime.timedelta(hours=2, minutes=58) < parse(expires) - now <= datetime.timedelta(hours=3)
    info = module('cdn_zone_info', dict(sim.creds(P), hostname=ZONE), check=True)
    assert info['zones'][0]['raw']['devmode_expires_on'] == expires
    assert info['zones'][0]['settings']['devmode'] is True
    sim.advance(3 * 3600 + 1)
    later = module('cdn_zone_info', dict(sim.creds(P), hostname=ZONE))
    assert later['zones'][0]['raw']['devmode_expires_on'] is None
    assert later['zones'][0]['settings']['devmode'] is False


def test_simulator_zone_check_and_zone_grab_shapes(sim):
    sim.seed(P, {'zones': [{'zone_name': 'second.example'}]})
    body = api(sim, a='zone_check', zones='example.com,second.example,missing.example')
    assert body['response']['zones'] == {'example.com': 1000, 'second.example': 1001, 'missing.example': 0}
    assert api(sim, a='zone_grab', zid='1001') == {'result': 'success', 'msg': None}
    refused = api(sim, a='zone_grab', zid='1001')
    assert (refused['result'], refused['err_code']) == ('error', 'E_MAXAPI')
    assert api(sim, a='zone_grab', zid='999')['err_code'] == 'E_INVLDINPUT'
