"""cdn_purge against the simulated CloudFlare client API v1.

zone_file_purge takes one URL a call and fpurge_ts purges the whole zone (CloudFlare
Client Interface API 4.4 "fpurge_ts", 4.5 "zone_file_purge"); both answer at once, so every call is reported
as a finished job. Calls are limited to 1200 in 5 minutes (E_MAXAPI on HTTP 200).
The simulator's one zone is example.com.
"""

import pytest

P = 'cloudflare'
ZONE = 'example.com'
MAXAPI = {'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.', 'err_code': 'E_MAXAPI'}


@pytest.fixture
def purge(sim, module):
    def run(check=False, **args):
        params = sim.creds(P)
        params.setdefault('zone', ZONE)
        params.update(args)
        return module('cdn_purge', params, check=check)
    return run


def writes(sim):
    return [e['body'] for e in sim.mutations(P)]


def purged(sim):
    return sim.state(P)['purges']


def test_a_few_urls_are_purged_one_call_each_and_reported_as_jobs(sim, purge):
    urls = ['http://www.example.com/style.css', 'https://example.com/app.js', 'http://WWW.example.com/style.css']
    result = purge(urls=urls)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['failed_urls'] == []
    assert result['purged'] == 2 and result['batches'] == 2 and result['url_count'] == 2
    # Batches go out concurrently: compare without order.
    assert sorted((j['id'], j['status'], j['urls'], j['kind']) for j in result['jobs']) == [
        ('http://www.example.com/style.css', 'finished', 1, 'purge'),
        ('https://example.com/app.js', 'finished', 1, 'purge')]
    sent = writes(sim)
    assert sorted((b['a'], b['z'], b['url']) for b in sent) == [
        ('zone_file_purge', ZONE, 'http://www.example.com/style.css'),
        ('zone_file_purge', ZONE, 'https://example.com/app.js')]
    assert sorted(p['url'] for p in purged(sim)) == ['http://www.example.com/style.css', 'https://example.com/app.js']
    # The token travels in the form but never in what the module reports.
    assert 'sim-token' not in result['_raw']


def test_five_urls_are_five_zone_file_purge_calls(sim, purge):
    urls = ['http://example.com/f%d.css' % n for n in range(5)]
    result = purge(urls=urls, concurrency=3)
    assert result['_rc'] == 0, result
    assert result['batches'] == 5 and len(result['jobs']) == 5 and result['purged'] == 5
    sent = writes(sim)
    assert [b['a'] for b in sent] == ['zone_file_purge'] * 5
    assert sorted(b['url'] for b in sent) == urls
    # Only the zone lookup reads besides: zone_load_multi and zone_settings.
    assert sorted(e['body']['a'] for e in sim.log(P) if not e['mutating']) == ['zone_load_multi', 'zone_settings']


