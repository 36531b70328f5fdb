"""A certificate upload whose answer is lost is looked for, not uploaded twice
(CloudFlow by the fingerprint in its name, Leaseweb by subject, issuer and validity)."""

import pytest

from tests.simulator.certgen import make_ca, make_cert

UPLOAD = {'cloudflow': ('cdn_ssl_certificates', 'cdn_ssl_certificates'), 'leaseweb': ('^certificates', 'certificates')}


@pytest.fixture(scope='module')
def pki():
    inter = make_ca('Recovery Intermediate', issuer=make_ca('Recovery Root'))
    return dict(inter=inter, leaf=make_cert(inter, 'www.example.com', sans=['www.example.com']))


@pytest.mark.parametrize('provider', ['cloudflow', 'leaseweb'])
@pytest.mark.parametrize('fault', [dict(apply_then_drop=True), dict(status=502)], ids=['applied-then-dropped', '502'])
def test_lost_upload_answer_is_one_certificate(sim, module, pki, provider, fault):
    path, state_key = UPLOAD[provider]
    sim.fault(provider=provider, method='POST', path=path, **fault)
    args = dict(sim.creds(provider), certificate=pki['leaf'].cert_pem, private_key=pki['leaf'].key_pem,
                chain=pki['inter'].cert_pem, name='www')
    first = module('cdn_certificate', args)
    assert first['_rc'] == 0 and first['changed'] is True, first
    assert len(sim.state(provider)[state_key]) == 1
    posts = [e for e in sim.log(provider) if e['method'] == 'POST']
    # applied then dropped: found by reading, never sent again; a 502 applied nothing: sent once more
    assert len(posts) == (1 if fault.get('apply_then_drop') else 2)
    sim.clear_log()
    again = module('cdn_certificate', args)
    assert again['changed'] is False and sim.mutations(provider) == []
