"""The check-mode fidelity (differential) suite: check mode says what the real run does.

For each scenario the task runs in check mode and then for real, each time from the same starting
state: the simulator is reset and the scenario's setup (seed data, module runs) applied again, and
the two starting states are compared (a setup that does not reproduce fails the case loudly). The
two results must agree: failed or not, the same ``msg`` (when failed), the same ``changed``, the
same ``plan`` (and ``plan_checksum`` when both carry it); check mode must send no mutating request.
Info modules are compared on failed, msg and changed only (they read live data).

Scenario families, over every module and every provider that offers it (docs/support-matrix.md,
the capabilities in plugins/module_utils/providers/<p>/__init__.py): creates and no-op reruns,
updates, immutable fields, missing create prerequisites, identifiers that name nothing or two
different objects, capability refusals, guarded deletes (prune / purge_rules with nothing left),
certificate-in-use refusals, bad input, deletes of existing and missing objects, purges and info.

Disagreements not fixed yet in plugins/ are listed in FIDELITY_KNOWN (id and reason): reported as
known, not counted as agreeing, and they do not fail the run.
"""

import json
import re

from scripts.reliability.cases import (
    ACCESS_ADD,
    ACCOUNT_SEED,
    CLOUDFLOW_FTP_PASSWORD,
    RECORDS,
    STORAGE_CREATE,
    URL_SIGNING,
    ZONE_CREATE,
    ZONE_UPDATE,
    Case,
    SPEED,
    _rule,
    cert_args,
    creds,
    pki,
)
from tests.simulator.certgen import make_cert

PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
ZONE_DELETE = ('cloudflow', 'ucdn', 'leaseweb')
CERTIFICATES = ('cloudflow', 'ucdn', 'leaseweb')
STORAGES = ('cloudflow', 'ucdn')
ACCESS_RULES = ('ucdn', 'leaseweb', 'cloudflow')
# A second zone per provider (identifier conflicts) and ids in each provider's form that name nothing.
SECOND_HOST = {'cloakfusion': 'static2.example.com', 'cloudflow': 'assets2.example.com', 'cloudflare': 'example.org',
               'ucdn': 'cdn2.example.com', 'leaseweb': 'media2.example.com'}
NO_SUCH_ID = {'cloakfusion': '987654', 'cloudflow': '987654', 'cloudflare': '987654', 'ucdn': '987654',
              'leaseweb': 'di-zzzzzzzz'}
NO_SUCH_CERTIFICATE = {'cloudflow': '987654', 'ucdn': '987654', 'leaseweb': 'ce-zzzzzzzz'}
MISSING_HOST = 'nowhere.example.com'
ORIGIN = 'https://origin.example.com'
# Guarded deletes start from this many objects: enough for a safety threshold (min_existing) to apply.
GUARDED_COUNT = 12


class Ref:
    """A value known only once the setup ran: ``step`` names a setup step, ``path`` indexes into what it
    returned (a seed's list of created ids, a module's result)."""

    def __init__(self, step, *path):
        self.step = step
        self.path = path

    def resolve(self, context):
        value = context[self.step]
        for key in self.path:
            value = value[key]
        # Ids are str options of every module.
        return str(value)


def _resolve(value, context):
    if isinstance(value, Ref):
        return value.resolve(context)
    if isinstance(value, dict):
        return dict((k, _resolve(v, context)) for k, v in value.items())
    if isinstance(value, list):
        return [_resolve(v, context) for v in value]
    return value


class Seed:
    """A setup step: simulator seed data (cheaper than a module run); its created ids under ``name``."""

    def __init__(self, data, name=None):
        self.data = data
        self.name = name


class Run:
    """A setup step: a module run that must succeed; its result under ``name``."""

    def __init__(self, module, args, name=None):
        self.module = module
        self.args = args
        self.name = name


class Scenario:
    """One task, run in check mode and for real from the same state.

    ``intended``: what the scenario is written to show ('fail', 'change', 'same'); reported when the
    outcome is another (information for the lead, e.g. an identifier case that creates today), never
    a failure of the case: only agreement counts.
    """

    def __init__(self, sid, module, provider, args, setup=(), intended=None):
        self.id = sid
        self.module = module
        self.provider = provider
        self.args = args
        self.setup = list(setup)
        self.intended = intended
        self.info = module.endswith('_info')

    @property
    def weight(self):
        return 2 + sum(1 for step in self.setup if isinstance(step, Run))


# --- setup helpers ---------------------------------------------------------------------------------

def zone_seed(p, host=None, name=None):
    """The provider's zone for ``host`` as seed data (as if made elsewhere)."""
    host = host or ZONE_CREATE[p]['hostname']
    data = {
        'ucdn': {'zones': [{'custom_domains': [host]}]},
        'leaseweb': {'distributions': [{'domains': [host], 'origin': ORIGIN}]},
        'cloudflow': {'cdn_resources': [{'cdn_hostname': host, 'origin': 'origin.example.com'}]},
        'cloakfusion': {'vhosts': [{'domain_name': host, 'origin_url': ORIGIN, 'name': host.split('.')[0]}]},
        'cloudflare': {'zones': [{'zone_name': host}]},
    }[p]
    return Seed(data, name)


def zone_run(p, **extra):
    """cdn_zone making the provider's usual zone (CloudFlare: its settings on the existing zone)."""
    return Run('cdn_zone', dict(ZONE_CREATE[p], **extra))


def _host(p):
    return ZONE_CREATE[p]['hostname']


# --- the scenarios ---------------------------------------------------------------------------------

