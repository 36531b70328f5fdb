"""The reliability cases: fault matrix, lost responses, check mode, secrets, bad input, TLS
(the check-mode fidelity suite is scripts/reliability/fidelity.py, the hostile servers hostile.py).

A case is an id, a section, a weight (rough seconds, for scheduling) and run(sim, run_module)
returning {'ok': bool, 'detail': str, ...figures}. Every case works on a freshly reset
simulator of its own.
"""

import os
import re
import sys
import time

from tests.simulator.certgen import make_ca, make_cert

SECTIONS = ('fault', 'lost', 'check', 'fidelity', 'secrets', 'bad', 'tls', 'concurrency', 'hostile')
PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
USER = 'admin@example.com'
SPEED = 1000  # simulated clock speed: deployments and purge jobs finish at once
# State lists that record history (purge jobs, deployment actions), not resources: a retried
# purge may legitimately add a job; only resource lists count for duplicates.
HISTORY = {'flushes', 'flushstatus', 'cdns', 'failing_cdns', 'jobs', 'purge_jobs', 'actions', 'ssl_history',
           'purges', 'users', 'rate_limited', 'acme', 'traffic'}

ZONE_CREATE = {
    'cloakfusion': dict(hostname='static.example.com', origin='https://origin.example.com', compress=True, tls=True),
    'ucdn': dict(hostname='cdn.example.com', origin='https://origin.example.com', cache_ttl=3600),
    'leaseweb': dict(hostname='media.example.com', origin='https://origin.example.com', cache_ttl=3600),
    'cloudflow': dict(hostname='assets.example.com', origin='https://origin.example.com'),
    # CloudFlare zones exist at the provider (the simulator has example.com): "create" is a settings write.
    'cloudflare': dict(hostname='example.com', settings=dict(sec_lvl='med', cache_lvl='agg')),
}
ZONE_UPDATE = {
    'cloakfusion': dict(compress=False),
    'ucdn': dict(cache_ttl=7200),
    'leaseweb': dict(cache_ttl=7200),
    'cloudflow': dict(origin='https://origin2.example.com'),
    'cloudflare': dict(settings=dict(sec_lvl='high', cache_lvl='basic')),
}
# CloudFlow storages take the FTP password you choose (required to create one); UCDN generates them.
CLOUDFLOW_FTP_PASSWORD = 'Ftp-4d8b2e6a1c-RELIABILITY'
STORAGE_CREATE = {
    'ucdn': dict(name='reliability-files', region='europe'),
    'cloudflow': dict(name='files.example.com', region='europe', ftp_password=CLOUDFLOW_FTP_PASSWORD),
}
RECORDS = [
    dict(record='www', type='A', value='192.0.2.10'),
    dict(record='api', type='CNAME', value='edge.example.net', ttl=300),
    dict(record='@', type='TXT', value='v=reliability'),
]


def creds(sim, provider, **extra):
    params = sim.creds(provider)
    if provider in ('cloudflare', 'cloudflow'):
        params['api_user'] = USER
    params.update(extra)
    return params


class Case:
    def __init__(self, cid, section, weight, fn):
        self.id = cid
        self.section = section
        self.weight = weight
        self.fn = fn

    def run(self, sim, run_module):
        if sim is not None:
            sim.speed(SPEED)
        return self.fn(sim, run_module)


class Scenario:
    """One write scenario: setup runs (unfaulted), then the module run under test."""

    def __init__(self, name, module, provider, args, setup=(), converges=True, seed=None, expect=None, lost=None):
        self.name = name
        self.module = module
        self.provider = provider
        self.args = args          # dict of module args without credentials
        self.setup = setup        # [(module, args)] run first
        self.converges = converges  # a rerun reports changed=false (not so for a purge)
        self.seed = seed          # simulator seed data loaded before the setup runs
        # expect(sim) -> None when the simulator holds what the scenario asks for, else what differs:
        # resource counts cannot see rules kept as fields of a zone (UCDN, CloudFlow) or account lists.
        self.expect = expect
        # Lost-response cases for every write (default: the scenarios whose rerun converges).
        self.lost = converges if lost is None else lost

    def prepare(self, sim, run_module):
        if self.seed:
            sim.seed(self.provider, self.seed)
        for module, args in self.setup:
            result = run_module(module, creds(sim, self.provider, **args))
            if result['_rc'] != 0:
                raise RuntimeError('setup %s failed: %s' % (module, result.get('msg')))
        sim.clear_log()

    def call(self, sim, run_module, **extra):
        return run_module(self.module, creds(sim, self.provider, **dict(self.args, **extra)))


def _scenarios():
    out = []
    for p in PROVIDERS:
        out.append(Scenario('cdn_zone/%s/create' % p, 'cdn_zone', p, ZONE_CREATE[p]))
        out.append(Scenario('cdn_zone/%s/update' % p, 'cdn_zone', p, dict(ZONE_CREATE[p], **ZONE_UPDATE[p]),
                            setup=[('cdn_zone', ZONE_CREATE[p])]))
    for p in sorted(STORAGE_CREATE):
        out.append(Scenario('cdn_storage/%s/create' % p, 'cdn_storage', p, STORAGE_CREATE[p]))
    out.append(Scenario('cdn_dns_record/cloudflare/records', 'cdn_dns_record', 'cloudflare',
                        dict(zone='example.com', records=RECORDS)))
    out.append(Scenario('cdn_purge/ucdn/paths', 'cdn_purge', 'ucdn',
                        dict(zone='cdn.example.com', paths=['/a.css', '/b.js'], wait=True),
                        setup=[('cdn_zone', ZONE_CREATE['ucdn'])], converges=False))
    out.extend(access_rule_scenarios())
    return out


# --- cdn_access_rule scenarios ----------------------------------------------------------------
# Each provider's zone is seeded (as if made elsewhere); "add" puts rules on a zone without any,
# "purge" replaces rules a first (unfaulted) run put there with purge_rules=true. The expected
# rules are read from the simulator's own state, so a rule doubled, lost or left behind shows.

ZONE_SEED = {
    'ucdn': {'zones': [{'custom_domains': [ZONE_CREATE['ucdn']['hostname']]}]},
    'leaseweb': {'distributions': [{'domains': [ZONE_CREATE['leaseweb']['hostname']], 'origin': 'https://origin.example.com'}]},
    'cloudflow': {'cdn_resources': [{'cdn_hostname': ZONE_CREATE['cloudflow']['hostname'], 'origin': 'origin.example.com'}]},
}


def _rule(rule_type, action, value):
    return dict(type=rule_type, action=action, value=value)


ACCESS_ADD = {
    'ucdn': [_rule('country', 'deny', 'ru'), _rule('country', 'deny', 'CN'), _rule('referrer', 'allow', '*.Example.com')],
    'leaseweb': [_rule('ip', 'deny', '192.0.2.1'), _rule('ip', 'deny', '198.51.100.7/24'),
                 _rule('referrer', 'deny', '*.leech.example')],
    'cloudflow': [_rule('ip', 'deny', '192.0.2.1/32'), _rule('ip', 'deny', '198.51.100.0/24'),
                  _rule('country', 'deny', 'ru'), _rule('referrer', 'deny', '*.Leech.example')],
}
# Each replacement also flips one rule's action (deny -> allow of the same value).
ACCESS_REPLACE = {
    'ucdn': [_rule('country', 'allow', 'de'), _rule('country', 'allow', 'AT'), _rule('country', 'allow', 'RU')],
    'leaseweb': [_rule('country', 'allow', 'de'), _rule('ip', 'deny', '192.0.2.1'), _rule('referrer', 'allow', '*.leech.example')],
    'cloudflow': [_rule('country', 'allow', 'DE'), _rule('ip', 'deny', '203.0.113.0/24'),
                  _rule('referrer', 'allow', '*.leech.example')],
}
# CloudFlare's lists are the account's and cannot be listed: wl/ban are sent on every run.
CLOUDFLARE_RULES = [_rule('ip', 'allow', '192.0.2.10'), _rule('ip', 'deny', '198.51.100.7'),
                    _rule('ip', 'deny', '2001:DB8::7')]


def _canon(rule_type, action, value):
    """The harness's own canonical form (independent of the module's normaliser)."""
    import ipaddress
    text = str(value).strip()
    if rule_type == 'ip':
        net = ipaddress.ip_network(text, strict=False)
        text = str(net.network_address) if net.prefixlen == net.max_prefixlen else str(net)
    elif rule_type == 'country':
        text = text.upper()
    else:
        text = text.lower()
    return (rule_type, action, text)


def sim_rules(sim, provider):
    """The rules the simulator holds for the scenario's zone, as a sorted list of (type, action, value),
    and a list of problems with the enforcement fields that go with them."""
    state = sim.state(provider)
    rules, problems = [], []
    if provider == 'ucdn':
        zones = [z for z in state['zones'] if ZONE_CREATE['ucdn']['hostname'] in (z.get('custom_domains') or [])]
        geo = zones[0].get('geo_filter') or {}
        for action in ('allow', 'deny'):
            rules += [_canon('country', action, c) for c in geo.get(action) or []]
        rules += [_canon('referrer', 'allow', r) for r in zones[0].get('referers') or []]
    elif provider == 'leaseweb':
        types = {'IP_ACL': 'ip', 'GEO_ACL': 'country', 'REFERRER_ACL': 'referrer'}
        actions = {'ALLOW': 'allow', 'REJECT': 'deny'}
        rules = [_canon(types[a['type']], actions[a['action']], a['value']) for a in state['acls']]
        switches = {'ip': 'securityIpAcl', 'country': 'securityGeoAcl', 'referrer': 'securityReferrerAcl'}
        for policy in state['policies']:
            for rule_type, switch in switches.items():
                wanted = any(r[0] == rule_type for r in rules)
                if bool(policy.get(switch)) != wanted:
                    problems.append('policy %s %s=%s with %s rules' % (policy.get('id'), switch, policy.get(switch),
                                                                       'some' if wanted else 'no'))
    elif provider == 'cloudflow':
        res = state['cdn_resources'][0]
        fields = (('ip', 'ip_access_policy', 'ip_addresses'), ('country', 'country_access_policy', 'countries'),
                  ('referrer', 'hotlink_policy', 'domains'))
        for rule_type, policy_key, list_key in fields:
            action = {'ALLOW_BY_DEFAULT': 'deny', 'BLOCK_BY_DEFAULT': 'allow'}.get(res.get(policy_key))
            values = res.get(list_key) or []
            if isinstance(values, str):
                values = re.split(r'[,\s]+', values)
            values = [v for v in values if str(v).strip()]
            if values and action is None:
                problems.append('%s has values but policy %s' % (list_key, res.get(policy_key)))
            rules += [_canon(rule_type, action, v) for v in values]
    elif provider == 'cloudflare':
        lists = (state.get('ip_lists') or {}).get(USER, {})
        rules = [_canon('ip', 'allow' if kind == 'WL' else 'deny', ip) for ip, kind in lists.items()]
    if len(set(rules)) != len(rules):
        problems.append('a rule is held twice: %s' % rules)
    return sorted(rules), problems


