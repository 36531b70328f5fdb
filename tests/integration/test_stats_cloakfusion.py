"""cdn_stats_info against the simulated Cloakfusion API ("Cloakfusion API Reference", "Traffic"), and the
provider-independent checks of cdn_stats_info and cdn_access_rule."""

import pytest

P = 'cloakfusion'
VHOSTS = [
    {'domain_name': 'cdn.example.com', 'origin_url': 'http://o.example.com', 'name': 'one'},
    {'domain_name': 'img.example.com', 'origin_url': 'http://o.example.com', 'name': 'two'},
]


def run(sim, module, name='cdn_stats_info', check=False, **args):
    params = sim.creds(P)
    params.update(args)
    return module(name, params, check=check)


@pytest.fixture
def vhosts(sim):
    # 1.50 GB and 0.25 GB a day, so a range's usage is exact.
    sim.seed(P, {'vhosts': VHOSTS, 'traffic': {'1': 1.5, '2': 0.25}})


def test_account_traffic_one_point_per_vhost(sim, module, vhosts):
    result = run(sim, module, start='2026-10-01', end='2026-11-01')
    assert result['_rc'] == 0, result
    assert result['changed'] is False
    series = result['stats']['series']
    # 31 days (01-10-2026 .. 31-10-2026, both included) at 1.5 GB and 0.25 GB.
    assert [(p['zone'], p['hostname'], p['bytes']) for p in series] == [
        ('1', 'cdn.example.com', 46500000000), ('2', 'img.example.com', 7750000000)]
    assert all(p['timestamp'] == '2026-10-01T00:00:00Z' for p in series)
    assert result['stats']['totals'] == {'bytes': 54250000000}
    assert result['stats']['raw'][0]['usage'] == '46.50'
    assert result['query'] == {'zone': None, 'start': '2026-10-01T00:00:00Z', 'end': '2026-11-01T00:00:00Z',
                               'granularity': None, 'metric': None, 'report': None}
    [read] = [e for e in sim.log(P) if 'traffic' in e['path']]
    assert read['method'] == 'GET' and read['path'].rstrip('/').endswith('traffic')
    assert read['query'] == {'start_date': '01-10-2026', 'end_date': '31-10-2026'}
    assert sim.mutations(P) == []


def test_one_vhost_by_host_name_with_offsets_converted_to_utc(sim, module, vhosts):
    result = run(sim, module, zone='img.example.com', start='2026-10-01T01:00+02:00', end='2026-10-03T00:00Z',
                 check=True)
    assert result['_rc'] == 0, result
    # 2026-09-30T23:00Z .. 2026-10-02T23:59:59Z: three days.
    assert result['stats']['series'] == [{'timestamp': '2026-09-30T23:00:00Z', 'zone': '2', 'hostname': 'img.example.com',
                                          'bytes': 750000000}]
    assert result['query']['zone'] == '2'
    read = [e for e in sim.log(P) if 'traffic' in e['path']][-1]
    assert read['path'].rstrip('/').endswith('traffic/2')
    assert read['query'] == {'start_date': '30-09-2026', 'end_date': '02-10-2026'}
    assert sim.mutations(P) == []


@pytest.mark.parametrize('args, message', [
    ({'start': '01-10-2026'}, "option start: '01-10-2026' is not an ISO 8601 date or time; allowed: an ISO 8601"),
    ({'start': '2026-10-05', 'end': '2026-10-01'}, 'option start: '),
    ({'report': 'hits'}, 'option report: cannot be set'),
    ({'granularity': 'hour'}, 'option granularity: cannot be set'),
])
def test_bad_input_fails_before_any_request(sim, module, vhosts, args, message):
    sim.clear_log()
    result = run(sim, module, **args)
    assert result['_rc'] != 0 and result['failed'] is True
    assert message in result['msg'], result['msg']
    assert sim.log(P) == []


def test_unknown_zone_is_named(sim, module, vhosts):
    result = run(sim, module, zone='nope.example.com')
    assert result['failed'] is True
    assert "option zone: 'nope.example.com' names no Cloakfusion zone" in result['msg']
    assert sim.mutations(P) == []


def test_access_rules_are_not_offered_by_cloakfusion(sim, module, vhosts):
    sim.clear_log()
    result = run(sim, module, name='cdn_access_rule', zone='cdn.example.com',
                 rules=[{'type': 'country', 'value': 'DE'}])
    assert result['failed'] is True
    assert "Cloakfusion does not offer the resource 'access_rule'" in result['msg']
    assert sim.log(P) == []


def test_access_rule_bad_value_names_the_option(sim, module, vhosts):
    result = module('cdn_access_rule', dict(sim.creds('ucdn'), zone='cdn.example.com',
                                            rules=[{'type': 'country', 'value': 'Germany'}]))
    assert result['failed'] is True
    assert "option rules[0].value: 'Germany' has a country rule value that is not a two-letter country code" \
        in result['msg']
    assert sim.log('ucdn') == []


def test_purge_info_joins_flush_requests_and_statuses(sim, module, vhosts):
    """GET flush/ (every DRF page) and flush/{id}/ give the URLs; flushstatus gives the state."""
    sim.speed(200)
    job_ids = []
    for n in range(12):  # 12 flush requests: two pages of 10
        done = module('cdn_purge', dict(sim.creds(P), zone='cdn.example.com', paths=['/f%d.png' % n], wait=False))
        assert done['_rc'] == 0, done
        job_ids.append(done['jobs'][0]['id'])
    sim.clear_log()
    listed = module('cdn_purge_info', dict(sim.creds(P)))
    assert listed['_rc'] == 0, listed
    files = dict((j['id'], j['files']) for j in listed['jobs'])
    assert files[job_ids[0]] == ['http://cdn.example.com/f0.png']
    assert files[job_ids[11]] == ['http://cdn.example.com/f11.png']
    pages = [e['query'].get('page') for e in sim.log(P) if e['path'].rstrip('/') == 'flush']
    assert pages == ['1', '2']
    one = module('cdn_purge_info', dict(sim.creds(P), job_id=job_ids[3]))
    assert one['jobs'][0]['files'] == ['http://cdn.example.com/f3.png']
    assert sim.mutations(P) == []
