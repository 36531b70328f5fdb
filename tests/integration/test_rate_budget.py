"""One rate budget per account across forks (module_utils/rate.py), against a rate-limited simulator.

The simulated CloudFlare account allows LIMIT calls in any WINDOW simulated seconds (the documented
1,200 per 5 minutes, made small by seed data) and runs its clock SPEED times fast, so a window is
WINDOW / SPEED real seconds: the option rate_limit says the same to the modules. 50 hosts, each its
own zone, run with 50 forks through ansible-playbook: with the shared budget no call is refused and
no window of the simulator's clock holds more than LIMIT calls; without it the forks run into the
limit (E_MAXAPI). CloudFlare's client API answers a refusal with HTTP 200 and err_code E_MAXAPI
("CloudFlare Client Interface API", 1.2 "General Issues Checklist"); the simulator marks each
refusal ``throttled`` in its log.
"""

import os
import subprocess
import sys
import textwrap
import urllib.parse
import urllib.request
import json

from tests.simulator.client import REPO
from tests.simulator.runner import ensure_collection_link

P = 'cloudflare'
USER = 'admin@example.com'
TOKEN = 'sim-token'
HOSTS = 50
LIMIT = 30
WINDOW = 40.0      # simulated seconds
SPEED = 10         # so 4 real seconds
REAL_WINDOW = WINDOW / SPEED

PLAY = '''
- hosts: all
  gather_facts: false
  module_defaults:
    group/edgeops.cdn.cdn:
      provider: cloudflare
      api_url: "{url}"
      api_user: {user}
      rate_limit: {rate_limit}
  tasks:
    - name: read the host's zone
      edgeops.cdn.cdn_zone_info:
        hostname: "{{{{ zone_name }}}}"
      register: info
    - name: the zone is there
      ansible.builtin.assert:
        that: info.zones | length == 1
    - name: a small update of every fifth zone
      edgeops.cdn.cdn_zone:
        hostname: "{{{{ zone_name }}}}"
        settings:
          sec_lvl: high
      when: update | bool
'''


def zone_names(count, prefix='z'):
    return ['%s%02d.example.com' % (prefix, n) for n in range(1, count + 1)]


def seed(sim, names):
    sim.speed(SPEED)
    sim.seed(P, {'zones': [{'zone_name': name} for name in names], 'rate_limit': LIMIT, 'rate_window': WINDOW})
    sim.clear_log()


def write_inventory(tmp_path, names, label='hosts'):
    lines = ['[all]']
    for index, name in enumerate(names):
        lines.append('%s zone_name=%s update=%s' % (name.split('.')[0], name, 'true' if index % 5 == 0 else 'false'))
    path = tmp_path / ('%s.ini' % label)
    path.write_text('\n'.join(lines) + '\n')
    return str(path)


