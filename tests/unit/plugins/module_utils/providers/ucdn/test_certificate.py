"""UCDN certificates with a fake client (providers/ucdn/certificate.py): what the
adapter checks comes from the LocalCertificate the core builds, never from the
module's parameters."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.certificate import LocalCertificate
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError

from ._fake import adapter

INFO = dict(common_name='cdn.example.com', sans=['cdn.example.com', 'www.example.com'], fingerprint='ab' * 20)
ZONE = {'id': '5', 'custom_domains': ['cdn.example.com'], 'ssl_type': 'own'}


def local(hostname=None, zone=None, key_type='RSAPrivateKey', name=None, info=None):
    info = info or INFO
    return LocalCertificate('CERT', 'KEY', None, info, name=name, hostname=hostname or info['common_name'],
                            key_type=key_type, hostname_given=hostname is not None, zone=zone)


def test_the_host_name_ucdn_files_it_under():
    certificates = adapter()
    cert = local()
    certificates.validate_certificate(cert)
    assert cert.hostname == 'cdn.example.com'
    # A hostname the user set must be the one UCDN files the certificate under.
    with pytest.raises(CdnValidationError) as err:
        certificates.validate_certificate(local(hostname='www.example.com'))
    assert err.value.option == 'hostname'
    certificates.validate_certificate(local(hostname='cdn.example.com'))
    assert certificates.client.calls == []


def test_rsa_keys_only_and_no_names():
    with pytest.raises(CdnValidationError) as err:
        adapter().validate_certificate(local(key_type='EllipticCurvePrivateKey'))
    assert err.value.option == 'private_key'
    with pytest.raises(CdnValidationError) as err:
        adapter().validate_certificate(local(name='mine'))
    assert err.value.option == 'name'


def test_a_zone_by_host_name_must_be_the_certificate_s():
    with pytest.raises(CdnValidationError) as err:
        adapter().validate_certificate(local(zone='www.example.com'))
    assert err.value.option == 'zone'


def test_the_zone_is_checked_with_reads_only():
    certificates = adapter({('GET', 'zone/5'): ZONE})
    certificates.validate_certificate(local(zone='5'))
    assert certificates.client.writes() == []
    shared = adapter({('GET', 'zone/5'): dict(ZONE, ssl_type='shared')})
    with pytest.raises(CdnUnsupportedError, match='shared SSL'):
        shared.validate_certificate(local(zone='5'))
    other = adapter({('GET', 'zone/5'): dict(ZONE, custom_domains=['img.example.com'])})
    with pytest.raises(CdnValidationError) as err:
        other.validate_certificate(local(zone='5'))
    assert err.value.option == 'zone'
