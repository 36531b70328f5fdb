"""Pure tests of the DNS record core: normalisers, validation and the planner."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import dns, records as dns_records
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare as cf

CAPS = cf.CAPABILITIES.resource('dns_record')
ZONE = 'example.com'


def rec(record, rtype, value, ident=None, ttl=1, proxied=None, priority=None):
    if proxied is None and rtype in CAPS.proxiable:
        proxied = False
    return dict(id=ident, record=record, type=rtype, value=value, ttl=ttl, proxied=proxied, priority=priority)


@pytest.mark.parametrize('name, expected', [
    ('@', '@'), ('', '@'), ('example.com', '@'), ('Example.COM.', '@'), ('www', 'www'),
    ('WWW.example.com.', 'www'), ('a.b.example.com', 'a.b'), ('*.example.com', '*'), ('_sip._tcp', '_sip._tcp'),
])
def test_relative_name(name, expected):
    assert dns_records.relative_name(name, ZONE) == expected


def test_relative_name_rejects_names_outside_the_zone():
    with pytest.raises(ValueError):
        dns_records.relative_name('www.example.org.', ZONE)


@pytest.mark.parametrize('rtype, value, expected', [
    ('A', ' 192.0.2.1 ', '192.0.2.1'),
    ('AAAA', '2001:0DB8:0:0:0:0:0:1', '2001:db8::1'),
    ('AAAA', '::ffff:192.0.2.1', '::ffff:192.0.2.1'),
    ('CNAME', 'CDN.Example.net.', 'cdn.example.net'),
    ('MX', 'mail.example.com.', 'mail.example.com'),
    ('TXT', '"v=spf1 " "-all"', 'v=spf1 -all'),
    ('TXT', '"say \\"hi\\""', 'say "hi"'),
    ('TXT', 'plain "text"', 'plain "text"'),
    ('SPF', '"v=spf1 -all"', 'v=spf1 -all'),
    ('SRV', '5\t5060\tSIP.example.com.', '5 5060 sip.example.com'),
    ('LOC', '51 30 12.748 N   0 7 39.611 W 0.00m', '51 30 12.748 N 0 7 39.611 W 0.00m'),
])
def test_normalize_value(rtype, value, expected):
    assert dns_records.normalize_value(rtype, value) == expected


@pytest.mark.parametrize('rtype, value', [
    ('A', '192.0.2.256'), ('A', '2001:db8::1'), ('AAAA', '192.0.2.1'), ('AAAA', '2001:db8::g'),
    ('CNAME', 'bad host'), ('SRV', '5 5060'), ('SRV', '5 70000 x.example.com'), ('TXT', ''),
])
def test_normalize_value_rejects(rtype, value):
    with pytest.raises(ValueError):
        dns_records.normalize_value(rtype, value)


def test_current_record_from_api_strings():
    got = dns_records.current_record('16606009', 'www.example.com', 'a', '192.0.2.1', '3600', '1', None, ZONE, CAPS)
    assert got == dict(id='16606009', record='www', type='A', value='192.0.2.1', ttl=3600, proxied=True, priority=None)
    mx = dns_records.current_record(7, 'example.com', 'MX', 'Mail.example.com', '1', '0', '10', ZONE, CAPS)
    assert (mx['record'], mx['proxied'], mx['priority'], mx['value']) == ('@', None, 10, 'mail.example.com')


def test_desired_record_normalises_and_builds_srv():
    got = dns.desired_record(dict(record='@', type='SRV', service='sip', protocol='TCP', weight=5, port=5060,
                                  target='sip.example.com.', priority='10'), ZONE, CAPS)
    assert got == dict(record='_sip._tcp', type='SRV', value='5 5060 sip.example.com', ttl=None, proxied=None, priority=10)
    assert dns.desired_record(dict(record='w', type='A', value='192.0.2.1', ttl='120'), ZONE, CAPS)['ttl'] == 120


@pytest.mark.parametrize('spec, word', [
    (dict(record='a', type='A', value='192.0.2.1', ttl=5), 'ttl'),
    (dict(record='a', type='A', value='192.0.2.1', ttl=86401), 'ttl'),
    (dict(record='@', type='MX', value='mail.example.com'), 'priority'),
    (dict(record='a', type='A', value='192.0.2.1', priority=1), 'priority'),
    (dict(record='a', type='MX', value='m.example.com', priority=1, proxied=True), 'proxied'),
    (dict(record='a', type='A'), 'value'),
    (dict(record='a', type='PTR', value='x'), 'type'),
    (dict(record='sip', type='SRV', value='1 2 x.example.com', priority=1), 'SRV owner'),
    (dict(record='@', type='SRV', service='sip', protocol='sctp', weight=1, port=2, target='x', priority=1), 'protocol'),
    (dict(record='a', type='A', value='192.0.2.1', port=1), 'only valid for SRV'),
])
def test_desired_record_rejects(spec, word):
    with pytest.raises(CdnValidationError) as info:
        dns.desired_record(spec, ZONE, CAPS)
    assert word in str(info.value)


def test_records_list_rejects_cname_next_to_other_records_and_duplicates():
    with pytest.raises(CdnValidationError, match='CNAME'):
        dns.desired_records([dict(record='w', type='CNAME', value='x.example.net'),
                             dict(record='w', type='TXT', value='t')], ZONE, CAPS)
    with pytest.raises(CdnValidationError, match='repeats'):
        dns.desired_records([dict(record='w', type='A', value='192.0.2.1'),
                             dict(record='W.example.com.', type='A', value='192.0.2.1')], ZONE, CAPS)


def single(value, current, **kwargs):
    desired = dns.desired_record(dict(record='www', type='A', value=value), ZONE, CAPS)
    return dns.plan_single(desired, current, CAPS, **kwargs)


def summary(plan):
    return [(a['action'], a['value'], a.get('changes')) for a in plan.as_list()]


def test_plan_single_modes():
    current = [rec('www', 'A', '192.0.2.1', '1'), rec('www', 'A', '192.0.2.2', '2'), rec('mail', 'A', '192.0.2.9', '3')]
    assert single('192.0.2.1', current).items == []
    assert summary(single('192.0.2.5', current)) == [('update', '192.0.2.1', {'value': '192.0.2.5'})]
    assert summary(single('192.0.2.5', current, solo=True)) == [
        ('delete', '192.0.2.2', None), ('update', '192.0.2.1', {'value': '192.0.2.5'})]
    assert summary(single('192.0.2.1', current, solo=True)) == [('delete', '192.0.2.2', None)]
    kept = single('192.0.2.5', current, on_existing='keep')
    assert [a['action'] for a in kept.as_list()] == ['create'] and kept.warnings == []
    assert single('192.0.2.5', current, on_existing='keep_and_warn').warnings
    with pytest.raises(CdnValidationError, match='keep_and_fail'):
        single('192.0.2.5', current, on_existing='keep_and_fail')
    gone = dns.plan_single(dns.desired_record(dict(record='www', type='A'), ZONE, CAPS, state='absent'),
                           current, CAPS, state='absent')
    assert sorted(a['value'] for a in gone.as_list()) == ['192.0.2.1', '192.0.2.2']


def test_plan_single_cname_conflicts():
    current = [rec('www', 'A', '192.0.2.1', '1')]
    desired = dns.desired_record(dict(record='www', type='CNAME', value='cdn.example.net'), ZONE, CAPS)
    with pytest.raises(CdnValidationError, match='CNAME'):
        dns.plan_single(desired, current, CAPS)
    cname = [rec('www', 'CNAME', 'old.example.net', '1')]
    with pytest.raises(CdnValidationError, match='one CNAME'):
        dns.plan_single(desired, cname, CAPS, on_existing='keep')
    assert summary(dns.plan_single(desired, cname, CAPS)) == [('update', 'old.example.net', {'value': 'cdn.example.net'})]


def test_plan_single_compares_only_what_is_set():
    current = [rec('www', 'A', '192.0.2.1', '1', ttl=3600, proxied=True)]
    assert single('192.0.2.1', current).items == []
    desired = dns.desired_record(dict(record='www', type='A', value='192.0.2.1', ttl=1, proxied=False), ZONE, CAPS)
    assert summary(dns.plan_single(desired, current, CAPS)) == [('update', '192.0.2.1', {'ttl': 1, 'proxied': False})]


def test_plan_many_prune_scope_ignore_and_apex_ns():
    current = [rec('@', 'NS', 'ns1.example.net', '1'), rec('www', 'A', '192.0.2.1', '2'),
               rec('www', 'A', '192.0.2.2', '3'), rec('old', 'TXT', 'x', '4'), rec('a.legacy', 'A', '192.0.2.3', '5'),
               rec('_acme-challenge', 'TXT', 'token', '6')]
    groups, ignored = dns.desired_records([dict(record='www', type='A', value='192.0.2.2'),
                                           dict(record='www', type='A', value='192.0.2.7'),
                                           dict(record='_acme-challenge', ignore=True)], ZONE, CAPS)
    plan = dns.plan_many(groups, ignored, current, CAPS)
    assert summary(plan) == [('update', '192.0.2.1', {'value': '192.0.2.7'})]
    pruned = dns.plan_many(groups, ignored, current, CAPS, prune=True)
    assert sorted(a['record'] for a in pruned.as_list() if a['action'] == 'delete') == ['a.legacy', 'old']
    scoped = dns.plan_many(groups, ignored, current, CAPS, prune=True, prune_scope=['legacy'])
    assert [a['record'] for a in scoped.as_list() if a['action'] == 'delete'] == ['a.legacy']
    after = pruned.predict(current)
    assert sorted((r['record'], r['value']) for r in after) == [
        ('@', 'ns1.example.net'), ('_acme-challenge', 'token'), ('www', '192.0.2.2'), ('www', '192.0.2.7')]


def test_plan_order_and_apply_reports_everything():
    current = [rec('a', 'A', '192.0.2.1', '1'), rec('b', 'A', '192.0.2.2', '2')]
    groups, ignored = dns.desired_records([dict(record='a', type='A', value='192.0.2.9'),
                                           dict(record='c', type='A', value='192.0.2.3')], ZONE, CAPS)
    plan = dns.plan_many(groups, ignored, current, CAPS, prune=True)
    assert [a['action'] for a in plan.as_list()] == ['delete', 'update', 'create']
    from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError

    def fail(*args):
        raise CdnApiError('boom')
    outcome = dns.apply_plan(plan, current, create=lambda r: dict(r, id='9'), update=fail, delete=lambda c: None)
    assert outcome['applied'] == ['delete b A 192.0.2.2']
    assert outcome['failed'] == [dict(change='update a A 192.0.2.1 -> 192.0.2.9', error='boom')]
    assert outcome['skipped'] == ['create c A 192.0.2.3']
    assert [r['value'] for r in outcome['records']] == ['192.0.2.1']


def test_record_fields_for_the_api():
    srv = dns.desired_record(dict(record='_sip._tcp.www', type='SRV', value='5 5060 sip.example.com', priority=10), ZONE, CAPS)
    fields = cf.Adapter.record_fields(ZONE, dns.with_defaults(srv, CAPS))
    assert fields == dict(type='SRV', name='_sip._tcp.www.example.com', content='5 5060 sip.example.com', ttl='1',
                          prio='10', service='_sip', protocol='_tcp', srvname='www.example.com',
                          weight='5', port='5060', target='sip.example.com')
    a_rec = cf.Adapter.record_fields(ZONE, dns.with_defaults(dns.desired_record(
        dict(record='@', type='A', value='192.0.2.1', proxied=True), ZONE, CAPS), CAPS))
    assert a_rec == dict(type='A', name='example.com', content='192.0.2.1', ttl='1', service_mode='1')


def test_apex_cname_is_flattened_next_to_non_address_records():
    # CloudFlare flattens an apex CNAME: the apex keeps its MX, TXT and NS, but no A/AAAA beside it.
    current = [rec('@', 'MX', 'mx.example.net', '1', priority=10), rec('@', 'TXT', 'v=spf1 -all', '2'),
               rec('@', 'NS', 'ns1.example.net', '3')]
    desired = dns.desired_record(dict(record='example.com.', type='CNAME', value='a1.cdn13.com'), ZONE, CAPS)
    assert [a['action'] for a in dns.plan_single(desired, current, CAPS).as_list()] == ['create']
    with pytest.raises(CdnValidationError, match='flattened CNAME at the apex'):
        dns.plan_single(desired, current + [rec('@', 'A', '192.0.2.1', '4')], CAPS)
    dns.desired_records([dict(record='@', type='CNAME', value='a1.cdn13.com'),
                         dict(record='@', type='MX', value='mx.example.net', priority=10)], ZONE, CAPS)
    with pytest.raises(CdnValidationError, match='CNAME'):
        dns.desired_records([dict(record='@', type='CNAME', value='a1.cdn13.com'),
                             dict(record='@', type='AAAA', value='2001:db8::1')], ZONE, CAPS)
    # Below the apex, and for providers without flattening, a CNAME stays alone.
    with pytest.raises(CdnValidationError, match='can hold no other record'):
        dns.desired_records([dict(record='www', type='CNAME', value='a1.cdn13.com'),
                             dict(record='www', type='TXT', value='x')], ZONE, CAPS)
    plain = dns_records.RecordCaps(proxiable=('A',))
    with pytest.raises(CdnValidationError, match='can hold no other record'):
        dns.check_cname_exclusive([rec('@', 'CNAME', 'a1.cdn13.com'), rec('@', 'MX', 'mx.example.net')], 'records', plain)


def test_apex_cname_as_the_api_returns_it_compares_equal():
    # rec_load_all shows the apex as name == display_name == the zone name (CF-DOC example).
    obj = {'rec_id': '16606000', 'zone_name': 'example.com', 'name': 'example.com', 'display_name': 'example.com',
           'type': 'CNAME', 'prio': None, 'content': 'A1.cdn13.com', 'display_content': 'A1.cdn13.com', 'ttl': '1',
           'service_mode': '1'}
    have = cf.Adapter(None).record_from_api(obj, ZONE)
    assert (have['record'], have['type'], have['value'], have['ttl'], have['proxied']) == ('@', 'CNAME', 'a1.cdn13.com', 1, True)
    for spelling in ('@', 'example.com', 'EXAMPLE.com.'):
        want = dns.desired_record(dict(record=spelling, type='CNAME', value='a1.cdn13.com.', proxied=True), ZONE, CAPS)
        assert dns.plan_single(want, [have], CAPS).items == []


def test_bad_concurrency_is_refused_before_the_zone_is_read():
    def reader():
        raise AssertionError('read the zone')
    with pytest.raises(CdnValidationError, match='concurrency'):
        dns.build_plan(dict(record='www', type='A', value='192.0.2.1', concurrency=50), ZONE, CAPS, reader)


def test_apply_plan_respects_concurrency():
    import threading
    import time
    live, peak, lock = [0], [0], threading.Lock()

    def create(rec):
        with lock:
            live[0] += 1
            peak[0] = max(peak[0], live[0])
        time.sleep(0.02)
        with lock:
            live[0] -= 1
        return dict(rec, id='x')
    groups, ignored = dns.desired_records([dict(record='h%d' % n, type='A', value='192.0.2.%d' % n) for n in range(1, 13)],
                                          ZONE, CAPS)
    plan = dns.plan_many(groups, ignored, [], CAPS)
    for limit in (1, 3):
        peak[0] = 0
        outcome = dns.apply_plan(plan, [], create=create, update=None, delete=None, concurrency=limit)
        assert len(outcome['applied']) == 12 and peak[0] <= limit
    assert peak[0] >= 2
