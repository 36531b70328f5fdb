"""make bench: the collection against what users would write instead, on the simulator on loopback.

Every scenario runs through real ansible-playbook runs (the venv's Python as the
module interpreter, the collection from .tmp/collections) and compares, in the
same run, what the collection does with what users would write instead. Task
times come from a small callback (scripts/bench/callback_plugins/bench_timer.py),
so interpreter and playbook start-up stay out of the ratios. Each scenario runs
RUNS times and the median is reported.

    python -m scripts.bench            # full: writes reports/bench.json and reports/bench.md
    python -m scripts.bench --smoke    # tiny sizes, one run, writes under .tmp/bench/ (make test)
"""

import argparse
import datetime
import importlib.util
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from tests.simulator.client import API_PATHS, REPO, Simulator as SimulatorClient, start_simulator

BENCH = os.path.join(REPO, 'scripts', 'bench')
COLLECTIONS = os.path.join(REPO, '.tmp', 'collections')
LINK = os.path.join(COLLECTIONS, 'ansible_collections', 'edgeops', 'cdn')
USER = 'admin@example.com'
TOKEN = 'sim-token'
LATENCY = 0.05  # scenario 3: injected per request

# extra_runs: runs of the supplementary row (the CloudFlare purge case).
FULL = dict(runs=3, extra_runs=1, dns_records=1000, dns_loop_records=30, purge_urls=10000,
            purge_sequential_urls=25, cloudflare_purge_urls=1000, overhead_pairs=6, import_runs=7,
            fleet_zones=500, fleet_forks=20, fleet_slice_forks=10, fleet_role_hosts=50, rate_hosts=50, rate_forks=50)
SMOKE = dict(runs=1, extra_runs=1, dns_records=30, dns_loop_records=3, purge_urls=200,
             purge_sequential_urls=3, cloudflare_purge_urls=10, overhead_pairs=1, import_runs=1,
             fleet_zones=10, fleet_forks=5, fleet_slice_forks=2, fleet_role_hosts=4, rate_hosts=10, rate_forks=10)

TARGETS = [
    ('noop_request_ratio', '==', 1.0),
    ('noop_writes', '==', 0),
    ('dns_bulk_speedup', '>=', 100),
    ('purge_speedup', '>=', 20),
    ('task_overhead_ratio', '<=', 1.15),
    # The fleet (scripts/bench/fleet.py, issue 19).
    ('fleet_noop_request_ratio', '==', 1.0),
    ('fleet_noop_writes', '==', 0),
    ('rate_limited_failures', '==', 0),
    ('rate_limited_429_share', '<', 0.01),
    ('rate_limited_utilisation', '>=', 0.9),
    ('slices_converged', '==', 4),
]

# Scenario 1 (scripts/bench/noop.yml) converges roles/distribution once per CDN provider, with the
# DNS at CloudFlare. Minimal reads: the fewest that can tell a converged zone from one that needs a
# change, per CDN provider, from the API documents (one read per endpoint holding managed state);
# plus one read of the DNS zone's records per distribution.
MINIMAL_READS = {
    # GET vhosts/ lists every vhost with all its fields.
    'cloakfusion': 1,
    # GET cdn_resources.json finds the resource; its advanced settings are only in advanced.json.
    'cloudflow': 2,
    # GET zones lists every zone with all its fields.
    'ucdn': 1,
    # GET distributions finds it; domains, policies and the origin are sub-resources of their own;
    # a distribution has no status field, so whether it is deployed (what the role waits for) is
    # only in its latest CREATE_DIST/UPDATE_DIST action: GET actions.
    'leaseweb': 5,
}


def log(msg):
    print('[bench] %s' % msg, flush=True)


# the simulator

class Simulator(SimulatorClient):
    """The tests' simulator client on a simulator process of its own, run by the bench's interpreter."""

    timeout = 60  # seeding a thousand records takes longer than a test's calls

    def __init__(self, python):
        self.proc, client = start_simulator(python)
        SimulatorClient.__init__(self, client.base)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def seed(self, provider, data):
        return SimulatorClient.seed(self, provider, data)['result']

    def latency(self, seconds):
        # An existing fault with a delay and no status: every request is served normally, late.
        self.call('POST', 'faults', {'delay': seconds, 'count': 10 ** 9})

    def url(self, provider):
        return self.api_url(provider)

    def round_trip_ms(self, count=30):
        """Median time of one keep-alive GET on one connection: what every request costs at least."""
        host, port = self.base.split('//', 1)[1].split(':')
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        times = []
        try:
            for _i in range(count):
                t0 = time.perf_counter()
                conn.request('GET', '/_sim/health')
                conn.getresponse().read()
                times.append(time.perf_counter() - t0)
        finally:
            conn.close()
        return round(median(times) * 1000.0, 1)


# ansible-playbook

