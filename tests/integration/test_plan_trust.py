"""The plan as a contract: plan_checksum in check mode and in the real run, expected_plan_checksum
refusing a plan that changed since approval (before any write), and a failure after a write
never hiding what was applied."""

from tests.integration.test_zone_ucdn import RECONFIG_DELAY

HOST = 'cdn.example.com'
ORIGIN = 'http://o.example.com'


def zone(sim, provider, check=False, **args):
    from tests.simulator.runner import run_module
    # Deployment waits take seconds on the simulator's fast clock.
    sim.speed(100)
    return run_module('cdn_zone', dict(sim.creds(provider), **args), check=check, diff=True)


def test_check_mode_and_the_real_run_give_the_same_plan_and_checksum(sim):
    check = zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN, cache_ttl=600)
    assert check['_rc'] == 0 and check['changed'] is True
    assert sim.mutations('ucdn') == []
    real = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, cache_ttl=600)
    assert real['_rc'] == 0 and real['changed'] is True
    assert real['plan'] == check['plan'] and [a['action'] for a in real['plan']] == ['create']
    assert len(check['plan_checksum']) == 64 and real['plan_checksum'] == check['plan_checksum']
    # Converged: an empty plan, whose checksum differs from the create's.
    again = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, cache_ttl=600)
    assert again['changed'] is False and again['plan'] == []
    assert again['plan_checksum'] != check['plan_checksum']
    # The same state and task give the same checksum on every run.
    assert zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN, cache_ttl=900)['plan_checksum'] == \
        zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN, cache_ttl=900)['plan_checksum']


def test_an_approved_plan_is_applied(sim):
    approved = zone(sim, 'leaseweb', check=True, hostname=HOST, origin=ORIGIN)['plan_checksum']
    result = zone(sim, 'leaseweb', hostname=HOST, origin=ORIGIN, expected_plan_checksum=approved)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['plan_checksum'] == approved
    assert len(sim.state('leaseweb')['distributions']) == 1


def test_a_plan_that_changed_since_approval_writes_nothing(sim):
    assert zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, cache_ttl=600)['_rc'] == 0
    approved = zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN, cache_ttl=1200)['plan_checksum']
    # Someone changes the zone between the approval and the apply job.
    assert zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, cache_ttl=1800)['_rc'] == 0
    sim.clear_log()
    result = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, cache_ttl=1200, expected_plan_checksum=approved)
    assert result['_rc'] == 1 and result['changed'] is False
    assert 'option expected_plan_checksum: the plan is not the approved one' in result['msg']
    assert approved in result['msg'] and result['plan_checksum'] in result['msg']
    assert result['plan'][0]['changes'] == {'cache_ttl': 1200}
    assert sim.mutations('ucdn') == []
    # Check mode refuses the same way (it is how the plan is reviewed again).
    check = zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN, cache_ttl=1200,
                 expected_plan_checksum=approved)
    assert check['_rc'] == 1 and check['msg'] == result['msg']


def test_a_nothing_to_do_plan_can_be_approved_too(sim):
    assert zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN)['_rc'] == 0
    approved = zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN)['plan_checksum']
    sim.clear_log()
    result = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, expected_plan_checksum=approved)
    assert result['_rc'] == 0 and result['changed'] is False and sim.mutations('ucdn') == []


def test_info_modules_return_the_checksum_of_an_empty_plan(sim):
    from tests.simulator.runner import run_module
    nothing = zone(sim, 'ucdn', check=True, hostname=HOST, origin=ORIGIN)
    assert zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN)['_rc'] == 0
    unchanged = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN)
    info = run_module('cdn_zone_info', dict(sim.creds('ucdn'), hostname=HOST))
    assert info['_rc'] == 0 and info['plan_checksum'] == unchanged['plan_checksum']
    assert info['plan_checksum'] != nothing['plan_checksum']


def test_a_wait_that_times_out_after_an_update_reports_the_change(sim):
    # Observed: cdn_zone cache_ttl=1800 wait_timeout=3 failed with changed=false although the TTL was changed.
    assert zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN, wait=False)['_rc'] == 0
    sim.advance(RECONFIG_DELAY + 1)
    sim.clear_log()
    sim.speed(1)
    from tests.simulator.runner import run_module
    # Every UCDN write makes the zone "reconfiguring" for RECONFIG_DELAY seconds: the wait times out.
    result = run_module('cdn_zone', dict(sim.creds('ucdn'), hostname=HOST, origin=ORIGIN, cache_ttl=1800, wait_timeout=1))
    assert result['_rc'] == 1 and 'timed out after 1s' in result['msg']
    assert result['changed'] is True
    assert [a['action'] for a in result['plan']] == ['update'] and result['plan'][0]['changes'] == {'cache_ttl': 1800}
    assert result['applied'] and 'changed before this failure' in result['msg']
    assert [e['method'] for e in sim.mutations('ucdn')] == ['PUT'] or len(sim.mutations('ucdn')) == 1


def test_a_failure_before_any_write_is_not_a_change(sim):
    sim.fault(provider='ucdn', method='POST', path='^zone', status=422, body={'message': 'refused'})
    result = zone(sim, 'ucdn', hostname=HOST, origin=ORIGIN)
    assert result['_rc'] == 1 and not result.get('changed') and 'applied' not in result


def test_the_checksum_is_the_documented_digest_on_every_ansible_core(sim):
    # Runs under ansible-core 2.19 (make unit-integration) and the newest line (make test-newest): the
    # literal below must hold on both, so an approval from one controller is valid on the other.
    import hashlib
    import json
    result = zone(sim, 'ucdn', check=True, hostname='cdn.example.com', origin='http://o.example.com', cache_ttl=600,
                  aliases=['img.example.com'])
    plan = [{'action': 'create', 'resource': 'zone', 'id': None,
             'changes': {'hostname': 'cdn.example.com', 'aliases': ['img.example.com'],
                         'origin': 'http://o.example.com', 'cache_ttl': 600}}]
    assert result['plan'] == plan
    # sha256 of the canonical JSON of [actions, basis] (module_utils/plan.py plan_checksum).
    canonical = json.dumps([plan, [None]], sort_keys=True, separators=(',', ':'))
    assert result['plan_checksum'] == hashlib.sha256(canonical.encode()).hexdigest()
    assert result['plan_checksum'] == '12a8944d507552011ce01c85a2520b8121e79bbee3a59becb34d7395f2200b31'
