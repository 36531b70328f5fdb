"""CloudFlare's capabilities (the package's __init__.py): what the cores and the support matrix read."""

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class


def test_registry_finds_the_package_adapter():
    assert adapter_class('cloudflare') is cloudflare.Adapter
    assert cloudflare.Adapter.capabilities is cloudflare.CAPABILITIES


def test_capabilities_declare_the_new_resources():
    caps = cloudflare.CAPABILITIES
    assert caps.resource('stats').fields == ('zone',)
    assert caps.limits.stats_zone_required is True
    assert caps.limits.access_rule_scope == 'account'
    assert 'list' not in caps.resource('access_rule').operations
    assert caps.resource('access_rule').fields == ('ip',)
    assert caps.resource('ip_info').operations == ('lookup', 'visitors')
    assert caps.limits.ip_visitors_max_hours == 48
    assert caps.limits.ip_class_aliases == {'r': 'regular', 's': 'crawler', 't': 'threat'}
    assert caps.resource('snapshot').operations == ('refresh',)
    assert caps.limits.api_rate == (1200, 300) and caps.limits.page_size == 180
