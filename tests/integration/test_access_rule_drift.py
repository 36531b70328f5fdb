"""cdn_access_rule repairs what keeps its rules from taking effect: a Leaseweb
policy switch turned off elsewhere (here by cdn_zone settings) is a change."""

P = 'leaseweb'


def test_switch_turned_off_elsewhere_is_turned_on_again(sim, module):
    sim.seed(P, {'distributions': [dict(domains=['cdn.example.com'], origin='https://o.example.com')]})
    args = dict(sim.creds(P), zone='cdn.example.com', rules=[{'type': 'ip', 'value': '192.0.2.1'}])
    assert module('cdn_access_rule', args)['changed'] is True
    off = module('cdn_zone', dict(sim.creds(P), hostname='cdn.example.com', settings={'securityIpAcl': False}))
    assert off['_rc'] == 0 and off['changed'] is True, off
    assert sim.state(P)['policies'][0]['securityIpAcl'] is False

    sim.clear_log()
    check = module('cdn_access_rule', args, check=True)
    assert check['changed'] is True and sim.mutations(P) == []
    assert check['plan'] == [{'action': 'update', 'resource': 'access_rule_enforcement', 'id': check['zone'],
                              'changes': {'securityIpAcl': True}}]
    repaired = module('cdn_access_rule', args)
    assert repaired['changed'] is True and repaired['added'] == [] and repaired['removed'] == []
    assert [(w['method'], w['body']) for w in sim.mutations(P)] == [('PUT', {'securityIpAcl': True})]
    assert sim.state(P)['policies'][0]['securityIpAcl'] is True
    sim.clear_log()
    assert module('cdn_access_rule', args)['changed'] is False
    assert sim.mutations(P) == []
