"""What the UCDN Adapter declares (providers/ucdn/__init__.py): capabilities and assembly."""

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class


def test_capabilities_declare_the_settings():
    caps = ucdn.CAPABILITIES.resource('zone')
    assert 'delete' in caps.operations
    assert caps.settings['object_size']['choices'] == ['small', 'big']
    assert caps.settings['hash_secret'] == dict(type='str', secret=True)
    assert caps.settings['hash_algorithm']['choices'] == ['md5', 'sha1']
    assert caps.settings['hash_ttl'] == dict(type='int', min=0)
    assert 'tls' not in caps.fields and 'compress' not in caps.fields


def test_capabilities_declare_origin_and_certificate():
    caps = ucdn.CAPABILITIES
    assert caps.limits.origin_scope == 'zone' and caps.limits.origin_endpoint_ports is True
    assert 'delete' not in caps.resource('origin').operations
    assert set(caps.resource('certificate').operations) == {'list', 'get', 'create', 'delete', 'bind', 'acme'}


def test_default_report_is_the_first_choice():
    assert ucdn.CAPABILITIES.resources['stats'].choices['report'][0] == 'bytes'


def test_registry_finds_the_package_adapter():
    adapter = adapter_class('ucdn')
    assert adapter is ucdn.Adapter and issubclass(adapter, ZoneAPI)
    assert adapter.auth_options('tok', None) == dict(headers={'X-UCDN-Token': 'tok'})
