"""make bench, the fleet scenario (issue 19, item 4): zones as inventory hosts, measured on the simulator.

Zones are seeded straight into the simulator's state (fast), spread evenly over the five providers, then:

- inventory: the edgeops.cdn.cdn_zones source built cold (empty cache) and from its jsonfile cache;
  requests made against the minimal listing reads (``minimal_listing`` below);
- slicing: the whole fleet converged by playbooks/converge_zones.yml as 4 ``--limit`` partitions run at
  once as separate ansible-playbook processes, each with EDGEOPS_CDN_RATE_SHARE=0.25 and its own
  EDGEOPS_CDN_RATE_DIR (separate execution nodes), every zone changed by the group_vars;
- no-op: the same playbook over every host with 20 forks right after: requests against the minimal
  reads by id (``minimal_noop`` below), writes, wall time;
- rate-limited: one CloudFlare account with a small seeded limit on a fast clock, 50 hosts and 50 forks
  with ``rate_limit`` set to the same rate: failed tasks, the share of E_MAXAPI refusals, and the calls per
  window achieved against the limit.

Loaded by scripts/bench.py (scripts/bench/ is not a package: it holds the bench's playbooks).
"""

import json
import math
import os
import subprocess
import time

from tests.simulator.accounts import PROVIDERS, TOKEN_ENV, USER_ENV, recap, zone_seed
from tests.simulator.client import REPO

TOKEN = 'sim-token'             # the simulator's default account of every provider
USER = 'admin@example.com'

# Desired state per provider group for the sliced converge: every seeded zone differs from it.
DESIRED = {
    'ucdn': {'cache_ttl': 7200},
    'leaseweb': {'cache_ttl': 7200},
    'cloakfusion': {'compress': True},
    'cloudflow': {'settings': {'cache_expiry': 120}},
    'cloudflare': {'settings': {'sec_lvl': 'high'}},
}

# Minimal reads of a no-op converge, per host: what reading one zone by its id costs (docs/inventory.md,
# "Converge the hosts", from each provider's API document). A per-host task that lists the account again
# costs more, so the ratio shows it.
NOOP_READS_BY_ID = {
    'cloakfusion': 1,   # Cloakfusion API Reference, "Vhosts / GET" of one vhost
    'ucdn': 1,          # UCDN API v3, "Fetch a zone"
    'cloudflow': 2,     # OnApp CDN API, "Get CDN Resource Basic Details" and "... Advanced Details"
    'cloudflare': 2,    # Client API v1 has no read by id: 3.2 zone_load_multi (unpaged) and 3.7 zone_settings
    'leaseweb': 4,      # Leaseweb CDN v2: the distribution, its domains, its policies, its origin ...
}
LEASEWEB_PAGE = 25              # ... plus the account's action list ("List actions", default limit 25): the status

# Rate-limited scenario: the documented 1,200 calls per 5 minutes made small, on a clock RATE_SPEED times fast.
RATE_HOSTS = 50
RATE_LIMIT = 20
RATE_WINDOW = 100.0             # simulated seconds
RATE_SPEED = 20                 # so 5 real seconds a window

SLICES = 4

PLAY = '''
- hosts: all
  gather_facts: false
  connection: local
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  module_defaults:
    group/edgeops.cdn.cdn:
      provider: cloudflare
      api_url: "%(url)s"
      rate_limit: %(rate_limit)s
  tasks:
    - name: read the host's zone
      edgeops.cdn.cdn_zone_info:
        hostname: "{{ inventory_hostname }}"
      register: info
    - name: the zone is there
      ansible.builtin.assert:
        that: info.zones | length == 1
    - name: a small update of every fifth zone
      edgeops.cdn.cdn_zone:
        hostname: "{{ inventory_hostname }}"
        settings:
          sec_lvl: high
      when: update | bool
'''


def log(msg):
    print('[bench] %s' % msg, flush=True)


def zone_names(provider, count):
    return ['%s-%03d.example.com' % (provider, n) for n in range(count)]


