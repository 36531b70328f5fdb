"""cdn_access_rule against the simulated CloudFlare client API v1 (CloudFlare Client Interface API
4.7 ``wl`` / ``ban`` / ``nul``, https://www.cloudflare.com/docs/client-api.html).

The lists are the account's (no zone) and the API cannot list them: the module sends the
listed rules every run, reports a change every run, and refuses purge_rules.
"""

import json
import urllib.parse
import urllib.request

import pytest

P = 'cloudflare'
EMAIL = 'admin@example.com'


def api(sim, **fields):
    """One raw form POST to the simulated api_json.html."""
    data = dict(tkn='sim-token', email=EMAIL)
    data.update(fields)
    req = urllib.request.Request(sim.api_url(P), data=urllib.parse.urlencode(data).encode(), method='POST')
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


def run(sim, module, check=False, diff=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_access_rule', params, check=check, diff=diff)


def lists(sim):
    return sim.state(P)['ip_lists'].get(EMAIL, {})


def writes(sim):
    return [(e['body']['a'], e['body']['key']) for e in sim.mutations(P)]


def test_allow_and_deny_go_to_the_account_lists(sim, module):
    rules = [{'type': 'ip', 'action': 'allow', 'value': '192.0.2.10'},
             {'type': 'ip', 'value': '2001:DB8:0::7/128'},
             {'type': 'ip', 'action': 'deny', 'value': '198.51.100.7/32'}]
    result = run(sim, module, diff=True, rules=rules)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert lists(sim) == {'192.0.2.10': 'WL', '2001:db8::7': 'BAN', '198.51.100.7': 'BAN'}
    assert sorted(writes(sim)) == [('ban', '198.51.100.7'), ('ban', '2001:db8::7'), ('wl', '192.0.2.10')]
    assert [(r['action'], r['value']) for r in result['added']] == [('allow', '192.0.2.10'), ('deny', '2001:db8::7'),
                                                                    ('deny', '198.51.100.7')]
    assert result['zone'] is None
    assert result['diff']['before'] == {'rules': None}
    assert 'cannot list its access rules' in json.dumps(result['warnings'])
    # Only the documented parameters: the action, the key and the credentials; no zone.
    assert all(set(e['body']) == {'a', 'key', 'tkn', 'email'} for e in sim.mutations(P))
    assert 'sim-token' not in result['_raw']

    # Nothing can be read back: the same run sends the rules again and reports a change.
    sim.clear_log()
    again = run(sim, module, rules=rules)
    assert again['changed'] is True
    assert len(writes(sim)) == 3
    assert lists(sim) == {'192.0.2.10': 'WL', '2001:db8::7': 'BAN', '198.51.100.7': 'BAN'}


def test_zone_is_ignored_with_a_warning(sim, module):
    result = run(sim, module, zone='example.com', rules=[{'type': 'ip', 'value': '192.0.2.1'}])
    assert result['_rc'] == 0, result
    assert 'account-wide; option zone (example.com) is ignored' in json.dumps(result['warnings'])
    assert [e['body']['a'] for e in sim.log(P)] == ['ban']


def test_absent_sends_nul(sim, module):
    sim.seed(P, {'ip_lists': {EMAIL: {'192.0.2.10': 'WL', '198.51.100.7': 'BAN'}}})
    result = run(sim, module, state='absent', rules=[{'type': 'ip', 'action': 'allow', 'value': '192.0.2.10'}])
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert writes(sim) == [('nul', '192.0.2.10')]
    assert lists(sim) == {'198.51.100.7': 'BAN'}
    assert result['rules'] == []


def test_check_mode_sends_nothing(sim, module):
    result = run(sim, module, check=True, rules=[{'type': 'ip', 'value': '192.0.2.1'}])
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert result['plan'] == [{'action': 'create', 'resource': 'access_rule', 'id': None,
                               'changes': {'type': 'ip', 'action': 'deny', 'value': '192.0.2.1'}}]
    assert sim.log(P) == []
    assert lists(sim) == {}


@pytest.mark.parametrize('check', [False, True])
@pytest.mark.parametrize('args, message', [
    ({'rules': [{'type': 'ip', 'value': '192.0.2.0/24'}]}, 'option rules: '),
    ({'rules': [{'type': 'country', 'value': 'DE'}]}, 'CloudFlare does not offer country access rules; it offers: ip'),
    ({'rules': [{'type': 'ip', 'action': 'allow', 'value': '192.0.2.1'}, {'type': 'ip', 'value': '192.0.2.1'}]},
     'allows and denies the same IP'),
    ({'rules': [{'type': 'ip', 'value': 'not-an-ip'}]}, 'option rules[0].value'),
    ({'rules': [{'type': 'ip', 'value': '192.0.2.1'}], 'purge_rules': True}, 'option purge_rules: CloudFlare cannot list'),
])
def test_bad_input_sends_nothing(sim, module, check, args, message):
    result = run(sim, module, check=check, **args)
    assert result['_rc'] == 1, result
    assert message in result['msg']
    assert sim.log(P) == []


def test_network_rejected_with_what_is_allowed(sim, module):
    result = run(sim, module, rules=[{'type': 'ip', 'value': '192.0.2.0/24'}])
    assert result['msg'] == ("option rules: '192.0.2.0/24' has a network; CloudFlare wl/ban/nul take one IP address; "
                             "allowed: single IPv4 or IPv6 addresses (or a /32, /128)")


def test_moving_an_ip_between_lists(sim, module):
    sim.seed(P, {'ip_lists': {EMAIL: {'192.0.2.10': 'BAN'}}})
    result = run(sim, module, rules=[{'type': 'ip', 'action': 'allow', 'value': '192.0.2.10'}])
    assert result['_rc'] == 0, result
    assert lists(sim) == {'192.0.2.10': 'WL'}


def test_simulator_answers_the_documented_shape(sim):
    body = api(sim, a='wl', key='192.0.2.5')
    assert body == {'response': {'result': {'ip': '192.0.2.5', 'action': 'WL'}}, 'result': 'success', 'msg': None}
    assert api(sim, a='nul', key='192.0.2.5')['response']['result'] == {'ip': '192.0.2.5', 'action': 'NUL'}
    bad = api(sim, a='ban', key='192.0.2.0/24')
    assert (bad['result'], bad['err_code']) == ('error', 'E_INVLDINPUT')
