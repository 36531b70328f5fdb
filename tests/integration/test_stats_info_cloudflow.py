"""cdn_stats_info against the simulated CloudFlow (OnApp CDN) API: bandwidth.json and
cdn_usage_statistics.json (OnApp CDN API documentation, https://docs.onapp.com: "View CDN Resource
Bandwidth Statistics", "CDN Usage Statistics API")."""

import datetime

import pytest

P = 'cloudflow'


def run(sim, module, check=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_stats_info', params, check=check)


def gets(sim, path):
    return [e for e in sim.log(P) if e['path'] == path]


def seed(sim):
    return sim.seed(P, {'cdn_resources': [
        dict(cdn_hostname='www.example.com', origin='origin.example.com', edge_group_ids=[1]),
        dict(cdn_hostname='img.example.com', origin='origin.example.com', edge_group_ids=[1, 2]),
    ]})['result']


def test_bandwidth_in_bytes_for_the_account(sim, module):
    seed(sim)
    sim.clear_log()
    result = run(sim, module, check=True, start='2014-11-25T18:25:00+01:00', end='2014-11-25T20:00:30Z')
    assert result['_rc'] == 0, result
    assert result['changed'] is False and sim.mutations(P) == []
    assert result['query'] == {'zone': None, 'start': '2014-11-25T17:25:00Z', 'end': '2014-11-25T20:00:30Z',
                               'granularity': None, 'metric': 'bytes', 'report': 'bandwidth'}
    [request] = gets(sim, 'cdn_resources/bandwidth.json')
    assert request['method'] == 'GET'
    assert request['body'] == {'bandwidth': {'start': '2014-11-25T17:25', 'end': '2014-11-25T20:01', 'type': 'GB'}}
    series = result['stats']['series']
    assert [p['timestamp'] for p in series] == ['2014-11-25T17:00:00Z', '2014-11-25T18:00:00Z',
                                                '2014-11-25T19:00:00Z', '2014-11-25T20:00:00Z']
    # weight = resource ids 1 + 2; cached 0.25 * 3 * (1 + index % 4) GB, non-cached 0.05 * 3 GB an hour
    assert series[0] == dict(timestamp='2014-11-25T17:00:00Z', bytes_cached=750000000, bytes_uncached=150000000,
                             bytes=900000000)
    assert result['stats']['totals']['bytes'] == sum(p['bytes'] for p in series)
    assert result['stats']['raw'][0]['stat']['cached'] == 0.75


def test_bandwidth_of_one_zone_sends_its_cdn_reference(sim, module):
    ids = seed(sim)
    sim.clear_log()
    result = run(sim, module, zone='img.example.com', start='2014-11-25', end='2014-11-25T02:00:00Z')
    assert result['_rc'] == 0, result
    assert result['query']['zone'] == str(ids[1])
    [request] = gets(sim, 'cdn_resources/bandwidth.json')
    assert request['body']['bandwidth']['resources'] == [990113320 + ids[1]]
    assert result['stats']['series'][0]['bytes_cached'] == int(0.25 * ids[1] * 1e9)


def test_bandwidth_grouped_by_location_and_by_zone(sim, module):
    ids = seed(sim)
    by_location = run(sim, module, report='bandwidth_by_location', start='2014-11-25', end='2014-11-25T01:00:00Z')
    assert by_location['_rc'] == 0, by_location
    assert sorted(set(p['location'] for p in by_location['stats']['series'])) == ['11', '12', '21']
    assert by_location['query']['report'] == 'bandwidth_by_location'
    by_zone = run(sim, module, report='bandwidth_by_zone', start='2014-11-25', end='2014-11-25T01:00:00Z')
    assert by_zone['_rc'] == 0, by_zone
    assert [p['zone'] for p in by_zone['stats']['series']] == [str(i) for i in ids]
    assert [e['body']['bandwidth'].get('group_by') for e in sim.log(P)
            if e['path'] == 'cdn_resources/bandwidth.json'] == ['location', 'resource']


def test_bandwidth_in_mbps_reports_the_peak(sim, module):
    seed(sim)
    end = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = end - datetime.timedelta(hours=3)
    result = run(sim, module, metric='mbps', start=start.isoformat(), end=end.isoformat())
    assert result['_rc'] == 0, result
    series = result['stats']['series']
    assert series and all(set(p) == {'timestamp', 'bandwidth_mbps'} for p in series)
    assert result['stats']['totals'] == {'bandwidth_mbps': max(p['bandwidth_mbps'] for p in series)}
    assert gets(sim, 'cdn_resources/bandwidth.json')[0]['body']['bandwidth']['type'] == 'MBPS'


def test_usage_statistics_are_account_wide_totals(sim, module):
    seed(sim)
    sim.clear_log()
    result = run(sim, module, report='usage', start='2014-11-01', end='2014-11-02T00:00:00Z')
    assert result['_rc'] == 0, result
    [request] = gets(sim, 'cdn_usage_statistics.json')
    assert request['method'] == 'GET'
    assert request['body'] == {'period': {'startdate': '2014-11-01+00:00:00', 'enddate': '2014-11-02+00:00:00'}}
    series = result['stats']['series']
    assert [(p['edge_group'], p['location']) for p in series] == [('1', '11'), ('1', '12'), ('2', '21')]
    assert all(p['timestamp'] == '2014-11-01T00:00:00Z' for p in series)
    # 24 hours, two resources in group 1: cached 0.1 * 24 * 2 * 1 GB
    assert series[0]['bytes_cached'] == 4800000000 and series[0]['bytes_uncached'] == 960000000
    assert result['stats']['totals']['bytes'] == sum(p['bytes'] for p in series)


def test_removed_bandwidth_endpoint_says_so(sim, module):
    seed(sim)
    sim.seed(P, {'bandwidth_removed': True})
    result = run(sim, module, start='2014-11-25', end='2014-11-26')
    assert result['_rc'] != 0
    assert 'removed in 5.6' in result['msg'] and 'report usage' in result['msg']


@pytest.mark.parametrize('args, option', [
    (dict(report='traffic'), 'report'),
    (dict(metric='requests'), 'metric'),
    (dict(granularity='hour'), 'granularity'),
    (dict(report='usage', metric='mbps'), 'metric'),
    (dict(metric='mbps', start='2014-11-25', end='2014-11-26'), 'start'),
    (dict(start='2014-11-26', end='2014-11-25'), 'start'),
    (dict(start='25-11-2014'), 'start'),
])
def test_bad_input_fails_before_any_request(sim, module, args, option):
    sim.clear_log()
    result = run(sim, module, **args)
    assert result['_rc'] != 0, result
    assert 'option %s' % option in result['msg'], result['msg']
    assert sim.log(P) == []


def test_usage_with_a_zone_fails_without_stats_requests(sim, module):
    seed(sim)
    sim.clear_log()
    result = run(sim, module, report='usage', zone='www.example.com', start='2014-11-01', end='2014-11-02')
    assert result['_rc'] != 0 and 'option zone' in result['msg'], result
    assert gets(sim, 'cdn_usage_statistics.json') == [] and sim.mutations(P) == []
