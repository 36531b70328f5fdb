"""Leaseweb CDN v2 capabilities and the assembled Adapter (providers/leaseweb/__init__.py)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.action import ActionAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.certificate import CertificateAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.debug import DebugAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import registry
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ProviderAdapter
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import (
    CAPABILITIES,
    Adapter,
    access_rule,
    action,
    certificate,
    debug,
    origin,
    purge,
    stats,
    wire,
    zone,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions


def test_capabilities_declare_the_settings():
    caps = CAPABILITIES.resource('zone')
    assert 'delete' in caps.operations and 'aliases' in caps.fields
    assert caps.settings['deliveryTtlOverride'] == dict(type='int', min=0, max=31536000)
    assert [k for k, v in caps.settings.items() if v.get('secret')] == list(wire.POLICY_SECRETS)
    assert caps.settings['securityTokenNumberOfPathComponents'] == dict(type='int', min=-1, max=10)
    assert Adapter.auth_options('k', None) == {'headers': {'X-LSW-Auth': 'k'}}


def test_capabilities_declare_origin_and_certificate():
    caps = CAPABILITIES
    assert caps.limits.origin_scope == 'account' and caps.limits.origin_endpoint_ports is False
    assert 'origin_id' in caps.resource('zone').fields
    assert 'protocol' not in caps.resource('origin').fields
    assert 'bind' in caps.resource('certificate').operations
    assert 'acme' not in caps.resource('certificate').operations


def test_the_adapter_is_assembled_from_the_resource_classes():
    assert registry.adapter_class('leaseweb') is Adapter
    resources = (zone.Zones, origin.Origins, certificate.Certificates, purge.Purges, stats.Statistics,
                 access_rule.AccessRules, debug.Debug, action.Actions)
    for resource in resources:
        assert issubclass(Adapter, resource)
    for interface in (ZoneAPI, OriginAPI, CertificateAPI, PurgeAPI, StatsAPI, AccessRuleAPI, DebugAPI, ActionAPI):
        assert issubclass(Adapter, interface)
    # every resource method comes before the interfaces' "not offered" defaults
    mro = Adapter.__mro__
    assert max(mro.index(r) for r in resources) < mro.index(ProviderAdapter)
    adapter = Adapter.build('https://api.leaseweb.com/cdn/v2', 'key', run=RunOptions(wait=True, wait_timeout=7))
    assert adapter.run.wait is True and adapter.run.wait_timeout == 7
    # what Leaseweb does not offer fails naming what it does
    with pytest.raises(CdnUnsupportedError, match='Leaseweb does not offer the resource .storage.'):
        adapter.list_storages()
