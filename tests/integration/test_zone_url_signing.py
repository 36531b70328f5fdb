"""URL signing (security tokens) through cdn_zone ``settings``: UCDN's hash_secret,
hash_algorithm and hash_ttl, Leaseweb's policy securityToken* fields.

The secrets are set, compared, rotated and cleared, and never appear in a
result, a diff or the -vvvv request log.
"""

import json

import pytest

MARK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
DIFFERS = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (a different value)'
UCDN_SECRET = 'Hash-url-signing-7d41c9'
LSW_SECRET = 'Lsw-token-secret-3e9a55'
LSW_AES = 'Lsw-aes-key-0b62f1'


def leaks(result, *secrets):
    """Occurrences of the secrets anywhere in what the module printed."""
    return sum(result['_raw'].count(s) for s in secrets)


def run(module, sim, provider, check=False, diff=False, verbosity=0, **args):
    return module('cdn_zone', dict(sim.creds(provider), **args), check=check, diff=diff, verbosity=verbosity)


# --- UCDN -------------------------------------------------------------------------------------

U = 'ucdn'


def ucdn_zone(sim, **spec):
    data = dict(custom_domains=['cdn.example.com'], expiration=3600)
    data.update(spec)
    sim.seed(U, {'zones': [data]})
    sim.clear_log()


def ucdn_raw(sim):
    [raw] = sim.state(U)['zones']
    return raw


UCDN_TOKEN = dict(hash_secret=UCDN_SECRET, hash_algorithm='sha1', hash_ttl=600)


def test_ucdn_set_check_mode_rerun_and_no_leak(sim, module):
    sim.speed(100)  # UCDN reconfigures for 20 simulated seconds after each change
    ucdn_zone(sim)
    args = dict(hostname='cdn.example.com', settings=dict(UCDN_TOKEN))

    planned = run(module, sim, U, check=True, diff=True, verbosity=4, **args)
    assert planned['_rc'] == 0, planned
    assert planned['changed'] is True
    assert sim.mutations(U) == []
    assert planned['diff']['after']['settings']['hash_secret'] == MARK
    assert 'hash_secret' not in planned['diff']['before']['settings']
    assert leaks(planned, UCDN_SECRET) == 0

    applied = run(module, sim, U, diff=True, verbosity=4, return_raw=True, **args)
    assert applied['_rc'] == 0, applied
    assert applied['changed'] is True
    [write] = sim.mutations(U)
    assert (write['method'], write['body']) == ('PATCH', dict(UCDN_TOKEN))
    raw = ucdn_raw(sim)
    assert (raw['hash_secret'], raw['hash_algorithm'], raw['hash_ttl']) == (UCDN_SECRET, 'sha1', 600)
    settings = applied['zone']['settings']
    assert (settings['hash_secret'], settings['hash_algorithm'], settings['hash_ttl']) == (MARK, 'sha1', 600)
    assert applied['diff']['after']['settings']['hash_secret'] == MARK
    assert applied['zone']['raw']['hash_secret'] == MARK
    # -vvvv: the request log is there, the secret is not
    assert any(e['method'] == 'PATCH' for e in applied['api_requests'])
    assert leaks(applied, UCDN_SECRET) == 0

    sim.clear_log()
    again = run(module, sim, U, diff=True, verbosity=4, **args)
    assert again['changed'] is False, again
    assert sim.mutations(U) == []
    assert leaks(again, UCDN_SECRET) == 0


def test_ucdn_create_with_a_token_then_rerun(sim, module):
    sim.speed(100)
    args = dict(hostname='new.example.com', origin='http://o.example.com', settings=dict(UCDN_TOKEN))
    first = run(module, sim, U, diff=True, verbosity=4, **args)
    assert first['changed'] is True, first
    [create] = sim.mutations(U)
    assert create['method'] == 'POST' and create['body']['hash_secret'] == UCDN_SECRET
    assert ucdn_raw(sim)['hash_secret'] == UCDN_SECRET
    assert leaks(first, UCDN_SECRET) == 0
    sim.clear_log()
    second = run(module, sim, U, **args)
    assert second['changed'] is False, second
    assert sim.mutations(U) == []


