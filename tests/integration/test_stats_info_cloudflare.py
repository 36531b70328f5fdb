"""cdn_stats_info against the simulated CloudFlare client API v1 (CloudFlare Client Interface API
3.1 ``stats``, https://www.cloudflare.com/docs/client-api.html).

The API takes an ``interval`` code, not dates: the module picks the smallest documented
interval covering ``start`` (40 past day, 30 past 7 days, 20 past 30 days, data up to one day
ago; Pro zones also 120/110/100 = 6/12/24 hours up to now).
"""

import datetime
import json
import urllib.parse
import urllib.request

import pytest

P = 'cloudflare'
ZONE = 'example.com'
# Hourly rates of the simulated zone (tests/simulator/providers/cloudflare.py DEFAULT_STATS).
RATES = dict(pageviews=110 + 1 + 4, uniques=9 + 1 + 1, threats=1, bytes_cached=3340000, bytes_uncached=2510000,
             hits_cached=174, hits_uncached=154)


def api(sim, **fields):
    """One raw form POST to the simulated api_json.html."""
    data = dict(tkn='sim-token', email='admin@example.com')
    data.update(fields)
    req = urllib.request.Request(sim.api_url(P), data=urllib.parse.urlencode(data).encode(), method='POST')
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read().decode())


def run(sim, module, check=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_stats_info', params, check=check)


def iso(moment):
    return moment.strftime('%Y-%m-%dT%H:%M:%SZ')


def ago(**delta):
    return iso(datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(**delta))


def stats_calls(sim):
    return [e['body'] for e in sim.log(P) if e['body']['a'] == 'stats']


def expected(hours):
    numbers = dict((k, v * hours) for k, v in RATES.items())
    numbers['bytes'] = numbers['bytes_cached'] + numbers['bytes_uncached']
    numbers['requests'] = numbers['hits'] = numbers['hits_cached'] + numbers['hits_uncached']
    return numbers


@pytest.mark.parametrize('check', [False, True])
def test_default_week_uses_interval_30(sim, module, check):
    result = run(sim, module, check=check, zone=ZONE)
    assert result['_rc'] == 0, result
    assert result['changed'] is False
    [call] = stats_calls(sim)
    assert (call['z'], call['interval'], call['email']) == (ZONE, '30', 'admin@example.com')
    [point] = result['stats']['series']
    numbers = dict((k, v) for k, v in point.items() if k != 'timestamp')
    assert numbers == expected(7 * 24)
    assert result['stats']['totals'] == expected(7 * 24)
    raw = result['stats']['raw']
    assert raw['interval'] == 30
    assert 'CloudFlare takes no dates' in raw['note']
    # The period is the 7 days up to one day ago; the point sits at its start.
    start = datetime.datetime.strptime(point['timestamp'], '%Y-%m-%dT%H:%M:%SZ')
    end = datetime.datetime.strptime(raw['period_end'], '%Y-%m-%dT%H:%M:%SZ')
    assert end - start == datetime.timedelta(days=7)
    assert raw['period_start'] == point['timestamp']
    pageviews = raw['result']['objs'][0]['trafficBreakdown']['pageviews']
    assert pageviews == {'regular': 110 * 168, 'threat': 168, 'crawler': 4 * 168}
    assert result['query']['zone'] == '1000'
    assert sim.mutations(P) == []
    assert 'sim-token' not in result['_raw']


@pytest.mark.parametrize('start, interval, hours', [
    (dict(hours=20), '40', 24),
    (dict(days=20), '20', 720),
])
def test_start_picks_the_interval(sim, module, start, interval, hours):
    result = run(sim, module, zone='1000', start=ago(**start))
    assert result['_rc'] == 0, result
    assert [c['interval'] for c in stats_calls(sim)] == [interval]
    assert result['stats']['totals']['pageviews'] == RATES['pageviews'] * hours


def test_pro_zone_uses_the_pro_intervals(sim, module):
    sim.seed(P, {'zones': [{'zone_name': 'pro.example.org', 'pro': True}]})
    result = run(sim, module, zone='pro.example.org', start=ago(hours=5))
    assert result['_rc'] == 0, result
    assert [c['interval'] for c in stats_calls(sim)] == ['120']
    assert result['stats']['totals']['hits'] == (174 + 154) * 6


@pytest.mark.parametrize('args, message', [
    ({}, 'option zone: is required: CloudFlare reports statistics per zone'),
    ({'zone': ZONE, 'start': '2020-01-01'}, "option start: '2020-01-01T00:00:00Z' is older than CloudFlare statistics reach"),
    ({'zone': ZONE, 'granularity': 'day'}, 'option granularity: cannot be set'),
    ({'zone': ZONE, 'start': '2026-01-01', 'end': '2026-01-02'}, 'option start'),
])
def test_bad_input_fails_without_stats_request(sim, module, args, message):
    result = run(sim, module, **args)
    assert result['_rc'] == 1, result
    assert message in result['msg']
    assert stats_calls(sim) == []
    assert sim.mutations(P) == []


def test_end_long_before_now_fails_naming_end(sim, module):
    result = run(sim, module, zone=ZONE, start=ago(days=20), end=ago(days=10))
    assert result['_rc'] == 1, result
    assert result['msg'].startswith('option end: ')
    assert 'CloudFlare takes no dates' in result['msg']
    assert stats_calls(sim) == []


def test_unknown_zone_fails_before_stats(sim, module):
    result = run(sim, module, zone='nope.example.net')
    assert result['_rc'] == 1, result
    assert "option zone: 'nope.example.net' names no CloudFlare zone" in result['msg']
    assert stats_calls(sim) == []


def test_simulator_refuses_undocumented_and_pro_intervals(sim):
    assert api(sim, a='stats', z=ZONE, interval='10')['err_code'] == 'E_INVLDINPUT'
    assert api(sim, a='stats', z=ZONE, interval='120')['err_code'] == 'E_INVLDINPUT'
    body = api(sim, a='stats', z=ZONE, interval='20')
    assert 'request' not in body and body['result'] == 'success'
    result = body['response']['result']
    assert result['timeEnd'] - result['timeZero'] == 30 * 86400 * 1000
    assert result['count'] == 1 and result['has_more'] is False
