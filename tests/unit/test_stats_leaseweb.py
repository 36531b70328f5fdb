"""Leaseweb statistics, ACL, debug and action conversions (pure functions of the adapter)."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.debug import check_debug_url
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import leaseweb as lw

UTC = datetime.timezone.utc


def at(*args, **kwargs):
    return datetime.datetime(*args, tzinfo=kwargs.get('tz', UTC))


@pytest.mark.parametrize('moment, text', [
    (at(2024, 7, 14, 13, 40), '2024-07-14T13:40:00'),                       # the seed's example
    (at(2024, 7, 14), '2024-07-14T00:00:00'),                               # midnight
    (at(2024, 7, 14, 23, 59, 59, 999999), '2024-07-14T23:59:59'),           # fractions dropped, no rounding up
    (at(2024, 7, 15, 1, 30, tz=datetime.timezone(datetime.timedelta(hours=2))), '2024-07-14T23:30:00'),
    (at(2024, 12, 31, 22, 0, tz=datetime.timezone(datetime.timedelta(hours=-3))), '2025-01-01T01:00:00'),
    (datetime.datetime(2024, 2, 29, 12, 0), '2024-02-29T12:00:00'),         # naive means UTC
])
def test_lsw_datetime_is_utc_without_zone(moment, text):
    assert lw.lsw_datetime(moment) == text


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
    assert lw.iso_from_lsw(text) == iso


def test_round_trip_of_query_dates():
    start = at(2024, 8, 20, 9, 28, 38)
    assert lw.iso_from_lsw(lw.lsw_datetime(start)) == '2024-08-20T09:28:38Z'


def query(**extra):
    base = dict(start=at(2024, 7, 13, 14, 45), end=at(2024, 7, 13, 14, 55), zone=None,
                granularity='5MIN', metric='DATATRANSFER', report='customer')
    base.update(extra)
    return base


def test_reports_and_params():
    assert lw.STATS_REPORTS[0] == 'customer'
    assert lw.split_report('customer') == ('customer', None)
    assert lw.split_report('reseller_by_region') == ('reseller', 'REGION')
    assert lw.stats_params(query()) == {'fromDt': '2024-07-13T14:45:00', 'toDt': '2024-07-13T14:55:00',
                                        'metric': 'DATATRANSFER', 'granularity': '5MIN'}
    # the total endpoints take no granularity; a zone is a distributionId filter
    assert lw.stats_params(query(zone={'id': 'di-1'}, granularity='DAY'), total=True, group_by='PROVIDER') == {
        'fromDt': '2024-07-13T14:45:00', 'toDt': '2024-07-13T14:55:00', 'metric': 'DATATRANSFER',
        'distributionId': 'di-1', 'groupBy': 'PROVIDER'}
    # every report names a scope and a seed groupBy
    for report in lw.STATS_REPORTS:
        scope, group = lw.split_report(report)
        assert scope in ('customer', 'reseller') and group in (None, 'PROVIDER', 'DISTRIBUTION', 'CUSTOMER', 'REGION')


SERIES_SAMPLE = {  # the seed's reseller series sample
    'fromTs': '2024-07-13T14:45:00', 'toTs': '2024-07-13T14:55:00', 'service': 'cdn', 'granularity': '5MIN',
    'groupBy': None, 'distributionId': None,
    'series': [{'all': [{'2024-07-13T14:45:00Z': 38091909.25333333}, {'2024-07-13T14:50:00Z': 68605244.58666667},
                        {'2024-07-13T14:55:00Z': 116197768.13333331}]}]}
REGION_SAMPLE = {  # the seed's customer sample: one dict holding every group
    'groupBy': 'REGION',
    'series': [{'eu': [{'2024-08-20T09:35:00Z': 2.0}, {'2024-08-20T09:30:00Z': 1.0}],
                'apac': [{'2024-08-20T09:30:00Z': 3.0}]}]}
TOTAL_SAMPLE = {  # the seed's totals sample: one dict per group
    'groupBy': 'PROVIDER',
    'series': [{'edgio': [{'total': 237047731.04000002}]}, {'gcore': [{'total': 29610955.653333336}]}]}


def test_series_points_ungrouped():
    points = lw.stats_series(SERIES_SAMPLE, 'DATATRANSFER')
    assert points == [{'timestamp': '2024-07-13T14:45:00Z', 'bytes': 38091909.25333333},
                      {'timestamp': '2024-07-13T14:50:00Z', 'bytes': 68605244.58666667},
                      {'timestamp': '2024-07-13T14:55:00Z', 'bytes': 116197768.13333331}]


def test_series_points_grouped_are_labelled_and_sorted():
    points = lw.stats_series(REGION_SAMPLE, 'REQUESTS', 'REGION')
    assert points == [{'timestamp': '2024-08-20T09:30:00Z', 'requests': 3.0, 'location': 'apac'},
                      {'timestamp': '2024-08-20T09:30:00Z', 'requests': 1.0, 'location': 'eu'},
                      {'timestamp': '2024-08-20T09:35:00Z', 'requests': 2.0, 'location': 'eu'}]


@pytest.mark.parametrize('metric, key, value', [
    ('BANDWIDTH', 'bandwidth_mbps', 2.5), ('95TH', 'bandwidth_mbps', 2.5),
    ('STATUS_4XX', 'status_4xx_percent', 2500000.0), ('CACHEHIT', 'cache_hit_ratio', 2500000.0),
])
def test_metric_keys_and_units(metric, key, value):
    body = {'series': [{'all': [{'2024-07-13T14:45:00Z': 2500000.0}]}]}
    assert lw.stats_series(body, metric) == [{'timestamp': '2024-07-13T14:45:00Z', key: value}]


def test_totals_ungrouped_grouped_and_liberal():
    assert lw.stats_totals({'series': [{'all': [{'total': 5.5}]}]}, 'DATATRANSFER') == {'bytes': 5.5}
    assert lw.stats_totals(TOTAL_SAMPLE, 'BANDWIDTH', 'PROVIDER') == [
        {'provider': 'edgio', 'bandwidth_mbps': pytest.approx(237.04773104)},
        {'provider': 'gcore', 'bandwidth_mbps': pytest.approx(29.610955653333)}]
    assert lw.stats_totals({'series': [{'all': [{'total': '7'}]}]}, 'REQUESTS') == {'requests': 7.0}
    assert lw.stats_totals({}, 'REQUESTS') == {'requests': None}
    assert lw.stats_series({'series': 'junk'}, 'REQUESTS') == []


def test_acl_payload_and_canonical_acl():
    assert lw.acl_payload({'type': 'ip', 'action': 'deny', 'value': '1.1.1.5'}) == {
        'action': 'REJECT', 'value': '1.1.1.5/32', 'type': 'IP_ACL'}
    assert lw.acl_payload({'type': 'ip', 'action': 'allow', 'value': '2001:db8::/32'})['value'] == '2001:db8::/32'
    assert lw.acl_payload({'type': 'country', 'action': 'allow', 'value': 'DE'}) == {
        'action': 'ALLOW', 'value': 'DE', 'type': 'GEO_ACL'}
    seed_acl = {'action': 'REJECT', 'value': '1.1.1.5/32', 'type': 'IP_ACL', 'id': 'iacl-2', 'policyId': 'po-wk0ksi0x'}
    assert lw.canonical_acl(seed_acl, normalize_rule_value) == {'type': 'ip', 'action': 'deny', 'value': '1.1.1.5',
                                                                'id': 'iacl-2'}
    assert lw.canonical_acl({'type': 'REFERRER_ACL', 'value': '*.Example.COM', 'id': 'racl-0'}, normalize_rule_value)[
        'action'] == 'deny'
    assert lw.canonical_acl({'type': 'SOMETHING_ELSE', 'value': 'x'}, normalize_rule_value) is None


def test_switches_follow_the_final_rules():
    rules = [{'type': 'ip', 'action': 'deny', 'value': '1.1.1.5'}, {'type': 'country', 'action': 'allow', 'value': 'DE'}]
    assert lw.acl_switches(rules) == {
        'securityIpAcl': True, 'securityIpAclDefault': 'ALLOW', 'securityGeoAcl': True,
        'securityGeoAclDefault': 'REJECT', 'securityReferrerAcl': False, 'securityReferrerAclDefault': None}
    seed_policy = {'securityGeoAcl': False, 'securityGeoAclDefault': None, 'securityIpAcl': True,
                   'securityIpAclDefault': None, 'securityReferrerAcl': False, 'securityReferrerAclDefault': None}
    assert lw.switch_changes(seed_policy, rules) == {'securityIpAclDefault': 'ALLOW', 'securityGeoAcl': True,
                                                     'securityGeoAclDefault': 'REJECT'}
    assert lw.switch_changes(seed_policy, []) == {'securityIpAcl': False}
    assert lw.switch_changes(dict(seed_policy, securityIpAcl=False), []) == {}


def test_canonical_debug_and_action():
    body = {'success': True, 'providerResponses': [{'providerType': 'gcore', 'success': True, 'ip': '93.123.17.254',
                                                    'statusCode': 301, 'message': None, 'headers': [
                                                        {'name': 'Connection', 'value': 'keep-alive'},
                                                        {'name': 'set-cookie', 'value': 'a=1'},
                                                        {'name': 'set-cookie', 'value': 'b=2'}]}]}
    debug = lw.canonical_debug(body)
    assert debug['success'] is True and debug['raw'] is body
    assert debug['providers'] == [{'type': 'gcore', 'success': True, 'ip': '93.123.17.254', 'status_code': 301,
                                   'message': None, 'headers': {'connection': 'keep-alive', 'set-cookie': 'a=1, b=2'}}]
    action = lw.canonical_action({'type': 'INVALIDATION', 'status': 'PENDING', 'id': '50ea5204-4827-41d2-a940-cb5afdfb2426',
                                  'customerId': '215468472', 'created': '2019-08-24T14:15:22Z', 'updated': ''})
    assert action['created'] == '2019-08-24T14:15:22Z' and action['updated'] is None and action['resource'] is None


@pytest.mark.parametrize('url, text', [
    ('', 'is 0 characters long'),
    ('https://cdn.example.com/' + 'a' * 2060, 'is 2084 characters long'),
    ('cdn.example.com/a', 'not an absolute'),
    ('ftp://cdn.example.com/a', 'not an absolute'),
    ('https:///a', 'has no host'),
    ('https://cdn.example.com/a b', 'white space'),
])
def test_debug_url_checks(url, text):
    with pytest.raises(CdnValidationError) as err:
        check_debug_url(url)
    assert 'option url' in str(err.value) and text in str(err.value)


def test_debug_url_limits_are_inclusive():
    url = 'https://cdn.example.com/' + 'a' * (2083 - len('https://cdn.example.com/'))
    assert check_debug_url(url) == url
