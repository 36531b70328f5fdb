"""cdn_dns_record and cdn_dns_record_info against the simulated CloudFlare client API v1.

The simulator starts with one zone, example.com, and no records (CloudFlare Client Interface API,
https://www.cloudflare.com/docs/client-api.html, 3.3 rec_load_all: pages of 180 records by ``o``;
ids/ttl/service_mode are strings; errors come as HTTP 200: see docs/providers/cloudflare.md).
Many cases share one module call to keep the file fast.
"""

import json

P = 'cloudflare'
ZONE = 'example.com'

ALL_TYPES = [
    {'record': '@', 'type': 'A', 'value': '192.0.2.1', 'proxied': True},
    {'record': 'www', 'type': 'CNAME', 'value': 'cdn.example.net', 'ttl': 300},
    {'record': 'v6', 'type': 'AAAA', 'value': '2001:db8::1'},
    {'record': '@', 'type': 'MX', 'value': 'mail.example.com', 'priority': 10},
    {'record': '@', 'type': 'TXT', 'value': 'v=spf1 include:_spf.example.net -all'},
    {'record': 'spf', 'type': 'SPF', 'value': 'v=spf1 -all'},
    {'record': 'sub', 'type': 'NS', 'value': 'ns1.example.net'},
    {'record': '_sip._tcp', 'type': 'SRV', 'value': '5 5060 sip.example.com', 'priority': 20},
    {'record': 'loc', 'type': 'LOC', 'value': '51 30 12.748 N 0 7 39.611 W 0.00m'},
]
# The same records written the way users (and other tools) write them.
MESSY = [
    {'record': 'example.com.', 'type': 'A', 'value': '192.0.2.1', 'proxied': True},
    {'record': 'WWW.Example.COM', 'type': 'CNAME', 'value': 'CDN.example.net.', 'ttl': '300'},
    {'record': 'v6.example.com.', 'type': 'AAAA', 'value': '2001:0DB8:0000:0000:0000:0000:0000:0001'},
    {'record': '@', 'type': 'MX', 'value': 'mail.example.com.', 'priority': '10'},
    {'record': '@', 'type': 'TXT', 'value': '"v=spf1 include:_spf.example.net " "-all"'},
    {'record': 'spf', 'type': 'SPF', 'value': '"v=spf1 -all"'},
    {'record': 'sub', 'type': 'NS', 'value': 'NS1.example.net.'},
    {'record': '@', 'type': 'SRV', 'service': 'sip', 'protocol': 'tcp', 'weight': 5, 'port': 5060,
     'target': 'sip.example.com.', 'priority': 20},
    {'record': 'loc', 'type': 'LOC', 'value': '51 30 12.748 N  0 7 39.611 W 0.00m'},
]


def records_state(sim):
    zone = next(z for z in sim.state(P)['zones'] if z['zone_name'] == ZONE)
    return zone['records']


def actions(entries):
    return [e['body']['a'] for e in entries]


def seed_records(sim, records):
    sim.seed(P, {'zones': [{'zone_name': ZONE, 'records': records}]})
    sim.clear_log()


def a_records(count, prefix='h', start=0):
    return [{'type': 'A', 'name': '%s%d' % (prefix, n), 'content': '10.0.%d.%d' % (n // 250, n % 250 + 1), 'ttl': '1'}
            for n in range(start, start + count)]


def test_every_type_created_then_rerun_unchanged_in_any_spelling(sim, module):
    def run(recs, **kw):
        return module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=recs), **kw)
    first = run(ALL_TYPES, diff=True)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert actions(sim.mutations(P)) == ['rec_new'] * len(ALL_TYPES)
    assert len(first['diff']['after']['records']) == len(ALL_TYPES) and first['diff']['before']['records'] == []
    by_type = dict((r['type'], r) for r in first['records'])
    assert by_type['A']['proxied'] is True and by_type['CNAME']['proxied'] is False and by_type['MX']['proxied'] is None
    assert by_type['CNAME']['ttl'] == 300 and by_type['A']['ttl'] == 1 and by_type['MX']['priority'] == 10
    stored = dict((r['type'], r) for r in records_state(sim))
    assert stored['A']['service_mode'] == '1' and stored['CNAME']['service_mode'] == '0'
    assert stored['SRV']['name'] == '_sip._tcp.example.com' and stored['SRV']['prio'] == 20

    sim.clear_log()
    for recs in (ALL_TYPES, MESSY):
        again = run(recs)
        assert again['_rc'] == 0 and again['changed'] is False, again
        assert again['plan'] == []
    assert sim.mutations(P) == []
    assert actions(sim.log(P)) == ['rec_load_all', 'rec_load_all']

    # Single-record mode agrees too (FQDN, trailing dot, TXT quoting).
    single = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='example.com.', type='TXT',
                                           value='"v=spf1 include:_spf.example.net" " -all"'))
    assert single['changed'] is False, single
    assert sim.mutations(P) == []


