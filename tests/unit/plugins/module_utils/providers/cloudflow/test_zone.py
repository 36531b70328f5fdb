# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow zones (zone.Zones): input checks, what "ready" means, and which reads a run sends,
decided by the desired zone and RunOptions alone (a fake client, conftest.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

RESOURCE = {'cdn_resource': {'id': 7, 'cdn_hostname': 'cdn.example.com', 'resource_type': 'HTTP_PULL',
                             'status': 'ACTIVE', 'origins': [{'key': 'origin_1', 'value': 'o.example.com'}]}}
ROUTES = {
    ('GET', 'cdn_resources.json'): [RESOURCE, {'cdn_resource': {'id': 8, 'cdn_hostname': 'files.example.com',
                                                                'resource_type': 'HTTP_PUSH'}}],
    ('GET', 'cdn_resources/7.json'): RESOURCE,
    ('GET', 'cdn_resources/7/advanced.json'): {'cdn_resource': {'id': 7, 'origin_policy': 'HTTPS', 'cors_on': 1}},
    ('GET', 'cdn_resources/7/http_caching_rules.json'): [{'rule': {'id': 3, 'name': 'images', 'conditions': [],
                                                                   'actions': ['cache']}}],
    ('GET', 'cdn_resources/7/instructions.json'): {'cdn_resource': {'instructions': 'Create a CNAME record'}},
    ('GET', 'cdn_resources/edge_ips.json'): [{'edge_ips': {'edge_ip': '192.0.2.2'}}, {'edge_ips': {'edge_ip': '192.0.2.1'}}],
    ('GET', 'cdn_resources/available_edge_groups.json'): [{'edge_group': {'id': 1, 'label': 'EU'}}],
}


def test_validate_zone_takes_secret_out_of_desired(adapter):
    cf = adapter()
    desired = {'origin': 'http://o.example.com', 'settings': {'url_signing_key': 'k', 'cors_on': True, 'countries': ['de']}}
    cf.validate_zone(desired, 'present')
    assert cf.secrets == {'url_signing_key': 'k'}
    assert desired['settings'] == {'url_signing_key': REDACTED, 'cors_on': True, 'countries': ['DE']}


def test_validate_zone_fed_back_mark_means_untouched(adapter):
    cf = adapter()
    desired = {'settings': {'url_signing_key': REDACTED}}
    cf.validate_zone(desired, 'present')
    assert desired['settings'] == {'url_signing_key': None}
    assert cf.secrets == {}


@pytest.mark.parametrize('settings', [{'countries': ['Germany']}, {'edge_group_ids': ['eu']}])
def test_validate_zone_rejects(adapter, settings):
    with pytest.raises(CdnValidationError):
        adapter().validate_zone({'settings': settings}, 'present')


def test_zone_ready(adapter):
    cf = adapter()
    assert cf.zone_ready({'status': 'ACTIVE'}) and cf.zone_ready({'status': 'Active'})
    assert not cf.zone_ready({'status': 'PENDING'}) and not cf.zone_ready({'status': None})


def test_a_zone_read_is_basic_details_and_advanced_settings(adapter):
    cf = adapter(ROUTES)
    cf.validate_zone({'hostname': 'cdn.example.com', 'settings': {'cors_on': True}}, 'present')
    zone = cf.find_zone(hostname='cdn.example.com')
    assert zone['id'] == '7' and zone['origin'] == 'https://o.example.com' and zone['settings']['cors_on'] is True
    assert 'http_caching_rules' not in zone['settings'] and 'instructions' not in zone['raw']
    assert cf.client.paths() == ['cdn_resources.json', 'cdn_resources/7/advanced.json']
    # HTTP_PUSH resources are storages, never zones.
    assert cf.find_zone(hostname='files.example.com') is None


def test_caching_rules_are_read_when_the_desired_zone_sets_them(adapter):
    cf = adapter(ROUTES)
    cf.validate_zone({'settings': {'http_caching_rules': []}}, 'present')
    zone = cf.get_zone('7')
    assert zone['settings']['http_caching_rules'] == [dict(name='images', conditions=[], actions=['cache'])]
    assert 'cdn_resources/7/http_caching_rules.json' in cf.client.paths()


def test_details_add_instructions_edge_ips_and_caching_rules(adapter):
    cf = adapter(ROUTES, details=('instructions', 'edge_ips', 'caching_rules'))
    zone = cf.get_zone('7')
    assert zone['raw']['instructions'] == 'Create a CNAME record'
    assert zone['raw']['edge_ips'] == ['192.0.2.1', '192.0.2.2']
    assert zone['settings']['http_caching_rules'][0]['name'] == 'images'
    assert cf.skipped_extras() == []


def test_only_the_extras_asked_for_are_read(adapter):
    cf = adapter(ROUTES, details=('edge_ips',))
    zone = cf.get_zone('7')
    assert zone['raw']['edge_ips'] == ['192.0.2.1', '192.0.2.2']
    assert 'instructions' not in zone['raw'] and 'http_caching_rules' not in zone['settings']
    assert cf.client.paths() == ['cdn_resources/7.json', 'cdn_resources/7/advanced.json', 'cdn_resources/edge_ips.json']


def test_an_extra_answering_404_is_skipped_once_and_reported(adapter):
    routes = dict(ROUTES)
    routes[('GET', 'cdn_resources/7/instructions.json')] = 404
    routes[('GET', 'cdn_resources/edge_ips.json')] = 404
    cf = adapter(routes, details=('instructions', 'edge_ips', 'caching_rules'))
    zone = cf.get_zone('7')
    again = cf.get_zone('7')
    assert 'instructions' not in zone['raw'] and 'edge_ips' not in zone['raw']
    assert zone['settings']['http_caching_rules'][0]['name'] == 'images' and again['id'] == '7'
    # An endpoint found missing is not asked again in the same run.
    assert cf.client.paths().count('cdn_resources/7/instructions.json') == 1
    assert cf.client.paths().count('cdn_resources/edge_ips.json') == 1
    assert cf.skipped_extras() == [
        dict(extra='edge_ips', reason='this control panel has no edge IPs endpoint (HTTP 404 on GET '
                                      '/cdn_resources/edge_ips.json); edge IPs not read'),
        dict(extra='instructions', reason='this control panel has no instructions endpoint (HTTP 404 on GET '
                                          '/cdn_resources/7/instructions.json); instructions not read')]


def test_managed_caching_rules_on_a_panel_without_them_fail_naming_the_setting(adapter):
    routes = dict(ROUTES)
    routes[('GET', 'cdn_resources/7/http_caching_rules.json')] = 404
    cf = adapter(routes)
    cf.validate_zone({'settings': {'http_caching_rules': []}}, 'present')
    with pytest.raises(CdnUnsupportedError) as info:
        cf.get_zone('7')
    assert str(info.value).startswith('cloudflow list HTTP caching rules: option settings.http_caching_rules: '
                                      'this CloudFlow control panel has no HTTP caching rules (HTTP 404 on GET '
                                      '/cdn_resources/7/http_caching_rules.json)'), str(info.value)


def test_create_sends_every_available_edge_group_and_reads_the_new_zone(adapter):
    routes = dict(ROUTES)
    routes[('POST', 'cdn_resources.json')] = {'cdn_resource': {'id': 7}}
    cf = adapter(routes)
    desired = {'hostname': 'cdn.example.com', 'origin': 'https://o.example.com', 'settings': None}
    cf.validate_zone(desired, 'present')
    zone = cf.create_zone(desired)
    assert zone['id'] == '7'
    post = [j for m, p, j in cf.client.calls if m == 'POST'][0]
    assert post['cdn_resource']['edge_group_ids'] == [1] and post['cdn_resource']['origin_policy'] == 'HTTPS'
    # No wait in the adapter: the core's ensure waits with zone_ready when the user asks.
    assert cf.client.paths('GET').count('cdn_resources/7.json') == 1


def test_update_without_changes_sends_nothing(adapter):
    cf = adapter(ROUTES)
    current = {'id': '7', 'origins': ['o.example.com'], 'origin_policy': 'HTTPS'}
    assert cf.update_zone(current, {}, {}) is current
    assert cf.client.calls == []


def test_the_extras_cdn_zone_info_may_ask_for_are_the_ones_read():
    from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow
    from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.zone import EXTRAS
    assert sorted(cloudflow.CAPABILITIES.resource('zone').choices['extras']) == sorted(EXTRAS)