class Runner:
    def __init__(self, python, workdir):
        self.python = python
        self.bindir = os.path.dirname(python)
        self.workdir = workdir
        self.count = 0

    def env(self):
        env = dict(os.environ)
        for key in list(env):
            if key.endswith(('_API_TOKEN', '_API_KEY', '_API_USER', '_API_EMAIL', '_API_URL')) or key.startswith('CDN_API'):
                env.pop(key)
        env.update(ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_PYTHON_INTERPRETER=self.python,
                   ANSIBLE_CALLBACK_PLUGINS=os.path.join(BENCH, 'callback_plugins'),
                   ANSIBLE_CALLBACKS_ENABLED='bench_timer', ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0',
                   ANSIBLE_INVENTORY_UNPARSED_WARNING='0', ANSIBLE_RETRY_FILES_ENABLED='0')
        return env

    def playbook(self, name, extra_vars, label):
        """Run scripts/bench/<name>; return {'seconds', 'tasks': [...]} (tasks from the callback)."""
        self.count += 1
        stem = '%02d-%s' % (self.count, label)
        vars_file = os.path.join(self.workdir, stem + '.vars.json')
        times_file = os.path.join(self.workdir, stem + '.times.json')
        log_file = os.path.join(self.workdir, stem + '.log')
        with open(vars_file, 'w') as handle:
            json.dump(extra_vars, handle)
        env = self.env()
        env['BENCH_TIMES_FILE'] = times_file
        # The simulator is reset between runs, a new account each time: so is the shared rate budget.
        env['EDGEOPS_CDN_RATE_DIR'] = os.path.join(self.workdir, stem + '.rate')
        cmd = [os.path.join(self.bindir, 'ansible-playbook'), '-i', 'localhost,', '-c', 'local',
               os.path.join(BENCH, name), '-e', '@' + vars_file]
        started = time.time()
        with open(log_file, 'w') as out:
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO, timeout=1800, check=False)
        seconds = time.time() - started
        with open(log_file) as handle:
            output = handle.read()
        if proc.returncode != 0:
            raise RuntimeError('%s failed (rc %d), see %s:\n%s' % (name, proc.returncode, log_file, output[-3000:]))
        with open(times_file) as handle:
            tasks = json.load(handle)
        return dict(seconds=seconds, tasks=tasks, output=output)


def measured(result, name=None):
    """The tasks named 'Measured ...' (optionally only those containing name) that ran."""
    return [t for t in result['tasks'] if t['name'].startswith('Measured') and (name is None or name in t['name'])]


def span(tasks):
    start = min(t['start'] for t in tasks)
    end = max(t['end'] for t in tasks)
    return start, end, end - start


def requests_in(entries, start, end):
    return [e for e in entries if start - 0.01 <= e['time'] <= end + 0.01]


def median(values):
    return statistics.median(values) if values else None


def rnd(value, digits=3):
    return round(value, digits) if isinstance(value, float) else value


