"""What every adapter inherits (providers/base.py): typed limits and the zone a ``zone`` option names."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    Capabilities,
    Limits,
    ProviderAdapter,
)


def test_limits_defaults_and_unknown_keys():
    limits = Limits(purge_batch=5)
    assert (limits.purge_batch, limits.purge_form, limits.origin_scope, limits.ip_class_aliases) == (5, 'url', 'account', {})
    with pytest.raises(TypeError):
        Limits(purge_batches=5)
    with pytest.raises(TypeError):
        Capabilities('x', 'X', limits={'purge_batch': 5})
    assert Capabilities('x', 'X').limits.storage_password == 'generated'


class Zones(ProviderAdapter):
    capabilities = Capabilities('sim', 'Sim')
    zones = [dict(id='7', hostname='cdn.example.com')]

    def list_zones(self):
        return self.zones


def test_zone_found_by_host_name_or_id():
    adapter = Zones(client=None)
    assert adapter.find_zone_ref(' CDN.example.com. ')['id'] == '7'
    assert adapter.find_zone_ref('7')['hostname'] == 'cdn.example.com'
    assert adapter.find_zone_ref('8') is None
    with pytest.raises(CdnNotFoundError) as info:
        adapter.require_zone_ref('nope.example.com', 'purge')
    assert str(info.value) == "sim purge: option zone: 'nope.example.com' names no Sim zone (by host name or id)"
    with pytest.raises(CdnNotFoundError, match='zone nope.example.com not found; create it with edgeops.cdn.cdn_zone first'):
        adapter.require_zone_ref(' nope.example.com', 'find zone', prerequisite=True)
