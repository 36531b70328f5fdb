"""What the modules return: short results by default (the provider's own representation, ``raw``, only
with return_raw on the state modules; always from the info modules), the same plan and plan_checksum
either way, and the request log (api_requests) only at -vvv."""

import json

import pytest

from tests.simulator.certgen import make_ca, make_cert

HOST = 'cdn.example.com'


def shown(result):
    """The result as ansible-playbook -v prints it (no diff, no invocation below -vvv)."""
    return dict((k, v) for k, v in result.items() if k not in ('diff', 'invocation', '_raw', '_rc'))


def run(module, sim, module_name, provider, check=False, verbosity=0, **args):
    return module(module_name, dict(sim.creds(provider), **args), check=check, diff=True, verbosity=verbosity)


def test_zone_without_raw_unless_asked_and_the_same_plan_either_way(sim, module):
    sim.speed(100)
    args = dict(hostname=HOST, origin='http://o.example.com', settings={'limit_rate_global': '20k'})
    planned = run(module, sim, 'cdn_zone', 'ucdn', check=True, **args)
    planned_raw = run(module, sim, 'cdn_zone', 'ucdn', check=True, return_raw=True, **args)
    assert sim.mutations('ucdn') == []
    assert 'raw' not in planned['zone'] and 'raw' in planned_raw['zone']
    assert planned['plan'] == planned_raw['plan']
    assert planned['plan_checksum'] == planned_raw['plan_checksum']

    created = run(module, sim, 'cdn_zone', 'ucdn', **args)
    assert created['_rc'] == 0 and created['changed'] is True, created
    assert created['plan_checksum'] == planned['plan_checksum']
    assert '"raw"' not in json.dumps(shown(created))

    again = run(module, sim, 'cdn_zone', 'ucdn', **args)
    again_raw = run(module, sim, 'cdn_zone', 'ucdn', return_raw=True, **args)
    assert again['changed'] is False and again_raw['changed'] is False
    [zone] = sim.state('ucdn')['zones']
    assert again_raw['zone']['raw']['cdn_domain'] == zone['cdn_domain'] == again['zone']['cdn_domain']
    assert again['plan_checksum'] == again_raw['plan_checksum']
    assert again['diff'] == again_raw['diff']
    assert dict(again_raw['zone'], raw=None) == dict(again['zone'], raw=None)
    # What -v prints is the option-shaped zone and the plan: well under half of it with the raw answer.
    assert len(json.dumps(shown(again))) * 2 < len(json.dumps(shown(again_raw)))


def test_info_modules_always_return_raw(sim, module):
    sim.seed('ucdn', {'zones': [{'custom_domains': [HOST]}]})
    info = run(module, sim, 'cdn_zone_info', 'ucdn', hostname=HOST)
    assert info['_rc'] == 0, info
    assert info['zones'][0]['raw']['custom_domains'] == [HOST]
    refused = run(module, sim, 'cdn_zone_info', 'ucdn', hostname=HOST, return_raw=False)
    assert refused['_rc'] == 1 and 'return_raw' in refused['msg']


def test_origin_storage_and_purge_job_without_raw_unless_asked(sim, module):
    sim.seed('cloakfusion', {'vhosts': [{'domain_name': HOST, 'origin_url': 'http://o.example.com', 'name': 'cdn'}]})
    args = dict(zone=HOST, endpoints=[{'host': 'o.example.com'}], protocol='http')
    origin = run(module, sim, 'cdn_origin', 'cloakfusion', **args)
    origin_raw = run(module, sim, 'cdn_origin', 'cloakfusion', return_raw=True, **args)
    assert origin['changed'] is False and 'raw' not in origin['origin']
    assert origin_raw['origin']['raw']['origin_url'] == 'http://o.example.com'

    sim.seed('ucdn', {'storages': [dict(name='assets', region='europe')], 'zones': [{'custom_domains': [HOST]}]})
    storage = run(module, sim, 'cdn_storage', 'ucdn', name='assets')
    storage_raw = run(module, sim, 'cdn_storage', 'ucdn', name='assets', return_raw=True)
    assert storage['changed'] is False and 'raw' not in storage['storage']
    assert storage_raw['storage']['raw']['container'] == 'assets'
    assert storage['plan_checksum'] == storage_raw['plan_checksum']

    # cdn_purge state=absent returns the jobs it deleted; a UCDN job can be deleted once it finished.
    sim.speed(100)
    purged = run(module, sim, 'cdn_purge', 'ucdn', zone=HOST, paths=['/a.png'])
    assert purged['_rc'] == 0 and 'raw' not in purged['jobs'][0], purged
    job_id = purged['jobs'][0]['id']
    deleted = run(module, sim, 'cdn_purge', 'ucdn', state='absent', job_ids=[job_id], return_raw=True)
    assert deleted['_rc'] == 0 and deleted['changed'] is True, deleted
    assert deleted['jobs'][0]['raw']['job_id'] == job_id
    purged = run(module, sim, 'cdn_purge', 'ucdn', zone=HOST, paths=['/b.png'])
    deleted = run(module, sim, 'cdn_purge', 'ucdn', state='absent', job_ids=[purged['jobs'][0]['id']])
    assert deleted['changed'] is True and 'raw' not in deleted['jobs'][0], deleted


def test_certificate_without_raw_unless_asked(sim, module):
    sim.seed('ucdn', {'zones': [{'custom_domains': [HOST]}]})
    leaf = make_cert(make_ca('Output CA'), HOST, sans=[HOST])
    args = dict(certificate=leaf.cert_pem, private_key=leaf.key_pem, zone=HOST)
    uploaded = run(module, sim, 'cdn_certificate', 'ucdn', **args)
    assert uploaded['_rc'] == 0 and uploaded['changed'] is True, uploaded
    assert 'raw' not in uploaded['certificate'] and uploaded['certificate']['id']
    again = run(module, sim, 'cdn_certificate', 'ucdn', return_raw=True, **args)
    assert again['changed'] is False
    assert str(again['certificate']['raw']['id']) == uploaded['certificate']['id']
    assert 'PRIVATE KEY' not in again['_raw']


@pytest.mark.parametrize('verbosity, logged', [(2, False), (3, True)])
def test_api_requests_only_at_vvv(sim, module, verbosity, logged):
    sim.speed(100)  # UCDN reconfigures for 20 simulated seconds after each change
    sim.seed('ucdn', {'zones': [{'custom_domains': [HOST]}]})
    state = run(module, sim, 'cdn_zone', 'ucdn', verbosity=verbosity, hostname=HOST, cache_ttl=600)
    info = run(module, sim, 'cdn_zone_info', 'ucdn', verbosity=verbosity, hostname=HOST)
    failed = run(module, sim, 'cdn_zone', 'ucdn', verbosity=verbosity, hostname=HOST, cache_ttl=-1)
    assert state['_rc'] == 0 and info['_rc'] == 0 and failed['_rc'] == 1
    for result in (state, info, failed):
        assert ('api_requests' in result) is logged
    if logged:
        [patch] = [e for e in state['api_requests'] if e['write']]
        assert (patch['method'], patch['status'], patch['attempt']) == ('PATCH', 200, 1)
        assert patch['body']['expiration'] == 600
        assert [e['method'] for e in info['api_requests']] and all(not e['write'] for e in info['api_requests'])
        assert failed['api_requests'] == []  # refused before any request
        assert 'sim-token' not in state['_raw'] + info['_raw']