def seed_data(provider, hostnames):
    """The provider's simulator seed: zones serving ``hostnames`` in the default account; CloudFlare's limit
    out of the way of the fleet runs (the clock runs fast for the Leaseweb deployments)."""
    return zone_seed(provider, hostnames, token=TOKEN, user=USER, rate_limit=10 ** 7)


def credentials():
    env = {}
    for provider in PROVIDERS:
        env[TOKEN_ENV[provider]] = TOKEN
        if provider in USER_ENV:
            env[USER_ENV[provider]] = USER
    return env


def run(runner, cmd, label, env=None, wait=True):
    """Start an ansible tool of the venv (output to <workdir>/<label>.log); wait for it unless ``wait`` is false."""
    run_env = runner.env()
    run_env.update(credentials())
    run_env.update(ANSIBLE_INVENTORY_UNPARSED_FAILED='1', ANSIBLE_HOST_KEY_CHECKING='0')
    run_env.pop('ANSIBLE_CALLBACKS_ENABLED', None)
    run_env.update(env or {})
    log_file = os.path.join(runner.workdir, 'fleet-%s.log' % label)
    out = open(log_file, 'w')
    started = time.time()
    proc = subprocess.Popen([os.path.join(runner.bindir, cmd[0])] + cmd[1:], stdout=out, stderr=subprocess.STDOUT,
                            env=run_env, cwd=runner.workdir)
    job = dict(proc=proc, out=out, log=log_file, started=started, label=label)
    return finish(job) if wait else job


def finish(job):
    rc = job['proc'].wait(1800)
    job['out'].close()
    with open(job['log']) as handle:
        output = handle.read()
    return dict(rc=rc, output=output, seconds=time.time() - job['started'], log=job['log'])


def failed_tasks(result):
    return sum(c.get('failed', 0) + c.get('unreachable', 0) for c in recap(result['output']).values())


def write_fleet(sim, runner, zones_per_provider):
    """Seed the zones; write the inventory source and its group_vars; return the source's path and the host names."""
    sim.reset()
    sim.speed(100)  # Leaseweb deployments after an update: short
    hosts = {}
    for provider in PROVIDERS:
        hosts[provider] = zone_names(provider, zones_per_provider)
        sim.seed(provider, seed_data(provider, hosts[provider]))
    accounts = [dict(name=provider, provider=provider, api_url=sim.url(provider)) for provider in PROVIDERS]
    source = dict(plugin='edgeops.cdn.cdn_zones', accounts=accounts, cache=True, cache_plugin='ansible.builtin.jsonfile',
                  cache_connection=os.path.join(runner.workdir, 'fleet-cache'), cache_timeout=3600)
    path = os.path.join(runner.workdir, 'fleet.cdn_zones.yml')
    with open(path, 'w') as handle:
        json.dump(source, handle)   # JSON is YAML
    group_vars = os.path.join(runner.workdir, 'group_vars')
    os.makedirs(group_vars, exist_ok=True)
    for provider, desired in DESIRED.items():
        with open(os.path.join(group_vars, 'cdn_%s.yml' % provider), 'w') as handle:
            json.dump(dict(cdn_desired=desired), handle)
    sim.clear_log()
    return path, hosts


def minimal_listing(sim, provider, zones):
    """The fewest reads that list an account of ``zones`` zones with the host variables the inventory gives
    (docs/inventory.md, "Requests and caching", from each provider's API document): one listing where the
    listing carries every field; one read of each zone's settings where only that read has them (CloudFlow's
    advanced details, CloudFlare's zone_settings); Leaseweb (CDN v2: domains and policies are sub-resources of
    a distribution, the status only in the action list): the pages of the distributions and of the actions at
    the API's default page of 25, then each distribution's domains and policies, and each distinct origin once
    (distributions commonly share an origin)."""
    if provider in ('cloakfusion', 'ucdn'):
        return 1
    if provider in ('cloudflow', 'cloudflare'):
        return 1 + zones
    state = sim.state('leaseweb')
    origins = set(p['originPullId'] for p in state.get('policies', []) if p.get('originPullId'))
    return pages(zones) + pages(len(state.get('actions', []))) + 2 * zones + len(origins)


