"""cdn_certificate against the simulated Leaseweb CDN v2 API (PEMs hidden by the API)."""

import pytest

from tests.simulator.certgen import make_ca, make_cert

P = 'leaseweb'


@pytest.fixture(scope='module')
def pki():
    root = make_ca('Test Root')
    inter = make_ca('Test Intermediate', issuer=root)
    return dict(
        root=root,
        inter=inter,
        old=make_cert(inter, 'www.example.com', sans=['www.example.com', 'cdn.example.com']),
        new=make_cert(inter, 'www.example.com', sans=['www.example.com', 'cdn.example.com'], days=120),
    )


@pytest.fixture
def cert(sim, module):
    def run(check=False, diff=False, verbosity=0, **args):
        params = sim.creds(P)
        params.update(args)
        return module('cdn_certificate', params, check=check, diff=diff, verbosity=verbosity)
    return run


def seed_dists(sim, *domains, **data):
    specs = [dict(domains=[d], origin='https://o.example.com', data=dict(data)) for d in domains]
    return sim.seed(P, {'distributions': specs})['result']


def writes(sim):
    return [(w['method'], w['path'], w['body']) for w in sim.mutations(P)]


def upload_args(issued, inter, **extra):
    args = dict(certificate=issued.cert_pem, private_key=issued.key_pem, chain=inter.cert_pem, name='www')
    args.update(extra)
    return args


def test_upload_bind_rerun_check_and_secrets(sim, cert, pki):
    dist_id = seed_dists(sim, 'cdn.example.com')[0]
    old = pki['old']
    args = upload_args(old, pki['inter'], zone='cdn.example.com')

    check = cert(check=True, diff=True, **args)
    assert check['_rc'] == 0, check
    assert check['changed'] is True
    assert [a['action'] for a in check['plan']] == ['create', 'bind']
    assert check['diff']['after']['fingerprint'] == old.sha1
    assert sim.mutations(P) == []

    first = cert(diff=True, verbosity=4, **args)
    assert first['changed'] is True, first
    c = first['certificate']
    assert c['id'].startswith('ce-')
    assert c['fingerprint'] == old.sha1 and c['common_name'] == 'www.example.com'
    assert c['issuer'] == 'Test Intermediate'
    assert c['not_after'] == old.cert.not_valid_after_utc.strftime('%Y-%m-%dT%H:%M:%SZ')
    assert c['zones'] == [dist_id]
    assert first['diff']['after']['fingerprint'] == old.sha1
    # never the key, at any verbosity
    body = old.key_pem.strip().splitlines()[1]
    assert 'PRIVATE KEY' not in first['_raw'] and body not in first['_raw']

    posted = writes(sim)
    assert [(m, p) for m, p, _b in posted] == [('POST', 'certificates'), ('PUT', 'distributions/%s' % dist_id)]
    upload = posted[0][2]
    assert upload['description'] == 'www' and upload['validation'] is True
    assert upload['caBundle'].strip() == pki['inter'].cert_pem.strip()
    assert posted[1][2] == {'resourceType': 'DISTRIBUTION_VOLUME', 'data': [
        {'key': 'tls', 'value': True}, {'key': 'certificateId', 'value': c['id']}]}
    stored = sim.state(P)['certificates'][0]
    assert stored['certificate'] == 'Hidden for security reasons' and stored['trusted'] is False

    sim.clear_log()
    again = cert(diff=True, **args)
    assert again['changed'] is False, again
    assert again['certificate']['fingerprint'] == old.sha1
    assert sim.mutations(P) == []