def _expect_rules(provider, wanted):
    want = sorted(set(_canon(r['type'], r['action'], r['value']) for r in wanted))

    def expect(sim):
        have, problems = sim_rules(sim, provider)
        if have != want:
            problems.insert(0, 'rules %s, expected %s' % (have, want))
        return '; '.join(problems) or None
    return expect


def access_rule_scenarios():
    out = []
    for p in ('ucdn', 'leaseweb', 'cloudflow'):
        host = ZONE_CREATE[p]['hostname']
        out.append(Scenario('cdn_access_rule/%s/add' % p, 'cdn_access_rule', p, dict(zone=host, rules=ACCESS_ADD[p]),
                            seed=ZONE_SEED[p], expect=_expect_rules(p, ACCESS_ADD[p])))
        out.append(Scenario('cdn_access_rule/%s/purge' % p, 'cdn_access_rule', p,
                            dict(zone=host, rules=ACCESS_REPLACE[p], purge_rules=True), seed=ZONE_SEED[p],
                            setup=[('cdn_access_rule', dict(zone=host, rules=ACCESS_ADD[p]))],
                            expect=_expect_rules(p, ACCESS_REPLACE[p])))
    # Never converges (sent every run), but sending wl/ban twice holds once: lost answers are covered too.
    out.append(Scenario('cdn_access_rule/cloudflare/wl-ban', 'cdn_access_rule', 'cloudflare', dict(rules=CLOUDFLARE_RULES),
                        converges=False, lost=True, expect=_expect_rules('cloudflare', CLOUDFLARE_RULES)))
    return out


SCENARIOS = _scenarios()


def _create_scenarios():
    """Creates measured for the lost-response section only (beyond the zone and record creates)."""
    out = []
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        host = ZONE_CREATE[p]['hostname']
        args, _leaf = cert_args(host)
        out.append(Scenario('cdn_certificate/%s/create' % p, 'cdn_certificate', p, dict(args, zone=host),
                            setup=[('cdn_zone', ZONE_CREATE[p])]))
    out.append(Scenario('cdn_origin/leaseweb/create', 'cdn_origin', 'leaseweb',
                        dict(name='reliability-origin', endpoints=[dict(host='o2.example.com')])))
    return out


LOST_ONLY = []
BY_NAME = dict((s.name, s) for s in SCENARIOS)


def counts(sim, provider):
    """Resource counts in the simulator's state: a duplicate shows as a higher count."""
    state = sim.state(provider)
    out = {}
    for key, value in state.items():
        if key in HISTORY or not isinstance(value, list):
            continue
        out[key] = len(value)
        for item in value:
            if isinstance(item, dict) and isinstance(item.get('records'), list):
                out['records'] = out.get('records', 0) + len(item['records'])
    return out


def measure(sim, run_module, scenario):
    sim.speed(SPEED)
    scenario.prepare(sim, run_module)
    result = scenario.call(sim, run_module)
    if result['_rc'] != 0:
        raise RuntimeError('scenario %s fails without faults: %s' % (scenario.name, result.get('msg')))
    wrong = scenario.expect(sim) if scenario.expect else None
    if wrong:
        raise RuntimeError('scenario %s leaves the wrong state without faults: %s' % (scenario.name, wrong))
    log = sim.log(scenario.provider)
    return dict(requests=len(log), counts=counts(sim, scenario.provider), mutating=[e['mutating'] for e in log],
                writes=[dict(method=e['method'], path=e['path'], a=(e.get('body') or {}).get('a') if isinstance(e.get('body'), dict) else None)
                        for e in log if e['mutating']])


# --- 1. fault matrix ---------------------------------------------------------------------------

def fault_kinds(provider):
    kinds = [('429', dict(status=429, retry_after=1)), ('500', dict(status=500)), ('502', dict(status=502)),
             ('503', dict(status=503)), ('504', dict(status=504)), ('timeout', dict(delay=1.5)),
             ('drop', dict(drop=True))]
    if provider == 'ucdn':
        kinds.append(('532', dict(status=532, body={'message': 'injected 532'})))
    if provider == 'cloudflare':
        kinds.append(('E_MAXAPI', dict(status=200, body={'result': 'error', 'err_code': 'E_MAXAPI',
                                                         'msg': 'You have exceeded your allowed number of API calls.'})))
    return kinds


def _verify(sim, run_module, scenario, baseline, detail, failed_first=False):
    """Reruns without faults converge: no duplicate; after a failed run one rerun may still
    change (it finishes the job, reported as such), the next reports changed=false."""
    runs = [scenario.call(sim, run_module)]
    if failed_first and runs[0]['_rc'] == 0 and scenario.converges:
        runs.append(scenario.call(sim, run_module))
    rerun = runs[-1]
    now = counts(sim, scenario.provider)
    duplicate = any(now.get(k, 0) > v for k, v in baseline['counts'].items())
    if duplicate:
        return dict(ok=False, duplicate=True, detail='%s; duplicate resources: %s vs %s' % (detail, now, baseline['counts']))
    failed = [r for r in runs if r['_rc'] != 0]
    if failed:
        return dict(ok=False, detail='%s; rerun failed: %s' % (detail, failed[0].get('msg')))
    if scenario.converges and rerun.get('changed'):
        return dict(ok=False, detail='%s; rerun still changed (not converged)' % detail)
    if now != baseline['counts']:
        return dict(ok=False, detail='%s; state differs: %s vs %s' % (detail, now, baseline['counts']))
    wrong = scenario.expect(sim) if scenario.expect else None
    if wrong:
        return dict(ok=False, duplicate='twice' in wrong, detail='%s; simulator state: %s' % (detail, wrong))
    return dict(ok=True, detail=detail + ('; rerun converged' if failed_first else ''), failed_first=failed_first)


def _fault_case(scenario, baseline, k, kind, spec, retries):
    def fn(sim, run_module):
        scenario.prepare(sim, run_module)
        sim.fault(provider=scenario.provider, nth=k, count=1, **spec)
        extra = dict(retries=retries)
        if kind == 'timeout':
            extra['timeout'] = 1
        first = scenario.call(sim, run_module, **extra)
        sim.call('DELETE', 'faults')
        if kind == 'timeout':
            # The delayed request is still being served (and applied): let it finish before the
            # rerun reads, as it would long before anyone reruns a failed play.
            time.sleep(spec['delay'])
        detail = 'run rc=%s changed=%s msg=%s' % (first['_rc'], first.get('changed'), (first.get('msg') or '')[:400])
        # UCDN's 532 on a write is its validation failure: retried only for reads and writes proven
        # not applied (docs/providers/ucdn.md, "Decisions where the API document is silent"), so on a
        # write a clear failure is the right answer.
        final = kind == '532' and baseline['mutating'][k - 1]
        if retries and not final and first['_rc'] != 0:
            outcome = _verify(sim, run_module, scenario, baseline, detail, failed_first=True)
            outcome.update(ok=False, detail='failed although retries were left: ' + outcome['detail'])
            return outcome
        if (final or not retries) and first['_rc'] != 0:
            msg = first.get('msg') or ''
            op = (first.get('error') or {}).get('operation')
            # Modules that gather several failures (purge, record sets) give no single 'error'; their
            # message still carries "<provider> <operation>: ..." for each.
            named = op in msg if op else re.search(r'\b%s [a-z][\w .-]*: ' % scenario.provider, msg)
            if not named:
                outcome = _verify(sim, run_module, scenario, baseline, detail, failed_first=True)
                outcome.update(ok=False, detail='failure does not name the operation: ' + outcome['detail'])
                return outcome
        return _verify(sim, run_module, scenario, baseline, detail, failed_first=first['_rc'] != 0)
    return fn


def fault_cases(sizes):
    cases = []
    for name, size in sorted(sizes.items()):
        scenario = BY_NAME[name]
        if scenario in LOST_ONLY:
            continue
        kinds = fault_kinds(scenario.provider)
        for k in range(1, size['requests'] + 1):
            for kind, spec in kinds:
                weight = 4 if kind == 'timeout' else 2
                cases.append(Case('fault/%s/k%d/%s' % (name, k, kind), 'fault', weight,
                                  _fault_case(scenario, size, k, kind, spec, 3)))
            # retries=0: one kind per index, rotating deterministically through the kinds.
            kind, spec = kinds[(k - 1) % len(kinds)]
            cases.append(Case('fault0/%s/k%d/%s' % (name, k, kind), 'fault', 3,
                              _fault_case(scenario, size, k, kind, spec, 0)))
    return cases


def sample_fault_cases(cases, stride):
    """Deterministic sample: every stride-th case of the full matrix, in its id order."""
    if stride <= 1:
        return cases
    ordered = sorted(cases, key=lambda c: c.id)
    return [c for i, c in enumerate(ordered) if i % stride == 0]


# --- 2. lost responses ("apply then drop") -----------------------------------------------------

def lost_cases(sizes):
    cases = []
    for name, size in sorted(sizes.items()):
        scenario = BY_NAME[name]
        if not scenario.lost:
            continue
        seen = {}
        for write in size['writes']:
            key = (write['method'], write['path'], write['a'])
            seen[key] = seen.get(key, 0) + 1
            spec = dict(provider=scenario.provider, method=write['method'], path='^%s$' % re.escape(write['path']),
                        nth=seen[key], count=1, apply_then_drop=True)
            if write['a']:
                spec['action'] = write['a']
            action = ' a=' + write['a'] if write['a'] else ''
            cid = 'lost/%s/%s %s%s#%d' % (name, write['method'], write['path'], action, seen[key])
            cases.append(Case(cid, 'lost', 3, _lost_case(scenario, size, spec)))
    return cases


def _lost_case(scenario, baseline, spec):
    def fn(sim, run_module):
        scenario.prepare(sim, run_module)
        sim.fault(**spec)
        first = scenario.call(sim, run_module)
        sim.call('DELETE', 'faults')
        detail = 'run rc=%s changed=%s msg=%s' % (first['_rc'], first.get('changed'), (first.get('msg') or '')[:400])
        return _verify(sim, run_module, scenario, baseline, detail, failed_first=first['_rc'] != 0)
    return fn


