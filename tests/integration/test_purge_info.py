"""cdn_purge_info: jobs of one zone, one status vocabulary with the provider's word beside it, ISO 8601
UTC times, on every provider that keeps purge jobs (UCDN "List purge jobs" / "View purge job",
Cloakfusion "Flushstatus", Leaseweb "List actions" / "Get action")."""

import re

import pytest

ZONE_A = 'cdn.example.com'
ZONE_B = 'other.example.com'
SEEDS = {
    'cloakfusion': {'vhosts': [{'domain_name': ZONE_A, 'origin_url': 'http://o.example.com', 'name': 'a'},
                               {'domain_name': ZONE_B, 'origin_url': 'http://o.example.com', 'name': 'b'}]},
    'ucdn': {'zones': [{'custom_domains': [ZONE_A]}, {'custom_domains': [ZONE_B]}]},
    'leaseweb': {'distributions': [{'domains': [ZONE_A], 'origin': 'http://o.example.com'},
                                   {'domains': [ZONE_B], 'origin': 'http://o.example.com'}]},
}
PROVIDERS = sorted(SEEDS)
# The provider's words for a job not started, being applied, applied, and failed.
NATIVE = {
    'ucdn': dict(queued='waiting', done='finished', failed='failed'),
    'cloakfusion': dict(running='in_progress', done='finished', failed='failed'),
    'leaseweb': dict(queued='PENDING', done='FINISHED', failed='FAILED'),
}
# Every documented word and its common status (the module's documentation of status).
COMMON = {
    'ucdn': dict(waiting='queued', running='running', finished='done', failed='failed'),
    'cloakfusion': dict(in_progress='running', finished='done', failed='failed'),
    'leaseweb': dict(PENDING='queued', IN_PROGRESS='running', FINISHED='done', FAILED='failed', ERROR='failed',
                     CANCELLED='failed'),
}
FAILING_HOOK = {'ucdn': 'purge_failing', 'leaseweb': 'invalidation_failing'}
ISO_UTC = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')


def seed(sim, provider, **extra):
    data = dict(SEEDS[provider])
    data.update(extra)
    ids = [str(i) for i in sim.seed(provider, data)['result']]
    return dict(zip((ZONE_A, ZONE_B), ids))


def purge(sim, module, provider, zone, path):
    result = module('cdn_purge', dict(sim.creds(provider), zone=zone, paths=[path], wait=False))
    assert result['_rc'] == 0, result
    return result['jobs'][0]['id']


def info(sim, module, provider, check=False, **args):
    result = module('cdn_purge_info', dict(sim.creds(provider), **args), check=check)
    return result


@pytest.mark.parametrize('provider', PROVIDERS)
def test_jobs_of_one_zone_in_the_common_vocabulary(sim, module, provider):
    zones = seed(sim, provider)
    done_a = purge(sim, module, provider, ZONE_A, '/a1.png')
    done_b = purge(sim, module, provider, ZONE_B, '/b1.png')
    sim.advance(60)
    fresh_a = purge(sim, module, provider, ZONE_A, '/a2.png')
    sim.clear_log()

    listed = info(sim, module, provider, zone=ZONE_A, status='done')
    assert listed['_rc'] == 0 and listed['changed'] is False, listed
    (job,) = listed['jobs']
    assert job['id'] == done_a and job['zone_id'] == zones[ZONE_A]
    assert job['status'] == 'done' and job['native_status'] == NATIVE[provider]['done'] and job['done'] is True
    assert ISO_UTC.match(job['created']), job['created']
    if provider == 'ucdn':
        assert job['finished'] is None  # "View purge job" has no end time
    else:
        assert ISO_UTC.match(job['finished']) and job['finished'] >= job['created'], job
    other = info(sim, module, provider, zone=ZONE_B, status='done')
    assert [j['id'] for j in other['jobs']] == [done_b]
    assert other['jobs'][0]['zone_id'] == zones[ZONE_B]

    # The job just sent is not done: its word maps to queued or running (by the time it is read).
    pending = info(sim, module, provider, zone=ZONE_A)
    by_id = dict((j['id'], j) for j in pending['jobs'])
    fresh = by_id[fresh_a]
    assert fresh['status'] in ('queued', 'running') and COMMON[provider][fresh['native_status']] == fresh['status']
    assert fresh['finished'] is None and fresh['done'] is False
    assert done_b not in by_id
    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', PROVIDERS)
