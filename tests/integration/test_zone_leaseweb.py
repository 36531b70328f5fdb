"""cdn_zone and cdn_zone_info against the simulated Leaseweb CDN v2 API."""

import pytest

P = 'leaseweb'


def seed_one(sim, domains=('cdn.example.com',), origin='https://o.example.com', **extra):
    spec = dict(domains=list(domains), origin=origin,
                policy=dict(description='seeded', cacheDefaultTtl=3600, originPullHostHeader='o.example.com'))
    spec.update(extra)
    return sim.seed(P, {'distributions': [spec]})['result'][0]


def writes(sim):
    return [(w['method'], w['path'], w['body']) for w in sim.mutations(P)]


def test_create_then_rerun_is_unchanged(sim, zone):
    sim.speed(100)  # 20 s of action processing passes in 0.2 s
    args = dict(hostname='cdn.example.com', aliases=['www.example.com'], origin='https://o.example.com/',
                origin_host_header='o.example.com', cache_ttl=600, compress=True, tls=True,
                settings={'deliveryForceHttps': True, 'ipv6': True})
    first = zone(**args)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    z = first['zone']
    assert z['id'].startswith('di-')
    assert z['status'] == 'FINISHED'
    assert z['cdn_domain'] == '%s.lswcdn.net' % z['id']
    assert z['hostname'] == 'cdn.example.com' and z['aliases'] == ['www.example.com']
    assert z['origin'] == 'https://o.example.com' and z['cache_ttl'] == 600 and z['compress'] is True

    state = sim.state(P)
    assert len(state['distributions']) == 1
    dist = state['distributions'][0]
    assert dist['resourceType'] == 'DISTRIBUTION_VOLUME'
    assert dist['tls'] is True and dist['ipv6'] is True and dist['enabled'] is True
    assert sorted(d['domain'] for d in state['domains']) == ['cdn.example.com', 'www.example.com']
    assert len(state['policies']) == 1
    policy = state['policies'][0]
    assert policy['originPullProtocol'] == 'HTTPS' and policy['originPullHostHeader'] == 'o.example.com'
    assert policy['cacheDefaultTtl'] == 600 and policy['deliveryCompress'] is True and policy['deliveryForceHttps'] is True
    assert state['origins'] == [dict(state['origins'][0], resourceType='SIMPLE_ORIGIN', host='o.example.com')]
    assert policy['originPullId'] == state['origins'][0]['id']
    assert [a['type'] for a in state['actions']] == ['CREATE_DIST']
    assert state['actions'][0]['resource'] == {'distribution_id': z['id']}

    sim.clear_log()
    second = zone(**args)
    assert second['changed'] is False, second
    assert sim.mutations(P) == []


def test_create_reuses_an_existing_origin(sim, zone):
    sim.seed(P, {'origins': [{'host': 'o.example.com', 'description': 'shared'}]})
    origin_id = sim.state(P)['origins'][0]['id']
    result = zone(hostname='cdn.example.com', origin='http://o.example.com', wait=False)
    assert result['changed'] is True, result
    assert result['zone']['status'] in ('PENDING', 'IN_PROGRESS')
    state = sim.state(P)
    assert len(state['origins']) == 1
    assert state['policies'][0]['originPullId'] == origin_id
    assert state['policies'][0]['originPullProtocol'] == 'HTTP'