# --- 3. check mode ---------------------------------------------------------------------------

_PKI = {}


def pki():
    if not _PKI:
        root = make_ca('Reliability Root')
        _PKI['inter'] = make_ca('Reliability Intermediate', issuer=root)
    return _PKI['inter']


def cert_args(hostname):
    leaf = make_cert(pki(), hostname, sans=[hostname])
    return dict(certificate=leaf.cert_pem, private_key=leaf.key_pem, chain=pki().cert_pem), leaf


def _zone_setup(p):
    return [] if p == 'cloudflare' else [('cdn_zone', ZONE_CREATE[p])]


def init_lost_only():
    if not LOST_ONLY:
        LOST_ONLY.extend(_create_scenarios())
        BY_NAME.update((s.name, s) for s in LOST_ONLY)
    return LOST_ONLY


def check_pairs():
    pairs = []
    for s in SCENARIOS:
        pairs.append((s.name, s.module, s.provider, s.args, s.setup, dict(seed=s.seed, converges=s.converges)))
    pairs.extend(info_and_rule_check_pairs())
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        pairs.append(('cdn_zone/%s/delete' % p, 'cdn_zone', p, dict(hostname=ZONE_CREATE[p]['hostname'], state='absent'),
                      _zone_setup(p)))
    for p in sorted(STORAGE_CREATE):
        pairs.append(('cdn_storage/%s/delete' % p, 'cdn_storage', p, dict(name=STORAGE_CREATE[p]['name'], state='absent'),
                      [('cdn_storage', STORAGE_CREATE[p])]))
        pairs.append(('cdn_storage/%s/rotate' % p, 'cdn_storage', p,
                      dict(STORAGE_CREATE[p], rotate_ftp_password=True),
                      [('cdn_storage', STORAGE_CREATE[p])]))
    for p in ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb'):
        ident = dict(name='reliability-origin') if p == 'leaseweb' else dict(zone=ZONE_CREATE[p]['hostname'])
        # Cloakfusion cannot change a vhost's origin_url (no vhost update); its host header is a property.
        change = dict(host_header='www.example.com') if p == 'cloakfusion' else dict(endpoints=[dict(host='o2.example.com')])
        pairs.append(('cdn_origin/%s' % p, 'cdn_origin', p, dict(ident, **change), _zone_setup(p)))
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        args, _leaf = cert_args(ZONE_CREATE[p]['hostname'])
        pairs.append(('cdn_certificate/%s' % p, 'cdn_certificate', p, dict(args, zone=ZONE_CREATE[p]['hostname']),
                      _zone_setup(p)))
    for p in PROVIDERS:
        if p != 'ucdn':
            pairs.append(('cdn_purge/%s' % p, 'cdn_purge', p, dict(zone=ZONE_CREATE[p]['hostname'], paths=['/x.css']),
                          _zone_setup(p)))
        pairs.append(('cdn_zone_info/%s' % p, 'cdn_zone_info', p, dict(hostname=ZONE_CREATE[p]['hostname']),
                      _zone_setup(p)))
    for p in ('cloakfusion', 'ucdn', 'leaseweb'):
        pairs.append(('cdn_purge_info/%s' % p, 'cdn_purge_info', p, dict(limit=10),
                      _zone_setup(p) + [('cdn_purge', dict(zone=ZONE_CREATE[p]['hostname'], paths=['/y.css']))]))
    pairs.append(('cdn_dns_record_info/cloudflare', 'cdn_dns_record_info', 'cloudflare', dict(zone='example.com'),
                  [('cdn_dns_record', dict(zone='example.com', records=RECORDS))]))
    return pairs


ACCOUNT_SEED = {
    'subaccounts': [dict(id='13956', username='reliability-sub', api_key='Key-0a1b2c3d4e-RELIABILITY',
                         api_secret='Sec-5f6a7b8c9d-RELIABILITY', password='Pwd-1e2f3a4b5c-RELIABILITY',
                         secret_key_2fa='Tfa-6d7e8f9a0b-RELIABILITY'),
                    dict(id='13957', username='reliability-sub2', api_key='Key-2b3c4d5e6f-RELIABILITY',
                         api_secret='Sec-7a8b9c0d1e-RELIABILITY')],
    'users': [dict(email='ops@example.com', username='ops', password='Login-4c8e2a6f0d-RELIABILITY', user_id=4242,
                   token='Tok-login-9e3a7c1f5b-RELIABILITY')],
}
URL_SIGNING = {
    'ucdn': dict(hash_secret='Hash-check-RELIABILITY', hash_algorithm='md5', hash_ttl=3600),
    'leaseweb': {'securityToken': True, 'securityTokenSecret': 'Lsw-check-RELIABILITY'},
    'cloudflow': dict(url_signing_on=True, url_signing_key='Url-check-RELIABILITY'),
}


def info_and_rule_check_pairs():
    """Check mode of the info modules on every provider offering them,
    cdn_access_rule removals, refresh_snapshot and URL-signing settings (the writes of
    cdn_access_rule and cdn_storage on CloudFlow come from the scenarios)."""
    pairs = []
    stats = {'cloakfusion': dict(zone=ZONE_CREATE['cloakfusion']['hostname']),
             'ucdn': dict(zone=ZONE_CREATE['ucdn']['hostname'], report='hits'),
             'leaseweb': dict(zone=ZONE_CREATE['leaseweb']['hostname']),
             'cloudflare': dict(zone='example.com'),
             'cloudflow': dict(report='usage')}
    for p in PROVIDERS:
        pairs.append(('cdn_stats_info/%s' % p, 'cdn_stats_info', p, stats[p], _zone_setup(p)))
    pairs.append(('cdn_account_info/ucdn', 'cdn_account_info', 'ucdn',
                  dict(subaccounts=True, login=dict(email='ops@example.com', password=ACCOUNT_SEED['users'][0]['password'])),
                  [], dict(seed=ACCOUNT_SEED)))
    leaseweb_host = ZONE_CREATE['leaseweb']['hostname']
    pairs.append(('cdn_debug_info/leaseweb', 'cdn_debug_info', 'leaseweb', dict(url='https://%s/logo.png' % leaseweb_host),
                  _zone_setup('leaseweb')))
    pairs.append(('cdn_action_info/leaseweb', 'cdn_action_info', 'leaseweb', dict(limit=5), _zone_setup('leaseweb')))
    pairs.append(('cdn_ip_info/cloudflare', 'cdn_ip_info', 'cloudflare', dict(zone='example.com', ips=['192.0.2.1']), []))
    # An action, not a state: zone_grab is planned in check mode and sent by the real run (changed both ways).
    pairs.append(('cdn_zone/cloudflare/refresh_snapshot', 'cdn_zone', 'cloudflare',
                  dict(ZONE_CREATE['cloudflare'], refresh_snapshot=True), [], dict(converges=False)))
    for p in sorted(URL_SIGNING):
        pairs.append(('cdn_zone/%s/url-signing' % p, 'cdn_zone', p, dict(ZONE_CREATE[p], settings=URL_SIGNING[p]),
                      _zone_setup(p)))
    for p in ('ucdn', 'leaseweb', 'cloudflow'):
        host = ZONE_CREATE[p]['hostname']
        pairs.append(('cdn_access_rule/%s/absent' % p, 'cdn_access_rule', p,
                      dict(zone=host, rules=ACCESS_ADD[p][:1], state='absent'),
                      [('cdn_access_rule', dict(zone=host, rules=ACCESS_ADD[p]))], dict(seed=ZONE_SEED[p])))
        pairs.append(('cdn_access_rule/%s/absent-all' % p, 'cdn_access_rule', p,
                      dict(zone=host, state='absent', purge_rules=True),
                      [('cdn_access_rule', dict(zone=host, rules=ACCESS_ADD[p]))], dict(seed=ZONE_SEED[p])))
    pairs.append(('cdn_access_rule/cloudflare/nul', 'cdn_access_rule', 'cloudflare',
                  dict(rules=CLOUDFLARE_RULES[:1], state='absent'),
                  [('cdn_access_rule', dict(rules=CLOUDFLARE_RULES))], dict(converges=False)))
    return pairs


def check_cases():
    cases = []
    for pair in check_pairs():
        name, module, provider, args, setup = pair[:5]
        extra = dict(pair[5]) if len(pair) > 5 else {}
        # A purge and an FTP password rotation change on every run.
        extra.setdefault('converges', module != 'cdn_purge' and not args.get('rotate_ftp_password'))
        scenario = Scenario(name, module, provider, args, setup, **extra)
        cases.append(Case('check/%s' % name, 'check', 3, _check_case(scenario)))
    return cases


def _check_case(scenario):
    def fn(sim, run_module):
        scenario.prepare(sim, run_module)
        check = run_module(scenario.module, creds(sim, scenario.provider, **scenario.args), check=True, diff=True)
        writes = [e for e in sim.log(scenario.provider) if e['mutating']]
        real = scenario.call(sim, run_module)
        out = dict(writes=len(writes), ok=True)
        problems = []
        if writes:
            problems.append('check mode sent %d mutating requests: %s' % (
                len(writes), ', '.join('%s %s' % (e['method'], e['path']) for e in writes[:3])))
        if check['_rc'] != 0 or real['_rc'] != 0:
            problems.append('check rc=%s (%s), real rc=%s (%s)' % (
                check['_rc'], (check.get('msg') or '')[:150], real['_rc'], (real.get('msg') or '')[:150]))
        elif bool(check.get('changed')) != bool(real.get('changed')):
            problems.append('check mode said changed=%s, the real run changed=%s' % (check.get('changed'), real.get('changed')))
        elif scenario.module == 'cdn_access_rule':
            # The plan, not only the flag: the rules check mode predicts are those the real run makes.
            for key in ('added', 'removed', 'rules'):
                said = [(r['type'], r['action'], r['value']) for r in check.get(key) or []]
                did = [(r['type'], r['action'], r['value']) for r in real.get(key) or []]
                if said != did:
                    problems.append('check mode %s %s, the real run %s' % (key, said, did))
        if scenario.converges and not problems:
            # Converged now: check mode must say changed=false and still send no write.
            sim.clear_log()
            again = run_module(scenario.module, creds(sim, scenario.provider, **scenario.args), check=True, diff=True)
            extra = [e for e in sim.log(scenario.provider) if e['mutating']]
            out['writes'] += len(extra)
            if again['_rc'] != 0 or again.get('changed') or extra:
                problems.append('check mode after convergence: rc=%s changed=%s writes=%d' % (
                    again['_rc'], again.get('changed'), len(extra)))
        if problems:
            out.update(ok=False, detail='; '.join(problems))
        else:
            out['detail'] = 'changed=%s both ways' % real.get('changed')
        return out
    return fn