def test_edit_ttl_value_proxied_in_place(sim, module):
    def run(**args):
        return module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='api', type='A', **args), diff=True)
    created = run(value='192.0.2.10')
    assert created['changed'] is True and created['records'][0]['proxied'] is False
    rec_id = created['records'][0]['id']
    sim.clear_log()
    ttl = run(value='192.0.2.10', ttl=3600)
    value = run(value='192.0.2.11')
    proxied = run(value='192.0.2.11', proxied=True)
    assert all(r['changed'] for r in (ttl, value, proxied)), (ttl, value, proxied)
    assert ttl['plan'] == [{'action': 'update', 'record': 'api', 'type': 'A', 'value': '192.0.2.10', 'id': rec_id,
                            'changes': {'ttl': 3600}}]
    assert value['plan'][0]['changes'] == {'value': '192.0.2.11'}
    assert value['diff']['before']['records'][0]['value'] == '192.0.2.10'
    assert value['diff']['after']['records'][0]['value'] == '192.0.2.11'
    assert actions(sim.mutations(P)) == ['rec_edit'] * 3
    assert [e['body']['id'] for e in sim.mutations(P)] == [rec_id] * 3
    [stored] = records_state(sim)
    assert (stored['content'], stored['ttl'], stored['service_mode']) == ('192.0.2.11', '3600', '1')
    assert run(value='192.0.2.11', proxied=True, ttl=3600)['changed'] is False

    # The distribution role's case: point a host name at the CDN, then move it.
    cname = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='static', type='CNAME', value='a1.cdn13.com'))
    moved = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='static', type='CNAME', value='b2.cdn13.com.'))
    assert cname['changed'] and moved['changed'] and moved['plan'][0]['action'] == 'update'
    assert [r['value'] for r in moved['records']] == ['b2.cdn13.com']


def test_on_existing_modes_and_solo(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'www', 'content': '192.0.2.1'},
                       {'type': 'A', 'name': 'www', 'content': '192.0.2.2'}])

    def run(value, **args):
        return module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='www', type='A', value=value, **args))
    failed = run('192.0.2.9', on_existing='keep_and_fail')
    assert failed['_rc'] == 1 and 'keep_and_fail' in failed['msg'] and '192.0.2.1' in failed['msg'], failed
    assert sim.mutations(P) == []

    warned = run('192.0.2.3', on_existing='keep_and_warn')
    assert warned['changed'] is True and 'already has other values' in json.dumps(warned.get('warnings'))
    kept = run('192.0.2.4', on_existing='keep')
    assert kept['changed'] is True and not kept.get('warnings')
    assert sorted(r['value'] for r in kept['records']) == ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4']
    assert actions(sim.mutations(P)) == ['rec_new', 'rec_new']

    sim.clear_log()
    replaced = run('192.0.2.5')  # default replace: one record edited in place, the others stay
    assert [a['action'] for a in replaced['plan']] == ['update']
    assert sorted(r['value'] for r in replaced['records']) == ['192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5']

    solo = run('192.0.2.3', solo=True)
    assert sorted(a['action'] for a in solo['plan']) == ['delete'] * 3
    assert [r['value'] for r in solo['records']] == ['192.0.2.3']
    assert [(r['type'], r['content']) for r in records_state(sim)] == [('A', '192.0.2.3')]
    assert run('192.0.2.3', solo=True)['changed'] is False

    gone = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='www', type='A', state='absent'))
    assert gone['changed'] is True and records_state(sim) == []