def start_playbook(sim, tmp_path, inventory, forks, rate_limit, env=None, label='play'):
    play = tmp_path / ('%s.yml' % label)
    play.write_text(textwrap.dedent(PLAY.format(url=sim.api_url(P), user=USER, rate_limit=rate_limit)))
    run_env = dict(os.environ)
    run_env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_HOST_KEY_CHECKING='0',
                   ANSIBLE_RETRY_FILES_ENABLED='0', CLOUDFLARE_API_TOKEN=TOKEN)
    run_env.update(env or {})
    bindir = os.path.dirname(sys.executable)
    return subprocess.Popen([os.path.join(bindir, 'ansible-playbook'), '-i', inventory, '-c', 'local', '-f', str(forks),
                             str(play)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=run_env,
                            cwd=REPO)


def finish(proc):
    out, dummy = proc.communicate(timeout=300)
    return proc.returncode, out


def recap(out):
    """{host: {'ok': n, 'failed': n, ...}} from the PLAY RECAP."""
    hosts = {}
    for line in out.split('PLAY RECAP', 1)[-1].splitlines():
        if ':' not in line or '=' not in line:
            continue
        host, counts = line.split(':', 1)
        hosts[host.strip()] = dict((k, int(v)) for k, v in (item.split('=') for item in counts.split()))
    return hosts


def accepted(sim):
    return [e for e in sim.log(P) if not e.get('throttled')]


def refused(sim):
    return [e for e in sim.log(P) if e.get('throttled')]


def busiest_window(entries, window):
    """The most calls any window of ``window`` simulated seconds holds (each window starting at a call)."""
    times = sorted(e['sim_time'] for e in entries)
    return max(len([t for t in times if start <= t < start + window]) for start in times)


def test_simulator_enforces_a_seeded_account_limit_and_logs_refusals(sim):
    sim.seed(P, {'rate_limit': 3, 'rate_window': 60})
    sim.clear_log()

    def call(email=USER, token=TOKEN):
        data = urllib.parse.urlencode(dict(a='zone_load_multi', tkn=token, email=email)).encode()
        with urllib.request.urlopen(urllib.request.Request(sim.api_url(P), data=data), timeout=10) as resp:
            return json.loads(resp.read().decode())

    answers = [call() for dummy in range(4)]
    assert [a['result'] for a in answers] == ['success'] * 3 + ['error']
    assert answers[3]['err_code'] == 'E_MAXAPI'
    assert [e['throttled'] for e in sim.log(P)] == [False, False, False, True]
    assert sim.state(P)['rate_limited'] == 1
    sim.seed(P, {'users': [{'email': 'other@example.com', 'tkn': 'other-token'}]})
    assert call('other@example.com', 'other-token')['result'] == 'success'   # another account, its own window
    sim.advance(60)
    assert call()['result'] == 'success'


def test_fifty_forks_share_one_budget_and_stay_within_the_limit(sim, tmp_path):
    names = zone_names(HOSTS)
    seed(sim, names)
    proc = start_playbook(sim, tmp_path, write_inventory(tmp_path, names), HOSTS,
                          '{calls: %d, seconds: %s}' % (LIMIT, REAL_WINDOW))
    rc, out = finish(proc)
    assert rc == 0, out[-3000:]
    hosts = recap(out)
    assert len(hosts) == HOSTS and all(h['failed'] == 0 and h['unreachable'] == 0 for h in hosts.values()), out[-3000:]
    assert refused(sim) == [] and sim.state(P)['rate_limited'] == 0
    calls = accepted(sim)
    assert len(calls) == HOSTS * 2 + (HOSTS // 5) * 4   # every read and update went through, none twice
    assert busiest_window(calls, WINDOW) <= LIMIT
    assert busiest_window(calls, WINDOW) >= LIMIT // 2   # and it was used: not paced far below the rate
    zones = dict((z['zone_name'], z) for z in sim.state(P)['zones'])
    assert [n for n in names if zones[n]['settings']['sec_lvl'] == 'high'] == names[::5]


def test_without_the_shared_budget_the_forks_run_into_the_limit(sim, tmp_path):
    """The same run with rate_limit.calls 0: the forks find the limit through refusals (then retry)."""
    names = zone_names(HOSTS)
    seed(sim, names)
    proc = start_playbook(sim, tmp_path, write_inventory(tmp_path, names), HOSTS, '{calls: 0}')
    finish(proc)
    assert len(refused(sim)) > 0 and sim.state(P)['rate_limited'] == len(refused(sim))
    assert all(e['sim_time'] for e in refused(sim))


def test_two_slices_at_half_share_stay_within_the_limit_together(sim, tmp_path):
    """AWX job slices on two execution nodes: each its own budget directory, each half the rate."""
    names = zone_names(HOSTS)
    seed(sim, names)
    procs = []
    for index, part in enumerate((names[:HOSTS // 2], names[HOSTS // 2:])):
        rate_dir = tmp_path / ('node%d' % index)
        procs.append(start_playbook(sim, tmp_path, write_inventory(tmp_path, part, 'slice%d' % index), len(part),
                                    '{calls: %d, seconds: %s}' % (LIMIT, REAL_WINDOW),
                                    env=dict(EDGEOPS_CDN_RATE_DIR=str(rate_dir), EDGEOPS_CDN_RATE_SHARE='0.5'),
                                    label='slice%d' % index))
    results = [finish(proc) for proc in procs]
    for rc, out in results:
        assert rc == 0, out[-3000:]
    assert refused(sim) == []
    calls = accepted(sim)
    assert len(calls) == HOSTS * 2 + (HOSTS // 5) * 4
    assert busiest_window(calls, WINDOW) <= LIMIT
    assert all(len(os.listdir(str(tmp_path / ('node%d' % i)))) == 2 for i in range(2))   # key + the api window


def test_bad_rate_options_fail_before_any_request(sim, module):
    base = sim.creds(P)
    base.update(hostname='example.com')
    cases = [
        (dict(rate_share=1.5), None, 'option rate_share: 1.5 is not allowed; allowed: a fraction greater than 0'),
        (dict(rate_limit=dict(calls=10)), None, 'option rate_limit.seconds: is missing; allowed: with calls'),
        (dict(rate_limit=dict(calls=-5, seconds=1)), None, 'option rate_limit.calls: -5 is not allowed'),
        ({}, {'EDGEOPS_CDN_RATE_SHARE': 'half'},
         "option rate_share: the environment variable EDGEOPS_CDN_RATE_SHARE is 'half', which is not allowed"),
    ]
    for extra, env, words in cases:
        result = module('cdn_zone_info', dict(base, **extra), env=env)
        assert result['_rc'] != 0 and words in result['msg'], result['msg']
    assert sim.log(P) == []


def test_a_wait_longer_than_max_wait_fails_saying_so_and_sends_nothing_more(sim, module):
    # One call per minute: cdn_zone_info reads the zone, then would wait a minute for its settings.
    params = sim.creds(P)
    params.update(hostname='example.com', rate_limit=dict(calls=1, seconds=60, max_wait=2))
    result = module('cdn_zone_info', params)
    assert result['_rc'] != 0
    assert 'no call was free in the CloudFlare account\'s rate budget (1 calls per 60 s)' in result['msg']
    assert 'rate_limit.max_wait (2 s)' in result['msg'] and TOKEN not in result['_raw']
    assert [e['body']['a'] for e in sim.log(P)] == ['zone_load_multi']
    # Another task of the same controller finds the budget spent too (one file per account).
    again = module('cdn_zone_info', params)
    assert again['_rc'] != 0 and 'rate_limit.max_wait' in again['msg']
    assert len(sim.log(P)) == 1


def test_shared_budget_off_or_on_the_default_documented_rate(sim, module, tmp_path):
    """Without rate_limit CloudFlare's documented 1,200 calls per 5 minutes apply (one window file);
    calls 0 uses none; UCDN documents no limit, so it touches no file."""
    rate_dir = tmp_path / 'budget'
    env = {'EDGEOPS_CDN_RATE_DIR': str(rate_dir)}
    params = sim.creds(P)
    params.update(hostname='example.com')
    assert module('cdn_zone_info', dict(params, rate_limit=dict(calls=0)), env=env)['_rc'] == 0
    assert not rate_dir.exists()
    ucdn = sim.creds('ucdn')
    assert module('cdn_zone_info', ucdn, env=env)['_rc'] == 0
    assert not rate_dir.exists()
    assert module('cdn_zone_info', params, env=env)['_rc'] == 0
    files = sorted(os.listdir(str(rate_dir)))
    assert len(files) == 2 and files[1] == 'key' and files[0].startswith('cloudflare-') and files[0].endswith('-api.window')
    assert os.path.getsize(str(rate_dir / files[0])) == 2 * 8   # the two calls, as 8-byte times


def test_the_inventory_source_and_the_modules_share_one_budget(sim, module, tmp_path):
    """The inventory plugin's listing and a module on the same account take calls from one window."""
    from ansible_collections.edgeops.cdn.plugins.module_utils.inventory import read_account

    rate_dir = tmp_path / 'budget'
    environ = {'EDGEOPS_CDN_RATE_DIR': str(rate_dir), 'CLOUDFLARE_API_TOKEN': TOKEN}
    found = read_account(dict(name='main', provider=P, api_url=sim.api_url(P), api_user=USER), environ)
    windows = [name for name in os.listdir(str(rate_dir)) if name.endswith('-api.window')]
    assert len(windows) == 1 and found['requests'] >= 1
    window = rate_dir / windows[0]
    assert os.path.getsize(str(window)) == found['requests'] * 8
    params = sim.creds(P)
    params.update(hostname='example.com')
    assert module('cdn_zone_info', params, env={'EDGEOPS_CDN_RATE_DIR': str(rate_dir)})['_rc'] == 0
    assert os.path.getsize(str(window)) == (found['requests'] + 2) * 8
    assert len(sim.log(P)) == found['requests'] + 2