# --- 4. secrets ----------------------------------------------------------------------------

SECRET_TOKEN = 'Tok-7f3e9a1c5b2d4e6f-RELIABILITY'
SECRET_PASSWORD = 'Pw-9c1e5a7f3b-RELIABILITY'


def _token_seed(sim, provider):
    if provider == 'cloudflare':
        sim.seed(provider, {'users': [{'email': USER, 'tkn': SECRET_TOKEN}]})
    elif provider == 'cloudflow':
        sim.seed(provider, {'users': {USER: SECRET_TOKEN}})
    else:
        sim.seed(provider, {'tokens': [SECRET_TOKEN]})


def _probe(result, secrets):
    text = result.get('_raw', '') + result.get('_stderr', '')
    return sum(text.count(s) for s in secrets)


def secret_cases():
    cases = []
    for p in PROVIDERS:
        cases.append(Case('secrets/token/cdn_zone/%s' % p, 'secrets', 3, _secret_zone(p)))
        cases.append(Case('secrets/token-refused/cdn_zone/%s' % p, 'secrets', 2, _secret_refused(p)))
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        cases.append(Case('secrets/private_key/cdn_certificate/%s' % p, 'secrets', 3, _secret_cert(p)))
    cases.append(Case('secrets/password/cdn_origin/ucdn', 'secrets', 3, _secret_origin('ucdn')))
    for kind in ('aws_signing_key', 'aws_secret_key'):
        cases.append(Case('secrets/%s/cdn_origin/ucdn' % kind, 'secrets', 3, _secret_origin_aws(kind)))
    cases.append(Case('secrets/ftp_password/cdn_storage/ucdn', 'secrets', 4, _secret_storage_ucdn))
    cases.append(Case('secrets/ftp_password/cdn_storage/cloudflow', 'secrets', 4, _secret_storage_cloudflow))
    cases.append(Case('secrets/url_signing_key/cdn_zone/cloudflow', 'secrets', 3, _secret_url_signing))
    cases.append(Case('secrets/login-password+subaccounts/cdn_account_info/ucdn', 'secrets', 3, _secret_account))
    cases.append(Case('secrets/hash_secret/cdn_zone/ucdn', 'secrets', 3, _secret_security_token))
    cases.append(Case('secrets/hash_secret-set/cdn_zone/ucdn', 'secrets', 3, _secret_token_setting(
        'ucdn', dict(hash_secret=SECRET_HASH, hash_algorithm='md5', hash_ttl=3600), [SECRET_HASH])))
    cases.append(Case('secrets/securityTokenSecret/cdn_zone/leaseweb', 'secrets', 3, _secret_token_setting(
        'leaseweb', {'securityToken': True, 'securityTokenSecret': SECRET_LSW, 'securityTokenAesKey': SECRET_LSW_AES},
        [SECRET_LSW, SECRET_LSW_AES])))
    for p in PROVIDERS:
        cases.append(Case('secrets/export/cdn_export_info/%s' % p, 'secrets', 3, _secret_export(p)))
    cases.append(Case('secrets/drift-report/filters/ucdn+cloudflow', 'secrets', 3, _secret_drift_report))
    return cases


def _secret_export(p):
    """cdn_export_info over a full account built with an origin password, an FTP password, a security token
    and a URL signing key and holding a certificate (tests/integration/account_fixtures.py): neither the
    secrets nor the private key nor the token may be in the export or its output."""
    def fn(sim, run_module):
        from tests.integration.account_fixtures import SECRETS, build_account, pki  # pylint: disable=import-outside-toplevel
        certs = pki()
        build_account(sim, p, certs)
        key_body = ''.join(line for line in certs['www'].key_pem.splitlines() if not line.startswith('-----'))
        secrets = list(SECRETS) + [key_body[:64], sim.creds(p)['api_token']]
        runs = [('cdn_export_info', sim.creds(p), True, None), ('cdn_export_info', sim.creds(p), False, None)]
        outcome = _probe_runs(sim, run_module, runs, lambda: secrets)
        if outcome['ok']:
            # The control: the export really held the account (its zones), so the probe looked at a real export.
            zones = (run_module('cdn_export_info', sim.creds(p)).get('account') or {}).get('zones') or []
            if len(zones) != 2:
                outcome.update(ok=False, detail='%s; control failed: %d zones exported' % (outcome['detail'], len(zones)))
        return outcome
    return fn


def _secret_drift_report(sim, run_module):
    """The drift report filters over check-mode results that plan secret settings (UCDN's security token,
    CloudFlow's URL signing key): the JSON, Markdown and HTML hold none of them."""
    import json  # pylint: disable=import-outside-toplevel
    from tests.simulator.runner import COLLECTIONS, ensure_collection_link  # pylint: disable=import-outside-toplevel
    ensure_collection_link()
    if COLLECTIONS not in sys.path:
        sys.path.insert(0, COLLECTIONS)
    from ansible_collections.edgeops.cdn.plugins.filter import drift_report as drift  # pylint: disable=import-outside-toplevel
    entries = []
    wanted = {'ucdn': dict(hash_secret=SECRET_HASH, hash_algorithm='md5', hash_ttl=3600),
              'cloudflow': dict(url_signing_on=True, url_signing_key=SECRET_URL_SIGNING)}
    for provider, settings in sorted(wanted.items()):
        host = ZONE_CREATE[provider]['hostname']
        run_module('cdn_zone', creds(sim, provider, **ZONE_CREATE[provider]))
        result = run_module('cdn_zone', creds(sim, provider, settings=settings, **ZONE_CREATE[provider]),
                            check=True, diff=True, verbosity=4)
        if result['_rc'] != 0 or not result.get('changed'):
            return dict(ok=False, probes=0, leaks=0, detail='%s check run: %s' % (provider, result.get('msg') or 'no drift'))
        entries.append(dict(zone=host, provider=provider, task='cdn_zone',
                            result=dict((k, v) for k, v in result.items() if not k.startswith('_'))))
    report = drift.drift_report(entries, check_mode=True)
    texts = [json.dumps(report), drift.drift_report_markdown(report), drift.drift_report_html(report)]
    leaks = sum(t.count(s) for t in texts for s in (SECRET_HASH, SECRET_URL_SIGNING))
    return dict(ok=leaks == 0 and report['summary']['zones_with_drift'] == 2, probes=3, leaks=leaks,
                detail='secret occurrences: %d; zones with drift: %d' % (leaks, report['summary']['zones_with_drift']))


def _secret_zone(p):
    def fn(sim, run_module):
        _token_seed(sim, p)
        leaks = 0
        for check in (True, False, False):
            result = run_module('cdn_zone', creds(sim, p, api_token=SECRET_TOKEN, **ZONE_CREATE[p]), check=check,
                                diff=True, verbosity=4)
            if result['_rc'] != 0:
                return dict(ok=False, probes=3, leaks=leaks, detail='run failed: %s' % result.get('msg'))
            leaks += _probe(result, [SECRET_TOKEN])
        return dict(ok=leaks == 0, probes=3, leaks=leaks, detail='token occurrences: %d' % leaks)
    return fn


def _secret_refused(p):
    def fn(sim, run_module):
        result = run_module('cdn_zone', creds(sim, p, api_token=SECRET_TOKEN, **ZONE_CREATE[p]), diff=True, verbosity=4)
        leaks = _probe(result, [SECRET_TOKEN])
        ok = leaks == 0 and result['_rc'] == 1
        return dict(ok=ok, probes=1, leaks=leaks, detail='rc=%s token occurrences: %d msg=%s' % (
            result['_rc'], leaks, (result.get('msg') or '')[:150]))
    return fn


def _key_fragments(leaf):
    body = [line for line in leaf.key_pem.splitlines() if line and not line.startswith('-----')]
    return [line[:40] for line in body] + ['PRIVATE KEY']


def _secret_cert(p):
    def fn(sim, run_module):
        host = ZONE_CREATE[p]['hostname']
        run_module('cdn_zone', creds(sim, p, **ZONE_CREATE[p]))
        args, leaf = cert_args(host)
        leaks, probes = 0, 0
        for check in (True, False, False):
            result = run_module('cdn_certificate', creds(sim, p, zone=host, **args), check=check, diff=True, verbosity=4)
            probes += 1
            if result['_rc'] != 0:
                return dict(ok=False, probes=probes, leaks=leaks, detail='run failed: %s' % result.get('msg'))
            leaks += _probe(result, _key_fragments(leaf))
        return dict(ok=leaks == 0, probes=probes, leaks=leaks, detail='private key fragments: %d' % leaks)
    return fn


def _secret_origin(p):
    def fn(sim, run_module):
        host = ZONE_CREATE[p]['hostname']
        run_module('cdn_zone', creds(sim, p, **ZONE_CREATE[p]))
        auth = dict(type='http_basic', username='puller', password=SECRET_PASSWORD)
        leaks, probes = 0, 0
        for check, extra in ((True, {}), (False, {}), (False, dict(update_secrets='always'))):
            result = run_module('cdn_origin', creds(sim, p, zone=host, auth=auth, **extra), check=check, diff=True,
                                verbosity=4)
            probes += 1
            if result['_rc'] != 0:
                return dict(ok=False, probes=probes, leaks=leaks, detail='run failed: %s' % result.get('msg'))
            leaks += _probe(result, [SECRET_PASSWORD])
        return dict(ok=leaks == 0, probes=probes, leaks=leaks, detail='password occurrences: %d' % leaks)
    return fn


SECRET_SIGNING = 'Sig-2b7d9f4e1a-RELIABILITY'
SECRET_AWS = 'Aws-6e1c8a3f5d-RELIABILITY'
SECRET_FTP_NEW = 'Ftp-9a5c1e7b3d-RELIABILITY'
SECRET_URL_SIGNING = 'Url-3f7b1d9c5e-RELIABILITY'
SECRET_HASH = 'Hash-8c2e6a4f1b-RELIABILITY'


