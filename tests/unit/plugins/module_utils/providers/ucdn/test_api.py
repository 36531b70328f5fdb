"""UCDN's dialect and the request helpers every resource class shares (providers/ucdn/api.py)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn import api

from ._fake import NOT_FOUND, adapter

ZONE = {'id': '5', 'custom_domains': ['cdn.example.com'], 'reconfig_status': 'ready',
        'upstream': {'endpoints': [{'host': 'o.example.com', 'port': 443}], 'proto': 'https',
                     'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}}


def test_dialect_retries_532_and_reads_messages():
    dialect = api.UcdnDialect()
    assert 532 in dialect.retry_statuses and 503 in dialect.retry_statuses
    assert dialect.error_message(532, {'message': 'Fail'}, '') == 'Fail'
    assert dialect.error_message(401, 'Invalid login credentials', '"Invalid login credentials"') == \
        'Invalid login credentials'


def test_paths_encode_ids_as_one_segment():
    assert api.path('zone', 5) == 'zone/5'
    assert api.path('purge_job', 'a/b') == 'purge/job/a%2Fb/'
    assert api.path('zones') == 'zones'


def test_read_zone_keeps_the_raw_object_and_masks_it_in_the_result():
    ucdn = adapter({('GET', 'zone/5'): ZONE})
    zone = ucdn._read_zone('5', 'cdn.example.com')
    assert zone['id'] == '5' and zone['hostname'] == 'cdn.example.com'
    assert zone['raw']['upstream']['auth']['password'] != 'p'
    assert ucdn._raw['5']['upstream']['auth']['password'] == 'p'


def test_read_zone_missing_and_about_another_zone():
    assert adapter({('GET', 'zone/5'): NOT_FOUND})._read_zone('5') is None
    with pytest.raises(CdnError, match='not zone .5., which was asked for'):
        adapter({('GET', 'zone/5'): dict(ZONE, id='6')})._read_zone('5')
    # Digits are compared as numbers: 05 is 5.
    assert adapter({('GET', 'zone/05'): ZONE})._read_zone('05')['id'] == '5'


def test_list_raw_refuses_an_unreadable_zone():
    with pytest.raises(CdnError, match='custom_domains'):
        adapter({('GET', 'zones'): [dict(ZONE, custom_domains={'a': 1})]})._list_raw()


def test_an_unusable_answer_to_a_write_may_have_been_applied():
    ucdn = adapter()
    with pytest.raises(CdnError) as err:
        ucdn._written(ApiResponse(200, {}, {'message': 'ok'}, ''), ('object', ('zone_id',)), 'create zone')
    assert err.value.maybe_applied is True


def test_storage_bodies_keep_the_ftp_passwords_aside():
    storages = [{'id': 1, 'container': 'logs', 'ftp_password': 'pw', 'region': 'europe'}]
    ucdn = adapter({('GET', 'storages'): storages})
    assert ucdn._storage_bodies() == storages
    assert ucdn.storage_password({'id': '1'}) == 'pw'