def test_bulk_500_over_three_pages_then_prune_with_ignore(sim, module):
    existing = a_records(400)  # 180 + 180 + 40: three pages
    seed_records(sim, existing + [{'type': 'TXT', 'name': '_acme-challenge', 'content': 'token'},
                                  {'type': 'NS', 'name': '@', 'content': 'ns1.example.net'},
                                  {'type': 'A', 'name': 'old', 'content': '192.0.2.77'},
                                  {'type': 'A', 'name': 'x.legacy', 'content': '192.0.2.78'}])
    wanted = [{'record': r['name'], 'type': 'A', 'value': r['content']} for r in a_records(500)]
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted))
    assert result['_rc'] == 0 and result['changed'] is True, result.get('msg')
    reads = [e for e in sim.log(P) if e['body']['a'] == 'rec_load_all']
    assert [e['body'].get('o', '0') for e in reads] == ['0', '180', '360']
    assert actions(sim.mutations(P)) == ['rec_new'] * 100
    assert len(records_state(sim)) == 504

    sim.clear_log()
    pruned = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, prune_scope=['legacy', 'old'],
                                           records=wanted[:10]))
    assert sorted((a['action'], a['record']) for a in pruned['plan']) == [('delete', 'old'), ('delete', 'x.legacy')]

    # Pruning 490 of 501 records (the apex NS set is not pruned) is far over safety.max_delete_percent: refused unless raised for the task.
    args = dict(sim.creds(P), zone=ZONE, prune=True, records=wanted[:10] + [{'record': '_acme-challenge', 'ignore': True}])
    refused = module('cdn_dns_record', args)
    assert refused['_rc'] == 1 and 'would delete 490 of 501 records' in refused['msg'], refused['msg']
    pruned = module('cdn_dns_record', dict(args, safety=dict(max_delete_percent=100)))
    assert pruned['changed'] is True
    names = sorted((r['type'], r['name']) for r in records_state(sim))
    assert ('TXT', '_acme-challenge.example.com') in names and ('NS', 'example.com') in names
    assert len(names) == 12
    assert len(pruned['records']) == 12


def test_mixed_failure_mid_batch_is_reported_honestly(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'gone', 'content': '192.0.2.50'}])
    sim.fault(provider=P, action='rec_new', nth=3, status=200,
              body={'result': 'error', 'msg': 'Injected invalid input', 'err_code': 'E_INVLDINPUT'})
    wanted = [{'record': 'n%d' % n, 'type': 'A', 'value': '192.0.2.%d' % n} for n in range(1, 6)]
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=wanted))
    assert result['_rc'] == 1 and result['changed'] is True, result
    assert len(result['errors']) == 1 and 'Injected invalid input' in result['errors'][0]['error']
    assert 'E_INVLDINPUT' in result['msg'] and '1 of 6 changes failed' in result['msg']
    assert len(result['applied']) == 5 and 'delete gone A 192.0.2.50' in result['applied']
    assert result['not_applied'] == []
    stored = sorted(r['name'] for r in records_state(sim))
    assert len(stored) == 4 and 'gone.example.com' not in stored
    # What failed is exactly what is missing; a rerun completes it.
    missing = result['errors'][0]['change'].split()[1]
    assert '%s.example.com' % missing not in stored
    again = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=wanted))
    assert again['_rc'] == 0 and [a['record'] for a in again['plan']] == [missing]


def test_failed_delete_stops_later_phases(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'www', 'content': '192.0.2.1'}])
    sim.fault(provider=P, action='rec_delete', status=200, body={'result': 'error', 'msg': 'Invalid record id.'})
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True,
                                           records=[{'record': 'api', 'type': 'A', 'value': '192.0.2.2'}]))
    assert result['_rc'] == 1 and result['changed'] is False
    assert result['not_applied'] == ['create api A 192.0.2.2'] and result['applied'] == []
    assert 'Invalid record id.' in result['msg']


def test_e_maxapi_is_backed_off_and_retried(sim, module):
    sim.fault(provider=P, action='rec_new', count=2, status=200,
              body={'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.', 'err_code': 'E_MAXAPI'})
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='www', type='A', value='192.0.2.1'))
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert actions(sim.mutations(P)) == ['rec_new'] * 3
    assert len(records_state(sim)) == 1