def zone_scenarios():
    out = []

    def add(name, p, args, setup=(), intended=None, module='cdn_zone'):
        out.append(Scenario('%s/%s/%s' % (module, p, name), module, p, args, setup, intended))

    for p in PROVIDERS:
        host = _host(p)
        create = ZONE_CREATE[p]
        add('create', p, create, intended='change')
        add('rerun', p, create, [zone_run(p)], 'same')
        add('update', p, dict(create, **ZONE_UPDATE[p]), [zone_run(p)], 'change')
        add('delete', p, dict(hostname=host, state='absent'), [zone_run(p)],
            'change' if p in ZONE_DELETE else 'fail')
        add('delete-missing', p, dict(hostname=SECOND_HOST[p], state='absent'), [zone_seed(p)],
            'same' if p in ZONE_DELETE else 'fail')
        # Identifiers: an id that names nothing must fail (never create, never guess), with or without a
        # host name; an id and a host name of two different zones must fail too.
        change = dict(settings=ZONE_UPDATE['cloudflare']['settings']) if p == 'cloudflare' else dict(origin=ORIGIN)
        add('zone-id-missing', p, dict(change, zone_id=NO_SUCH_ID[p]), [zone_seed(p)], 'fail')
        add('zone-id-missing+hostname', p, dict(create, zone_id=NO_SUCH_ID[p]), [zone_seed(p)], 'fail')
        add('zone-id-conflict', p, dict(create, zone_id=Ref('other', 0)),
            [zone_seed(p), zone_seed(p, SECOND_HOST[p], 'other')], 'fail')
        add('zone-id-existing', p, dict(ZONE_UPDATE[p], zone_id=Ref('zone', 0)), [zone_seed(p, name='zone')])
        add('zone-id-absent-missing', p, dict(zone_id=NO_SUCH_ID[p], state='absent'), [zone_seed(p)])
        # Bad input: refused before any request, the same way in both modes.
        add('bad-hostname', p, dict(create, hostname='-bad-.example..com'), intended='fail')
        add('bad-cache_ttl', p, dict(create, cache_ttl=31536001), intended='fail')
        add('bad-aliases', p, dict(create, aliases=['bad host.example.com']), intended='fail')
        add('bad-origin', p, dict(create, origin='ftp://o.example.com'), intended='fail')
    # Create prerequisites: every provider that creates zones needs an origin (create_requires).
    for p in ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb'):
        add('create-no-origin', p, dict(hostname=_host(p)), intended='fail')
        add('create-no-origin-with-settings', p, dict(hostname=_host(p), tls=True) if p != 'ucdn'
            else dict(hostname=_host(p), cache_ttl=60), intended='fail')
    # CloudFlare cannot add zones: a host name not in the account is refused.
    add('create-not-in-account', 'cloudflare', dict(hostname='not-in-account.example', settings=dict(sec_lvl='high')),
        intended='fail')
    # Immutable fields (ResourceCaps.immutable).
    add('immutable-object_size', 'ucdn', dict(ZONE_CREATE['ucdn'], settings=dict(object_size='big')),
        [zone_run('ucdn', settings=dict(object_size='small'))], 'fail')
    add('immutable-object_size-unchanged', 'ucdn', dict(ZONE_CREATE['ucdn'], settings=dict(object_size='small')),
        [zone_run('ucdn', settings=dict(object_size='small'))], 'same')
    add('immutable-origin', 'cloakfusion', dict(ZONE_CREATE['cloakfusion'], origin='https://origin2.example.com'),
        [zone_run('cloakfusion')], 'fail')
    add('immutable-settings.name', 'cloakfusion', dict(ZONE_CREATE['cloakfusion'], settings=dict(name='renamed')),
        [zone_run('cloakfusion')], 'fail')
    add('immutable-hostname', 'cloakfusion', dict(ZONE_CREATE['cloakfusion'], hostname='static3.example.com',
                                                  zone_id=Ref('zone', 0)), [zone_seed('cloakfusion', name='zone')], 'fail')
    add('immutable-hostname', 'cloudflare', dict(hostname='example.org', zone_id=Ref('zone', 0),
                                                 settings=dict(sec_lvl='high')),
        [zone_seed('cloudflare', 'example.com', 'zone')], 'fail')
    add('mutable-tls', 'cloakfusion', dict(ZONE_CREATE['cloakfusion'], tls=False), [zone_run('cloakfusion')], 'change')
    # Capability refusals: a setting, an option or an operation the provider does not offer.
    foreign_setting = {'cloakfusion': dict(object_size='big'), 'cloudflow': dict(sec_lvl='high'),
                       'cloudflare': dict(cache_expiry=60), 'ucdn': dict(deliveryForceHttps=True),
                       'leaseweb': dict(hash_algorithm='md5')}
    foreign_option = {'cloakfusion': dict(aliases=['www.static.example.com']), 'cloudflow': dict(cache_ttl=60),
                      'cloudflare': dict(origin=ORIGIN), 'ucdn': dict(tls=True), 'leaseweb': dict(settings=dict(ttl=60))}
    out_of_range = {'cloakfusion': dict(ttl=90000), 'cloudflow': dict(cache_expiry=0), 'cloudflare': dict(minify=9),
                    'ucdn': dict(hash_algorithm='sha999'), 'leaseweb': dict(deliveryTtlOverride=-1)}
    for p in PROVIDERS:
        add('setting-not-offered', p, dict(ZONE_CREATE[p], settings=foreign_setting[p]), [zone_seed(p)], 'fail')
        add('option-not-offered', p, dict(ZONE_CREATE[p], **foreign_option[p]), [zone_seed(p)], 'fail')
        add('setting-out-of-range', p, dict(ZONE_CREATE[p], settings=out_of_range[p]), intended='fail')
    add('refresh_snapshot', 'cloudflare', dict(ZONE_CREATE['cloudflare'], refresh_snapshot=True), intended='change')
    add('refresh_snapshot-not-offered', 'ucdn', dict(ZONE_CREATE['ucdn'], refresh_snapshot=True), [zone_run('ucdn')],
        'fail')
    for p in ('cloudflow', 'ucdn', 'leaseweb'):
        add('aliases', p, dict(ZONE_CREATE[p], aliases=['www.' + _host(p)]), [zone_run(p)], 'change')
        add('url-signing', p, dict(ZONE_CREATE[p], settings=URL_SIGNING[p]), [zone_run(p)], 'change')
    for p in ('cloudflow', 'leaseweb'):
        add('certificate_id-missing', p, dict(ZONE_CREATE[p], certificate_id=NO_SUCH_CERTIFICATE[p]), [zone_run(p)], 'fail')
    add('origin_id-missing', 'leaseweb', dict(hostname=_host('leaseweb'), origin_id='or-zzzzzzzz'), intended='fail')
    add('origin_id-existing', 'leaseweb', dict(hostname=_host('leaseweb'), origin_id='fidelity-origin'),
        [Run('cdn_origin', dict(name='fidelity-origin', endpoints=[dict(host='o2.example.com')]))], 'change')
    add('origin-storage-missing', 'ucdn', dict(hostname=_host('ucdn'), origin='storage:no-such-storage'), intended='fail')
    add('origin-storage', 'ucdn', dict(hostname=_host('ucdn'), origin='storage:reliability-files'),
        [Run('cdn_storage', STORAGE_CREATE['ucdn'])], 'change')
    uploaded = Run('cdn_certificate', dict(cert_args(_host('cloudflow'))[0], hostname=_host('cloudflow')), 'cert')
    add('certificate_id-existing', 'cloudflow', dict(ZONE_CREATE['cloudflow'], tls=True,
                                                     certificate_id=Ref('cert', 'certificate', 'id')),
        [zone_run('cloudflow'), uploaded], 'change')
    for p in ('ucdn', 'leaseweb'):
        add('disable', p, dict(ZONE_CREATE[p], enabled=False), [zone_run(p)], 'change')
    return out


