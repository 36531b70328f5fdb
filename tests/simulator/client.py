"""The simulator's client and launcher: control endpoints under /_sim/, and starting the
simulator on a free loopback port. Used by the tests (tests/conftest.py), make bench,
make reliability and make demo.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

TOKENS = {
    'cloakfusion': dict(api_token='sim-token'),
    'cloudflow': dict(api_user='admin@example.com', api_token='sim-token'),
    'cloudflare': dict(api_user='admin@example.com', api_token='sim-token'),
    'ucdn': dict(api_token='sim-token'),
    'leaseweb': dict(api_token='sim-token'),
}
API_PATHS = {
    'cloakfusion': '/cloakfusion/api/v1/',
    'cloudflow': '/cloudflow/',
    'cloudflare': '/cloudflare/api_json.html',
    'ucdn': '/ucdn/v3/',
    'leaseweb': '/leaseweb/cdn/v2/',
}


class Simulator:
    """Client of the simulator's /_sim/ control endpoints."""

    timeout = 10

    def __init__(self, base):
        self.base = base

    def call(self, method, what, data=None):
        body = json.dumps(data).encode() if data is not None else None
        req = urllib.request.Request(self.base + '/_sim/' + what, data=body, method=method,
                                     headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:
            return json.loads(resp.read().decode() or 'null')

    def reset(self):
        return self.call('POST', 'reset')

    def seed(self, provider, data):
        return self.call('POST', 'seed', {'provider': provider, 'data': data})

    def state(self, provider):
        return self.call('GET', 'state/' + provider)

    def fault(self, **spec):
        return self.call('POST', 'faults', spec)

    def log(self, provider=None):
        entries = self.call('GET', 'log')
        return [e for e in entries if provider is None or e['provider'] == provider]

    def clear_log(self):
        return self.call('DELETE', 'log')

    def mutations(self, provider=None):
        return [e for e in self.log(provider) if e['mutating']]

    def advance(self, seconds):
        return self.call('POST', 'clock', {'advance': seconds})

    def speed(self, factor):
        return self.call('POST', 'clock', {'speed': factor})

    def api_url(self, provider):
        return self.base + API_PATHS[provider]

    def creds(self, provider):
        return dict(provider=provider, api_url=self.api_url(provider), **TOKENS[provider])


def start_simulator(python=sys.executable):
    handle, port_file = tempfile.mkstemp(prefix='cdnsim-port-')
    os.close(handle)
    proc = subprocess.Popen([python, '-m', 'tests.simulator', '--port', '0', '--port-file', port_file],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 15
    while time.time() < deadline:
        with open(port_file) as handle:
            text = handle.read().strip()
        if text:
            port = int(text)
            os.unlink(port_file)
            return proc, Simulator('http://127.0.0.1:%d' % port)
        if proc.poll() is not None:
            raise RuntimeError('simulator died: %s' % proc.stderr.read().decode())
        time.sleep(0.05)
    proc.kill()
    raise RuntimeError('simulator did not start')