def test_bad_input_rejected_with_zero_writes(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'host', 'content': '192.0.2.1'}])
    base = dict(sim.creds(P), zone=ZONE)
    cases = [
        (dict(record='a', type='A', value='192.0.2.1', ttl=5), 'ttl'),
        (dict(record='@', type='MX', value='mail.example.com'), 'priority'),
        (dict(record='a', type='A', value='192.0.2.300'), 'IPv4'),
        (dict(record='a', type='AAAA', value='2001:db8::g'), 'IPv6'),
        (dict(record='a', type='TXT', value='x', proxied=True), 'proxied'),
        (dict(record='host', type='CNAME', value='cdn.example.net'), 'CNAME'),
        (dict(records=[{'record': 'w', 'type': 'CNAME', 'value': 'x.example.net'},
                       {'record': 'w', 'type': 'A', 'value': '192.0.2.2'}]), 'CNAME'),
        (dict(records=[{'record': 'ok', 'type': 'A', 'value': '192.0.2.2'},
                       {'record': 'bad', 'type': 'A', 'value': '192.0.2.3', 'ttl': 90000}]), 'records[1].ttl'),
        (dict(record='x.other.org.', type='A', value='192.0.2.1'), 'not inside the zone'),
    ]
    for args, word in cases:
        result = module('cdn_dns_record', dict(base, **args))
        assert result['_rc'] == 1 and word in result['msg'], (args, result['msg'])
    assert sim.mutations(P) == []
    reads = actions(sim.log(P))
    assert set(reads) <= {'rec_load_all'} and len(reads) == 1  # only the exclusivity check against the zone read


def test_converged_1000_records_reads_pages_only_and_round_trips(sim, module):
    seed_records(sim, a_records(1000) + [{'type': 'MX', 'name': '@', 'content': 'mx.example.net', 'prio': 5}])
    info = module('cdn_dns_record_info', dict(sim.creds(P), zone=ZONE))
    assert info['_rc'] == 0 and len(info['records']) == 1001
    assert info['changed'] is False
    pages = -(-1001 // 180)
    assert actions(sim.log(P)) == ['rec_load_all'] * pages
    sim.clear_log()
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=info['records']))
    assert result['_rc'] == 0 and result['changed'] is False and result['plan'] == [], result.get('msg')
    assert actions(sim.log(P)) == ['rec_load_all'] * pages
    assert sim.mutations(P) == []

    only = module('cdn_dns_record_info', dict(sim.creds(P), zone=ZONE, record='example.com.', type='MX'))
    assert only['records'] == [{'record': '@', 'type': 'MX', 'value': 'mx.example.net', 'ttl': 1,
                                'proxied': None, 'priority': 5, 'id': only['records'][0]['id']}]


def test_check_mode_returns_plan_with_zero_writes(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'www', 'content': '192.0.2.1'},
                       {'type': 'A', 'name': 'stale', 'content': '192.0.2.9'}])
    wanted = [{'record': 'www', 'type': 'A', 'value': '192.0.2.2'}, {'record': 'new', 'type': 'TXT', 'value': 'hello'}]
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=wanted), check=True, diff=True)
    assert result['_rc'] == 0 and result['changed'] is True
    assert [(a['action'], a['record']) for a in result['plan']] == [('delete', 'stale'), ('update', 'www'), ('create', 'new')]
    assert sorted((r['record'], r['value']) for r in result['records']) == [('new', 'hello'), ('www', '192.0.2.2')]
    assert len(result['diff']['before']['records']) == 2
    assert sim.mutations(P) == []
    assert len(records_state(sim)) == 2


def test_other_providers_do_not_offer_dns_records(sim, module):
    result = module('cdn_dns_record', dict(sim.creds('ucdn'), zone=ZONE, record='www', type='A', value='192.0.2.1'))
    assert result['_rc'] == 1 and "does not offer the resource 'dns_record'" in result['msg'], result['msg']
    info = module('cdn_dns_record_info', dict(sim.creds('leaseweb'), zone=ZONE))
    assert info['_rc'] == 1 and 'dns_record' in info['msg']


