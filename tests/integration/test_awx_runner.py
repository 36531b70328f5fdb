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


class Job:
    """Jobs of one AWX job template (playbooks/provision.yml) run by ansible-runner in one private data
    directory, with what a UCDN and a CloudFlare DNS credential inject."""

    def __init__(self, sim, pdd):
        self.pdd = pdd
        token, dns_token = 'awx-ucdn-' + secrets.token_hex(8), 'awx-dns-' + secrets.token_hex(8)
        sim.seed('ucdn', {'tokens': [token]})
        sim.seed('cloudflare', {'users': [{'email': 'awx@example.com', 'tkn': dns_token}]})
        os.makedirs(os.path.join(pdd, 'project'))
        shutil.copy(os.path.join(REPO, 'playbooks', 'provision.yml'), os.path.join(pdd, 'project'))
        write(os.path.join(pdd, 'inventory', 'hosts'),
              'localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
        write(os.path.join(pdd, 'env', 'envvars'), yaml.safe_dump({
            'UCDN_API_TOKEN': token, 'UCDN_API_URL': sim.api_url('ucdn'), 'CLOUDFLARE_API_EMAIL': 'awx@example.com',
            'CLOUDFLARE_API_TOKEN': dns_token, 'CLOUDFLARE_API_URL': sim.api_url('cloudflare')}))
        self.count = 0

    def run(self, extravars, check=False):
        """(status, stdout, the set_stats artifacts of the job)."""
        self.count += 1
        ident = 'job%d' % self.count
        write(os.path.join(self.pdd, 'env', 'extravars'), yaml.safe_dump(extravars))
        # A job template's "check" job type: ansible-runner reads extra command line arguments from env/cmdline.
        write(os.path.join(self.pdd, 'env', 'cmdline'), '--check' if check else '')
        env = module_env()
        env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   PATH=os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', ''))
        command = [os.path.join(os.path.dirname(sys.executable), 'ansible-runner'), 'run', self.pdd,
                   '-p', 'provision.yml', '--ident', ident]
        subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=False)
        artifacts = os.path.join(self.pdd, 'artifacts', ident)
        with open(os.path.join(artifacts, 'stdout')) as handle:
            stdout = handle.read()
        with open(os.path.join(artifacts, 'status')) as handle:
            status = handle.read().strip()
        stats = {}
        for name in os.listdir(os.path.join(artifacts, 'job_events')):
            with open(os.path.join(artifacts, 'job_events', name)) as handle:
                event = json.load(handle)
            if event.get('event') == 'playbook_on_stats':
                stats = event.get('event_data', {}).get('artifact_data') or {}
        return status, stdout, stats


def test_check_job_approval_apply_job_workflow(sim):
    """docs/awx.md: check job -> approval -> apply job with the plan_checksum passed on by set_stats;
    a change made between the approval and the apply job is refused before any write."""
    sim.speed(100)
    pdd = tempfile.mkdtemp(prefix='awx-runner-')
    try:
        job = Job(sim, pdd)
        base = {'cdn_provider': 'ucdn', 'cdn_hostname': 'awx.example.com', 'cdn_origin': 'https://origin.example.com',
                'cdn_aliases': ['a.example.com'], 'dns_zone': 'example.com'}
        status, stdout, _stats = job.run(base)
        assert status == 'successful', stdout

        # The check job plans one more alias and publishes the plan's checksum.
        wanted = dict(base, cdn_aliases=['a.example.com', 'b.example.com'])
        sim.clear_log()
        status, stdout, stats = job.run(wanted, check=True)
        assert status == 'successful', stdout
        assert sim.mutations('ucdn') == [] and sim.mutations('cloudflare') == []
        approved = stats['cdn_approved_plan_checksum']
        assert len(approved) == 64 and stats['cdn_plan_steps']['zone'] != stats['cdn_plan_steps']['dns']

        # The apply job gets what the workflow passes on (the approval node changes nothing): applied.
        status, stdout, _stats = job.run(dict(wanted, cdn_approved_plan_checksum=approved))
        assert status == 'successful', stdout
        zone = [z for z in sim.state('ucdn')['zones'] if 'awx.example.com' in z['custom_domains']][0]
        assert sorted(zone['custom_domains']) == ['a.example.com', 'awx.example.com', 'b.example.com']

        # Approved again for a third alias; then someone changes the zone before the apply job runs.
        more = dict(base, cdn_aliases=['a.example.com', 'b.example.com', 'c.example.com'])
        status, stdout, stats = job.run(more, check=True)
        assert status == 'successful', stdout
        approved = stats['cdn_approved_plan_checksum']
        from tests.simulator.runner import run_module
        meanwhile = run_module('cdn_zone', dict(sim.creds('ucdn'), hostname='awx.example.com', wait=False,
                                                aliases=['a.example.com', 'd.example.com']))
        assert meanwhile['_rc'] == 0 and meanwhile['changed'] is True
        sim.clear_log()
        status, stdout, _stats = job.run(dict(more, cdn_approved_plan_checksum=approved))
        assert status == 'failed'
        assert 'distribution_expected_plan_checksum: the plan of awx.example.com is not the approved one' in stdout
        assert sim.mutations('ucdn') == [] and sim.mutations('cloudflare') == []
    finally:
        shutil.rmtree(pdd, ignore_errors=True)
