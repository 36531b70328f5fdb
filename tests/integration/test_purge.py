"""cdn_purge against the simulated Cloakfusion, CloudFlow, UCDN and Leaseweb APIs (CloudFlare: test_purge_cloudflare.py)."""

import pytest

HOST = 'cdn.example.com'
SEEDS = {
    'cloakfusion': {'vhosts': [{'domain_name': HOST, 'origin_url': 'http://o.example.com', 'name': 'example'}]},
    'cloudflow': {'cdn_resources': [{'cdn_hostname': HOST, 'origin': 'o.example.com',
                                     'secondary_hostnames': ['img.example.com']}]},
    'ucdn': {'zones': [{'custom_domains': [HOST, 'img.example.com']}]},
    'leaseweb': {'distributions': [{'domains': [HOST, 'img.example.com'], 'origin': 'http://o.example.com'}]},
}
PURGE_PATHS = {
    'cloakfusion': 'flush/',
    'cloudflow': 'cdn_resources/1/purge.json',
    'ucdn': 'purge/zone/1/',
    'leaseweb': 'invalidations',
}
PROVIDERS = sorted(SEEDS)


def seed(sim, provider, **extra):
    data = dict(SEEDS[provider])
    data.update(extra)
    ids = sim.seed(provider, data)['result']
    sim.clear_log()
    return ids


@pytest.fixture
def purge(sim, module):
    def run(provider, check=False, **args):
        params = sim.creds(provider)
        params.setdefault('zone', HOST)
        params.update(args)
        return module('cdn_purge', params, check=check)
    return run


def posts(sim, provider):
    return [e for e in sim.mutations(provider) if e['method'] == 'POST']


def purged_on_sim(sim, provider):
    """What the simulator recorded as purged, as sorted paths."""
    state = sim.state(provider)
    if provider == 'cloakfusion':
        return sorted(u.split(HOST, 1)[1] for f in state['flushes'] for u in f['urls'])
    if provider == 'cloudflow':
        return sorted(p for j in state['jobs'] if j['kind'] == 'purge' for p in j['paths'])
    if provider == 'ucdn':
        return sorted('/' + f.split('/', 3)[3] for j in state['purge_jobs'] for f in j['files'])
    return sorted('/' + f.split('/', 3)[3] if '://' in f else f
                  for a in state['actions'] if a['type'] == 'INVALIDATION' for f in a['resource']['files'])


@pytest.mark.parametrize('provider', PROVIDERS)
def test_purge_urls_and_paths_deduplicated_and_waited(sim, purge, provider):
    seed(sim, provider)
    sim.speed(200)
    result = purge(provider, urls=['http://cdn.example.com/a.png', 'HTTP://CDN.example.com/a.png'],
                   paths=['/b.png', 'c.png', '/b.png'])
    assert result['_rc'] == 0, result
    assert result['changed'] is True
    assert result['purged'] == 3 and result['failed_urls'] == [] and result['batches'] == 1
    assert [j['kind'] for j in result['jobs']] == ['purge']
    job = result['jobs'][0]
    assert job['urls'] == 3 and job['failed'] is None
    assert job['status'] in ('finished', 'FINISHED', 'accepted')
    assert purged_on_sim(sim, provider) == ['/a.png', '/b.png', '/c.png']
    assert len(posts(sim, provider)) == 1


@pytest.mark.parametrize('provider', PROVIDERS)
def test_foreign_host_refused_before_anything_is_sent(sim, purge, provider):
    seed(sim, provider)
    result = purge(provider, urls=['http://cdn.example.com/ok.png', 'https://evil.example.org/x.png'])
    assert result['_rc'] != 0 and result.get('failed') is True
    assert 'evil.example.org' in result['msg'] and 'ok.png' not in result['msg']
    assert sim.mutations(provider) == []


def test_alias_and_cdn_domain_urls_are_accepted(sim, purge):
    seed(sim, 'ucdn')
    sim.speed(200)
    result = purge('ucdn', urls=['http://img.example.com/a.png', 'http://a1-121.so.clients.cdn13.com/b.png'])
    assert result['_rc'] == 0, result
    assert result['purged'] == 2
    body = posts(sim, 'ucdn')[0]['body']
    assert body == {'files': '/a.png\n/b.png'}


@pytest.mark.parametrize('provider', ['cloakfusion', 'ucdn'])
def test_empty_list_sends_no_request(sim, purge, provider):
    seed(sim, provider)
    result = purge(provider, urls=[], paths=[])
    assert result['_rc'] == 0, result
    assert result['changed'] is False and result['jobs'] == [] and result['batches'] == 0
    assert sim.log(provider) == []


def test_invalid_entries_and_wildcards_are_refused(sim, purge):
    seed(sim, 'cloudflow')
    result = purge('cloudflow', urls=['ftp://cdn.example.com/a', ''], paths=['/img/*.jpg', '/ok.png'])
    assert result['_rc'] != 0
    assert "'ftp://cdn.example.com/a'" in result['msg'] and "'/img/*.jpg' has a wildcard" in result['msg']
    assert "'' is empty" in result['msg']
    assert sim.log('cloudflow') == []


