"""Cloakfusion origins (providers/cloakfusion/origin.py) over a fake client: origin_url is fixed
(refused at the read, before any write), host_header is the vhost property's."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnUnsupportedError

from ._fake import adapter, vhost


def routes(extra=None):
    found = {('GET', 'vhosts/'): [vhost(1, origin='https://o.example.com/static')]}
    found.update(extra or {})
    return found


def test_find_origin_by_zone_host_name():
    cf, client = adapter(routes())
    origin = cf.find_origin(dict(zone='cdn.example.com', endpoints=[dict(host='o.example.com', port=None)]))
    assert origin['endpoints'] == [dict(host='o.example.com', port=443)] and origin['path'] == '/static'
    assert client.writes() == []


@pytest.mark.parametrize('desired, named', [
    (dict(endpoints=[dict(host='o2.example.com', port=None)]), 'endpoints'),
    (dict(protocol='http'), 'protocol'),
    (dict(path='/other'), 'path'),
])
def test_find_origin_refuses_a_different_origin_url(desired, named):
    cf, client = adapter(routes())
    with pytest.raises(CdnUnsupportedError) as err:
        cf.find_origin(dict(desired, zone='cdn.example.com'))
    assert 'origin_url (%s)' % named in str(err.value)
    assert 'its origin_url is https://o.example.com/static' in str(err.value)
    assert client.writes() == []


def test_find_origin_of_a_missing_zone_says_to_create_it():
    cf, _client = adapter(routes())
    with pytest.raises(CdnNotFoundError, match='create it with edgeops.cdn.cdn_zone first'):
        cf.find_origin(dict(zone='missing.example.com'))


def test_update_origin_patches_the_host_header():
    cf, client = adapter(routes({('PATCH', 'vhostproperties/11/'): {},
                                 ('GET', 'vhosts/1/'): vhost(1, host_header='h.example.com')}))
    current = cf.find_origin(dict(zone='cdn.example.com'))
    after = cf.update_origin(current, dict(host_header='h.example.com'), {})
    assert client.writes() == [('PATCH', 'vhostproperties/11/', None, dict(host_header='h.example.com'))]
    assert after['host_header'] == 'h.example.com'
