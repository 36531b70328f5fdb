"""cdn_origin against the simulated Leaseweb CDN v2 API: standalone origins, origin groups, members."""

import pytest

P = 'leaseweb'


@pytest.fixture
def origin(sim, module):
    def run(check=False, diff=False, **args):
        params = sim.creds(P)
        params.update(args)
        return module('cdn_origin', params, check=check, diff=diff)
    return run


def writes(sim):
    return [(w['method'], w['path'], w['body']) for w in sim.mutations(P)]


def origins_by_name(sim):
    return dict((o['description'], o) for o in sim.state(P)['origins'])


def test_simple_origin_create_rerun_check_and_diff(sim, origin):
    check = origin(check=True, diff=True, name='backend-a', endpoints=[{'host': 'A.origin.example.com'}])
    assert check['_rc'] == 0, check
    assert check['changed'] is True and check['plan'][0]['action'] == 'create'
    assert sim.mutations(P) == []

    first = origin(diff=True, name='backend-a', endpoints=[{'host': 'A.origin.example.com'}])
    assert first['changed'] is True, first
    assert first['origin']['id'].startswith('or-')
    assert first['origin']['kind'] == 'origin'
    assert first['origin']['endpoints'] == [{'host': 'a.origin.example.com', 'port': None}]
    assert first['diff']['before'] == {}
    assert writes(sim) == [('POST', 'origins', {'resourceType': 'SIMPLE_ORIGIN', 'data': [
        {'key': 'host', 'value': 'a.origin.example.com'}, {'key': 'description', 'value': 'backend-a'},
        {'key': 'enabled', 'value': True}]})]

    sim.clear_log()
    again = origin(name='backend-a', endpoints=[{'host': 'a.origin.example.com'}], path='/', http_port=80)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []
    assert len(sim.state(P)['origins']) == 1


def test_update_sends_only_the_changed_key(sim, origin):
    origin(name='backend-a', endpoints=[{'host': 'a.example.com'}])
    origin_id = origins_by_name(sim)['backend-a']['id']
    sim.clear_log()
    result = origin(diff=True, name='backend-a', enabled=False)
    assert result['changed'] is True, result
    assert writes(sim) == [('PUT', 'origins/%s' % origin_id, {
        'resourceType': 'SIMPLE_ORIGIN', 'data': [{'key': 'enabled', 'value': False}]})]
    assert result['diff']['before']['enabled'] is True and result['diff']['after']['enabled'] is False


def test_advanced_origin_and_port_update(sim, origin):
    result = origin(name='adv', endpoints=[{'host': 'o.example.com'}], path='/assets', https_port=8443)
    assert result['changed'] is True, result
    stored = origins_by_name(sim)['adv']
    assert stored['resourceType'] == 'ADVANCED_ORIGIN'
    assert (stored['path'], stored['httpPort'], stored['httpsPort']) == ('/assets', 80, 8443)
    assert (result['origin']['path'], result['origin']['https_port']) == ('/assets', 8443)
    sim.clear_log()
    result = origin(name='adv', http_port=8080)
    assert result['changed'] is True
    assert writes(sim) == [('PUT', 'origins/%s' % stored['id'], {
        'resourceType': 'ADVANCED_ORIGIN', 'data': [{'key': 'httpPort', 'value': 8080}]})]


