"""cdn_storage against the simulated CloudFlow (OnApp CDN) API: HTTP_PUSH CDN resources as
storage (OnApp CDN API documentation, https://docs.onapp.com, "Add HTTP CDN Resource" and
"Add/Edit HTTP Pull/Push CDN Resource with Advanced Settings": ftp_password and
storage_server_location)."""

import json

import pytest

P = 'cloudflow'
SECRET = 'Ftp-Secret-4711'
NEW_SECRET = 'Ftp-Rotated-0815'


def run(sim, module, check=False, diff=False, verbosity=0, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_storage', params, check=check, diff=diff, verbosity=verbosity)


def resources(sim):
    return sim.state(P)['cdn_resources']


def writes(sim):
    return [(e['method'], e['path']) for e in sim.mutations(P)]


def test_create_check_mode_idempotence_and_no_password_anywhere(sim, module):
    args = dict(name='files.example.com', region='europe', ftp_password=SECRET)
    check = run(sim, module, check=True, diff=True, **args)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []
    assert check['plan'] == [{'action': 'create', 'resource': 'storage', 'id': None,
                              'changes': {'name': 'files.example.com', 'region': 'europe'}}]
    assert SECRET not in check['_raw']

    first = run(sim, module, diff=True, verbosity=4, **args)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert writes(sim) == [('POST', 'cdn_resources.json')]
    post = sim.mutations(P)[0]['body']['cdn_resource']
    assert post['resource_type'] == 'HTTP_PUSH' and post['storage_server_location'] == 'europe'
    assert post['cdn_hostname'] == 'files.example.com' and 'origin' not in post
    assert post['ftp_password'] == SECRET  # what the simulator received
    assert SECRET not in json.dumps(first['api_requests'])  # what the module logs: redacted
    storage = first['storage']
    assert storage['name'] == 'files.example.com' and storage['region'] == 'europe' and storage['id'] == '1'
    assert storage['ftp_host'] == 'push-europe.r.worldcdn.net' and storage['ftp_user'] == 'cdn990113321'
    assert storage['bytes'] is None and storage['objects'] is None
    assert 'ftp_password' not in storage
    assert SECRET not in first['_raw']
    state = resources(sim)
    assert len(state) == 1 and state[0]['ftp_password'] == SECRET and state[0]['resource_type'] == 'HTTP_PUSH'

    sim.clear_log()
    again = run(sim, module, **args)
    assert again['_rc'] == 0 and again['changed'] is False, again
    assert sim.mutations(P) == []
    # Found by name alone; the password of an existing storage is left as it is.
    assert run(sim, module, name='files.example.com')['changed'] is False
    assert run(sim, module, name='files.example.com', ftp_password='other-one')['changed'] is False
    assert sim.mutations(P) == [] and resources(sim)[0]['ftp_password'] == SECRET


def test_storages_are_not_zones_and_zones_are_not_storages(sim, module):
    sim.seed(P, {'cdn_resources': [
        dict(cdn_hostname='files.example.com', resource_type='HTTP_PUSH', ftp_password=SECRET,
             storage_server_location='asia'),
        dict(cdn_hostname='www.example.com', origin='origin.example.com'),
    ]})
    found = run(sim, module, name='files.example.com')
    assert found['_rc'] == 0 and found['changed'] is False, found
    assert found['storage']['region'] == 'asia' and found['storage']['ftp_host'] == 'push-asia.r.worldcdn.net'
    assert SECRET not in found['_raw']

    # A pull resource of that name is not a storage: creating needs the password and makes a push resource.
    params = sim.creds(P)
    params.update(hostname='files.example.com')
    info = module('cdn_zone_info', params)
    assert info['_rc'] == 0 and info['zones'] == [], info
    listed = module('cdn_zone_info', sim.creds(P))
    assert [z['hostname'] for z in listed['zones']] == ['www.example.com']
    sim.clear_log()
    missing = run(sim, module, name='www.example.com', region='europe')
    assert missing['_rc'] != 0 and 'ftp_password' in missing['msg'], missing
    assert sim.mutations(P) == []


def test_region_cannot_change(sim, module):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='files.example.com', resource_type='HTTP_PUSH',
                                        ftp_password=SECRET, storage_server_location='north-america')]})
    sim.clear_log()
    result = run(sim, module, name='files.example.com', region='europe')
    assert result['_rc'] != 0
    assert 'region' in result['msg'] and 'north-america' in result['msg']
    assert sim.mutations(P) == []


def test_delete_check_mode_then_delete_then_idempotent(sim, module):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='files.example.com', resource_type='HTTP_PUSH',
                                        ftp_password=SECRET),
                                   dict(cdn_hostname='www.example.com', origin='origin.example.com')]})
    sim.clear_log()
    check = run(sim, module, check=True, name='files.example.com', state='absent')
    assert check['changed'] is True and sim.mutations(P) == []
    result = run(sim, module, diff=True, name='files.example.com', state='absent')
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['storage'] is None
    assert writes(sim) == [('DELETE', 'cdn_resources/1.json')]
    assert [r['cdn_hostname'] for r in resources(sim)] == ['www.example.com']
    assert run(sim, module, name='files.example.com', state='absent')['changed'] is False
    # A zone of the name is never deleted as a storage.
    assert run(sim, module, name='www.example.com', state='absent')['changed'] is False
    assert len(resources(sim)) == 1


