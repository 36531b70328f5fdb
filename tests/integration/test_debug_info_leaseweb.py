"""cdn_debug_info against the simulated Leaseweb CDN v2 debug endpoint."""

import pytest

P = 'leaseweb'


@pytest.fixture
def debug(sim, module):
    def run(check=False, provider=P, **args):
        params = sim.creds(provider)
        params.update(args)
        return module('cdn_debug_info', params, check=check)
    return run


def seed_one(sim, **policy):
    spec = dict(domains=['cdn.example.com'], origin='https://o.example.com', policy=policy)
    return sim.seed(P, {'distributions': [spec]})['result'][0]


@pytest.mark.parametrize('check', [False, True])
def test_headers_per_provider_normalised(sim, debug, check):
    seed_one(sim)
    sim.clear_log()
    result = debug(check=check, url='https://cdn.example.com/logo.png')
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert [(e['method'], e['path'], e['body']) for e in sim.log(P)] == [
        ('POST', 'debug', {'url': 'https://cdn.example.com/logo.png'})]
    assert sim.mutations(P) == []
    assert result['success'] is True and result['url'] == 'https://cdn.example.com/logo.png'
    assert [p['type'] for p in result['providers']] == ['gcore', 'edgio']
    for entry in result['providers']:
        assert entry['success'] is True and entry['status_code'] == 200 and entry['ip']
        assert entry['headers']['server'] == entry['type'] and 'date' in entry['headers']
    assert result['raw']['providerResponses'][0]['headers'][0] == {'name': 'connection', 'value': 'keep-alive'}


def test_forced_https_redirect_and_unserved_host(sim, debug):
    seed_one(sim, deliveryForceHttps=True)
    redirect = debug(url='http://cdn.example.com/a')
    assert [p['status_code'] for p in redirect['providers']] == [301, 301]
    assert redirect['providers'][0]['headers']['location'] == 'https://cdn.example.com/a'
    unserved = debug(url='https://elsewhere.example.com/')
    assert unserved['_rc'] == 0 and unserved['success'] is False, unserved
    assert all(p['success'] is False and 'No distribution serves' in p['message'] for p in unserved['providers'])


@pytest.mark.parametrize('url, text', [
    ('', 'is 0 characters long'),
    ('https://cdn.example.com/' + 'x' * 2100, 'characters long'),
    ('cdn.example.com/logo.png', 'not an absolute'),
])
def test_bad_url_sends_no_request(sim, debug, url, text):
    result = debug(url=url)
    assert result['failed'] is True and 'option url' in result['msg'] and text in result['msg'], result
    assert sim.log(P) == []


@pytest.mark.parametrize('provider', ['ucdn', 'cloudflare'])
def test_other_providers_fail_clearly(sim, debug, provider):
    result = debug(provider=provider, url='https://cdn.example.com/')
    assert result['failed'] is True and "does not offer the resource 'debug'" in result['msg'], result
    assert sim.log() == []