def test_native_status_words_still_select_in_any_case(sim, module, provider):
    seed(sim, provider)
    first = purge(sim, module, provider, ZONE_A, '/a1.png')
    sim.advance(60)
    purge(sim, module, provider, ZONE_A, '/a2.png')
    common = info(sim, module, provider, status='done')
    native = info(sim, module, provider, status=NATIVE[provider]['done'].swapcase())
    assert [j['id'] for j in common['jobs']] == [j['id'] for j in native['jobs']] == [first]


def test_ucdn_filters_status_server_side_and_reads_500_for_a_zone(sim, module):
    seed(sim, 'ucdn')
    purge(sim, module, 'ucdn', ZONE_A, '/a1.png')
    purge(sim, module, 'ucdn', ZONE_A, '/a2.png')
    purge(sim, module, 'ucdn', ZONE_B, '/b1.png')
    sim.advance(60)
    sim.clear_log()
    listed = info(sim, module, 'ucdn', zone=ZONE_A, status='done', limit=1)
    assert len(listed['jobs']) == 1 and listed['jobs'][0]['native_status'] == 'finished'
    (listing,) = [e for e in sim.log('ucdn') if e['path'].rstrip('/') == 'purge']
    # "List purge jobs" takes the status; it has no zone parameter, so the most it answers is read.
    assert listing['query'] == dict(status='finished', count='500')


@pytest.mark.parametrize('provider', PROVIDERS)
def test_failed_jobs_map_to_failed(sim, module, provider):
    if provider == 'cloakfusion':
        seed(sim, provider, failing_cdns=['CDN Provider 2'])
    else:
        seed(sim, provider, **{FAILING_HOOK[provider]: ['/broken']})
    broken = purge(sim, module, provider, ZONE_A, '/broken.png')
    sim.advance(60)
    listed = info(sim, module, provider, status='failed', zone=ZONE_A)
    assert listed['_rc'] == 0, listed
    (job,) = listed['jobs']
    assert job['id'] == broken and job['status'] == 'failed' and job['native_status'] == NATIVE[provider]['failed']
    assert job['failed'] and job['done'] is True


@pytest.mark.parametrize('provider', PROVIDERS)
def test_one_job_by_id_in_check_mode(sim, module, provider):
    seed(sim, provider)
    job_id = purge(sim, module, provider, ZONE_A, '/a1.png')
    sim.advance(60)
    sim.clear_log()
    one = info(sim, module, provider, check=True, job_id=job_id)
    assert one['_rc'] == 0, one
    (job,) = one['jobs']
    assert job['id'] == job_id and job['status'] == 'done' and ISO_UTC.match(job['created'])
    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', PROVIDERS)
def test_an_unknown_status_fails_before_any_request_naming_the_allowed(sim, module, provider):
    seed(sim, provider)
    sim.clear_log()
    result = info(sim, module, provider, status='complete', zone=ZONE_A)
    assert result['_rc'] != 0
    msg = result['msg']
    assert "option status: 'complete' is not a purge job status" in msg, msg
    assert 'allowed: queued, running, done, failed, or ' in msg
    for word in NATIVE[provider].values():
        assert word in msg
    assert sim.log(provider) == []


def test_zone_and_job_id_do_not_go_together(sim, module):
    seed(sim, 'ucdn')
    sim.clear_log()
    result = info(sim, module, 'ucdn', zone=ZONE_A, job_id='2170dd23decc45691adf28987282d0bc')
    assert result['_rc'] != 0 and 'mutually exclusive' in result['msg'] and 'job_id' in result['msg']
    assert sim.log('ucdn') == []


def test_an_unknown_zone_fails_without_listing_jobs(sim, module):
    seed(sim, 'leaseweb')
    sim.clear_log()
    result = info(sim, module, 'leaseweb', zone='nope.example.com')
    assert result['_rc'] != 0 and "option zone: 'nope.example.com'" in result['msg'], result['msg']
    assert not [e for e in sim.log('leaseweb') if e['path'].startswith('actions')]


@pytest.mark.parametrize('provider', ['cloudflow', 'cloudflare'])
def test_providers_without_purge_jobs_fail_before_any_request(sim, module, provider):
    sim.clear_log()
    result = info(sim, module, provider, zone=ZONE_A, status='done')
    assert result['_rc'] != 0 and 'purge' in result['msg']
    assert sim.log(provider) == []
