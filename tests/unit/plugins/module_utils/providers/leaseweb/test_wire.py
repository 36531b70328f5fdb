"""Leaseweb CDN v2, pure translation (providers/leaseweb/wire.py): the envelope, payload builders,
canonical forms, and the date, unit, ACL, debug and action conversions."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import wire


UTC = datetime.timezone.utc


def at(*args, **kwargs):
    return datetime.datetime(*args, tzinfo=kwargs.get('tz', UTC))


@pytest.mark.parametrize('moment, text', [
    (at(2024, 7, 14, 13, 40), '2024-07-14T13:40:00'),                       # the example of "Query statistics for customer"
    (at(2024, 7, 14), '2024-07-14T00:00:00'),                               # midnight
    (at(2024, 7, 14, 23, 59, 59, 999999), '2024-07-14T23:59:59'),           # fractions dropped, no rounding up
    (at(2024, 7, 15, 1, 30, tz=datetime.timezone(datetime.timedelta(hours=2))), '2024-07-14T23:30:00'),
    (at(2024, 12, 31, 22, 0, tz=datetime.timezone(datetime.timedelta(hours=-3))), '2025-01-01T01:00:00'),
    (datetime.datetime(2024, 2, 29, 12, 0), '2024-02-29T12:00:00'),         # naive means UTC
])
def test_lsw_datetime_is_utc_without_zone(moment, text):
    assert wire.lsw_datetime(moment) == text


@pytest.mark.parametrize('text, iso', [
    ('2024-07-13T14:45:00Z', '2024-07-13T14:45:00Z'),
    ('2024-07-13T14:45:00', '2024-07-13T14:45:00Z'),
    ('2024-07-13T14:45', '2024-07-13T14:45:00Z'),
    ('2024-07-13T14:45:00.123Z', '2024-07-13T14:45:00Z'),
    ('2024-07-14T01:15:00+02:00', '2024-07-13T23:15:00Z'),
    ('2024-07-13T23:15:00-0130', '2024-07-14T00:45:00Z'),
    ('2024-07-13 00:00:00', '2024-07-13T00:00:00Z'),
    ('not a time', 'not a time'),
    (None, None),
])
def test_iso_from_lsw(text, iso):
    assert wire.iso_from_lsw(text) == iso


def test_round_trip_of_query_dates():
    start = at(2024, 8, 20, 9, 28, 38)
    assert wire.iso_from_lsw(wire.lsw_datetime(start)) == '2024-08-20T09:28:38Z'


def query(**extra):
    base = dict(start=at(2024, 7, 13, 14, 45), end=at(2024, 7, 13, 14, 55), zone=None,
                granularity='5MIN', metric='DATATRANSFER', report='customer')
    base.update(extra)
    return base


def test_reports_and_params():
    assert wire.STATS_REPORTS[0] == 'customer'
    assert wire.split_report('customer') == ('customer', None)
    assert wire.split_report('reseller_by_region') == ('reseller', 'REGION')
    assert wire.stats_params(query()) == {'fromDt': '2024-07-13T14:45:00', 'toDt': '2024-07-13T14:55:00',
                                          'metric': 'DATATRANSFER', 'granularity': '5MIN'}
    # the total endpoints take no granularity; a zone is a distributionId filter
    assert wire.stats_params(query(zone={'id': 'di-1'}, granularity='DAY'), total=True, group_by='PROVIDER') == {
        'fromDt': '2024-07-13T14:45:00', 'toDt': '2024-07-13T14:55:00', 'metric': 'DATATRANSFER',
        'distributionId': 'di-1', 'groupBy': 'PROVIDER'}
    # every report names a scope and a documented groupBy
    for report in wire.STATS_REPORTS:
        scope, group = wire.split_report(report)
        assert scope in ('customer', 'reseller') and group in (None, 'PROVIDER', 'DISTRIBUTION', 'CUSTOMER', 'REGION')


SERIES_SAMPLE = {  # the reseller series sample of the document
    'fromTs': '2024-07-13T14:45:00', 'toTs': '2024-07-13T14:55:00', 'service': 'cdn', 'granularity': '5MIN',
    'groupBy': None, 'distributionId': None,
    'series': [{'all': [{'2024-07-13T14:45:00Z': 38091909.25333333}, {'2024-07-13T14:50:00Z': 68605244.58666667},
                        {'2024-07-13T14:55:00Z': 116197768.13333331}]}]}


REGION_SAMPLE = {  # the customer sample of the document: one dict holding every group
    'groupBy': 'REGION',
    'series': [{'eu': [{'2024-08-20T09:35:00Z': 2.0}, {'2024-08-20T09:30:00Z': 1.0}],
                'apac': [{'2024-08-20T09:30:00Z': 3.0}]}]}


TOTAL_SAMPLE = {  # the totals sample of the document: one dict per group
    'groupBy': 'PROVIDER',
    'series': [{'edgio': [{'total': 237047731.04000002}]}, {'gcore': [{'total': 29610955.653333336}]}]}


def test_series_points_ungrouped():
    points = wire.stats_series(SERIES_SAMPLE, 'DATATRANSFER')
    assert points == [{'timestamp': '2024-07-13T14:45:00Z', 'bytes': 38091909.25333333},
                      {'timestamp': '2024-07-13T14:50:00Z', 'bytes': 68605244.58666667},
                      {'timestamp': '2024-07-13T14:55:00Z', 'bytes': 116197768.13333331}]


def test_series_points_grouped_are_labelled_and_sorted():
    points = wire.stats_series(REGION_SAMPLE, 'REQUESTS', 'REGION')
    assert points == [{'timestamp': '2024-08-20T09:30:00Z', 'requests': 3.0, 'location': 'apac'},
                      {'timestamp': '2024-08-20T09:30:00Z', 'requests': 1.0, 'location': 'eu'},
                      {'timestamp': '2024-08-20T09:35:00Z', 'requests': 2.0, 'location': 'eu'}]


@pytest.mark.parametrize('metric, key, value', [
    ('BANDWIDTH', 'bandwidth_mbps', 2.5), ('95TH', 'bandwidth_mbps', 2.5),
    ('STATUS_4XX', 'status_4xx_percent', 2500000.0), ('CACHEHIT', 'cache_hit_ratio', 2500000.0),
])
def test_metric_keys_and_units(metric, key, value):
    body = {'series': [{'all': [{'2024-07-13T14:45:00Z': 2500000.0}]}]}
    assert wire.stats_series(body, metric) == [{'timestamp': '2024-07-13T14:45:00Z', key: value}]


def test_totals_ungrouped_grouped_and_liberal():
    assert wire.stats_totals({'series': [{'all': [{'total': 5.5}]}]}, 'DATATRANSFER') == {'bytes': 5.5}
    assert wire.stats_totals(TOTAL_SAMPLE, 'BANDWIDTH', 'PROVIDER') == [
        {'provider': 'edgio', 'bandwidth_mbps': pytest.approx(237.04773104)},
        {'provider': 'gcore', 'bandwidth_mbps': pytest.approx(29.610955653333)}]
    assert wire.stats_totals({'series': [{'all': [{'total': '7'}]}]}, 'REQUESTS') == {'requests': 7.0}
    assert wire.stats_totals({}, 'REQUESTS') == {'requests': None}
    assert wire.stats_series({'series': 'junk'}, 'REQUESTS') == []


def test_acl_payload_and_canonical_acl():
    assert wire.acl_payload({'type': 'ip', 'action': 'deny', 'value': '1.1.1.5'}) == {
        'action': 'REJECT', 'value': '1.1.1.5/32', 'type': 'IP_ACL'}
    assert wire.acl_payload({'type': 'ip', 'action': 'allow', 'value': '2001:db8::/32'})['value'] == '2001:db8::/32'
    assert wire.acl_payload({'type': 'country', 'action': 'allow', 'value': 'DE'}) == {
        'action': 'ALLOW', 'value': 'DE', 'type': 'GEO_ACL'}
    sample_acl = {'action': 'REJECT', 'value': '1.1.1.5/32', 'type': 'IP_ACL', 'id': 'iacl-2', 'policyId': 'po-wk0ksi0x'}
    assert wire.canonical_acl(sample_acl, normalize_rule_value) == {'type': 'ip', 'action': 'deny', 'value': '1.1.1.5',
                                                                    'id': 'iacl-2'}
    assert wire.canonical_acl({'type': 'REFERRER_ACL', 'value': '*.Example.COM', 'id': 'racl-0'}, normalize_rule_value)[
        'action'] == 'deny'
    assert wire.canonical_acl({'type': 'SOMETHING_ELSE', 'value': 'x'}, normalize_rule_value) is None


def test_switches_follow_the_final_rules():
    rules = [{'type': 'ip', 'action': 'deny', 'value': '1.1.1.5'}, {'type': 'country', 'action': 'allow', 'value': 'DE'}]
    assert wire.acl_switches(rules) == {
        'securityIpAcl': True, 'securityIpAclDefault': 'ALLOW', 'securityGeoAcl': True,
        'securityGeoAclDefault': 'REJECT', 'securityReferrerAcl': False, 'securityReferrerAclDefault': None}
    sample_policy = {'securityGeoAcl': False, 'securityGeoAclDefault': None, 'securityIpAcl': True,
                     'securityIpAclDefault': None, 'securityReferrerAcl': False, 'securityReferrerAclDefault': None}
    assert wire.switch_changes(sample_policy, rules) == {'securityIpAclDefault': 'ALLOW', 'securityGeoAcl': True,
                                                         'securityGeoAclDefault': 'REJECT'}
    assert wire.switch_changes(sample_policy, []) == {'securityIpAcl': False}
    assert wire.switch_changes(dict(sample_policy, securityIpAcl=False), []) == {}


def test_canonical_debug_and_action():
    body = {'success': True, 'providerResponses': [{'providerType': 'gcore', 'success': True, 'ip': '93.123.17.254',
                                                    'statusCode': 301, 'message': None, 'headers': [
                                                        {'name': 'Connection', 'value': 'keep-alive'},
                                                        {'name': 'set-cookie', 'value': 'a=1'},
                                                        {'name': 'set-cookie', 'value': 'b=2'}]}]}
    debug = wire.canonical_debug(body)
    assert debug['success'] is True and debug['raw'] is body
    assert debug['providers'] == [{'type': 'gcore', 'success': True, 'ip': '93.123.17.254', 'status_code': 301,
                                   'message': None, 'headers': {'connection': 'keep-alive', 'set-cookie': 'a=1, b=2'}}]
    action = wire.canonical_action({'type': 'INVALIDATION', 'status': 'PENDING', 'id': '50ea5204-4827-41d2-a940-cb5afdfb2426',
                                    'customerId': '215468472', 'created': '2019-08-24T14:15:22Z', 'updated': ''})
    assert action['created'] == '2019-08-24T14:15:22Z' and action['updated'] is None and action['resource'] is None


def test_envelope_round_trip_keeps_order_and_values():
    body = wire.encode_envelope('DISTRIBUTION_VOLUME', [('description', 'x'), ('enabled', True), ('certificateId', None)])
    assert body == {'resourceType': 'DISTRIBUTION_VOLUME', 'data': [
        {'key': 'description', 'value': 'x'}, {'key': 'enabled', 'value': True}, {'key': 'certificateId', 'value': None}]}
    assert wire.decode_envelope(body) == ('DISTRIBUTION_VOLUME', {'description': 'x', 'enabled': True, 'certificateId': None})


def test_decode_is_liberal():
    assert wire.decode_envelope(None) == (None, {})
    assert wire.decode_envelope({'resourceType': 'SIMPLE_ORIGIN', 'data': {'host': 'h'}}) == ('SIMPLE_ORIGIN', {'host': 'h'})
    assert wire.decode_envelope({'id': 'di-1', 'tls': True}) == (None, {'id': 'di-1', 'tls': True})
    assert wire.decode_envelope({'data': [{'key': 'a'}, 'junk']}) == (None, {'a': None})


def test_create_distribution_payload_has_documented_defaults_and_set_values():
    body = wire.create_distribution_payload(dict(hostname='cdn.example.com', tls=True, certificate_id='ce-1',
                                                 settings={'ipv6': True}))
    kind, values = wire.decode_envelope(body)
    assert kind == 'DISTRIBUTION_VOLUME'
    assert values == {'description': 'cdn.example.com', 'enabled': True, 'tls': True, 'certificateId': 'ce-1', 'ipv6': True}
    assert [d['key'] for d in body['data']][:3] == ['description', 'enabled', 'tls']


def test_distribution_values_only_what_is_set():
    assert wire.distribution_values({'tls': False, 'cache_ttl': 5, 'settings': {'logging': True, 'cacheStale': True}}) == {
        'tls': False, 'logging': True}
    assert wire.distribution_values({'enabled': None}) == {}


def test_policy_values_only_what_is_set():
    changes = {'cache_ttl': 60, 'compress': False, 'tls': True,
               'settings': {'deliveryForceHttps': True, 'ipv6': True, 'allowedMethods': None}}
    assert wire.policy_values(changes) == {'cacheDefaultTtl': 60, 'deliveryCompress': False, 'deliveryForceHttps': True}
    assert wire.policy_values({'origin_host_header': 'o.example.com'}) == {'originPullHostHeader': 'o.example.com'}


def test_policy_values_security_token_secrets_come_from_secrets():
    settings = {'securityToken': True, 'securityTokenSecret': wire.REDACTED, 'securityTokenAesKey': '',
                'securityTokenParam': '', 'originPullShieldId': 'sh-1', 'securityTokenNumberOfPathComponents': -1}
    assert wire.policy_values({'settings': settings}, {'securityTokenSecret': 'tok', 'securityTokenAesKey': ''}) == {
        'securityToken': True, 'securityTokenSecret': 'tok', 'securityTokenAesKey': None, 'securityTokenParam': None,
        'originPullShieldId': 'sh-1', 'securityTokenNumberOfPathComponents': -1}


@pytest.mark.parametrize('stored, secrets, shown', [
    (None, None, 'absent'),
    (None, {'securityTokenSecret': ''}, ''),
    ('tok', None, wire.REDACTED),
    ('tok', {'securityTokenSecret': 'tok'}, wire.REDACTED),
    ('tok', {'securityTokenSecret': 'new'}, wire.SECRET_DIFFERS),
    ('tok', {'securityTokenSecret': ''}, wire.SECRET_DIFFERS),
])
def test_canonical_zone_secret_settings(stored, secrets, shown):
    policy = {'id': 'po-1', 'securityToken': stored is not None, 'securityTokenSecret': stored}
    zone = wire.canonical_zone(dist(), [{'domain': 'cdn.example.com'}], policy, secrets=secrets)
    assert zone['settings'].get('securityTokenSecret', 'absent') == shown
    assert 'tok' not in repr(zone['settings']) and "'tok'" not in repr(zone['raw'])


def test_origin_payload_simple_and_advanced():
    body, protocol = wire.origin_payload('https://o.example.com', 'edgeops.cdn x')
    assert protocol == 'HTTPS'
    assert wire.decode_envelope(body) == ('SIMPLE_ORIGIN', {'host': 'o.example.com', 'description': 'edgeops.cdn x', 'enabled': True})
    body, protocol = wire.origin_payload('http://o.example.com:8080/static', 'd')
    kind, values = wire.decode_envelope(body)
    assert (kind, protocol) == ('ADVANCED_ORIGIN', 'HTTP')
    assert (values['path'], values['httpPort'], values['httpsPort']) == ('/static', 8080, 443)


@pytest.mark.parametrize('url', ['https://o.example.com', 'http://o.example.com:8080/static', 'https://o.example.com/x'])
def test_origin_url_inverts_origin_payload(url):
    body, protocol = wire.origin_payload(url, 'd')
    assert wire.origin_url(body, protocol) == url


def test_origin_url_hides_default_ports_and_handles_missing_host():
    advanced = wire.encode_envelope('ADVANCED_ORIGIN', {'host': 'H.example.com', 'path': '/', 'httpPort': 80, 'httpsPort': 8443})
    assert wire.origin_url(advanced, 'HTTP') == 'http://h.example.com'
    assert wire.origin_url(advanced, 'HTTPS') == 'https://h.example.com:8443'
    assert wire.origin_url(wire.encode_envelope('SIMPLE_ORIGIN', {}), 'HTTP') is None


def test_latest_actions_per_distribution():
    actions = [
        {'type': 'CREATE_DIST', 'resource': {'distribution_id': 'di-a'}, 'status': 'FINISHED', 'created': '2024-01-01T00:00:00Z'},
        {'type': 'INVALIDATION', 'resource': {'invalidation_id': 'in-1'}, 'status': 'PENDING', 'created': '2024-01-03T00:00:00Z'},
        {'type': 'UPDATE_DIST', 'resource': {'distributionId': 'di-a'}, 'status': 'PENDING', 'created': '2024-01-02T00:00:00Z'},
        {'type': 'CREATE_DIST', 'resource': {'distribution_id': 'di-b'}, 'status': 'IN_PROGRESS', 'created': '2024-01-02T00:00:00Z'},
        {'type': 'DELETE_DIST', 'resource': {'distribution_id': 'di-b'}, 'status': 'PENDING', 'created': '2024-01-04T00:00:00Z'},
    ]
    latest = wire.latest_actions(actions)
    assert latest['di-a']['status'] == 'PENDING' and latest['di-b']['status'] == 'IN_PROGRESS'
    assert wire.latest_actions(actions, ('DELETE_DIST',))['di-b']['type'] == 'DELETE_DIST'


def dist(**values):
    base = dict(description='d', enabled=True, ipv6=False, tls=False, tlsType=None, certificateId=None, logging=False,
                id='di-1', customerId='cu-1', created='2024-01-01T00:00:00', updated=None, cname='di-1.lswcdn.net')
    base.update(values)
    return wire.encode_envelope('DISTRIBUTION_VOLUME', base)


def test_canonical_zone_maps_every_part():
    domains = [{'domain': 'cdn.example.com', 'id': 'cdn.example.com'}, {'domain': 'b.example.com', 'id': 'b.example.com'},
               {'domain': 'a.example.com', 'id': 'a.example.com'}]
    policy = {'id': 'po-1', 'originPullId': 'or-1', 'originPullProtocol': 'HTTPS', 'originPullHostHeader': 'O.example.com',
              'cacheDefaultTtl': 86400, 'deliveryCompress': True, 'deliveryForceHttps': False,
              'securityTokenSecret': 's3cret', 'securityTokenAesKey': None}
    origin = wire.encode_envelope('SIMPLE_ORIGIN', {'id': 'or-1', 'host': 'o.example.com'})
    action = {'id': 'u-1', 'type': 'CREATE_DIST', 'status': 'IN_PROGRESS'}
    zone = wire.canonical_zone(dist(tls=True, certificateId='ce-1'), domains, policy, origin, action)
    assert zone['id'] == 'di-1' and zone['cdn_domain'] == 'di-1.lswcdn.net'
    assert zone['hostname'] == 'cdn.example.com' and zone['aliases'] == ['a.example.com', 'b.example.com']
    assert zone['origin'] == 'https://o.example.com' and zone['origin_host_header'] == 'o.example.com'
    assert (zone['tls'], zone['certificate_id'], zone['enabled']) == (True, 'ce-1', True)
    assert (zone['cache_ttl'], zone['compress']) == (86400, True)
    assert zone['settings']['deliveryForceHttps'] is False and zone['settings']['ipv6'] is False
    assert zone['settings']['description'] == 'd'
    # secrets are shown only when the policy has them, masked
    assert set(zone['settings']) == set(wire.ZONE_SETTINGS) - set(['securityTokenAesKey', 'securityTokenShaKey'])
    assert zone['settings']['securityTokenSecret'] == wire.REDACTED
    assert zone['settings']['originPullShieldId'] == '' and zone['settings']['securityTokenMethod'] == ''
    assert (zone['status'], zone['action_id'], zone['policy_id'], zone['origin_id']) == ('IN_PROGRESS', 'u-1', 'po-1', 'or-1')
    assert zone['raw']['policy']['securityTokenSecret'] == wire.REDACTED
    assert zone['raw']['policy']['securityTokenAesKey'] is None


def test_canonical_zone_identity_is_the_domain_asked_for():
    domains = [{'domain': 'cdn.example.com'}, {'domain': 'www.example.com'}]
    zone = wire.canonical_zone(dist(), domains, hostname='WWW.example.com.')
    assert zone['hostname'] == 'www.example.com' and zone['aliases'] == ['cdn.example.com']
    assert zone['status'] == 'FINISHED' and zone['origin'] is None and zone['cache_ttl'] is None


def test_create_origin_payload_simple_unless_a_path_or_port_needs_advanced():
    simple = wire.create_origin_payload(dict(name='a', endpoints=[{'host': 'a.example.com', 'port': None}],
                                             path='/', http_port=80))
    assert simple == {'resourceType': 'SIMPLE_ORIGIN', 'data': [
        {'key': 'host', 'value': 'a.example.com'}, {'key': 'description', 'value': 'a'}, {'key': 'enabled', 'value': True}]}
    advanced = wire.create_origin_payload(dict(name='a', endpoints=[{'host': 'a.example.com'}], enabled=False,
                                               https_port=8443))
    assert advanced['resourceType'] == 'ADVANCED_ORIGIN'
    assert wire.decode_envelope(advanced)[1] == {'host': 'a.example.com', 'description': 'a', 'enabled': False,
                                                 'path': '/', 'httpPort': 80, 'httpsPort': 8443}
    assert [d['key'] for d in advanced['data']] == ['host', 'description', 'enabled', 'path', 'httpPort', 'httpsPort']


def test_origin_values_sends_only_what_is_set_and_advanced_keys_only_on_advanced():
    assert wire.origin_values({'enabled': False, 'path': '/x'}, advanced=False) == [('enabled', False)]
    assert wire.origin_values({'path': '/x', 'https_port': 1}, advanced=True) == [('path', '/x'), ('httpsPort', 1)]
    assert wire.needs_advanced({'path': '/', 'http_port': 80, 'https_port': 443}) is False
    assert wire.needs_advanced({'path': '/x'}) is True


def test_canonical_origin_reports_simple_as_its_effective_path_and_ports():
    simple = wire.canonical_origin(wire.encode_envelope('SIMPLE_ORIGIN', [
        ('id', 'or-1'), ('host', 'A.example.com'), ('description', 'a'), ('enabled', True)]))
    assert simple['endpoints'] == [{'host': 'a.example.com', 'port': None}]
    assert (simple['name'], simple['kind'], simple['type']) == ('a', 'origin', 'SIMPLE_ORIGIN')
    assert (simple['path'], simple['http_port'], simple['https_port']) == ('/', 80, 443)
    advanced = wire.canonical_origin(wire.encode_envelope('ADVANCED_ORIGIN', [
        ('id', 'or-2'), ('host', 'b.example.com'), ('path', 'test'), ('httpPort', '8080'), ('httpsPort', None)]))
    assert (advanced['path'], advanced['http_port'], advanced['https_port']) == ('/test', 8080, 443)


def test_group_values_follow_the_documented_order_and_types():
    values = wire.group_values({'keep_alive_seconds': 27, 'keep_alive': 1, 'balancing_method': 'CONSISTENT',
                                'fail_timeout': 8}, name='LSW Origin Group', enabled=True)
    assert values == [('balancingMethod', 'CONSISTENT'), ('description', 'LSW Origin Group'), ('failTimeOut', 8),
                      ('keepAlive', True), ('keepAliveSeconds', 27), ('enabled', True)]
    assert wire.group_values({'enabled': False}, enabled=True) == [('enabled', False)]
    assert wire.group_values({}) == []


def test_canonical_group_labels_and_sorts_members():
    group = wire.encode_envelope('ORIGIN_GROUP', [('balancingMethod', 'ROUNDROBIN'), ('description', 'pool'),
                                                  ('failTimeOut', 1), ('keepAlive', True), ('keepAliveSeconds', 30),
                                                  ('enabled', True), ('id', 'og-1')])
    members = [wire.encode_envelope('ORIGIN_GROUP_MEMBER', [('originId', 'or-b'), ('status', 'backup'), ('id', 'or-m2')]),
               wire.encode_envelope('ORIGIN_GROUP_MEMBER', [('originId', 'or-a'), ('status', 'active'), ('id', 'or-m1')])]
    found = wire.canonical_group(group, members, lambda ident: {'or-a': 'alpha'}.get(ident, ident))
    assert (found['id'], found['name'], found['kind'], found['enabled']) == ('og-1', 'pool', 'group', True)
    assert found['group']['members'] == [{'origin': 'alpha', 'status': 'active'}, {'origin': 'or-b', 'status': 'backup'}]
    assert found['group']['keep_alive'] is True and found['group']['fail_timeout'] == 1
    assert wire.canonical_group(group, members)['group']['members'][0] == {'origin': 'or-a', 'status': 'active'}
    assert wire.member_payload('or-a', 'backup') == {'resourceType': 'ORIGIN_GROUP_MEMBER', 'data': [
        {'key': 'originId', 'value': 'or-a'}, {'key': 'status', 'value': 'backup'}]}


def test_origin_pull_points_at_an_origin_or_a_group():
    assert wire.origin_pull('or-1') == {'originPullId': 'or-1', 'originPullGroupId': None}
    assert wire.origin_pull('og-1') == {'originPullGroupId': 'og-1', 'originPullId': None}
    zone = wire.canonical_zone(dist(), [], {'originPullId': None, 'originPullGroupId': 'og-1'})
    assert zone['origin_id'] == 'og-1' and zone['origin_group_id'] == 'og-1'


SAMPLE_CERT = {'description': 'Main LSW Certificate 2024', 'certificate': 'Hidden for security reasons',
               'privateKey': 'Hidden for security reasons', 'caBundle': 'Hidden for security reasons',
               'validation': True, 'id': 'ce-5g8wbh25', 'commonName': 'c1', 'issuer': 'c1', 'valid': True,
               'trusted': True, 'daysLeft': 364, 'validFrom': 1723118047, 'validUntil': 1754646847,
               'created': '2024-03-19T08:15:23', 'updated': '2024-03-19T08:15:23'}


def test_canonical_certificate_from_the_documented_sample():
    cert = wire.canonical_certificate(SAMPLE_CERT, ['di-2', 'di-1'])
    assert (cert['id'], cert['name']) == ('ce-5g8wbh25', 'Main LSW Certificate 2024')
    assert (cert['common_name'], cert['issuer']) == ('c1', 'c1')
    assert cert['not_before'] == '2024-08-08T11:54:07Z' and cert['not_after'] == '2025-08-08T09:54:07Z'
    assert cert['fingerprint'] is None and cert['zones'] == ['di-1', 'di-2']
    assert not set(wire.CERTIFICATE_HIDDEN) & set(cert['raw'])
    assert wire.iso_from_unix(None) is None and wire.iso_from_unix('x') is None


def test_canonical_certificate_takes_fingerprint_only_from_the_matching_local_pem():
    info = dict(common_name='c1', issuer='CN=c1', not_before='2024-08-08T11:54:07Z', not_after='2025-08-08T09:54:07Z',
                fingerprint='ab' * 20, sans=['c1'], sha256_fingerprint='cd' * 32)
    assert wire.canonical_certificate(SAMPLE_CERT, (), info)['fingerprint'] == 'ab' * 20
    other = dict(info, not_after='2026-01-01T00:00:00Z')
    assert wire.canonical_certificate(SAMPLE_CERT, (), other)['fingerprint'] is None
    assert wire.canonical_certificate(SAMPLE_CERT, (), dict(info, issuer='CN=other'))['fingerprint'] is None


class Local:
    certificate_pem = 'CERT'
    private_key_pem = 'KEY'
    chain_pem = None
    name = None
    hostname = 'www.example.com'


def test_certificate_payload_sends_the_chain_or_an_empty_bundle():
    body = wire.certificate_payload(Local())
    assert body == {'description': 'www.example.com', 'certificate': 'CERT', 'privateKey': 'KEY', 'caBundle': '',
                    'validation': True}
    local = Local()
    local.chain_pem, local.name = 'CHAIN', 'main'
    assert wire.certificate_payload(local)['caBundle'] == 'CHAIN'
    assert wire.certificate_payload(local)['description'] == 'main'