def _probe_runs(sim, run_module, runs, secrets_of):
    """Run each (module, args, check, allowed) at -vvvv with --diff; count every secret in the output.

    ``secrets_of()`` gives the secret values to look for (read again after each run: a provider may
    generate them); ``allowed(result)`` returns the result with what the user asked to see removed.
    """
    leaks, probes, notes = 0, 0, []
    for module, args, check, allowed in runs:
        result = run_module(module, args, check=check, diff=True, verbosity=4)
        probes += 1
        if result['_rc'] != 0:
            return dict(ok=False, probes=probes, leaks=leaks, detail='%s run failed: %s' % (module, result.get('msg')))
        secrets = [v for v in secrets_of() if v]
        if allowed is None:
            found = _probe(result, secrets)
        else:
            import json
            whole = dict((k, v) for k, v in result.items() if not k.startswith('_'))
            if not any(v in json.dumps(whole) for v in secrets):
                # The control: what the user asked to see is there, so the probe looks at the right values.
                return dict(ok=False, probes=probes, leaks=leaks, detail='%s: the secret asked for is not in the result'
                            % module)
            found = sum(json.dumps(allowed(whole)).count(v) for v in secrets)
        if found:
            notes.append('%s %s: %d' % (module, 'check' if check else 'run', found))
        leaks += found
    return dict(ok=leaks == 0, probes=probes, leaks=leaks,
                detail='secret occurrences: %d%s' % (leaks, (' (%s)' % ', '.join(notes)) if notes else ''))


def _secret_origin_aws(kind):
    def fn(sim, run_module):
        run_module('cdn_zone', creds(sim, 'ucdn', **ZONE_CREATE['ucdn']))
        secret = SECRET_SIGNING if kind == 'aws_signing_key' else SECRET_AWS
        if kind == 'aws_signing_key':
            auth = dict(type=kind, access_key='AKIARELIABILITY', key_scope='20260101/eu-central-1/s3/aws4_request',
                        signing_key=secret)
        else:
            auth = dict(type=kind, access_key='AKIARELIABILITY', secret_key=secret)
        args = creds(sim, 'ucdn', zone=ZONE_CREATE['ucdn']['hostname'], auth=auth,
                     endpoints=[dict(host='s3.eu-central-1.amazonaws.com', bucket='assets', region='eu-central-1')])
        runs = [('cdn_origin', args, True, None), ('cdn_origin', args, False, None),
                ('cdn_origin', dict(args, update_secrets='always'), False, None),
                ('cdn_zone_info', creds(sim, 'ucdn', hostname=ZONE_CREATE['ucdn']['hostname']), False, None)]
        return _probe_runs(sim, run_module, runs, lambda: [secret])
    return fn


def _ucdn_ftp_passwords(sim, seen):
    """Every FTP password the simulated UCDN has given its storages so far (it generates them)."""
    for storage in sim.state('ucdn')['storages']:
        if storage.get('ftp_password') and storage['ftp_password'] not in seen:
            seen.append(storage['ftp_password'])
    return seen


def _without_ftp_password(result):
    """What a run with return_credentials may show: the password in storage.ftp_password only."""
    storage = dict(result.get('storage') or {})
    storage.pop('ftp_password', None)
    return dict(result, storage=storage)


def _secret_storage_ucdn(sim, run_module):
    seen = []
    args = creds(sim, 'ucdn', **STORAGE_CREATE['ucdn'])
    rotate = dict(args, rotate_ftp_password=True)
    runs = [('cdn_storage', args, True, None), ('cdn_storage', args, False, None), ('cdn_storage', args, False, None),
            ('cdn_storage', rotate, True, None), ('cdn_storage', rotate, False, None),
            ('cdn_storage', dict(args, return_credentials=True), False, _without_ftp_password),
            ('cdn_storage', dict(rotate, return_credentials=True), False, _without_ftp_password),
            ('cdn_storage', dict(args, state='absent'), False, None)]
    outcome = _probe_runs(sim, run_module, runs, lambda: _ucdn_ftp_passwords(sim, seen))
    if outcome['ok'] and len(seen) < 3:
        outcome.update(ok=False, detail='%s; expected 3 FTP passwords (initial and two rotations), saw %d'
                       % (outcome['detail'], len(seen)))
    return outcome


def _secret_storage_cloudflow(sim, run_module):
    args = creds(sim, 'cloudflow', **STORAGE_CREATE['cloudflow'])
    rotate = dict(args, rotate_ftp_password=True, ftp_password=SECRET_FTP_NEW)
    runs = [('cdn_storage', args, True, None), ('cdn_storage', args, False, None), ('cdn_storage', args, False, None),
            ('cdn_storage', rotate, True, None), ('cdn_storage', rotate, False, None),
            ('cdn_storage', dict(args, return_credentials=True), False, None),
            ('cdn_storage', dict(args, state='absent'), False, None)]
    return _probe_runs(sim, run_module, runs, lambda: [CLOUDFLOW_FTP_PASSWORD, SECRET_FTP_NEW])


def _secret_url_signing(sim, run_module):
    host = ZONE_CREATE['cloudflow']['hostname']
    args = creds(sim, 'cloudflow', settings=dict(url_signing_on=True, url_signing_key=SECRET_URL_SIGNING),
                 **ZONE_CREATE['cloudflow'])
    runs = [('cdn_zone', args, True, None), ('cdn_zone', args, False, None), ('cdn_zone', args, False, None),
            ('cdn_zone_info', creds(sim, 'cloudflow', hostname=host), False, None)]
    return _probe_runs(sim, run_module, runs, lambda: [SECRET_URL_SIGNING])


SECRET_LSW = 'Lsw-5a9e3c7b1f-RELIABILITY'
SECRET_LSW_AES = 'Aes-1d7f3b9e5c-RELIABILITY'


def _secret_token_setting(provider, settings, secrets):
    """A security token (URL signing) secret set through cdn_zone settings, then rotated: never shown."""
    def fn(sim, run_module):
        host = ZONE_CREATE[provider]['hostname']
        args = creds(sim, provider, settings=settings, **ZONE_CREATE[provider])
        rotated = dict(settings)
        first_secret = sorted(k for k in settings if isinstance(settings[k], str) and settings[k] in secrets)[0]
        rotated[first_secret] = settings[first_secret] + '-ROTATED'
        runs = [('cdn_zone', args, True, None), ('cdn_zone', args, False, None), ('cdn_zone', args, False, None),
                ('cdn_zone', dict(args, settings=rotated), True, None), ('cdn_zone', dict(args, settings=rotated), False, None),
                ('cdn_zone_info', creds(sim, provider, hostname=host), False, None)]
        return _probe_runs(sim, run_module, runs, lambda: list(secrets) + [rotated[first_secret]])
    return fn


WRONG_LOGIN_PASSWORD = 'Wrong-7b3d9f1a5c-RELIABILITY'


def _secret_account(sim, run_module):
    """cdn_account_info: the login password checked (right and wrong), the token check/login answers
    for that user, and the credentials UCDN returns with each subaccount (api_key, api_secret,
    password hash, 2FA secret): none may appear."""
    sim.seed('ucdn', ACCOUNT_SEED)
    user = ACCOUNT_SEED['users'][0]
    secrets = [user['password'], user['token'], WRONG_LOGIN_PASSWORD]
    for sub in ACCOUNT_SEED['subaccounts']:
        secrets += [v for k, v in sub.items() if k in ('api_key', 'api_secret', 'password', 'secret_key_2fa')]
    login = dict(email=user['email'], password=user['password'])
    both = creds(sim, 'ucdn', subaccounts=True, login=login)
    runs = [('cdn_account_info', both, True, None), ('cdn_account_info', both, False, None),
            ('cdn_account_info', creds(sim, 'ucdn', subaccounts=True), False, None),
            ('cdn_account_info', creds(sim, 'ucdn', login=dict(email=user['username'], password=user['password'])), False, None),
            ('cdn_account_info', creds(sim, 'ucdn', login=dict(email=user['email'], password=WRONG_LOGIN_PASSWORD)),
             False, None)]
    outcome = _probe_runs(sim, run_module, runs, lambda: secrets)
    if outcome['ok']:
        # The control: the values probed for were really in play (subaccounts listed, the login checked).
        result = run_module('cdn_account_info', both)
        names = sorted(s.get('username') for s in result.get('subaccounts') or [])
        if names != ['reliability-sub', 'reliability-sub2'] or not (result.get('login') or {}).get('authenticated'):
            outcome.update(ok=False, detail='%s; control failed: subaccounts %s, login %s' % (
                outcome['detail'], names, result.get('login')))
    return outcome


def _secret_security_token(sim, run_module):
    """UCDN's security token secret (hash_secret), set at the provider: never shown back."""
    host = ZONE_CREATE['ucdn']['hostname']
    sim.seed('ucdn', {'zones': [{'custom_domains': [host], 'hash_secret': SECRET_HASH, 'hash_algorithm': 'md5',
                                 'hash_ttl': 3600}]})
    args = creds(sim, 'ucdn', **ZONE_CREATE['ucdn'])
    runs = [('cdn_zone', dict(args, cache_ttl=7200), True, None), ('cdn_zone', dict(args, cache_ttl=7200), False, None),
            ('cdn_zone_info', creds(sim, 'ucdn', hostname=host), False, None),
            ('cdn_origin', creds(sim, 'ucdn', zone=host, endpoints=[dict(host='o3.example.com')]), False, None),
            ('cdn_purge', creds(sim, 'ucdn', zone=host, paths=['/t.css'], wait=False), False, None)]
    outcome = _probe_runs(sim, run_module, runs, lambda: [SECRET_HASH])
    stored = [z.get('hash_secret') for z in sim.state('ucdn')['zones']]
    if outcome['ok'] and stored != [SECRET_HASH]:
        outcome.update(ok=False, detail='%s; the zone lost its security token: %s' % (outcome['detail'], stored))
    return outcome


# --- 5. bad input --------------------------------------------------------------------------

