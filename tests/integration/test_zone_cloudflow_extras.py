"""cdn_zone settings for CloudFlow's edge groups and HTTP caching rules, and what
cdn_zone_info's extras add (instructions, edge IPs, caching rules), skipped where an older control
panel lacks the endpoint (OnApp CDN API documentation, https://docs.onapp.com,
"Add HTTP CDN Resource": edge_group_ids; the OnApp PHP wrapper,
https://github.com/virtuozzo/OnApp-PHP-Wrapper-External: CDNResource/HTTPCachingRules.php,
CDNResource/Instructions.php, CDNResource/EdgeIps.php)."""

import json

import pytest

P = 'cloudflow'
RULES = [
    dict(name='images', conditions=[{'path': '/img/*'}], actions=[{'cache_expiry': 1440}]),
    dict(name='api', conditions=[{'path': '/api/*'}], actions=[{'no_cache': True}]),
]


def state(sim):
    return sim.state(P)['cdn_resources']


def writes(sim):
    return [(e['method'], e['path']) for e in sim.mutations(P)]


def test_edge_groups_create_and_change(sim, zone):
    args = dict(hostname='cdn.example.com', origin='http://origin.example.com', settings={'edge_group_ids': [2]})
    created = zone(wait=False, **args)
    assert created['_rc'] == 0, created
    assert created['zone']['settings']['edge_group_ids'] == [2]
    assert [g['id'] for g in state(sim)[0]['edge_groups']] == [2]
    sim.clear_log()
    assert zone(wait=False, **args)['changed'] is False
    assert sim.mutations(P) == []
    both = zone(wait=False, hostname='cdn.example.com', settings={'edge_group_ids': [2, 1]})
    assert both['_rc'] == 0 and both['changed'] is True, both
    assert [e['body'] for e in sim.mutations(P)] == [{'cdn_resource': {'edge_group_ids': [1, 2]}}]


def test_caching_rules_check_mode_create_idempotent_change(sim, zone):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='cdn.example.com', origin='origin.example.com')]})
    sim.clear_log()
    args = dict(hostname='cdn.example.com', settings={'http_caching_rules': RULES})
    check = zone(check=True, wait=False, **args)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []

    applied = zone(wait=False, **args)
    assert applied['_rc'] == 0 and applied['changed'] is True, applied
    assert writes(sim) == [('POST', 'cdn_resources/1/http_caching_rules.json')] * 2
    assert [r['name'] for r in state(sim)[0]['http_caching_rules']] == ['api', 'images']
    assert [r['name'] for r in applied['zone']['settings']['http_caching_rules']] == ['api', 'images']
    # The resource body never carries the rules.
    assert not any(e['path'] == 'cdn_resources/1.json' for e in sim.mutations(P))

    sim.clear_log()
    assert zone(wait=False, **args)['changed'] is False
    assert sim.mutations(P) == []

    changed = zone(wait=False, hostname='cdn.example.com', settings={'http_caching_rules': [
        dict(name='images', conditions=[{'path': '/img/*'}], actions=[{'cache_expiry': 60}]),
        dict(name='fonts', conditions=[{'path': '/fonts/*'}], actions=[])]})
    assert changed['_rc'] == 0 and changed['changed'] is True, changed
    # Rules were created in name order: api is rule 1, images rule 2.
    assert writes(sim) == [('DELETE', 'cdn_resources/1/http_caching_rules/1.json'),
                           ('PUT', 'cdn_resources/1/http_caching_rules/2.json'),
                           ('POST', 'cdn_resources/1/http_caching_rules.json')]
    rules = dict((r['name'], r) for r in state(sim)[0]['http_caching_rules'])
    assert sorted(rules) == ['fonts', 'images'] and rules['images']['actions'] == [{'cache_expiry': 60}]

    sim.clear_log()
    cleared = zone(wait=False, hostname='cdn.example.com', settings={'http_caching_rules': []})
    assert cleared['_rc'] == 0 and cleared['changed'] is True, cleared
    assert state(sim)[0]['http_caching_rules'] == []


def test_caching_rules_are_not_read_unless_managed(sim, zone):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='cdn.example.com', origin='origin.example.com',
                                        http_caching_rules=[dict(name='keep', conditions=[], actions=[])])]})
    sim.clear_log()
    result = zone(wait=False, hostname='cdn.example.com', settings={'cache_expiry': 60})
    assert result['_rc'] == 0, result
    assert not any('http_caching_rules' in e['path'] for e in sim.log(P))
    assert [r['name'] for r in state(sim)[0]['http_caching_rules']] == ['keep']


def test_create_with_caching_rules(sim, zone):
    result = zone(wait=False, hostname='cdn.example.com', origin='http://origin.example.com',
                  settings={'http_caching_rules': RULES[:1]})
    assert result['_rc'] == 0, result
    assert writes(sim) == [('POST', 'cdn_resources.json'), ('POST', 'cdn_resources/1/http_caching_rules.json')]
    assert result['zone']['settings']['http_caching_rules'] == RULES[:1]


@pytest.mark.parametrize('settings, option', [
    ({'http_caching_rules': [dict(conditions=[])]}, 'settings.http_caching_rules[0].name'),
    ({'http_caching_rules': [dict(name='a'), dict(name='a')]}, 'settings.http_caching_rules[1].name'),
    ({'http_caching_rules': 'cache everything'}, 'settings.http_caching_rules'),
    ({'edge_group_ids': ['eu']}, 'settings.edge_group_ids'),
])
def test_bad_settings_fail_before_any_request(sim, zone, settings, option):
    result = zone(wait=False, hostname='cdn.example.com', origin='http://origin.example.com', settings=settings)
    assert result['_rc'] != 0
    assert 'option %s' % option in result['msg'], result['msg']
    assert sim.log(P) == []