def test_ucdn_rotate_shows_only_that_the_secret_differs(sim, module):
    sim.speed(100)  # UCDN reconfigures for 20 simulated seconds after each change
    ucdn_zone(sim, **UCDN_TOKEN)
    new = UCDN_SECRET + '-next'
    args = dict(hostname='cdn.example.com', settings=dict(hash_secret=new, hash_algorithm='sha1'))
    planned = run(module, sim, U, check=True, diff=True, **args)
    assert planned['changed'] is True and sim.mutations(U) == []
    assert planned['diff']['before']['settings']['hash_secret'] == DIFFERS
    assert planned['diff']['after']['settings']['hash_secret'] == MARK
    applied = run(module, sim, U, diff=True, verbosity=4, **args)
    assert applied['changed'] is True, applied
    assert [w['body'] for w in sim.mutations(U)] == [{'hash_secret': new}]
    assert ucdn_raw(sim)['hash_secret'] == new
    assert leaks(planned, UCDN_SECRET, new) == 0 and leaks(applied, UCDN_SECRET, new) == 0


def test_ucdn_clear_with_an_empty_secret(sim, module):
    sim.speed(100)  # UCDN reconfigures for 20 simulated seconds after each change
    ucdn_zone(sim, **UCDN_TOKEN)
    args = dict(hostname='cdn.example.com', settings=dict(hash_secret=''))
    planned = run(module, sim, U, check=True, diff=True, **args)
    assert planned['changed'] is True and sim.mutations(U) == []
    assert planned['diff']['after']['settings']['hash_secret'] == ''
    cleared = run(module, sim, U, diff=True, verbosity=4, **args)
    assert cleared['changed'] is True, cleared
    assert [w['body'] for w in sim.mutations(U)] == [{'clear_security_token': True}]
    raw = ucdn_raw(sim)
    assert (raw['hash_secret'], raw['hash_algorithm'], raw['hash_ttl']) == (None, None, None)
    assert cleared['zone']['settings']['hash_secret'] == ''
    assert (cleared['zone']['settings']['hash_algorithm'], cleared['zone']['settings']['hash_ttl']) == (None, 0)
    assert leaks(cleared, UCDN_SECRET) == 0
    sim.clear_log()
    again = run(module, sim, U, **args)
    assert again['changed'] is False, again
    assert sim.mutations(U) == []


def test_ucdn_info_round_trip_keeps_the_secret(sim, module):
    sim.speed(100)  # UCDN reconfigures for 20 simulated seconds after each change
    ucdn_zone(sim, **UCDN_TOKEN)
    info = module('cdn_zone_info', dict(sim.creds(U), hostname='cdn.example.com'), verbosity=4)
    assert leaks(info, UCDN_SECRET) == 0
    found = dict(info['zones'][0])
    assert found['settings']['hash_secret'] == MARK
    for key in ('id', 'cdn_domain', 'status', 'raw'):
        found.pop(key)
    sim.clear_log()
    again = run(module, sim, U, **found)
    assert again['changed'] is False, again
    assert sim.mutations(U) == []
    assert ucdn_raw(sim)['hash_secret'] == UCDN_SECRET


# --- Leaseweb ---------------------------------------------------------------------------------

L = 'leaseweb'

LSW_TOKEN = {
    'securityToken': True,
    'securityTokenVendor': 'LEASEWEB',
    'securityTokenSecret': LSW_SECRET,
    'securityTokenAesKey': LSW_AES,
    'securityTokenClientIp': True,
    'securityTokenParam': 'token',
    'securityTokenExpirationParam': 'expires',
    'securityTokenNumberOfPathComponents': 2,
    'securityTokenEmbedIntoPath': False,
    'originPullShieldId': 'sh-eu1',
}


def lsw_zone(sim, **policy):
    spec = dict(domains=['cdn.example.com'], origin='https://o.example.com',
                policy=dict(description='seeded', cacheDefaultTtl=3600, **policy))
    sim.seed(L, {'distributions': [spec]})
    sim.clear_log()


