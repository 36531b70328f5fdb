"""The simulator over HTTPS with a test CA: ca_path trusts it, an unknown CA fails at once."""

import datetime
import ipaddress
import os
import subprocess
import sys
import time

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import REPO, Simulator, TOKENS


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca_and_server_cert(directory):
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (x509.CertificateBuilder().subject_name(_name('edgeops test CA')).issuer_name(_name('edgeops test CA'))
               .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
               .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                            crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
               .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name('127.0.0.1')).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address('127.0.0.1'))]), critical=False)
            # Python 3.13 verifies strictly (VERIFY_X509_STRICT): key identifiers are required.
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    paths = dict(ca=os.path.join(directory, 'ca.pem'), cert=os.path.join(directory, 'server.pem'),
                 key=os.path.join(directory, 'server.key'))
    with open(paths['ca'], 'wb') as handle:
        handle.write(ca_cert.public_bytes(serialization.Encoding.PEM))
    with open(paths['cert'], 'wb') as handle:
        handle.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(paths['key'], 'wb') as handle:
        handle.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    return paths


@pytest.fixture
def https_sim(tmp_path):
    paths = make_ca_and_server_cert(str(tmp_path))
    port_file = str(tmp_path / 'port')
    proc = subprocess.Popen([sys.executable, '-m', 'tests.simulator', '--port', '0', '--port-file', port_file,
                             '--tls-cert', paths['cert'], '--tls-key', paths['key']],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 15
    while time.time() < deadline and not (os.path.exists(port_file) and open(port_file).read().strip()):
        time.sleep(0.05)
    port = int(open(port_file).read().strip())
    yield Simulator('https://127.0.0.1:%d' % port), paths
    proc.terminate()
    proc.wait(10)


def test_https_with_ca_path_and_untrusted_ca(https_sim, module):
    sim, paths = https_sim
    args = dict(provider='ucdn', api_url=sim.base + '/ucdn/v3/', **TOKENS['ucdn'])
    trusted = module('cdn_zone_info', dict(args, ca_path=paths['ca']))
    assert trusted['_rc'] == 0, trusted['msg']
    assert trusted['zones'] == []
    started = time.time()
    untrusted = module('cdn_zone_info', args)
    assert untrusted['_rc'] == 1
    assert 'TLS verification of 127.0.0.1' in untrusted['msg'] and 'ca_path' in untrusted['msg']
    assert time.time() - started < 10  # not retried: no backoff spent on a certificate error
    unverified = module('cdn_zone_info', dict(args, validate_certs=False))
    assert unverified['_rc'] == 0, unverified['msg']