def test_rotate_sets_the_chosen_password_on_this_storage_only(sim, module):
    sim.seed(P, {'cdn_resources': [
        dict(cdn_hostname='one.example.com', resource_type='HTTP_PUSH', ftp_password=SECRET),
        dict(cdn_hostname='two.example.com', resource_type='HTTP_PUSH', ftp_password=SECRET),
    ]})
    sim.clear_log()
    args = dict(name='one.example.com', rotate_ftp_password=True, ftp_password=NEW_SECRET)
    check = run(sim, module, check=True, **args)
    assert check['_rc'] == 0 and check['changed'] is True, check
    assert sim.mutations(P) == []
    assert not check.get('warnings'), check.get('warnings')

    result = run(sim, module, diff=True, verbosity=4, return_credentials=True, **args)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert writes(sim) == [('PUT', 'cdn_resources/1.json')]
    assert list(sim.mutations(P)[0]['body']['cdn_resource']) == ['ftp_password']
    state = dict((r['cdn_hostname'], r['ftp_password']) for r in resources(sim))
    assert state == {'one.example.com': NEW_SECRET, 'two.example.com': SECRET}
    assert NEW_SECRET not in result['_raw'] and SECRET not in result['_raw']
    # The API never shows the password: null even when asked.
    assert result['storage']['ftp_password'] is None
    assert result['plan'] == [{'action': 'rotate_ftp_password', 'resource': 'storage', 'id': '1',
                               'changes': {'name': 'one.example.com'}}]


def test_create_with_rotate_sends_the_password_once(sim, module):
    result = run(sim, module, name='files.example.com', region='asia', ftp_password=SECRET, rotate_ftp_password=True)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert writes(sim) == [('POST', 'cdn_resources.json')]


def test_lost_create_answer_does_not_create_a_second_storage(sim, module):
    sim.fault(provider=P, method='POST', path=r'^cdn_resources\.json', apply_then_drop=True)
    result = run(sim, module, name='files.example.com', region='europe', ftp_password=SECRET, retries=0)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['storage']['name'] == 'files.example.com'
    assert len(resources(sim)) == 1
    assert writes(sim) == [('POST', 'cdn_resources.json')]
    assert SECRET not in result['_raw']


@pytest.mark.parametrize('args, option', [
    (dict(name='files.example.com', region='antarctica', ftp_password=SECRET), 'region'),
    (dict(name='not a host', region='europe', ftp_password=SECRET), 'name'),
    (dict(name='ab', region='europe', ftp_password=SECRET), 'name'),
    (dict(name='files.example.com', region='europe', ftp_password='   '), 'ftp_password'),
    (dict(name='files.example.com', rotate_ftp_password=True), 'ftp_password'),
    (dict(name='files.example.com', state='absent', rotate_ftp_password=True, ftp_password=SECRET),
     'rotate_ftp_password'),
])
def test_bad_input_fails_before_any_request(sim, module, args, option):
    sim.clear_log()
    result = run(sim, module, **args)
    assert result['_rc'] != 0, result
    assert 'option %s' % option in result['msg'], result['msg']
    assert sim.log(P) == []
    assert SECRET not in result['_raw']


def test_create_needs_region_and_password_and_writes_nothing(sim, module):
    no_region = run(sim, module, name='files.example.com', ftp_password=SECRET)
    assert no_region['_rc'] != 0 and 'option region' in no_region['msg']
    assert 'europe' in no_region['msg']
    no_password = run(sim, module, name='files.example.com', region='europe')
    assert no_password['_rc'] != 0 and 'option ftp_password' in no_password['msg']
    assert sim.mutations(P) == []


def test_ucdn_refuses_a_chosen_password_before_any_request(sim, module):
    params = sim.creds('ucdn')
    params.update(name='assets', region='europe', ftp_password=SECRET)
    result = module('cdn_storage', params)
    assert result['_rc'] != 0
    assert 'option ftp_password' in result['msg'] and 'generates' in result['msg']
    assert sim.log('ucdn') == []
    assert SECRET not in result['_raw']


def test_leaseweb_does_not_offer_storage(sim, module):
    params = sim.creds('leaseweb')
    params.update(name='assets', region='europe')
    result = module('cdn_storage', params)
    assert result['_rc'] != 0
    assert 'Leaseweb does not offer the resource \'storage\'' in result['msg'], result['msg']
    assert sim.log('leaseweb') == []


def test_zone_info_shows_instructions_edge_ips_and_no_secret(sim, module):
    sim.seed(P, {'cdn_resources': [dict(cdn_hostname='www.example.com', origin='origin.example.com')]})
    params = sim.creds(P)
    params.update(hostname='www.example.com', extras=['instructions', 'edge_ips'])
    info = module('cdn_zone_info', params, check=True)
    assert info['_rc'] == 0, info
    raw = info['zones'][0]['raw']
    assert raw['instructions']['cname'] == info['zones'][0]['cdn_domain']
    assert raw['edge_ips'] == ['192.0.2.10', '192.0.2.11', '198.51.100.20']
    assert sim.mutations(P) == []
    assert json.dumps(info).count('ftp_password') == 0


def test_a_control_panel_without_instructions_warns_that_ftp_host_and_user_are_unknown(sim, module):
    # With the endpoint there is nothing to warn about.
    created = run(sim, module, name='files.example.com', region='europe', ftp_password=SECRET)
    assert created['_rc'] == 0 and not created.get('warnings'), created
    # OnApp versions before 6.0 answer 404 on instructions.json (simulator seed "removed_endpoints").
    sim.seed(P, {'removed_endpoints': ['instructions']})
    found = run(sim, module, name='files.example.com')
    assert found['_rc'] == 0 and found['changed'] is False, found
    assert found['storage']['ftp_host'] is None and found['storage']['ftp_user'] is None
    warned = json.dumps(found.get('warnings'))
    assert 'no instructions endpoint (HTTP 404 on GET cdn_resources/1/instructions.json)' in warned, warned
    assert 'storage files.example.com are not known (ftp_host and ftp_user are null)' in warned, warned
