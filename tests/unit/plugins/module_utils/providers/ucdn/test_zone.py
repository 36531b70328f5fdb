"""UCDN zones with a fake client (providers/ucdn/zone.py): validation, storage origins,
create and update."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

from ._fake import adapter

# The "Storage FTP" example of UCDN API v3.
STORAGE_EXAMPLE = {"id": 1, "container": "level-3-logs", "ftp_host": "north-america.upload.cdn13.com",
                   "ftp_user": "1000121.1000121", "ftp_password": "ftppassword", "region": "north-america",
                   "synchronized_with_storage": None}
ZONE = {'id': '5', 'custom_domains': ['cdn.example.com'], 'is_active': '1', 'object_size': 'small',
        'reconfig_status': 'reconfiguring',
        'upstream': {'endpoints': [{'host': 'o.example.com', 'port': 443}], 'proto': 'https', 'type': 'own',
                     'host_header': 'o.example.com', 'auth': {'type': 'none'}}}


def test_validate_zone_keeps_the_secret_out_of_the_settings():
    zones = ucdn.Adapter(None)
    desired = dict(hostname='cdn.example.com', settings=dict(hash_secret='abc', hash_ttl=5))
    zones.validate_zone(desired, 'present')
    assert desired['settings'] == dict(hash_secret=REDACTED, hash_ttl=5)
    assert zones.secrets == {'hash_secret': 'abc'}
    fed_back = dict(hostname='cdn.example.com', settings=dict(hash_secret=REDACTED))
    ucdn.Adapter(None).validate_zone(fed_back, 'present')
    assert fed_back['settings'] == dict(hash_secret=None)


def test_validate_zone_normalises_origin_and_aliases():
    zones = ucdn.Adapter(client=None)
    desired = dict(hostname='cdn.example.com', aliases=['cdn.example.com', 'a.example.com'],
                   origin='http://o.example.com:80', settings={'geo_filter_allow': ['de']})
    zones.validate_zone(desired, 'present')
    assert desired['origin'] == 'http://o.example.com'
    assert desired['aliases'] == ['a.example.com']
    assert desired['settings']['geo_filter_allow'] == ['DE']
    with pytest.raises(CdnValidationError):
        zones.validate_zone(dict(origin='storage:'), 'present')


def test_validate_zone_resolves_a_storage_by_name_or_id():
    zones = adapter({('GET', 'storages'): [STORAGE_EXAMPLE]})
    for ref in ('level-3-logs', '1'):
        desired = dict(origin='storage:%s' % ref)
        zones.validate_zone(desired, 'present')
        assert desired['origin'] == 'storage:1'
    with pytest.raises(CdnValidationError, match='origin'):
        zones.validate_zone(dict(origin='storage:other'), 'present')
    with pytest.raises(CdnValidationError, match='origin_host_header'):
        zones.validate_zone(dict(origin='storage:1', origin_host_header='h.example.com'), 'present')
    assert zones.client.writes() == []


def test_zone_ready_is_reconfig_status_ready():
    zones = ucdn.Adapter(None)
    assert zones.zone_ready(dict(status='ready'))
    assert not zones.zone_ready(dict(status='reconfiguring'))


def test_create_disabled_zone_disables_right_after_and_does_not_wait():
    zones = adapter({('POST', 'zone'): {'zone_id': 5}, ('GET', 'zone/5'): ZONE, ('PATCH', 'zone/5'): {}},
                    wait=True)
    desired = dict(hostname='cdn.example.com', origin='https://o.example.com', enabled=False)
    zone = zones.create_zone(desired)
    assert zone['id'] == '5'
    assert [(c[0], c[1], c[3]) for c in zones.client.writes()] == [
        ('POST', 'zone', {'upstream': {'endpoints': [{'host': 'o.example.com', 'port': 443}], 'proto': 'https',
                                       'host_header': 'o.example.com', 'type': 'own', 'auth': {'type': 'none'}},
                          'custom_domains': ['cdn.example.com'], 'object_size': 'small'}),
        ('PATCH', 'zone/5', {'disable': True}),
    ]
    # The core's ensure waits for zone_ready when the user sets wait: the adapter reads once after each write.
    assert [c[1] for c in zones.client.calls if c[0] == 'GET'] == ['zone/5', 'zone/5']


def test_capabilities_declare_object_size_fixed_citing_the_document():
    zone = ucdn.CAPABILITIES.resource('zone')
    assert zone.immutable == ('settings.object_size',) and zone.create_requires == (('origin',),)
    assert '"Replace a zone configuration"' in zone.immutable_reason


def test_update_sends_only_the_changes():
    zones = adapter({('GET', 'zone/5'): ZONE, ('PATCH', 'zone/5'): {}})
    current = zones.get_zone('5')
    zones.update_zone(current, dict(cache_ttl=60), dict(cache_ttl=60))
    assert zones.client.writes() == [('PATCH', 'zone/5', None, {'expiration': 60})]
