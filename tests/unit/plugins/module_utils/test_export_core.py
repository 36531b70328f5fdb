"""The account export's pure logic (module_utils/export.py): entries built from canonical objects as a provider
adapter returns them - option shape, names instead of ids, no secret, what is left to other entries - and the
checks of the module's options. The adapter here only hands over canonical objects; the round trip against the
simulator is tests/integration/test_export_roundtrip.py."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.export import (
    AccountExport,
    check_resources,
    check_zone_filter,
    secret_name,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED


class CannedAdapter:
    """Canonical objects, as the provider packages return them, with a count of the reads."""

    def __init__(self, zones=(), origins=(), certificates=(), rules=None, records=None, storages=()):
        self.zones, self.origins, self.certificates = list(zones), list(origins), list(certificates)
        self.rules, self.records, self.storages = rules or {}, records or {}, list(storages)
        self.reads = []

    def list_zones(self):
        self.reads.append('zones')
        return self.zones

    def list_origins(self):
        self.reads.append('origins')
        return self.origins

    def list_certificates(self):
        return self.certificates

    def list_access_rules(self, zone):
        return self.rules.get(zone['hostname'], [])

    def list_records(self, zone):
        return self.records.get(zone, [])

    def list_storages(self):
        return self.storages

    def storage_details(self, storage):
        # As CloudFlow's: the listing leaves the region out, the storage's own read has it.
        return dict(storage, region=storage['region'] or 'eu-west')


def export(provider, adapter, **options):
    return AccountExport(adapter, adapter_class(provider).capabilities, **options).build()


LEASEWEB_ZONE = dict(id='di-1', hostname='www.example.com', aliases=['img.example.com'], origin='http://a.example.com',
                     origin_id='or-1', origin_host_header=None, tls=True, certificate_id='ce-1', cache_ttl=3600,
                     settings=dict(cacheQueryString=True, securityIpAcl=True, deliveryTransferRate=None,
                                   securityTokenSecret=REDACTED))


def test_leaseweb_zone_names_its_origin_by_name_and_leaves_binding_and_acl_switches_out():
    adapter = CannedAdapter(zones=[LEASEWEB_ZONE],
                            origins=[dict(id='or-1', name='backend-a', kind='origin', type='SIMPLE_ORIGIN',
                                          endpoints=[dict(host='a.example.com', port=None)], enabled=True, path='/',
                                          http_port=80, https_port=443)],
                            certificates=[dict(id='ce-1', name='www-cert', hostname='www.example.com',
                                               common_name='www.example.com', zones=['di-1'])])
    account = export('leaseweb', adapter)
    zone = account['zones'][0]
    assert zone == dict(hostname='www.example.com', aliases=['img.example.com'], origin_id='backend-a', cache_ttl=3600,
                        settings=dict(cacheQueryString=True),
                        secrets={'settings.securityTokenSecret': 'zone_www_example_com_securitytokensecret'})
    # A simple origin carries no path or ports (they would make it an advanced one on create).
    assert account['origins'] == [dict(name='backend-a', endpoints=[dict(host='a.example.com')], enabled=True)]
    cert = account['certificates'][0]
    assert cert['zones'] == ['www.example.com'] and cert['name'] == 'www-cert'
    assert cert['files']['private_key'] == 'certificates/www_cert.key'
    assert adapter.reads.count('origins') == 1 and adapter.reads.count('zones') == 1


def test_secrets_are_named_never_held():
    zone = dict(id='1', hostname='www.example.com', aliases=[], origin='http://o.example.com',
                settings=dict(hash_secret=REDACTED, hash_algorithm='md5', geo_filter_allow=['DE']))
    origin = dict(id='1', zone='1', kind='origin', endpoints=[dict(host='o.example.com', port=80)], protocol='http',
                  host_header='o.example.com', auth=dict(type='http_basic', username='cdn', password=REDACTED))
    account = export('ucdn', CannedAdapter(zones=[zone], origins=[origin],
                                           storages=[dict(id='1', name='files', region='europe')]))
    assert REDACTED not in repr(account)
    exported = account['zones'][0]
    assert exported['settings'] == dict(hash_algorithm='md5')       # geo filters are access rules
    assert exported['secrets'] == {'settings.hash_secret': 'zone_www_example_com_hash_secret'}
    zone_origin = account['zone_origins'][0]
    assert zone_origin['auth'] == dict(type='http_basic', username='cdn')
    assert zone_origin['secrets'] == {'auth.password': 'origin_www_example_com_auth_password'}
    assert zone_origin['update_secrets'] == 'on_create'
    needed = dict((s['name'], s['required']) for s in account['secrets_needed'])
    assert needed == {'origin_www_example_com_auth_password': True, 'zone_www_example_com_hash_secret': False}
    # UCDN generates FTP passwords: nothing to fill for a storage.
    assert account['storages'] == [dict(name='files', region='europe')]


def test_cloudflow_storage_region_read_from_the_storage_and_its_password_named():
    account = export('cloudflow', CannedAdapter(storages=[dict(id='3', name='files.example.com', region=None)]))
    assert account['storages'] == [dict(name='files.example.com', region='eu-west',
                                        secrets=dict(ftp_password='storage_files_example_com_ftp_password'))]


def test_zone_filter_keeps_only_those_zones_and_their_certificates():
    zones = [dict(id='1', hostname='a.example.com', aliases=[]), dict(id='2', hostname='b.example.com', aliases=[])]
    certs = [dict(id='9', hostname='b.example.com', fingerprint='ab', zones=['2'])]
    account = export('ucdn', CannedAdapter(zones=zones, certificates=certs), zones=['a.example.com'])
    assert [z['hostname'] for z in account['zones']] == ['a.example.com']
    assert account['certificates'] == []
    account = export('ucdn', CannedAdapter(zones=zones, certificates=certs), zones=['2'])
    assert [c['zones'] for c in account['certificates']] == [['b.example.com']]


def test_cloudflare_access_rules_are_skipped_with_the_reason_and_records_are_exported_whole():
    records = {'example.com': [dict(record='@', type='A', value='192.0.2.1', ttl=1, proxied=True, id='7'),
                               dict(record='@', type='MX', value='mx.example.com', ttl=3600, priority=10, id='8')]}
    account = export('cloudflare', CannedAdapter(zones=[dict(id='1', hostname='example.com', settings={})],
                                                 records=records))
    assert account['dns_records'] == [dict(zone='example.com', records=[
        dict(record='@', type='A', value='192.0.2.1', ttl=1, proxied=True),
        dict(record='@', type='MX', value='mx.example.com', ttl=3600, priority=10)])]
    assert [s['resource'] for s in account['skipped']] == ['access_rules']
    assert 'cannot list' in account['skipped'][0]['reason']


def test_resources_option_limits_the_parts_and_names_unknown_ones():
    assert check_resources(['zones', 'storages']) == ['storages', 'zones']
    assert check_resources(None)[0] == 'storages'
    with pytest.raises(CdnValidationError) as err:
        check_resources(['zones', 'purges'])
    assert 'purges' in str(err.value) and 'dns_records' in str(err.value)
    account = export('ucdn', CannedAdapter(zones=[dict(id='1', hostname='a.example.com')]), resources=['storages'])
    assert account['zones'] == []


def test_zone_filter_and_secret_names():
    assert check_zone_filter(['WWW.Example.com.', '42']) == ['www.example.com', '42']
    with pytest.raises(CdnValidationError) as err:
        check_zone_filter(['a.example.com', ' '])
    assert 'zones[1]' in str(err.value)
    assert secret_name('origin', 'www.example.com', 'auth', 'password') == 'origin_www_example_com_auth_password'
