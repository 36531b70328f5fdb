"""The shared normalisers (normalize.py): host names, URLs, numbers, country codes, UTC times."""

import datetime

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import normalize as n


@pytest.mark.parametrize('value, expected', [
    ('HTTP://Origin.Example.com/', 'http://origin.example.com'),
    ('https://o.example.com/path/', 'https://o.example.com/path/'),
    ('https://o.example.com:8443', 'https://o.example.com:8443'),
    (None, None),
])
def test_normalize_url(value, expected):
    assert n.normalize_url(value) == expected


@pytest.mark.parametrize('value', ['not a url', 'ftp://o.example.com', 'http://', 'http://o.example.com:99999'])
def test_split_url_rejects(value):
    with pytest.raises(ValueError):
        n.split_url(value)


def test_normalize_url_drops_only_the_scheme_default_port():
    assert n.normalize_url('https://o.example.com:443/a') == 'https://o.example.com/a'
    assert n.normalize_url('http://o.example.com:80') == 'http://o.example.com'
    assert n.normalize_url('http://o.example.com:443') == 'http://o.example.com:443'


def test_split_url_parts():
    assert n.split_url('https://O.example.com:8443/a/b') == ('https', 'o.example.com', 8443, '/a/b')


@pytest.mark.parametrize('name, wildcard, min_labels, expected', [
    ('cdn.example.com', False, 1, True),
    ('localhost', False, 1, True),
    ('localhost', False, 2, False),
    ('_dmarc.example.com', False, 1, True),
    ('example.c_m', False, 1, False),          # no underscore in the last label
    ('-a.example.com', False, 1, False),
    ('a..b', False, 1, False),
    ('*.example.com', False, 1, False),
    ('*.example.com', True, 2, True),
    ('*.com', True, 2, False),                 # the wildcard is no label
    ('a' * 64 + '.com', False, 1, False),
    ('.'.join(['a' * 63] * 4), False, 1, False),  # 255 characters
    ('', True, 1, False),
    (None, True, 1, False),
])
def test_is_hostname(name, wildcard, min_labels, expected):
    assert n.is_hostname(name, wildcard=wildcard, min_labels=min_labels) is expected


@pytest.mark.parametrize('value, expected', [
    (5, 5), ('5', 5), (' 7 ', 7), ('2.5', 2.5), (2.0, 2), ('1e3', 1000), ('12345678901234567890', 12345678901234567890),
    (None, None), (True, None), ('', None), ('x', None), ('nan', None), (float('inf'), None), ('1' * 400, None),
    ([1], None), ({}, None),
])
def test_to_number_means_none_for_missing_or_not_a_number(value, expected):
    got = n.to_number(value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize('value, expected', [('de', 'DE'), (' Us ', 'US'), ('DEU', None), ('D1', None), ('', None), (None, None)])
def test_country_code(value, expected):
    assert n.country_code(value) == expected


def test_iso_utc_takes_aware_and_naive_utc():
    assert n.iso_utc(datetime.datetime(2026, 1, 2, 3, 4, 5, 999, tzinfo=n.UTC)) == '2026-01-02T03:04:05Z'
    plus_one = datetime.timezone(datetime.timedelta(hours=1))
    assert n.iso_utc(datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=plus_one)) == '2026-01-02T02:04:05Z'
    assert n.iso_utc(datetime.datetime(2026, 1, 2, 3, 4, 5)) == '2026-01-02T03:04:05Z'


@pytest.mark.parametrize('value, expected', [
    (1439337600, '2015-08-12T00:00:00Z'), ('1439341200', '2015-08-12T01:00:00Z'), (0, '1970-01-01T00:00:00Z'),
    (1439337600.9, '2015-08-12T00:00:00Z'), (None, None), ('x', None), (True, None), (10 ** 15, None),
])
def test_iso_from_unix(value, expected):
    assert n.iso_from_unix(value) == expected


@pytest.mark.parametrize('zone, minutes', [(None, 0), ('Z', 0), ('UTC', 0), ('+01:00', 60), ('-0530', -330)])
def test_utc_offset(zone, minutes):
    assert n.utc_offset(zone) == datetime.timedelta(minutes=minutes)


@pytest.mark.parametrize('amount, unit, expected', [
    ('1262.93', 10 ** 9, 1262930000000), (78278.706054688, 1024, 80157395), (3, 1024, 3072), ('x', 1024, None),
    (None, 1024, None), (1e300, 10 ** 12, None),
])
def test_to_bytes(amount, unit, expected):
    assert n.to_bytes(amount, unit) == expected
