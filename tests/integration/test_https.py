"""The simulator over HTTPS with a test CA: ca_path trusts it, an unknown CA fails at once."""

import os
import subprocess
import sys
import time

import pytest

from tests.simulator.certgen import make_ca_and_server_cert
from tests.simulator.client import REPO, TOKENS, Simulator


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
