"""Pure logic of module_utils/certificate.py: coverage, identity, chain order, what is shown."""

import datetime
import hashlib
import os
import sys

import pytest
from cryptography.hazmat.primitives import serialization

try:
    from tests.simulator.certgen import make_ca, make_cert
except ImportError:  # ansible-test units runs pytest from its own copy of the collection, not the repository root
    sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..', '..')))
    from tests.simulator.certgen import make_ca, make_cert

from ansible_collections.edgeops.cdn.plugins.module_utils import certificate as core
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError


@pytest.fixture(scope='module')
def pki():
    root = make_ca('Test Root')
    first = make_ca('Test Intermediate 1', issuer=root)
    second = make_ca('Test Intermediate 2', issuer=first)
    leaf = make_cert(second, 'www.example.com', sans=['www.example.com', 'Example.com'])
    return dict(root=root, first=first, second=second, leaf=leaf, other=make_ca('Unrelated CA'))


def params(leaf, chain=None, **extra):
    values = dict(certificate=leaf.cert_pem, private_key=leaf.key_pem, chain=chain, renew_before_days=0,
                  hostname=None, name=None)
    values.update(extra)
    return values


@pytest.mark.parametrize('names, hostname, expected', [
    (['www.example.com'], 'www.example.com', True),
    (['WWW.Example.com.'], 'www.example.com', True),
    (['www.example.com'], 'example.com', False),
    (['*.example.com'], 'a.example.com', True),
    (['*.example.com'], 'A.Example.COM', True),
    (['*.example.com'], 'a.b.example.com', False),
    (['*.example.com'], 'example.com', False),
    (['*.example.com'], '.example.com', False),
    (['*.example.com', 'example.com'], 'example.com', True),
    (['*.b.example.com'], 'a.b.example.com', True),
    ([], 'example.com', False),
])
def test_covers(names, hostname, expected):
    assert core.covers(names, hostname) is expected


def test_describe_shows_no_pem(pki):
    leaf = pki['leaf']
    info = core.describe(leaf.cert)
    der = leaf.cert.public_bytes(serialization.Encoding.DER)
    assert info['fingerprint'] == hashlib.sha1(der).hexdigest() == leaf.sha1
    assert info['sha256_fingerprint'] == hashlib.sha256(der).hexdigest()
    assert info['common_name'] == 'www.example.com'
    assert info['sans'] == ['www.example.com', 'example.com']
    assert info['subject'] == 'CN=www.example.com' and info['issuer'] == 'CN=Test Intermediate 2'
    for key in ('not_before', 'not_after'):
        datetime.datetime.strptime(info[key], '%Y-%m-%dT%H:%M:%SZ')
    assert 'BEGIN' not in repr(info)


def test_same_certificate_by_fingerprint_or_by_name_and_validity(pki):
    info = core.describe(pki['leaf'].cert)
    colons = ':'.join(info['fingerprint'][i:i + 2] for i in range(0, 40, 2)).upper()
    assert core.same_certificate(info, dict(fingerprint=colons))
    assert not core.same_certificate(info, dict(fingerprint='0' * 40, common_name=info['common_name'],
                                                not_before=info['not_before'], not_after=info['not_after']))
    hidden = dict(common_name='WWW.example.com', not_before=info['not_before'], not_after=info['not_after'])
    assert core.same_certificate(info, hidden)
    assert core.same_certificate(info, dict(hidden, issuer='Test Intermediate 2'))
    assert core.same_certificate(info, dict(hidden, issuer='CN=Test Intermediate 2'))
    assert not core.same_certificate(info, dict(hidden, issuer='Other CA'))
    assert not core.same_certificate(info, dict(hidden, not_after='2099-01-01T00:00:00Z'))
    assert not core.same_certificate(info, dict(common_name=info['common_name']))


def test_load_local_keeps_the_chain_in_order(pki):
    chain = pki['second'].cert_pem + pki['first'].cert_pem
    local = core.load_local(params(pki['leaf'], chain))
    assert local.info['fingerprint'] == pki['leaf'].sha1
    assert local.hostname == 'www.example.com' and local.key_type == 'RSAPrivateKey'
    assert local.chain_pem.count('BEGIN CERTIFICATE') == 2
    assert local.certificate_pem.count('BEGIN CERTIFICATE') == 1
    # Intermediates bundled after the certificate count as the chain.
    bundled = core.load_local(params(pki['leaf'], None, certificate=pki['leaf'].cert_pem + chain))
    assert bundled.chain_pem == local.chain_pem
    # Up to the root is fine too.
    assert core.load_local(params(pki['leaf'], chain + pki['root'].cert_pem)).chain_pem.count('BEGIN') == 3


@pytest.mark.parametrize('order, message', [
    (('first', 'second'), 'certificate 1 (CN=Test Intermediate 1) did not issue the certificate '
                          '(it is chain certificate 2: the chain is out of order)'),
    (('other',), 'certificate 1 (CN=Unrelated CA) did not issue the certificate;'),
    (('second', 'root'), 'certificate 2 (CN=Test Root) did not issue chain certificate 1 (CN=Test Intermediate 2)'),
])
def test_check_chain_names_the_wrong_certificate(pki, order, message):
    chain = ''.join(pki[n].cert_pem for n in order)
    with pytest.raises(CdnValidationError) as err:
        core.load_local(params(pki['leaf'], chain))
    assert err.value.option == 'chain'
    assert message in str(err.value)


def test_validity_and_renew_before_days(pki):
    leaf = make_cert(pki['second'], 'www.example.com', days=10)
    assert core.load_local(params(leaf, renew_before_days=9)).info['common_name'] == 'www.example.com'
    with pytest.raises(CdnValidationError, match='within renew_before_days=11'):
        core.load_local(params(leaf, renew_before_days=11))
    later = core.utc_now() + datetime.timedelta(days=11)
    with pytest.raises(CdnValidationError, match='option certificate: expired on'):
        core.load_local(params(leaf), now=later)
    with pytest.raises(CdnValidationError, match='option certificate: is not valid before'):
        core.load_local(params(leaf), now=core.utc_now() - datetime.timedelta(days=5))


def test_key_problems(pki):
    leaf = pki['leaf']
    with pytest.raises(CdnValidationError, match='option private_key: does not match'):
        core.load_local(params(leaf, private_key=make_cert(None, 'x.example.com').key_pem))
    encrypted = leaf.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.BestAvailableEncryption(b'pass')).decode('ascii')
    with pytest.raises(CdnValidationError, match='option private_key: is encrypted'):
        core.load_local(params(leaf, private_key=encrypted))
    with pytest.raises(CdnValidationError) as err:
        core.load_local(params(leaf, private_key='-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----'))
    assert err.value.option == 'private_key' and 'AAAA' not in str(err.value)


def test_check_coverage_uses_sans_before_the_common_name(pki):
    info = core.describe(pki['leaf'].cert)
    core.check_coverage(info, ['example.com', 'www.example.com'], 'zone')
    with pytest.raises(CdnValidationError) as err:
        core.check_coverage(info, ['api.example.com', 'www.example.com'], 'zone')
    assert err.value.option == 'zone' and 'api.example.com is not covered' in str(err.value)
    no_san = core.describe(make_cert(None, 'solo.example.com', sans=[]).cert)
    core.check_coverage(no_san, ['solo.example.com'], 'hostname')