def test_cloudflow_batches_of_1300_paths(sim, purge):
    seed(sim, 'cloudflow')
    paths = ['/file-%04d.js' % n for n in range(2700)]
    result = purge('cloudflow', paths=paths + paths[:50], concurrency=3)
    assert result['_rc'] == 0, result
    assert result['batches'] == 3 and result['purged'] == 2700
    sent = posts(sim, 'cloudflow')
    assert [e['path'] for e in sent] == ['cdn_resources/1/purge.json'] * 3
    sizes = sorted(len(e['body']['purge_paths'].split('\n')) for e in sent)
    assert sizes == [100, 1300, 1300]
    assert len(purged_on_sim(sim, 'cloudflow')) == 2700


def test_ucdn_batches_are_separate_jobs(sim, purge):
    seed(sim, 'ucdn')
    sim.speed(200)
    result = purge('ucdn', paths=['/p/%d' % n for n in range(250)])
    assert result['_rc'] == 0, result
    assert result['batches'] == 3
    assert sorted(j['urls'] for j in result['jobs']) == [50, 100, 100]
    assert len(set(j['id'] for j in result['jobs'])) == 3
    assert all(j['status'] == 'finished' for j in result['jobs'])
    assert len(sim.state('ucdn')['purge_jobs']) == 3


def test_check_mode_sends_nothing_and_returns_the_plan(sim, purge):
    seed(sim, 'cloudflow')
    result = purge('cloudflow', check=True, paths=['/f/%d' % n for n in range(2700)], prefetch=True)
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['jobs'] == []
    assert [(a['action'], a['changes']['urls']) for a in result['plan']] == [
        ('purge', 1300), ('purge', 1300), ('purge', 100), ('prefetch', 1300), ('prefetch', 1300), ('prefetch', 100)]
    assert sim.mutations('cloudflow') == []


def test_cloudflow_purge_all_and_prefetch(sim, purge):
    seed(sim, 'cloudflow')
    everything = purge('cloudflow', purge_all=True)
    assert everything['_rc'] == 0, everything
    assert [e['path'] for e in posts(sim, 'cloudflow')] == ['cdn_resources/1/purge_all.json']
    sim.clear_log()
    warm = purge('cloudflow', paths=['/a.js', '/b.js'], prefetch=True)
    assert warm['_rc'] == 0, warm
    assert [e['path'] for e in posts(sim, 'cloudflow')] == ['cdn_resources/1/purge.json', 'cdn_resources/1/prefetch.json']
    assert posts(sim, 'cloudflow')[1]['body'] == {'prefetch_paths': '/a.js\n/b.js'}
    assert [j['kind'] for j in warm['jobs']] == ['purge', 'prefetch'] and warm['purged'] == 2


@pytest.mark.parametrize('provider,option', [('ucdn', 'purge_all'), ('cloakfusion', 'prefetch')])
def test_unsupported_operations_fail_before_any_request(sim, purge, provider, option):
    seed(sim, provider)
    args = {option: True}
    if option == 'prefetch':
        args['paths'] = ['/a']
    result = purge(provider, **args)
    assert result['_rc'] != 0
    # What cannot be done and what to do instead, in the user's words: no API paths, no "it supports".
    assert '(%s); instead, ' % option in result['msg'], result['msg']
    assert 'supports' not in result['msg'] and 'purge/zone' not in result['msg'] and 'flush/' not in result['msg']
    assert sim.log(provider) == []


def test_wait_timeout_names_the_pending_jobs(sim, purge):
    seed(sim, 'cloakfusion')
    result = purge('cloakfusion', paths=['/slow.png'], wait_timeout=1)
    assert result['_rc'] != 0
    assert 'timed out' in result['msg'] and 'still pending: 1 (' in result['msg']
    assert result['changed'] is True and result['jobs'][0]['id'] == '1'


def test_no_wait_returns_after_sending(sim, purge):
    seed(sim, 'leaseweb')
    result = purge('leaseweb', paths=['/a.png'], wait=False)
    assert result['_rc'] == 0, result
    assert result['jobs'][0]['status'] == 'PENDING' and result['purged'] == 1
    assert not [e for e in sim.log('leaseweb') if e['path'].startswith('actions/')]


def test_cloakfusion_failed_flush_names_the_cdn(sim, purge):
    seed(sim, 'cloakfusion', failing_cdns=['CDN Provider 2'])
    sim.speed(200)
    result = purge('cloakfusion', paths=['/a.png', '/b.png'])
    assert result['_rc'] != 0 and result['changed'] is True
    assert [f['url'] for f in result['failed_urls']] == ['http://cdn.example.com/a.png', 'http://cdn.example.com/b.png']
    assert 'CDN Provider 2' in result['failed_urls'][0]['reason']
    assert 'CDN Provider 2' in result['msg'] and result['jobs'][0]['status'] == 'failed'


