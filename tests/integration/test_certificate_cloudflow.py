"""cdn_certificate against the simulated CloudFlow (OnApp CDN) API: cdn_ssl_certificates and binding.

The API shows no PEM or fingerprint, so the adapter keeps the SHA-1 fingerprint
in the certificate name (<name>-sha1-<fingerprint>); see the adapter's docstring.
"""

import pytest

from tests.simulator.certgen import make_ca, make_cert

P = 'cloudflow'
HOSTS = ['cdn.example.com', 'cdn2.example.com']


@pytest.fixture(scope='module')
def pki():
    root = make_ca('Test Root')
    inter = make_ca('Test Intermediate', issuer=root)
    return dict(
        inter=inter,
        first=make_cert(inter, 'cdn.example.com', sans=HOSTS),
        second=make_cert(inter, 'cdn.example.com', sans=HOSTS),
    )


def seed(sim, certificates=(), **linked):
    """Two CDN resources (ids 1, 2); ``linked`` maps 'r1'/'r2' to a seeded certificate id."""
    resources = []
    for index, host in enumerate(HOSTS):
        spec = dict(cdn_hostname=host, origin='o.example.com')
        cert = linked.get('r%d' % (index + 1))
        if cert:
            spec.update(cdn_ssl_certificate_id=cert, ssl_on=True)
        resources.append(spec)
    sim.seed(P, {'cdn_ssl_certificates': list(certificates), 'cdn_resources': resources})
    sim.clear_log()


def run(sim, module, leaf, pki, check=False, diff=False, verbosity=0, **args):
    params = sim.creds(P)
    params.update(certificate=leaf.cert_pem, private_key=leaf.key_pem, chain=pki['inter'].cert_pem)
    params.update(args)
    return module('cdn_certificate', params, check=check, diff=diff, verbosity=verbosity)


def calls(sim):
    return [(e['method'], e['path']) for e in sim.mutations(P)]


def certificates(sim):
    return sim.state(P)['cdn_ssl_certificates']


def resources(sim):
    return dict((r['id'], r) for r in sim.state(P)['cdn_resources'])


def test_upload_and_bind_then_rerun_unchanged(sim, module, pki):
    seed(sim)
    leaf = pki['first']
    result = run(sim, module, leaf, pki, diff=True, verbosity=4, name='www-2026', zone='cdn.example.com')
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert calls(sim) == [('POST', 'cdn_ssl_certificates.json'), ('PUT', 'cdn_resources/1.json')]
    upload, bind = sim.mutations(P)
    body = upload['body']['cdn_ssl_certificate']
    # The project's field names (CERTIFICATE_UPLOAD_FIELDS): name, cert (leaf then chain), key.
    assert sorted(body) == ['cert', 'key', 'name']
    assert body['name'] == 'www-2026-sha1-%s' % leaf.sha1
    assert bind['body'] == {'cdn_resource': {'cdn_ssl_certificate_id': 1, 'ssl_on': 1}}
    stored = certificates(sim)
    assert len(stored) == 1 and stored[0]['uploaded_sha1'] == [leaf.sha1, pki['inter'].sha1]
    assert stored[0]['resources'] == [1]
    assert resources(sim)[1]['ssl_on'] is True and resources(sim)[1]['ssl']['id'] == 1

    cert = result['certificate']
    assert cert['id'] == '1' and cert['name'] == 'www-2026' and cert['fingerprint'] == leaf.sha1
    assert cert['zones'] == ['1']
    assert result['diff']['after']['fingerprint'] == leaf.sha1
    assert [a['action'] for a in result['plan']] == ['create', 'bind']
    # never the key, at -vvvv included
    key_body = leaf.key_pem.split('-----')[2].strip().splitlines()[1]
    assert 'PRIVATE KEY' not in result['_raw'] and key_body not in result['_raw']
    # the certificate PEM only in Ansible's echo of the options, never in what the module reports
    assert 'BEGIN CERTIFICATE' not in repr((result['certificate'], result['diff'], result['plan'], result['replaced']))

    sim.clear_log()
    again = run(sim, module, leaf, pki, diff=True, name='www-2026', zone='cdn.example.com')
    assert again['_rc'] == 0 and again['changed'] is False, again
    assert sim.mutations(P) == []
    assert again['certificate']['fingerprint'] == leaf.sha1 and again['plan'] == []


def test_check_mode_sends_no_write(sim, module, pki):
    seed(sim)
    result = run(sim, module, pki['first'], pki, check=True, diff=True, name='www-2026', zone='cdn.example.com')
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert [a['action'] for a in result['plan']] == ['create', 'bind']
    assert result['diff']['after']['fingerprint'] == pki['first'].sha1
    assert sim.mutations(P) == []
    assert certificates(sim) == []


