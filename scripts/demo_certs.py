"""Write throwaway demo certificates (a test CA, an intermediate, and one
certificate per demo host) into the directory given; nothing is committed."""

import os
import sys

from tests.simulator.certgen import make_ca, make_cert

DEMO_HOSTS = {
    'cdn': ['cdn.example.com', 'img.example.com'],
    'media': ['media.example.com'],
}


def main(directory):
    os.makedirs(directory, exist_ok=True)
    root = make_ca('edgeops demo root CA')
    intermediate = make_ca('edgeops demo intermediate CA', issuer=root)
    with open(os.path.join(directory, 'chain.crt'), 'w') as handle:
        handle.write(intermediate.cert_pem)
    for name, hosts in DEMO_HOSTS.items():
        leaf = make_cert(intermediate, hosts[0], sans=hosts, days=90)
        with open(os.path.join(directory, name + '.crt'), 'w') as handle:
            handle.write(leaf.cert_pem)
        key_path = os.path.join(directory, name + '.key')
        with open(os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), 'w') as handle:
            handle.write(leaf.key_pem)


if __name__ == '__main__':
    main(sys.argv[1])
