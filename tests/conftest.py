"""Shared pytest fixtures: the collection on a path, the simulator, module runners.

Integration tests run the real module files in a subprocess (as Ansible does)
over real HTTP to the simulator; nothing of our own client is mocked.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(REPO, '.tmp', 'collections')
LINK = os.path.join(COLLECTIONS, 'ansible_collections', 'edgeops', 'cdn')

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


def ensure_collection_link():
    if not os.path.exists(LINK):
        os.makedirs(os.path.dirname(LINK), exist_ok=True)
        os.symlink(REPO, LINK)
    return COLLECTIONS


class Simulator:
    """Client of the simulator's /_sim/ control endpoints (tests, scripts/bench.py, scripts/reliability.py)."""

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


@pytest.fixture(scope='session')
def simulator():
    ensure_collection_link()
    proc, sim = start_simulator()
    yield sim
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def sim(simulator):
    simulator.reset()
    return simulator


def module_env():
    env = dict(os.environ)
    env['PYTHONPATH'] = ensure_collection_link()
    for key in list(env):
        if key.endswith(('_API_TOKEN', '_API_KEY', '_API_USER', '_API_EMAIL', '_API_URL')) or key.startswith('CDN_API'):
            env.pop(key)
    return env


def run_module(name, args, check=False, diff=False, verbosity=0, env=None):
    """Execute plugins/modules/<name>.py the way Ansible does; return its JSON result."""
    payload = dict(args)
    payload['_ansible_check_mode'] = check
    payload['_ansible_diff'] = diff
    payload['_ansible_verbosity'] = verbosity
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as handle:
        json.dump({'ANSIBLE_MODULE_ARGS': payload}, handle)
        path = handle.name
    try:
        run_env = module_env()
        run_env.update(env or {})
        proc = subprocess.run([sys.executable, os.path.join(REPO, 'plugins', 'modules', name + '.py'), path],
                              capture_output=True, text=True, env=run_env, timeout=600, check=False)
    finally:
        os.unlink(path)
    out = proc.stdout.strip()
    try:
        result = json.loads(out[out.index('{'):])
    except ValueError:
        raise AssertionError('module %s printed no JSON: %s %s' % (name, proc.stdout, proc.stderr))
    result['_rc'] = proc.returncode
    result['_raw'] = proc.stdout
    return result


@pytest.fixture
def module():
    return run_module


@pytest.fixture
def zone(request, sim):
    """cdn_zone on the provider named by the test module's ``P``, with simulator credentials."""
    provider = request.module.P

    def run(check=False, diff=False, **args):
        params = sim.creds(provider)
        params.update(args)
        return run_module('cdn_zone', params, check=check, diff=diff)
    return run


# Unit tests import the collection as ansible_collections.edgeops.cdn.
if ensure_collection_link() not in sys.path:
    sys.path.insert(0, COLLECTIONS)
