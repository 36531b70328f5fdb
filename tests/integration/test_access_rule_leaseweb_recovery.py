"""cdn_access_rule on Leaseweb when an ACL create's answer is lost (found by make reliability).

Leaseweb ACL creates (cdn_access_rule): a create whose answer was a transient failure and that
did not land failed the run although retries were left, and a timed-out create was read back
at once, before it landed, and failed the run too. Now: read back (a timed-out create until it
lands); found, it is used; proven absent after a 5xx or dropped connection, it is sent again;
never two ACLs.
"""

P = 'leaseweb'
HOST = 'media.example.com'
RULES = [{'type': 'ip', 'value': '192.0.2.1'}, {'type': 'referrer', 'value': '*.leech.example'}]


def seed(sim):
    sim.seed(P, {'distributions': [{'domains': [HOST], 'origin': 'https://origin.example.com'}]})
    sim.clear_log()


def run(sim, module, check=False, **extra):
    params = sim.creds(P)
    params.update(zone=HOST, rules=RULES)
    params.update(extra)
    return module('cdn_access_rule', params, check=check)


def acls(sim):
    return sorted((a['type'], a['action'], a['value']) for a in sim.state(P)['acls'])


WANTED = [('IP_ACL', 'REJECT', '192.0.2.1/32'), ('REFERRER_ACL', 'REJECT', '*.leech.example')]


def posts(sim):
    return [e.get('status') for e in sim.log(P) if e['method'] == 'POST' and e['path'].endswith('/acls')]


def test_a_502_on_an_acl_create_that_did_not_land_is_sent_again(sim, module):
    seed(sim)
    sim.fault(provider=P, method='POST', path='acls$', status=502, count=1)
    result = run(sim, module)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert acls(sim) == WANTED
    # the refused POST, a read proving nothing was made, the POST again, then the second rule
    assert posts(sim) == [502, 201, 201]
    assert run(sim, module)['changed'] is False


def test_a_dropped_acl_create_that_did_not_land_is_sent_again(sim, module):
    seed(sim)
    sim.fault(provider=P, method='POST', path='acls$', drop=True, count=1)
    result = run(sim, module)
    assert result['_rc'] == 0, result
    assert acls(sim) == WANTED


def test_an_applied_acl_create_whose_answer_was_lost_is_not_sent_twice(sim, module):
    seed(sim)
    sim.fault(provider=P, method='POST', path='acls$', apply_then_drop=True, count=1)
    result = run(sim, module)
    assert result['_rc'] == 0, result
    assert acls(sim) == WANTED
    assert len(posts(sim)) == 2


def test_a_timed_out_acl_create_is_waited_for_not_sent_again(sim, module):
    seed(sim)
    # The simulator applies the request after the delay, once the client has given up (timeout 1 s).
    sim.fault(provider=P, method='POST', path='acls$', delay=1.5, count=1)
    result = run(sim, module, timeout=1)
    assert result['_rc'] == 0, result
    assert acls(sim) == WANTED
    assert len(posts(sim)) == 2
    assert run(sim, module)['changed'] is False


def test_a_provider_refusal_is_not_sent_again(sim, module):
    seed(sim)
    sim.fault(provider=P, method='POST', path='acls$', status=400, count=1)
    result = run(sim, module)
    assert result['_rc'] == 1 and 'create ACL' in result['msg'], result
    assert len(posts(sim)) == 1


def test_a_rule_changing_its_action_replaces_its_acl(sim, module):
    """A policy holds one ACL per type and value: deny DE becoming allow DE (purge_rules) used to
    POST the new ACL first, which the API refuses; the old ACL is now removed first."""
    seed(sim)
    first = run(sim, module, rules=[{'type': 'country', 'action': 'deny', 'value': 'DE'},
                                    {'type': 'country', 'action': 'deny', 'value': 'FR'}])
    assert first['_rc'] == 0, first
    sim.clear_log()
    flip = dict(rules=[{'type': 'country', 'action': 'allow', 'value': 'de'}], purge_rules=True)
    check = run(sim, module, check=True, **flip)
    assert check['_rc'] == 0 and check['changed'] is True and sim.mutations(P) == [], check
    result = run(sim, module, **flip)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert acls(sim) == [('GEO_ACL', 'ALLOW', 'DE')]
    order = [(e['method'], e['path'].rsplit('/', 1)[-1]) for e in sim.mutations(P)]
    assert order[:2] == [('DELETE', 'gacl-0'), ('POST', 'acls')] and order[-1] == ('DELETE', 'gacl-1'), order
    policy = sim.state(P)['policies'][0]
    assert (policy['securityGeoAcl'], policy['securityGeoAclDefault']) == (True, 'REJECT')
    assert run(sim, module, **flip)['changed'] is False
