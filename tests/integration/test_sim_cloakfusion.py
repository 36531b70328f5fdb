"""The simulated Cloakfusion flush, flushstatus and traffic endpoints over real HTTP.

Shapes follow the "Cloakfusion API Reference" (https://my.cloakfusion.com/api/, sections Flush,
Flushstatus, Traffic) and the project's decisions in docs/providers/cloakfusion.md; the
simulator's choices are in the docstring of
tests/simulator/providers/cloakfusion.py.
"""

import datetime

import pytest
import requests

P = 'cloakfusion'
BASE = 'https://my.cloakfusion.com/api/v1/'
AUTH = {'Authorization': 'Token sim-token'}
VHOSTS = [
    {'domain_name': 'cdn.example.com', 'origin_url': 'http://o.example.com', 'name': 'example'},
    {'domain_name': 'static.example.org', 'origin_url': 'http://o.example.org', 'name': 'static'},
]


@pytest.fixture
def api(sim):
    """GET/POST against the simulated API; answers (status, parsed body)."""
    def call(method, path, **kwargs):
        headers = dict(AUTH)
        headers.update(kwargs.pop('headers', {}))
        resp = requests.request(method, sim.api_url(P) + path, headers=headers, timeout=10, **kwargs)
        return resp.status_code, resp.json()
    return call


@pytest.fixture
def vhosts(sim):
    sim.seed(P, {'vhosts': VHOSTS})
    return VHOSTS


def test_flush_lifecycle(sim, api, vhosts):
    urls = ['http://cdn.example.com/selfie.jpg', 'http://cdn.example.com/team_photo.jpg?v=2']
    status, flush = api('POST', 'flush/', json={'urls': urls})
    assert status == 201, flush
    assert flush == {'id': 1, 'flushes': [1], 'owner': 1, 'urls': urls}
    assert api('GET', 'flush/1/') == (200, flush)
    assert api('GET', 'flush/1') == (200, flush)

    status, report = api('GET', 'flushstatus/1/')
    assert status == 200
    assert report['url'] == BASE + 'flush/1/'
    assert report['id'] == BASE + 'flushstatus/1/'
    assert report['vhost'] == BASE + 'vhosts/1/'
    assert report['flushrequest'] == 1
    assert report['filenames'] == "['/selfie.jpg', '/team_photo.jpg?v=2']"
    assert report['result'] == {'ready': False, 'total': 2, 'done': 0, 'results': []}
    assert report['state'] not in ('finished', 'failed')
    assert report['error'] == ''
    created = datetime.datetime.strptime(report['created'], '%Y-%m-%dT%H:%M:%SZ')
    assert report['updated'] == report['created']

    sim.advance(5)
    report = api('GET', 'flushstatus/1/')[1]
    assert report['result'] == {'ready': False, 'total': 2, 'done': 1, 'results': [['CDN Provider', 'flushed']]}

    sim.advance(5)
    report = api('GET', 'flushstatus/1/')[1]
    assert report['result'] == {'ready': True, 'total': 2, 'done': 2,
                                'results': [['CDN Provider', 'flushed'], ['CDN Provider 2', 'flushed']]}
    assert report['state'] == 'finished' and report['error'] == ''
    updated = datetime.datetime.strptime(report['updated'], '%Y-%m-%dT%H:%M:%SZ')
    assert 9 <= (updated - created).total_seconds() <= 11

    state = sim.state(P)
    assert state['flushes'] == [flush]
    assert state['flushstatus'] == [report]


def test_failing_cdn_makes_the_flush_fail(sim, api, vhosts):
    sim.seed(P, {'failing_cdns': ['CDN Provider 2']})
    flush = api('POST', 'flush/', json={'urls': ['https://cdn.example.com/api.txt']})[1]
    sim.advance(60)
    report = api('GET', 'flushstatus/%d/' % flush['flushes'][0])[1]
    assert report['state'] == 'failed'
    assert report['error'] == 'one or more cdns have failed to flush'
    assert report['result'] == {'ready': True, 'total': 2, 'done': 2,
                                'results': [['CDN Provider', 'flushed'], ['CDN Provider 2', 'failed']]}