def zone_info_scenarios():
    out = []
    for p in PROVIDERS:
        def add(name, args, setup=(), intended=None, p=p):
            out.append(Scenario('cdn_zone_info/%s/%s' % (p, name), 'cdn_zone_info', p, args, setup, intended))
        add('hostname', dict(hostname=_host(p)), [zone_seed(p)], 'same')
        add('hostname-missing', dict(hostname=MISSING_HOST), [zone_seed(p)])
        add('zone_id-missing', dict(zone_id=NO_SUCH_ID[p]), [zone_seed(p)])
        add('all', dict(), [zone_seed(p), zone_seed(p, SECOND_HOST[p])], 'same')
    return out


def origin_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None):
        out.append(Scenario('cdn_origin/%s/%s' % (p, name), 'cdn_origin', p, args, setup, intended))

    for p in ('cloakfusion', 'cloudflow', 'ucdn'):
        host = _host(p)
        add(p, 'zone-missing', dict(zone=MISSING_HOST, endpoints=[dict(host='o2.example.com')]), intended='fail')
        add(p, 'bad-port', dict(zone=host, endpoints=[dict(host='o2.example.com', port=70000)]), intended='fail')
        add(p, 'bad-host', dict(zone=host, endpoints=[dict(host='bad host!')]), intended='fail')
    add('cloakfusion', 'host_header', dict(zone=_host('cloakfusion'), host_header='www.example.com'),
        [zone_run('cloakfusion')], 'change')
    add('cloakfusion', 'host_header-rerun', dict(zone=_host('cloakfusion'), host_header='www.example.com'),
        [zone_run('cloakfusion', origin_host_header='www.example.com')], 'same')
    add('cloakfusion', 'endpoints-fixed', dict(zone=_host('cloakfusion'), endpoints=[dict(host='o2.example.com')]),
        [zone_run('cloakfusion')], 'fail')
    two = [dict(host='o2.example.com'), dict(host='o3.example.com')]
    add('cloakfusion', 'two-endpoints', dict(zone=_host('cloakfusion'), endpoints=two), [zone_run('cloakfusion')], 'fail')
    for p in ('cloudflow', 'ucdn'):
        host = _host(p)
        add(p, 'endpoints', dict(zone=host, endpoints=[dict(host='o2.example.com')]), [zone_run(p)], 'change')
        add(p, 'endpoints-rerun', dict(zone=host, endpoints=[dict(host='o2.example.com')]),
            [zone_run(p), Run('cdn_origin', dict(zone=host, endpoints=[dict(host='o2.example.com')]))], 'same')
        add(p, 'protocol', dict(zone=host, protocol='http'), [zone_run(p)])
    four = [dict(host='o%d.example.com' % n) for n in range(1, 5)]
    add('cloudflow', 'four-endpoints', dict(zone=_host('cloudflow'), endpoints=four), [zone_run('cloudflow')], 'fail')
    add('ucdn', 'host_header', dict(zone=_host('ucdn'), host_header='www.example.com'), [zone_run('ucdn')], 'change')
    add('ucdn', 'auth', dict(zone=_host('ucdn'), auth=dict(type='http_basic', username='puller',
                                                           password='Pw-fidelity-1')), [zone_run('ucdn')], 'change')
    lsw = dict(name='fidelity-origin', endpoints=[dict(host='o2.example.com')])
    add('leaseweb', 'create', lsw, intended='change')
    add('leaseweb', 'rerun', lsw, [Run('cdn_origin', lsw)], 'same')
    add('leaseweb', 'update', dict(lsw, endpoints=[dict(host='o3.example.com')]), [Run('cdn_origin', lsw)], 'change')
    add('leaseweb', 'advanced', dict(lsw, path='/assets', https_port=8443), [Run('cdn_origin', lsw)], 'change')
    add('leaseweb', 'delete', dict(name=lsw['name'], state='absent'), [Run('cdn_origin', lsw)], 'change')
    add('leaseweb', 'delete-missing', dict(name='no-such-origin', state='absent'), intended='same')
    add('leaseweb', 'bad-port', dict(lsw, https_port=70000), intended='fail')
    add('leaseweb', 'protocol-not-offered', dict(lsw, protocol='https'), intended='fail')
    group = dict(name='fidelity-group', group=dict(members=[dict(origin='fidelity-origin')]))
    add('leaseweb', 'group', group, [Run('cdn_origin', lsw)], 'change')
    add('leaseweb', 'group-member-missing', dict(name='fidelity-group', group=dict(members=[dict(origin='no-such-origin')])),
        intended='fail')
    add('leaseweb', 'delete-in-use', dict(name=lsw['name'], state='absent'),
        [Run('cdn_origin', lsw), Run('cdn_zone', dict(hostname=_host('leaseweb'), origin_id=lsw['name']))])
    add('cloudflare', 'not-offered', dict(zone='example.com', endpoints=[dict(host='o.example.com')]), intended='fail')
    return out


def _newer_cert(host):
    """A second certificate for ``host``, valid longer (Leaseweb tells certificates apart by validity)."""
    leaf = make_cert(pki(), host, sans=[host], days=120)
    return dict(certificate=leaf.cert_pem, private_key=leaf.key_pem, chain=pki().cert_pem)


