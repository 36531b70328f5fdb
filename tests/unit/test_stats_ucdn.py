"""UCDN statistics: date conversion, report requests and answer parsing
(seed "Usage report" .. "Status codes"), plus the pure access-rule and account
helpers of the adapter."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn

UTC = datetime.timezone.utc


def at(*args, **kwargs):
    tz = kwargs.pop('tz', UTC)
    return datetime.datetime(*args, tzinfo=tz)


# --- date conversion ---------------------------------------------------------------

def test_usage_date_midnight_is_the_documented_date_form():
    # seed example: ?date_from=2015-08-12&date_to=2015-08-13
    assert ucdn.usage_date(at(2015, 8, 12)) == '2015-08-12'
    assert ucdn.usage_date(at(2015, 8, 13)) == '2015-08-13'


def test_usage_date_other_moments_are_exact_unix_timestamps():
    assert ucdn.usage_date(at(2015, 8, 12, 13, 21, 34)) == '1439385694'
    # One second after midnight is not midnight.
    assert ucdn.usage_date(at(2015, 8, 12, 0, 0, 1)) == str(1439337600 + 1)


def test_time_zones_are_converted_to_utc_first():
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    # 02:00 at +02:00 is midnight UTC: the GMT date form.
    assert ucdn.usage_date(at(2015, 8, 12, 2, 0, tz=plus_two)) == '2015-08-12'
    # Midnight at +02:00 is 22:00 UTC the day before: not a GMT date.
    assert ucdn.usage_date(at(2015, 8, 12, tz=plus_two)) == str(1439337600 - 7200)
    minus_five = datetime.timezone(datetime.timedelta(hours=-5))
    assert ucdn.report_time(at(2015, 8, 11, 19, 0, tz=minus_five)) == '1439337600'


def test_naive_datetimes_are_taken_as_utc():
    assert ucdn.report_time(datetime.datetime(2015, 8, 12)) == '1439337600'
    assert ucdn.unix_time(datetime.datetime(1970, 1, 1)) == 0


def test_report_time_is_always_a_unix_timestamp():
    # seed: "YYYY-MM-DD HH:mm with optional timezone parameter or a Unix timestamp"
    assert ucdn.report_time(at(2015, 8, 12)) == '1439337600'
    assert ucdn.report_time(at(2014, 3, 11, 21, 0)) == '1394571600'   # the seed's example timestamp
    assert ucdn.report_time(at(2015, 8, 12, 0, 0, 59)) == '1439337659'


def test_iso_from_unix():
    assert ucdn.iso_from_unix(1439337600) == '2015-08-12T00:00:00Z'
    assert ucdn.iso_from_unix('1439341200') == '2015-08-12T01:00:00Z'
    assert ucdn.iso_from_unix(0) == '1970-01-01T00:00:00Z'


# --- requests ------------------------------------------------------------------------

def query(**kwargs):
    base = dict(zone=None, start=at(2015, 8, 12), end=at(2015, 8, 13), granularity=None, metric=None, report=None)
    base.update(kwargs)
    return base


def test_default_report_is_bytes_by_hour_account_wide():
    assert ucdn.STATS_REPORT_NAMES[0] == 'bytes'
    assert ucdn.CAPABILITIES.resources['stats'].choices['report'][0] == 'bytes'
    assert ucdn.stats_request(query()) == ('reports/bytes/', {'from': '1439337600', 'to': '1439424000', 'by': 'hour'})


def test_usage_report_path_carries_the_zone():
    path, params = ucdn.stats_request(query(report='usage', zone=dict(id='7')))
    assert path == 'reports/7/'
    assert params == dict(date_from='2015-08-12', date_to='2015-08-13')
    assert ucdn.stats_request(query(report='usage'))[0] == 'reports/'


@pytest.mark.parametrize('report,path', [
    ('hits', 'reports/hits/'), ('bytes_ssl', 'reports/bytes/ssl'), ('hits_ssl', 'reports/hits/ssl'),
    ('bytes_http2', 'reports/bytes/http2'), ('hits_http2', 'reports/hits/http2'),
    ('status_codes', 'reports/status/codes/'),
])
def test_time_slot_reports_take_zones_and_by(report, path):
    got = ucdn.stats_request(query(report=report, zone=dict(id='3'), granularity='5min'))
    assert got == (path, {'from': '1439337600', 'to': '1439424000', 'zones': '3', 'by': '5min'})


def test_countries_takes_no_by():
    assert ucdn.stats_request(query(report='countries', zone=dict(id='1'))) == \
        ('reports/countries/', {'from': '1439337600', 'to': '1439424000', 'zones': '1'})
    with pytest.raises(CdnValidationError) as exc:
        ucdn.stats_request(query(report='countries', granularity='day'))
    assert exc.value.option == 'granularity' and 'countries' in str(exc.value)


def test_storages_hour_only_and_no_zone():
    assert ucdn.stats_request(query(report='storages')) == \
        ('reports/storages/', {'from': '1439337600', 'to': '1439424000', 'by': 'hour'})
    with pytest.raises(CdnValidationError) as exc:
        ucdn.stats_request(query(report='storages', granularity='day'))
    assert exc.value.option == 'granularity' and 'allowed: hour' in str(exc.value)
    with pytest.raises(CdnValidationError) as exc:
        ucdn.stats_request(query(report='storages', zone=dict(id='1')))
    assert exc.value.option == 'zone'


def test_usage_refuses_a_granularity():
    with pytest.raises(CdnValidationError) as exc:
        ucdn.stats_request(query(report='usage', granularity='5min'))
    assert exc.value.option == 'granularity'


# --- answers (the seed's example shapes) ---------------------------------------------

def test_parse_usage():
    series, totals = ucdn.parse_stats('usage', {'hits': 72223298971, 'bytes_served': 1031761416566}, at(2015, 8, 12))
    assert totals == dict(bytes=1031761416566, hits=72223298971)
    assert series == [dict(timestamp='2015-08-12T00:00:00Z', bytes=1031761416566, hits=72223298971)]


def test_parse_bytes_series():
    body = {'element_description': ['unix timestamp of the time slot start', 'bytes served in this time slot'],
            'element_duration': 3600, 'elements': [[1439341200, 105885510745], [1439337600, 0]]}
    series, totals = ucdn.parse_stats('bytes', body, at(2015, 8, 12))
    assert series == [dict(timestamp='2015-08-12T00:00:00Z', bytes=0),
                      dict(timestamp='2015-08-12T01:00:00Z', bytes=105885510745)]
    assert totals is None


def test_hits_ssl_values_are_hits_whatever_the_description_says():
    # seed quirk: the hits/ssl example describes its values as "bytes served in this time slot".
    body = {'element_description': ['unix timestamp of the time slot start', 'bytes served in this time slot'],
            'element_duration': 3600, 'elements': [[1609632000, '12']]}
    assert ucdn.parse_stats('hits_ssl', body, at(2021, 1, 3))[0] == [dict(timestamp='2021-01-03T00:00:00Z', hits=12)]


def test_parse_countries_uses_slot_timestamps_not_element_duration():
    body = {'element_description': ['unix timestamp of the time slot start', 'hits from this country',
                                    'bytes served to this country'],
            'element_duration': 86400,
            'elements': {'CH': [[1439290800, 0, 0], [1439294400, 384465, 19224985]], 'RU': [[1439290800, 0, 0]]}}
    series, totals = ucdn.parse_stats('countries', body, at(2015, 8, 11))
    assert series == [
        dict(timestamp='2015-08-11T11:00:00Z', country='CH', hits=0, bytes=0),
        dict(timestamp='2015-08-11T11:00:00Z', country='RU', hits=0, bytes=0),
        dict(timestamp='2015-08-11T12:00:00Z', country='CH', hits=384465, bytes=19224985),
    ]
    assert totals is None


def test_parse_status_codes():
    body = {'element_description': ['unix timestamp of the time slot start', 'hits', 'percents of all'],
            'element_duration': 3600, 'elements': {'404': [[1439341200, 181058, 0]], '200': [[1439341200, 5, 90.5]]}}
    series, _totals = ucdn.parse_stats('status_codes', body, at(2015, 8, 12))
    assert series == [dict(timestamp='2015-08-12T01:00:00Z', status_code=200, hits=5),
                      dict(timestamp='2015-08-12T01:00:00Z', status_code=404, hits=181058)]


def test_storages_totals_are_the_peak_not_a_sum():
    body = {'element_duration': 3600, 'elements': [[1439290800, 0], [1439294400, 2887995255], [1439298000, 2887995255]]}
    series, totals = ucdn.parse_stats('storages', body, at(2015, 8, 11))
    assert len(series) == 3 and totals == dict(bytes=2887995255)


def test_parse_tolerates_empty_answers():
    assert ucdn.parse_stats('bytes', {'elements': []}, at(2015, 8, 12)) == ([], None)
    assert ucdn.parse_stats('countries', {'elements': []}, at(2015, 8, 12)) == ([], None)
    assert ucdn.parse_stats('storages', None, at(2015, 8, 12)) == ([], dict(bytes=0))


# --- access rules and accounts (pure helpers) ----------------------------------------

def rule(kind, action, value):
    return dict(type=kind, action=action, value=value, id=None)


def test_zone_rules_from_geo_filter_and_referers():
    raw = dict(geo_filter={'allow': ['de', 'FR'], 'deny': []}, referers=['Example.com', '*.example.org'])
    assert ucdn.zone_access_rules(raw) == [rule('country', 'allow', 'DE'), rule('country', 'allow', 'FR'),
                                           rule('referrer', 'allow', '*.example.org'),
                                           rule('referrer', 'allow', 'example.com')]
    assert ucdn.zone_access_rules(dict(geo_filter=[], referers=[])) == []


def test_rules_ucdn_cannot_hold():
    with pytest.raises(CdnValidationError) as exc:
        ucdn.check_access_rules([rule('referrer', 'deny', 'bad.example')])
    assert exc.value.option == 'rules' and 'allow' in str(exc.value)
    with pytest.raises(CdnValidationError) as exc:
        ucdn.check_access_rules([rule('country', 'allow', 'DE'), rule('country', 'deny', 'DE')])
    assert exc.value.option == 'rules' and 'DE' in str(exc.value)
    # Allow and deny lists of different countries: both are held.
    ucdn.check_access_rules([rule('country', 'allow', 'DE'), rule('country', 'deny', 'RU')])


def test_access_payload_sends_whole_lists_and_clears_with_helpers():
    current = [rule('country', 'allow', 'DE'), rule('country', 'deny', 'RU'), rule('referrer', 'allow', 'a.example')]
    assert ucdn.access_rules_payload(current, current) == {}
    final = current + [rule('country', 'allow', 'FR')]
    assert ucdn.access_rules_payload(current, final) == dict(geo_filter_allow=['DE', 'FR'])
    # Emptying the allow list: clear_geo_filters unsets both, the deny list is sent again.
    final = [rule('country', 'deny', 'RU'), rule('referrer', 'allow', 'a.example')]
    assert ucdn.access_rules_payload(current, final) == dict(clear_geo_filters=True, geo_filter_deny=['RU'])
    assert ucdn.access_rules_payload(current, current[:2]) == dict(clear_referers=True)


def test_subaccounts_object_or_list_and_credentials_masked():
    one = {'id': '13956', 'api_key': 'k', 'api_secret': 's', 'password': '$2y$11$x', 'parent_id': '13863',
           'suspended': '0', 'max_zones': '512', 'trial': '0', 'username': 'test123'}
    assert ucdn.subaccount_bodies(one) == [one]
    assert ucdn.subaccount_bodies([one, one]) == [one, one]
    assert ucdn.subaccount_bodies([]) == []
    account = ucdn.canonical_subaccount(one)
    assert account['id'] == '13956' and account['parent_id'] == '13863' and account['suspended'] is False
    assert account['max_zones'] == 512 and account['trial'] is False
    assert all(account['raw'][k] == ucdn.REDACTED for k in ('api_key', 'api_secret', 'password'))
