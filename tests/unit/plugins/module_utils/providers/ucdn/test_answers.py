"""UCDN answer checks (providers/ucdn/answers.py): pure, what the adapter reads must be
of the kind the "UCDN API v3" documentation gives it."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn import answers


def test_zone_problem_accepts_the_documented_liberal_shapes():
    # Empty objects as [] (PHP), numbers as strings, null meaning "off".
    raw = {'id': '1', 'geo_filter': [], 'limit_rate': [], 'error_pages': [], 'is_active': '1', 'hash_secret': None,
           'referers': [], 'custom_domains': ['cdn.example.com']}
    assert answers.zone_problem(raw) is None


@pytest.mark.parametrize('raw, words', [
    ({'id': '1', 'custom_domains': 'cdn.example.com'}, "'custom_domains' as a JSON string"),
    ({'id': '1', 'upstream': {'endpoints': [{'port': 80}]}}, "no usable 'host'"),
    ({'id': '1', 'error_pages': {'404': 7}}, "error_pages['404'] as a JSON number"),
])
def test_zone_problem_names_what_cannot_be_read(raw, words):
    assert words in answers.zone_problem(raw)


def test_purge_job_status_must_be_a_documented_one():
    assert answers.purge_job_problem({'job_id': 'a', 'status': 'finished', 'files': []}) is None
    problem = answers.purge_job_problem({'job_id': 'a', 'status': 'done'})
    assert '"View purge job" documents waiting, running, finished, failed' in problem


@pytest.mark.parametrize('name, body, ok', [
    ('usage', {'hits': '1', 'bytes_served': 2}, True),
    ('usage', {'hits': None, 'bytes_served': 2}, False),
    ('bytes', {'elements': [[1439337600, 5]]}, True),
    ('bytes', {'elements': {}}, False),
    ('countries', {'elements': []}, True),
    ('countries', {'elements': {'DE': [[1439337600, 1]]}}, False),
    ('status_codes', {'elements': {'2xx': []}}, False),
])
def test_stats_problem(name, body, ok):
    assert (answers.stats_problem(name, body) is None) == ok


def test_same_id_compares_digits_as_numbers():
    assert answers.same_id('05', 5) and answers.same_id('abc', 'abc')
    assert not answers.same_id('5', '6') and not answers.same_id('a5', '5')
