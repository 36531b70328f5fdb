"""Cloakfusion's pure translation (providers/cloakfusion/wire.py): vhosts and their property, the
vhost's origin, flushes and flush statuses, traffic dates and units."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import wire

from ._fake import vhost

UTC = datetime.timezone.utc


@pytest.mark.parametrize('start, end, expected', [
    # [start, end): an end at midnight is the day before.
    ((2026, 10, 1), (2026, 11, 1), ('01-10-2026', '31-10-2026')),
    ((2026, 10, 1), (2026, 10, 1, 12), ('01-10-2026', '01-10-2026')),
    ((2026, 12, 31, 23), (2027, 1, 1, 0, 0, 1), ('31-12-2026', '01-01-2027')),
])
def test_traffic_dates(start, end, expected):
    dates = wire.traffic_dates(datetime.datetime(*start, tzinfo=UTC), datetime.datetime(*end, tzinfo=UTC))
    assert (dates['start_date'], dates['end_date']) == expected


@pytest.mark.parametrize('entry, expected', [
    ({'usage': '1262.93', 'quantity': 'gb'}, 1262930000000),
    ({'usage': '0.50', 'quantity': 'MB'}, 500000),
    ({'usage': '3', 'quantity': 'furlongs'}, None),
    ({'usage': None, 'quantity': 'gb'}, None),
])
def test_traffic_bytes(entry, expected):
    assert wire.traffic_bytes(entry) == expected


def test_traffic_point_is_one_per_vhost_stamped_with_the_period_start():
    entry = {'usage': '2', 'quantity': 'kb', 'vhost': {'id': 7, 'domain_name': 'cdn.example.com'}}
    start = datetime.datetime(2026, 10, 1, tzinfo=UTC)
    assert wire.traffic_point(entry, start) == dict(timestamp='2026-10-01T00:00:00Z', zone='7',
                                                    hostname='cdn.example.com', bytes=2000)
    assert wire.traffic_point({'usage': '1', 'quantity': 'gb'}, start)['zone'] is None


def test_canonical_vhost_reads_the_first_property():
    zone = wire.canonical_vhost(vhost(3, domain='CDN.Example.com.', origin='HTTP://o.example.com:80/',
                                      gzip=True, ssl='true', host_header='o.example.com', ttl='300'))
    assert zone['id'] == '3' and zone['hostname'] == 'cdn.example.com'
    assert zone['origin'] == 'http://o.example.com'
    assert zone['cdn_domain'] == 'example.cdn.warpcache.com' and zone['property_id'] == 13
    assert (zone['compress'], zone['tls'], zone['origin_host_header']) == (True, True, 'o.example.com')
    assert zone['settings'] == dict(name='example', ttl=300, override_hostheader=False)


def test_canonical_vhost_before_its_cname_has_no_property_fields():
    zone = wire.canonical_vhost(vhost(2, props=False))
    assert zone['cdn_domain'] is None and zone['property_id'] is None and zone['status'] == 'in_progress'
    assert 'compress' not in zone and 'tls' not in zone
    assert zone['settings'] == dict(name='example')


def test_vhost_payload_names_the_vhost_after_the_host_name_unless_told():
    desired = dict(hostname='cdn.example.com', origin='http://o.example.com')
    assert wire.vhost_payload(desired) == dict(domain_name='cdn.example.com', origin_url='http://o.example.com',
                                               name='cdn-example-com')
    desired['settings'] = dict(name='example')
    assert wire.vhost_payload(desired)['name'] == 'example'


def test_property_patch_sends_only_what_is_set_and_differs():
    current = wire.canonical_vhost(vhost(gzip=False, ssl=True, ttl=3600))
    wanted = dict(compress=True, tls=True, origin_host_header=None, settings=dict(ttl=300, override_hostheader=None))
    assert wire.property_patch(wanted, current) == dict(gzip=True, ttl=300)
    assert wire.property_patch(dict(tls=True, settings=dict(ttl=3600)), current) == {}


@pytest.mark.parametrize('origin, endpoints, protocol, path', [
    ('https://o.example.com', [dict(host='o.example.com', port=443)], 'https', '/'),
    ('http://o.example.com:8080/static', [dict(host='o.example.com', port=8080)], 'http', '/static'),
])
def test_canonical_origin_splits_origin_url(origin, endpoints, protocol, path):
    origin_view = wire.canonical_origin(wire.canonical_vhost(vhost(5, origin=origin, host_header='h.example.com')))
    assert (origin_view['endpoints'], origin_view['protocol'], origin_view['path']) == (endpoints, protocol, path)
    assert origin_view['id'] == origin_view['zone'] == '5' and origin_view['host_header'] == 'h.example.com'
    assert origin_view['raw'] == dict(origin_url=origin, host_header='h.example.com')


def test_origin_url_changes():
    assert wire.origin_url_changes(dict(path='/x', host_header='h', endpoints=[])) == ['endpoints', 'path']


@pytest.mark.parametrize('value, expected', [
    ('https://my.cloakfusion.com/api/v1/flushstatus/2/', '2'), (7, '7'), ('9', '9'), (None, None), ('', None),
])
def test_trailing_id(value, expected):
    assert wire.trailing_id(value) == expected


def test_flush_jobs_one_per_flushstatus():
    body = dict(id=4, flushes=[8, '9'], urls=['http://cdn.example.com/a'])
    jobs = wire.flush_jobs(body, body['flushes'], 1)
    assert [(j['id'], j['flush_id'], j['done'], j['urls']) for j in jobs] == [('8', 4, False, 1), ('9', 4, False, 1)]


def test_flush_jobs_without_flushstatus_are_done():
    jobs = wire.flush_jobs(dict(id='4', flushes=[]), [], 2)
    assert [(j['id'], j['flush_id'], j['done'], j['status']) for j in jobs] == [(None, 4, True, 'submitted')]


FLUSHSTATUS = {
    'url': 'https://my.cloakfusion.com/api/v1/flush/2/',
    'id': 'https://my.cloakfusion.com/api/v1/flushstatus/2/',
    'flushrequest': 2,
    'error': 'one or more cdns have failed to flush',
    'result': {'ready': True, 'total': 2, 'done': 2, 'results': [['CDN Provider', 'flushed'], ['CDN Provider 2', 'error']]},
    'state': 'failed',
    'created': '2015-07-13T08:49:03Z',
    'vhost': 'https://my.cloakfusion.com/api/v1/vhosts/1/',
}


def test_canonical_flushstatus_failed_names_the_cdns():
    job = wire.canonical_flushstatus(FLUSHSTATUS, urls=2)
    assert (job['id'], job['flush_id'], job['vhost_id'], job['status'], job['done']) == ('2', 2, '1', 'failed', True)
    assert job['failed'] == 'Cloakfusion flush 2 failed on CDN Provider 2: one or more cdns have failed to flush'
    assert job['cdns'] == {'CDN Provider': 'flushed', 'CDN Provider 2': 'error'} and job['urls'] == 2


def test_canonical_flushstatus_in_progress_is_not_done():
    body = dict(FLUSHSTATUS, state='in_progress', error='', result={'ready': False, 'results': []})
    job = wire.canonical_flushstatus(body)
    assert (job['done'], job['failed']) == (False, None)
    assert wire.canonical_flushstatus(dict(body, state='finished'))['done'] is True
