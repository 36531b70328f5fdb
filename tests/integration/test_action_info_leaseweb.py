"""cdn_action_info against the simulated Leaseweb CDN v2 actions."""

import pytest

P = 'leaseweb'


@pytest.fixture
def actions(sim, module):
    def run(check=False, provider=P, **args):
        params = sim.creds(provider)
        params.update(args)
        return module('cdn_action_info', params, check=check)
    return run


def make_history(sim, module, zone):
    sim.speed(100)
    zone(hostname='cdn.example.com', origin='https://o.example.com')
    zone(hostname='cdn.example.com', enabled=False)
    purge = module('cdn_purge', dict(sim.creds(P), zone='cdn.example.com', urls=['https://cdn.example.com/a']))
    assert purge['changed'] is True, purge
    sim.speed(1)
    sim.clear_log()


@pytest.mark.parametrize('check', [False, True])
def test_list_all_newest_first(sim, module, actions, check):
    make_history(sim, module, zone=lambda **a: module('cdn_zone', dict(sim.creds(P), **a)))
    result = actions(check=check)
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert [a['type'] for a in result['actions']] == ['INVALIDATION', 'UPDATE_DIST', 'CREATE_DIST']
    first = result['actions'][0]
    assert set(first) == {'id', 'type', 'status', 'created', 'updated', 'resource', 'raw'}
    assert first['created'].endswith('Z') and first['resource']['invalidation_id'].startswith('in-')
    assert [e['query'].get('filters') for e in sim.log(P)] == [None]
    assert sim.mutations(P) == []


def test_types_one_listing_each_and_limit(sim, module, actions):
    make_history(sim, module, zone=lambda **a: module('cdn_zone', dict(sim.creds(P), **a)))
    result = actions(types=['create_dist', 'UPDATE_DIST'], limit=1)
    assert result['_rc'] == 0, result
    assert [a['type'] for a in result['actions']] == ['UPDATE_DIST']
    assert [e['query'].get('filters') for e in sim.log(P)] == ['CREATE_DIST', 'UPDATE_DIST']


def test_get_one_by_id_and_missing(sim, module, actions):
    make_history(sim, module, zone=lambda **a: module('cdn_zone', dict(sim.creds(P), **a)))
    ident = sim.state(P)['actions'][0]['id']
    one = actions(action_id=ident.upper())
    assert [a['id'] for a in one['actions']] == [ident] and one['actions'][0]['type'] == 'CREATE_DIST'
    missing = actions(action_id='00000000-0000-4000-8000-000000000000')
    assert missing['_rc'] == 0 and missing['actions'] == []
    assert sim.mutations(P) == []


@pytest.mark.parametrize('args, text', [
    (dict(action_id='in-f141ghed5'), 'option action_id'),
    (dict(types=['PURGE']), 'option types'),
    (dict(limit=0), 'option limit'),
    (dict(action_id='50ea5204-4827-41d2-a940-cb5afdfb2426', limit=5), 'option action_id'),
])
def test_bad_input_sends_no_request(sim, actions, args, text):
    result = actions(**args)
    assert result['failed'] is True and text in result['msg'], result
    assert sim.log(P) == []


def test_other_providers_fail_clearly(sim, actions):
    result = actions(provider='cloakfusion')
    assert result['failed'] is True and "does not offer the resource 'action'" in result['msg'], result
    assert sim.log() == []