def certificate_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None):
        out.append(Scenario('cdn_certificate/%s/%s' % (p, name), 'cdn_certificate', p, args, setup, intended))

    for p in CERTIFICATES:
        host = _host(p)
        pem, _leaf = cert_args(host)
        other, _leaf = cert_args('other.example.net')
        upload = Run('cdn_certificate', dict(pem, zone=host))
        add(p, 'upload-bind', dict(pem, zone=host), [zone_run(p)], 'change')
        add(p, 'upload-bind-rerun', dict(pem, zone=host), [zone_run(p), upload], 'same')
        add(p, 'upload', dict(pem, hostname=host), intended='change')
        add(p, 'delete', dict(certificate=pem['certificate'], state='absent'),
            [Run('cdn_certificate', dict(pem, hostname=host))], 'change')
        add(p, 'delete-missing', dict(certificate=pem['certificate'], state='absent'), intended='same')
        # Certificate in use: deleting what a zone still serves is refused (force=true overrides).
        add(p, 'delete-in-use', dict(certificate=pem['certificate'], state='absent'), [zone_run(p), upload], 'fail')
        add(p, 'delete-in-use-force', dict(certificate=pem['certificate'], state='absent', force=True),
            [zone_run(p), upload], 'change')
        add(p, 'certificate_id-missing', dict(certificate_id=NO_SUCH_CERTIFICATE[p], state='absent'), [zone_run(p), upload],
            'fail')
        add(p, 'zone-missing', dict(pem, zone=MISSING_HOST, check_hostnames=False), intended='fail')
        add(p, 'not-covering-zone', dict(other, zone=host), [zone_run(p)], 'fail')
        add(p, 'bad-pem', dict(certificate='not a pem', private_key='nor this', zone=host), intended='fail')
        add(p, 'key-mismatch', dict(certificate=pem['certificate'], private_key=other['private_key'], zone=host),
            intended='fail')
        add(p, 'absent-without-identity', dict(state='absent'), intended='fail')
        # Rotation: a new certificate for the same host name replaces the one the zone serves.
        newer = _newer_cert(host)
        add(p, 'rotate', dict(newer, zone=host), [zone_run(p), upload], 'change')
        add(p, 'rotate-keep_old', dict(newer, zone=host, keep_old=True), [zone_run(p), upload], 'change')
    add('ucdn', 'acme', dict(zone=_host('ucdn'), acme=True), [zone_run('ucdn')], 'change')
    add('leaseweb', 'acme-not-offered', dict(zone=_host('leaseweb'), acme=True), [zone_run('leaseweb')], 'fail')
    pem, _leaf = cert_args('example.com')
    add('cloakfusion', 'not-offered', dict(pem, zone=_host('cloakfusion')), intended='fail')
    add('cloudflare', 'not-offered', dict(pem, zone='example.com'), intended='fail')
    return out


def purge_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None, module='cdn_purge'):
        out.append(Scenario('%s/%s/%s' % (module, p, name), module, p, args, setup, intended))

    offers = {'purge_all': ('cloudflow', 'cloudflare'), 'prefetch': ('cloudflow',)}
    for p in PROVIDERS:
        host = _host(p)
        add(p, 'paths', dict(zone=host, paths=['/a.css', '/b.js']), [zone_seed(p)], 'change')
        add(p, 'urls', dict(zone=host, urls=['https://%s/c.css' % host]), [zone_seed(p)], 'change')
        add(p, 'zone-missing', dict(zone=MISSING_HOST, paths=['/a.css']), [zone_seed(p)], 'fail')
        add(p, 'bad-url', dict(zone=host, urls=['not a url']), [zone_seed(p)], 'fail')
        add(p, 'purge_all', dict(zone=host, purge_all=True), [zone_seed(p)],
            'change' if p in offers['purge_all'] else 'fail')
        add(p, 'prefetch', dict(zone=host, paths=['/a.css'], prefetch=True), [zone_seed(p)],
            'change' if p in offers['prefetch'] else 'fail')
        # A purge job id that names nothing: refused (UCDN deletes waiting jobs; the others cannot).
        add(p, 'absent-job-missing', dict(state='absent', job_ids=['987654']), [zone_seed(p)], 'fail')
    add('ucdn', 'absent-job', dict(state='absent', job_ids=[Ref('purge', 'jobs', 0, 'id')]),
        [zone_seed('ucdn'), Run('cdn_purge', dict(zone=_host('ucdn'), paths=['/a.css'], wait=False), 'purge')], 'change')
    add('ucdn', 'too-many-paths', dict(zone=_host('ucdn'), paths=['/f%03d.css' % n for n in range(150)]),
        [zone_seed('ucdn')], 'change')
    # cdn_purge_info
    for p in ('cloakfusion', 'ucdn', 'leaseweb'):
        host = _host(p)
        purged = Run('cdn_purge', dict(zone=host, paths=['/y.css']), 'purge')
        add(p, 'list', dict(limit=10), [zone_seed(p), purged], 'same', 'cdn_purge_info')
        add(p, 'job_id', dict(job_id=Ref('purge', 'jobs', 0, 'id')), [zone_seed(p), purged], 'same', 'cdn_purge_info')
        add(p, 'job_id-missing', dict(job_id='987654'), [zone_seed(p), purged], 'fail', 'cdn_purge_info')
    for p in ('cloudflow', 'cloudflare'):
        add(p, 'not-offered', dict(limit=10), [zone_seed(p)], 'fail', 'cdn_purge_info')
    return out


