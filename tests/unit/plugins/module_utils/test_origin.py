"""cdn_origin's core: option normalisation and the secret-aware compare."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import fill_default_ports
from ansible_collections.edgeops.cdn.plugins.module_utils.origin import (
    compare_origin,
    desired_origin,
    normalize_auth,
    normalize_group,
    origin_view,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import Capabilities, Limits, ResourceCaps, ORIGIN_FIELDS

CAPS = Capabilities('test', 'Test', resources={'origin': ResourceCaps(('get', 'update'), ORIGIN_FIELDS)},
                    limits=Limits(origin_scope='zone', origin_endpoints=2))


def params(**kwargs):
    base = dict((k, None) for k in ORIGIN_FIELDS)
    base['zone'] = 'cdn.example.com'
    base.update(kwargs)
    return base


def test_endpoints_are_normalised_and_limited():
    desired = desired_origin(params(endpoints=[{'host': 'Origin.Example.COM.', 'port': None}]), CAPS)
    assert desired['endpoints'] == [{'host': 'origin.example.com', 'port': None}]
    with pytest.raises(CdnValidationError, match='endpoints.*3 entries.*at most 2'):
        desired_origin(params(endpoints=[{'host': 'a%d.example.com' % i} for i in range(3)]), CAPS)
    with pytest.raises(CdnValidationError, match=r'endpoints\[0\].port'):
        desired_origin(params(endpoints=[{'host': 'a.example.com', 'port': 70000}]), CAPS)
    with pytest.raises(CdnValidationError, match=r'endpoints\[0\].host.*not a valid host'):
        desired_origin(params(endpoints=[{'host': 'bad host!'}]), CAPS)
    with pytest.raises(CdnValidationError, match='same host and port twice'):
        desired_origin(params(endpoints=[{'host': 'a.example.com'}, {'host': 'A.example.com'}]), CAPS)


def test_ports_refused_where_the_provider_has_none():
    caps = Capabilities('lw', 'LW', resources={'origin': ResourceCaps(('get',), ORIGIN_FIELDS)},
                        limits=Limits(origin_endpoint_ports=False))
    with pytest.raises(CdnValidationError, match='http_port and https_port'):
        desired_origin(params(endpoints=[{'host': 'a.example.com', 'port': 8080}]), caps)


def test_default_ports_follow_the_protocol():
    desired = {'endpoints': [{'host': 'a.example.com', 'port': None}], 'protocol': None}
    assert fill_default_ports(desired, {'protocol': 'https'})['endpoints'][0]['port'] == 443
    assert fill_default_ports(dict(desired, protocol='http'), {'protocol': 'https'})['endpoints'][0]['port'] == 80
    assert desired['endpoints'][0]['port'] is None  # not modified in place


def test_auth_types_take_their_fields_only():
    assert normalize_auth({'type': 'http_basic', 'username': 'u', 'password': 'p', 'access_key': None}) == \
        {'type': 'http_basic', 'username': 'u', 'password': 'p'}
    with pytest.raises(CdnValidationError, match='auth.*needs password'):
        normalize_auth({'type': 'http_basic', 'username': 'u'})
    with pytest.raises(CdnValidationError, match='secret_key, which auth type http_basic does not take'):
        normalize_auth({'type': 'http_basic', 'username': 'u', 'password': 'p', 'secret_key': 's'})
    assert normalize_auth(None) == {'type': 'none'}


def test_group_members_are_checked():
    group = normalize_group({'balancing_method': 'roundrobin', 'members': [{'origin': 'a', 'status': None}]})
    assert group == {'balancing_method': 'ROUNDROBIN', 'members': [{'origin': 'a', 'status': 'active'}]}
    with pytest.raises(CdnValidationError, match='lists an origin twice'):
        normalize_group({'members': [{'origin': 'a'}, {'origin': 'a'}]})
    with pytest.raises(CdnValidationError, match=r'group.members\[0\].status'):
        normalize_group({'members': [{'origin': 'a', 'status': 'primary'}]})


def test_secrets_sent_only_when_needed():
    current = {'auth': {'type': 'http_basic', 'username': 'u'}, 'host_header': 'a.example.com'}
    same = {'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}
    assert compare_origin(same, current) == {}
    assert compare_origin(same, current, 'always') == {'auth': same['auth']}
    other_user = {'auth': {'type': 'http_basic', 'username': 'v', 'password': 'p'}}
    assert compare_origin(other_user, current) == {'auth': other_user['auth']}
    assert compare_origin({'host_header': 'b.example.com', 'zone': 'z', 'name': 'n'}, current) == \
        {'host_header': 'b.example.com'}


def test_view_masks_secrets():
    view = origin_view({'id': '1', 'auth': {'type': 'http_basic', 'username': 'u', 'password': 'p'}}, CAPS)
    assert view['auth']['password'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert view['auth']['username'] == 'u'
