"""Desired versus current (compare.py): comparison, merge, settings checks."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import compare as c
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError


def test_compare_only_options_set():
    desired = dict(origin='http://a', cache_ttl=None, tls=True)
    current = dict(origin='http://a', cache_ttl=60, tls=False)
    assert c.compare(desired, current) == {'tls': True}


def test_compare_tolerates_provider_types():
    assert c.compare(dict(cache_ttl=3600, tls=True), dict(cache_ttl='3600', tls='1')) == {}


def test_compare_dict_option_reports_only_differing_keys():
    desired = dict(settings=dict(a=1, b=2))
    current = dict(settings=dict(a=1, b=3, c=4))
    assert c.compare(desired, current) == {'settings': {'b': 2}}


def test_compare_unordered_lists():
    assert c.compare(dict(aliases=['b', 'a']), dict(aliases=['a', 'b']), unordered=('aliases',)) == {}
    assert c.compare(dict(aliases=[]), dict(aliases=['a'])) == {'aliases': []}


def test_merge_predicts_state():
    assert c.merge(dict(a=1, s=dict(x=1)), dict(a=2, s=dict(y=2))) == dict(a=2, s=dict(x=1, y=2))


def test_validate_settings_unknown_key_names_allowed():
    with pytest.raises(CdnValidationError) as err:
        c.validate_settings('UCDN', 'zone', dict(colour='red'), dict(size=dict(type='str')))
    assert "option settings: has key 'colour'" in str(err.value)
    assert 'allowed: size' in str(err.value)


def test_validate_settings_coerces_and_checks_range():
    specs = dict(ttl=dict(type='int', min=0, max=10), on=dict(type='bool'), lvl=dict(type='str', choices=['a', 'b']))
    assert c.validate_settings('X', 'zone', dict(ttl='5', on='yes', lvl='a'), specs) == dict(ttl=5, on=True, lvl='a')
    with pytest.raises(CdnValidationError, match='out of range'):
        c.validate_settings('X', 'zone', dict(ttl=11), specs)
    with pytest.raises(CdnValidationError, match='allowed: a, b'):
        c.validate_settings('X', 'zone', dict(lvl='c'), specs)


@pytest.mark.parametrize('low, high, text', [(0, 10, '0 to 10'), (1, None, 'at least 1'), (None, 5, 'at most 5')])
def test_range_text(low, high, text):
    assert c.range_text(low, high) == text


@pytest.mark.parametrize('given, suggested', [
    ('deliveryforcehttps', 'deliveryForceHttps'),   # the case differs
    ('deliveryForceHtps', 'deliveryForceHttps'),    # a typo
    ('cache_everything', None),                     # nothing close
])
def test_an_unknown_settings_key_suggests_the_known_one(given, suggested):
    specs = {'deliveryForceHttps': {'type': 'bool'}, 'cacheDefaultTtl': {'type': 'int'}}
    with pytest.raises(CdnValidationError) as info:
        c.validate_settings('Leaseweb', 'zone', {given: True}, specs)
    text = str(info.value)
    if suggested:
        assert "did you mean '%s'?" % suggested in text
    else:
        assert 'did you mean' not in text
    assert 'allowed: cacheDefaultTtl, deliveryForceHttps' in text
