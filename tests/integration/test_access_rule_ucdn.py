"""cdn_access_rule against the simulated UCDN v3 API: a zone's geo_filter_allow /
geo_filter_deny countries and its referers (UCDN API v3, https://api.ucdn.com/docs/: "Create a new zone" parameter
table, "Replace a single zone parameter" helpers)."""

import pytest

P = 'ucdn'


def run(sim, module, check=False, diff=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_access_rule', params, check=check, diff=diff)


def seed(sim, **zone):
    spec = dict(custom_domains=['cdn.example.com'])
    spec.update(zone)
    return sim.seed(P, {"zones": [spec]})


def the_zone(sim):
    return sim.state(P)['zones'][0]


def writes(sim):
    return [(e['method'], e['path'], e['body']) for e in sim.mutations(P)]


def keys(result):
    return [(r['type'], r['action'], r['value']) for r in result['rules']]


RULES = [dict(type='country', action='deny', value='ru'), dict(type='country', value='CN'),
         dict(type='referrer', action='allow', value='*.Example.com')]


def test_add_rules_check_mode_then_real_then_idempotent(sim, module):
    seed(sim)
    sim.clear_log()
    check = run(sim, module, check=True, diff=True, zone='cdn.example.com', rules=RULES)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []
    assert sorted((p['action'], p['changes']['value']) for p in check['plan']) == \
        [('create', '*.example.com'), ('create', 'CN'), ('create', 'RU')]
    assert check['diff']['before'] == {'rules': []}

    result = run(sim, module, diff=True, zone='cdn.example.com', rules=RULES)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert writes(sim) == [('PATCH', 'zone/1', {'geo_filter_deny': ['CN', 'RU'], 'referers': ['*.example.com']})]
    assert keys(result) == [('country', 'deny', 'CN'), ('country', 'deny', 'RU'),
                            ('referrer', 'allow', '*.example.com')]
    assert result['diff']['after']['rules'] == [dict(type=t, action=a, value=v) for t, a, v in keys(result)]
    zone = the_zone(sim)
    assert zone['geo_filter'] == {'deny': ['CN', 'RU']} and zone['referers'] == ['*.example.com']

    sim.clear_log()
    again = run(sim, module, zone='1', rules=RULES)
    assert again['_rc'] == 0 and again['changed'] is False, again
    assert sim.mutations(P) == [] and again['plan'] == []


def test_purge_rules_clears_with_the_helpers_and_keeps_what_stays(sim, module):
    seed(sim, geo_filter_deny=['RU', 'CN'], referers=['a.example.com'])
    sim.clear_log()
    result = run(sim, module, zone='cdn.example.com', purge_rules=True,
                 rules=[dict(type='country', action='allow', value='DE'), dict(type='country', value='RU')])
    assert result['_rc'] == 0, result
    assert sorted((r['type'], r['action'], r['value']) for r in result['removed'] if r) == \
        [('country', 'deny', 'CN'), ('referrer', 'allow', 'a.example.com')]
    # Emptying referers takes clear_referers; allow is sent as a whole list.
    assert writes(sim) == [('PATCH', 'zone/1', {'geo_filter_allow': ['DE'], 'geo_filter_deny': ['RU'],
                                                'clear_referers': True})]
    assert the_zone(sim)['geo_filter'] == {'allow': ['DE'], 'deny': ['RU']} and the_zone(sim)['referers'] == []
    assert keys(result) == [('country', 'allow', 'DE'), ('country', 'deny', 'RU')]


def test_absent_removes_the_listed_rules(sim, module):
    seed(sim, geo_filter_allow=['DE', 'FR'], geo_filter_deny=['RU'])
    sim.clear_log()
    result = run(sim, module, zone='cdn.example.com', state='absent',
                 rules=[dict(type='country', action='deny', value='RU')])
    assert result['_rc'] == 0, result
    # clear_geo_filters unsets both lists; the allow list that stays is sent again.
    assert writes(sim) == [('PATCH', 'zone/1', {'clear_geo_filters': True, 'geo_filter_allow': ['DE', 'FR']})]
    assert the_zone(sim)['geo_filter'] == {'allow': ['DE', 'FR']}
    sim.clear_log()
    again = run(sim, module, zone='cdn.example.com', state='absent',
                rules=[dict(type='country', action='deny', value='RU')])
    assert again['changed'] is False and sim.mutations(P) == []


def test_ip_rules_are_not_offered(sim, module):
    seed(sim)
    sim.clear_log()
    result = run(sim, module, zone='cdn.example.com', rules=[dict(type='ip', value='192.0.2.1')])
    assert result['_rc'] != 0
    assert 'UCDN does not offer ip access rules' in result['msg'] and 'country, referrer' in result['msg']
    assert sim.log(P) == []


@pytest.mark.parametrize('rules,words', [
    ([dict(type='referrer', action='deny', value='bad.example.com')], 'referrer deny rule'),
    ([dict(type='country', action='allow', value='DE'), dict(type='country', action='deny', value='de')],
     'both allow and deny the country DE'),
])
def test_rules_ucdn_cannot_hold_fail_before_any_write(sim, module, rules, words):
    seed(sim)
    sim.clear_log()
    for check in (True, False):
        result = run(sim, module, check=check, zone='cdn.example.com', rules=rules)
        assert result['_rc'] != 0, result
        assert 'option rules' in result['msg'] and words in result['msg'], result['msg']
    assert sim.mutations(P) == []


def test_bad_values_fail_before_any_request(sim, module):
    seed(sim)
    sim.clear_log()
    result = run(sim, module, zone='cdn.example.com', rules=[dict(type='country', value='Germany')])
    assert result['_rc'] != 0
    assert 'rules[0].value' in result['msg'] and 'alpha-2' in result['msg']
    assert sim.log(P) == []


def test_missing_zone(sim, module):
    result = run(sim, module, zone='nope.example.com', rules=RULES)
    assert result['_rc'] != 0 and 'nope.example.com' in result['msg']
    assert sim.mutations(P) == []