def lsw_policy(sim):
    [policy] = sim.state(L)['policies']
    return policy


def test_leaseweb_set_check_mode_rerun_and_no_leak(sim, module):
    sim.speed(100)
    lsw_zone(sim)
    args = dict(hostname='cdn.example.com', settings=dict(LSW_TOKEN))

    planned = run(module, sim, L, check=True, diff=True, verbosity=4, **args)
    assert planned['_rc'] == 0, planned
    assert planned['changed'] is True
    assert sim.mutations(L) == []
    after = planned['diff']['after']['settings']
    assert after['securityTokenSecret'] == MARK and after['securityTokenAesKey'] == MARK
    assert 'securityTokenSecret' not in planned['diff']['before']['settings']
    assert leaks(planned, LSW_SECRET, LSW_AES) == 0

    applied = run(module, sim, L, diff=True, verbosity=4, return_raw=True, **args)
    assert applied['_rc'] == 0, applied
    assert applied['changed'] is True
    [write] = sim.mutations(L)
    assert write['method'] == 'PUT' and '/policies/' in write['path']
    # only what differs from the seeded policy (securityTokenEmbedIntoPath is false already)
    sent = dict(LSW_TOKEN)
    sent.pop('securityTokenEmbedIntoPath')
    assert write['body'] == sent
    policy = lsw_policy(sim)
    assert (policy['securityTokenSecret'], policy['securityTokenAesKey']) == (LSW_SECRET, LSW_AES)
    assert policy['securityTokenShaKey'] is None and policy['originPullShieldId'] == 'sh-eu1'
    settings = applied['zone']['settings']
    assert settings['securityTokenSecret'] == MARK and settings['securityTokenAesKey'] == MARK
    assert 'securityTokenShaKey' not in settings  # not set: not shown
    assert settings['securityTokenNumberOfPathComponents'] == 2 and settings['securityTokenParam'] == 'token'
    assert applied['zone']['raw']['policy']['securityTokenSecret'] == MARK
    assert any(e['method'] == 'PUT' for e in applied['api_requests'])
    assert leaks(applied, LSW_SECRET, LSW_AES) == 0

    sim.clear_log()
    again = run(module, sim, L, diff=True, verbosity=4, **args)
    assert again['changed'] is False, again
    assert sim.mutations(L) == []
    assert leaks(again, LSW_SECRET, LSW_AES) == 0


def test_leaseweb_create_with_a_token_then_rerun(sim, module):
    sim.speed(100)
    args = dict(hostname='new.example.com', origin='https://o.example.com',
                settings={'securityToken': True, 'securityTokenSecret': LSW_SECRET})
    first = run(module, sim, L, diff=True, verbosity=4, **args)
    assert first['changed'] is True, first
    create = [w for w in sim.mutations(L) if w['path'].endswith('/policies')][0]
    assert create['body']['securityTokenSecret'] == LSW_SECRET and create['body']['securityToken'] is True
    assert leaks(first, LSW_SECRET) == 0
    sim.clear_log()
    second = run(module, sim, L, **args)
    assert second['changed'] is False, second
    assert sim.mutations(L) == []