def bad_inputs():
    """(module, provider, args, words the message must contain)."""
    items = []
    for p in PROVIDERS:
        host = ZONE_CREATE[p]['hostname']
        items += [
            ('cdn_zone', p, dict(hostname='-bad-.example..com'), ['hostname']),
            ('cdn_zone', p, dict(hostname=host, origin='ftp://o.example.com'), ['origin']),
            ('cdn_zone', p, dict(hostname=host, cache_ttl=-5), ['cache_ttl']),
            ('cdn_zone', p, dict(hostname=host, cache_ttl='soon'), ['cache_ttl']),
            ('cdn_zone', p, dict(hostname=host, settings={'no_such_setting': 1}), ['no_such_setting']),
            ('cdn_zone', p, dict(hostname=host, state='sideways'), ['state']),
            ('cdn_zone', p, dict(hostname=host, colour='blue'), ['colour']),
            ('cdn_zone', p, dict(hostname=host, timeout='long'), ['timeout']),
            ('cdn_zone', p, dict(), ['hostname']),
            ('cdn_zone', p, dict(hostname=host, aliases=['bad host.example.com']), ['aliases']),
            ('cdn_purge', p, dict(zone=host, urls=['not a url']), ['urls']),
            ('cdn_purge', p, dict(zone=host, purge_all=True, paths=['/a.css']), ['purge_all']),
        ]
    for p in ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb'):
        host = ZONE_CREATE[p]['hostname']
        # Leaseweb origins are resources of their own, identified by name.
        ident = dict(name='o1') if p == 'leaseweb' else dict(zone=host)
        items += [
            ('cdn_origin', p, dict(ident, endpoints=[dict(host='bad host!')]), ['host']),
            ('cdn_origin', p, dict(ident, endpoints=[dict(host='o.example.com', port=70000)]), ['port']),
            ('cdn_origin', p, dict(ident, endpoints=[dict(host='o.example.com')], protocol='gopher'), ['protocol']),
        ]
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        host = ZONE_CREATE[p]['hostname']
        items += [
            ('cdn_certificate', p, dict(zone=host, certificate='not a pem', private_key='nor this'), ['certificate']),
            ('cdn_certificate', p, dict(zone=host, certificate=cert_args(host)[0]['certificate'],
                                        private_key=cert_args(host)[0]['private_key']), ['private_key']),
        ]
    zone = 'example.com'
    items += [
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='BOGUS', value='x'), ['type']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='A', value='999.1.1.1'), ['value']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='AAAA', value='192.0.2.1'), ['value']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='A', value='192.0.2.1', ttl=-1), ['ttl']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='A', value='192.0.2.1', records=RECORDS),
         ['records']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='bad name!', type='A', value='192.0.2.1'), ['record']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, record='www', type='CNAME', value='bad target!'), ['value']),
        ('cdn_dns_record', 'cloudflare', dict(zone=zone, records=[dict(record='www', type='A')]), ['value']),
        ('cdn_dns_record', 'ucdn', dict(zone='cdn.example.com', record='www', type='A', value='192.0.2.1'), ['dns']),
        ('cdn_origin', 'cloudflare', dict(zone=zone, endpoints=[dict(host='o.example.com')]), ['origin']),
        ('cdn_certificate', 'cloakfusion', dict(zone='static.example.com', acme=True), ['certificate']),
        ('cdn_zone', 'nowhere', dict(hostname='cdn.example.com'), ['provider']),
    ]
    # These inputs start from a seeded zone (no module run to make one: cheaper).
    return items + [item + (ZONE_SEED.get(item[1], {}),) for item in info_and_rule_bad_inputs()]


def info_and_rule_bad_inputs():
    """Bad inputs of the access-rule, statistics, account, debug, action and IP modules and of URL signing
    (each must fail naming the option, writing nothing)."""
    ucdn, lsw, cfl = (ZONE_CREATE[p]['hostname'] for p in ('ucdn', 'leaseweb', 'cloudflow'))
    both_ip = [_rule('ip', 'allow', '192.0.2.1'), _rule('ip', 'deny', '198.51.100.7')]
    return [
        # cdn_stats_info: dates, choices, zone
        ('cdn_stats_info', 'ucdn', dict(start='01-01-2024'), ['start', 'ISO 8601']),
        ('cdn_stats_info', 'ucdn', dict(start='2024-01-02', end='2024-01-01'), ['start', 'before end']),
        ('cdn_stats_info', 'ucdn', dict(end='2024-02-30'), ['end']),
        ('cdn_stats_info', 'ucdn', dict(report='traffic'), ['report', 'allowed']),
        ('cdn_stats_info', 'ucdn', dict(report='storages', zone=ucdn), ['zone', 'storages']),
        ('cdn_stats_info', 'ucdn', dict(zone='nope.example.com'), ['zone', 'nope.example.com']),
        ('cdn_stats_info', 'leaseweb', dict(granularity='MINUTE'), ['granularity']),
        ('cdn_stats_info', 'leaseweb', dict(metric='TRAFFIC'), ['metric']),
        ('cdn_stats_info', 'cloakfusion', dict(granularity='hour'), ['granularity', 'cannot be set']),
        ('cdn_stats_info', 'cloudflare', dict(), ['zone', 'required']),
        ('cdn_stats_info', 'cloudflow', dict(metric='furlongs'), ['metric']),
        # cdn_access_rule: types, values, conflicts, scope
        ('cdn_access_rule', 'ucdn', dict(zone=ucdn, rules=[_rule('ip', 'deny', '192.0.2.1')]), ['rules[0].type']),
        ('cdn_access_rule', 'ucdn', dict(zone=ucdn, rules=[_rule('referrer', 'deny', 'bad.example')]), ['rules', 'referrer']),
        ('cdn_access_rule', 'ucdn', dict(zone=ucdn, rules=[_rule('country', 'allow', 'DE'), _rule('country', 'deny', 'de')]),
         ['rules', 'DE']),
        ('cdn_access_rule', 'ucdn', dict(rules=[_rule('country', 'deny', 'RU')]), ['zone', 'required']),
        ('cdn_access_rule', 'ucdn', dict(zone=ucdn, state='absent'), ['rules', 'purge_rules']),
        ('cdn_access_rule', 'leaseweb', dict(zone=lsw, rules=[_rule('country', 'deny', 'Germany')]), ['rules[0].value']),
        ('cdn_access_rule', 'leaseweb', dict(zone=lsw, rules=[_rule('country', 'allow', 'DE'), _rule('country', 'deny', 'FR')]),
         ['rules', 'allow', 'deny']),
        ('cdn_access_rule', 'cloudflow', dict(zone=cfl, rules=both_ip), ['rules', 'allow', 'deny']),
        ('cdn_access_rule', 'cloudflow', dict(zone=cfl, rules=[_rule('ip', 'deny', '300.1.2.3')]), ['rules[0].value']),
        ('cdn_access_rule', 'cloudflow', dict(zone=cfl, rules=[_rule('asn', 'deny', '64500')]), ['type', 'rules']),
        ('cdn_access_rule', 'cloudflow', dict(zone=cfl, rules=[_rule('referrer', 'deny', 'not a host')]), ['rules[0].value']),
        ('cdn_access_rule', 'cloudflare', dict(rules=CLOUDFLARE_RULES, purge_rules=True), ['purge_rules']),
        ('cdn_access_rule', 'cloudflare', dict(rules=[_rule('country', 'deny', 'RU')]), ['rules[0].type']),
        ('cdn_access_rule', 'cloudflare', dict(rules=[_rule('ip', 'deny', '198.51.100.0/24')]), ['rules']),
        ('cdn_access_rule', 'cloakfusion', dict(zone=ZONE_CREATE['cloakfusion']['hostname'],
                                                rules=[_rule('ip', 'deny', '192.0.2.1')]), ['access_rule']),
        # cdn_debug_info, cdn_action_info (Leaseweb)
        ('cdn_debug_info', 'leaseweb', dict(url='%s/logo.png' % lsw), ['url', 'absolute']),
        ('cdn_debug_info', 'leaseweb', dict(url='ftp://%s/logo.png' % lsw), ['url']),
        ('cdn_debug_info', 'leaseweb', dict(url='https://%s/%s' % (lsw, 'x' * 2100)), ['url', 'characters']),
        ('cdn_action_info', 'leaseweb', dict(action_id='in-f141ghed5'), ['action_id']),
        ('cdn_action_info', 'leaseweb', dict(limit=0), ['limit']),
        ('cdn_action_info', 'leaseweb', dict(types=['PURGE']), ['types']),
        # cdn_ip_info (CloudFlare)
        ('cdn_ip_info', 'cloudflare', dict(zone='example.com', hours=49), ['hours', '48']),
        ('cdn_ip_info', 'cloudflare', dict(zone='example.com', hours=0), ['hours']),
        ('cdn_ip_info', 'cloudflare', {'zone': 'example.com', 'class': 'bot'}, ['class']),
        ('cdn_ip_info', 'cloudflare', dict(ips=['192.0.2.300']), ['ips']),
        ('cdn_ip_info', 'cloudflare', dict(ips=['192.0.2.1'], geo=True), ['geo']),
        # refresh_snapshot is CloudFlare's zone_grab; never with state=absent
        ('cdn_zone', 'ucdn', dict(hostname=ucdn, refresh_snapshot=True), ['refresh_snapshot']),
        ('cdn_zone', 'cloudflow', dict(hostname=cfl, refresh_snapshot=True), ['refresh_snapshot']),
        ('cdn_zone', 'cloudflare', dict(hostname='example.com', state='absent', refresh_snapshot=True), ['refresh_snapshot']),
        # cdn_storage: UCDN generates FTP passwords; CloudFlow needs one to create
        ('cdn_storage', 'ucdn', dict(STORAGE_CREATE['ucdn'], ftp_password='Mine-123456'), ['ftp_password']),
        ('cdn_storage', 'cloudflow', dict(name='files.example.com', region='europe'), ['ftp_password']),
        ('cdn_storage', 'ucdn', dict(name='ab', region='europe'), ['name']),
        ('cdn_storage', 'ucdn', dict(name='reliability-files', region='mars'), ['region']),
        # URL-signing zone settings
        ('cdn_zone', 'ucdn', dict(hostname=ucdn, settings=dict(hash_secret='abc', hash_algorithm='sha999')), ['hash_algorithm']),
        ('cdn_zone', 'cloudflow', dict(hostname=cfl, settings=dict(url_signing_on='maybe')), ['url_signing_on']),
        # cdn_account_info (UCDN)
        ('cdn_account_info', 'ucdn', dict(login=dict(email=' ', password='x')), ['login']),
        ('cdn_account_info', 'ucdn', dict(login=dict(email='ops@example.com')), ['password']),
    ]


def bad_cases():
    cases = []
    for i, item in enumerate(bad_inputs()):
        module, provider, args, words = item[:4]
        cases.append(Case('bad/%s/%s/%02d %s' % (module, provider, i, ','.join(sorted(args))), 'bad', 1,
                          _bad_case(module, provider, args, words, *item[4:])))
    return cases


def _bad_case(module, provider, args, words, seed=None):
    """``seed``: simulator data to start from instead of a cdn_zone run making the provider's zone."""
    def fn(sim, run_module):
        setup = _zone_setup(provider) if provider in ZONE_CREATE and module != 'cdn_zone' and seed is None else []
        if seed:
            sim.seed(provider, seed)
        for mod, a in setup:
            run_module(mod, creds(sim, provider, **a))
        sim.clear_log()
        if provider in PROVIDERS:
            params = creds(sim, provider, **args)
        else:
            params = dict(creds(sim, 'ucdn'), provider=provider, **args)
        result = run_module(module, params)
        writes = [e for e in sim.log() if e['mutating']]
        msg = result.get('msg') or ''
        named = all(w.lower() in msg.lower() for w in words)
        ok = result['_rc'] == 1 and named and not writes
        return dict(ok=ok, writes=len(writes), detail='rc=%s writes=%d msg=%s (must name %s)' % (
            result['_rc'], len(writes), msg[:200], '/'.join(words)))
    return fn