def pages(items):
    """Requests to list ``items`` at Leaseweb's default page of 25 ("List ...": limit, offset); one when empty."""
    return max(1, int(math.ceil(items / float(LEASEWEB_PAGE))))


def minimal_noop(sim, provider, zones):
    """The fewest reads that tell a converged zone from one that needs a change, read by its id: one zone's
    reads (NOOP_READS_BY_ID) times the zones; Leaseweb adds, for each zone, the pages of the account's action
    list, where alone a distribution's status is."""
    if provider != 'leaseweb':
        return NOOP_READS_BY_ID[provider] * zones
    return (NOOP_READS_BY_ID[provider] + pages(len(sim.state('leaseweb').get('actions', [])))) * zones


def scenario_inventory(sim, runner, source, hosts):
    """Cold build (empty cache) and cached build; requests against the minimal listing reads."""
    out = os.path.join(runner.workdir, 'fleet-inventory.json')
    cold = run(runner, ['ansible-inventory', '-i', source, '--list', '--output', out, '--flush-cache'], 'inventory-cold')
    if cold['rc'] != 0:
        raise RuntimeError('cold inventory build failed, see %s:\n%s' % (cold['log'], cold['output'][-3000:]))
    made = dict((p, len(sim.log(p))) for p in PROVIDERS)
    with open(out) as handle:
        built = json.load(handle)
    found = len(built['_meta']['hostvars'])
    minimal = dict((p, minimal_listing(sim, p, len(hosts[p]))) for p in PROVIDERS)
    sim.clear_log()
    cached = run(runner, ['ansible-inventory', '-i', source, '--list', '--output', out], 'inventory-cached')
    if cached['rc'] != 0:
        raise RuntimeError('cached inventory build failed, see %s' % cached['log'])
    cached_requests = len(sim.log())
    return dict(
        inventory_hosts=found,
        inventory_cold_seconds=round(cold['seconds'], 2),
        inventory_cached_seconds=round(cached['seconds'], 2),
        inventory_cached_requests=cached_requests,
        inventory_requests=sum(made.values()),
        inventory_minimal_requests=sum(minimal.values()),
        inventory_request_ratio=round(sum(made.values()) / float(sum(minimal.values())), 2),
        inventory_requests_by_provider=dict((p, dict(made=made[p], minimal=minimal[p])) for p in PROVIDERS),
    )


def scenario_slices(sim, runner, source, hosts, forks):
    """SLICES --limit partitions of the fleet at once, separate processes, each a quarter of the rate budget."""
    names = sorted(sum(hosts.values(), []))
    size = int(math.ceil(len(names) / float(SLICES)))
    playbook = os.path.join(REPO, 'playbooks', 'converge_zones.yml')
    jobs = []
    for index in range(SLICES):
        # AWX slices the inventory's hosts the same way: contiguous ranges of the host list.
        limit_file = os.path.join(runner.workdir, 'fleet-slice%d.limit' % index)
        with open(limit_file, 'w') as handle:
            handle.write('\n'.join(names[index * size:(index + 1) * size]) + '\n')
        env = dict(EDGEOPS_CDN_RATE_SHARE=str(1.0 / SLICES),
                   EDGEOPS_CDN_RATE_DIR=os.path.join(runner.workdir, 'fleet-node%d.rate' % index))
        jobs.append(run(runner, ['ansible-playbook', '-i', source, playbook, '-f', str(forks), '--limit', '@' + limit_file],
                        'slice%d' % index, env=env, wait=False))
    started = time.time()
    results = [finish(job) for job in jobs]
    seconds = time.time() - started
    converged = 0
    changed = 0
    for result in results:
        counts = recap(result['output'])
        changed += sum(c.get('changed', 0) for c in counts.values())
        if result['rc'] == 0 and counts and failed_tasks(result) == 0:
            converged += 1
    return dict(slices=SLICES, slices_converged=converged, slices_seconds=round(seconds, 1),
                slices_changed_hosts=changed, slices_failed_tasks=sum(failed_tasks(r) for r in results),
                slices_throttled=len([e for e in sim.log() if e.get('throttled')]))


