"""cdn_certificate pre-flight checks (module_utils/certificate.py), provider-agnostic:
each bad input fails naming the option, before a single request is sent. Run with
provider ucdn, whose API takes uploads. Certificates are generated here."""

import pytest

from tests.simulator.certgen import make_ca, make_cert

P = 'ucdn'
HOST = 'www.example.com'
GARBAGE_CERT = '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n'
GARBAGE_KEY = '-----BEGIN PRIVATE KEY-----\nTm90IGEga2V5\n-----END PRIVATE KEY-----\n'


@pytest.fixture(scope='module')
def pki():
    root = make_ca('Test Root')
    first = make_ca('Test Intermediate 1', issuer=root)
    second = make_ca('Test Intermediate 2', issuer=first)
    other = make_ca('Unrelated CA')
    return dict(root=root, first=first, second=second, other=other,
                leaf=make_cert(second, HOST), spare=make_cert(second, HOST),
                wildcard=make_cert(first, '*.example.com'))


def case_args(name, pki):
    leaf, chain = pki['leaf'], pki['second'].cert_pem + pki['first'].cert_pem
    good = dict(certificate=leaf.cert_pem, private_key=leaf.key_pem, chain=chain)
    if name == 'no PEM at all':
        return dict(good, certificate='this is not a certificate'), 'certificate', 'holds no PEM certificate'
    if name == 'bad PEM':
        return dict(good, certificate=GARBAGE_CERT), 'certificate', 'not a valid PEM certificate'
    if name == 'garbage key':
        return dict(good, private_key=GARBAGE_KEY), 'private_key', 'not a valid PEM private key'
    if name == 'no key':
        return dict(good, private_key='just text'), 'private_key', 'holds no PEM private key'
    if name == 'key mismatch':
        return dict(good, private_key=pki['spare'].key_pem), 'private_key', 'does not match the certificate'
    if name == 'expired':
        old = make_cert(pki['second'], HOST, days=-1)
        return dict(good, certificate=old.cert_pem, private_key=old.key_pem), 'certificate', 'expired on'
    if name == 'not yet valid':
        future = make_cert(pki['second'], HOST, starts_in_days=2)
        return dict(good, certificate=future.cert_pem, private_key=future.key_pem), 'certificate', 'not valid before'
    if name == 'renew_before_days':
        short = make_cert(pki['second'], HOST, days=10)
        return (dict(good, certificate=short.cert_pem, private_key=short.key_pem, renew_before_days=30),
                'certificate', 'within renew_before_days=30')
    if name == 'hostname not covered':
        return dict(good, hostname='api.example.com'), 'hostname', 'api.example.com is not covered'
    if name == 'zone not covered':
        return dict(good, zone='cdn.example.org'), 'zone', 'cdn.example.org is not covered'
    wildcard = dict(certificate=pki['wildcard'].cert_pem, private_key=pki['wildcard'].key_pem,
                    chain=pki['first'].cert_pem)
    if name == 'wildcard and two labels':
        return dict(wildcard, hostname='a.b.example.com'), 'hostname', 'a.b.example.com is not covered'
    if name == 'wildcard and the apex':
        return dict(wildcard, hostname='example.com'), 'hostname', 'example.com is not covered'
    if name == 'chain out of order':
        return (dict(good, chain=pki['first'].cert_pem + pki['second'].cert_pem), 'chain',
                'it is chain certificate 2: the chain is out of order')
    if name == 'chain with a wrong certificate':
        return dict(good, chain=pki['other'].cert_pem), 'chain', 'certificate 1 (CN=Unrelated CA) did not issue'
    if name == 'bundle in certificate out of order':
        return (dict(good, certificate=leaf.cert_pem + pki['first'].cert_pem + pki['second'].cert_pem, chain=None),
                'chain', 'out of order')
    raise AssertionError(name)


CASES = ['no PEM at all', 'bad PEM', 'garbage key', 'no key', 'key mismatch', 'expired', 'not yet valid',
         'renew_before_days', 'hostname not covered', 'zone not covered', 'wildcard and two labels',
         'wildcard and the apex', 'chain out of order', 'chain with a wrong certificate',
         'bundle in certificate out of order']


@pytest.mark.parametrize('name', CASES)
def test_preflight_failure_names_the_option_and_sends_nothing(sim, module, pki, name):
    args, option, problem = case_args(name, pki)
    params = sim.creds(P)
    params.update(dict((k, v) for k, v in args.items() if v is not None))
    result = module('cdn_certificate', params)
    assert result['_rc'] != 0 and result.get('failed') is True, result
    assert ('option %s' % option) in result['msg'], result['msg']
    assert problem in result['msg'], result['msg']
    key = args.get('private_key') or ''
    body = ''.join(line for line in key.splitlines() if not line.startswith('-----'))
    assert body[:40] not in result['_raw']
    assert sim.log() == []


def test_wildcard_covers_one_label(sim, module, pki):
    """*.example.com covers a.example.com: the checks pass and the run goes on (check mode)."""
    sim.seed(P, {'zones': [dict(custom_domains=['a.example.com'])]})
    sim.clear_log()
    wildcard = pki['wildcard']
    params = sim.creds(P)
    params.update(certificate=wildcard.cert_pem, private_key=wildcard.key_pem, chain=pki['first'].cert_pem,
                  zone='a.example.com')
    result = module('cdn_certificate', params, check=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['certificate']['fingerprint'] == wildcard.sha1
    assert sim.mutations() == []


def test_check_hostnames_false_skips_the_coverage_check(sim, module, pki):
    leaf = pki['leaf']
    params = sim.creds(P)
    params.update(certificate=leaf.cert_pem, private_key=leaf.key_pem, zone='cdn.example.org',
                  check_hostnames=False)
    result = module('cdn_certificate', params, check=True)
    # Past the pre-flight: UCDN's own rule (the zone must have the certificate's host name) refuses it.
    assert result['_rc'] != 0 and 'is not covered' not in result['msg']
    assert sim.mutations() == []
