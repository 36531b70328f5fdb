"""cdn_certificate against the simulated UCDN v3 API (UCDN API v3, https://api.ucdn.com/docs/:
"List all certificates" .. "Delete certificate", "Add Letsencrypt for zone"). Certificates are
generated here."""

import pytest

from tests.simulator.certgen import make_ca, make_cert

P = 'ucdn'
HOST = 'cdn.example.com'


@pytest.fixture(scope='module')
def pki():
    root = make_ca('Test Root')
    return root, make_ca('Test Intermediate', issuer=root)


def seed_zone(sim, domains=(HOST,), **extra):
    ids = sim.seed(P, {'zones': [dict(custom_domains=list(domains), **extra)]})['result']
    sim.clear_log()
    return ids[0]


def run(sim, module, leaf=None, inter=None, check=False, diff=False, verbosity=0, **args):
    params = sim.creds(P)
    if leaf is not None:
        params.update(certificate=leaf.cert_pem, private_key=leaf.key_pem)
    if inter is not None:
        params['chain'] = inter.cert_pem
    params.update(args)
    return module('cdn_certificate', params, check=check, diff=diff, verbosity=verbosity)


def writes(sim):
    return [(e['method'], e['path']) for e in sim.mutations(P)]


def assert_no_key(result, leaf):
    body = ''.join(line for line in leaf.key_pem.splitlines() if not line.startswith('-----'))
    assert body[:40] not in result['_raw']
    assert 'PRIVATE KEY' not in result['_raw']


