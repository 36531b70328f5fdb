"""A full account per provider, built the way a user builds one: through the collection's modules against the
simulator (only CloudFlare's zones are seeded: its client API cannot add zones). Each account holds every
resource the provider lets a client make: zones with settings and aliases, origins and origin groups,
certificates bound to zones, DNS records of every type, access rules and storages. The export tests read
these accounts back (cdn_export_info) and apply them to empty accounts."""

from tests.simulator.certgen import make_ca, make_cert
from tests.simulator.runner import run_module

PROVIDERS = ('ucdn', 'leaseweb', 'cloudflow', 'cloakfusion', 'cloudflare')
# Secrets the accounts are built with: none may appear in an export, a report or a log.
ORIGIN_PASSWORD = 'Origin-Pa55-9d2e71'
FTP_PASSWORD = 'Ftp-Pa55-4c8b02'
HASH_SECRET = 'Hash-S3cret-61fa0c'
SIGNING_KEY = 'Sign1ngKey0a7d3e55'
SECRETS = (ORIGIN_PASSWORD, FTP_PASSWORD, HASH_SECRET, SIGNING_KEY)

# Every record type cdn_dns_record offers on CloudFlare (docs/support-matrix.md).
CLOUDFLARE_RECORDS = [
    dict(record='example.com', type='A', value='192.0.2.10', ttl=1, proxied=True),
    dict(record='www', type='CNAME', value='example.com', ttl=1, proxied=True),
    dict(record='v6', type='AAAA', value='2001:db8::10', ttl=300),
    dict(record='example.com', type='MX', value='mx1.example.com', priority=10, ttl=3600),
    dict(record='example.com', type='TXT', value='v=verify one', ttl=3600),
    dict(record='example.com', type='SPF', value='v=spf1 -all', ttl=3600),
    dict(record='sub', type='NS', value='ns1.example.net', ttl=86400),
    dict(record='example.com', type='SRV', service='_sip', protocol='_tcp', priority=10, weight=5, port=5060,
         target='sip.example.com', ttl=3600),
    dict(record='office', type='LOC', value='52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000.00m 10.00m', ttl=3600),
]


def pki():
    root = make_ca('Export Root')
    inter = make_ca('Export Intermediate', issuer=root)
    return dict(www=make_cert(inter, 'www.example.com', sans=['www.example.com', 'img.example.com']), chain=inter)


def _run(sim, provider, module, **args):
    params = sim.creds(provider)
    if module == 'cdn_zone':
        params['wait'] = False
    params.update(args)
    result = run_module(module, params)
    assert result['_rc'] == 0 and not result.get('failed'), (module, args.get('name') or args.get('hostname'), result.get('msg'))
    return result


def _certificate(sim, provider, certs, zone, **extra):
    leaf = certs['www']
    return _run(sim, provider, 'cdn_certificate', certificate=leaf.cert_pem, private_key=leaf.key_pem,
                chain=certs['chain'].cert_pem, zone=zone, **extra)


def build_account(sim, provider, certs):
    """Make the provider's full account through the modules; clears the request log after."""
    # A fast clock: deployments (Cloakfusion's vhost properties, UCDN's reconfiguration) finish in a blink.
    sim.speed(100)
    build = globals()['_build_' + provider]
    build(sim, certs)
    sim.clear_log()


def _build_ucdn(sim, certs):
    _run(sim, 'ucdn', 'cdn_zone', hostname='www.example.com', aliases=['img.example.com'],
         origin='http://origin.example.com', cache_ttl=3600,
         settings=dict(hash_algorithm='md5', hash_secret=HASH_SECRET, error_pages=[]))
    _run(sim, 'ucdn', 'cdn_zone', hostname='static.example.com', origin='https://static-origin.example.com',
         enabled=False)
    _run(sim, 'ucdn', 'cdn_origin', zone='www.example.com', endpoints=[dict(host='origin.example.com'),
                                                                       dict(host='origin2.example.com', port=8080)],
         host_header='origin.example.com', auth=dict(type='http_basic', username='cdn', password=ORIGIN_PASSWORD))
    _certificate(sim, 'ucdn', certs, 'www.example.com')
    _run(sim, 'ucdn', 'cdn_access_rule', zone='www.example.com',
         rules=[dict(type='country', action='allow', value='DE'), dict(type='country', action='deny', value='RU'),
                dict(type='referrer', action='allow', value='example.com')])
    _run(sim, 'ucdn', 'cdn_storage', name='files', region='europe')