EXTRAS = ['caching_rules', 'instructions', 'edge_ips']
EXTRA_PATHS = ('instructions.json', 'http_caching_rules.json', 'edge_ips.json')


def extra_reads(sim):
    return [e['path'] for e in sim.log(P) if e['path'].endswith(EXTRA_PATHS)]


def test_zone_info_raw_has_instructions_rules_and_edge_ips(sim, module):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='cdn.example.com', origin='origin.example.com',
                                        http_caching_rules=RULES[:1])]})
    sim.clear_log()
    params = sim.creds(P)
    info = module('cdn_zone_info', dict(params, extras=EXTRAS), check=True)
    assert info['_rc'] == 0, info
    [found] = info['zones']
    assert found['raw']['instructions']['cname'] == found['cdn_domain']
    assert 'CNAME' in found['raw']['instructions']['text']
    assert found['raw']['edge_ips'] == ['192.0.2.10', '192.0.2.11', '198.51.100.20']
    assert found['settings']['http_caching_rules'] == RULES[:1]
    assert info['skipped'] == [] and not info.get('warnings')
    assert sim.mutations(P) == []
    assert len([e for e in sim.log(P) if e['path'] == 'cdn_resources/edge_ips.json']) == 1


def test_zone_info_reads_no_extras_unless_asked(sim, module):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='a.example.com', origin='origin.example.com',
                                        http_caching_rules=RULES[:1]),
                                   dict(cdn_hostname='b.example.com', origin='origin.example.com')]})
    sim.clear_log()
    info = module('cdn_zone_info', sim.creds(P))
    assert info['_rc'] == 0 and len(info['zones']) == 2, info
    assert extra_reads(sim) == []
    assert all('instructions' not in z['raw'] and 'edge_ips' not in z['raw'] for z in info['zones'])
    assert all('http_caching_rules' not in z['settings'] for z in info['zones'])
    # One extra: one more request per zone, nothing else.
    sim.clear_log()
    info = module('cdn_zone_info', dict(sim.creds(P), extras=['instructions']))
    assert info['_rc'] == 0, info
    assert extra_reads(sim) == ['cdn_resources/1/instructions.json', 'cdn_resources/2/instructions.json']
    assert [z['raw']['instructions']['cname'] for z in info['zones']] == [z['cdn_domain'] for z in info['zones']]


def test_zone_info_on_an_older_panel_skips_missing_extras_and_says_so(sim, module):
    """OnApp control panels before 6.0 have no edge_ips.json, and some no instructions or caching rules:
    the info task still succeeds, reports what it could not read, and asks each missing endpoint once."""
    sim.seed(P, {'removed_endpoints': ['instructions', 'http_caching_rules', 'edge_ips'],
                 'cdn_resources': [dict(cdn_hostname='a.example.com', origin='origin.example.com'),
                                   dict(cdn_hostname='b.example.com', origin='origin.example.com')]})
    sim.clear_log()
    info = module('cdn_zone_info', dict(sim.creds(P), extras=EXTRAS))
    assert info['_rc'] == 0 and not info.get('failed'), info
    assert [z['hostname'] for z in info['zones']] == ['a.example.com', 'b.example.com']
    assert all('instructions' not in z['raw'] and 'edge_ips' not in z['raw'] for z in info['zones'])
    assert info['skipped'] == [
        dict(extra='caching_rules', reason='this control panel has no HTTP caching rules endpoint (HTTP 404 on GET '
                                           '/cloudflow/cdn_resources/1/http_caching_rules.json); HTTP caching rules not read'),
        dict(extra='edge_ips', reason='this control panel has no edge IPs endpoint (HTTP 404 on GET '
                                      '/cloudflow/cdn_resources/edge_ips.json); edge IPs not read'),
        dict(extra='instructions', reason='this control panel has no instructions endpoint (HTTP 404 on GET '
                                          '/cloudflow/cdn_resources/1/instructions.json); instructions not read')]
    warned = json.dumps(info['warnings'])
    assert all(json.dumps('CloudFlow: ' + s['reason'])[1:-1] in warned for s in info['skipped']), warned
    assert sorted(extra_reads(sim)) == ['cdn_resources/1/http_caching_rules.json', 'cdn_resources/1/instructions.json',
                                        'cdn_resources/edge_ips.json']
    assert 'sim-token' not in info['_raw']


def test_zone_info_extras_of_a_provider_without_them_fail_before_any_request(sim, module):
    result = module('cdn_zone_info', dict(sim.creds('ucdn'), extras=['edge_ips']))
    assert result['_rc'] != 0
    assert result['msg'] == ('option extras: names extras that UCDN zones do not have: edge_ips; '
                             'allowed: none on UCDN (remove extras)'), result['msg']
    assert sim.log('ucdn') == []


def test_managing_caching_rules_on_a_panel_without_them_fails_before_any_write(sim, zone):
    sim.seed(P, {'removed_endpoints': ['http_caching_rules'],
                 'cdn_resources': [dict(cdn_hostname='cdn.example.com', origin='origin.example.com')]})
    sim.clear_log()
    for check in (True, False):
        result = zone(check=check, wait=False, hostname='cdn.example.com', settings={'http_caching_rules': RULES})
        assert result['_rc'] != 0, result
        assert ('option settings.http_caching_rules: this CloudFlow control panel has no HTTP caching rules '
                '(HTTP 404 on GET /cloudflow/cdn_resources/1/http_caching_rules.json); remove the setting') in result['msg']
    assert sim.mutations(P) == []
    # Without the setting the zone is managed as before.
    assert zone(wait=False, hostname='cdn.example.com', settings={'cache_expiry': 60})['_rc'] == 0