def test_flush_by_cname_with_a_form_body(sim, api):
    sim.seed(P, {'vhosts': [dict(VHOSTS[0], active=True)]})
    status, flush = api('POST', 'flush/', data=[('urls', 'http://example.cdn.warpcache.com/a.txt'),
                                                ('urls', 'http://example.cdn.warpcache.com/b.txt')])
    assert status == 201, flush
    assert flush['urls'] == ['http://example.cdn.warpcache.com/a.txt', 'http://example.cdn.warpcache.com/b.txt']
    assert api('GET', 'flushstatus/1/')[1]['filenames'] == "['/a.txt', '/b.txt']"


def test_cname_is_not_flushable_before_it_exists(sim, api):
    sim.seed(P, {'vhosts': [dict(VHOSTS[0], active=False)]})
    status, body = api('POST', 'flush/', json={'urls': ['http://example.cdn.warpcache.com/a.txt']})
    assert status == 400 and list(body) == ['urls']
    sim.advance(31)
    assert api('POST', 'flush/', json={'urls': ['http://example.cdn.warpcache.com/a.txt']})[0] == 201


def test_one_flushstatus_per_vhost(sim, api, vhosts):
    flush = api('POST', 'flush/', json={'urls': ['http://cdn.example.com/1.css', 'http://static.example.org/2.css',
                                                 'http://CDN.example.com:80/3.css']})[1]
    assert flush['flushes'] == [1, 2]
    reports = api('GET', 'flushstatus/')[1]
    assert [r['id'] for r in reports] == [BASE + 'flushstatus/2/', BASE + 'flushstatus/1/']
    assert [(r['vhost'], r['filenames']) for r in reports] == [
        (BASE + 'vhosts/2/', "['/2.css']"), (BASE + 'vhosts/1/', "['/1.css', '/3.css']")]


@pytest.mark.parametrize('kwargs, message', [
    (dict(json={}), 'This field is required.'),
    (dict(json={'urls': 'http://cdn.example.com/a'}), 'Expected a list of items but got type "str".'),
    (dict(json={'urls': []}), 'This list may not be empty.'),
    (dict(json={'urls': ['/relative/path']}), 'Enter a valid URL.'),
    (dict(json={'urls': ['ftp://cdn.example.com/a']}), 'Enter a valid URL.'),
    (dict(json={'urls': [42]}), 'Enter a valid URL.'),
    (dict(json={'urls': ['http://elsewhere.example.net/a']}),
     'URL http://elsewhere.example.net/a does not belong to any of your vhosts.'),
    (dict(data={'other': 'x'}), 'This field is required.'),
])
def test_flush_validation(sim, api, vhosts, kwargs, message):
    status, body = api('POST', 'flush/', **kwargs)
    assert (status, body) == (400, {'urls': [message]})
    state = sim.state(P)
    assert state['flushes'] == [] and state['flushstatus'] == []


def test_flush_rejects_broken_json(sim, api, vhosts):
    status, body = api('POST', 'flush/', data='{"urls": [', headers={'Content-Type': 'application/json'})
    assert status == 400 and 'JSON parse error' in body['detail']


def test_flush_list_pages_like_drf(sim, api, vhosts):
    assert api('GET', 'flush/') == (200, {'count': 0, 'next': None, 'previous': None, 'results': []})
    for number in range(1, 24):
        assert api('POST', 'flush/', json={'urls': ['http://cdn.example.com/%d.js' % number]})[0] == 201

    first = api('GET', 'flush/')[1]
    assert first['count'] == 23
    assert [f['id'] for f in first['results']] == list(range(23, 13, -1))
    assert first['results'][0] == {'id': 23, 'flushes': [23], 'urls': ['http://cdn.example.com/23.js'], 'owner': 1}
    assert first['next'] == BASE + 'flush/?page=2' and first['previous'] is None
    assert api('GET', 'flush/?page=1')[1] == first

    second = api('GET', 'flush/?page=2')[1]
    assert [f['id'] for f in second['results']] == list(range(13, 3, -1))
    assert second['next'] == BASE + 'flush/?page=3'
    assert second['previous'] == BASE + 'flush/'  # DRF drops ?page=1

    third = api('GET', 'flush/?page=3')[1]
    assert [f['id'] for f in third['results']] == [3, 2, 1]
    assert third['next'] is None and third['previous'] == BASE + 'flush/?page=2'
    assert api('GET', 'flush/?page=last')[1] == third

    for page in ('4', '0', 'abc'):
        assert api('GET', 'flush/?page=' + page) == (404, {'detail': 'Invalid page.'})


