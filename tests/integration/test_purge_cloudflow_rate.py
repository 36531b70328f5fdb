"""CloudFlow's purge rate limit, enforced by the simulator: "a limit of 40 purge requests per
5-minute interval for each user account" (OnApp CDN administration guide, "Purge Content",
https://docs.onapp.com/cdn/latest/administration-guide/cdn-resources/purge-content).

Over the limit the simulator answers 429 (with Retry-After unless told not to) and
applies nothing; cdn_purge backs off (client retry on 429) and recovers.
"""

import base64
import json
import urllib.error
import urllib.request

P = 'cloudflow'
HOST = 'cdn.example.com'
USER = 'admin@example.com'


def seed(sim, history=None, retry_after=True):
    data = {'cdn_resources': [{'cdn_hostname': HOST, 'origin': 'o.example.com'}], 'purge_retry_after': retry_after}
    if history:
        data['purge_history'] = history
    sim.seed(P, data)
    sim.clear_log()


def post(sim, path, body, user=USER, token='sim-token'):
    """One request straight to the simulated API: (status, headers, body)."""
    auth = base64.b64encode(('%s:%s' % (user, token)).encode()).decode()
    request = urllib.request.Request(sim.api_url(P) + path, data=json.dumps(body).encode(), method='POST',
                                     headers={'Content-Type': 'application/json', 'Authorization': 'Basic ' + auth})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), json.loads(exc.read().decode() or 'null')


def purge(sim, module, **args):
    params = sim.creds(P)
    params.update(zone=HOST, **args)
    return module('cdn_purge', params)


def purge_posts(sim):
    return [e for e in sim.mutations(P) if e['path'].endswith(('/purge.json', '/purge_all.json'))]


def accepted_times(sim):
    return sorted(j['time'] for j in sim.state(P)['jobs'] if j['kind'] in ('purge', 'purge_all'))


def test_simulator_allows_40_purge_requests_in_5_minutes(sim):
    seed(sim)
    statuses = [post(sim, 'cdn_resources/1/purge.json', {'purge_paths': '/p%d' % n})[0] for n in range(39)]
    statuses.append(post(sim, 'cdn_resources/1/purge_all.json', {})[0])  # purge all counts too
    assert statuses == [201] * 40
    status, headers, body = post(sim, 'cdn_resources/1/purge.json', {'purge_paths': '/late'})
    assert status == 429
    assert body == {'errors': ['You can send up to 40 purge requests per 5 minutes']}
    assert 290 <= int(headers['Retry-After']) <= 300
    assert len(accepted_times(sim)) == 40  # the refused request was not applied
    # prefetch is not a purge request; another account has its own window
    assert post(sim, 'cdn_resources/1/prefetch.json', {'prefetch_paths': '/p1'})[0] == 201
    sim.seed(P, {'users': {'other@example.com': 'other-token'}})
    assert post(sim, 'cdn_resources/1/purge.json', {'purge_paths': '/x'}, 'other@example.com', 'other-token')[0] == 201
    sim.advance(300)
    assert post(sim, 'cdn_resources/1/purge.json', {'purge_paths': '/later'})[0] == 201


def test_module_waits_for_retry_after_and_recovers(sim, module):
    # 40 purges made 285 s ago: the window frees a slot 15 s from now (the module needs a second or
    # a few on a loaded machine to start: the margin keeps the first request inside the full window).
    seed(sim, history={USER: [285] * 40})
    result = purge(sim, module, paths=['/a.png', '/b.png'])
    assert result['_rc'] == 0, result
    assert result['changed'] is True and result['purged'] == 2 and result['failed_urls'] == []
    sent = purge_posts(sim)
    assert [e['status'] for e in sent] == [429, 201]
    assert sent[1]['time'] - sent[0]['time'] >= 1.0  # it waited (Retry-After) instead of hammering
    times = accepted_times(sim)
    assert all(len([t for t in times if start <= t < start + 300]) <= 40 for start in times)


def test_module_backs_off_without_retry_after_and_recovers(sim, module):
    # A slot frees 15 s after seeding: backoff 0.25-0.5 s, doubling, reaches it within 8 retries.
    seed(sim, history={USER: [285] * 40}, retry_after=False)
    result = purge(sim, module, paths=['/a.png'], retries=8)
    assert result['_rc'] == 0, result
    statuses = [e['status'] for e in purge_posts(sim)]
    assert statuses[0] == 429 and statuses[-1] == 201 and set(statuses[:-1]) == {429}


def test_concurrent_batches_share_the_window(sim, module):
    # 38 of 40 slots used: of three batches two go at once, the third waits for a slot.
    seed(sim, history={USER: [285] * 38})  # those free up 15 s from now
    result = purge(sim, module, paths=['/f/%d' % n for n in range(2700)], concurrency=3)
    assert result['_rc'] == 0, result
    assert result['batches'] == 3 and result['purged'] == 2700
    statuses = [e['status'] for e in purge_posts(sim)]
    assert statuses.count(201) == 3 and statuses.count(429) >= 1
    assert sorted(len(j['paths']) for j in sim.state(P)['jobs'] if j['paths']) == [100, 1300, 1300]
