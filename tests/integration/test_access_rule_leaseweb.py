"""cdn_access_rule against the simulated Leaseweb CDN v2 API: ACLs on the distribution's policy."""

import pytest

P = 'leaseweb'


def seed_one(sim, policy=None):
    spec = dict(domains=['cdn.example.com'], origin='https://o.example.com')
    if policy is not None:
        spec['policy'] = policy
    return sim.seed(P, {'distributions': [spec]})['result'][0]


@pytest.fixture
def rules(sim, module):
    def run(check=False, diff=False, **args):
        params = sim.creds(P)
        params.setdefault('zone', 'cdn.example.com')
        params.update(args)
        return module('cdn_access_rule', params, check=check, diff=diff)
    return run


def writes(sim):
    return [(w['method'], w['path'].rsplit('/', 2)[-2:] if w['method'] == 'DELETE' else w['path'].split('/')[-1],
             w['body']) for w in sim.mutations(P)]


def policy_of(sim, dist_id):
    return next(p for p in sim.state(P)['policies'] if p['distributionId'] == dist_id)


def acls(sim):
    return sorted((a['type'], a['action'], a['value']) for a in sim.state(P)['acls'])


DENY_IPS = [{'type': 'ip', 'value': '192.0.2.1'}, {'type': 'ip', 'action': 'deny', 'value': '198.51.100.7/24'}]


def test_add_check_mode_rerun_and_switches(sim, rules):
    dist = seed_one(sim)
    check = rules(check=True, diff=True, rules=DENY_IPS)
    assert check['_rc'] == 0 and check['changed'] is True, check
    assert [p['action'] for p in check['plan']] == ['create', 'create']
    assert check['diff'] == {'before': {'rules': []}, 'after': {'rules': [
        {'type': 'ip', 'action': 'deny', 'value': '192.0.2.1'},
        {'type': 'ip', 'action': 'deny', 'value': '198.51.100.0/24'}]}}
    assert sim.mutations(P) == []

    first = rules(rules=DENY_IPS)
    assert first['changed'] is True, first
    assert writes(sim) == [
        ('POST', 'acls', {'action': 'REJECT', 'value': '192.0.2.1/32', 'type': 'IP_ACL'}),
        ('POST', 'acls', {'action': 'REJECT', 'value': '198.51.100.0/24', 'type': 'IP_ACL'}),
        ('PUT', policy_of(sim, dist)['id'], {'securityIpAcl': True, 'securityIpAclDefault': 'ALLOW'})]
    assert [(r['value'], r['id']) for r in first['rules']] == [('192.0.2.1', 'iacl-0'), ('198.51.100.0/24', 'iacl-1')]
    policy = policy_of(sim, dist)
    assert (policy['securityIpAcl'], policy['securityIpAclDefault'], policy['securityGeoAcl']) == (True, 'ALLOW', False)

    sim.clear_log()
    again = rules(rules=DENY_IPS)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_purge_replaces_adds_first_switches_then_removes(sim, rules):
    dist = seed_one(sim)
    rules(rules=DENY_IPS + [{'type': 'referrer', 'value': '*.Bad.example'}])
    policy_id = policy_of(sim, dist)['id']
    sim.clear_log()
    result = rules(rules=[{'type': 'country', 'action': 'allow', 'value': 'de'},
                          {'type': 'referrer', 'value': '*.bad.example'}], purge_rules=True)
    assert result['changed'] is True, result
    assert sorted(r['value'] for r in result['removed']) == ['192.0.2.1', '198.51.100.0/24']
    assert writes(sim) == [
        ('POST', 'acls', {'action': 'ALLOW', 'value': 'DE', 'type': 'GEO_ACL'}),
        ('PUT', policy_id, {'securityGeoAcl': True, 'securityGeoAclDefault': 'REJECT', 'securityIpAcl': False,
                            'securityIpAclDefault': None}),
        ('DELETE', ['acls', 'iacl-0'], None), ('DELETE', ['acls', 'iacl-1'], None)]
    assert acls(sim) == [('GEO_ACL', 'ALLOW', 'DE'), ('REFERRER_ACL', 'REJECT', '*.bad.example')]
    sim.clear_log()
    assert rules(rules=[{'type': 'country', 'action': 'allow', 'value': 'DE'}])['changed'] is False
    assert sim.mutations(P) == []


