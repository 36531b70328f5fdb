"""Pure logic of the drift report filters (plugins/filter/drift_report.py): results of the state modules (single,
loop, skipped, failed, without a plan) into report rows, secrets masked again whatever the module did, and the
Markdown and HTML renderings (escaping, shortening)."""

import json

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.edgeops.cdn.plugins.filter.drift_report import (
    drift_report,
    drift_report_html,
    drift_report_markdown,
)

MASK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'


def zone_update(ident='7', before=None, changes=None, after=None):
    """What cdn_zone returns in check mode with diff for an update."""
    before = before if before is not None else {'hostname': 'a.example.com', 'cache_ttl': 0, 'settings': {'gzip': False}}
    changes = changes if changes is not None else {'cache_ttl': 600, 'settings': {'gzip': True}}
    return dict(changed=True, plan=[dict(action='update', resource='zone', id=ident, changes=changes)],
                diff=dict(before=before, after=after or before), plan_checksum='x')


def entry(result, zone='a.example.com', provider='ucdn', task='cdn_zone'):
    return dict(zone=zone, provider=provider, task=task, result=result)


def test_an_update_gives_each_option_path_with_its_value_before_and_after():
    report = drift_report([entry(zone_update())])
    [zone] = report['zones']
    assert zone['drift'] is True and zone['errors'] == []
    assert zone['changes'] == [dict(task='cdn_zone', resource='zone', action='update', id='7',
                                    options=['cache_ttl', 'settings.gzip'],
                                    before={'cache_ttl': 0, 'settings.gzip': False},
                                    after={'cache_ttl': 600, 'settings.gzip': True})]
    assert report['summary'] == dict(zones=1, zones_with_drift=1, changes=1, errors=0)
    assert report['drift'] is True and report['check_mode'] is True
    json.dumps(report)  # JSON-safe


def test_loop_results_skipped_unchanged_and_failed_items():
    result = dict(changed=True, results=[
        zone_update('1'),
        dict(changed=False, plan=[], diff={}),
        dict(skipped=True, changed=False),
        dict(failed=True, changed=False, msg='option cache_ttl: -5 is not allowed; allowed: 0 or more'),
    ])
    [zone] = drift_report([entry(result)])['zones']
    assert [c['id'] for c in zone['changes']] == ['1']
    assert zone['errors'] == [dict(task='cdn_zone', msg='option cache_ttl: -5 is not allowed; allowed: 0 or more')]


def test_a_skipped_task_and_a_failed_task_are_not_drift():
    report = drift_report([entry(dict(skipped=True, changed=False), zone='s.example.com'),
                           entry(dict(failed=True, changed=True, msg='UCDN answered 500\n' + PEM), zone='f.example.com')])
    zones = dict((z['zone'], z) for z in report['zones'])
    assert report['drift'] is False and report['summary'] == dict(zones=2, zones_with_drift=0, changes=0, errors=1)
    assert zones['s.example.com'] == dict(zone='s.example.com', provider='ucdn', drift=False, changes=[], errors=[])
    # a failure is listed with its message, PEM text left out of it
    assert zones['f.example.com']['errors'] == [dict(task='cdn_zone', msg='UCDN answered 500\n(PEM omitted)\n')]


def test_create_and_delete_actions_and_a_dns_record_update():
    created = dict(changed=True, plan=[dict(action='create', resource='origin', id=None, changes={'url': 'https://o'})],
                   diff=dict(before={}, after={'url': 'https://o'}))
    deleted = dict(changed=True, plan=[dict(action='delete', resource='zone', id='9', changes={})],
                   diff=dict(before={'hostname': 'd.example.com'}, after={}))
    dns = dict(changed=True, plan=[dict(action='update', record='www', type='CNAME', value='a.cdn.net', id='r1',
                                        changes={'ttl': 300})],
               diff=dict(before={'records': [{'record': 'www', 'type': 'CNAME', 'value': 'a.cdn.net', 'ttl': 3600},
                                             {'record': 'img', 'type': 'CNAME', 'value': 'a.cdn.net', 'ttl': 60}]},
                         after={'records': []}))
    [zone] = drift_report([entry(created, task='cdn_origin'), entry(deleted), entry(dns, task='cdn_dns_record')])['zones']
    create, delete, update = zone['changes']
    assert (create['action'], create['before'], create['after']) == ('create', {'url': None}, {'url': 'https://o'})
    assert (delete['resource'], delete['action'], delete['id'], delete['options']) == ('zone', 'delete', '9', [])
    assert update['resource'] == 'dns_record www CNAME'
    assert (update['before'], update['after']) == ({'ttl': 3600}, {'ttl': 300})


def test_a_changed_result_without_a_plan_is_read_from_its_diff():
    result = dict(changed=True, diff=dict(before={'a': 1, 'b': {'c': 2}}, after={'a': 1, 'b': {'c': 3}}))
    [change] = drift_report([entry(result)])['zones'][0]['changes']
    assert (change['options'], change['before'], change['after']) == (['b.c'], {'b.c': 2}, {'b.c': 3})