def test_rotation_uploads_rebinds_every_zone_then_deletes(sim, cert, pki):
    first, second = seed_dists(sim, 'cdn.example.com', 'www.example.com')
    assert cert(zone='cdn.example.com', **upload_args(pki['old'], pki['inter']))['changed'] is True
    old_id = sim.state(P)['certificates'][0]['id']
    # the second distribution serves the old certificate too
    assert cert(zone='www.example.com', **upload_args(pki['old'], pki['inter']))['changed'] is True

    sim.clear_log()
    result = cert(diff=True, zone='cdn.example.com', **upload_args(pki['new'], pki['inter']))
    assert result['changed'] is True, result
    new_id = result['certificate']['id']
    assert new_id != old_id
    steps = [(m, p) for m, p, _b in writes(sim)]
    assert steps[0] == ('POST', 'certificates')
    assert sorted(steps[1:3]) == sorted([('PUT', 'distributions/%s' % first), ('PUT', 'distributions/%s' % second)])
    assert steps[3:] == [('DELETE', 'certificates/%s' % old_id)]
    # every rebind switches tls and certificate in one write: no moment without a certificate
    for _m, _p, body in writes(sim)[1:3]:
        assert body['data'] == [{'key': 'tls', 'value': True}, {'key': 'certificateId', 'value': new_id}]
    assert result['replaced'][0]['id'] == old_id and result['replaced'][0]['deleted'] is True
    assert result['diff']['before'] == {}  # the new certificate did not exist before
    assert result['diff']['after']['fingerprint'] == pki['new'].sha1
    state = sim.state(P)
    assert [c['id'] for c in state['certificates']] == [new_id]
    assert set(d['certificateId'] for d in state['distributions']) == {new_id}
    assert sorted(result['certificate']['zones']) == sorted([first, second])


def test_without_chain_sends_an_empty_ca_bundle(sim, cert):
    leaf = make_cert(None, 'self.example.com')
    result = cert(certificate=leaf.cert_pem, private_key=leaf.key_pem)
    assert result['changed'] is True, result
    assert writes(sim)[0][2]['caBundle'] == ''
    assert result['certificate']['name'] == 'self.example.com'
    stored = sim.state(P)['certificates'][0]
    assert stored['trusted'] is True and stored['issuer'] == 'self.example.com'
    sim.clear_log()
    assert cert(certificate=leaf.cert_pem, private_key=leaf.key_pem)['changed'] is False
    assert sim.mutations(P) == []


def test_delete_refuses_a_served_certificate_unless_forced(sim, cert, pki):
    dist_id = seed_dists(sim, 'cdn.example.com')[0]
    cert(zone='cdn.example.com', **upload_args(pki['old'], pki['inter']))
    cert_id = sim.state(P)['certificates'][0]['id']
    sim.clear_log()
    refused = cert(name='www', state='absent')
    assert refused['_rc'] != 0 and dist_id in refused['msg']
    assert sim.mutations(P) == []

    check = cert(check=True, name='www', state='absent', force=True)
    assert check['changed'] is True and sim.mutations(P) == []

    forced = cert(name='www', state='absent', force=True)
    assert forced['changed'] is True, forced
    expected = [('PUT', 'distributions/%s' % dist_id), ('DELETE', 'certificates/%s' % cert_id)]
    assert [(m, p) for m, p, _b in writes(sim)] == expected
    dist = sim.state(P)['distributions'][0]
    assert dist['tls'] is False and dist['certificateId'] is None
    sim.clear_log()
    assert cert(name='www', state='absent')['changed'] is False
    assert sim.mutations(P) == []


def test_delete_by_id_of_an_unbound_certificate(sim, cert, pki):
    cert(**upload_args(pki['old'], pki['inter']))
    cert_id = sim.state(P)['certificates'][0]['id']
    sim.clear_log()
    result = cert(certificate_id=cert_id, state='absent')
    assert result['changed'] is True, result
    assert writes(sim) == [('DELETE', 'certificates/%s' % cert_id, None)]
    assert sim.state(P)['certificates'] == []


def test_simulator_checks_the_key_with_validation(sim, pki):
    import json
    import urllib.request
    other = make_cert(pki['inter'], 'www.example.com')
    body = json.dumps({'description': 'x', 'certificate': pki['old'].cert_pem, 'privateKey': other.key_pem,
                       'caBundle': '', 'validation': True}).encode()
    req = urllib.request.Request(sim.api_url(P) + 'certificates', data=body, method='POST',
                                 headers={'X-LSW-Auth': 'sim-token', 'Content-Type': 'application/json'})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(req, timeout=10)
    answer = json.loads(info.value.read().decode())
    assert info.value.code == 400 and answer['errorCode'] == '400'
    assert 'privateKey' in answer['errorDetails'] and answer['correlationId']
