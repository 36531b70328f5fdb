"""Cloakfusion's API table and dialect (providers/cloakfusion/api.py) and the assembled Adapter."""

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import registry
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import Adapter, api
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions


def test_paths_end_in_a_slash_and_encode_ids():
    assert all(p.endswith('/') for p in api.PATHS.values())
    assert api.path('vhost', 3) == 'vhosts/3/'
    assert api.path('vhost_property', 'a/b') == 'vhostproperties/a%2Fb/'


def test_dialect_reads_drf_errors():
    dialect = api.CloakfusionDialect()
    assert dialect.error_message(404, {'detail': 'Not found.'}, '') == 'Not found.'
    assert dialect.error_message(400, {'urls': ['Enter a valid URL.']}, '') == 'urls: Enter a valid URL.'
    assert dialect.is_throttled(429, None)


def test_the_adapter_is_assembled_from_the_resource_classes():
    assert registry.adapter_class('cloakfusion') is Adapter
    for interface in (ZoneAPI, OriginAPI, PurgeAPI, StatsAPI):
        assert issubclass(Adapter, interface)
    adapter = Adapter.build('https://my.cloakfusion.com/api/v1/', 'tok', run=RunOptions(wait=True))
    assert isinstance(adapter.client, ApiClient) and isinstance(adapter.client.dialect, api.CloakfusionDialect)
    assert adapter.client.session.headers['Authorization'] == 'Token tok'
    assert adapter.run.wait is True