def test_leaseweb_rotate_and_clear(sim, module):
    sim.speed(100)
    lsw_zone(sim, securityToken=True, securityTokenSecret=LSW_SECRET, securityTokenParam='token',
             originPullShieldId='sh-eu1')
    new = LSW_SECRET + '-next'
    rotated = run(module, sim, L, diff=True, hostname='cdn.example.com', settings={'securityTokenSecret': new})
    assert rotated['changed'] is True, rotated
    assert rotated['diff']['before']['settings']['securityTokenSecret'] == DIFFERS
    assert [w['body'] for w in sim.mutations(L)] == [{'securityTokenSecret': new}]
    assert leaks(rotated, LSW_SECRET, new) == 0

    cleared_settings = {'securityToken': False, 'securityTokenSecret': '', 'securityTokenParam': '',
                        'originPullShieldId': ''}
    args = dict(hostname='cdn.example.com', settings=cleared_settings)
    sim.clear_log()
    planned = run(module, sim, L, check=True, **args)
    assert planned['changed'] is True and sim.mutations(L) == []
    cleared = run(module, sim, L, diff=True, verbosity=4, **args)
    assert cleared['changed'] is True, cleared
    sent = {'securityToken': False, 'securityTokenSecret': None, 'securityTokenParam': None, 'originPullShieldId': None}
    assert [w['body'] for w in sim.mutations(L)] == [sent]
    policy = lsw_policy(sim)
    assert (policy['securityToken'], policy['securityTokenSecret'], policy['originPullShieldId']) == (False, None, None)
    settings = cleared['zone']['settings']
    assert (settings['securityTokenSecret'], settings['securityTokenParam'], settings['originPullShieldId']) == ('', '', '')
    assert leaks(cleared, LSW_SECRET, new) == 0
    sim.clear_log()
    again = run(module, sim, L, **args)
    assert again['changed'] is False, again
    assert sim.mutations(L) == []


def test_leaseweb_info_round_trip_keeps_the_secret(sim, module):
    sim.speed(100)
    lsw_zone(sim, securityToken=True, securityTokenSecret=LSW_SECRET, securityTokenShaKey=LSW_AES)
    info = module('cdn_zone_info', dict(sim.creds(L), hostname='cdn.example.com'), verbosity=4)
    assert leaks(info, LSW_SECRET, LSW_AES) == 0
    found = dict(info['zones'][0])
    assert found['settings']['securityTokenShaKey'] == MARK
    # origin_id is the same origin as origin, by id (the module takes one of them)
    for key in ('id', 'cdn_domain', 'status', 'raw', 'origin_id'):
        found.pop(key)
    sim.clear_log()
    again = run(module, sim, L, **found)
    assert again['changed'] is False, again
    assert sim.mutations(L) == []
    assert lsw_policy(sim)['securityTokenSecret'] == LSW_SECRET


# --- bad values: the option named, nothing sent ------------------------------------------------

@pytest.mark.parametrize('provider, settings, option, words', [
    (U, {'hash_algorithm': 'sha256'}, 'settings.hash_algorithm', 'md5, sha1'),
    (U, {'hash_ttl': -1}, 'settings.hash_ttl', 'out of range'),
    (U, {'hash_ttl': 'soon'}, 'settings.hash_ttl', 'not an integer'),
    (U, {'hash_secret': 'has space#' + UCDN_SECRET}, 'settings.hash_secret', 'URL query string'),
    (U, {'hash_secret': '', 'hash_algorithm': 'md5'}, 'settings.hash_algorithm', 'unsets the security token'),
    (U, {'hash_secret': '', 'hash_ttl': 60}, 'settings.hash_ttl', 'unsets the security token'),
    (L, {'securityTokenNumberOfPathComponents': 11}, 'settings.securityTokenNumberOfPathComponents', '-1 to 10'),
    (L, {'securityTokenVendor': 'AKAMAI'}, 'settings.securityTokenVendor', 'LEASEWEB'),
    (L, {'securityToken': 'maybe'}, 'settings.securityToken', 'not a boolean'),
    (L, {'securityTokenSecret': LSW_SECRET, 'securityTokenKey': 'x'}, 'settings', 'securityTokenSecret'),
])
def test_bad_values_fail_before_any_request(sim, module, provider, settings, option, words):
    sim.clear_log()
    result = run(module, sim, provider, hostname='cdn.example.com', origin='https://o.example.com',
                 settings=settings, verbosity=4)
    assert result['_rc'] == 1, result
    assert result['msg'].startswith('option %s:' % option), result['msg']
    assert words in result['msg']
    assert sim.log(provider) == []
    assert leaks(result, UCDN_SECRET, LSW_SECRET) == 0
    assert json.dumps(result.get('invocation', {})).count(UCDN_SECRET) == 0