def test_name_defaults_to_the_host_name(sim, module, pki):
    seed(sim)
    result = run(sim, module, pki['first'], pki)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert certificates(sim)[0]['name'] == 'cdn.example.com-sha1-%s' % pki['first'].sha1
    assert result['certificate']['name'] == 'cdn.example.com' and result['certificate']['zones'] == []
    sim.clear_log()
    assert run(sim, module, pki['first'], pki)['changed'] is False
    assert sim.mutations(P) == []


def test_rotation_uploads_rebinds_every_resource_then_deletes_old(sim, module, pki):
    old_name = 'www-2026-sha1-%s' % pki['first'].sha1
    seed(sim, certificates=[dict(name=old_name)], r1=1, r2=1)
    new = pki['second']
    result = run(sim, module, new, pki, diff=True, name='www-2026', zone='cdn.example.com')
    assert result['_rc'] == 0 and result['changed'] is True, result
    log = sim.mutations(P)
    assert calls(sim) == [('POST', 'cdn_ssl_certificates.json'), ('PUT', 'cdn_resources/1.json'),
                          ('PUT', 'cdn_resources/2.json'), ('DELETE', 'cdn_ssl_certificates/1.json')]
    # Each resource switches straight from the old certificate to the new one (never to none),
    # and the old one goes only after every resource left it.
    assert all(e['body'] == {'cdn_resource': {'cdn_ssl_certificate_id': 2, 'ssl_on': 1}} for e in log[1:3])
    assert all(e['status'] in (200, 201, 204) for e in log)
    assert [c['id'] for c in certificates(sim)] == [2]
    assert [r['cdn_ssl_certificate_id'] for r in resources(sim).values()] == [2, 2]
    assert result['certificate']['zones'] == ['1', '2']
    assert result['replaced'][0]['fingerprint'] == pki['first'].sha1 and result['replaced'][0]['deleted'] is True
    assert result['diff']['before'] is None or result['diff']['before'] == {}
    assert [a['action'] for a in result['plan']] == ['create', 'bind', 'bind', 'delete']

    sim.clear_log()
    again = run(sim, module, new, pki, name='www-2026', zone='cdn.example.com')
    assert again['changed'] is False and sim.mutations(P) == []


def test_rotation_keep_old(sim, module, pki):
    seed(sim, certificates=[dict(name='www-2026-sha1-%s' % pki['first'].sha1)], r1=1)
    result = run(sim, module, pki['second'], pki, name='www-2026', zone='cdn.example.com', keep_old=True)
    assert result['_rc'] == 0, result
    assert calls(sim) == [('POST', 'cdn_ssl_certificates.json'), ('PUT', 'cdn_resources/1.json')]
    assert sorted(c['id'] for c in certificates(sim)) == [1, 2]


def test_certificate_uploaded_elsewhere_is_replaced_by_name(sim, module, pki):
    # No fingerprint suffix (uploaded through the control panel): same name, so the old one of a rotation.
    seed(sim, certificates=[dict(name='www-2026')], r2=1)
    result = run(sim, module, pki['first'], pki, name='www-2026')
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert calls(sim) == [('POST', 'cdn_ssl_certificates.json'), ('PUT', 'cdn_resources/2.json'),
                          ('DELETE', 'cdn_ssl_certificates/1.json')]
    assert resources(sim)[2]['cdn_ssl_certificate_id'] == 2


def test_absent_refuses_a_bound_certificate_then_deletes_an_unbound_one(sim, module, pki):
    seed(sim, certificates=[dict(name='a-sha1-%s' % pki['first'].sha1), dict(name='b-sha1-%s' % pki['second'].sha1)],
         r1=1)
    params = sim.creds(P)
    refused = module('cdn_certificate', dict(params, name='a', state='absent'))
    assert refused['_rc'] != 0 and 'still serve' in refused['msg'] and '1' in refused['msg'], refused
    assert sim.mutations(P) == []

    check = module('cdn_certificate', dict(params, certificate=pki['second'].cert_pem, state='absent'), check=True)
    assert check['changed'] is True and sim.mutations(P) == []
    deleted = module('cdn_certificate', dict(params, certificate=pki['second'].cert_pem, state='absent'), diff=True)
    assert deleted['_rc'] == 0 and deleted['changed'] is True, deleted
    assert calls(sim) == [('DELETE', 'cdn_ssl_certificates/2.json')]
    assert deleted['diff']['before']['fingerprint'] == pki['second'].sha1
    sim.clear_log()
    again = module('cdn_certificate', dict(params, certificate_id='2', state='absent'))
    assert again['changed'] is False and sim.mutations(P) == []


def test_acme_is_refused(sim, module, pki):
    seed(sim)
    result = module('cdn_certificate', dict(sim.creds(P), zone='cdn.example.com', acme=True))
    assert result['_rc'] != 0 and 'acme' in result['msg']
    assert sim.log(P) == []
