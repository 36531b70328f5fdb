"""CloudFlare zone.py (cdn_zone): settings of an existing zone, one action per changed setting; the
API creates and deletes no zones."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare import wire


def test_create_and_delete_are_refused_clearly():
    caps = cloudflare.CAPABILITIES
    for operation in ('create', 'delete'):
        with pytest.raises(CdnUnsupportedError) as info:
            caps.require('zone', operation)
        # What is not possible and what to do instead, in the user's words; no API notes.
        assert 'CloudFlare cannot %s a zone; instead, ' % operation in str(info.value)
        assert 'the CloudFlare account on cloudflare.com' in str(info.value)
        assert 'client API' not in str(info.value) and 'supports' not in str(info.value)
    caps.require('zone', 'update')


@pytest.mark.parametrize('settings', [
    {'sec_lvl': 'max'}, {'cache_lvl': 'none'}, {'async': 'auto'}, {'minify': -1}, {'minify': 8},
    {'devmode': 'maybe'}, {'ipv46': 3}, {'ssl': 1},
])
def test_bad_settings_are_refused(settings):
    with pytest.raises(CdnValidationError):
        cloudflare.CAPABILITIES.check_fields('zone', {'hostname': 'example.com', 'settings': dict(settings)})


def test_only_hostname_and_settings():
    with pytest.raises(CdnUnsupportedError):
        cloudflare.CAPABILITIES.check_fields('zone', {'hostname': 'example.com', 'origin': 'https://o.example.com'})


def test_update_sends_one_action_per_changed_setting_in_order(fake_client, zone_obj, doc_settings):
    zone_after = dict(zone_obj, zone_status_class='status-dev-mode')
    client = fake_client([
        {'result': 'success', 'response': {'expires_on': 1, 'zone': {'obj': zone_after}}},
        {'result': 'success', 'msg': None},
        {'result': 'success', 'response': {'result': {'objs': [dict(doc_settings, dev_mode=1, minify='5')]}}},
    ])
    adapter = cloudflare.Adapter(client)
    current = wire.canonical_zone(zone_obj, doc_settings)
    after = adapter.update_zone(current, {'settings': {'minify': 5, 'devmode': True}}, {})
    assert [(s[0], s[1], s[3]) for s in client.sent] == [
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'devmode', 'z': 'Example.COM', 'v': '1'}),
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'minify', 'z': 'Example.COM', 'v': '5'}),
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'zone_settings', 'z': 'Example.COM'}),
    ]
    assert after['status'] == 'dev-mode'
    assert after['settings']['devmode'] is True and after['settings']['minify'] == 5


def test_update_keeps_the_zone_when_a_setting_answers_only_success(fake_client, zone_obj, doc_settings):
    # jlinn/pyflare's fixtures answer sec_lvl with {"result": "success", "msg": null} only.
    client = fake_client([
        {'result': 'success', 'msg': None},
        {'result': 'success', 'response': {'result': {'objs': [dict(doc_settings, sec_lvl='high')]}}},
    ])
    after = cloudflare.Adapter(client).update_zone(wire.canonical_zone(zone_obj, doc_settings),
                                                   {'settings': {'sec_lvl': 'high'}}, {})
    assert after['id'] == '42' and after['status'] == 'active' and after['settings']['sec_lvl'] == 'high'


def test_capabilities_declare_the_host_name_fixed():
    assert cloudflare.CAPABILITIES.resource('zone').immutable == ('hostname',)


def test_predict_refuses_create(fake_client):
    with pytest.raises(CdnUnsupportedError) as info:
        cloudflare.Adapter(fake_client()).predict_zone({'hostname': 'new.example'})
    assert 'CloudFlare cannot create a zone; instead, add the domain to the CloudFlare account' in str(info.value)
