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


def _two_zones(sim, module, provider):
    ids = []
    for name in ('a.example.com', 'b.example.com'):
        result = module('cdn_zone', dict(sim.creds(provider), hostname=name, origin=ORIGIN, wait=False))
        assert result['_rc'] == 0, result
        ids.append(result['zone']['id'])
    sim.clear_log()
    return ids


@pytest.mark.parametrize('provider', CREATING)
@pytest.mark.parametrize('with_hostname', [True, False])
def test_a_zone_id_that_names_nothing_fails_naming_it_and_never_creates(sim, module, provider, with_hostname):
    # Observed: zone_id di-nope with the host name of an existing Leaseweb zone created a new distribution.
    _two_zones(sim, module, provider)
    args = dict(zone_id='77777', origin=ORIGIN)
    if with_hostname:
        args['hostname'] = 'a.example.com'
    params = dict(sim.creds(provider), **args)
    check = module('cdn_zone', params, check=True)
    real = module('cdn_zone', params)
    for result in (check, real):
        assert result['_rc'] == 1 and not result['changed'], result
        assert result['msg'].startswith('option zone_id: names no zone: ') and '77777' in result['msg']
    assert check['msg'] == real['msg']
    assert sim.mutations(provider) == []
    if provider == 'cloakfusion':
        return  # no vhost delete in its API
    # Absent: nothing by that id, nothing to delete.
    gone = module('cdn_zone', dict(sim.creds(provider), zone_id='77777', state='absent'))
    assert gone['_rc'] == 0 and gone['changed'] is False and sim.mutations(provider) == []


@pytest.mark.parametrize('provider', CREATING)
def test_a_zone_id_and_a_hostname_of_two_zones_fail_naming_both(sim, module, provider):
    first, second = _two_zones(sim, module, provider)
    params = dict(sim.creds(provider), zone_id=first, hostname='b.example.com', origin=ORIGIN, wait=False)
    check = module('cdn_zone', params, check=True)
    real = module('cdn_zone', params)
    for result in (check, real):
        assert result['_rc'] == 1, result
        assert 'option zone_id: and hostname name two different zones' in result['msg']
        assert 'zone_id %s is the zone of a.example.com, hostname b.example.com is zone %s' % (first, second) \
            in result['msg']
    assert check['msg'] == real['msg']
    assert sim.mutations(provider) == []
    same = module('cdn_zone', dict(params, hostname='a.example.com'))
    assert same['_rc'] == 0 and same['changed'] is False, same


@pytest.mark.parametrize('provider', ['cloudflare', 'cloakfusion'])
def test_absent_is_already_true_for_a_zone_that_is_not_there(sim, module, provider):
    # Neither API deletes zones; a teardown of a zone the account does not hold still succeeds.
    result = module('cdn_zone', dict(sim.creds(provider), hostname='not-there.example.org', state='absent'))
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert sim.mutations(provider) == []


def test_a_refused_input_carries_no_empty_error_block(sim, module):
    result = module('cdn_zone', dict(sim.creds('ucdn'), hostname='cdn.example.com', cache_ttl=-5))
    assert result['_rc'] == 1 and 'option cache_ttl' in result['msg']
    assert 'error' not in result


def test_cloudflare_refusals_show_the_api_words_and_code_not_http_200(sim, module):
    result = module('cdn_zone', dict(sim.creds('cloudflare'), api_token='wrong-token', zone_id='1000',
                                     hostname='example.com'))
    assert result['_rc'] == 1
    assert 'HTTP 200' not in result['msg'] and '(E_UNAUTH)' in result['msg'], result['msg']
