"""The concurrency option (pool.py), with each module's own maximum."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import dns, purge
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.pool import check_concurrency


@pytest.mark.parametrize('value, maximum, ok', [
    (None, dns.MAX_CONCURRENCY, 4), (1, dns.MAX_CONCURRENCY, 1), (20, dns.MAX_CONCURRENCY, 20), ('8', dns.MAX_CONCURRENCY, 8),
    (0, dns.MAX_CONCURRENCY, None), (21, dns.MAX_CONCURRENCY, None), ('x', dns.MAX_CONCURRENCY, None),
    (16, purge.MAX_CONCURRENCY, 16), (17, purge.MAX_CONCURRENCY, None), (-1, purge.MAX_CONCURRENCY, None),
])
def test_concurrency_option_is_bounded(value, maximum, ok):
    if ok is None:
        with pytest.raises(CdnValidationError) as info:
            check_concurrency(value, maximum)
        assert 'concurrency' in str(info.value) and '1 to %d' % maximum in str(info.value)
    else:
        assert check_concurrency(value, maximum) == ok
