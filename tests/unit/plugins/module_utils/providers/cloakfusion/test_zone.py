"""Cloakfusion zones (providers/cloakfusion/zone.py) over a fake client: the vhost create, the
property PATCH that follows a new vhost's CNAME through RunOptions.wait_for (never the module's
parameters), and the fields no request can change."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnResponseError,
    CdnWaitTimeout,
)

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloakfusion

from ._fake import NOT_FOUND, FakeClient, RecordingRun, Sequence, adapter, vhost

DESIRED = dict(hostname='cdn.example.com', origin='http://o.example.com')


def test_create_without_properties_to_set_is_one_post_and_no_wait():
    cf, client = adapter({('POST', 'vhosts/'): vhost(2, props=False)})
    zone = cf.create_zone(dict(DESIRED))
    assert zone['id'] == '2' and zone['cdn_domain'] is None
    payload = dict(domain_name='cdn.example.com', origin_url='http://o.example.com', name='cdn-example-com')
    assert client.calls == [('POST', 'vhosts/', None, payload)]
    assert cf.run.waits == []


def test_create_with_properties_follows_the_cname_then_patches():
    cf, client = adapter({
        ('POST', 'vhosts/'): vhost(2, props=False),
        # Properties appear with the CNAME (up to 30 s after the create).
        ('GET', 'vhosts/2/'): Sequence(vhost(2, props=False), vhost(2), vhost(2, gzip=True)),
        ('PATCH', 'vhostproperties/12/'): dict(id=12, gzip=True),
    })
    zone = cf.create_zone(dict(DESIRED, compress=True))
    assert cf.run.waits == ['Cloakfusion vhost 2 to get its properties (CNAME)']
    assert client.writes()[1] == ('PATCH', 'vhostproperties/12/', None, dict(gzip=True))
    assert zone['compress'] is True


def test_the_wait_for_properties_uses_the_runs_timeout():
    client = FakeClient({('POST', 'vhosts/'): vhost(2, props=False), ('GET', 'vhosts/2/'): vhost(2, props=False)})
    cf = cloakfusion.Adapter(client, run=RecordingRun(wait_timeout=0.2))
    with pytest.raises(CdnWaitTimeout, match=r'timed out after 0.2s waiting for Cloakfusion vhost 2'):
        cf.create_zone(dict(DESIRED, compress=True))
    assert client.writes() == [client.calls[0]]


def test_capabilities_declare_what_a_create_needs():
    # The zone core refuses a create without it while planning (tests/integration/test_zone_contract.py).
    assert cloakfusion.CAPABILITIES.resource('zone').create_requires == (('origin',),)


def test_create_answer_without_a_vhost_id_may_have_been_applied():
    cf, _client = adapter({('POST', 'vhosts/'): dict(domain_name='cdn.example.com')})
    with pytest.raises(CdnResponseError) as err:
        cf.create_zone(dict(DESIRED))
    assert err.value.maybe_applied is True


def test_capabilities_declare_what_the_api_cannot_change():
    zone = cloakfusion.CAPABILITIES.resource('zone')
    assert set(zone.immutable) == {'origin', 'hostname', 'settings.name'}
    assert 'no vhost update' in zone.immutable_reason


def test_update_patches_only_the_changed_properties():
    cf, client = adapter({('PATCH', 'vhostproperties/11/'): {}, ('GET', 'vhosts/1/'): vhost(1, ssl=True, ttl=60)})
    current = cf.checked_vhost(vhost(1), 'test')
    after = cf.update_zone(current, dict(tls=True, settings=dict(ttl=60)), dict(DESIRED))
    assert client.writes() == [('PATCH', 'vhostproperties/11/', None, dict(ssl=True, ttl=60))]
    assert after['tls'] is True and cf.run.waits == []
    assert cf.update_zone(current, dict(settings=dict(ttl=3600)), dict(DESIRED)) is current


def test_get_and_list():
    cf, _client = adapter({('GET', 'vhosts/'): [vhost(1), vhost(2, domain='b.example.com', props=False)],
                           ('GET', 'vhosts/9/'): NOT_FOUND})
    assert [z['hostname'] for z in cf.list_zones()] == ['cdn.example.com', 'b.example.com']
    assert cf.find_zone(hostname='b.example.com')['id'] == '2'
    assert cf.get_zone('9') is None


def test_a_cname_that_is_not_a_host_name_is_refused():
    cf, _client = adapter({('GET', 'vhosts/'): [vhost(1, cname=['x'])]})
    with pytest.raises(CdnResponseError, match=r'properties\[0\] cname is a JSON list'):
        cf.list_zones()


def test_zone_ready_is_active_with_a_cname():
    cf, _client = adapter({})
    assert cf.zone_ready(cf.checked_vhost(vhost(1), 'test'))
    assert not cf.zone_ready(cf.checked_vhost(vhost(1, props=False), 'test'))


def test_predict_names_the_vhost():
    cf, _client = adapter({})
    assert cf.predict_zone(dict(DESIRED))['settings'] == dict(name='cdn-example-com')
    assert cf.predict_zone(dict(DESIRED, settings=dict(name='n')))['settings'] == dict(name='n')
