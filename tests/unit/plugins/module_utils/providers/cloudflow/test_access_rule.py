# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow access rules (access_rule.AccessRules): one policy and one list per rule type."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError, CdnValidationError


def test_validate_access_rules_refuses_two_actions_of_one_type(adapter):
    cf = adapter()
    zone = dict(id='1', hostname='cdn.example.com')
    cf.validate_access_rules(zone, [dict(type='ip', action='deny', value='192.0.2.1'),
                                    dict(type='country', action='allow', value='DE')])
    with pytest.raises(CdnValidationError) as caught:
        cf.validate_access_rules(zone, [dict(type='ip', action='deny', value='192.0.2.1'),
                                        dict(type='ip', action='allow', value='192.0.2.2')])
    text = str(caught.value)
    assert text.startswith('option rules:') and 'ALLOW_BY_DEFAULT' in text and 'only allow or only deny' in text


def test_list_reads_the_advanced_settings_and_refuses_an_unknown_policy(adapter):
    advanced = {'cdn_resource': {'id': 1, 'ip_access_policy': 'ALLOW_BY_DEFAULT', 'ip_addresses': '192.0.2.1'}}
    cf = adapter({('GET', 'cdn_resources/1/advanced.json'): advanced})
    assert cf.list_access_rules({'id': '1'}) == [dict(type='ip', action='deny', value='192.0.2.1', id=None)]
    odd = {'cdn_resource': {'id': 1, 'ip_access_policy': 'SOMETIMES'}}
    with pytest.raises(CdnResponseError, match="ip_access_policy is 'SOMETIMES'"):
        adapter({('GET', 'cdn_resources/1/advanced.json'): odd}).list_access_rules({'id': '1'})


def test_apply_puts_the_types_that_changed(adapter):
    cf = adapter()
    final = [dict(type='country', action='allow', value='DE')]
    cf.apply_access_rules({'id': '1'}, [], final, final, [])
    assert cf.client.calls == [('PUT', 'cdn_resources/1.json', {'cdn_resource': {'country_access_policy': 'BLOCK_BY_DEFAULT',
                                                                                 'countries': ['DE']}})]