def dns_scenarios():
    out = []

    def add(name, args, setup=(), intended=None, p='cloudflare', module='cdn_dns_record'):
        out.append(Scenario('%s/%s/%s' % (module, p, name), module, p, args, setup, intended))

    zone = 'example.com'
    www = dict(zone=zone, record='www', type='A', value='192.0.2.10')
    made = Run('cdn_dns_record', www)
    # A record set is seeded: cdn_dns_record creates a few at a time, so its record ids come in varying order.
    record_set = Seed({'zones': [{'zone_name': zone, 'records': [
        dict(name='www.example.com', type='A', content='192.0.2.10', ttl='1'),
        dict(name='api.example.com', type='CNAME', content='edge.example.net', ttl='300'),
        dict(name='example.com', type='TXT', content='v=reliability', ttl='1')]}]})
    add('create', www, intended='change')
    add('rerun', www, [made], 'same')
    add('update-ttl', dict(www, ttl=300), [made], 'change')
    add('proxied', dict(www, proxied=True), [made], 'change')
    add('delete', dict(www, state='absent'), [made], 'change')
    add('delete-missing', dict(www, state='absent'), intended='same')
    add('delete-all-of-name', dict(zone=zone, record='www', type='A', state='absent'), [made], 'change')
    add('records', dict(zone=zone, records=RECORDS), intended='change')
    add('records-rerun', dict(zone=zone, records=RECORDS), [record_set], 'same')
    add('mx', dict(zone=zone, record='@', type='MX', value='mail.example.com', priority=10), intended='change')
    add('srv', dict(zone=zone, record='@', type='SRV', service='_sip', protocol='_tcp', weight=5, port=5060,
                    target='sip.example.com', priority=10), intended='change')
    # Guarded deletes: a record set pruned down to nothing, or to far less than there is.
    many = [dict(name='h%02d.example.com' % n, type='A', content='192.0.2.%d' % n, ttl='1') for n in range(1, GUARDED_COUNT + 1)]
    seeded = Seed({'zones': [{'zone_name': zone, 'records': many}]})
    add('prune-to-empty', dict(zone=zone, records=[], prune=True), [seeded], 'fail')
    add('prune-to-empty-allow_empty', dict(zone=zone, records=[], prune=True, safety=dict(allow_empty=True)), [seeded],
        'change')
    # Emptying takes allow_empty; a higher max_delete_percent alone does not.
    add('prune-to-empty-max_delete_percent', dict(zone=zone, records=[], prune=True, safety=dict(max_delete_percent=100)),
        [seeded], 'fail')
    keep = [dict(record='h01', type='A', value='192.0.2.1')]
    add('prune-to-one', dict(zone=zone, records=keep, prune=True), [seeded], 'fail')
    add('prune-to-one-max_delete_percent', dict(zone=zone, records=keep, prune=True, safety=dict(max_delete_percent=100)),
        [seeded], 'change')
    add('prune-one', dict(zone=zone, records=[dict(record='h%02d' % n, type='A', value='192.0.2.%d' % n)
                                              for n in range(1, GUARDED_COUNT)], prune=True), [seeded], 'change')
    add('prune-scope', dict(zone=zone, records=keep, prune=True, prune_scope=['h02']), [seeded], 'change')
    # Bad input.
    add('bad-type', dict(www, type='BOGUS'), intended='fail')
    add('bad-ipv4', dict(www, value='999.1.1.1'), intended='fail')
    add('bad-ttl', dict(www, ttl=50), intended='fail')
    add('bad-proxied-txt', dict(zone=zone, record='t', type='TXT', value='x', proxied=True), intended='fail')
    add('mx-without-priority', dict(zone=zone, record='@', type='MX', value='mail.example.com'), intended='fail')
    add('cname-clash', dict(zone=zone, record='www', type='CNAME', value='edge.example.net'), [made], 'fail')
    add('zone-not-in-account', dict(www, zone='not-in-account.example'), intended='fail')
    for p in ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb'):
        add('not-offered', dict(zone=_host(p), record='www', type='A', value='192.0.2.1'), p=p, intended='fail')
    # cdn_dns_record_info
    info = 'cdn_dns_record_info'
    add('list', dict(zone=zone), [record_set], 'same', module=info)
    add('filtered', dict(zone=zone, record='www', type='A'), [record_set], 'same', module=info)
    add('zone-not-in-account', dict(zone='not-in-account.example'), intended='fail', module=info)
    add('not-offered', dict(zone=_host('ucdn')), p='ucdn', intended='fail', module=info)
    return out


def storage_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None):
        out.append(Scenario('cdn_storage/%s/%s' % (p, name), 'cdn_storage', p, args, setup, intended))

    for p in STORAGES:
        create = STORAGE_CREATE[p]
        made = Run('cdn_storage', create)
        add(p, 'create', create, intended='change')
        add(p, 'rerun', create, [made], 'same')
        add(p, 'delete', dict(name=create['name'], state='absent'), [made], 'change')
        add(p, 'delete-missing', dict(name='no-such-storage' if p == 'ucdn' else 'gone.example.com', state='absent'),
            intended='same')
        rotate = dict(create, rotate_ftp_password=True)
        if p == 'cloudflow':
            rotate['ftp_password'] = CLOUDFLOW_FTP_PASSWORD + '-2'
        add(p, 'rotate', rotate, [made], 'change')
        add(p, 'region-fixed', dict(create, region='north-america' if p == 'ucdn' else 'asia'), [made], 'fail')
        add(p, 'bad-name', dict(create, name='ab' if p == 'ucdn' else 'not a host'), intended='fail')
        add(p, 'bad-region', dict(create, region='mars'), intended='fail')
    # UCDN refuses to delete a storage holding files or serving a zone.
    add('ucdn', 'delete-holding-files', dict(name='reliability-files', state='absent'),
        [Seed({'storages': [dict(name='reliability-files', region='europe', bytes=1024, objects=3)]})], 'fail')
    add('ucdn', 'delete-serving-zone', dict(name='reliability-files', state='absent'),
        [Run('cdn_storage', STORAGE_CREATE['ucdn']),
         Run('cdn_zone', dict(hostname=_host('ucdn'), origin='storage:reliability-files'))], 'fail')
    add('ucdn', 'ftp_password-not-chosen', dict(STORAGE_CREATE['ucdn'], ftp_password='Mine-123456'), intended='fail')
    add('cloudflow', 'create-without-ftp_password', dict(name='files2.example.com', region='europe'), intended='fail')
    for p in ('cloakfusion', 'cloudflare', 'leaseweb'):
        add(p, 'not-offered', dict(name='reliability-files', region='europe'), intended='fail')
    return out


