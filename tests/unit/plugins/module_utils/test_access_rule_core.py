"""Pure logic of module_utils/access_rule.py: value normalisation and the plan."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import access_rule as core
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import Capabilities, ResourceCaps


@pytest.mark.parametrize('rule_type, value, expected', [
    ('ip', '192.0.2.1', '192.0.2.1'),
    ('ip', '192.0.2.1/32', '192.0.2.1'),
    ('ip', '192.0.2.77/24', '192.0.2.0/24'),
    ('ip', ' 2001:DB8:0:0::1 ', '2001:db8::1'),
    ('ip', '2001:db8::/32', '2001:db8::/32'),
    ('country', 'de', 'DE'),
    ('referrer', 'WWW.Example.COM.', 'www.example.com'),
    ('referrer', '*.example.com', '*.example.com'),
])
def test_values_are_normalised(rule_type, value, expected):
    assert core.normalize_rule_value(rule_type, value) == expected


@pytest.mark.parametrize('rule_type, value, words', [
    ('ip', '300.1.1.1', 'not an IP address'),
    ('ip', 'example.com', 'not an IP address'),
    ('country', 'DEU', 'two-letter country code'),
    ('country', 'D1', 'two-letter country code'),
    ('referrer', 'localhost', 'not a host name'),
    ('referrer', 'http://example.com/', 'not a host name'),
    ('referrer', 'a..b', 'not a host name'),
])
def test_bad_values_name_the_option_and_what_is_allowed(rule_type, value, words):
    with pytest.raises(CdnValidationError) as err:
        core.normalize_rule_value(rule_type, value, option='rules[2].value')
    assert str(err.value).startswith('option rules[2].value:') and words in str(err.value)
    assert 'allowed:' in str(err.value)


CAPS = Capabilities(name='p', title='Prov', resources={
    'access_rule': ResourceCaps(operations=('list', 'create', 'delete'), fields=('country', 'referrer'))})


def test_desired_rules_default_to_deny_dedupe_and_refuse_unsupported_types():
    rules = core.desired_rules({'rules': [{'type': 'country', 'value': 'de'}, {'type': 'country', 'value': 'DE'}]}, CAPS)
    assert rules == [{'type': 'country', 'action': 'deny', 'value': 'DE', 'id': None}]
    with pytest.raises(CdnUnsupportedError, match='Prov does not offer ip access rules; it offers: country, referrer'):
        core.desired_rules({'rules': [{'type': 'ip', 'value': '192.0.2.1'}]}, CAPS)
    with pytest.raises(CdnValidationError, match=r'option rules\[0\].action'):
        core.desired_rules({'rules': [{'type': 'country', 'action': 'block', 'value': 'DE'}]}, CAPS)


def rule(t, a, v, ident=None):
    return dict(type=t, action=a, value=v, id=ident)


def test_plan_present_adds_only_missing_and_purges_when_asked():
    current = [rule('country', 'deny', 'RU', 'a'), rule('country', 'deny', 'CN', 'b')]
    listed = [rule('country', 'deny', 'RU'), rule('referrer', 'deny', 'x.example')]
    add, remove, final = core.plan_rules(listed, current, 'present', purge=False)
    assert add == [listed[1]] and remove == []
    assert [r['value'] for r in final] == ['CN', 'RU', 'x.example']
    add, remove, final = core.plan_rules(listed, current, 'present', purge=True)
    assert remove == [current[1]] and [r['value'] for r in final] == ['RU', 'x.example']


def test_plan_absent_removes_listed_or_all_with_purge():
    current = [rule('country', 'deny', 'RU', 'a'), rule('country', 'allow', 'DE', 'b')]
    add, remove, final = core.plan_rules([rule('country', 'deny', 'RU')], current, 'absent', purge=False)
    assert add == [] and remove == [current[0]] and final == [current[1]]
    # The action is part of the identity: deny DE is not allow DE.
    assert core.plan_rules([rule('country', 'deny', 'DE')], current, 'absent', purge=False)[1] == []
    assert core.plan_rules([], current, 'absent', purge=True)[2] == []


def test_plan_without_a_listing_sends_what_is_listed():
    listed = [rule('ip', 'deny', '192.0.2.1')]
    assert core.plan_rules(listed, None, 'present', purge=False) == (listed, [], listed)
    assert core.plan_rules(listed, None, 'absent', purge=False) == ([], listed, [])