def test_unknown_ids_and_methods(sim, api, vhosts):
    assert api('GET', 'flush/9/') == (404, {'detail': 'Not found.'})
    assert api('GET', 'flushstatus/9/') == (404, {'detail': 'Not found.'})
    assert api('GET', 'traffic/9/') == (404, {'detail': 'Not found.'})
    assert api('DELETE', 'flush/1/') == (405, {'detail': 'Method "DELETE" not allowed.'})
    assert api('POST', 'flushstatus/') == (405, {'detail': 'Method "POST" not allowed.'})
    assert api('GET', 'flushstatus/') == (200, [])


def test_new_endpoints_need_the_token(sim):
    for path in ('flush/', 'flushstatus/', 'traffic/'):
        resp = requests.get(sim.api_url(P) + path, timeout=10)
        assert resp.status_code == 401
        assert resp.json() == {'detail': 'Authentication credentials were not provided.'}
    resp = requests.post(sim.api_url(P) + 'flush/', json={'urls': []}, headers={'Authorization': 'Token nope'}, timeout=10)
    assert (resp.status_code, resp.json()) == (401, {'detail': 'Invalid token.'})


def test_traffic_shapes_and_determinism(sim, api, vhosts):
    status, listing = api('GET', 'traffic/')
    assert status == 200 and len(listing) == 2
    for entry in listing:
        assert set(entry) == {'usage', 'quantity', 'text', 'vhost'}
        assert entry['quantity'] == 'gb'
        assert entry['text'] == entry['usage'] + ' gb'
        float(entry['usage'])
    assert [e['vhost']['url'] for e in listing] == [BASE + 'vhosts/1/', BASE + 'vhosts/2/']
    assert listing[0]['vhost'] == api('GET', 'vhosts/1/')[1]

    # defaults: first of the current month .. today (simulated clock, UTC)
    today = datetime.datetime.fromtimestamp(sim.call('GET', 'clock')['now'], datetime.timezone.utc).date()
    explicit = {'start_date': today.replace(day=1).strftime('%d-%m-%Y'), 'end_date': today.strftime('%d-%m-%Y')}
    assert api('GET', 'traffic/1/', params=explicit)[1] == listing[0]
    assert api('GET', 'traffic/1/')[1] == listing[0]

    def usage(start, end):
        entry = api('GET', 'traffic/1/', params={'start_date': start, 'end_date': end})[1]
        return round(float(entry['usage']) * 100)

    january = usage('01-01-2024', '31-01-2024')
    assert january == usage('01-01-2024', '31-01-2024')
    assert january == usage('01-01-2024', '15-01-2024') + usage('16-01-2024', '31-01-2024')
    assert 0 <= usage('01-01-2024', '01-01-2024') < 5000


@pytest.mark.parametrize('params, field', [
    ({'start_date': '2024-01-01'}, 'start_date'),
    ({'end_date': '31/01/2024'}, 'end_date'),
    ({'start_date': '32-01-2024'}, 'start_date'),
])
def test_traffic_bad_dates(sim, api, vhosts, params, field):
    expected = {field: ['Date has wrong format. Use one of these formats instead: dd-mm-yyyy.']}
    assert api('GET', 'traffic/1/', params=params) == (400, expected)
    assert api('GET', 'traffic/', params=params) == (400, expected)


def test_traffic_end_before_start(sim, api, vhosts):
    status, body = api('GET', 'traffic/1/', params={'start_date': '10-01-2024', 'end_date': '09-01-2024'})
    assert status == 400 and list(body) == ['end_date']


def test_traffic_seeded_daily_rate(sim, api, vhosts):
    sim.seed(P, {'traffic': {'2': 42.1}})
    entry = api('GET', 'traffic/2/', params={'start_date': '01-03-2024', 'end_date': '10-03-2024'})[1]
    assert (entry['usage'], entry['text']) == ('421.00', '421.00 gb')
    assert sim.state(P)['traffic'] == {'2': 42.1}