def test_apex_cname_is_flattened_beside_mx_and_txt_and_reruns_unchanged(sim, module):
    # The distribution role's apex case: point example.com at the CDN while mail records stay.
    seed_records(sim, [{'type': 'MX', 'name': '@', 'content': 'mx.example.net', 'prio': 10},
                       {'type': 'TXT', 'name': '@', 'content': 'v=spf1 -all'}])
    args = dict(sim.creds(P), zone=ZONE, record='@', type='CNAME', value='a1-121.so.clients.cdn13.com', proxied=True)
    created = module('cdn_dns_record', args)
    assert created['_rc'] == 0 and created['changed'] is True, created
    stored = [r for r in records_state(sim) if r['type'] == 'CNAME']
    assert [(r['name'], r['display_name'], r['service_mode']) for r in stored] == [(ZONE, ZONE, '1')]
    sim.clear_log()
    for spelling in ('@', 'example.com', 'Example.COM.'):
        again = module('cdn_dns_record', dict(args, record=spelling, value='A1-121.so.clients.CDN13.com.'))
        assert again['_rc'] == 0 and again['changed'] is False and again['plan'] == [], again
    info = module('cdn_dns_record_info', dict(sim.creds(P), zone=ZONE))
    assert sorted((r['record'], r['type']) for r in info['records']) == [('@', 'CNAME'), ('@', 'MX'), ('@', 'TXT')]
    whole = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=info['records']))
    assert whole['_rc'] == 0 and whole['changed'] is False, whole
    assert sim.mutations(P) == []
    # An address record cannot join it: refused before any write.
    clash = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, record='@', type='A', value='192.0.2.1'))
    assert clash['_rc'] == 1 and 'flattened CNAME at the apex' in clash['msg'], clash
    assert sim.mutations(P) == []


def test_concurrency_option_validated_and_used(sim, module):
    wanted = [{'record': 'c%d' % n, 'type': 'A', 'value': '192.0.2.%d' % n} for n in range(1, 9)]
    for bad in (0, 21):
        refused = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted, concurrency=bad))
        assert refused['_rc'] == 1 and 'concurrency' in refused['msg'] and '1 to 20' in refused['msg'], refused
    assert sim.log(P) == []
    sim.fault(provider=P, action='rec_new', delay=0.4, count=8)
    parallel = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted, concurrency=8))
    assert parallel['_rc'] == 0 and len(parallel['applied']) == 8, parallel
    starts = sorted(e['time'] for e in sim.mutations(P))
    # eight delayed calls one after another would need 3.2 s; with concurrency 8 they start together
    assert starts[-1] - starts[0] < 0.5


def test_e_maxapi_from_the_rate_limit_during_a_bulk_change(sim, module):
    # 10 calls in 5 simulated minutes: 1 read + 30 creates meet E_MAXAPI and are retried
    # once the sped-up window frees; every change ends up applied exactly once.
    sim.seed(P, {'rate_limit': 10})
    sim.clear_log()
    sim.speed(600)
    wanted = [{'record': 'r%d' % n, 'type': 'A', 'value': '192.0.2.%d' % n} for n in range(1, 31)]
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted, concurrency=4))
    assert result['_rc'] == 0 and result['changed'] is True, result.get('msg')
    assert len(result['applied']) == 30 and not result.get('errors')
    limited = sim.state(P)['rate_limited']
    assert limited >= 1
    assert len(sim.mutations(P)) == 30 + limited
    assert sorted(r['content'] for r in records_state(sim)) == sorted(w['value'] for w in wanted)
    sim.speed(1)
    sim.advance(300)
    sim.clear_log()
    again = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted))
    assert again['changed'] is False and sim.mutations(P) == []


def test_mixed_failure_with_updates_and_creates_in_one_batch(sim, module):
    seed_records(sim, [{'type': 'A', 'name': 'u%d' % n, 'content': '192.0.2.%d' % n} for n in range(1, 5)])
    sim.fault(provider=P, action='rec_edit', nth=2, status=200,
              body={'result': 'error', 'msg': 'Invalid record id.'})
    wanted = [{'record': 'u%d' % n, 'type': 'A', 'value': '198.51.100.%d' % n} for n in range(1, 5)]
    wanted += [{'record': 'n1', 'type': 'A', 'value': '198.51.100.50'}]
    result = module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, records=wanted, concurrency=1))
    assert result['_rc'] == 1 and result['changed'] is True, result
    assert len(result['errors']) == 1 and 'Invalid record id.' in result['errors'][0]['error']
    assert len(result['applied']) == 3 and result['not_applied'] == ['create n1 A 198.51.100.50']
    assert '1 of 5 changes failed (3 applied, 1 not attempted)' in result['msg']
    stored = dict((r['name'], r['content']) for r in records_state(sim))
    failed_name = result['errors'][0]['change'].split()[1]
    assert stored['%s.example.com' % failed_name].startswith('192.0.2.')
    assert 'n1.example.com' not in stored
    assert sum(1 for v in stored.values() if v.startswith('198.51.100.')) == 3