def test_origin_with_port_and_path_is_an_advanced_origin(sim, zone):
    sim.speed(100)
    result = zone(hostname='cdn.example.com', origin='https://o.example.com:8443/assets')
    assert result['changed'] is True, result
    assert result['zone']['origin'] == 'https://o.example.com:8443/assets'
    origin = sim.state(P)['origins'][0]
    assert origin['resourceType'] == 'ADVANCED_ORIGIN'
    assert (origin['path'], origin['httpsPort']) == ('/assets', 8443)
    sim.clear_log()
    again = zone(hostname='cdn.example.com', origin='HTTPS://O.example.com:8443/assets')
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_check_mode_sends_no_write_and_reports_plan(sim, zone):
    result = zone(check=True, diff=True, hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True
    assert result['plan'][0]['action'] == 'create'
    assert result['diff']['before'] == {}
    assert result['diff']['after']['hostname'] == 'cdn.example.com'
    assert sim.mutations(P) == []
    assert sim.state(P)['distributions'] == []

    seed_one(sim)
    sim.clear_log()
    result = zone(check=True, diff=True, hostname='cdn.example.com', cache_ttl=60, aliases=['a.example.com'])
    assert result['changed'] is True
    assert result['plan'][0]['changes'] == {'cache_ttl': 60, 'aliases': ['a.example.com']}
    assert sim.mutations(P) == []


def test_changing_one_field_sends_only_that_field(sim, zone):
    dist_id = seed_one(sim)
    sim.clear_log()
    result = zone(diff=True, hostname='cdn.example.com', cache_ttl=600)
    assert result['changed'] is True, result
    policy_id = sim.state(P)['policies'][0]['id']
    assert writes(sim) == [('PUT', 'distributions/%s/policies/%s' % (dist_id, policy_id), {'cacheDefaultTtl': 600})]
    assert result['diff']['before']['cache_ttl'] == 3600
    assert result['diff']['after']['cache_ttl'] == 600
    assert sim.state(P)['policies'][0]['cacheDefaultTtl'] == 600
    # a policy change records no action: nothing to wait for
    assert sim.state(P)['actions'] == []


def uploaded_certificate(sim, hostname='cdn.example.com'):
    from tests.simulator.certgen import make_ca, make_cert
    from tests.simulator.runner import run_module
    ca = make_ca('Test Root')
    leaf = make_cert(ca, hostname)
    result = run_module('cdn_certificate', dict(sim.creds(P), certificate=leaf.cert_pem, private_key=leaf.key_pem,
                                                chain=ca.cert_pem, name='www'))
    assert result['_rc'] == 0, result
    return result['certificate']['id']


def test_distribution_key_change_sends_only_that_key_and_waits(sim, zone):
    sim.speed(20)  # 20 s of action processing take 1 s
    dist_id = seed_one(sim)
    cert_id = uploaded_certificate(sim)
    sim.clear_log()
    result = zone(hostname='cdn.example.com', tls=True, certificate_id=cert_id)
    assert result['changed'] is True, result
    assert writes(sim) == [('PUT', 'distributions/%s' % dist_id, {
        'resourceType': 'DISTRIBUTION_VOLUME',
        'data': [{'key': 'tls', 'value': True}, {'key': 'certificateId', 'value': cert_id}]})]
    assert result['zone']['status'] == 'FINISHED'
    assert [a['type'] for a in sim.state(P)['actions']] == ['UPDATE_DIST']
    # the core's wait (zone_ready) reads the zone and its latest action again until the action finished
    polls = [e for e in sim.log(P) if e['method'] == 'GET' and e['path'] == 'actions']
    assert len(polls) > 2, 'one read before the update, one after it, then the wait'


def test_a_certificate_id_that_names_nothing_fails_while_planning(sim, zone):
    seed_one(sim)
    sim.clear_log()
    check = zone(check=True, hostname='cdn.example.com', certificate_id='ce-nope')
    real = zone(hostname='cdn.example.com', certificate_id='ce-nope')
    for result in (check, real):
        assert result['_rc'] == 1 and result['msg'].startswith(
            'option certificate_id: names no Leaseweb certificate (no certificate has id ce-nope)'), result
    assert check['msg'] == real['msg'] and sim.mutations(P) == []


def test_origin_change_points_policy_at_new_origin(sim, zone):
    dist_id = seed_one(sim)
    sim.clear_log()
    result = zone(hostname='cdn.example.com', origin='http://new.example.com')
    assert result['changed'] is True, result
    state = sim.state(P)
    new = [o for o in state['origins'] if o['host'] == 'new.example.com'][0]
    policy_id = state['policies'][0]['id']
    assert writes(sim)[-1] == ('PUT', 'distributions/%s/policies/%s' % (dist_id, policy_id),
                               {'originPullId': new['id'], 'originPullProtocol': 'HTTP'})
    assert result['zone']['origin'] == 'http://new.example.com'


def test_create_with_origin_id_by_name_then_by_id_is_unchanged(sim, zone):
    sim.speed(100)
    sim.seed(P, {'origins': [{'host': 'a.example.com', 'description': 'backend-a'}]})
    origin_id = sim.state(P)['origins'][0]['id']
    result = zone(hostname='cdn.example.com', origin_id='backend-a')
    assert result['changed'] is True, result
    assert result['zone']['origin_id'] == origin_id
    policy = sim.state(P)['policies'][0]
    assert policy['originPullId'] == origin_id and policy['originPullGroupId'] is None
    assert len(sim.state(P)['origins']) == 1
    sim.clear_log()
    for ref in ('backend-a', origin_id):
        again = zone(hostname='cdn.example.com', origin_id=ref)
        assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_origin_id_switches_between_origin_and_group(sim, zone):
    dist_id = seed_one(sim)
    sim.seed(P, {'origin_groups': [{'description': 'pool', 'balancingMethod': 'CONSISTENT'}],
                 'origins': [{'host': 'b.example.com', 'description': 'backend-b'}]})
    state = sim.state(P)
    group_id = state['origin_groups'][0]['id']
    backend_b = [o for o in state['origins'] if o['description'] == 'backend-b'][0]['id']
    policy_id = state['policies'][0]['id']

    sim.clear_log()
    check = zone(check=True, diff=True, hostname='cdn.example.com', origin_id='pool')
    assert check['changed'] is True and check['plan'][0]['changes'] == {'origin_id': group_id}
    assert sim.mutations(P) == []

    result = zone(diff=True, hostname='cdn.example.com', origin_id='pool')
    assert result['changed'] is True, result
    assert writes(sim) == [('PUT', 'distributions/%s/policies/%s' % (dist_id, policy_id),
                            {'originPullGroupId': group_id, 'originPullId': None})]
    assert result['zone']['origin_id'] == group_id and result['zone']['origin'] is None
    assert result['diff']['after']['origin_id'] == group_id
    sim.clear_log()
    assert zone(hostname='cdn.example.com', origin_id=group_id)['changed'] is False
    assert sim.mutations(P) == []

    result = zone(hostname='cdn.example.com', origin_id='backend-b')
    assert result['changed'] is True, result
    assert writes(sim) == [('PUT', 'distributions/%s/policies/%s' % (dist_id, policy_id),
                            {'originPullId': backend_b, 'originPullGroupId': None})]
    assert result['zone']['origin'] == 'https://b.example.com'


@pytest.mark.parametrize('seed, ref, text', [
    ({}, 'nowhere', "option origin_id: 'nowhere' names no Leaseweb origin or origin group"),
    ({'origins': [{'host': 'a.example.com', 'description': 'twin'}, {'host': 'b.example.com', 'description': 'twin'}]},
     'twin', "option origin_id: 'twin' is the name of 2 Leaseweb objects"),
])
def test_bad_origin_id_fails_before_any_write(sim, zone, seed, ref, text):
    sim.seed(P, seed)
    result = zone(hostname='cdn.example.com', origin_id=ref)
    assert result['_rc'] != 0, result
    assert text in result['msg']
    assert sim.mutations(P) == []


def test_aliases_are_authoritative(sim, zone):
    dist_id = seed_one(sim, domains=('cdn.example.com', 'a1.example.com', 'a2.example.com'))
    sim.clear_log()
    result = zone(hostname='cdn.example.com', aliases=['a3.example.com', 'A2.example.com'])
    assert result['changed'] is True, result
    assert writes(sim) == [
        ('DELETE', 'distributions/%s/domains/a1.example.com' % dist_id, None),
        ('POST', 'distributions/%s/domains' % dist_id, {'domain': 'a3.example.com'}),
    ]
    assert result['zone']['aliases'] == ['a2.example.com', 'a3.example.com']
    assert sorted(d['domain'] for d in sim.state(P)['domains']) == ['a2.example.com', 'a3.example.com', 'cdn.example.com']

    sim.clear_log()
    untouched = zone(hostname='cdn.example.com', cache_ttl=3600)
    assert untouched['changed'] is False, untouched
    assert untouched['zone']['aliases'] == ['a2.example.com', 'a3.example.com']
    assert sim.mutations(P) == []

    # found by an alias, the zone is the same distribution: never a second one
    by_alias = zone(hostname='a3.example.com', cache_ttl=3600)
    assert by_alias['changed'] is False
    assert by_alias['zone']['id'] == dist_id


def test_lookup_by_zone_id_and_rename(sim, zone):
    dist_id = seed_one(sim, domains=('old.example.com', 'a.example.com'))
    sim.clear_log()
    result = zone(zone_id=dist_id, hostname='new.example.com')
    assert result['changed'] is True, result
    assert writes(sim) == [
        ('DELETE', 'distributions/%s/domains/old.example.com' % dist_id, None),
        ('POST', 'distributions/%s/domains' % dist_id, {'domain': 'new.example.com'}),
    ]
    assert result['zone']['hostname'] == 'new.example.com' and result['zone']['aliases'] == ['a.example.com']


def test_delete_then_absent_is_unchanged(sim, zone):
    sim.speed(100)
    dist_id = seed_one(sim)
    sim.clear_log()
    result = zone(hostname='cdn.example.com', state='absent')
    assert result['changed'] is True, result
    assert writes(sim) == [('DELETE', 'distributions/%s' % dist_id, None)]
    state = sim.state(P)
    assert state['distributions'] == [] and state['domains'] == [] and state['policies'] == []
    assert [(a['type'], a['status']) for a in state['actions']] == [('DELETE_DIST', 'FINISHED')]
    sim.clear_log()
    again = zone(hostname='cdn.example.com', state='absent')
    assert again['changed'] is False
    assert sim.mutations(P) == []


def test_wrong_token_shows_provider_message(sim, module):
    params = sim.creds(P)
    params.update(api_token='wrong', hostname='cdn.example.com')
    result = module('cdn_zone_info', params)
    assert result['_rc'] == 1
    assert 'You are not authorized to view this resource.' in result['msg'] and 'HTTP 401' in result['msg']
    assert 'request id' in result['msg']
    assert 'wrong' not in result['_raw'].replace('"wrong"', '')


def test_provider_validation_error_is_shown(sim, zone):
    seed_one(sim, domains=('taken.example.com',))
    seed_one(sim, domains=('cdn.example.com',))
    result = zone(hostname='cdn.example.com', aliases=['taken.example.com'])
    assert result['_rc'] == 1
    assert 'HTTP 400' in result['msg'] and 'already used by distribution' in result['msg']


def test_create_refuses_domains_of_another_distribution(sim, zone):
    seed_one(sim, domains=('taken.example.com',))
    sim.clear_log()
    result = zone(hostname='cdn.example.com', aliases=['taken.example.com'], origin='http://o.example.com')
    assert result['_rc'] == 1
    assert 'taken.example.com' in result['msg'] and 'another distribution' in result['msg']
    assert sim.mutations(P) == []


@pytest.mark.parametrize('args, text', [
    (dict(hostname='cdn.example.com', origin='not a url'), 'option origin'),
    (dict(hostname='cdn.example.com', origin='storage:bucket'), 'storage origin'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'deliveryTtlOverride': -5}),
     'settings.deliveryTtlOverride'),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'colour': 'red'}), "key 'colour'"),
    (dict(hostname='cdn.example.com', origin='http://o.example.com', settings={'cacheStale': 'maybe'}),
     'settings.cacheStale'),
    (dict(hostname='bad_host!', origin='http://o.example.com'), 'option hostname'),
    (dict(hostname='cdn.example.com', cache_ttl=-1), 'option cache_ttl'),
])
def test_bad_input_fails_before_any_request(sim, zone, args, text):
    result = zone(**args)
    assert result['_rc'] == 1
    assert text in result['msg']
    assert sim.log(P) == []