def test_type_change_replaces_origin_and_repoints_users_in_order(sim, origin, zone):
    sim.speed(100)
    origin(name='backend-a', endpoints=[{'host': 'a.example.com'}])
    origin(name='backend-b', endpoints=[{'host': 'b.example.com'}])
    old_id = origins_by_name(sim)['backend-a']['id']
    assert zone(hostname='cdn.example.com', origin_id='backend-a')['changed'] is True
    assert origin(name='pool', group={'members': [{'origin': 'backend-a', 'status': 'backup'},
                                                  {'origin': 'backend-b'}]})['changed'] is True
    state = sim.state(P)
    dist_id = state['distributions'][0]['id']
    policy_id = state['policies'][0]['id']
    group_id = state['origin_groups'][0]['id']
    old_member = [m for m in state['origin_groups'][0]['members'] if m['originId'] == old_id][0]

    sim.clear_log()
    result = origin(name='backend-a', path='/static')
    assert result['changed'] is True, result
    new = origins_by_name(sim)['backend-a']
    assert new['resourceType'] == 'ADVANCED_ORIGIN' and new['id'] != old_id and new['host'] == 'a.example.com'
    assert result['origin']['id'] == new['id']
    assert [(m, p) for m, p, _b in writes(sim)] == [
        ('POST', 'origins'),
        ('PUT', 'distributions/%s/policies/%s' % (dist_id, policy_id)),
        ('POST', 'originGroups/%s/members' % group_id),
        ('DELETE', 'originGroups/%s/members/%s' % (group_id, old_member['id'])),
        ('DELETE', 'origins/%s' % old_id),
    ]
    assert writes(sim)[1][2] == {'originPullId': new['id']}
    state = sim.state(P)
    assert old_id not in [o['id'] for o in state['origins']]
    assert state['policies'][0]['originPullId'] == new['id']
    members = dict((m['originId'], m['status']) for m in state['origin_groups'][0]['members'])
    assert members[new['id']] == 'backup' and old_id not in members

    sim.clear_log()
    assert origin(name='backend-a', path='/static')['changed'] is False
    assert zone(hostname='cdn.example.com', origin_id='backend-a')['changed'] is False
    assert sim.mutations(P) == []


def test_group_create_members_authoritative_and_idempotent(sim, origin):
    for name in ('a', 'b', 'c'):
        origin(name=name, endpoints=[{'host': '%s.example.com' % name}])
    ids = dict((k, v['id']) for k, v in origins_by_name(sim).items())
    group = dict(balancing_method='consistent', fail_timeout=8, keep_alive=True, keep_alive_seconds=27,
                 members=[{'origin': 'a'}, {'origin': ids['b'], 'status': 'backup'}])

    sim.clear_log()
    check = origin(check=True, name='pool', group=group)
    assert check['changed'] is True and sim.mutations(P) == []

    sim.clear_log()
    first = origin(diff=True, name='pool', group=group)
    assert first['changed'] is True, first
    assert first['origin']['kind'] == 'group' and first['origin']['id'].startswith('og-')
    assert first['origin']['group']['members'] == [{'origin': 'a', 'status': 'active'}, {'origin': 'b', 'status': 'backup'}]
    posted = writes(sim)
    assert posted[0] == ('POST', 'originGroups', {'resourceType': 'ORIGIN_GROUP', 'data': [
        {'key': 'balancingMethod', 'value': 'CONSISTENT'}, {'key': 'description', 'value': 'pool'},
        {'key': 'failTimeOut', 'value': 8}, {'key': 'keepAlive', 'value': True},
        {'key': 'keepAliveSeconds', 'value': 27}]})
    group_id = first['origin']['id']
    assert posted[1:] == [
        ('POST', 'originGroups/%s/members' % group_id, {'resourceType': 'ORIGIN_GROUP_MEMBER', 'data': [
            {'key': 'originId', 'value': ids['a']}, {'key': 'status', 'value': 'active'}]}),
        ('POST', 'originGroups/%s/members' % group_id, {'resourceType': 'ORIGIN_GROUP_MEMBER', 'data': [
            {'key': 'originId', 'value': ids['b']}, {'key': 'status', 'value': 'backup'}]}),
    ]

    sim.clear_log()
    assert origin(name='pool', group=group)['changed'] is False
    assert sim.mutations(P) == []

    # authoritative: b becomes active, a goes, c comes; the group keys are untouched
    result = origin(name='pool', group={'members': [{'origin': 'b'}, {'origin': 'c', 'status': 'inactive'}]})
    assert result['changed'] is True, result
    # adds, then status updates, then removals
    assert [m for m, _p, _b in writes(sim)] == ['POST', 'PUT', 'DELETE']
    assert writes(sim)[1][2]['data'] == [{'key': 'originId', 'value': ids['b']}, {'key': 'status', 'value': 'active'}]
    members = dict((m['originId'], m['status']) for m in sim.state(P)['origin_groups'][0]['members'])
    assert members == {ids['b']: 'active', ids['c']: 'inactive'}
    assert result['origin']['group']['balancing_method'] == 'CONSISTENT'

    sim.clear_log()
    result = origin(name='pool', group={'keep_alive_seconds': 30}, enabled=False)
    assert writes(sim) == [('PUT', 'originGroups/%s' % group_id, {'resourceType': 'ORIGIN_GROUP', 'data': [
        {'key': 'keepAliveSeconds', 'value': 30}, {'key': 'enabled', 'value': False}]})]


