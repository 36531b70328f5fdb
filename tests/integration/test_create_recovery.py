"""A create whose answer is a transient failure (5xx, dropped connection) is
re-read, not blindly re-sent: found, it is used; not found, nothing was applied
and the create is sent again. Leaseweb's multi-step create never leaves a
distribution behind that a rerun could not find."""


def run_zone(sim, module, provider, **args):
    params = sim.creds(provider)
    params.update(args)
    return module('cdn_zone', params)


def test_a_502_on_create_is_read_back_then_sent_again(sim, module):
    sim.fault(provider='ucdn', method='POST', path='^zone', status=502)
    result = run_zone(sim, module, 'ucdn', hostname='cdn.example.com', origin='http://o.example.com')
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert len(sim.state('ucdn')['zones']) == 1
    methods = [(e['method'], e.get('status')) for e in sim.log('ucdn')]
    # the failed POST, a read proving nothing was made, the POST again
    assert [m for m in methods if m[0] == 'POST'] == [('POST', 502), ('POST', 200)]
    first_post = methods.index(('POST', 502))
    assert ('GET', 200) in methods[first_post:methods.index(('POST', 200))]


def test_a_dropped_connection_after_apply_is_not_a_second_zone(sim, module):
    sim.fault(provider='ucdn', method='POST', path='^zone', apply_then_drop=True)
    result = run_zone(sim, module, 'ucdn', hostname='cdn.example.com', origin='http://o.example.com')
    assert result['_rc'] == 0, result
    assert len(sim.state('ucdn')['zones']) == 1
    assert len([e for e in sim.log('ucdn') if e['method'] == 'POST']) == 1


def test_leaseweb_domain_failure_removes_the_new_distribution_and_retries(sim, module):
    sim.speed(100)
    sim.fault(provider='leaseweb', method='POST', path='domains', status=500)
    result = run_zone(sim, module, 'leaseweb', hostname='media.example.com', origin='https://o.example.com')
    assert result['_rc'] == 0, result
    state = sim.state('leaseweb')
    assert len(state['distributions']) == 1
    deletes = [e for e in sim.log('leaseweb') if e['method'] == 'DELETE']
    assert len(deletes) == 1 and deletes[0]['path'].startswith('distributions/')
    rerun = run_zone(sim, module, 'leaseweb', hostname='media.example.com', origin='https://o.example.com')
    assert rerun['_rc'] == 0 and rerun['changed'] is False, rerun
    assert len(sim.state('leaseweb')['distributions']) == 1
