"""cdn_access_rule against the simulated CloudFlow (OnApp CDN) API: the resource's
ip_access_policy/ip_addresses, country_access_policy/countries and hotlink_policy/domains
(OnApp CDN API documentation, https://docs.onapp.com, "Add/Edit HTTP Pull/Push CDN Resource
with Advanced Settings")."""

import pytest

P = 'cloudflow'


def run(sim, module, check=False, diff=False, **args):
    params = sim.creds(P)
    params.setdefault('zone', 'cdn.example.com')
    params.update(args)
    return module('cdn_access_rule', params, check=check, diff=diff)


def resource(sim):
    return sim.state(P)['cdn_resources'][0]


def puts(sim):
    return [e['body']['cdn_resource'] for e in sim.mutations(P)]


@pytest.fixture
def zone_seeded(sim):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='cdn.example.com', origin='origin.example.com')]})
    sim.clear_log()


def test_deny_rules_check_mode_apply_idempotent(sim, module, zone_seeded):
    rules = [dict(type='ip', value='192.0.2.1/32'), dict(type='ip', value='198.51.100.0/24'),
             dict(type='country', value='ru'), dict(type='referrer', value='*.Leech.example')]
    check = run(sim, module, check=True, diff=True, rules=rules)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []
    assert len(check['added']) == 4 and check['diff']['before'] == {'rules': []}

    result = run(sim, module, diff=True, rules=rules)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert puts(sim) == [{'ip_access_policy': 'ALLOW_BY_DEFAULT', 'ip_addresses': '192.0.2.1,198.51.100.0/24',
                          'country_access_policy': 'ALLOW_BY_DEFAULT', 'countries': ['RU'],
                          'hotlink_policy': 'ALLOW_BY_DEFAULT', 'domains': '*.leech.example'}]
    assert [(r['type'], r['action'], r['value']) for r in result['rules']] == [
        ('country', 'deny', 'RU'), ('ip', 'deny', '192.0.2.1'), ('ip', 'deny', '198.51.100.0/24'),
        ('referrer', 'deny', '*.leech.example')]

    sim.clear_log()
    again = run(sim, module, rules=rules)
    assert again['_rc'] == 0 and again['changed'] is False, again
    assert sim.mutations(P) == []


def test_allow_rules_block_by_default_and_only_the_changed_type_is_sent(sim, module, zone_seeded):
    first = run(sim, module, rules=[dict(type='country', action='allow', value='DE'),
                                    dict(type='ip', action='deny', value='192.0.2.9')])
    assert first['_rc'] == 0, first
    state = resource(sim)
    assert state['country_access_policy'] == 'BLOCK_BY_DEFAULT' and state['countries'] == ['DE']
    sim.clear_log()
    added = run(sim, module, rules=[dict(type='country', action='allow', value='AT')])
    assert added['_rc'] == 0 and added['changed'] is True, added
    assert puts(sim) == [{'country_access_policy': 'BLOCK_BY_DEFAULT', 'countries': ['AT', 'DE']}]
    assert resource(sim)['ip_addresses'] == '192.0.2.9'


def test_allow_and_deny_of_one_type_fail_before_any_write(sim, module, zone_seeded):
    result = run(sim, module, rules=[dict(type='ip', action='allow', value='192.0.2.1'),
                                     dict(type='ip', action='deny', value='192.0.2.2')])
    assert result['_rc'] != 0
    assert 'option rules' in result['msg'] and 'ALLOW_BY_DEFAULT' in result['msg']
    assert sim.mutations(P) == []
    # Also against what the zone already holds.
    assert run(sim, module, rules=[dict(type='ip', action='deny', value='192.0.2.2')])['changed'] is True
    sim.clear_log()
    mixed = run(sim, module, check=True, rules=[dict(type='ip', action='allow', value='192.0.2.1')])
    assert mixed['_rc'] != 0 and 'option rules' in mixed['msg']
    assert sim.mutations(P) == []


def test_switching_action_with_purge(sim, module, zone_seeded):
    run(sim, module, rules=[dict(type='ip', action='deny', value='192.0.2.2')])
    sim.clear_log()
    switched = run(sim, module, purge_rules=True, rules=[dict(type='ip', action='allow', value='192.0.2.1')])
    assert switched['_rc'] == 0 and switched['changed'] is True, switched
    assert puts(sim) == [{'ip_access_policy': 'BLOCK_BY_DEFAULT', 'ip_addresses': '192.0.2.1'}]
    assert [r['value'] for r in switched['removed']] == ['192.0.2.2']


def test_removing_the_last_rule_resets_the_policy(sim, module, zone_seeded):
    run(sim, module, rules=[dict(type='referrer', action='allow', value='example.com'),
                            dict(type='country', value='CN')])
    sim.clear_log()
    removed = run(sim, module, state='absent', rules=[dict(type='referrer', action='allow', value='example.com')])
    assert removed['_rc'] == 0 and removed['changed'] is True, removed
    assert puts(sim) == [{'hotlink_policy': 'ALLOW_BY_DEFAULT', 'domains': ''}]
    assert resource(sim)['countries'] == ['CN']
    again = run(sim, module, state='absent', rules=[dict(type='referrer', action='allow', value='example.com')])
    assert again['changed'] is False
    sim.clear_log()
    everything = run(sim, module, state='absent', purge_rules=True)
    assert everything['_rc'] == 0 and everything['rules'] == [], everything
    assert puts(sim) == [{'country_access_policy': 'ALLOW_BY_DEFAULT', 'countries': []}]


@pytest.mark.parametrize('args, option', [
    (dict(rules=[dict(type='ip', value='300.1.2.3')]), 'rules[0].value'),
    (dict(rules=[dict(type='country', value='Germany')]), 'rules[0].value'),
    (dict(rules=[dict(type='referrer', value='not a host')]), 'rules[0].value'),
    (dict(zone=None, rules=[dict(type='ip', value='192.0.2.1')]), 'zone'),
])
def test_bad_input_fails_before_any_request(sim, module, args, option):
    sim.clear_log()
    params = dict(args)
    if params.get('zone', '') is None:
        params.pop('zone')
        base = sim.creds(P)
        base.update(params)
        result = module('cdn_access_rule', base)
    else:
        result = run(sim, module, **params)
    assert result['_rc'] != 0, result
    assert 'option %s' % option in result['msg'], result['msg']
    assert sim.log(P) == []


def test_unknown_zone_fails_without_writes(sim, module):
    result = run(sim, module, zone='nowhere.example.com', rules=[dict(type='ip', value='192.0.2.1')])
    assert result['_rc'] != 0 and 'nowhere.example.com' in result['msg']
    assert sim.mutations(P) == []