def load_fleet():
    """scripts/bench/fleet.py: scripts/bench/ holds the playbooks and is no package (it would hide this module)."""
    spec = importlib.util.spec_from_file_location('bench_fleet', os.path.join(BENCH, 'fleet.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scenario_fleet(sim, runner, sizes):
    """6: 500 zones as inventory hosts: inventory builds, sliced and no-op converges, a rate-limited account."""
    report = load_fleet().scenario_fleet(sim, runner, sizes)
    report['fleet_date'] = datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')
    return report


# data

def dns_records(count):
    """A realistic mix: mostly A records, some AAAA, TXT, CNAME and MX."""
    records = []
    for i in range(count):
        name = 'host-%04d' % i
        kind = i % 10
        if kind < 6:
            rec = dict(record=name, type='A', value='10.%d.%d.%d' % (i // 65536 % 256, i // 256 % 256, i % 256))
        elif kind == 6:
            rec = dict(record=name, type='AAAA', value='2001:db8::%x' % (i + 1))
        elif kind == 7:
            rec = dict(record=name, type='TXT', value='v=bench%d' % i)
        elif kind == 8:
            rec = dict(record=name, type='CNAME', value='target-%d.example.net' % i)
        else:
            rec = dict(record=name, type='MX', value='mx%d.example.net' % i, priority=10)
        rec['ttl'] = 3600
        records.append(rec)
    return records


def noop_zones(sim):
    zones = [
        dict(provider='cloakfusion', hostname='static.example.com', origin='https://origin.example.com', tls=True),
        dict(provider='ucdn', hostname='cdn.example.com', origin='https://origin.example.com', cache_ttl=3600),
        dict(provider='leaseweb', hostname='media.example.com', origin='https://origin.example.com', cache_ttl=3600),
        dict(provider='cloudflow', api_user=USER, hostname='assets.example.com', origin='https://origin.example.com'),
    ]
    for zone in zones:
        zone['api_url'] = sim.url(zone['provider'])
    return zones


# scenarios

def scenario_noop(sim, runner, sizes):
    """1: converge an already provisioned distribution per CDN zone; requests made vs minimal reads, writes."""
    sim.reset()
    sim.speed(1000)  # provisioning waits for deployments; 1000x makes them short
    zones = noop_zones(sim)
    extra = dict(bench_zones=zones, bench_cloudflare_url=sim.url('cloudflare'))
    runner.playbook('noop.yml', extra, 'noop-provision')
    # One distribution per CDN zone: its zone reads, plus one read of the DNS zone's records each.
    minimal = {}
    for zone in zones:
        minimal[zone['provider']] = minimal.get(zone['provider'], 0) + MINIMAL_READS[zone['provider']]
    minimal['cloudflare'] = len(zones)
    made, writes, seconds, changes, by_provider = [], [], [], [], {}
    for run in range(sizes['runs']):
        sim.clear_log()
        result = runner.playbook('noop.yml', extra, 'noop-%d' % run)
        entries = sim.log()
        made.append(len(entries))
        writes.append(sum(1 for e in entries if e['mutating']))
        seconds.append(result['seconds'])
        changed = re.search(r'changed=(\d+)', result['output'].split('PLAY RECAP', 1)[-1])
        changes.append(int(changed.group(1)) if changed else None)
        by_provider = {}
        for entry in entries:
            by_provider.setdefault(entry['provider'], []).append('%s %s%s%s' % (
                entry['method'], entry['path'], _cf_action(entry), ' [write]' if entry['mutating'] else ''))
    total_minimal = sum(minimal.values())
    made_median = median(made)
    return dict(
        noop_runs=sizes['runs'],
        noop_requests=made_median,
        noop_minimal_requests=total_minimal,
        noop_request_ratio=round(made_median / total_minimal, 2),
        noop_writes=max(writes),
        noop_changed=max(changes, key=lambda c: -1 if c is None else c),
        noop_playbook_seconds=rnd(median(seconds)),
        noop_requests_by_provider=dict((p, dict(made=len(v), minimal=minimal.get(p), requests=v))
                                       for p, v in sorted(by_provider.items())),
        noop_resources=dict(zones=len(zones)),
    )


def _cf_action(entry):
    if entry['provider'] != 'cloudflare':
        return ''
    body = entry.get('body') or {}
    query = entry.get('query') or {}
    return ' a=%s' % (body.get('a') or query.get('a'))


def scenario_dns(sim, runner, sizes):
    """2: N records from empty, one cdn_dns_record task vs a per-record uri loop (on fewer, scaled)."""
    records = dns_records(sizes['dns_records'])
    loop_records = records[:sizes['dns_loop_records']]
    bulk_s, bulk_req, loop_s, loop_req, per_item = [], [], [], [], []
    for run in range(sizes['runs']):
        sim.reset()
        result = runner.playbook('dns_bulk.yml', dict(bench_api_url=sim.url('cloudflare'), bench_records=records),
                                 'dns-bulk-%d' % run)
        start, end, seconds = span(measured(result))
        bulk_s.append(seconds)
        bulk_req.append(len(requests_in(sim.log(), start, end)))
        sim.reset()
        result = runner.playbook('dns_loop.yml', dict(bench_api_url=sim.url('cloudflare'), bench_records=loop_records),
                                 'dns-loop-%d' % run)
        start, end, seconds = span(measured(result))
        loop_s.append(seconds)
        loop_req.append(len(requests_in(sim.log(), start, end)))
        per_item.append(seconds / len(loop_records))
    scaled = median(per_item) * len(records)
    bulk = median(bulk_s)
    return dict(
        dns_records=len(records),
        dns_bulk_seconds=rnd(bulk),
        dns_bulk_requests=median(bulk_req),
        dns_loop_seconds=rnd(scaled),
        dns_loop_measured_records=len(loop_records),
        dns_loop_measured_seconds=rnd(median(loop_s)),
        dns_loop_requests=round(median(loop_req) * len(records) / len(loop_records)),
        dns_loop_measured_requests=median(loop_req),
        dns_bulk_speedup=round(scaled / bulk, 1),
    )


def purge_paths(count):
    return ['/assets/build-%05d/app.js' % i for i in range(count)]


def _purge_pair(sim, runner, sizes, provider, count, seq_count, setup):
    """cdn_purge vs the sequential loop."""
    paths = purge_paths(count)
    seq_paths = paths[:seq_count]
    fast_s, fast_req, seq_s, seq_req, per_item = [], [], [], [], []
    for run in range(sizes['runs']):
        extra = setup()
        sim.latency(LATENCY)
        result = runner.playbook('purge.yml', dict(extra, bench_provider=provider, bench_paths=paths),
                                 'purge-%s-%d' % (provider, run))
        start, end, seconds = span(measured(result))
        fast_s.append(seconds)
        fast_req.append(len(requests_in(sim.log(), start, end)))
        extra = setup()
        sim.latency(LATENCY)
        result = runner.playbook('purge_sequential.yml', dict(extra, bench_provider=provider, bench_paths=seq_paths),
                                 'purge-seq-%s-%d' % (provider, run))
        tasks = [t for t in measured(result) if t['items']]
        start, end, seconds = span(tasks)
        seq_s.append(seconds)
        seq_req.append(len(requests_in(sim.log(), start, end)))
        per_item.append(seconds / len(seq_paths))
    scaled = median(per_item) * len(paths)
    fast = median(fast_s)
    return dict(runs=sizes['runs'], urls=len(paths), seconds=rnd(fast), requests=median(fast_req),
                sequential_seconds=rnd(scaled), sequential_measured_urls=len(seq_paths),
                sequential_measured_seconds=rnd(median(seq_s)), sequential_measured_requests=median(seq_req),
                sequential_floor_seconds=rnd(len(paths) * LATENCY),
                speedup=round(scaled / fast, 1), speedup_vs_floor=round(len(paths) * LATENCY / fast, 1))


def scenario_purge(sim, runner, sizes):
    """3: N URLs with 50 ms per request, cdn_purge vs sequential single-URL uri requests."""
    def cloudflow_setup():
        sim.reset()
        rid = sim.seed('cloudflow', {'cdn_resources': [{'cdn_hostname': 'cdn.example.com', 'origin': 'o.example.com'}]})[0]
        return dict(bench_api_url=sim.url('cloudflow'), bench_api_user=USER, bench_zone='cdn.example.com',
                    bench_resource_id=rid)

    flow = _purge_pair(sim, runner, sizes, 'cloudflow', sizes['purge_urls'], sizes['purge_sequential_urls'], cloudflow_setup)
    out = dict(
        purge_provider='cloudflow',
        purge_urls=flow['urls'],
        purge_seconds=flow['seconds'],
        purge_requests=flow['requests'],
        purge_sequential_seconds=flow['sequential_seconds'],
        purge_sequential_measured_urls=flow['sequential_measured_urls'],
        purge_sequential_measured_seconds=flow['sequential_measured_seconds'],
        purge_sequential_requests=flow['urls'],
        purge_sequential_floor_seconds=flow['sequential_floor_seconds'],
        purge_speedup=flow['speedup'],
        purge_speedup_vs_floor=flow['speedup_vs_floor'],
    )

    def cloudflare_setup():
        sim.reset()
        # The documented limit is 1,200 calls in 5 minutes; the URL count stays under it.
        return dict(bench_api_url=sim.url('cloudflare'), bench_api_user=USER, bench_zone='example.com')

    flare = _purge_pair(sim, runner, dict(sizes, runs=sizes['extra_runs']), 'cloudflare', sizes['cloudflare_purge_urls'],
                        sizes['purge_sequential_urls'], cloudflare_setup)
    out['purge_cloudflare'] = dict(('purge_' + k, v) for k, v in flare.items())
    return out


def scenario_overhead(sim, runner, sizes):
    """4: one single-zone GET through cdn_zone_info vs ansible.builtin.uri, alternating in one play."""
    ratios, info_s, uri_s = [], [], []
    for run in range(sizes['runs']):
        sim.reset()
        zid = sim.seed('ucdn', {'zones': [{'custom_domains': ['cdn.example.com']}]})[0]
        sim.clear_log()
        result = runner.playbook('overhead.yml', dict(bench_api_url=sim.url('ucdn'), bench_zone_id=zid,
                                                      bench_pairs=sizes['overhead_pairs']), 'overhead-%d' % run)
        info = [t['end'] - t['start'] for t in measured(result, 'cdn_zone_info')]
        uri = [t['end'] - t['start'] for t in measured(result, 'uri')]
        info_s.append(median(info))
        uri_s.append(median(uri))
        ratios.append(median(info) / median(uri))
        gets = [e for e in sim.log() if e['path'] == 'zone/%s' % zid]
        if len(gets) != 2 * sizes['overhead_pairs'] + 1:
            log('WARNING: expected one GET per task, saw %d' % len(gets))
    return dict(task_overhead_ratio=round(median(ratios), 2), task_cdn_zone_info_seconds=rnd(median(info_s)),
                task_uri_seconds=rnd(median(uri_s)), task_overhead_pairs=sizes['overhead_pairs'])


IMPORT_LINE = re.compile(r'^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s+)(\S+)')


def _importtime(python, statement):
    env = dict(os.environ, PYTHONPATH=COLLECTIONS)
    proc = subprocess.run([python, '-X', 'importtime', '-c', statement], capture_output=True, text=True, env=env,
                          cwd=tempfile.gettempdir(), check=True)
    entries = []
    for line in proc.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            depth = (len(match.group(3)) - 1) // 2
            entries.append(dict(name=match.group(4), self_us=int(match.group(1)), cum_us=int(match.group(2)), depth=depth))
    return entries


def _source_of(name):
    """The .py file of a module name (collection names resolved in this checkout), or None."""
    parts = name.split('.')
    if parts[:3] == ['ansible_collections', 'edgeops', 'cdn']:
        base = os.path.join(REPO, *parts[3:])
    elif parts[0] == 'ansible':
        import ansible  # pylint: disable=import-outside-toplevel
        base = os.path.join(os.path.dirname(ansible.__file__), *parts[1:])
    else:
        return None
    for candidate in (base + '.py', os.path.join(base, '__init__.py')):
        if os.path.isfile(candidate):
            return candidate
    return None


def _compile_ms(files, repeat=5):
    sources = []
    for path in files:
        if path:
            with open(path) as handle:
                sources.append((path, handle.read()))
    times = []
    for _i in range(repeat):
        t0 = time.perf_counter()
        for path, text in sources:
            compile(text, path, 'exec')
        times.append(time.perf_counter() - t0)
    return round(median(times) * 1000.0, 1)


def _import_cost(entries, baseline):
    """Microseconds spent on imports beyond interpreter start-up: the top-level entries not in baseline."""
    return sum(e['cum_us'] for e in entries if e['depth'] == 0 and e['name'] not in baseline)


def scenario_imports(python, sizes):
    """5: python -X importtime of cdn_zone_info (with its module_utils) vs ansible.builtin.uri."""
    targets = {
        'cdn_zone_info': 'import ansible_collections.edgeops.cdn.plugins.modules.cdn_zone_info',
        'uri': 'import ansible.modules.uri',
        'basic': 'import ansible.module_utils.basic',
    }
    costs = dict((k, []) for k in targets)
    last = {}
    baseline = set(e['name'] for e in _importtime(python, 'pass'))
    for _run in range(sizes['import_runs']):
        for key, statement in targets.items():
            entries = _importtime(python, statement)
            costs[key].append(_import_cost(entries, baseline))
            last[key] = entries
    # Which imports the module adds on top of what uri loads: the roots of the extra subtrees
    # below the collection's own modules, and the collection's own code (self time).
    uri_names = set(e['name'] for e in last['uri']) | baseline
    extra, stack, own_us = [], [], 0
    for entry in reversed(last['cdn_zone_info']):  # children are printed before their parent
        while stack and stack[-1]['depth'] >= entry['depth']:
            stack.pop()
        if entry['name'].startswith('ansible_collections'):
            own_us += entry['self_us']
        elif entry['name'] not in uri_names and all(
                p['name'].startswith('ansible_collections') or p['name'] in uri_names for p in stack):
            extra.append(entry)
        stack.append(entry)
    extra.sort(key=lambda e: -e['cum_us'])
    # A real task runs the module from the AnsiballZ zip, which carries module_utils as source:
    # they are compiled on every run, which -X importtime with cached .pyc files does not show.
    own_files = sorted(set(_source_of(e['name']) for e in last['cdn_zone_info'] if e['name'].startswith('ansible_collections')) - {None})
    uri_files = [_source_of('ansible.modules.uri'), _source_of('ansible.module_utils.urls')]
    module_ms = median(costs['cdn_zone_info']) / 1000.0
    uri_ms = median(costs['uri']) / 1000.0
    return dict(
        module_import_ms=round(module_ms, 1),
        uri_import_ms=round(uri_ms, 1),
        basic_import_ms=round(median(costs['basic']) / 1000.0, 1),
        module_import_ratio_to_uri=round(module_ms / uri_ms, 2),
        module_import_extra_over_uri=[dict(name=e['name'], ms=round(e['cum_us'] / 1000.0, 1)) for e in extra[:10]],
        module_import_own_code_ms=round(own_us / 1000.0, 1),
        module_import_adapters=sorted(set(e['name'].rsplit('.', 1)[1] for e in last['cdn_zone_info']
                                          if e['name'].startswith('ansible_collections.edgeops.cdn.plugins.module_utils.providers.')
                                          and e['name'].rsplit('.', 1)[1] in API_PATHS)),
        module_compile_ms=_compile_ms(own_files),
        module_compile_bytes=sum(os.path.getsize(f) for f in own_files if f),
        uri_compile_ms=_compile_ms(uri_files),
        uri_compile_bytes=sum(os.path.getsize(f) for f in uri_files if f),
    )


# report

def merged(path, report):
    """The existing report with the keys of a partial run (--only ... --merge) written over its own."""
    with open(path) as handle:
        previous = json.load(handle)
    ran = dict(report)
    for key in ('date', 'mode', 'runs', 'sizes', 'machine', 'python', 'ansible_core', 'total_seconds', 'simulator_round_trip_ms'):
        ran.pop(key, None)
    previous.update(ran)
    previous['sizes'] = dict(previous.get('sizes', {}), **report['sizes'])
    previous.setdefault('partial_runs', []).append(dict(date=report['date'], keys=sorted(ran),
                                                        seconds=report['total_seconds'],
                                                        load_average_at_start=report['machine']['load_average_at_start']))
    return previous


def machine():
    cpus = os.cpu_count()
    model = ''
    try:
        with open('/proc/cpuinfo') as handle:
            for line in handle:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = ' '.join('%.2f' % v for v in os.getloadavg())
    except OSError:
        load = ''
    return dict(platform=platform.platform(), cpu=model, cpus=cpus, load_average_at_start=load)


def ansible_version(python):
    proc = subprocess.run([python, '-c', 'import ansible.release as r; print(r.__version__)'],
                          capture_output=True, text=True, check=True)
    return proc.stdout.strip()


def meets(value, op, target):
    if value is None:
        return None
    return {'==': value == target, '>=': value >= target, '<=': value <= target, '<': value < target}[op]


def fmt(value):
    if isinstance(value, float):
        return ('%.3f' % value).rstrip('0').rstrip('.') if value < 10 else '%.1f' % value
    return str(value)


def render_markdown(report):
    r = report
    lines = ['# edgeops.cdn benchmarks', '',
             'Written by `make bench` (`scripts/bench.py`) on %s: against the bundled simulator on loopback, '
             'through real `ansible-playbook` runs, median of %d runs. Task times come from a callback, so '
             'interpreter and playbook start-up are not part of the ratios.' % (r['date'], r['runs']), '',
             '| | |', '| --- | --- |',
             '| machine | %s, %s CPUs (%s); load average %s at start, %s at end (shared machine) |' % (
                 r['machine']['platform'], r['machine']['cpus'], r['machine']['cpu'] or 'unknown CPU',
                 r['machine']['load_average_at_start'], r['machine'].get('load_average_at_end')),
             '| Python | %s |' % r['python'],
             '| ansible-core | %s |' % r['ansible_core'],
             '| simulator round trip | %s ms (median keep-alive GET on loopback) |' % fmt(r.get('simulator_round_trip_ms')), '',
             '## Targets', '',
             '| key | measured | target | met |', '| --- | --- | --- | --- |']
    for key, op, target in TARGETS:
        value = r.get(key)
        ok = meets(value, op, target)
        lines.append('| `%s` | %s | %s %s | %s |' % (key, fmt(value), op, fmt(target),
                                                     {True: 'yes', False: '**no**', None: 'n/a'}[ok]))
    lines += ['', '## Scenarios', '',
              '| # | scenario | collection | what users would do instead | ratio |', '| --- | --- | --- | --- | --- |']
    lines.append('| 1 | no-op converge, `roles/distribution`: one distribution per CDN zone (%d), DNS at CloudFlare | '
                 '%s requests, %d writes, changed=%s | %d minimal reads | %.2f |' % (
                     r['noop_resources']['zones'], fmt(r['noop_requests']), r['noop_writes'], r['noop_changed'],
                     r['noop_minimal_requests'], r['noop_request_ratio']))
    lines.append('| 2 | bulk DNS, %d records from empty | one task: %s s, %s requests | uri loop: %s s (measured on %d '
                 'records: %s s, scaled), %s requests | %sx |' % (
                     r['dns_records'], fmt(r['dns_bulk_seconds']), fmt(r['dns_bulk_requests']), fmt(r['dns_loop_seconds']),
                     r['dns_loop_measured_records'], fmt(r['dns_loop_measured_seconds']), fmt(r['dns_loop_requests']),
                     fmt(r['dns_bulk_speedup'])))
    lines.append('| 3 | purge %d URLs, %d ms per request, %s | cdn_purge: %s s, %s requests | sequential single-URL uri '
                 'loop: %s s (measured on %d URLs: %s s, scaled); latency alone: %s s | %sx (%sx vs latency alone) |' % (
                     r['purge_urls'], LATENCY * 1000, r['purge_provider'], fmt(r['purge_seconds']), fmt(r['purge_requests']),
                     fmt(r['purge_sequential_seconds']), r['purge_sequential_measured_urls'],
                     fmt(r['purge_sequential_measured_seconds']), fmt(r['purge_sequential_floor_seconds']),
                     fmt(r['purge_speedup']), fmt(r['purge_speedup_vs_floor'])))
    flare = r['purge_cloudflare']
    lines.append('| 3b | purge %d URLs, %d ms per request, CloudFlare `zone_file_purge` (one URL per call; %d run) | '
                 'cdn_purge: %s s, %s requests | sequential uri loop: %s s (measured on %d URLs, scaled); latency alone: '
                 '%s s | %sx (%sx vs latency alone) |' % (
                     flare['purge_urls'], LATENCY * 1000, flare['purge_runs'], fmt(flare['purge_seconds']), fmt(flare['purge_requests']),
                     fmt(flare['purge_sequential_seconds']), flare['purge_sequential_measured_urls'],
                     fmt(flare['purge_sequential_floor_seconds']), fmt(flare['purge_speedup']),
                     fmt(flare['purge_speedup_vs_floor'])))
    lines.append('| 4 | one single-zone GET (UCDN `zone/<id>`), median of %d pairs in one play | cdn_zone_info: %s s | '
                 'uri: %s s | %s |' % (r['task_overhead_pairs'], fmt(r['task_cdn_zone_info_seconds']),
                                       fmt(r['task_uri_seconds']), fmt(r['task_overhead_ratio'])))
    extra = ', '.join('%s %s ms' % (e['name'], fmt(e['ms'])) for e in r['module_import_extra_over_uri'][:5])
    lines.append('| 5 | module start-up, `python -X importtime` | cdn_zone_info + module_utils: %s ms | ansible.builtin.uri: '
                 '%s ms (AnsibleModule alone %s ms) | %s; heaviest imports uri does not load: %s |' % (
                     fmt(r['module_import_ms']), fmt(r['uri_import_ms']), fmt(r['basic_import_ms']),
                     fmt(r['module_import_ratio_to_uri']), extra or 'none'))
    lines += render_fleet(r)
    lines += ['', '## Notes', '']
    lines += ['- %s' % note for note in r['notes']]
    lines.append('')
    return '\n'.join(lines)


def render_fleet(r):
    """Scenario 6 (scripts/bench/fleet.py), when the report has it."""
    if 'fleet_zones' not in r:
        return []
    by = r['inventory_requests_by_provider']
    noop = r['fleet_noop_requests_by_provider']
    return [
        '', '## Fleet: %d zones as inventory hosts (scenario 6)' % r['fleet_zones'], '',
        'Seeded straight into the simulator, %d per provider (Cloakfusion, CloudFlow, CloudFlare, UCDN, Leaseweb); '
        'the `edgeops.cdn.cdn_zones` inventory and `playbooks/converge_zones.yml` (`scripts/bench/fleet.py`); one run, '
        'on %s.' % (r['fleet_zones'] // 5, r.get('fleet_date', r['date'])), '',
        '| measurement | result |', '| --- | --- |',
        '| inventory, cold build (`ansible-inventory --list`, empty cache) | %s s, %d hosts, %d requests for %d minimal '
        'listing reads: ratio %s (%s) |' % (
            fmt(r['inventory_cold_seconds']), r['inventory_hosts'], r['inventory_requests'], r['inventory_minimal_requests'],
            fmt(r['inventory_request_ratio']),
            ', '.join('%s %d/%d' % (p, v['made'], v['minimal']) for p, v in sorted(by.items()))),
        '| inventory, cached build (jsonfile cache) | %s s, %d requests |' % (
            fmt(r['inventory_cached_seconds']), r['inventory_cached_requests']),
        '| job slicing: %d `--limit` partitions at once, separate `ansible-playbook` processes, %s of the rate each, '
        'every zone changed | %d of %d slices converged, %d failed tasks, %d hosts changed, %s s |' % (
            r['slices'], fmt(1.0 / r['slices']), r['slices_converged'], r['slices'], r['slices_failed_tasks'],
            r['slices_changed_hosts'], fmt(r['slices_seconds'])),
        '| no-op converge of every host, %d forks, zone and provider from host variables | %d requests for %d minimal '
        'reads by id: ratio %s (%s); %d writes, changed=%d, %d failed tasks; %s s |' % (
            r['fleet_noop_forks'], r['fleet_noop_requests'], r['fleet_noop_minimal_requests'],
            fmt(r['fleet_noop_request_ratio']),
            ', '.join('%s %d/%d' % (p, v['made'], v['minimal']) for p, v in sorted(noop.items())),
            r['fleet_noop_writes'], r['fleet_noop_changed'], r['fleet_noop_failed_tasks'], fmt(r['fleet_noop_seconds'])),
        '| rate-limited CloudFlare account, %s; %d hosts, %d forks, `rate_limit` the same | %d failed tasks; %d requests, '
        'E_MAXAPI share %s; utilisation %s (calls per whole window: %s); %s s |' % (
            r['rate_limited_limit'], r['rate_limited_hosts'], r['rate_limited_forks'], r['rate_limited_failures'],
            r['rate_limited_requests'], fmt(r['rate_limited_429_share']), fmt(r['rate_limited_utilisation']),
            ', '.join(str(n) for n in r['rate_limited_windows']), fmt(r['rate_limited_seconds'])),
    ] + ([] if 'fleet_role_hosts' not in r else [
        '| `roles/distribution` on %d converged hosts (Cloakfusion, CloudFlow, UCDN, Leaseweb; `cdn_converge_with: '
        'distribution`), %d forks | %d requests for %d minimal reads by id, %d writes, changed=%d, %d failed tasks; %s s |' % (
            r['fleet_role_hosts'], r['fleet_role_forks'], r['fleet_role_requests'], r['fleet_role_minimal_requests'],
            r['fleet_role_writes'], r['fleet_role_changed'], r['fleet_role_failed_tasks'], fmt(r['fleet_role_seconds']))])


def fleet_notes(r):
    if 'fleet_zones' not in r:
        return []
    return [
        'Fleet minimal reads: the no-op\'s are what one zone read by its id costs (Cloakfusion 1, UCDN 1, CloudFlow 2, '
        'CloudFlare 2, Leaseweb 4 and the pages of the account\'s action list, 25 actions a page), times the zones; the '
        'inventory\'s are one listing where it carries every field (Cloakfusion, UCDN), the listing and one settings '
        'read per zone (CloudFlow, CloudFlare), and for Leaseweb the pages of the distributions and of the action '
        'list (25 a page), each distribution\'s domains and policies and each distinct origin once '
        '(`scripts/bench/fleet.py`). The issue sets no target for `inventory_request_ratio`: it shows the cost.',
        'Fleet utilisation: accepted calls in each whole window of the simulated clock from the first call (the busy '
        'part: the last, partial window, where the work runs out, is left out) over the seeded limit.',
    ] + ['Inventory reads above the minimal: %s made %d requests where %d suffice%s.' % (
        provider, seen['made'], seen['minimal'],
        ' (the plugin reads each distribution\'s origin by id, once per distribution even when they share one '
        'origin, as the seeded fleet does)' if provider == 'leaseweb' else '')
        for provider, seen in sorted(r['inventory_requests_by_provider'].items()) if seen['made'] > seen['minimal']]


def notes_for(r, sizes):
    notes = [
        'Scaling: the uri loops run on fewer items than the collection side (DNS %d of %d records, purge %d of %d URLs); '
        'their task time per item is multiplied by the full count (a loop costs the same per item throughout). '
        '`*_measured_*` keys hold the unscaled figures.' % (
            sizes['dns_loop_records'], sizes['dns_records'], sizes['purge_sequential_urls'], sizes['purge_urls']),
        'Latency (scenario 3) is the simulator\'s existing delay fault on every request (`POST /_sim/faults '
        '{"delay": %s, "count": 1000000000}`); requests are still served concurrently.' % LATENCY,
        '`purge_sequential_floor_seconds` is %d requests x %d ms, the least any sequential single-URL client can take; '
        'on a real CloudFlow account it would be far longer: 40 purge requests per 5 minutes allow 10,000 single-URL '
        'requests in about 21 hours, while cdn_purge needs %s requests.' % (
            r['purge_urls'], LATENCY * 1000, fmt(r['purge_requests'])),
        'Minimal reads (scenario 1), per CDN zone: %s; plus one read of the CloudFlare DNS zone\'s records per '
        'distribution.' % ', '.join('%s %d' % kv for kv in sorted(MINIMAL_READS.items())),
    ]
    if (r.get('simulator_round_trip_ms') or 0) > 20:
        notes.append('The simulator takes %s ms to answer a keep-alive request on loopback: http.server writes the '
                     'headers and the body in two sends on a socket without TCP_NODELAY, so each answer waits for the '
                     'client\'s delayed ACK (about 40 ms). Tasks that send many requests pay it most (bulk DNS, the '
                     'CloudFlare purge); with TCP_NODELAY set on the simulator\'s sockets, the 1,000-record '
                     'cdn_dns_record run took 2.8 s instead of 12.2 s when this bench was written.'
                     % fmt(r['simulator_round_trip_ms']))
    if r['purge_speedup_vs_floor'] >= 20 and r['purge_speedup'] >= 20:
        notes.append('`purge_speedup` meets its target against both baselines: the uri loop (%sx) and the bare latency '
                     'of sequential requests (%sx).' % (fmt(r['purge_speedup']), fmt(r['purge_speedup_vs_floor'])))
    notes.append('Timings are wall-clock times on a machine shared with other jobs (see the load averages above); '
                 'ratios compare runs made side by side, so they move less than the absolute seconds.')
    notes.append('The CloudFlare case purges %d URLs (not 10,000): the documented limit is 1,200 calls in 5 minutes '
                 'and `zone_file_purge` takes one URL per call, so no client can batch there; only concurrency '
                 'helps, and 10,000 URLs take at least 42 minutes on a real account whatever the client.'
                 % r['purge_cloudflare']['purge_urls'])
    notes += fleet_notes(r)
    for key, op, target in TARGETS:
        ok = meets(r.get(key), op, target)
        if ok is False:
            notes.append('Target not met: `%s` = %s (target %s %s): %s' % (key, fmt(r.get(key)), op, fmt(target), why_not(key, r)))
    return notes


def noop_excess(r, key='noop_request_ratio'):
    """Which providers a no-op converge asked more than the minimal reads (or wrote to), and what it sent."""
    over = []
    for provider, seen in sorted(r['noop_requests_by_provider'].items()):
        if key == 'noop_request_ratio' and seen['minimal'] is not None and seen['made'] > seen['minimal']:
            over.append('%s made %d requests where %d reads suffice (%s)' % (
                provider, seen['made'], seen['minimal'], ', '.join(seen['requests'])))
        writes = [q for q in seen['requests'] if q.endswith('[write]')]
        if key == 'noop_writes' and writes:
            over.append('%s: %s' % (provider, ', '.join(writes)))
    return '; '.join(over) or 'see bench.json'


def why_not(key, r):
    """The measured facts behind a missed target (what costs the time or the requests)."""
    if key in ('noop_request_ratio', 'noop_writes'):
        return noop_excess(r, key)

    if key == 'dns_bulk_speedup':
        return ('the uri loop costs %s s a record (one task iteration each), the one task %s s for %d records '
                '(%s requests, %s ms a record including the module\'s start-up)' % (
                    fmt(r['dns_loop_measured_seconds'] / r['dns_loop_measured_records']), fmt(r['dns_bulk_seconds']),
                    r['dns_records'], fmt(r['dns_bulk_requests']), fmt(1000.0 * r['dns_bulk_seconds'] / r['dns_records'])))
    if key == 'purge_speedup':
        return 'cdn_purge took %s s for %s requests' % (fmt(r['purge_seconds']), fmt(r['purge_requests']))
    if key == 'task_overhead_ratio':
        return ('a cdn_zone_info task takes %s s more than a uri task for the same GET; its import costs %s ms against '
                'uri\'s %s ms (requests, and the collection\'s own module_utils: %s ms of module-level code; %d provider '
                'adapters are imported where one is used), and AnsiballZ ships %d bytes of module_utils source '
                'to compile on every run (%s ms) against uri\'s %d bytes (%s ms)' % (
                    fmt(r['task_cdn_zone_info_seconds'] - r['task_uri_seconds']), fmt(r['module_import_ms']),
                    fmt(r['uri_import_ms']), fmt(r['module_import_own_code_ms']), len(r['module_import_adapters']),
                    r['module_compile_bytes'],
                    fmt(r['module_compile_ms']), r['uri_compile_bytes'], fmt(r['uri_compile_ms'])))
    if key.startswith(('fleet_', 'rate_limited_', 'slices_')):
        return 'see the fleet table above and the logs under .tmp/bench/runs/fleet-*.log'
    return 'see bench.json'


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--smoke', action='store_true', help='tiny sizes, one run; writes under .tmp/bench/')
    parser.add_argument('--python', default=sys.executable, help='the interpreter for modules and the simulator')
    parser.add_argument('--out', help='directory for bench.json and bench.md (default reports/, or .tmp/bench/ with --smoke)')
    parser.add_argument('--only', help='comma-separated scenarios to run (noop,dns,purge,overhead,imports,fleet); '
                        'prints the keys, or with --merge writes them over those of the existing bench.json')
    parser.add_argument('--merge', action='store_true',
                        help='with --only: update the existing bench.json of the output directory with the keys measured')
    args = parser.parse_args(argv)
    sizes = dict(SMOKE if args.smoke else FULL)
    out_dir = args.out or (os.path.join(REPO, '.tmp', 'bench') if args.smoke else os.path.join(REPO, 'reports'))
    only = set(args.only.split(',')) if args.only else None
    if not os.path.exists(LINK):
        os.makedirs(os.path.dirname(LINK), exist_ok=True)
        os.symlink(REPO, LINK)
    workdir = os.path.join(REPO, '.tmp', 'bench', 'runs')
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    os.makedirs(out_dir, exist_ok=True)
    python = os.path.abspath(args.python)
    started = time.time()
    report = dict(date=datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC'),
                  mode='smoke' if args.smoke else 'full', runs=sizes['runs'], sizes=sizes, machine=machine(),
                  python=platform.python_version(), ansible_core=ansible_version(python))
    sim = Simulator(python)
    runner = Runner(python, workdir)
    try:
        report['simulator_round_trip_ms'] = sim.round_trip_ms()
        steps = [('noop', scenario_noop), ('dns', scenario_dns), ('purge', scenario_purge), ('overhead', scenario_overhead),
                 ('fleet', scenario_fleet)]
        for name, func in steps:
            if only and name not in only:
                continue
            log('scenario %s ...' % name)
            t0 = time.time()
            report.update(func(sim, runner, sizes))
            log('scenario %s done in %.1f s' % (name, time.time() - t0))
    finally:
        sim.stop()
    if not only or 'imports' in only:
        log('scenario imports ...')
        report.update(scenario_imports(python, sizes))
    report['total_seconds'] = round(time.time() - started, 1)
    report['machine']['load_average_at_end'] = machine()['load_average_at_start']
    if only and not args.merge:
        print(json.dumps(report, indent=2, sort_keys=True))
        return 0
    if only:
        report = merged(os.path.join(out_dir, 'bench.json'), report)
    report['notes'] = notes_for(report, sizes)
    report['targets'] = dict((key, dict(op=op, target=target, met=meets(report.get(key), op, target)))
                             for key, op, target in TARGETS)
    with open(os.path.join(out_dir, 'bench.json'), 'w') as handle:
        json.dump(report, handle, indent=2, sort_keys=True)
        handle.write('\n')
    with open(os.path.join(out_dir, 'bench.md'), 'w') as handle:
        handle.write(render_markdown(report))
    log('wrote %s/bench.json and bench.md in %.0f s' % (os.path.relpath(out_dir, REPO), time.time() - started))
    for key, op, target in TARGETS:
        met = {True: 'met', False: 'NOT MET', None: 'n/a'}[meets(report.get(key), op, target)]
        log('%-20s %-8s target %s %-6s %s' % (key, fmt(report.get(key)), op, fmt(target), met))
    return 0


if __name__ == '__main__':
    sys.exit(main())
