# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow origins (origin.Origins): the CDN resource's origins and origin_policy."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnValidationError


def test_validate_origin_refuses_ipv6(adapter):
    cf = adapter()
    cf.validate_origin({'endpoints': [{'host': 'o.example.com', 'port': None}]}, 'present')
    with pytest.raises(CdnValidationError, match=r'endpoints\[0\]\.host'):
        cf.validate_origin({'endpoints': [{'host': '2001:db8::1', 'port': None}]}, 'present')


def test_find_origin_needs_the_zone(adapter):
    cf = adapter({('GET', 'cdn_resources.json'): []})
    with pytest.raises(CdnNotFoundError, match='create it with edgeops.cdn.cdn_zone first'):
        cf.find_origin({'zone': 'cdn.example.com'})


def test_update_origin_puts_the_origin_string(adapter):
    resource = {'cdn_resource': {'id': 7, 'cdn_hostname': 'cdn.example.com',
                                 'origins': [{'key': 'origin_1', 'value': 'a.example.com'}]}}
    cf = adapter({('GET', 'cdn_resources/7.json'): resource, ('GET', 'cdn_resources/7/advanced.json'): {'cdn_resource': {'id': 7}}})
    current = {'id': '7', 'zone': '7', 'protocol': 'http'}
    endpoints = [{'host': 'a.example.com', 'port': 80}, {'host': 'b.example.com', 'port': 8080}]
    after = cf.update_origin(current, {'endpoints': endpoints}, {})
    assert cf.client.calls[0] == ('PUT', 'cdn_resources/7.json',
                                  {'cdn_resource': {'origin': 'a.example.com,b.example.com:8080'}})
    assert after['zone'] == '7'
    assert cf.update_origin(current, {}, {}) is current
