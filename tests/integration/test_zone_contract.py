"""The cdn_zone contract, the same on every provider: bad input and missing identity
fail before any request; check mode never writes."""

import pytest

PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')


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
