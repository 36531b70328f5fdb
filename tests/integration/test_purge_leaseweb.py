"""cdn_purge, cdn_purge_info and cdn_action_info against the simulated Leaseweb invalidations: one top-level
``POST invalidations`` (Leaseweb's "Developer API" listing, section "CDN") whose full URLs name the
distribution by their host names ("Do Invalidation" of the Leaseweb CDN API v2 document)."""

import pytest

P = 'leaseweb'
HOST = 'cdn.example.com'


@pytest.fixture
def dists(sim):
    """Two distributions: cdn.example.com (+ img.example.com, no TLS) and static.example.org (TLS)."""
    ids = sim.seed(P, {'distributions': [
        {'domains': [HOST, 'img.example.com'], 'origin': 'http://o.example.com'},
        {'domains': ['static.example.org'], 'origin': 'https://o.example.org', 'data': {'tls': True}}]})['result']
    sim.clear_log()
    return ids


@pytest.fixture
def purge(sim, module):
    def run(check=False, **args):
        params = sim.creds(P)
        params.setdefault('zone', HOST)
        params.update(args)
        return module('cdn_purge', params, check=check)
    return run


def posts(sim):
    return [(e['path'], e['body']) for e in sim.mutations(P)]


def test_paths_and_urls_become_full_urls_on_the_zone_hosts(sim, purge, dists):
    sim.speed(200)
    cname = '%s.lswcdn.net' % dists[0]
    result = purge(paths=['/a.png', 'b/c.css?v=1'], urls=['http://img.example.com/d.js', 'http://%s/e.js' % cname])
    assert result['_rc'] == 0, result
    assert result['purged'] == 4 and result['failed_urls'] == [] and result['batches'] == 1
    # no distribution in the path: the host names of the full URLs say which one
    assert posts(sim) == [('invalidations', {'files': [
        'http://img.example.com/d.js', 'http://%s/e.js' % cname,
        'http://cdn.example.com/a.png', 'http://cdn.example.com/b/c.css?v=1']})]
    [action] = sim.state(P)['actions']
    assert action['type'] == 'INVALIDATION' and action['resource']['distribution_id'] == dists[0]
    assert action['status'] == 'FINISHED' and result['jobs'][0]['id'] == action['id']


def test_a_tls_zone_gets_https_urls(sim, purge, dists):
    result = purge(zone='static.example.org', paths=['/x.png'], wait=False)
    assert result['_rc'] == 0, result
    assert posts(sim) == [('invalidations', {'files': ['https://static.example.org/x.png']})]
    assert sim.state(P)['actions'][0]['resource']['distribution_id'] == dists[1]


@pytest.mark.parametrize('check', [False, True])
def test_a_url_of_another_distribution_is_refused_before_any_write(sim, purge, dists, check):
    result = purge(check=check, urls=['http://cdn.example.com/ok.png', 'https://static.example.org/other.png'])
    assert result['_rc'] != 0 and result.get('failed') is True, result
    msg = result['msg']
    assert 'https://static.example.org/other.png' in msg and 'ok.png' not in msg
    # the host names allowed are named: the zone's domains and its CNAME target
    assert 'cdn.example.com, img.example.com, %s.lswcdn.net' % dists[0] in msg
    assert sim.mutations(P) == []
    assert sim.state(P)['actions'] == []


def test_check_mode_sends_no_write_and_plans_the_batches(sim, purge, dists):
    result = purge(check=True, paths=['/p/%d' % n for n in range(150)])
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['jobs'] == []
    assert [(a['action'], a['changes']['urls']) for a in result['plan']] == [('purge', 100), ('purge', 50)]
    assert sim.mutations(P) == []


def test_purge_info_and_action_info_follow_the_invalidation(sim, purge, module, dists):
    sim.speed(200)
    first = purge(paths=['/a.png'])
    assert first['_rc'] == 0, first
    job_id = first['jobs'][0]['id']
    sim.clear_log()
    info = module('cdn_purge_info', dict(sim.creds(P), job_id=job_id))
    assert info['_rc'] == 0 and [j['id'] for j in info['jobs']] == [job_id], info
    assert info['jobs'][0]['done'] is True
    action = module('cdn_action_info', dict(sim.creds(P), action_id=job_id))
    assert action['_rc'] == 0, action
    assert action['actions'][0]['resource']['distribution_id'] == dists[0]
    assert action['actions'][0]['resource']['files'] == ['http://cdn.example.com/a.png']
    assert sim.mutations(P) == []
