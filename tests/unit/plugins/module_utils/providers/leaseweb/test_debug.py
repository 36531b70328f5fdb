"""cdn_debug_info on Leaseweb: the URL checks ("Debug Url": 1 to 2083 characters)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.debug import check_debug_url
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError


@pytest.mark.parametrize('url, text', [
    ('', 'is 0 characters long'),
    ('https://cdn.example.com/' + 'a' * 2060, 'is 2084 characters long'),
    ('cdn.example.com/a', 'not an absolute'),
    ('ftp://cdn.example.com/a', 'not an absolute'),
    ('https:///a', 'has no host'),
    ('https://cdn.example.com/a b', 'white space'),
])
def test_debug_url_checks(url, text):
    with pytest.raises(CdnValidationError) as err:
        check_debug_url(url)
    assert 'option url' in str(err.value) and text in str(err.value)


def test_debug_url_limits_are_inclusive():
    url = 'https://cdn.example.com/' + 'a' * (2083 - len('https://cdn.example.com/'))
    assert check_debug_url(url) == url