def scenario_noop(sim, runner, source, hosts, forks):
    """The whole fleet again, every zone converged: requests against the minimal reads by id, writes, time."""
    sim.clear_log()
    playbook = os.path.join(REPO, 'playbooks', 'converge_zones.yml')
    result = run(runner, ['ansible-playbook', '-i', source, playbook, '-f', str(forks)], 'noop',
                 env=dict(EDGEOPS_CDN_RATE_DIR=os.path.join(runner.workdir, 'fleet-noop.rate')))
    counts = recap(result['output'])
    made = dict((p, len(sim.log(p))) for p in PROVIDERS)
    minimal = dict((p, minimal_noop(sim, p, len(hosts[p]))) for p in PROVIDERS)
    return dict(
        fleet_noop_forks=forks,
        fleet_noop_hosts=len(counts),
        fleet_noop_failed_tasks=failed_tasks(result),
        fleet_noop_changed=sum(c.get('changed', 0) for c in counts.values()),
        fleet_noop_requests=sum(made.values()),
        fleet_noop_minimal_requests=sum(minimal.values()),
        fleet_noop_request_ratio=round(sum(made.values()) / float(sum(minimal.values())), 2),
        fleet_noop_requests_by_provider=dict((p, dict(made=made[p], minimal=minimal[p])) for p in PROVIDERS),
        fleet_noop_writes=len(sim.mutations()),
        fleet_noop_seconds=round(result['seconds'], 1),
    )


