"""Test certificates, generated at test time (no key is ever committed): leaf and CA
certificates for the modules, and the server certificate of the simulator over HTTPS.

    ca = make_ca('Test Root')
    inter = make_ca('Test Intermediate', issuer=ca)
    leaf = make_cert(inter, 'www.example.com', sans=['www.example.com', 'example.com'])
    leaf.cert_pem, leaf.key_pem, inter.cert_pem
"""

import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID


class Issued:
    def __init__(self, cert, key):
        self.cert = cert
        self.key = key

    @property
    def cert_pem(self):
        return self.cert.public_bytes(serialization.Encoding.PEM).decode('ascii')

    @property
    def key_pem(self):
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()).decode('ascii')

    @property
    def rsa_key_pem(self):
        """Traditional 'BEGIN RSA PRIVATE KEY' form (what UCDN's document shows)."""
        return self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                      serialization.NoEncryption()).decode('ascii')

    @property
    def sha1(self):
        return self.cert.fingerprint(hashes.SHA1()).hex()


def _key(kind):
    if kind == 'ec':
        return ec.generate_private_key(ec.SECP256R1())
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca(common_name, issuer=None, key_type='ec', days=30):
    now = datetime.datetime.now(datetime.timezone.utc)
    key = _key(key_type)
    signer = issuer.key if issuer else key
    issuer_name = issuer.cert.subject if issuer else _name(common_name)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(issuer_name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(signer, hashes.SHA256()))
    return Issued(cert, key)


def make_cert(issuer, common_name, sans=None, key_type='rsa', days=90, starts_in_days=-1, key=None):
    """A leaf certificate; ``days`` after now it expires (negative: already expired)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    key = key or _key(key_type)
    not_before = now + datetime.timedelta(days=starts_in_days)
    not_after = now + datetime.timedelta(days=days)
    if not_after <= not_before:
        not_before = not_after - datetime.timedelta(days=30)
    builder = (x509.CertificateBuilder().subject_name(_name(common_name))
               .issuer_name(issuer.cert.subject if issuer else _name(common_name))
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after))
    names = sans if sans is not None else [common_name]
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    cert = builder.sign(issuer.key if issuer else key, hashes.SHA256())
    return Issued(cert, key)


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
