"""The waiting modules (cdn_zone, cdn_purge) under Ansible's async/poll, through ansible-playbook:
progress lines while a zone deploys, poll: 0 with an async_status loop, check mode, a failure, and an
async limit shorter than the wait (docs/awx.md, "Long waits: async and poll")."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import textwrap

import yaml

from tests.simulator.client import REPO, TOKENS
from tests.simulator.runner import ensure_collection_link, module_env

SECRET = TOKENS['cloudflow']['api_token']


def run_playbook(tmp_path, text, *args):
    """ansible-playbook on localhost, its async job files kept in tmp_path/async; (rc, output)."""
    path = tmp_path / 'play.yml'
    path.write_text(textwrap.dedent(text))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING='0',
               ANSIBLE_ASYNC_DIR=str(tmp_path / 'async'))
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), 'ansible-playbook')
    proc = subprocess.run([ansible_playbook, '-i', 'localhost,', '-c', 'local', str(path)] + list(args),
                          capture_output=True, text=True, env=env, cwd=REPO, timeout=300, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def header(sim, provider):
    """A play on localhost with the provider's credentials as module options (so they are in the
    async job's arguments) and a task that writes the registered results to results.json."""
    options = ''.join('\n          %s: "%s"' % item for item in sorted(sim.creds(provider).items()))
    return '''
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/edgeops.cdn.cdn:%s
    ''' % options


def save(names, tmp_path):
    return '''
        - name: save the results
          ansible.builtin.copy:
            content: "{{ {%s} | to_json }}"
            dest: "%s"
            mode: "0600"
          check_mode: false
    ''' % (', '.join("'%s': %s" % (n, n) for n in names), tmp_path / 'results.json')


def results(tmp_path):
    return json.loads((tmp_path / 'results.json').read_text())


def async_files(tmp_path):
    folder = tmp_path / 'async'
    return [(folder / name).read_text() for name in os.listdir(folder)] if folder.exists() else []


def test_zone_wait_under_async_poll_shows_progress(sim, tmp_path):
    # A new CloudFlow resource is PENDING for 20 simulated seconds: 4 s at speed 5.
    sim.speed(5)
    play = header(sim, 'cloudflow') + '''
      tasks:
        - name: a zone, waiting until it is deployed
          edgeops.cdn.cdn_zone:
            hostname: cdn.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 1
          register: created
    ''' + save(['created'], tmp_path)
    rc, out = run_playbook(tmp_path, play)
    assert rc == 0, out
    # The progress a play (and an AWX job: "Host Polling" events) shows while the module waits.
    assert out.count('ASYNC POLL on localhost') >= 2, out
    assert 'ASYNC OK on localhost' in out
    created = results(tmp_path)['created']
    assert created['changed'] is True and created['finished'] in (1, True)
    assert created['zone']['status'] == 'ACTIVE' and created['zone']['hostname'] == 'cdn.example.com'
    assert 'raw' not in created['zone']
    assert [a['action'] for a in created['plan']] == ['create']
    [resource] = sim.state('cloudflow')['cdn_resources']
    assert resource['status'] == 'ACTIVE'
    assert [e['method'] for e in sim.mutations('cloudflow')] == ['POST']
    assert SECRET not in out