def test_secrets_are_masked_again_whatever_the_module_returned():
    leaky = zone_update(before={'settings': {'hash_secret': None}, 'tls': {'private_key': PEM}},
                        changes={'settings': {'hash_secret': 'plain-hash-secret', 'Password': 'pw-1234'},
                                 'certificate': PEM, 'auth': {'token': 'tok-9876'}})
    report = drift_report([entry(leaky)])
    text = json.dumps(report) + drift_report_markdown(report) + drift_report_html(report)
    for secret in ('plain-hash-secret', 'pw-1234', 'tok-9876', 'BEGIN PRIVATE KEY', 'MIIEvQIBADAN'):
        assert secret not in text
    [change] = report['zones'][0]['changes']
    assert change['after'] == {'settings.hash_secret': MASK, 'settings.Password': MASK, 'certificate': '(PEM omitted)',
                               'auth.token': MASK}
    assert change['before']['settings.hash_secret'] is None   # an unset secret stays visibly unset


def test_zones_are_merged_across_tasks_and_sorted_by_provider_then_zone():
    report = drift_report([entry(zone_update(), zone='b.example.com', provider='ucdn'),
                           entry(zone_update(), zone='b.example.com', provider='ucdn', task='cdn_origin'),
                           entry(dict(changed=False), zone='a.example.com', provider='ucdn'),
                           entry(dict(changed=False), zone='z.example.com', provider='cloudflare')])
    assert [(z['provider'], z['zone']) for z in report['zones']] == [
        ('cloudflare', 'z.example.com'), ('ucdn', 'a.example.com'), ('ucdn', 'b.example.com')]
    assert [c['task'] for c in report['zones'][2]['changes']] == ['cdn_zone', 'cdn_origin']
    assert report['summary'] == dict(zones=3, zones_with_drift=1, changes=2, errors=0)


def test_the_provider_comes_from_the_invocation_when_the_entry_has_none():
    result = dict(changed=False, invocation={'module_args': {'provider': 'leaseweb'}})
    assert drift_report([dict(zone='l.example.com', task='cdn_zone', result=result)])['zones'][0]['provider'] == 'leaseweb'


@pytest.mark.parametrize('entries, problem', [
    ({'zone': 'a'}, 'expects a list of entries'),
    (['a.example.com'], 'entry 0 must be a dict with zone'),
    ([{'provider': 'ucdn'}], 'entry 0 must be a dict with zone'),
])
def test_wrong_input_fails_naming_what_is_expected(entries, problem):
    with pytest.raises(AnsibleFilterError, match=problem):
        drift_report(entries)


def test_markdown_is_plain_text_with_long_values_shortened():
    long_list = ['alias%02d.example.com' % n for n in range(20)]
    result = zone_update(before={'aliases': []}, changes={'aliases': long_list})
    report = drift_report([entry(result), entry(dict(changed=False), zone='q.example.com')], check_mode=False)
    text = drift_report_markdown(report)
    assert 'Drift in 1 of 2 zones (1 change).' in text and 'a real run (the changes were applied)' in text
    assert '## a.example.com (ucdn)\n\n- zone 7: update (cdn_zone)\n  - `aliases`: `[]` -> `["alias00.example.com",' in text
    line = [row for row in text.splitlines() if row.startswith('  - `aliases`')][0]
    assert line.endswith('...`') and 'alias19' not in line
    assert '## Zones without drift\n\nq.example.com (ucdn)' in text


def test_html_escapes_every_value_and_needs_nothing_external():
    hostile = '<img src=x onerror=alert(1)>.example.com'
    result = zone_update(changes={'origin': '"><script>alert(1)</script>'})
    report = drift_report([entry(result, zone=hostile),
                           entry(dict(failed=True, msg='<b>bad</b>'), zone='e.example.com')])
    page = drift_report_html(report, title='Fleet <drift>')
    assert '<script' not in page and '<img' not in page and '<b>bad' not in page
    assert '&lt;img src=x onerror=alert(1)&gt;.example.com' in page and '&lt;b&gt;bad&lt;/b&gt;' in page
    assert '<h1>Fleet &lt;drift&gt;</h1>' in page
    assert 'src=' not in page.replace('&lt;img src=x', '') and 'url(' not in page
    assert '<ul class="errors"><li>cdn_zone: &lt;b&gt;bad&lt;/b&gt;</li></ul>' in page


def test_renderers_refuse_what_is_not_a_report():
    with pytest.raises(AnsibleFilterError, match='expects the report edgeops.cdn.drift_report returns'):
        drift_report_markdown([{'zone': 'a'}])
    with pytest.raises(AnsibleFilterError, match='expects the report edgeops.cdn.drift_report returns'):
        drift_report_html({'zones': []})
