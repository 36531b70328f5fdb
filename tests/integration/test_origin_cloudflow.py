"""cdn_origin against the simulated CloudFlow (OnApp CDN) API: the CDN resource's origins."""

P = 'cloudflow'


def seed(sim, **extra):
    spec = dict(cdn_hostname='cdn.example.com', origin='o1.example.com')
    spec.update(extra)
    rid = sim.seed(P, {'cdn_resources': [spec]})['result'][0]
    sim.clear_log()
    return rid


def resource(sim):
    return sim.state(P)['cdn_resources'][0]


def run(sim, module, check=False, diff=False, **args):
    params = sim.creds(P)
    params.setdefault('zone', 'cdn.example.com')
    params.update(args)
    return module('cdn_origin', params, check=check, diff=diff)


def test_three_origins_set_then_rerun_unchanged(sim, module):
    rid = seed(sim)
    endpoints = [{'host': 'o1.example.com'}, {'host': 'o2.example.com', 'port': 8080}, {'host': '192.0.2.10'}]
    first = run(sim, module, diff=True, endpoints=endpoints)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert first['origin']['endpoints'] == [{'host': 'o1.example.com', 'port': 80}, {'host': 'o2.example.com', 'port': 8080},
                                            {'host': '192.0.2.10', 'port': 80}]
    assert first['origin']['zone'] == str(rid) and first['origin']['protocol'] == 'http'
    assert first['diff']['before']['endpoints'] == [{'host': 'o1.example.com', 'port': 80}]
    puts = sim.mutations(P)
    assert [(e['method'], e['path']) for e in puts] == [('PUT', 'cdn_resources/%d.json' % rid)]
    # The resource takes "origin" (one string) and answers "origins" [{key, value}].
    assert puts[0]['body'] == {'cdn_resource': {'origin': 'o1.example.com,o2.example.com:8080,192.0.2.10'}}
    assert resource(sim)['origins'] == [{'key': 'origin_1', 'value': 'o1.example.com'},
                                        {'key': 'origin_2', 'value': 'o2.example.com:8080'},
                                        {'key': 'origin_3', 'value': '192.0.2.10'}]

    sim.clear_log()
    second = run(sim, module, endpoints=endpoints)
    assert second['_rc'] == 0 and second['changed'] is False, second
    assert sim.mutations(P) == []


def test_protocol_is_origin_policy_and_default_ports_follow_it(sim, module):
    rid = seed(sim, origin='o1.example.com,o2.example.com')
    result = run(sim, module, protocol='https', endpoints=[{'host': 'o1.example.com'}, {'host': 'o2.example.com', 'port': 443}])
    assert result['_rc'] == 0 and result['changed'] is True, result
    body = sim.mutations(P)[0]['body']['cdn_resource']
    assert body == {'origin_policy': 'HTTPS', 'origin': 'o1.example.com,o2.example.com'}
    assert resource(sim)['origin_policy'] == 'HTTPS'
    assert result['origin']['endpoints'] == [{'host': 'o1.example.com', 'port': 443}, {'host': 'o2.example.com', 'port': 443}]

    # protocol alone: only origin_policy is sent; the origins are left as they are
    sim.clear_log()
    again = run(sim, module, protocol='http')
    assert again['changed'] is True
    assert [e['body'] for e in sim.mutations(P)] == [{'cdn_resource': {'origin_policy': 'HTTP'}}]
    assert again['origin']['zone'] == str(rid)
    sim.clear_log()
    assert run(sim, module, protocol='http')['changed'] is False
    assert sim.mutations(P) == []


def test_cdn_zone_keeps_the_other_origins(sim, module):
    seed(sim, origin='o1.example.com,o2.example.com')
    params = sim.creds(P)
    params.update(hostname='cdn.example.com', origin='http://n1.example.com')
    result = module('cdn_zone', params)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert [o['value'] for o in resource(sim)['origins']] == ['n1.example.com', 'o2.example.com']
    listed = run(sim, module, endpoints=[{'host': 'n1.example.com'}, {'host': 'o2.example.com'}])
    assert listed['changed'] is False


def test_check_mode_sends_no_write(sim, module):
    seed(sim)
    result = run(sim, module, check=True, diff=True, zone='1', endpoints=[{'host': 'n.example.com'}])
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['plan'][0]['action'] == 'update'
    assert result['diff']['after']['endpoints'] == [{'host': 'n.example.com', 'port': 80}]
    assert sim.mutations(P) == []
    assert [o['value'] for o in resource(sim)['origins']] == ['o1.example.com']


def test_more_than_three_origins_refused_before_any_request(sim, module):
    seed(sim)
    result = run(sim, module, endpoints=[{'host': 'o%d.example.com' % n} for n in range(4)])
    assert result['_rc'] != 0
    assert 'endpoints' in result['msg'] and 'at most 3' in result['msg']
    assert sim.log(P) == []


def test_options_cloudflow_lacks_are_refused_by_name(sim, module):
    seed(sim)
    for args in (dict(host_header='h.example.com'), dict(path='/static')):
        result = run(sim, module, endpoints=[{'host': 'o1.example.com'}], **args)
        assert result['_rc'] != 0
        option = list(args)[0]
        assert 'option %s: CloudFlow cannot manage it' % option in result['msg'] and 'endpoints, protocol' in result['msg'], result['msg']
    assert sim.log(P) == []


def test_ipv6_endpoint_refused(sim, module):
    seed(sim)
    result = run(sim, module, endpoints=[{'host': '2001:db8::1'}])
    assert result['_rc'] != 0 and 'endpoints[0].host' in result['msg'] and 'IPv6' in result['msg']
    assert sim.mutations(P) == []


def test_absent_is_refused_and_missing_zone_named(sim, module):
    seed(sim)
    absent = run(sim, module, state='absent')
    assert absent['_rc'] != 0 and 'delete' in absent['msg'] and 'cdn_zone' in absent['msg'], absent['msg']
    assert sim.mutations(P) == []
    missing = run(sim, module, zone='nope.example.com', endpoints=[{'host': 'o1.example.com'}])
    assert missing['_rc'] != 0 and 'nope.example.com' in missing['msg']
    assert sim.mutations(P) == []