def test_create_without_origin_fails_before_writing(sim, zone):
    result = zone(hostname='cdn.example.com')
    assert result['_rc'] == 1
    assert 'option origin: is required' in result['msg']
    assert sim.mutations(P) == []


def test_two_503s_then_success(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path='^distributions$', status=503, count=2, retry_after=0)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    assert len(sim.state(P)['distributions']) == 1
    posts = [e for e in sim.log(P) if e['method'] == 'POST' and e['path'] == 'distributions']
    assert [p['status'] for p in posts] == [503, 503, 201]


def test_lost_create_response_is_not_resent(sim, zone):
    sim.speed(100)
    sim.fault(provider=P, method='POST', path='^distributions$', apply_then_drop=True)
    result = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert result['changed'] is True, result
    assert len(sim.state(P)['distributions']) == 1
    assert len([e for e in sim.log(P) if e['method'] == 'POST' and e['path'] == 'distributions']) == 1
    again = zone(hostname='cdn.example.com', origin='http://o.example.com')
    assert again['changed'] is False, again


def test_info_round_trip_changes_nothing(sim, module, zone):
    sim.speed(100)
    zone(hostname='cdn.example.com', aliases=['b.example.com', 'a.example.com'], origin='http://o.example.com',
         compress=True, settings={'cacheQueryString': True})
    info = module('cdn_zone_info', sim.creds(P))
    assert info['changed'] is False
    assert len(info['zones']) == 1
    found = dict(info['zones'][0])
    assert found['aliases'] == ['a.example.com', 'b.example.com']
    # origin_id is the same origin as origin, by id (the module takes one of them)
    for key in ('id', 'cdn_domain', 'status', 'raw', 'origin_id'):
        found.pop(key)
    sim.clear_log()
    again = zone(**found)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_pagination_reaches_the_second_page(sim, module, zone):
    specs = [dict(domains=['site%02d.example.com' % i], origin='http://o.example.com') for i in range(30)]
    sim.seed(P, {'distributions': specs})
    sim.clear_log()
    result = zone(hostname='site29.example.com', origin='http://o.example.com')
    assert result['changed'] is False, result
    pages = [e['query'] for e in sim.log(P) if e['path'] == 'distributions']
    assert pages == [{'limit': '25', 'offset': '0'}, {'limit': '25', 'offset': '25'}]
    assert sim.mutations(P) == []

    info = module('cdn_zone_info', sim.creds(P))
    assert len(info['zones']) == 30
    assert sorted(z['hostname'] for z in info['zones'])[-1] == 'site29.example.com'


