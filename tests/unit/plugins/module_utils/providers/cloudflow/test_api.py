# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow's api.py, common.py and capabilities: the error dialect, authentication, the path table,
and the answer checks shared by the resources (on a fake client, conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api, wire


@pytest.mark.parametrize('status, body, text, message', [
    (422, {'errors': ['Cdn hostname has already been taken', 'Origin is invalid']}, '',
     'Cdn hostname has already been taken; Origin is invalid'),
    (422, {'errors': {'edge_group_ids': ["can't be blank"], 'cors_on': ['is not a boolean']}}, '',
     "cors_on is not a boolean; edge_group_ids can't be blank"),
    (404, {'error': 'Resource not found'}, '', 'Resource not found'),
    (500, None, '<html><body><h1>500 Internal Server Error</h1><p>x</p></body></html>', '500 Internal Server Error'),
    (502, None, 'Bad gateway', 'Bad gateway'),
])
def test_dialect_error_shapes(status, body, text, message):
    assert api.CloudflowDialect().error_message(status, body, text) == message


def test_auth_options_use_basic_auth():
    assert cloudflow.Adapter.auth_options('key', 'me@example.com')['basic_auth'] == ('me@example.com', 'key')
    assert cloudflow.Adapter.dialect_class is api.CloudflowDialect


def test_paths_encode_ids_as_one_segment():
    assert api.path('resources') == 'cdn_resources.json'
    assert api.path('caching_rule', 7, 3) == 'cdn_resources/7/http_caching_rules/3.json'
    assert api.path('resource', '../users') == 'cdn_resources/..%2Fusers.json'
    with pytest.raises(CdnResponseError):
        api.path('resource', '..')


def test_capabilities():
    caps = cloudflow.CAPABILITIES
    assert caps.needs_user and caps.default_url is None
    assert caps.user_env == ('CLOUDFLOW_API_USER',) and caps.token_env == ('CLOUDFLOW_API_KEY',)
    assert 'delete' in caps.resource('zone').operations
    assert wire.SECRET_SETTINGS == ('url_signing_key',)


def test_origin_capabilities():
    caps = cloudflow.CAPABILITIES
    assert caps.limits.origin_scope == 'zone' and caps.limits.origin_endpoints == 3
    assert caps.resource('origin').fields == ('endpoints', 'protocol')
    assert 'delete' not in caps.resource('origin').operations


def test_certificate_capabilities():
    caps = cloudflow.CAPABILITIES.resource('certificate')
    assert 'bind' in caps.operations and 'acme' not in caps.operations


def test_listing_must_be_wrapped_objects(adapter):
    cf = adapter({('GET', 'cdn_resources.json'): [{'id': 1, 'cdn_hostname': 'cdn.example.com'}]})
    with pytest.raises(CdnResponseError, match="no 'cdn_resource' object"):
        cf.list_zones()


def test_listing_refuses_fields_of_the_wrong_type(adapter):
    body = [{'cdn_resource': {'id': 1, 'cdn_hostname': 'cdn.example.com', 'secondary_hostnames': 'a.example.com'}}]
    with pytest.raises(CdnResponseError, match='secondary_hostnames is .* where a JSON list is documented'):
        adapter({('GET', 'cdn_resources.json'): body}).list_zones()


def test_basic_details_must_be_the_resource_asked_for(adapter):
    cf = adapter({('GET', 'cdn_resources/7.json'): {'cdn_resource': {'id': 8, 'cdn_hostname': 'cdn.example.com'}}})
    with pytest.raises(CdnResponseError, match='CDN resource 7 was asked for; the answer is resource 8'):
        cf.get_zone('7')
    assert adapter({('GET', 'cdn_resources/7.json'): 404}).get_zone('7') is None


def test_advanced_settings_must_be_the_resource_asked_for(adapter):
    cf = adapter({('GET', 'cdn_resources/7.json'): {'cdn_resource': {'id': 7, 'cdn_hostname': 'cdn.example.com'}},
                  ('GET', 'cdn_resources/7/advanced.json'): {'cdn_resource': {'id': 9}}})
    with pytest.raises(CdnResponseError, match='advanced settings of CDN resource 7 were asked for'):
        cf.get_zone('7')


def test_created_answer(adapter):
    cf = adapter()
    assert cf._created(ApiResponse(200, {}, {}, ''), 'cdn_resource', 'create') is None
    assert cf._created(ApiResponse(201, {}, {'cdn_resource': {'id': 5}}, ''), 'cdn_resource', 'create') == {'id': 5}
    with pytest.raises(CdnResponseError) as caught:
        cf._created(ApiResponse(201, {}, {'cdn_resource': {'id': [5]}}, ''), 'cdn_resource', 'create')
    # The create may have happened: the core looks it up instead of sending it again.
    assert caught.value.maybe_applied


def test_edge_groups_are_read_once_and_must_be_numeric(adapter):
    groups = [{'edge_group': {'id': 2, 'label': 'NA'}}, {'edge_group': {'id': '1', 'label': 'EU'}}]
    cf = adapter({('GET', 'cdn_resources/available_edge_groups.json'): groups})
    assert cf.available_edge_groups() == [1, 2] and cf.available_edge_groups() == [1, 2]
    assert cf.client.paths() == ['cdn_resources/available_edge_groups.json']
    bad = adapter({('GET', 'cdn_resources/available_edge_groups.json'): [{'edge_group': {'id': 'eu'}}]})
    with pytest.raises(CdnResponseError, match='not a numeric edge group id'):
        bad.available_edge_groups()
