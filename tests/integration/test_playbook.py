"""Through ansible-playbook: module_defaults groups, environment credentials,
--check/--diff, and no secret at -vvvv."""

import os
import subprocess
import sys
import textwrap

from tests.simulator.client import REPO
from tests.simulator.runner import ensure_collection_link

SECRET = 'sim-token'


def run_playbook(tmp_path, text, *args, env=None):
    path = tmp_path / 'play.yml'
    path.write_text(textwrap.dedent(text))
    run_env = dict(os.environ)
    run_env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING='0')
    run_env.update(env or {})
    bindir = os.path.dirname(sys.executable)
    proc = subprocess.run([os.path.join(bindir, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local', str(path)] + list(args),
                          capture_output=True, text=True, env=run_env, cwd=REPO, timeout=300, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_group_defaults_env_credentials_and_no_secret_at_vvvv(sim, tmp_path):
    sim.speed(100)
    play = '''
    - hosts: localhost
      gather_facts: false
      module_defaults:
        group/edgeops.cdn.cdn:
          provider: cloakfusion
          api_url: "%s"
      tasks:
        - name: create with the token from the environment
          edgeops.cdn.cdn_zone:
            hostname: cdn.example.com
            origin: http://o.example.com
            compress: true
        - name: read back
          edgeops.cdn.cdn_zone_info:
            hostname: cdn.example.com
          register: info
        - name: the zone is there
          ansible.builtin.assert:
            that: info.zones | length == 1
    ''' % sim.api_url('cloakfusion')
    rc, out = run_playbook(tmp_path, play, '-vvvv', env={'CLOAKFUSION_API_TOKEN': SECRET})
    assert rc == 0, out
    assert 'changed=1' in out
    assert 'api_requests' in out  # the request log is shown at -vvv ...
    assert SECRET not in out       # ... and no secret anywhere


def test_check_and_diff_through_ansible(sim, tmp_path):
    play = '''
    - hosts: localhost
      gather_facts: false
      tasks:
        - name: would create
          edgeops.cdn.cdn_zone:
            provider: cloakfusion
            api_url: "%s"
            api_token: "%s"
            hostname: cdn.example.com
            origin: http://o.example.com
    ''' % (sim.api_url('cloakfusion'), SECRET)
    rc, out = run_playbook(tmp_path, play, '--check', '--diff')
    assert rc == 0, out
    assert '+    "hostname": "cdn.example.com"' in out or '"hostname": "cdn.example.com"' in out
    assert 'changed=1' in out
    assert sim.mutations('cloakfusion') == []