def test_wait_follows_the_action_on_the_sim_clock(sim, zone):
    result = zone(hostname='slow.example.com', origin='http://o.example.com', wait_timeout=1)
    assert result['_rc'] == 1
    assert 'timed out after 1s' in result['msg'] and 'to be deployed' in result['msg']
    assert len(sim.state(P)['distributions']) == 1
    sim.advance(21)
    sim.clear_log()
    result = zone(hostname='slow.example.com', origin='http://o.example.com')
    assert result['changed'] is False, result
    assert result['zone']['status'] == 'FINISHED'
    assert sim.mutations(P) == []


def test_unchanged_zone_waits_for_a_pending_action(sim, zone):
    seed_one(sim, pending=True)
    sim.speed(100)
    result = zone(hostname='cdn.example.com', cache_ttl=3600)
    assert result['changed'] is False, result
    assert result['zone']['status'] == 'FINISHED'


# --- Leaseweb's origin check ("Validate If Origin Can Be Resolved", GET origins/{origin_id}/resolve) ---

def resolves(sim):
    return [e['path'] for e in sim.log(P) if e['method'] == 'GET' and e['path'].endswith('/resolve')]


@pytest.mark.parametrize('check', [False, True])
def test_an_unresolvable_origin_id_fails_while_planning(sim, zone, check):
    dist_id = seed_one(sim)
    sim.seed(P, {'origins': [{'host': 'gone.invalid', 'description': 'gone'}]})
    gone = [o['id'] for o in sim.state(P)['origins'] if o['host'] == 'gone.invalid'][0]
    sim.clear_log()
    result = zone(check=check, hostname='cdn.example.com', origin_id='gone')
    assert result['_rc'] == 1, result
    assert result['msg'].startswith('option origin_id: origin %s cannot be resolved by Leaseweb: The origin host '
                                    'gone.invalid cannot be resolved.' % gone), result
    assert resolves(sim) == ['origins/%s/resolve' % gone]
    assert sim.mutations(P) == []
    assert sim.state(P)['policies'][0]['originPullId'] != gone and sim.state(P)['distributions'][0]['id'] == dist_id