def stats_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None):
        out.append(Scenario('cdn_stats_info/%s/%s' % (p, name), 'cdn_stats_info', p, args, setup, intended))

    basic = {'cloakfusion': dict(zone=_host('cloakfusion')), 'ucdn': dict(zone=_host('ucdn'), report='hits'),
             'leaseweb': dict(zone=_host('leaseweb')), 'cloudflare': dict(zone='example.com'),
             'cloudflow': dict(report='usage')}
    for p in PROVIDERS:
        add(p, 'basic', basic[p], [zone_seed(p)], 'same')
        add(p, 'zone-missing', dict(zone=MISSING_HOST), [zone_seed(p)], 'fail')
        add(p, 'bad-dates', dict(basic[p], start='2024-01-02', end='2024-01-01'), [zone_seed(p)], 'fail')
    add('ucdn', 'bad-report', dict(report='traffic'), intended='fail')
    add('cloakfusion', 'granularity-not-offered', dict(granularity='hour'), intended='fail')
    return out


def access_rule_scenarios():
    out = []

    def add(p, name, args, setup=(), intended=None):
        out.append(Scenario('cdn_access_rule/%s/%s' % (p, name), 'cdn_access_rule', p, args, setup, intended))

    replace = {'ucdn': [_rule('country', 'allow', 'de')], 'leaseweb': [_rule('country', 'allow', 'de')],
               'cloudflow': [_rule('country', 'allow', 'DE')]}
    countries = ('AT', 'BE', 'BG', 'CY', 'CZ', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR')
    many = {'ucdn': [_rule('country', 'deny', c) for c in countries],
            'leaseweb': [_rule('ip', 'deny', '192.0.2.%d' % n) for n in range(1, GUARDED_COUNT + 1)],
            'cloudflow': [_rule('ip', 'deny', '192.0.2.%d' % n) for n in range(1, GUARDED_COUNT + 1)]}
    for p in ACCESS_RULES:
        host = _host(p)
        added = Run('cdn_access_rule', dict(zone=host, rules=ACCESS_ADD[p]))
        add(p, 'add', dict(zone=host, rules=ACCESS_ADD[p]), [zone_seed(p)], 'change')
        add(p, 'rerun', dict(zone=host, rules=ACCESS_ADD[p]), [zone_seed(p), added], 'same')
        add(p, 'purge-replace', dict(zone=host, rules=replace[p], purge_rules=True), [zone_seed(p), added], 'change')
        add(p, 'absent-one', dict(zone=host, rules=ACCESS_ADD[p][:1], state='absent'), [zone_seed(p), added], 'change')
        add(p, 'absent-missing', dict(zone=host, rules=ACCESS_ADD[p][:1], state='absent'), [zone_seed(p)], 'same')
        add(p, 'absent-all', dict(zone=host, state='absent', purge_rules=True), [zone_seed(p), added], 'change')
        # Guarded deletes: purge_rules with rules=[] on a zone holding many rules.
        lots = Run('cdn_access_rule', dict(zone=host, rules=many[p]))
        add(p, 'purge-to-empty', dict(zone=host, rules=[], purge_rules=True), [zone_seed(p), lots], 'fail')
        add(p, 'purge-to-empty-allow_empty', dict(zone=host, rules=[], purge_rules=True, safety=dict(allow_empty=True)),
            [zone_seed(p), lots], 'change')
        # Emptying takes allow_empty; a higher max_delete_percent alone does not.
        add(p, 'purge-to-empty-max_delete_percent', dict(zone=host, rules=[], purge_rules=True,
                                                         safety=dict(max_delete_percent=100)), [zone_seed(p), lots], 'fail')
        add(p, 'purge-most', dict(zone=host, rules=many[p][:1], purge_rules=True), [zone_seed(p), lots], 'fail')
        add(p, 'purge-most-max_delete_percent', dict(zone=host, rules=many[p][:1], purge_rules=True,
                                                     safety=dict(max_delete_percent=100)), [zone_seed(p), lots], 'change')
        add(p, 'zone-missing', dict(zone=MISSING_HOST, rules=ACCESS_ADD[p]), [zone_seed(p)], 'fail')
    add('ucdn', 'ip-not-offered', dict(zone=_host('ucdn'), rules=[_rule('ip', 'deny', '192.0.2.1')]),
        [zone_seed('ucdn')], 'fail')
    add('ucdn', 'referrer-deny-not-offered', dict(zone=_host('ucdn'), rules=[_rule('referrer', 'deny', 'bad.example')]),
        [zone_seed('ucdn')], 'fail')
    mixed = [_rule('ip', 'allow', '192.0.2.1'), _rule('ip', 'deny', '198.51.100.7')]
    add('cloudflow', 'mixed-actions', dict(zone=_host('cloudflow'), rules=mixed), [zone_seed('cloudflow')], 'fail')
    add('leaseweb', 'bad-country', dict(zone=_host('leaseweb'), rules=[_rule('country', 'deny', 'Germany')]),
        [zone_seed('leaseweb')], 'fail')
    ips = [_rule('ip', 'allow', '192.0.2.10'), _rule('ip', 'deny', '198.51.100.7')]
    add('cloudflare', 'wl-ban', dict(rules=ips), intended='change')
    add('cloudflare', 'nul', dict(rules=ips[:1], state='absent'), [Run('cdn_access_rule', dict(rules=ips))], 'change')
    add('cloudflare', 'purge_rules-not-possible', dict(rules=ips, purge_rules=True), intended='fail')
    add('cloudflare', 'country-not-offered', dict(rules=[_rule('country', 'deny', 'RU')]), intended='fail')
    add('cloudflare', 'network-not-offered', dict(rules=[_rule('ip', 'deny', '198.51.100.0/24')]), intended='fail')
    add('cloakfusion', 'not-offered', dict(zone=_host('cloakfusion'), rules=[_rule('ip', 'deny', '192.0.2.1')]),
        [zone_seed('cloakfusion')], 'fail')
    return out


def other_info_scenarios():
    out = []

    def add(module, p, name, args, setup=(), intended=None):
        out.append(Scenario('%s/%s/%s' % (module, p, name), module, p, args, setup, intended))

    account = Seed(ACCOUNT_SEED)
    password = ACCOUNT_SEED['users'][0]['password']
    add('cdn_account_info', 'ucdn', 'account', dict(), [account], 'same')
    add('cdn_account_info', 'ucdn', 'subaccounts', dict(subaccounts=True), [account], 'same')
    add('cdn_account_info', 'ucdn', 'login', dict(login=dict(email='ops@example.com', password=password)), [account],
        'same')
    add('cdn_account_info', 'ucdn', 'login-wrong', dict(login=dict(email='ops@example.com', password='Wrong-fidelity')),
        [account])
    add('cdn_account_info', 'ucdn', 'login-incomplete', dict(login=dict(email=' ', password='x')), [account], 'fail')
    add('cdn_account_info', 'leaseweb', 'not-offered', dict(subaccounts=True), intended='fail')
    lsw = _host('leaseweb')
    pending = Seed({'distributions': [{'domains': [lsw], 'origin': ORIGIN, 'pending': True}]})
    add('cdn_action_info', 'leaseweb', 'list', dict(limit=5), [pending], 'same')
    add('cdn_action_info', 'leaseweb', 'types', dict(types=['CREATE_DIST']), [pending], 'same')
    add('cdn_action_info', 'leaseweb', 'action_id-missing', dict(action_id='00000000-0000-4000-8000-000000000000'),
        [pending], 'fail')
    add('cdn_action_info', 'leaseweb', 'bad-limit', dict(limit=0), intended='fail')
    add('cdn_action_info', 'ucdn', 'not-offered', dict(limit=5), intended='fail')
    add('cdn_debug_info', 'leaseweb', 'url', dict(url='https://%s/logo.png' % lsw), [zone_seed('leaseweb')], 'same')
    add('cdn_debug_info', 'leaseweb', 'url-not-on-a-zone', dict(url='https://%s/logo.png' % MISSING_HOST),
        [zone_seed('leaseweb')], 'fail')
    add('cdn_debug_info', 'leaseweb', 'bad-url', dict(url='%s/logo.png' % lsw), intended='fail')
    add('cdn_debug_info', 'ucdn', 'not-offered', dict(url='https://%s/logo.png' % _host('ucdn')), intended='fail')
    add('cdn_ip_info', 'cloudflare', 'lookup', dict(ips=['192.0.2.1']), intended='same')
    add('cdn_ip_info', 'cloudflare', 'visitors', dict(zone='example.com', hours=24), intended='same')
    add('cdn_ip_info', 'cloudflare', 'zone-not-in-account', dict(zone='not-in-account.example'), intended='fail')
    add('cdn_ip_info', 'cloudflare', 'bad-hours', dict(zone='example.com', hours=49), intended='fail')
    add('cdn_ip_info', 'ucdn', 'not-offered', dict(ips=['192.0.2.1']), intended='fail')
    return out


def scenarios():
    out = (zone_scenarios() + zone_info_scenarios() + origin_scenarios() + certificate_scenarios() + purge_scenarios()
           + dns_scenarios() + storage_scenarios() + stats_scenarios() + access_rule_scenarios() + other_info_scenarios())
    ids = [s.id for s in out]
    duplicated = sorted(set(i for i in ids if ids.count(i) > 1))
    if duplicated:
        raise RuntimeError('fidelity scenario ids used twice: %s' % duplicated)
    return out


# Disagreements found by this suite and not fixed yet in plugins/: the case id and why. A listed
# case that disagrees is reported as known (not agreeing, not failing the run); one that agrees
# again is reported as agreeing, and its entry should go.
# (none: the five found when the suite was written are fixed: CloudFlow's certificate_id and in-use
# certificate deletes and storage passwords, and a certificate bound to a missing zone, are all refused while
# planning now.)
FIDELITY_KNOWN = []
KNOWN_BY_ID = dict((k['id'], k['reason']) for k in FIDELITY_KNOWN)


# --- the case ------------------------------------------------------------------------------------

# State fields that record when, not what: they differ between two preparations of the same setup.
VOLATILE_KEY = re.compile(r'(^|_)(ts|at|time|date|created|updated|completed|submitted|modified|stamp)$')
ISO_TIME = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d')
# After the setup the simulated clock skips ahead: deployments and jobs the setup started are done,
# so both runs start from a settled state whatever the machine's load.
SETTLE_SECONDS = 3600


def _stable(value):
    if isinstance(value, dict):
        return dict((k, '<time>' if VOLATILE_KEY.search(str(k)) else _stable(v)) for k, v in value.items())
    if isinstance(value, list):
        return [_stable(v) for v in value]
    if isinstance(value, str) and ISO_TIME.match(value):
        return '<time>'
    return value


def _first_difference(a, b, path=''):
    """The first place two JSON values differ, as 'path: a vs b' (short)."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            if a.get(key, '<absent>') != b.get(key, '<absent>'):
                return _first_difference(a.get(key, '<absent>'), b.get(key, '<absent>'), '%s.%s' % (path, key))
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for n, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, '%s[%d]' % (path, n))
        return None
    if a == b:
        return None
    return '%s: %s vs %s' % (path.lstrip('.') or '(top)', _short(a), _short(b))


def _short(value, size=120):
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True)
    return text if len(text) <= size else text[:size - 3] + '...'


def _prepare(sim, run_module, scenario):
    """Reset the simulator and apply the setup; the context (what each named step returned) and the state."""
    sim.reset()
    sim.speed(SPEED)
    context = {}
    for step in scenario.setup:
        if isinstance(step, Seed):
            created = sim.seed(scenario.provider, step.data)
            if step.name:
                context[step.name] = created['result']
        else:
            result = run_module(step.module, creds(sim, scenario.provider, **_resolve(step.args, context)))
            if result['_rc'] != 0:
                raise RuntimeError('setup %s failed: %s' % (step.module, result.get('msg')))
            if step.name:
                context[step.name] = result
    sim.advance(SETTLE_SECONDS)
    state = _stable(sim.state(scenario.provider))
    sim.clear_log()
    return _resolve(scenario.args, context), state


def _failed(result):
    return result['_rc'] != 0 or bool(result.get('failed'))


def compare(scenario, check, real):
    """The first disagreement between the check-mode and the real result, or None."""
    failed = (_failed(check), _failed(real))
    if failed[0] != failed[1]:
        return 'failed: check %s vs real %s (check msg %s; real msg %s)' % (
            failed[0], failed[1], _short(check.get('msg') or '', 100), _short(real.get('msg') or '', 100))
    if failed[0] or ('msg' in check and 'msg' in real):
        if check.get('msg') != real.get('msg'):
            return 'msg: check %s vs real %s' % (_short(check.get('msg') or '', 140), _short(real.get('msg') or '', 140))
    if bool(check.get('changed')) != bool(real.get('changed')):
        return 'changed: check %s vs real %s' % (bool(check.get('changed')), bool(real.get('changed')))
    if scenario.info:
        return None
    if check.get('plan') != real.get('plan'):
        return 'plan: ' + (_first_difference(check.get('plan'), real.get('plan')) or 'differs')
    if 'plan_checksum' in check and 'plan_checksum' in real and check['plan_checksum'] != real['plan_checksum']:
        return 'plan_checksum: check %s vs real %s' % (check['plan_checksum'], real['plan_checksum'])
    return None


def _outcome(result):
    if _failed(result):
        return 'fail'
    return 'change' if result.get('changed') else 'same'


def _fidelity_case(scenario):
    def fn(sim, run_module):
        args, before_check = _prepare(sim, run_module, scenario)
        check = run_module(scenario.module, creds(sim, scenario.provider, **args), check=True, diff=True)
        writes = [e for e in sim.log() if e['mutating']]
        args_again, before_real = _prepare(sim, run_module, scenario)
        if before_real != before_check or args_again != args:
            where = _first_difference(before_check, before_real) or _first_difference(args, args_again)
            return dict(ok=False, fidelity_writes=len(writes),
                        detail=_short('setup not reproducible (the real run would start elsewhere): %s' % where, 300))
        real = run_module(scenario.module, creds(sim, scenario.provider, **args), diff=True)
        outcome = _outcome(real)
        out = dict(fidelity_writes=len(writes), outcome=outcome, intended=scenario.intended,
                   module=scenario.module, provider=scenario.provider)
        problem = None
        if writes:
            problem = 'check mode sent %d mutating requests: %s' % (
                len(writes), ', '.join('%s %s' % (e['method'], e['path']) for e in writes[:3]))
        problem = problem or compare(scenario, check, real)
        if problem:
            out.update(ok=False, detail=_short(problem, 300))
            if scenario.id in KNOWN_BY_ID:
                out['known'] = 'fidelity'
            return out
        if outcome == 'fail':
            summary = 'both failed: %s' % _short(real.get('msg') or '', 200)
        else:
            summary = 'changed=%s both ways, plan of %d actions' % (bool(real.get('changed')), len(real.get('plan') or []))
        out.update(ok=True, detail=_short(summary, 300))
        return out
    return fn


def fidelity_cases():
    return [Case('fidelity/%s' % s.id, 'fidelity', s.weight, _fidelity_case(s)) for s in scenarios()]


# --- report ---------------------------------------------------------------------------------------

def summarise(results):
    """The fidelity figures of a run, for reports/reliability.json."""
    mine = [r for r in results if r['section'] == 'fidelity']
    per = {}
    for r in mine:
        key = '%s/%s' % (r.get('module') or r['id'].split('/')[1], r.get('provider') or r['id'].split('/')[2])
        row = per.setdefault(key, dict(cases=0, agree=0))
        row['cases'] += 1
        row['agree'] += bool(r['ok'])
    return dict(
        check_fidelity_cases=len(mine),
        check_fidelity_agree=sum(1 for r in mine if r['ok']),
        check_fidelity_known=sum(1 for r in mine if not r['ok'] and r.get('known')),
        check_fidelity_writes=sum(r.get('fidelity_writes', 0) for r in mine),
        check_fidelity_by_module=per,
        check_fidelity_outcomes=dict((o, sum(1 for r in mine if r.get('outcome') == o)) for o in ('fail', 'change', 'same')),
        check_fidelity_disagreements=sorted((dict(id=r['id'], detail=r.get('detail'),
                                                  known=KNOWN_BY_ID.get(r['id'][len('fidelity/'):]))
                                             for r in mine if not r['ok']), key=lambda d: d['id']),
        # Not failures: what a scenario was written to show and what both runs did instead.
        check_fidelity_unintended=sorted((dict(id=r['id'], intended=r['intended'], outcome=r['outcome'])
                                          for r in mine if r.get('intended') and r.get('outcome')
                                          and r['intended'] != r['outcome']), key=lambda d: d['id']),
        check_fidelity_stale_known=sorted(k['id'] for k in FIDELITY_KNOWN
                                          if any(r['ok'] and r['id'] == 'fidelity/' + k['id'] for r in mine)),
    )


def render_markdown(report):
    """The fidelity section of reports/reliability.md."""
    lines = ['## Check-mode fidelity', '',
             'Each scenario runs in check mode, then for real, each from the same starting state (the simulator',
             'reset and the setup applied again; the two starting states compared). They agree when both fail or',
             'neither does, with the same `msg`, the same `changed` and the same `plan` (`plan_checksum` too when',
             'both carry it), and check mode sends no mutating request (scripts/reliability/fidelity.py).', '',
             '%d scenarios, %d agree, %d known disagreements, %d mutating requests in check mode.' % (
                 report.get('check_fidelity_cases', 0), report.get('check_fidelity_agree', 0),
                 report.get('check_fidelity_known', 0), report.get('check_fidelity_writes', 0)), '',
             '| module / provider | scenarios | agree |', '| --- | ---: | ---: |']
    for key, row in sorted((report.get('check_fidelity_by_module') or {}).items()):
        lines.append('| %s | %d | %d |' % (key, row['cases'], row['agree']))
    lines += ['', '### Disagreements', '']
    for item in report.get('check_fidelity_disagreements') or []:
        lines.append('- %s`%s`: %s%s' % ('(known) ' if item['known'] else '', item['id'],
                                         (item['detail'] or '').replace('|', '/'),
                                         (' Known: %s' % item['known']) if item['known'] else ''))
    if not report.get('check_fidelity_disagreements'):
        lines.append('None.')
    stale = report.get('check_fidelity_stale_known') or []
    if stale:
        lines += ['', 'Listed in FIDELITY_KNOWN but agreeing now (remove them): %s.' % ', '.join('`%s`' % s for s in stale)]
    lines += ['', '### Outcomes other than the scenario was written to show', '',
              'Not failures (both runs agree); what the scenario intended (fail, change, same) and what both runs did.', '']
    for item in report.get('check_fidelity_unintended') or []:
        lines.append('- `%s`: intended %s, did %s' % (item['id'], item['intended'], item['outcome']))
    if not report.get('check_fidelity_unintended'):
        lines.append('None.')
    lines.append('')
    return lines