@pytest.mark.parametrize('provider,hook', [('ucdn', 'purge_failing'), ('leaseweb', 'invalidation_failing')])
def test_failed_jobs_reported_per_url(sim, purge, provider, hook):
    seed(sim, provider, **{hook: ['/broken']})
    sim.speed(200)
    result = purge(provider, paths=['/fine.png'], urls=['http://cdn.example.com/broken.png'], concurrency=1)
    assert result['_rc'] != 0
    assert 'http://cdn.example.com/broken.png' in [f['url'] for f in result['failed_urls']]
    assert result['jobs'][0]['failed']


def test_wait_follows_the_simulated_clock(sim, purge):
    seed(sim, 'ucdn')
    result = purge('ucdn', paths=['/a.png'], wait=False)
    job = result['jobs'][0]
    assert job['status'] == 'waiting'
    sim.advance(5)
    assert sim.state('ucdn')['purge_jobs'][0]['status'] == 'running'
    sim.advance(10)
    [done] = sim.state('ucdn')['purge_jobs']
    assert done['job_id'] == job['id'] and done['status'] == 'finished'
    assert done['files'] == ['http://a1-121.so.clients.cdn13.com/a.png']


def test_rate_limit_answers_are_backed_off(sim, purge):
    seed(sim, 'cloudflow')
    sim.fault(provider='cloudflow', method='POST', path='purge', status=429, retry_after=0, count=2)
    result = purge('cloudflow', paths=['/a', '/b'])
    assert result['_rc'] == 0, result
    assert [e['status'] for e in posts(sim, 'cloudflow')] == [429, 429, 201]


def test_zone_by_id_and_unknown_zone(sim, purge):
    seed(sim, 'ucdn')
    sim.speed(200)
    by_id = purge('ucdn', zone='1', paths=['/a'])
    assert by_id['_rc'] == 0 and by_id['zone']['id'] == '1'
    sim.clear_log()
    missing = purge('ucdn', zone='nope.example.com', paths=['/a'])
    assert missing['_rc'] != 0 and 'nope.example.com' in missing['msg']
    assert sim.mutations('ucdn') == []


@pytest.fixture
def info(sim, module):
    def run(provider, **args):
        params = sim.creds(provider)
        params.update(args)
        return module('cdn_purge_info', params)
    return run


@pytest.mark.parametrize('provider,status', [('ucdn', 'finished'), ('cloakfusion', 'finished'),
                                             ('leaseweb', 'FINISHED')])
def test_purge_info_lists_and_gets_jobs(sim, purge, info, provider, status):
    seed(sim, provider)
    sim.speed(200)
    first = purge(provider, paths=['/a.png', '/b.png'])
    assert first['_rc'] == 0, first
    job_id = first['jobs'][0]['id']
    sim.clear_log()
    listed = info(provider, status=status, limit=10)
    assert listed['_rc'] == 0 and listed['changed'] is False, listed
    assert [j['id'] for j in listed['jobs']] == [job_id]
    assert listed['jobs'][0]['done'] is True
    one = info(provider, job_id=job_id)
    assert one['jobs'][0]['id'] == job_id and one['jobs'][0]['native_status'] == status
    assert one['jobs'][0]['status'] == 'done'
    assert sim.mutations(provider) == []


def test_purge_info_unsupported_on_cloudflow(sim, info):
    result = info('cloudflow')
    assert result['_rc'] != 0 and 'CloudFlow cannot list past purges; instead, keep the result of cdn_purge' in result['msg']


def test_delete_ucdn_purge_job_only_when_allowed(sim, purge, module):
    seed(sim, 'ucdn')
    running = purge('ucdn', paths=['/a.png'], wait=False)['jobs'][0]['id']
    sim.advance(5)
    args = dict(sim.creds('ucdn'), state='absent', job_ids=[running])
    refused = module('cdn_purge', args)
    assert refused['_rc'] != 0 and 'only waiting or finished' in refused['msg']
    assert [e for e in sim.mutations('ucdn') if e['method'] == 'DELETE'] == []
    sim.advance(10)
    checked = module('cdn_purge', args, check=True)
    assert checked['changed'] is True and [e for e in sim.mutations('ucdn') if e['method'] == 'DELETE'] == []
    deleted = module('cdn_purge', args)
    assert deleted['_rc'] == 0 and deleted['changed'] is True, deleted
    assert sim.state('ucdn')['purge_jobs'][0]['status'] == 'deleted'
    again = module('cdn_purge', args)
    assert again['changed'] is False


def test_batches_are_sent_concurrently(sim, purge):
    seed(sim, 'ucdn')
    sim.fault(provider='ucdn', method='POST', path='purge/zone', delay=0.6, count=4)
    result = purge('ucdn', paths=['/c/%d' % n for n in range(400)], wait=False, concurrency=4)
    assert result['_rc'] == 0, result
    assert result['batches'] == 4 and len(result['jobs']) == 4
    starts = sorted(e['time'] for e in posts(sim, 'ucdn'))
    # four delayed requests one after another would need 2.4 s; in parallel they start together
    assert starts[-1] - starts[0] < 0.5
    assert result['duration'] < 2.0