# --- 6. TLS --------------------------------------------------------------------------------

def tls_cases():
    return [Case('tls/all', 'tls', 5, _tls)]


def _tls(_sim, run_module):
    import subprocess
    import tempfile
    import time
    from tests.simulator.certgen import make_ca_and_server_cert
    from tests.simulator.client import REPO, TOKENS
    directory = tempfile.mkdtemp(prefix='reliability-tls-')
    paths = make_ca_and_server_cert(directory)
    port_file = os.path.join(directory, 'port')
    proc = subprocess.Popen([sys.executable, '-m', 'tests.simulator', '--port', '0', '--port-file', port_file,
                             '--tls-cert', paths['cert'], '--tls-key', paths['key']],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 15
        while time.time() < deadline and not (os.path.exists(port_file) and open(port_file).read().strip()):
            time.sleep(0.05)
        base = 'https://127.0.0.1:%s' % open(port_file).read().strip()
        args = dict(provider='ucdn', api_url=base + '/ucdn/v3/', **TOKENS['ucdn'])
        results = []
        untrusted = run_module('cdn_zone_info', args)
        results.append(('untrusted refused with a clear message', untrusted['_rc'] == 1 and 'TLS verification' in
                        untrusted.get('msg', '') and 'ca_path' in untrusted.get('msg', ''), untrusted.get('msg')))
        trusted = run_module('cdn_zone_info', dict(args, ca_path=paths['ca']))
        results.append(('ca_path trusts the test CA', trusted['_rc'] == 0, trusted.get('msg')))
        unverified = run_module('cdn_zone_info', dict(args, validate_certs=False))
        results.append(('validate_certs false works', unverified['_rc'] == 0, unverified.get('msg')))
    finally:
        proc.terminate()
        proc.wait(10)
    passed = sum(1 for _n, ok, _m in results if ok)
    return dict(ok=passed == len(results), tls_cases=len(results), tls_passed=passed,
                detail='; '.join('%s: %s%s' % (n, 'ok' if ok else 'FAILED', '' if ok else ' (%s)' % m)
                                 for n, ok, m in results))


# --- 7. concurrency ---------------------------------------------------------------------------

CONCURRENCY_HOSTS = 20
CONCURRENCY_PLAY = """\
- hosts: all
  gather_facts: false
  # free: each host goes on at its own pace, so updates and purges of different zones overlap.
  strategy: free
  module_defaults:
    group/edgeops.cdn.cdn:
      provider: ucdn
      api_url: "%(api_url)s"
  tasks:
    - name: update the host's own zone
      edgeops.cdn.cdn_zone:
        hostname: "{{ zone }}"
        cache_ttl: "{{ ttl }}"
    - name: purge it
      edgeops.cdn.cdn_purge:
        zone: "{{ zone }}"
        paths: ["/{{ inventory_hostname }}/a.css", "/{{ inventory_hostname }}/b.js"]
    - name: update it again while others purge
      edgeops.cdn.cdn_zone:
        hostname: "{{ zone }}"
        cache_ttl: "{{ ttl | int + 1 }}"
    - name: purge again
      edgeops.cdn.cdn_purge:
        zone: "{{ zone }}"
        paths: ["/{{ inventory_hostname }}/c.css"]
"""


def concurrency_cases():
    return [Case('concurrency/ucdn/%d-forks' % CONCURRENCY_HOSTS, 'concurrency', 30, _concurrency)]


def _concurrency(sim, _run_module):
    """ansible-playbook with forks=20 over 20 local hosts, each updating and purging its own zone."""
    import subprocess
    import tempfile
    names = ['z%02d.example.com' % n for n in range(1, CONCURRENCY_HOSTS + 1)]
    ids = sim.seed('ucdn', {'zones': [{'custom_domains': [name], 'expiration': 3600} for name in names]})['result']
    directory = tempfile.mkdtemp(prefix='reliability-forks-')
    inventory = os.path.join(directory, 'hosts.ini')
    with open(inventory, 'w') as handle:
        handle.write('[all]\n')
        for n, name in enumerate(names, 1):
            handle.write('host%02d zone=%s ttl=%d ansible_connection=local ansible_python_interpreter=%s\n'
                         % (n, name, 7200 + 10 * n, sys.executable))
    play = os.path.join(directory, 'play.yml')
    with open(play, 'w') as handle:
        handle.write(CONCURRENCY_PLAY % dict(api_url=sim.api_url('ucdn')))
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=os.path.join(repo, '.tmp', 'collections'), ANSIBLE_NOCOLOR='1',
               ANSIBLE_FORKS=str(CONCURRENCY_HOSTS), ANSIBLE_STDOUT_CALLBACK='default', ANSIBLE_LOCALHOST_WARNING='0',
               ANSIBLE_HOST_KEY_CHECKING='0', UCDN_API_TOKEN='sim-token')
    started = time.time()
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', inventory,
                           '--forks', str(CONCURRENCY_HOSTS), play], capture_output=True, text=True, env=env,
                          cwd=directory, timeout=600, check=False)
    seconds = round(time.time() - started, 1)
    out = dict(concurrency_hosts=CONCURRENCY_HOSTS, concurrency_seconds=seconds)
    # PLAY RECAP lines: "host01 : ok=4 changed=4 unreachable=0 failed=0 skipped=0 ..."
    stats = {}
    for match in re.finditer(r'^(host\d+)\s+:\s+(.*)$', proc.stdout, re.M):
        stats[match.group(1)] = dict((k, int(v)) for k, v in re.findall(r'(\w+)=(\d+)', match.group(2)))
    for counts_ in stats.values():
        counts_['failures'] = counts_.get('failed', 0)
    if not stats:
        out.update(ok=False, concurrency_ok=0, detail='ansible-playbook rc=%s printed no recap: %s'
                   % (proc.returncode, (proc.stdout + proc.stderr)[-600:]))
        return out
    state = sim.state('ucdn')
    writes = [e for e in sim.log('ucdn') if e['mutating']]
    purges = [e['time'] for e in writes if e['path'].startswith('purge/')]
    updates = [e['time'] for e in writes if not e['path'].startswith('purge/')]
    # Overlap: purges sent while zone updates were still being sent, and the reverse.
    overlapping = (sum(1 for t in purges if updates and t < max(updates))
                   + sum(1 for t in updates if purges and t > min(purges)))
    zones = dict((z['custom_domains'][0], z) for z in state['zones'] if z['custom_domains'])
    jobs = {}
    for job in state['purge_jobs']:
        jobs.setdefault(job['files'][0].split('/', 3)[2], []).append(sorted('/' + f.split('/', 3)[3] for f in job['files']))
    cdn_domain = dict((z['custom_domains'][0], z['cdn_domain']) for z in state['zones'] if z['custom_domains'])
    ok_hosts, problems = 0, []
    for n, name in enumerate(names, 1):
        host = 'host%02d' % n
        st = stats.get(host) or {}
        wanted_jobs = sorted([['/%s/a.css' % host, '/%s/b.js' % host], ['/%s/c.css' % host]])
        got_ttl = zones.get(name, {}).get('expiration')
        got_jobs = sorted(jobs.get(cdn_domain.get(name), []))
        fine = True
        if st.get('failures') or st.get('unreachable') or st.get('ok', 0) < 4:
            problems.append('%s: %s' % (host, st))
            fine = False
        if str(got_ttl) != str(7200 + 10 * n + 1):
            problems.append('%s: zone %s expiration %s, not %s' % (host, name, got_ttl, 7200 + 10 * n + 1))
            fine = False
        if got_jobs != wanted_jobs:
            problems.append('%s: purge jobs %s, not %s' % (host, got_jobs, wanted_jobs))
            fine = False
        ok_hosts += fine
    lost = len(problems)
    out.update(ok=ok_hosts == CONCURRENCY_HOSTS and proc.returncode == 0 and len(state['zones']) == CONCURRENCY_HOSTS,
               concurrency_ok=ok_hosts, concurrency_problems=lost, concurrency_zones=len(ids),
               concurrency_purge_jobs=len(state['purge_jobs']), concurrency_overlapping_writes=overlapping,
               detail='ansible-playbook rc=%s, %d forks, %.1f s; %d of %d hosts updated and purged their zone, '
                      'checked in the simulator; %d of %d writes overlapped the other kind%s'
                      % (proc.returncode, CONCURRENCY_HOSTS, seconds, ok_hosts, CONCURRENCY_HOSTS, overlapping,
                         len(writes), ('; ' + '; '.join(problems[:5])) if problems else ''))
    return out


# --- report --------------------------------------------------------------------------------