def test_names_are_unique_across_origins_and_groups(sim, origin):
    origin(name='x', endpoints=[{'host': 'x.example.com'}])
    sim.clear_log()
    result = origin(name='x', group={'balancing_method': 'ROUNDROBIN'})
    assert result['_rc'] != 0
    assert 'option name' in result['msg'] and 'origin or-' in result['msg']
    assert sim.mutations(P) == []


def test_unknown_member_fails_before_any_write(sim, origin):
    result = origin(name='pool', group={'members': [{'origin': 'nope'}]})
    assert result['_rc'] != 0
    assert "option group.members[0].origin: 'nope' names no Leaseweb origin" in result['msg']
    assert sim.mutations(P) == []


@pytest.mark.parametrize('args, text', [
    (dict(name='o', endpoints=[{'host': 'o.example.com', 'port': 8080}]), 'option endpoints[0].port'),
    (dict(name='o', endpoints=[{'host': 'a.example.com'}, {'host': 'b.example.com'}]), 'at most 1'),
    (dict(name='o', endpoints=[{'host': 'o.example.com'}], protocol='https'), 'option protocol:'),
    (dict(name='o', group={'keep_alive': 5}), 'option group.keep_alive'),
    (dict(name='o', group={}, endpoints=[{'host': 'o.example.com'}]), 'not of an origin group'),
    (dict(name='o', enabled=True), 'option endpoints: is required'),
])
def test_bad_input_fails_before_any_write(sim, origin, args, text):
    result = origin(**args)
    assert result['_rc'] != 0, result
    assert text in result['msg']
    assert sim.mutations(P) == []


def test_delete_refuses_an_origin_in_use_and_names_the_users(sim, origin, zone):
    sim.speed(100)
    origin(name='a', endpoints=[{'host': 'a.example.com'}])
    zone(hostname='cdn.example.com', origin_id='a')
    dist_id = sim.state(P)['distributions'][0]['id']
    sim.clear_log()
    for check in (True, False):
        result = origin(check=check, name='a', state='absent')
        assert result['_rc'] != 0
        assert 'distribution %s' % dist_id in result['msg'] and 'option state' in result['msg']
    assert sim.mutations(P) == []


def test_delete_origin_and_group_then_absent_is_unchanged(sim, origin):
    origin(name='a', endpoints=[{'host': 'a.example.com'}])
    origin(name='pool', group={'members': [{'origin': 'a'}]})
    refused = origin(name='a', state='absent')
    assert refused['_rc'] != 0 and 'origin group og-' in refused['msg']

    check = origin(check=True, name='pool', state='absent')
    assert check['changed'] is True
    sim.clear_log()
    result = origin(name='pool', state='absent')
    assert result['changed'] is True and result['origin'] is None
    assert [(m, p.split('/')[0]) for m, p, _b in writes(sim)] == [('DELETE', 'originGroups')]
    assert origin(name='a', state='absent')['changed'] is True
    state = sim.state(P)
    assert state['origins'] == [] and state['origin_groups'] == []
    sim.clear_log()
    assert origin(name='a', state='absent')['changed'] is False
    assert origin(name='pool', state='absent')['changed'] is False
    assert sim.mutations(P) == []