def test_absent_removes_listed_and_switches_off_the_last_of_a_type(sim, rules):
    dist = seed_one(sim)
    rules(rules=DENY_IPS)
    sim.clear_log()
    one = rules(state='absent', rules=[{'type': 'ip', 'value': '192.0.2.1/32'}])
    assert one['changed'] is True and writes(sim) == [('DELETE', ['acls', 'iacl-0'], None)]
    assert policy_of(sim, dist)['securityIpAcl'] is True
    sim.clear_log()
    last = rules(state='absent', rules=[{'type': 'ip', 'value': '198.51.100.0/24'}])
    assert last['changed'] is True and last['rules'] == []
    assert writes(sim)[0] == ('PUT', policy_of(sim, dist)['id'], {'securityIpAcl': False, 'securityIpAclDefault': None})
    assert acls(sim) == []
    sim.clear_log()
    assert rules(state='absent', rules=[{'type': 'ip', 'value': '198.51.100.0/24'}])['changed'] is False
    assert sim.mutations(P) == []


def test_distribution_without_policy_gets_one_first(sim, rules):
    dist = seed_one(sim, policy=False)
    check = rules(check=True, rules=[{'type': 'country', 'value': 'RU'}])
    assert check['changed'] is True and sim.mutations(P) == []
    result = rules(rules=[{'type': 'country', 'value': 'RU'}])
    assert result['changed'] is True, result
    assert [(m, p) for m, p, _b in writes(sim)][:2] == [('POST', 'policies'), ('POST', 'acls')]
    policy = policy_of(sim, dist)
    assert (policy['securityGeoAcl'], policy['securityGeoAclDefault']) == (True, 'ALLOW')
    assert result['rules'] == [{'type': 'country', 'action': 'deny', 'value': 'RU', 'id': 'gacl-0'}]
    sim.clear_log()
    assert rules(rules=[{'type': 'country', 'value': 'RU'}])['changed'] is False
    assert sim.mutations(P) == [] and len(sim.state(P)['policies']) == 1


def test_mixed_actions_of_one_type_fail_before_any_write(sim, rules):
    seed_one(sim)
    rules(rules=DENY_IPS)
    sim.clear_log()
    result = rules(rules=[{'type': 'ip', 'action': 'allow', 'value': '203.0.113.0/24'}])
    assert result['failed'] is True
    assert 'option rules' in result['msg'] and 'one action per rule type' in result['msg'], result['msg']
    assert sim.mutations(P) == []
    # with purge_rules the deny rules go: then it is expressible
    assert rules(rules=[{'type': 'ip', 'action': 'allow', 'value': '203.0.113.0/24'}], purge_rules=True)['changed']
    assert acls(sim) == [('IP_ACL', 'ALLOW', '203.0.113.0/24')]


@pytest.mark.parametrize('args, text', [
    (dict(rules=[{'type': 'ip', 'value': '300.1.1.1'}]), 'rules[0].value'),
    (dict(rules=[{'type': 'country', 'value': 'Germany'}]), 'rules[0].value'),
    (dict(rules=[{'type': 'referrer', 'value': 'not a host'}]), 'rules[0].value'),
])
def test_bad_input_sends_no_request(sim, rules, args, text):
    seed_one(sim)
    sim.clear_log()
    result = rules(**args)
    assert result['failed'] is True and text in result['msg'], result
    assert sim.log(P) == []


def test_lost_acl_answer_is_read_back_not_resent(sim, rules):
    seed_one(sim)
    sim.fault(provider=P, method='POST', path='acls$', apply_then_drop=True)
    result = rules(rules=[{'type': 'ip', 'value': '192.0.2.1'}])
    assert result['changed'] is True, result
    assert acls(sim) == [('IP_ACL', 'REJECT', '192.0.2.1/32')]
    assert len([e for e in sim.log(P) if e['method'] == 'POST']) == 1


def test_missing_zone_is_a_clear_error(sim, rules):
    seed_one(sim)
    result = rules(zone='other.example.com', rules=DENY_IPS)
    assert result['failed'] is True and 'names no Leaseweb zone' in result['msg'], result
    assert sim.mutations(P) == []
