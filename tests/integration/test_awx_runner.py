"""playbooks/provision.yml through ansible-runner, the engine AWX uses.

The private data directory is laid out as AWX lays it out for a job: the project
(the playbook), an inventory, extra vars (as a survey passes them: strings) and
env/envvars holding exactly what a custom credential injects. The tokens are
random throwaway values seeded into the simulator for this test only, so finding
one in the job output means a leak, not a coincidence.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

import yaml

from tests.simulator.client import REPO
from tests.simulator.runner import ensure_collection_link, module_env


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as handle:
        handle.write(text)


def test_provision_playbook_through_ansible_runner(sim):
    sim.speed(100)
    cdn_token = 'awx-ucdn-' + secrets.token_hex(12)
    dns_token = 'awx-dns-' + secrets.token_hex(12)
    sim.seed('ucdn', {'tokens': [cdn_token]})
    sim.seed('cloudflare', {'users': [{'email': 'awx@example.com', 'tkn': dns_token}]})

    # What the AWX credentials (docs/awx.md: UCDN and CloudFlare DNS types) inject.
    envvars = {
        'UCDN_API_TOKEN': cdn_token,
        'UCDN_API_URL': sim.api_url('ucdn'),
        'CLOUDFLARE_API_EMAIL': 'awx@example.com',
        'CLOUDFLARE_API_TOKEN': dns_token,
        'CLOUDFLARE_API_URL': sim.api_url('cloudflare'),
    }
    # The job template's extra variables (survey answers arrive the same way, as strings).
    extravars = {
        'cdn_provider': 'ucdn',
        'cdn_hostname': 'awx.example.com',
        'cdn_origin': 'https://origin.example.com',
        'cdn_aliases': ['awx-img.example.com'],
        'dns_zone': 'example.com',
    }

    # Not tmp_path: pytest keeps those, and artifacts/<id>/command holds the environment in clear.
    pdd = tempfile.mkdtemp(prefix='awx-runner-')
    try:
        os.makedirs(os.path.join(pdd, 'project'))
        shutil.copy(os.path.join(REPO, 'playbooks', 'provision.yml'), os.path.join(pdd, 'project'))
        write(os.path.join(pdd, 'inventory', 'hosts'),
              'localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
        write(os.path.join(pdd, 'env', 'envvars'), yaml.safe_dump(envvars))
        write(os.path.join(pdd, 'env', 'extravars'), yaml.safe_dump(extravars))

        # The controller side: the collection on its path (an EE has it installed) and the
        # venv's tools; no credential in the runner's own environment (module_env drops them).
        env = module_env()
        env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   PATH=os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', ''))
        runner = os.path.join(os.path.dirname(sys.executable), 'ansible-runner')
        proc = subprocess.run([runner, 'run', pdd, '-p', 'provision.yml', '--ident', 'job1'],
                              capture_output=True, text=True, env=env, timeout=600, check=False)
        artifacts = os.path.join(pdd, 'artifacts', 'job1')
        with open(os.path.join(artifacts, 'stdout')) as handle:
            stdout = handle.read()
        with open(os.path.join(artifacts, 'status')) as handle:
            status = handle.read().strip()
        events = []
        for name in sorted(os.listdir(os.path.join(artifacts, 'job_events'))):
            with open(os.path.join(artifacts, 'job_events', name)) as handle:
                events.append(handle.read())
    finally:
        shutil.rmtree(pdd, ignore_errors=True)

    assert proc.returncode == 0 and status == 'successful', stdout + proc.stderr
    assert 'awx.example.com, awx-img.example.com -> ' in stdout   # the playbook's summary line

    # The secrets never reach the job's output or its events (what AWX stores and shows).
    for secret in (cdn_token, dns_token):
        assert secret not in stdout
        assert secret not in proc.stdout + proc.stderr
        assert not [e for e in events if secret in e]
    assert any(json.loads(e).get('event') == 'playbook_on_stats' for e in events)

    # Real outcome, read from the simulator: the zone and a CNAME per host name to its CDN domain.
    zones = [z for z in sim.state('ucdn')['zones'] if 'awx.example.com' in z['custom_domains']]
    assert len(zones) == 1
    assert sorted(zones[0]['custom_domains']) == ['awx-img.example.com', 'awx.example.com']
    records = [r for z in sim.state('cloudflare')['zones'] if z['zone_name'] == 'example.com' for r in z['records']]
    cnames = {r['name']: r['content'] for r in records if r['type'] == 'CNAME'}
    assert cnames.get('awx.example.com') == zones[0]['cdn_domain']
    assert cnames.get('awx-img.example.com') == zones[0]['cdn_domain']