def _build_leaseweb(sim, certs):
    _run(sim, 'leaseweb', 'cdn_origin', name='backend-a', endpoints=[dict(host='a.origin.example.com')])
    _run(sim, 'leaseweb', 'cdn_origin', name='backend-b', endpoints=[dict(host='b.origin.example.com')],
         path='/assets', http_port=8080)
    _run(sim, 'leaseweb', 'cdn_origin', name='pool', group=dict(balancing_method='ROUNDROBIN', members=[
        dict(origin='backend-a'), dict(origin='backend-b', status='backup')]))
    _run(sim, 'leaseweb', 'cdn_zone', hostname='www.example.com', aliases=['img.example.com'], origin_id='backend-a',
         cache_ttl=3600, settings=dict(cacheQueryString=True))
    _run(sim, 'leaseweb', 'cdn_zone', hostname='static.example.com', origin_id='pool', compress=True)
    _certificate(sim, 'leaseweb', certs, 'www.example.com', name='www-cert')
    _run(sim, 'leaseweb', 'cdn_access_rule', zone='www.example.com',
         rules=[dict(type='ip', action='deny', value='192.0.2.0/24'), dict(type='country', action='deny', value='RU'),
                dict(type='referrer', action='allow', value='example.com')])


def _build_cloudflow(sim, certs):
    _run(sim, 'cloudflow', 'cdn_zone', hostname='www.example.com', aliases=['img.example.com'],
         origin='http://origin.example.com', settings=dict(cache_expiry=60, url_signing_on=True,
                                                           url_signing_key=SIGNING_KEY))
    _run(sim, 'cloudflow', 'cdn_zone', hostname='static.example.com', origin='http://static-origin.example.com')
    _run(sim, 'cloudflow', 'cdn_origin', zone='www.example.com', endpoints=[dict(host='origin.example.com'),
                                                                            dict(host='origin2.example.com')])
    _certificate(sim, 'cloudflow', certs, 'www.example.com', name='www-cert')
    _run(sim, 'cloudflow', 'cdn_access_rule', zone='www.example.com',
         rules=[dict(type='ip', action='deny', value='192.0.2.1'), dict(type='country', action='allow', value='DE')])
    _run(sim, 'cloudflow', 'cdn_storage', name='files.example.com', region='europe', ftp_password=FTP_PASSWORD)


def _build_cloakfusion(sim, certs):
    _run(sim, 'cloakfusion', 'cdn_zone', hostname='www.example.com', origin='http://origin.example.com',
         tls=True, compress=True, settings=dict(name='www', ttl=3600))
    _run(sim, 'cloakfusion', 'cdn_zone', hostname='static.example.com', origin='https://static-origin.example.com',
         origin_host_header='static.example.com', settings=dict(name='static'))


def cloudflare_zones(with_settings=True):
    settings = dict(sec_lvl='high', cache_lvl='agg', devmode='0', ipv46='1', minify='3') if with_settings else {}
    return [dict(zone_name='example.com', settings=settings), dict(zone_name='example.org', settings=settings)]


def _build_cloudflare(sim, certs):
    sim.seed('cloudflare', {'zones': cloudflare_zones()})
    _run(sim, 'cloudflare', 'cdn_dns_record', zone='example.com', records=CLOUDFLARE_RECORDS)


def empty_account(sim, provider):
    """The provider's account with nothing a client can make: CloudFlare keeps its zones (made in the
    control panel) without records or settings."""
    sim.reset()
    sim.speed(100)
    if provider == 'cloudflare':
        sim.seed('cloudflare', {'zones': cloudflare_zones(with_settings=False)})
    sim.clear_log()