def test_upload_check_mode_rerun_and_no_key_anywhere(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    leaf = make_cert(inter, HOST, sans=[HOST])

    check = run(sim, module, leaf, inter, zone=HOST, check=True, diff=True)
    assert check['_rc'] == 0, check
    assert check['changed'] is True
    assert [a['action'] for a in check['plan']] == ['create', 'bind']
    assert check['certificate']['fingerprint'] == leaf.sha1
    assert check['diff']['after']['fingerprint'] == leaf.sha1
    assert writes(sim) == []

    first = run(sim, module, leaf, inter, zone=HOST, diff=True, verbosity=4)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    cert = first['certificate']
    assert cert['fingerprint'] == leaf.sha1 and cert['hostname'] == HOST and cert['zones'] == ['1']
    # UCDN shows only the fingerprint; subject, SANs and validity come from the local PEM.
    assert cert['sans'] == [HOST] and cert['not_after'].endswith('Z') and 'Intermediate' in cert['issuer']
    assert first['diff']['before'] == {} and first['diff']['after']['fingerprint'] == leaf.sha1
    assert_no_key(first, leaf)
    assert 'api_requests' in first
    assert writes(sim) == [('POST', 'certificate/')]
    upload = sim.mutations(P)[0]['body']
    # Sent as the UCDN API v3 "Upload certificate" example shows it: PKCS#1 RSA key, the chain as ca_bundle.
    assert upload['key'].startswith('-----BEGIN RSA PRIVATE KEY-----')
    assert upload['ca_bundle'].strip() == inter.cert_pem.strip()
    [stored] = sim.state(P)['certificates']
    assert stored['fingerprint'] == leaf.sha1 and stored['hostname'] == HOST
    assert stored['used_in_zones'] == [{'zone_id': 1, 'domain': HOST, 'cdn_domain': 'a1-121.so.clients.cdn13.com'}]

    sim.clear_log()
    second = run(sim, module, leaf, inter, zone=HOST, diff=True)
    assert second['changed'] is False, second
    assert second['plan'] == [] and second['diff']['before'] == second['diff']['after']
    assert writes(sim) == []


def test_rotation_uploads_then_deletes_and_never_leaves_the_zone_bare(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    old = make_cert(inter, HOST)
    assert run(sim, module, old, inter, zone=HOST)['changed'] is True
    sim.clear_log()

    new = make_cert(inter, HOST, days=120)
    result = run(sim, module, new, inter, zone='1', diff=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    # upload, (implicit) rebind, then delete: the request log shows the order.
    assert writes(sim) == [('POST', 'certificate/'), ('DELETE', 'certificate/1')]
    assert [a['action'] for a in result['plan']] == ['create', 'bind', 'delete']
    assert result['replaced'][0]['fingerprint'] == old.sha1 and result['replaced'][0]['deleted'] is True
    assert result['diff']['before'] == {} and result['diff']['after']['fingerprint'] == new.sha1
    assert result['certificate']['zones'] == ['1'] and result['certificate']['id'] == '2'
    state = sim.state(P)
    assert [c['fingerprint'] for c in state['certificates']] == [new.sha1]
    # After every certificate write the zone's domain was served by a certificate.
    served = [h['1/' + HOST] for h in state['ssl_history']]
    assert served == [1, 2, 2]

    sim.clear_log()
    again = run(sim, module, new, inter, zone=HOST)
    assert again['changed'] is False and writes(sim) == []


def test_rotation_keep_old_then_delete_by_pem(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    old = make_cert(inter, HOST)
    new = make_cert(inter, HOST, days=120)
    run(sim, module, old, inter)
    kept = run(sim, module, new, inter, keep_old=True)
    assert kept['changed'] is True and kept['replaced'][0]['deleted'] is False
    assert len(sim.state(P)['certificates']) == 2
    sim.clear_log()
    assert run(sim, module, new, inter, keep_old=True)['changed'] is False
    assert writes(sim) == []

    # The old one no longer serves the zone (the newest upload does): deleting it needs no force.
    gone = run(sim, module, certificate=old.cert_pem, state='absent', diff=True)
    assert gone['changed'] is True and gone['diff']['before']['fingerprint'] == old.sha1
    assert writes(sim) == [('DELETE', 'certificate/1')]
    sim.clear_log()
    assert run(sim, module, certificate=old.cert_pem, state='absent')['changed'] is False
    assert writes(sim) == []


def test_delete_refuses_a_served_certificate_unless_forced(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    leaf = make_cert(inter, HOST)
    run(sim, module, leaf, inter)
    sim.clear_log()
    refused = run(sim, module, certificate_id='1', state='absent')
    assert refused['_rc'] != 0 and 'force' in refused['msg'] and 'zone(s) 1' in refused['msg']
    check = run(sim, module, certificate_id='1', state='absent', force=True, check=True)
    assert check['changed'] is True and writes(sim) == []
    forced = run(sim, module, certificate_id='1', state='absent', force=True)
    assert forced['changed'] is True and writes(sim) == [('DELETE', 'certificate/1')]
    assert sim.state(P)['certificates'] == []


def test_409_surfaces_the_provider_message(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    sim.fault(provider=P, method='POST', path='^certificate', status=409,
              body={'message': 'Certificate chain is not trusted'})
    result = run(sim, module, make_cert(inter, HOST), inter)
    assert result['_rc'] != 0
    assert 'Certificate chain is not trusted' in result['msg'] and '409' in result['msg']
    assert sim.state(P)['certificates'] == []


def test_lost_upload_answer_is_recovered_by_fingerprint(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    leaf = make_cert(inter, HOST)
    sim.fault(provider=P, method='POST', path='^certificate', apply_then_drop=True)
    result = run(sim, module, leaf, inter, retries=0)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['certificate']['fingerprint'] == leaf.sha1
    assert len(sim.state(P)['certificates']) == 1
    assert writes(sim) == [('POST', 'certificate/')]


def test_ucdn_specific_refusals_send_nothing(sim, module, pki):
    _root, inter = pki
    seed_zone(sim)
    ec_leaf = make_cert(inter, HOST, key_type='ec')
    result = run(sim, module, ec_leaf, inter)
    assert result['_rc'] != 0 and 'option private_key' in result['msg'] and 'RSA' in result['msg']
    named = run(sim, module, make_cert(inter, HOST), inter, name='www-2026')
    assert named['_rc'] != 0 and 'option name' in named['msg']
    # Covered by a SAN, but UCDN files it under its common name example.com.
    apex = make_cert(inter, 'example.com', sans=['example.com', HOST])
    wrong = run(sim, module, apex, inter, zone=HOST)
    assert wrong['_rc'] != 0 and 'option zone' in wrong['msg'] and 'example.com' in wrong['msg']
    other = run(sim, module, apex, inter, hostname=HOST)
    assert other['_rc'] != 0 and 'option hostname' in other['msg']
    assert sim.log(P) == []


def test_zone_that_cannot_serve_it_fails_before_the_upload(sim, module, pki):
    _root, inter = pki
    shared = seed_zone(sim, domains=('shared.example.com',), ssl_type='shared')
    leaf = make_cert(inter, 'shared.example.com')
    for check in (True, False):
        result = run(sim, module, leaf, inter, zone=shared, check=check)
        assert result['_rc'] != 0 and 'shared SSL' in result['msg']
    bare = sim.seed(P, {'zones': [dict(custom_domains=['other.example.com'])]})['result'][0]
    for check in (True, False):
        result = run(sim, module, leaf, inter, zone=bare, check_hostnames=False, check=check)
        assert result['_rc'] != 0 and 'option zone' in result['msg'] and 'other.example.com' in result['msg']
    assert writes(sim) == []
    assert [e['path'] for e in sim.log(P)][:2] == ['zone/1', 'zone/1']   # reads only


def test_acme_started_then_nothing_changed(sim, module):
    seed_zone(sim, domains=(HOST, 'img.example.com'))
    check = run(sim, module, zone=HOST, acme=True, check=True)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and writes(sim) == []

    first = run(sim, module, zone=HOST, acme=True)
    assert first['changed'] is True and first['zone'] == {'id': '1', 'hostname': HOST}
    assert first['certificate'] is None   # requested, not issued yet
    assert writes(sim) == [('POST', 'letsencrypt/1')]
    assert sim.mutations(P)[0]['body'] == {'zone_id': 1}
    sim.clear_log()
    second = run(sim, module, zone='1', acme=True)
    assert second['changed'] is False, second
    assert writes(sim) == [('POST', 'letsencrypt/1')]   # UCDN answered 200 "Nothing changed"

    # Once issued, the certificates serve the zone: check mode predicts no change.
    sim.advance(61)
    assert sorted(c['hostname'] for c in sim.state(P)['certificates']) == sorted([HOST, 'img.example.com'])
    sim.clear_log()
    issued = run(sim, module, zone=HOST, acme=True, check=True)
    assert issued['changed'] is False
    assert writes(sim) == []
    # The result shows the certificate that serves the zone's host name.
    served = [c for c in sim.state(P)['certificates'] if c['hostname'] == HOST][0]
    assert issued['certificate']['id'] == str(served['id']) and issued['certificate']['hostname'] == HOST
    assert issued['certificate']['fingerprint'] == served['fingerprint'] and issued['certificate']['zones'] == ['1']


def test_acme_needs_custom_domains(sim, module):
    zone_id = seed_zone(sim, domains=())
    result = run(sim, module, zone=zone_id, acme=True)
    assert result['_rc'] != 0 and 'option zone' in result['msg'] and 'custom domains' in result['msg']
    assert writes(sim) == []


def test_simulator_speaks_the_documented_certificate_shapes(sim, pki):
    import json
    import urllib.error
    import urllib.request

    def call(method, path, body=None):
        req = urllib.request.Request(sim.api_url(P) + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None,
                                     headers={'Content-Type': 'application/json', 'X-UCDN-Token': 'sim-token'})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, json.loads(resp.read().decode())
        except urllib.error.HTTPError as exc:
            return exc.code, json.loads(exc.read().decode())

    _root, inter = pki
    seed_zone(sim)
    leaf = make_cert(inter, HOST)
    assert call('GET', 'certificate/7/') == (404, {'message': 'certificate did not exists'})
    assert call('DELETE', 'certificate/7/') == (404, {'message': 'certificate did not exists'})
    assert call('POST', 'certificate/', {'certificate': leaf.cert_pem, 'key': leaf.rsa_key_pem}) == \
        (200, {'message': 'Certificate saved', 'id': 1})
    status, body = call('POST', 'certificate/', {'certificate': leaf.cert_pem, 'key': leaf.key_pem})
    assert status == 409 and 'already exists' in body['message']
    ec_leaf = make_cert(inter, 'ec.example.com', key_type='ec')
    status, body = call('POST', 'certificate/', {'certificate': ec_leaf.cert_pem, 'key': ec_leaf.key_pem})
    assert (status, body) == (409, {'message': 'We support only base64 encoded RSA keys'})
    status, body = call('GET', 'certificates/')
    assert status == 200 and body == [{'id': 1, 'hostname': HOST, 'fingerprint': leaf.sha1, 'used_in_zones': [
        {'zone_id': 1, 'domain': HOST, 'cdn_domain': 'a1-121.so.clients.cdn13.com'}]}]
    assert call('GET', 'certificate/1')[1] == body[0]
    assert call('POST', 'letsencrypt/9', {'zone_id': 9})[0] == 400
    assert call('DELETE', 'certificate/1/') == (200, {'message': 'Certificate 1 was deleted'})


def test_acme_skips_domains_served_by_an_uploaded_certificate(sim, module, pki):
    _root, inter = pki
    seed_zone(sim, domains=(HOST, 'img.example.com'))
    run(sim, module, make_cert(inter, HOST), inter)
    run(sim, module, make_cert(inter, 'img.example.com'), inter)
    sim.clear_log()
    # Every custom domain already has a certificate: nothing is planned, in check mode or for real,
    # and the real run follows its plan (no request UCDN would answer "Nothing changed").
    check = run(sim, module, zone=HOST, acme=True, check=True)
    assert check['changed'] is False and check['plan'] == []
    result = run(sim, module, zone=HOST, acme=True)
    assert result['changed'] is False and writes(sim) == []
    assert result['plan_checksum'] == check['plan_checksum']