def test_poll_zero_then_async_status(sim, tmp_path):
    """Two long tasks started with poll: 0 run side by side; an async_status loop collects them."""
    sim.speed(5)  # UCDN: a zone reconfigures for 20 s, a purge job runs for 10 s (simulated)
    sim.seed('ucdn', {'zones': [{'custom_domains': ['old.example.com']}]})
    play = header(sim, 'ucdn') + '''
      tasks:
        - name: a new zone, started in the background
          edgeops.cdn.cdn_zone:
            hostname: new.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 0
          register: zone_job

        - name: purge two paths of the other zone, started in the background
          edgeops.cdn.cdn_purge:
            zone: old.example.com
            paths: [/a.png, /b.png]
            wait_timeout: 60
          async: 120
          poll: 0
          register: purge_job

        - name: wait for both
          ansible.builtin.async_status:
            jid: "{{ item.ansible_job_id }}"
          loop: [ "{{ zone_job }}", "{{ purge_job }}" ]
          register: done
          until: done.finished
          retries: 60
          delay: 1
    ''' + save(['zone_job', 'done'], tmp_path)
    rc, out = run_playbook(tmp_path, play)
    assert rc == 0, out
    saved = results(tmp_path)
    assert saved['zone_job']['started'] in (1, True) and saved['zone_job']['finished'] in (0, False)
    zone, purge = saved['done']['results']
    assert zone['changed'] is True and zone['zone']['hostname'] == 'new.example.com'
    assert zone['zone']['status'] == 'ready' and 'raw' not in zone['zone']
    assert purge['changed'] is True and purge['purged'] == 2 and purge['failed_urls'] == []
    assert [j['status'] for j in purge['jobs']] == ['finished']
    assert [z['reconfig_status'] for z in sim.state('ucdn')['zones']] == ['ready', 'ready']
    assert [j['status'] for j in sim.state('ucdn')['purge_jobs']] == ['finished']
    # The job files hold the results as the modules returned them, the token masked.
    files = async_files(tmp_path)
    jobs = [json.loads(text) for text in files]
    assert sorted(j['zone'].get('hostname') for j in jobs) == ['new.example.com', 'old.example.com']
    assert [j['invocation']['module_args']['api_token'] for j in jobs] == ['VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'] * 2
    assert not any(SECRET in text for text in files)
    assert SECRET not in out


def test_check_mode_under_async_writes_nothing_and_plans_as_the_real_run(sim, tmp_path):
    # Check mode never waits; the real run waits only briefly at this speed.
    sim.speed(100)
    play = header(sim, 'cloudflow') + '''
      tasks:
        - name: a zone, polled
          edgeops.cdn.cdn_zone:
            hostname: cdn.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 1
          register: polled

        - name: the same zone, in the background
          edgeops.cdn.cdn_zone:
            hostname: cdn.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 0
          register: job

        - name: its result
          ansible.builtin.async_status:
            jid: "{{ job.ansible_job_id }}"
          register: background
          until: background.finished
          retries: 60
          delay: 1
    ''' + save(['polled', 'background'], tmp_path)
    rc, out = run_playbook(tmp_path, play, '--check')
    assert rc == 0, out
    assert sim.mutations('cloudflow') == []
    checked = results(tmp_path)
    for result in checked.values():
        assert result['changed'] is True
        assert [a['action'] for a in result['plan']] == ['create']
        assert result['zone']['id'] is None and 'raw' not in result['zone']
    assert checked['polled']['plan_checksum'] == checked['background']['plan_checksum']

    rc, out = run_playbook(tmp_path, play)
    assert rc == 0, out
    real = results(tmp_path)
    # The first task created the zone with the plan check mode showed; the second found it done.
    assert real['polled']['changed'] is True
    assert real['polled']['plan_checksum'] == checked['polled']['plan_checksum']
    assert real['background']['changed'] is False
    assert len(sim.state('cloudflow')['cdn_resources']) == 1


