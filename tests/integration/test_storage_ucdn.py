"""cdn_storage against the simulated UCDN v3 API (UCDN API v3, https://api.ucdn.com/docs/:
"Create storage" .. "Remove storage", "Reconfigure storages")."""

import json

import pytest

P = 'ucdn'


def run(sim, module, check=False, diff=False, verbosity=0, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_storage', params, check=check, diff=diff, verbosity=verbosity)


def storages(sim):
    return sim.state(P)['storages']


def writes(sim):
    return [(e['method'], e['path']) for e in sim.mutations(P)]


def test_create_is_idempotent_and_check_mode_writes_nothing(sim, module):
    check = run(sim, module, check=True, diff=True, name='assets', region='europe')
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []
    assert check['plan'] == [{'action': 'create', 'resource': 'storage', 'id': None,
                              'changes': {'name': 'assets', 'region': 'europe'}}]
    assert check['diff']['before'] is None or check['diff']['before'] == {} or not any(check['diff']['before'].values())

    first = run(sim, module, diff=True, name='assets', region='europe')
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert writes(sim) == [('POST', 'storage')]
    storage = first['storage']
    assert storage['name'] == 'assets' and storage['region'] == 'europe' and storage['id'] == '1'
    assert storage['ftp_host'] == 'europe.upload.cdn13.com' and storage['ftp_user'] == '1000121.1000121'
    assert storage['bytes'] == 0 and storage['objects'] == 0
    assert 'ftp_password' not in storage
    assert 'ftppassword' not in first['_raw']

    sim.clear_log()
    again = run(sim, module, name='assets', region='europe')
    assert again['changed'] is False, again
    assert sim.mutations(P) == []
    # Without region: found by name, nothing to compare.
    assert run(sim, module, name='assets')['changed'] is False
    assert len(storages(sim)) == 1


def test_size_and_objects_are_reported(sim, module):
    sim.seed(P, {'storages': [dict(name='logs', region='north-america', bytes=2048, objects=3)]})
    result = run(sim, module, name='logs')
    assert result['_rc'] == 0, result
    assert result['changed'] is False
    assert result['storage']['bytes'] == 2048 and result['storage']['objects'] == 3
    assert result['storage']['region'] == 'north-america'


def test_region_cannot_change(sim, module):
    sim.seed(P, {'storages': [dict(name='logs', region='north-america')]})
    sim.clear_log()
    result = run(sim, module, name='logs', region='europe')
    assert result['_rc'] != 0
    assert 'region' in result['msg'] and 'north-america' in result['msg']
    assert sim.mutations(P) == []


def test_delete_refused_when_not_empty(sim, module):
    sim.seed(P, {'storages': [dict(name='full', region='europe', bytes=10, objects=1)]})
    sim.clear_log()
    for check in (True, False):
        result = run(sim, module, check=check, name='full', state='absent')
        assert result['_rc'] != 0, result
        assert 'not empty' in result['msg'] and 'nothing was deleted' in result['msg']
    assert sim.mutations(P) == []
    assert [s['container'] for s in storages(sim)] == ['full']


def test_delete_refused_when_a_zone_uses_it_naming_the_zone(sim, module):
    ids = sim.seed(P, {'storages': [dict(name='origin-files', region='europe')]})['result']
    sim.seed(P, {'zones': [dict(custom_domains=['static.example.com'], storage_id=ids[0])]})
    sim.clear_log()
    result = run(sim, module, name='origin-files', state='absent')
    assert result['_rc'] != 0, result
    assert 'static.example.com' in result['msg'] and 'origin' in result['msg']
    assert sim.mutations(P) == []
    assert len(storages(sim)) == 1 and sim.state(P)['zones'][0]['storage_id'] == ids[0]


def test_delete_when_empty(sim, module):
    sim.seed(P, {'storages': [dict(name='empty', region='europe')]})
    sim.clear_log()
    check = run(sim, module, check=True, name='empty', state='absent')
    assert check['changed'] is True and sim.mutations(P) == []
    result = run(sim, module, diff=True, name='empty', state='absent')
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['storage'] is None
    assert writes(sim) == [('DELETE', 'storage/1')]
    assert storages(sim) == []
    assert run(sim, module, name='empty', state='absent')['changed'] is False


def test_ftp_password_only_when_asked_and_never_in_diffs(sim, module):
    sim.seed(P, {'storages': [dict(name='assets', region='europe')]})
    hidden = run(sim, module, diff=True, verbosity=4, name='assets')
    assert hidden['_rc'] == 0, hidden
    assert 'ftppassword' not in hidden['_raw']
    assert 'api_requests' in hidden
    shown = run(sim, module, diff=True, verbosity=4, name='assets', return_credentials=True, return_raw=True)
    assert shown['storage']['ftp_password'] == 'ftppassword'
    assert 'ftppassword' not in str(shown['diff']) and 'ftppassword' not in str(shown['api_requests'])
    assert 'ftppassword' not in str(shown['storage']['raw'])


def test_rotate_warns_and_rotates_the_region(sim, module):
    sim.seed(P, {'storages': [dict(name='one', region='europe'), dict(name='two', region='europe'),
                              dict(name='far', region='north-america')]})
    sim.clear_log()
    check = run(sim, module, check=True, name='one', rotate_ftp_password=True)
    assert check['changed'] is True and sim.mutations(P) == []
    warned = json.dumps(check.get('warnings'))
    assert 'every UCDN storage in region europe' in warned and 'one, two' in warned, warned

    result = run(sim, module, diff=True, verbosity=4, name='one', rotate_ftp_password=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert 'every UCDN storage in region europe' in json.dumps(result.get('warnings'))
    assert [e['body'] for e in sim.mutations(P)] == [{'action': 'change_ftp_password', 'region': 'europe'}]
    state = dict((s['container'], s['ftp_password']) for s in storages(sim))
    assert state['one'] == state['two'] != 'ftppassword' and state['far'] == 'ftppassword'
    assert state['one'] not in result['_raw']

    shown = run(sim, module, name='two', rotate_ftp_password=True, return_credentials=True)
    new = dict((s['container'], s['ftp_password']) for s in storages(sim))['two']
    assert shown['storage']['ftp_password'] == new != state['two']


def test_lost_create_answer_does_not_create_a_second_storage(sim, module):
    sim.fault(provider=P, method='POST', path='^storage', apply_then_drop=True)
    result = run(sim, module, name='assets', region='europe', retries=0, verbosity=3)
    assert result['_rc'] == 0, result
    assert any(e.get('error') for e in result['api_requests'] if e['method'] == 'POST'), result['api_requests']
    assert result['changed'] is True and result['storage']['name'] == 'assets'
    assert len(storages(sim)) == 1
    assert writes(sim) == [('POST', 'storage')]


@pytest.mark.parametrize('args, option', [
    (dict(name='ab', region='europe'), 'name'),
    (dict(name='assets', region='asia'), 'region'),
    (dict(name='assets', state='absent', rotate_ftp_password=True), 'rotate_ftp_password'),
])
def test_bad_input_fails_before_any_request(sim, module, args, option):
    sim.clear_log()
    result = run(sim, module, **args)
    assert result['_rc'] != 0
    assert option in result['msg']
    assert sim.log(P) == []


def test_create_needs_a_region(sim, module):
    result = run(sim, module, name='assets')
    assert result['_rc'] != 0 and 'region' in result['msg']
    assert sim.mutations(P) == []


@pytest.mark.parametrize('provider', ['cloudflare', 'leaseweb', 'cloakfusion'])
def test_other_providers_do_not_offer_storage(sim, module, provider):
    params = sim.creds(provider)
    params.update(name='assets', region='europe')
    result = module('cdn_storage', params)
    assert result['_rc'] != 0
    assert 'does not offer the resource \'storage\'' in result['msg']
    assert sim.log(provider) == []


def zone_run(sim, module, check=False, **args):
    params = sim.creds(P)
    params.update(args)
    params.setdefault('wait', False)
    return module('cdn_zone', params, check=check)


def test_zone_pulls_from_a_storage_which_then_cannot_be_deleted(sim, module):
    sim.seed(P, {'storages': [dict(name='site-files', region='europe')]})
    sim.clear_log()
    args = dict(hostname='static.example.com', origin='storage:site-files')
    check = zone_run(sim, module, check=True, **args)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []

    created = zone_run(sim, module, **args)
    assert created['_rc'] == 0, created
    assert created['changed'] is True and created['zone']['origin'] == 'storage:1'
    posts = [e['body'] for e in sim.mutations(P) if e['method'] == 'POST']
    assert posts == [{'storage_id': 1, 'custom_domains': ['static.example.com'], 'object_size': 'small'}]
    zone = sim.state(P)['zones'][0]
    assert zone['storage_id'] == 1 and zone['upstream'] is None

    sim.clear_log()
    assert zone_run(sim, module, **args)['changed'] is False
    assert zone_run(sim, module, hostname='static.example.com', origin='storage:1')['changed'] is False
    assert sim.mutations(P) == []

    refused = run(sim, module, name='site-files', state='absent')
    assert refused['_rc'] != 0 and 'static.example.com' in refused['msg']
    assert sim.mutations(P) == [] and len(storages(sim)) == 1

    moved = zone_run(sim, module, hostname='static.example.com', origin='https://origin.example.com')
    assert moved['_rc'] == 0, moved
    assert moved['zone']['origin'] == 'https://origin.example.com'
    zone = sim.state(P)['zones'][0]
    assert zone['storage_id'] is None and zone['upstream']['endpoints'] == [{'host': 'origin.example.com', 'port': 443}]
    deleted = run(sim, module, name='site-files', state='absent')
    assert deleted['_rc'] == 0 and deleted['changed'] is True, deleted
    assert storages(sim) == []


def test_zone_with_an_unknown_storage_fails_before_any_write(sim, module):
    result = zone_run(sim, module, hostname='static.example.com', origin='storage:nowhere')
    assert result['_rc'] != 0
    assert 'origin' in result['msg'] and 'storage' in result['msg']
    assert sim.mutations(P) == []


def test_cdn_origin_refuses_a_zone_pulling_from_storage(sim, module):
    ids = sim.seed(P, {'storages': [dict(name='site-files', region='europe')]})['result']
    sim.seed(P, {'zones': [dict(custom_domains=['static.example.com'], storage_id=ids[0])]})
    sim.clear_log()
    params = sim.creds(P)
    params.update(zone='static.example.com', protocol='https')
    result = module('cdn_origin', params)
    assert result['_rc'] != 0
    assert 'pulls from UCDN storage' in result['msg'] and 'cdn_zone' in result['msg']
    assert sim.mutations(P) == []