def test_purge_all_is_one_fpurge_ts(sim, purge):
    result = purge(purge_all=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['batches'] == 1
    [job] = result['jobs']
    assert job['kind'] == 'purge_all' and job['status'] == 'finished' and job['id'].isdigit()
    sent = writes(sim)
    assert [(b['a'], b['z'], b['v']) for b in sent] == [('fpurge_ts', ZONE, '1')]
    assert purged(sim)[0]['all'] is True


def test_foreign_host_rejected_with_zero_requests(sim, purge):
    result = purge(urls=['http://www.example.com/ok.css', 'http://example.org/x.css', 'http://badexample.com/y'])
    assert result['_rc'] != 0 and result.get('failed') is True
    assert 'http://example.org/x.css' in result['msg'] and 'http://badexample.com/y' in result['msg']
    assert 'ok.css' not in result['msg'] and 'names below it' in result['msg']
    assert sim.mutations(P) == []


def test_wildcards_and_prefetch_refused_before_any_request(sim, purge):
    wild = purge(paths=['/img/*.png'])
    assert wild['_rc'] != 0 and 'wildcard' in wild['msg']
    warm = purge(paths=['/a.css'], prefetch=True)
    assert warm['_rc'] != 0 and warm['msg'] == ('cloudflare: CloudFlare cannot prefetch URLs (prefetch); instead, purge the '
                                                'URLs: CloudFlare fetches each from the origin on its next request'), warm['msg']
    assert sim.log(P) == []


def test_check_mode_returns_the_plan_and_writes_nothing(sim, purge):
    result = purge(check=True, paths=['/a.css', '/b.css', '/c.css'])
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['jobs'] == [] and result['batches'] == 3
    assert [(a['action'], a['changes']['urls']) for a in result['plan']] == [('purge', 1)] * 3
    assert sim.mutations(P) == []
    everything = purge(check=True, purge_all=True)
    assert [(a['action'], a['changes']['urls']) for a in everything['plan']] == [('purge_all', 'all')]
    assert sim.mutations(P) == [] and purged(sim) == []


def test_e_maxapi_injected_is_backed_off_and_recovered(sim, purge):
    sim.fault(provider=P, action='zone_file_purge', status=200, body=MAXAPI, count=2)
    result = purge(urls=['http://example.com/a.css'])
    assert result['_rc'] == 0, result
    assert result['purged'] == 1 and result['failed_urls'] == []
    assert [b['a'] for b in writes(sim)] == ['zone_file_purge'] * 3
    assert len(purged(sim)) == 1


def test_e_maxapi_from_the_rate_limit_is_waited_out(sim, purge):
    # 4 calls in 5 minutes: the zone lookup takes 2, so purges 3 and 4 meet E_MAXAPI
    # until the (sped-up) simulated window frees the slots again.
    sim.seed(P, {'rate_limit': 4})
    sim.clear_log()
    sim.speed(600)
    result = purge(paths=['/p%d.css' % n for n in range(4)], concurrency=1)
    assert result['_rc'] == 0, result
    assert result['purged'] == 4 and result['failed_urls'] == []
    assert len(purged(sim)) == 4
    assert sim.state(P)['rate_limited'] >= 1
    attempts = [e for e in sim.log(P) if e['body']['a'] == 'zone_file_purge']
    assert len(attempts) == 4 + sim.state(P)['rate_limited']


def test_failed_call_reported_in_failed_urls_with_the_providers_message(sim, purge):
    sim.seed(P, {'purge_failing': ['/broken']})
    sim.clear_log()
    result = purge(paths=['/fine.css', '/broken.css'], concurrency=1)
    assert result['_rc'] != 0 and result['changed'] is True
    assert [f['url'] for f in result['failed_urls']] == ['http://example.com/broken.css']
    assert 'Unable to purge http://example.com/broken.css' in result['failed_urls'][0]['reason']
    assert '1 of 2 URLs were not purged' in result['msg']
    assert result['purged'] == 1 and [j['id'] for j in result['jobs']] == ['http://example.com/fine.css']
    # Not resent: the provider answered, and its answer was an error.
    assert [b['url'] for b in writes(sim)] == ['http://example.com/fine.css', 'http://example.com/broken.css']


def test_paths_become_urls_on_the_zone_host_name(sim, purge):
    result = purge(paths=['img/logo.png', '/css/site.css?v=2'])
    assert result['_rc'] == 0, result
    assert sorted(b['url'] for b in writes(sim)) == ['http://example.com/css/site.css?v=2', 'http://example.com/img/logo.png']
    # With SSL on the zone, CloudFlare caches http and https apart: a path is purged under both.
    sim.seed(P, {'zones': [{'zone_name': ZONE, 'settings': {'ssl': '1'}}]})
    sim.clear_log()
    both = purge(paths=['/img/logo.png'])
    assert both['_rc'] == 0 and both['url_count'] == 2 and both['purged'] == 2, both
    assert sorted(b['url'] for b in writes(sim)) == ['http://example.com/img/logo.png', 'https://example.com/img/logo.png']


def test_unknown_zone_and_empty_list(sim, purge):
    missing = purge(zone='nope.example.net', paths=['/a'])
    assert missing['_rc'] != 0 and 'nope.example.net' in missing['msg']
    nothing = purge(urls=[], paths=[])
    assert nothing['_rc'] == 0 and nothing['changed'] is False and nothing['batches'] == 0
    assert sim.mutations(P) == []


def test_purge_info_is_refused_clearly(sim, module):
    result = module('cdn_purge_info', sim.creds(P))
    assert result['_rc'] != 0 and 'CloudFlare cannot list past purges; instead, keep the result of cdn_purge' in result['msg']
    assert sim.log(P) == []
