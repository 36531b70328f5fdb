"""Leaseweb CDN v2 origins and origin groups (providers/leaseweb/origin.py)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter


def test_validate_origin_checks_the_group():
    adapter = Adapter(None)
    desired = {'group': {'keep_alive': 1}}
    adapter.validate_origin(desired, 'present')
    assert desired['group']['keep_alive'] is True
    with pytest.raises(CdnValidationError, match='group.keep_alive'):
        adapter.validate_origin({'group': {'keep_alive': 4}}, 'present')
    with pytest.raises(CdnValidationError, match='option path: is an option of a single origin'):
        adapter.validate_origin({'group': {}, 'path': '/x'}, 'present')
    with pytest.raises(CdnValidationError, match='contradicts enabled'):
        adapter.validate_origin({'group': {'enabled': True}, 'enabled': False}, 'present')
