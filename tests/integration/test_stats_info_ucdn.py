"""cdn_stats_info against the simulated UCDN v3 reports (UCDN API v3, https://api.ucdn.com/docs/:
"Usage report" .. "Status codes")."""

import pytest

P = 'ucdn'
DAY = dict(start='2024-01-01', end='2024-01-02')
# 2024-01-01T00:00:00Z and 2024-01-02T00:00:00Z
FROM, TO = '1704067200', '1704153600'


def run(sim, module, check=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_stats_info', params, check=check)


def seed_zones(sim):
    return sim.seed(P, {'zones': [{'custom_domains': ['cdn.example.com']}, {'custom_domains': ['img.example.com']}]})


def reads(sim):
    return [(e['method'], e['path'], e['query']) for e in sim.log(P)]


def test_default_report_is_hourly_bytes_account_wide(sim, module):
    seed_zones(sim)
    sim.clear_log()
    result = run(sim, module, **DAY)
    assert result['_rc'] == 0, result
    assert result['changed'] is False
    assert result['query'] == dict(zone=None, start='2024-01-01T00:00:00Z', end='2024-01-02T00:00:00Z',
                                   granularity='hour', metric=None, report='bytes')
    assert reads(sim) == [('GET', 'reports/bytes/', {'from': FROM, 'to': TO, 'by': 'hour'})]
    series = result['stats']['series']
    assert len(series) == 24
    assert series[0]['timestamp'] == '2024-01-01T00:00:00Z' and series[-1]['timestamp'] == '2024-01-01T23:00:00Z'
    assert all(set(p) == {'timestamp', 'bytes'} and p['bytes'] > 0 for p in series)
    assert result['stats']['totals'] == dict(bytes=sum(p['bytes'] for p in series))
    assert result['stats']['raw']['element_duration'] == 3600

    # The usage report over the same day (dates sent as YYYY-MM-DD) agrees with the hourly sum.
    sim.clear_log()
    usage = run(sim, module, report='usage', **DAY)
    assert usage['_rc'] == 0, usage
    assert reads(sim) == [('GET', 'reports/', {'date_from': '2024-01-01', 'date_to': '2024-01-02'})]
    assert usage['stats']['totals']['bytes'] == result['stats']['totals']['bytes']
    assert usage['stats']['series'] == [dict(timestamp='2024-01-01T00:00:00Z', **usage['stats']['totals'])]


def test_zone_by_host_name_and_times_with_offsets(sim, module):
    seed_zones(sim)
    sim.clear_log()
    result = run(sim, module, zone='img.example.com', report='hits', granularity='5min',
                 start='2024-01-01T02:00+02:00', end='2024-01-01T01:00:00Z')
    assert result['_rc'] == 0, result
    assert result['query']['zone'] == '2' and result['query']['start'] == '2024-01-01T00:00:00Z'
    report = [r for r in reads(sim) if r[1].startswith('reports')]
    assert report == [('GET', 'reports/hits/', {'from': FROM, 'to': str(int(FROM) + 3600), 'zones': '2',
                                                'by': '5min'})]
    assert len(result['stats']['series']) == 12
    assert all(set(p) == {'timestamp', 'hits'} for p in result['stats']['series'])

    # The usage report of one zone names it in the path; a non-midnight time goes as a Unix timestamp.
    sim.clear_log()
    usage = run(sim, module, zone='2', report='usage', start='2024-01-01T00:00:00Z', end='2024-01-01T01:00:00Z')
    assert usage['_rc'] == 0, usage
    assert [r for r in reads(sim) if r[1].startswith('reports')] == \
        [('GET', 'reports/2/', {'date_from': '2024-01-01', 'date_to': str(int(FROM) + 3600)})]
    assert usage['stats']['totals']['hits'] == result['stats']['totals']['hits']


@pytest.mark.parametrize('report,path,key', [
    ('bytes_ssl', 'reports/bytes/ssl', 'bytes'), ('hits_ssl', 'reports/hits/ssl', 'hits'),
    ('bytes_http2', 'reports/bytes/http2', 'bytes'), ('hits_http2', 'reports/hits/http2', 'hits'),
])
def test_ssl_and_http2_reports(sim, module, report, path, key):
    seed_zones(sim)
    whole = run(sim, module, report=key, granularity='day', **DAY)
    sim.clear_log()
    result = run(sim, module, report=report, granularity='day', **DAY)
    assert result['_rc'] == 0, result
    assert reads(sim) == [('GET', path, {'from': FROM, 'to': TO, 'by': 'day'})]
    assert [set(p) for p in result['stats']['series']] == [{'timestamp', key}]
    assert 0 < result['stats']['totals'][key] < whole['stats']['totals'][key]


def test_countries_and_status_codes_are_labelled(sim, module):
    seed_zones(sim)
    hits = run(sim, module, report='hits', zone='cdn.example.com', **DAY)['stats']['totals']['hits']
    countries = run(sim, module, report='countries', zone='cdn.example.com', **DAY)
    assert countries['_rc'] == 0, countries
    series = countries['stats']['series']
    assert set(p['country'] for p in series) == {'US', 'DE', 'GB', 'JP', 'BR'}
    assert all(set(p) == {'timestamp', 'country', 'hits', 'bytes'} for p in series)
    assert countries['stats']['totals']['hits'] == hits

    codes = run(sim, module, report='status_codes', zone='cdn.example.com', **DAY)
    assert codes['_rc'] == 0, codes
    assert set(p['status_code'] for p in codes['stats']['series']) == {200, 304, 404, 500}
    assert codes['stats']['totals']['hits'] == hits


def test_storages_report_is_account_wide_and_totals_the_peak(sim, module):
    sim.seed(P, {'storages': [dict(name='assets', region='europe', bytes=2048, objects=2),
                              dict(name='logs', region='north-america', bytes=1000, objects=1)]})
    result = run(sim, module, report='storages', **DAY)
    assert result['_rc'] == 0, result
    assert len(result['stats']['series']) == 24
    assert result['stats']['totals'] == dict(bytes=3048)


def test_check_mode_sends_the_same_reads(sim, module):
    seed_zones(sim)
    sim.clear_log()
    normal = run(sim, module, report='countries', **DAY)
    first = reads(sim)
    sim.clear_log()
    check = run(sim, module, check=True, report='countries', **DAY)
    assert check['_rc'] == 0 and check['changed'] is False
    assert reads(sim) == first and sim.mutations(P) == []
    assert check['stats'] == normal['stats']


@pytest.mark.parametrize('args,option,words', [
    (dict(report='traffic'), 'report', 'allowed: bytes, usage'),
    (dict(granularity='week'), 'granularity', 'allowed: hour, 5min, day'),
    (dict(metric='bytes'), 'metric', 'cannot be set'),
    (dict(start='2024-01-02', end='2024-01-01'), 'start', 'before end'),
    (dict(start='01-01-2024'), 'start', 'ISO 8601'),
    (dict(report='storages', zone='1'), 'zone', 'storages'),
    (dict(report='countries', granularity='day'), 'granularity', 'countries'),
    (dict(report='usage', granularity='5min'), 'granularity', 'usage'),
])
def test_bad_input_fails_naming_the_option(sim, module, args, option, words):
    seed_zones(sim)
    sim.clear_log()
    result = run(sim, module, **args)
    assert result['_rc'] != 0, result
    assert 'option %s' % option in result['msg'] and words in result['msg'], result['msg']
    # Nothing but (at most) the zone lookup was read; no report was asked for.
    assert not [e for e in sim.log(P) if e['path'].startswith('reports')]


def test_missing_zone_fails_before_any_report(sim, module):
    seed_zones(sim)
    sim.clear_log()
    result = run(sim, module, zone='nope.example.com', **DAY)
    assert result['_rc'] != 0 and 'nope.example.com' in result['msg']
    assert not [e for e in sim.log(P) if e['path'].startswith('reports')]