def test_simulator_refuses_type_change_and_unknown_balancing(sim, origin):
    origin(name='a', endpoints=[{'host': 'a.example.com'}])
    result = origin(name='pool', group={'balancing_method': 'RANDOM'})
    assert result['_rc'] != 0 and 'balancingMethod' in result['msg']


def test_pagination_of_origins(sim, origin):
    sim.seed(P, {'origins': [{'host': 'h%02d.example.com' % i, 'description': 'o%02d' % i} for i in range(30)]})
    sim.clear_log()
    result = origin(name='o29', endpoints=[{'host': 'h29.example.com'}])
    assert result['changed'] is False, result
    offsets = [e['query'] for e in sim.log(P) if e['path'] == 'origins']
    assert len(offsets) >= 2


# --- Leaseweb's origin check ("Validate If Origin Can Be Resolved", GET origins/{origin_id}/resolve) ---

def resolves(sim):
    return [e['path'] for e in sim.log(P) if e['method'] == 'GET' and e['path'].endswith('/resolve')]


@pytest.mark.parametrize('check', [False, True])
def test_a_group_gains_no_member_leaseweb_cannot_resolve(sim, origin, check):
    sim.seed(P, {'origins': [{'host': 'a.example.com', 'description': 'a'}, {'host': 'dead.invalid', 'description': 'dead'}]})
    ids = dict((k, v['id']) for k, v in origins_by_name(sim).items())
    sim.clear_log()
    result = origin(check=check, name='pool', group={'members': [{'origin': 'a'}, {'origin': 'dead'}]})
    assert result['_rc'] == 1, result
    assert result['msg'].startswith('option group.members[1].origin: origin %s (dead.invalid) cannot be resolved by '
                                    'Leaseweb: The origin host dead.invalid cannot be resolved.' % ids['dead']), result
    assert resolves(sim) == ['origins/%s/resolve' % ids['a'], 'origins/%s/resolve' % ids['dead']]
    assert sim.mutations(P) == [] and sim.state(P)['origin_groups'] == []


def test_only_the_members_a_group_gains_are_checked(sim, origin):
    sim.seed(P, {'origins': [{'host': 'a.example.com', 'description': 'a'}, {'host': 'b.example.com', 'description': 'b'}]})
    ids = dict((k, v['id']) for k, v in origins_by_name(sim).items())
    assert origin(name='pool', group={'members': [{'origin': 'a'}]})['changed'] is True
    sim.clear_log()
    result = origin(name='pool', group={'members': [{'origin': 'a', 'status': 'backup'}, {'origin': 'b'}]})
    assert result['changed'] is True, result
    assert resolves(sim) == ['origins/%s/resolve' % ids['b']]


def test_a_replacing_origin_leaseweb_cannot_resolve_is_removed_and_nobody_repointed(sim, origin, zone):
    sim.speed(100)
    sim.seed(P, {'origins': [{'host': 'legacy.invalid', 'description': 'legacy'}]})
    old_id = origins_by_name(sim)['legacy']['id']
    sim.seed(P, {'distributions': [{'domains': ['cdn.example.com'], 'policy': {'originPullId': old_id}}]})
    before = sim.state(P)['policies'][0]
    sim.clear_log()
    result = origin(name='legacy', path='/static')
    assert result['_rc'] == 1, result
    [(_m, _p, _b), (method, deleted, _body)] = writes(sim)
    new_id = deleted.split('/')[1]
    assert [(m, p) for m, p, _b in writes(sim)] == [('POST', 'origins'), ('DELETE', 'origins/%s' % new_id)]
    assert new_id != old_id and resolves(sim) == ['origins/%s/resolve' % new_id]
    assert result['msg'].startswith('option endpoints: origin %s (legacy.invalid) cannot be resolved by Leaseweb'
                                    % new_id), result
    state = sim.state(P)
    assert [o['id'] for o in state['origins']] == [old_id]
    assert state['policies'][0] == before
