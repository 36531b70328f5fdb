"""cdn_ip_info against the simulated CloudFlare client API v1: ip_lkup (CloudFlare Client
Interface API 3.6) and zone_ips (3.5), the zone name checked with zone_check (3.4);
https://www.cloudflare.com/docs/client-api.html."""

import pytest

P = 'cloudflare'
ZONE = 'example.com'


def run(sim, module, check=False, provider=P, **args):
    params = sim.creds(provider)
    params.update(args)
    return module('cdn_ip_info', params, check=check)


def calls(sim):
    return [e['body'] for e in sim.log(P)]


@pytest.mark.parametrize('check', [False, True])
def test_threat_scores_one_call_an_ip(sim, module, check):
    sim.seed(P, {'ip_scores': {'198.51.100.7': 'BAD:42', '2001:db8::1': 'BAD:3'}})
    result = run(sim, module, check=check, ips=['198.51.100.7', '2001:DB8:0:0::1', '192.0.2.1', '198.51.100.7'])
    assert result['_rc'] == 0, result
    assert result['changed'] is False
    assert result['threat_scores'] == [
        {'ip': '198.51.100.7', 'score': 'BAD:42', 'score_label': 'BAD', 'score_value': 42},
        {'ip': '2001:db8::1', 'score': 'BAD:3', 'score_label': 'BAD', 'score_value': 3},
        {'ip': '192.0.2.1', 'score': 'BAD:0', 'score_label': 'BAD', 'score_value': 0},
    ]
    assert result['visitors'] == [] and result['zone'] is None and result['hours'] is None
    assert [(c['a'], c['ip']) for c in calls(sim)] == [('ip_lkup', '198.51.100.7'), ('ip_lkup', '2001:db8::1'),
                                                       ('ip_lkup', '192.0.2.1')]
    assert sim.mutations(P) == []


def test_visitors_of_a_zone_default_24_hours(sim, module):
    result = run(sim, module, zone=ZONE)
    assert result['_rc'] == 0, result
    assert result['zone'] == ZONE and result['hours'] == 24
    assert [(v['ip'], v['classification'], v['hits']) for v in result['visitors']] == [
        ('192.0.2.10', 'regular', 44), ('198.51.100.7', 'crawler', 21)]
    assert all(v['latitude'] is None and v['longitude'] is None and v['zone'] == ZONE for v in result['visitors'])
    # zone_check confirms the name in one read; zone_ips takes z and hours, no class, no geo.
    assert [c['a'] for c in calls(sim)] == ['zone_check', 'zone_ips']
    check, ips = calls(sim)
    assert check['zones'] == ZONE
    assert (ips['z'], ips['hours']) == (ZONE, '24')
    assert 'class' not in ips and 'geo' not in ips


@pytest.mark.parametrize('wanted, letter', [('threat', 't'), ('t', 't'), ('crawler', 's'), ('regular', 'r')])
def test_visitors_by_class_with_geo_over_48_hours(sim, module, wanted, letter):
    result = run(sim, module, check=True, zone=ZONE, hours=48, geo=True, **{'class': wanted})
    assert result['_rc'] == 0, result
    [ips] = [c for c in calls(sim) if c['a'] == 'zone_ips']
    assert (ips['hours'], ips['class'], ips['geo']) == ('48', letter, '1')
    assert result['visitors'] and all(v['latitude'] is not None for v in result['visitors'])
    names = {'t': 'threat', 's': 'crawler', 'r': 'regular'}
    assert set(v['classification'] for v in result['visitors']) == {names[letter]}


def test_zone_by_id_and_both_reads_in_one_run(sim, module):
    result = run(sim, module, zone='1000', ips=['192.0.2.1'], hours=3)
    assert result['_rc'] == 0, result
    assert [c['a'] for c in calls(sim)] == ['zone_load_multi', 'zone_ips', 'ip_lkup']
    assert [v['ip'] for v in result['visitors']] == ['192.0.2.10']
    assert result['threat_scores'][0]['ip'] == '192.0.2.1'


def test_unknown_zone_is_not_found(sim, module):
    result = run(sim, module, zone='nope.example.net')
    assert result['_rc'] == 1, result
    assert "option zone: 'nope.example.net' names no CloudFlare zone" in result['msg']
    assert [c['a'] for c in calls(sim)] == ['zone_check']


@pytest.mark.parametrize('args, message', [
    ({}, 'one of the following is required: ips, zone'),
    ({'ips': ['192.0.2.300']}, "option ips: '192.0.2.300' has an entry that is not an IP address; allowed: IPv4 or IPv6"),
    ({'zone': ZONE, 'hours': 49}, 'option hours: 49 is out of range; allowed: 1 to 48'),
    ({'zone': ZONE, 'hours': 0}, 'option hours: 0 is out of range'),
    ({'ips': ['192.0.2.1'], 'geo': True}, 'option geo: applies to the visitor listing only; allowed: set zone as well'),
    ({'ips': ['192.0.2.1'], 'hours': 5}, 'option hours: applies to the visitor listing only'),
    ({'zone': ZONE, 'class': 'bot'}, 'value of class must be one of'),
])
def test_bad_input_sends_nothing(sim, module, args, message):
    result = run(sim, module, **args)
    assert result['_rc'] == 1, result
    assert message in result['msg']
    assert sim.log(P) == []


@pytest.mark.parametrize('provider', ['ucdn', 'leaseweb'])
def test_other_providers_fail_clearly(sim, module, provider):
    result = run(sim, module, provider=provider, ips=['192.0.2.1'])
    assert result['_rc'] == 1, result
    assert "does not offer the resource 'ip_info'" in result['msg']
    assert sim.log() == []