def summarise(results, sizes, seconds, workers, known, sampling):
    by = dict((s, [r for r in results if r['section'] == s]) for s in SECTIONS)
    fault = by['fault']
    lost = by['lost']
    check = by['check']
    secrets = by['secrets']
    bad = by['bad']
    tls = by['tls']
    conc = by['concurrency']
    report = dict(
        fault_cases=len(fault),
        fault_converged=sum(1 for r in fault if r['ok']),
        duplicates=sum(1 for r in fault + lost if r.get('duplicate')),
        lost_response_cases=len(lost),
        lost_response_converged=sum(1 for r in lost if r['ok']),
        lost_response_duplicates=sum(1 for r in lost if r.get('duplicate')),
        # The module failed clearly (the write's answer was lost) and a rerun converged, no duplicate.
        lost_response_failed_then_converged=sum(1 for r in lost if r['ok'] and r.get('failed_first')),
        lost_response_failed_first=sorted((dict(id=r['id'], detail=r.get('detail')) for r in lost
                                           if r['ok'] and r.get('failed_first')), key=lambda c: c['id']),
        check_mode_cases=len(check),
        check_mode_passed=sum(1 for r in check if r['ok']),
        check_mode_writes=sum(r.get('writes', 0) for r in check),
        secret_probes=sum(r.get('probes', 0) for r in secrets),
        secrets_leaked=sum(r.get('leaks', 0) for r in secrets),
        secret_cases_passed=sum(1 for r in secrets if r['ok']),
        secret_cases=len(secrets),
        secret_probe_cases=sorted((dict(id=r['id'], probes=r.get('probes', 0), leaks=r.get('leaks', 0)) for r in secrets),
                                  key=lambda c: c['id']),
        bad_inputs=len(bad),
        bad_inputs_rejected_cleanly=sum(1 for r in bad if r['ok']),
        writes_on_bad_input=sum(r.get('writes', 0) for r in bad),
        tls_cases=sum(r.get('tls_cases', 0) for r in tls),
        tls_cases_passed=sum(r.get('tls_passed', 0) for r in tls),
        concurrency_hosts=sum(r.get('concurrency_hosts', 0) for r in conc),
        concurrency_ok=sum(r.get('concurrency_ok', 0) for r in conc),
        concurrency_seconds=sum(r.get('concurrency_seconds', 0) for r in conc),
        concurrency_purge_jobs=sum(r.get('concurrency_purge_jobs', 0) for r in conc),
        concurrency_overlapping_writes=sum(r.get('concurrency_overlapping_writes', 0) for r in conc),
        concurrency_detail='; '.join(r.get('detail') or '' for r in conc),
        seconds=round(seconds, 1),
        workers=workers,
        scenarios=dict((k, dict(requests=v['requests'], resources=v['counts'],
                                fault_cases=sum(1 for r in fault if _scenario_of(r['id']) == k),
                                fault_converged=sum(1 for r in fault if r['ok'] and _scenario_of(r['id']) == k),
                                lost_cases=sum(1 for r in lost if r['id'].startswith('lost/%s/' % k))))
                       for k, v in sorted(sizes.items())),
        fault_sampling=sampling,
        known_defects=known,
        fixed_defects=FIXED_DEFECTS,
        failures=sorted((dict(id=r['id'], detail=r.get('detail'), known=r.get('known')) for r in results if not r['ok']),
                        key=lambda f: f['id']),
    )
    from scripts.reliability import fidelity, hostile
    report.update(hostile.summarise(results))
    report.update(fidelity.summarise(results))
    unknown = [f for f in report['failures'] if not f['known']]
    report['unexplained_failures'] = len(unknown)
    report['known_failures'] = len(report['failures']) - len(unknown)
    report['passed'] = not unknown
    return report


# Defects this suite found in plugins/ and that are fixed there (with tests), listed in the report.
FIXED_DEFECTS = [
    dict(key='A1', fixed_in='plugins/module_utils/providers/leaseweb/access_rule.py (_add_acl)',
         test='tests/integration/test_access_rule_leaseweb_recovery.py',
         what='cdn_access_rule on Leaseweb: an ACL create answered 5xx or dropped without landing failed the run although '
              'retries were left, and a timed-out create was read back at once, before it landed, and failed too. Now '
              'read back (a timed-out create until it lands), re-sent only when proven absent after a transient failure; '
              'never two ACLs.'),
    dict(key='A2', fixed_in='plugins/module_utils/providers/leaseweb/access_rule.py (apply_access_rules)',
         test='tests/integration/test_access_rule_leaseweb_recovery.py',
         what='cdn_access_rule on Leaseweb: a rule changing its action with purge_rules (deny DE -> allow DE) posted the '
              'new ACL before removing the old one of the same type and value, which the API refuses (one ACL per type '
              'and value); the old ACL is now removed first.'),
]


def _scenario_of(case_id):
    """'fault/cdn_zone/ucdn/create/k3/500' -> 'cdn_zone/ucdn/create'."""
    match = re.match(r'^fault0?/(.+)/k\d+/[^/]+$', case_id)
    return match.group(1) if match else None


FIGURES = [
    ('fault_cases', 'fault cases (retries left, and retries=0 then a rerun)'),
    ('fault_converged', 'fault cases converged'),
    ('duplicates', 'duplicate resources (faults and lost responses)'),
    ('lost_response_cases', 'lost-response cases (apply then drop, every write of every scenario)'),
    ('lost_response_duplicates', 'lost-response duplicates'),
    ('lost_response_failed_then_converged', 'lost-response cases that failed clearly, then a rerun converged'),
    ('check_mode_cases', 'check-mode cases (module x provider x scenario)'),
    ('check_mode_writes', 'mutating requests in check mode'),
    ('check_fidelity_cases', 'check-mode fidelity scenarios (check mode, then the real run from the same state)'),
    ('check_fidelity_agree', 'fidelity scenarios whose check and real runs agree (failed, msg, changed, plan)'),
    ('check_fidelity_known', 'fidelity disagreements known and listed (FIDELITY_KNOWN), not counted as agreeing'),
    ('secret_probes', 'secret probes (runs at -vvvv with diff)'),
    ('secrets_leaked', 'secret occurrences in output, results, diffs'),
    ('bad_inputs', 'bad inputs'),
    ('bad_inputs_rejected_cleanly', 'bad inputs rejected cleanly (rc 1, message names the option, no write)'),
    ('writes_on_bad_input', 'writes on bad input'),
    ('tls_cases', 'TLS cases'),
    ('tls_cases_passed', 'TLS cases passed'),
    ('concurrency_hosts', 'hosts of one ansible-playbook run, forks=20, each updating and purging its own UCDN zone'),
    ('concurrency_ok', 'hosts whose updates and purges all succeeded and are in the simulator\'s state'),
    ('concurrency_purge_jobs', 'purge jobs in the simulator after the concurrent run (2 a host expected)'),
    ('hostile_probes', 'hostile-server probes (redirects, echoed secrets, path injection, wrong shapes, bounds, unreachable hosts)'),
    ('hostile_safe', 'hostile probes that ended safely (clear failure, no traceback, no leak, no write)'),
    ('redirect_credential_leaks', 'requests carrying a credential that reached a redirect target off the API origin'),
    ('encoded_secret_leaks', 'forms of a secret (encoded, escaped, cut, re-encoded key) found in any output'),
    ('tracebacks', 'hostile probes that ended in a traceback or without JSON'),
    ('writes_after_unreadable_read', 'writes sent after a read that could not be understood'),
    ('path_escapes', 'requests whose path showed an injected id as more than one segment'),
    ('max_module_rss_mb', 'largest module RSS (MB) while a 200 MB answer arrived'),
    ('slow_body_seconds', 'seconds until an answer trickling 1 byte / 2 s failed, timeout 5'),
    ('unreachable_fail_seconds', 'seconds until a refused port and a silent host failed, defaults'),
]


def render_summary(report):
    lines = ['%-30s %s' % (k, report[k]) for k, _d in FIGURES]
    lines.append('%-30s %s s, %d workers' % ('time', report['seconds'], report['workers']))
    for f in report['failures']:
        lines.append('%s %s: %s' % ('KNOWN ' if f['known'] else 'FAIL  ', f['id'], f['detail']))
    lines.append('reliability: %s' % ('PASSED' if report['passed'] else
                                      'FAILED (%d unexplained failures)' % report['unexplained_failures']))
    return '\n'.join(lines)


def render_markdown(report):
    lines = ['# Reliability figures', '',
             'Written by `make reliability` (`python -m scripts.reliability`): every figure counts real runs of the',
             "modules (the module file executed as __main__ with an args JSON, as Ansible does, each run in a",
             "process of its own forked from a pre-loaded one, scripts/reliability/forkrun.py) against the simulator.",
             '', '| figure | value | what |', '| --- | ---: | --- |']
    for key, what in FIGURES:
        lines.append('| `%s` | %s | %s |' % (key, report[key], what))
    lines += ['', 'Run time: %s s with %d workers (one simulator process each).' % (report['seconds'], report['workers']),
              '', '## Fault matrix', '', report['fault_sampling'], '',
              '| scenario | requests (k = 1..n) | fault cases run (converged) | lost-response cases | resources after a clean run |',
              '| --- | ---: | ---: | ---: | --- |']
    for name, s in sorted(report['scenarios'].items()):
        lines.append('| %s | %d | %d (%d) | %d | %s |' % (
            name, s['requests'], s.get('fault_cases', 0), s.get('fault_converged', 0), s.get('lost_cases', 0),
            ', '.join('%s %d' % kv for kv in sorted(s['resources'].items()))))
    lines += ['', '## Lost responses that failed first', '',
              'The write was applied and its answer lost; the module could not tell and failed naming the',
              'operation; the rerun found the write and converged (no duplicate).', '']
    for case in report['lost_response_failed_first']:
        lines.append('- `%s`: %s' % (case['id'], (case['detail'] or '').replace('|', '/')))
    if not report['lost_response_failed_first']:
        lines.append('None.')
    lines += ['', '## Secret probes', '',
              'Each probe is a run at -vvvv with --diff; the output (results, diffs, plans, the request log) is',
              'searched for the secret values. With `return_credentials` the FTP password may appear in',
              '`storage.ftp_password` only (and must appear there); everywhere else it counts as a leak.', '',
              '| case | probes | occurrences |', '| --- | ---: | ---: |']
    for case in sorted(report['secret_probe_cases'], key=lambda c: c['id']):
        lines.append('| %s | %d | %d |' % (case['id'], case['probes'], case['leaks']))
    lines += ['', '## Hostile servers', '',
              'Each probe runs a module against a small server of its own on loopback (scripts/reliability/hostile.py)',
              'that redirects off the API host, echoes secrets back, answers HTML or a wrong shape with status 200,',
              'sends huge, deep, endless or trickling answers, hostile Retry-After values, or does not answer.', '',
              '| class | probes | safe |', '| --- | ---: | ---: |']
    for klass, figures in sorted((report.get('hostile_classes') or {}).items()):
        lines.append('| %s | %d | %d |' % (klass, figures['probes'], figures['safe']))
    from scripts.reliability import fidelity
    lines += [''] + fidelity.render_markdown(report)
    lines += ['## Concurrency', '', report['concurrency_detail'] or 'not run']
    lines += ['', '## Defects found by the suite and fixed in the modules', '']
    for fixed in report.get('fixed_defects') or []:
        lines.append('- **%s** (%s; test: `%s`): %s' % (fixed['key'], fixed['fixed_in'], fixed['test'], fixed['what']))
    lines += ['', '## Known defects (not fixed yet; their cases are listed, not counted as passing)', '']
    if not report['known_defects']:
        lines.append('None.')
    for known in report['known_defects']:
        count = sum(1 for f in report['failures'] if f['known'] == known['key'])
        lines += ['- **%s** (%d cases in this run): %s' % (known['key'], count, known['why']),
                  '  Reproduction: `%s`' % known['repro']]
    lines += ['', '## Failures (%d unexplained, %d known)' % (report['unexplained_failures'], report['known_failures']), '']
    if not report['failures']:
        lines.append('None.')
    for f in report['failures']:
        lines.append('- %s`%s`: %s' % ('(known defect) ' if f['known'] else '', f['id'], (f['detail'] or '').replace('|', '/')))
    lines.append('')
    return '\n'.join(lines)
