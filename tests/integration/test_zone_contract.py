"""The cdn_zone contract, the same on every provider: bad input and missing identity
fail before any request; check mode never writes; the generic rules (what a create needs,
what never changes, an alias equal to the host name) hold alike, declared by each
provider's capabilities and enforced by the core while planning."""

import pytest

PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
# Providers whose zones can be created (CloudFlare zones are added in its control panel).
CREATING = ('cloakfusion', 'cloudflow', 'ucdn', 'leaseweb')
# Providers whose zones have aliases.
ALIASED = ('cloudflow', 'ucdn', 'leaseweb')
ORIGIN = 'https://origin.example.com'
# A zone each provider holds already, and a change of something that can never change on it.
EXISTING = {
    'ucdn': ({'zones': [{'custom_domains': ['cdn.example.com']}]},
             dict(hostname='cdn.example.com', settings={'object_size': 'big'}), 'settings.object_size'),
    'cloakfusion': ({'vhosts': [{'domain_name': 'cdn.example.com', 'origin_url': 'http://o.example.com'}]},
                    dict(hostname='cdn.example.com', origin='http://new.example.com'), 'origin'),
    # The zone found by its id, asked to serve another name: a CloudFlare zone is its DNS zone.
    'cloudflare': (None, dict(zone_id='1000', hostname='other.example.com'), 'hostname'),
}


@pytest.mark.parametrize('provider', PROVIDERS)
@pytest.mark.parametrize('args, text', [
    (dict(), 'one of the following is required: hostname, zone_id'),
    (dict(hostname='cdn.example.com', origin='ftp://o.example.com'), 'option origin'),
    (dict(hostname='cdn.example.com', cache_ttl=-5), 'cache_ttl'),
    (dict(hostname='cdn.example.com', settings={'no_such_setting': 1}), 'no_such_setting'),
    (dict(hostname='-bad-.example..com'), 'option hostname'),
])
def test_bad_input_fails_before_any_request(sim, module, provider, args, text):
    params = sim.creds(provider)
    params.update(args)
    result = module('cdn_zone', params)
    assert result['_rc'] == 1, result
    assert text in result['msg']
    assert sim.log(provider) == []


@pytest.mark.parametrize('provider', PROVIDERS)
def test_check_mode_of_a_delete_writes_nothing(sim, module, provider):
    params = sim.creds(provider)
    params.update(hostname='example.com', state='absent')
    module('cdn_zone', params, check=True)
    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', CREATING)
def test_a_create_without_origin_fails_while_planning_in_check_mode_too(sim, module, provider):
    params = dict(sim.creds(provider), hostname='new.example.com')
    check = module('cdn_zone', params, check=True)
    real = module('cdn_zone', params)
    for result in (check, real):
        assert result['_rc'] == 1, result
        assert 'option origin: is required to create a' in result['msg']
    assert check['msg'] == real['msg']
    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', sorted(EXISTING))
def test_what_never_changes_is_refused_while_planning_in_check_mode_too(sim, module, provider):
    seed, args, option = EXISTING[provider]
    if seed:
        sim.seed(provider, seed)
    sim.clear_log()
    params = dict(sim.creds(provider), **args)
    check = module('cdn_zone', params, check=True)
    real = module('cdn_zone', params)
    for result in (check, real):
        assert result['_rc'] == 1, result
        assert 'option %s: cannot change once the zone exists' % option in result['msg']
    assert check['msg'] == real['msg']
    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', ALIASED)
def test_an_alias_equal_to_the_host_name_is_dropped(sim, module, provider):
    params = dict(sim.creds(provider), hostname='cdn.example.com', origin=ORIGIN,
                  aliases=['cdn.example.com', 'alt.example.com'])
    sim.speed(1000)
    first = module('cdn_zone', params)
    assert first['_rc'] == 0, first
    assert first['zone']['aliases'] == ['alt.example.com']
    again = module('cdn_zone', params)
    assert again['_rc'] == 0 and again['changed'] is False, again