def test_failure_and_async_shorter_than_the_wait(sim, tmp_path):
    """A wait that times out fails through async with the module's message and what it applied; an
    async limit below wait_timeout kills the module mid-wait (hence: async > wait_timeout), and the
    next run continues from what the killed one wrote."""
    play = header(sim, 'cloudflow') + '''
      tasks:
        - name: wait_timeout shorter than the deployment
          edgeops.cdn.cdn_zone:
            hostname: one.example.com
            origin: http://o.example.com
            wait_timeout: 2
          async: 60
          poll: 1
          register: timed_out
          ignore_errors: true

        - name: async shorter than wait_timeout
          edgeops.cdn.cdn_zone:
            hostname: two.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 8
          poll: 1
          register: killed
          ignore_errors: true
    ''' + save(['timed_out', 'killed'], tmp_path)
    rc, out = run_playbook(tmp_path, play)
    assert rc == 0, out
    saved = results(tmp_path)
    timed_out = saved['timed_out']
    assert timed_out['failed'] is True and timed_out['changed'] is True
    assert 'timed out after 2s waiting for zone 1 to be deployed' in timed_out['msg']
    assert [a['action'] for a in timed_out['plan']] == ['create']
    killed = saved['killed']
    assert killed['failed'] is True
    # async_wrapper's words when it kills the module (SIGKILL: the module cannot report anything).
    assert killed['msg'] == 'Timeout exceeded' or 'did not complete within the requested time' in killed['msg']
    # The killed module had created the resource before it was stopped.
    assert sorted(r['cdn_hostname'] for r in sim.state('cloudflow')['cdn_resources']) == \
        ['one.example.com', 'two.example.com']
    assert SECRET not in out

    sim.advance(21)
    sim.clear_log()
    again = header(sim, 'cloudflow') + '''
      tasks:
        - name: the killed task again
          edgeops.cdn.cdn_zone:
            hostname: two.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 1
          register: rerun
    ''' + save(['rerun'], tmp_path)
    rc, out = run_playbook(tmp_path, again)
    assert rc == 0, out
    rerun = results(tmp_path)['rerun']
    assert rerun['changed'] is False and rerun['zone']['status'] == 'ACTIVE'
    assert sim.mutations('cloudflow') == []


def test_awx_job_shows_polling_events(sim):
    """Through ansible-runner (the engine AWX uses), with the token as a credential injects it: the
    wait shows as runner_on_async_poll events, which AWX lists as "Host Polling"."""
    sim.speed(5)
    token = 'awx-cloudflow-' + secrets.token_hex(8)
    sim.seed('cloudflow', {'users': {'awx@example.com': token}})
    play = textwrap.dedent('''
    - hosts: localhost
      gather_facts: false
      tasks:
        - name: a zone, waiting until it is deployed
          edgeops.cdn.cdn_zone:
            provider: cloudflow
            hostname: cdn.example.com
            origin: http://o.example.com
            wait_timeout: 60
          async: 120
          poll: 1
    ''')
    # Not tmp_path: pytest keeps those, and artifacts/<id>/command holds the environment in clear.
    pdd = tempfile.mkdtemp(prefix='awx-async-')
    try:
        os.makedirs(os.path.join(pdd, 'project'))
        with open(os.path.join(pdd, 'project', 'zone.yml'), 'w') as handle:
            handle.write(play)
        os.makedirs(os.path.join(pdd, 'inventory'))
        with open(os.path.join(pdd, 'inventory', 'hosts'), 'w') as handle:
            handle.write('localhost ansible_connection=local ansible_python_interpreter=%s\n' % sys.executable)
        os.makedirs(os.path.join(pdd, 'env'))
        with open(os.path.join(pdd, 'env', 'envvars'), 'w') as handle:
            handle.write(yaml.safe_dump({'CLOUDFLOW_API_USER': 'awx@example.com', 'CLOUDFLOW_API_KEY': token,
                                         'CLOUDFLOW_API_URL': sim.api_url('cloudflow')}))
        env = module_env()
        env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   PATH=os.path.dirname(sys.executable) + os.pathsep + env.get('PATH', ''))
        runner = os.path.join(os.path.dirname(sys.executable), 'ansible-runner')
        proc = subprocess.run([runner, 'run', pdd, '-p', 'zone.yml', '--ident', 'job1'],
                              capture_output=True, text=True, env=env, timeout=300, check=False)
        artifacts = os.path.join(pdd, 'artifacts', 'job1')
        with open(os.path.join(artifacts, 'stdout')) as handle:
            stdout = handle.read()
        events = []
        for name in sorted(os.listdir(os.path.join(artifacts, 'job_events'))):
            with open(os.path.join(artifacts, 'job_events', name)) as handle:
                events.append(handle.read())
    finally:
        shutil.rmtree(pdd, ignore_errors=True)
    assert proc.returncode == 0, stdout + proc.stderr
    kinds = [json.loads(e)['event'] for e in events]
    assert kinds.count('runner_on_async_poll') >= 2, kinds
    assert 'runner_on_async_ok' in kinds
    assert token not in stdout and not [e for e in events if token in e]
    [resource] = sim.state('cloudflow')['cdn_resources']
    assert resource['status'] == 'ACTIVE'