def scenario_role(sim, runner, source, hosts, count, forks):
    """The same playbook on ``count`` converged hosts of the role's four CDN providers (not CloudFlare: the role's
    DNS side), each through the distribution role (cdn_converge_with: distribution, from host_vars)."""
    role_providers = ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb')
    subset = []
    for index in range(count):
        names = hosts[role_providers[index % len(role_providers)]]
        subset.append(names[index // len(role_providers)])
    host_vars = os.path.join(runner.workdir, 'host_vars')
    os.makedirs(host_vars, exist_ok=True)
    for name in subset:
        with open(os.path.join(host_vars, '%s.yml' % name), 'w') as handle:
            json.dump(dict(cdn_converge_with='distribution', distribution_poll_interval=1), handle)
    limit_file = os.path.join(runner.workdir, 'fleet-role.limit')
    with open(limit_file, 'w') as handle:
        handle.write('\n'.join(subset) + '\n')
    sim.clear_log()
    playbook = os.path.join(REPO, 'playbooks', 'converge_zones.yml')
    result = run(runner, ['ansible-playbook', '-i', source, playbook, '-f', str(forks), '--limit', '@' + limit_file], 'role',
                 env=dict(EDGEOPS_CDN_RATE_DIR=os.path.join(runner.workdir, 'fleet-role.rate')))
    counts = recap(result['output'])
    # The role reads each zone by its id too: the same minimal reads as the no-op converge.
    minimal = sum(minimal_noop(sim, name.split('-')[0], 1) for name in subset)
    return dict(fleet_role_hosts=len(counts), fleet_role_minimal_requests=minimal, fleet_role_forks=forks, fleet_role_failed_tasks=failed_tasks(result),
                fleet_role_changed=sum(c.get('changed', 0) for c in counts.values()),
                fleet_role_requests=len(sim.log()), fleet_role_writes=len(sim.mutations()),
                fleet_role_seconds=round(result['seconds'], 1))


def full_windows(times, window):
    """Calls in each whole window of ``window`` simulated seconds from the first call (the busy part of the run:
    the trailing partial window, where the work runs out, is left out)."""
    if not times:
        return []
    times = sorted(times)
    start, end = times[0], times[-1]
    counts = []
    k = 0
    while start + (k + 1) * window <= end:
        counts.append(len([t for t in times if start + k * window <= t < start + (k + 1) * window]))
        k += 1
    return counts


def scenario_rate_limited(sim, runner, hosts_count, forks):
    """One CloudFlare account limited to RATE_LIMIT calls per RATE_WINDOW simulated seconds, ``forks`` forks
    over ``hosts_count`` hosts, the modules told the same rate through rate_limit."""
    sim.reset()
    sim.speed(RATE_SPEED)
    names = ['rate-%03d.example.com' % n for n in range(hosts_count)]
    sim.seed('cloudflare', {'zones': [{'zone_name': name} for name in names], 'rate_limit': RATE_LIMIT,
                            'rate_window': RATE_WINDOW})
    sim.clear_log()
    inventory = os.path.join(runner.workdir, 'fleet-rate.ini')
    with open(inventory, 'w') as handle:
        handle.write('[all]\n' + ''.join('%s update=%s\n' % (n, 'true' if i % 5 == 0 else 'false')
                                         for i, n in enumerate(names)))
    play = os.path.join(runner.workdir, 'fleet-rate.yml')
    real_window = RATE_WINDOW / RATE_SPEED
    with open(play, 'w') as handle:
        handle.write(PLAY % dict(url=sim.url('cloudflare'), rate_limit='{calls: %d, seconds: %s}' % (RATE_LIMIT, real_window)))
    result = run(runner, ['ansible-playbook', '-i', inventory, play, '-f', str(forks)], 'rate-limited',
                 env=dict(EDGEOPS_CDN_RATE_DIR=os.path.join(runner.workdir, 'fleet-rate.rate')))
    entries = sim.log('cloudflare')
    refused = [e for e in entries if e.get('throttled')]
    windows = full_windows([e['sim_time'] for e in entries if not e.get('throttled')], RATE_WINDOW)
    utilisation = (sum(windows) / float(len(windows) * RATE_LIMIT)) if windows else None
    return dict(
        rate_limited_hosts=hosts_count,
        rate_limited_forks=forks,
        rate_limited_limit='%d calls per %g s (simulated; %g s real)' % (RATE_LIMIT, RATE_WINDOW, real_window),
        rate_limited_failures=failed_tasks(result) + (0 if result['rc'] == 0 else int(not recap(result['output']))),
        rate_limited_requests=len(entries),
        rate_limited_429_share=round(len(refused) / float(len(entries) or 1), 4),
        rate_limited_windows=windows,
        rate_limited_utilisation=round(utilisation, 3) if utilisation is not None else None,
        rate_limited_seconds=round(result['seconds'], 1),
    )


def scenario_fleet(sim, runner, sizes):
    """All fleet measurements; sizes: fleet_zones (spread evenly), fleet_forks, rate_hosts, rate_forks."""
    per_provider = sizes['fleet_zones'] // len(PROVIDERS)
    source, hosts = write_fleet(sim, runner, per_provider)
    report = dict(fleet_zones=per_provider * len(PROVIDERS))
    steps = [('inventory', lambda: scenario_inventory(sim, runner, source, hosts)),
             ('slices', lambda: scenario_slices(sim, runner, source, hosts, sizes['fleet_slice_forks'])),
             ('noop', lambda: scenario_noop(sim, runner, source, hosts, sizes['fleet_forks'])),
             ('role', lambda: scenario_role(sim, runner, source, hosts, sizes['fleet_role_hosts'], sizes['fleet_forks'])),
             ('rate-limited', lambda: scenario_rate_limited(sim, runner, sizes['rate_hosts'], sizes['rate_forks']))]
    for name, step in steps:
        t0 = time.time()
        report.update(step())
        log('  fleet %s done in %.1f s' % (name, time.time() - t0))
    return report