def test_a_resolvable_origin_id_is_checked_then_used(sim, zone):
    dist_id = seed_one(sim)
    sim.seed(P, {'origins': [{'host': 'b.example.com', 'description': 'backend-b'}]})
    backend_b = [o['id'] for o in sim.state(P)['origins'] if o['host'] == 'b.example.com'][0]
    sim.clear_log()
    check = zone(check=True, hostname='cdn.example.com', origin_id='backend-b')
    assert check['changed'] is True and resolves(sim) == ['origins/%s/resolve' % backend_b], check
    assert sim.mutations(P) == []
    result = zone(hostname='cdn.example.com', origin_id='backend-b')
    assert result['changed'] is True, result
    assert sim.state(P)['policies'][0]['originPullId'] == backend_b
    # unchanged: nothing to point elsewhere, nothing to check
    sim.clear_log()
    assert zone(hostname='cdn.example.com', origin_id='backend-b')['changed'] is False
    assert resolves(sim) == [] and sim.mutations(P) == []
    assert sim.state(P)['distributions'][0]['id'] == dist_id


@pytest.mark.parametrize('check', [False, True])
def test_create_on_an_existing_unresolvable_origin_fails_before_any_write(sim, zone, check):
    sim.seed(P, {'origins': [{'host': 'down.example.net'}], 'unresolvable': ['down.example.net']})
    origin_id = sim.state(P)['origins'][0]['id']
    sim.clear_log()
    result = zone(check=check, hostname='cdn.example.com', origin='https://down.example.net')
    assert result['_rc'] == 1, result
    assert result['msg'].startswith('option origin: origin %s (down.example.net) cannot be resolved by Leaseweb: '
                                    % origin_id), result
    assert resolves(sim) == ['origins/%s/resolve' % origin_id]
    assert sim.mutations(P) == [] and sim.state(P)['distributions'] == []


