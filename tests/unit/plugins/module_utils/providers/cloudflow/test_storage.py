# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow storages (storage.Storages): HTTP_PUSH resources named by their CDN hostname."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError

PUSH = {'cdn_resource': {'id': 8, 'cdn_hostname': 'files.example.com', 'resource_type': 'HTTP_PUSH'}}
ROUTES = {
    ('GET', 'cdn_resources.json'): [PUSH],
    ('GET', 'cdn_resources/8.json'): PUSH,
    ('GET', 'cdn_resources/8/advanced.json'): {'cdn_resource': {'id': 8, 'storage_server_location': 'europe'}},
    ('GET', 'cdn_resources/8/instructions.json'): {'cdn_resource': {'instructions': {'ftp_user': 'u8'}}},
    ('GET', 'cdn_resources/available_edge_groups.json'): [{'edge_group': {'id': 1}}],
    ('POST', 'cdn_resources.json'): {'cdn_resource': {'id': 8}},
}


def test_validate_storage_needs_a_host_name(adapter):
    desired = {'name': 'Files.Example.com'}
    adapter().validate_storage(desired, 'present')
    assert desired['name'] == 'files.example.com'
    with pytest.raises(CdnValidationError, match='option name'):
        adapter().validate_storage({'name': 'files'}, 'present')


def test_create_needs_the_password_and_reads_the_storage_back(adapter):
    cf = adapter(ROUTES)
    with pytest.raises(CdnValidationError, match='option ftp_password'):
        cf.create_storage({'name': 'files.example.com', 'region': 'europe'})
    storage = cf.create_storage({'name': 'files.example.com', 'region': 'europe', 'ftp_password': 'pw'})
    assert storage['id'] == '8' and storage['region'] == 'europe' and storage['ftp_user'] == 'u8'
    assert 'pw' not in repr(storage)


def test_rotation_puts_the_new_password_on_this_storage(adapter):
    cf = adapter()
    cf.set_storage_password({'id': '8'}, 'new')
    assert cf.client.calls == [('PUT', 'cdn_resources/8.json', {'cdn_resource': {'ftp_password': 'new'}})]
    assert cf.storage_password({'id': '8'}) is None
