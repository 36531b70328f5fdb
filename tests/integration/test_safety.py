"""Safety thresholds on authoritative lists (module_utils/safety.py): under, at and over the limit,
the empty list, the per-task override, and check mode refusing exactly as the real run does,
before any write."""

import pytest

from tests.integration.test_dns_record_cloudflare import P, ZONE, a_records, seed_records


def listed(records):
    return [dict(record=r['name'], type='A', value=r['content']) for r in records]


def dns(sim, module, records, check=False, **extra):
    return module('cdn_dns_record', dict(sim.creds(P), zone=ZONE, prune=True, records=records, **extra), check=check)


def both(sim, module, records, **extra):
    """Check mode, then the real run, from the same state; both refused alike and nothing written."""
    check = dns(sim, module, records, check=True, **extra)
    real = dns(sim, module, records, **extra)
    assert check['_rc'] == real['_rc'] == 1, (check, real)
    assert check['msg'] == real['msg'] and real['changed'] is False
    assert sim.mutations(P) == []
    return real['msg']


def test_an_empty_record_list_with_prune_is_refused_unless_allowed(sim, module):
    # Observed: records=[] prune=true planned deleting all 53 records of the zone without a word.
    seed_records(sim, a_records(53))
    msg = both(sim, module, [])
    assert msg.startswith('option records: is empty with prune=true: this would delete all 53 records of zone '
                          'example.com; nothing was changed')
    assert 'safety.allow_empty=true' in msg
    result = dns(sim, module, [], safety=dict(allow_empty=True))
    assert result['_rc'] == 0 and result['changed'] is True and len(result['applied']) == 53


@pytest.mark.parametrize('keep, allowed', [(15, True), (14, True), (13, False)])
def test_deletes_under_at_and_over_the_threshold(sim, module, keep, allowed):
    seed_records(sim, a_records(20))
    records = listed(a_records(keep))
    if allowed:
        result = dns(sim, module, records)
        assert result['_rc'] == 0 and len(result['applied']) == 20 - keep, result
        return
    msg = both(sim, module, records)
    assert 'prune=true would delete 7 of 20 records of zone example.com (35%), more than ' \
           'safety.max_delete_percent allows (30% when there are 10 or more); nothing was changed' in msg
    assert 'safety.max_delete_percent: 36 (or more)' in msg
    result = dns(sim, module, records, safety=dict(max_delete_percent=36))
    assert result['_rc'] == 0 and len(result['applied']) == 7


def test_updates_over_the_threshold_are_refused(sim, module):
    seed_records(sim, a_records(20))
    records = listed(a_records(20))
    for rec in records[:7]:
        rec['value'] = '198.51.100.%d' % (records.index(rec) + 1)
    msg = both(sim, module, records)
    assert 'would update 7 of 20 records' in msg and 'safety.max_update_percent' in msg
    result = dns(sim, module, records, safety=dict(max_update_percent=100))
    assert result['_rc'] == 0 and len(result['applied']) == 7


def test_small_zones_are_only_guarded_against_emptying(sim, module):
    seed_records(sim, a_records(5))
    result = dns(sim, module, listed(a_records(1)))
    assert result['_rc'] == 0 and len(result['applied']) == 4
    assert dns(sim, module, [], check=True)['_rc'] == 1


def test_the_thresholds_are_checked_as_input(sim, module):
    result = dns(sim, module, [], safety=dict(max_delete_percent=150))
    assert result['_rc'] == 1 and result['msg'].startswith('option safety.max_delete_percent: 150 is out of range; allowed: 0 to 100')
    assert sim.log(P) == []


def test_access_rules_with_purge_rules_and_an_empty_list(sim, module):
    host = 'cdn.example.com'
    zone = module('cdn_zone', dict(sim.creds('ucdn'), hostname=host, origin='https://o.example.com', wait=False))
    assert zone['_rc'] == 0
    rules = [dict(type='country', action='deny', value='RU')]
    assert module('cdn_access_rule', dict(sim.creds('ucdn'), zone=host, rules=rules))['_rc'] == 0
    sim.clear_log()
    args = dict(sim.creds('ucdn'), zone=host, rules=[], purge_rules=True)
    check = module('cdn_access_rule', args, check=True)
    real = module('cdn_access_rule', args)
    for result in (check, real):
        assert result['_rc'] == 1 and result['msg'].startswith(
            'option rules: is empty with purge_rules=true: this would delete all 1 access rules of zone')
    assert check['msg'] == real['msg'] and sim.mutations('ucdn') == []
    # The explicit removal of every rule is not guarded.
    gone = module('cdn_access_rule', dict(sim.creds('ucdn'), zone=host, state='absent', purge_rules=True))
    assert gone['_rc'] == 0 and gone['changed'] is True


def test_zone_aliases_emptied_only_when_allowed(sim, module):
    args = dict(sim.creds('ucdn'), hostname='cdn.example.com', origin='https://o.example.com', wait=False)
    assert module('cdn_zone', dict(args, aliases=['a.example.com', 'b.example.com']))['_rc'] == 0
    sim.clear_log()
    check = module('cdn_zone', dict(args, aliases=[]), check=True)
    real = module('cdn_zone', dict(args, aliases=[]))
    for result in (check, real):
        assert result['_rc'] == 1
        assert result['msg'].startswith('option aliases: is empty: this would delete all 2 aliases of zone '
                                        'cdn.example.com')
    assert check['msg'] == real['msg'] and sim.mutations('ucdn') == []
    # One alias fewer is fine; so is an empty list when allowed.
    assert module('cdn_zone', dict(args, aliases=['a.example.com']))['changed'] is True
    result = module('cdn_zone', dict(args, aliases=[], safety=dict(allow_empty=True)))
    assert result['_rc'] == 0 and result['zone']['aliases'] == []


def test_an_origin_group_is_not_emptied_unless_allowed(sim, module):
    def origin(check=False, **args):
        return module('cdn_origin', dict(sim.creds('leaseweb'), **args), check=check)

    for name in ('a', 'b'):
        assert origin(name=name, endpoints=[{'host': '%s.example.com' % name}])['_rc'] == 0
    assert origin(name='pool', group=dict(members=[{'origin': 'a'}, {'origin': 'b'}]))['_rc'] == 0
    sim.clear_log()
    check = origin(check=True, name='pool', group=dict(members=[]))
    real = origin(name='pool', group=dict(members=[]))
    for result in (check, real):
        assert result['_rc'] == 1 and result['msg'].startswith(
            'option group.members: is empty: this would delete all 2 members of origin group pool'), result
    assert check['msg'] == real['msg'] and sim.mutations('leaseweb') == []
    result = origin(name='pool', group=dict(members=[]), safety=dict(allow_empty=True))
    assert result['_rc'] == 0 and result['origin']['group']['members'] == []