def test_a_new_unresolvable_origin_is_removed_before_anything_points_at_it(sim, zone):
    dist_id = seed_one(sim)
    before = sim.state(P)['policies'][0]
    sim.clear_log()
    result = zone(hostname='cdn.example.com', origin='https://new.invalid')
    assert result['_rc'] == 1, result
    state = sim.state(P)
    [created] = [e for e in sim.mutations(P) if e['method'] == 'POST']
    assert created['path'] == 'origins'
    new_id = [e['path'] for e in sim.log(P) if e['path'].endswith('/resolve')][0].split('/')[1]
    assert result['msg'].startswith('option origin: origin %s (new.invalid) cannot be resolved by Leaseweb: The '
                                    'origin host new.invalid cannot be resolved.' % new_id), result
    assert 'the new origin %s was removed again, nothing points at it' % new_id in result['msg']
    # the origin was created, checked, deleted; the distribution and its policy were never written
    assert [(e['method'], e['path']) for e in sim.mutations(P)] == [('POST', 'origins'), ('DELETE', 'origins/%s' % new_id)]
    assert 'new.invalid' not in [o['host'] for o in state['origins']]
    assert state['policies'][0] == before and state['distributions'][0]['id'] == dist_id
    # a create fails the same way, and leaves no distribution behind
    sim.clear_log()
    created = zone(hostname='other.example.com', origin='https://new.invalid')
    assert created['_rc'] == 1 and 'cannot be resolved by Leaseweb' in created['msg'], created
    assert [e['method'] for e in sim.mutations(P)] == ['POST', 'DELETE']
    assert [d['id'] for d in sim.state(P)['distributions']] == [dist_id]
