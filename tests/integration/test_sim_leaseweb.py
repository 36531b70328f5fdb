"""The simulated Leaseweb CDN v2 paths over real HTTP: the paths of Leaseweb's "Developer API" listing
(OpenAPI 3.0.3, section "CDN") answer, the project's earlier guesses answer 404.

Shapes follow the "Leaseweb CDN API v2" document (https://developer.leaseweb.com/api-docs/cdn_v2.html,
"Do Invalidation", "Query statistics for customer"); the answers the listing does not show (origin check,
policy templates) are the simulator's choices, in the docstring of tests/simulator/providers/leaseweb.py.
"""

import pytest
import requests

P = 'leaseweb'
AUTH = {'X-LSW-Auth': 'sim-token'}
STATS = {'fromDt': '2024-08-20T09:00:00', 'toDt': '2024-08-20T09:30:00', 'metric': 'DATATRANSFER'}


@pytest.fixture
def api(sim):
    """A request to the simulated API; answers (status, parsed body or None)."""
    def call(method, path, **kwargs):
        headers = dict(AUTH)
        headers.update(kwargs.pop('headers', {}))
        resp = requests.request(method, sim.api_url(P) + path, headers=headers, timeout=10, **kwargs)
        return resp.status_code, resp.json() if resp.content else None
    return call


@pytest.fixture
def dists(sim):
    """Two distributions: cdn.example.com (+ img.example.com) and static.example.org."""
    return sim.seed(P, {'distributions': [
        {'domains': ['cdn.example.com', 'img.example.com'], 'origin': 'https://o.example.com'},
        {'domains': ['static.example.org'], 'origin': 'https://o.example.org'}]})['result']


@pytest.mark.parametrize('method, path, kwargs', [
    ('POST', 'distributions/{dist}/invalidations', dict(json={'files': ['https://cdn.example.com/a.png']})),
    ('GET', 'statistics', dict(params=STATS)),
    ('GET', 'statistics/total', dict(params=STATS)),
    ('GET', 'reseller/statistics', dict(params=STATS)),
    ('GET', 'reseller/statistics/total', dict(params=STATS)),
])
def test_the_old_guessed_paths_answer_404(sim, api, dists, method, path, kwargs):
    status, body = api(method, path.format(dist=dists[0]), **kwargs)
    assert status == 404, body
    assert body['errorMessage'] == 'Resource not found.' and body['errorCode'] == '404'
    assert sim.state(P)['actions'] == []


@pytest.mark.parametrize('path', ['statistics/customer', 'statistics/customer/totals',
                                  'statistics/reseller', 'statistics/reseller/totals'])
def test_the_statistics_paths_answer(api, dists, path):
    status, body = api('GET', path, params=STATS)
    assert status == 200, body
    assert body['service'] == 'cdn' and body['fromTs'] == STATS['fromDt'] and isinstance(body['series'], list)
    assert body['series'], body


def test_invalidation_at_the_top_level_finds_the_distribution_by_host(sim, api, dists):
    files = ['https://img.example.com/a.png', 'http://cdn.example.com/b.css?v=2']
    status, action = api('POST', 'invalidations', json={'files': files})
    assert status == 202, action
    assert action['type'] == 'INVALIDATION' and action['status'] == 'PENDING'
    assert action['resource']['distribution_id'] == dists[0]
    assert action['resource']['files'] == files and action['resource']['invalidation_id'].startswith('in-')
    # the CNAME target names the distribution too
    status, other = api('POST', 'invalidations', json={'files': ['https://%s.lswcdn.net/x.js' % dists[1]]})
    assert status == 202 and other['resource']['distribution_id'] == dists[1]
    state = sim.state(P)
    assert [(a['type'], a['resource']['distribution_id']) for a in state['actions']] == [
        ('INVALIDATION', dists[0]), ('INVALIDATION', dists[1])]
    assert api('GET', 'actions/%s' % action['id'])[1]['resource']['distribution_id'] == dists[0]


@pytest.mark.parametrize('files, text', [
    (['https://nobody.example.net/a.png'], 'no distribution serves nobody.example.net'),
    (['/a.png'], '/a.png is not a full http(s) URL'),
    (['ftp://cdn.example.com/a.png'], 'is not a full http(s) URL'),
    (['https://cdn.example.com/a.png', 'https://static.example.org/b.png'], 'several distributions'),
    ([], 'non-empty list'),
])
def test_invalidation_refusals_are_400_and_record_nothing(sim, api, dists, files, text):
    status, body = api('POST', 'invalidations', json={'files': files})
    assert status == 400, body
    assert text in ' '.join(body['errorDetails']['files'])
    assert sim.state(P)['actions'] == []


def test_origin_resolve_answers_yes_no_and_404(sim, api):
    sim.seed(P, {'origins': [{'host': 'o.example.com'}, {'host': 'gone.invalid'}, {'host': 'down.example.net'}],
                 'unresolvable': ['down.example.net']})
    ids = dict((o['host'], o['id']) for o in sim.state(P)['origins'])
    status, body = api('GET', 'origins/%s/resolve' % ids['o.example.com'])
    assert status == 200 and body['resolvable'] is True and body['host'] == 'o.example.com', body
    assert api('GET', 'origins/%s/resolve' % ids['o.example.com']) == (status, body)
    for host in ('gone.invalid', 'down.example.net'):
        status, body = api('GET', 'origins/%s/resolve' % ids[host])
        assert status == 400 and body['errorMessage'] == 'The origin host %s cannot be resolved.' % host
    assert api('GET', 'origins/or-zzzzzzzz/resolve')[0] == 404
    assert api('PUT', 'origins/%s/resolve' % ids['o.example.com'], json={})[0] == 405
    assert [e['mutating'] for e in sim.log(P) if e['path'].endswith('/resolve') and e['method'] == 'GET'] == [False] * 5


def test_policy_templates_page_like_the_other_lists(api):
    status, body = api('GET', 'policyTemplates')
    assert status == 200, body
    assert body['_metadata'] == {'totalCount': 3, 'limit': 25, 'offset': 0}
    assert [t['id'] for t in body['policyTemplates']] == ['pt-static01', 'pt-video001', 'pt-download']
    assert all(set(t) == {'id', 'name', 'description'} for t in body['policyTemplates'])
    status, page = api('GET', 'policyTemplates', params={'limit': 2, 'offset': 2})
    assert [t['id'] for t in page['policyTemplates']] == ['pt-download'] and page['_metadata']['totalCount'] == 3
    assert api('GET', 'policyTemplates', headers={'X-LSW-Auth': 'wrong'})[0] == 401
