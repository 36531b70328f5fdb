"""cdn_account_info on every provider: one cheap authenticated read, what each API can say about the
account, rejected credentials reported (not failed) in the provider's words, and the UCDN-only options
refused before any request elsewhere.

Sources: Cloakfusion API Reference "Vhosts / LIST" and "Errors"; CloudFlare client API v1 3.2
zone_load_multi and 2.2 (E_UNAUTH); CloudFlow "API Authentication" with the OnApp PHP wrapper's
Profile.php (GET profile.json, root user); UCDN API v3 "Fetch account info"; Leaseweb "Get All
Templates" (policyTemplates)."""

import pytest

PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
# The one read each provider's check sends: (method, path, CloudFlare action).
CHECK_READ = {
    'cloakfusion': ('GET', 'vhosts/', None),
    'cloudflow': ('GET', 'profile.json', None),
    'cloudflare': ('POST', '', 'zone_load_multi'),
    'ucdn': ('GET', 'account', None),
    'leaseweb': ('GET', 'policyTemplates', None),
}
TITLES = dict(cloakfusion='Cloakfusion', cloudflow='CloudFlow', cloudflare='CloudFlare', ucdn='UCDN',
              leaseweb='Leaseweb')
WRONG = 'wrong-token-Zq81'


def run(sim, module, provider, check=False, verbosity=0, **args):
    params = sim.creds(provider)
    params.update(args)
    return module('cdn_account_info', params, check=check, verbosity=verbosity)


def reads(sim, provider):
    out = []
    for entry in sim.log(provider):
        action = (entry.get('body') or {}).get('a') if isinstance(entry.get('body'), dict) else None
        out.append((entry['method'], entry['path'].split('?')[0], action or (entry.get('query') or {}).get('a')))
    return out


@pytest.mark.parametrize('check', [False, True])
def test_cloakfusion_counts_vhosts_and_their_profiles(sim, module, check):
    sim.seed('cloakfusion', {'vhosts': [dict(domain_name='a.example.com', origin_url='http://o.example.com', name='a'),
                                        dict(domain_name='b.example.com', origin_url='http://o.example.com', name='b')]})
    sim.clear_log()
    result = run(sim, module, 'cloakfusion', check=check)
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert result['credentials_valid'] is True and result['credentials_message'] is None
    account = result['account']
    # The API has no account endpoint: no identity, only what the listing tells.
    assert [account[k] for k in ('id', 'username', 'name', 'email', 'timezone', 'trial')] == [None] * 6
    assert account['details'] == dict(vhosts=2, profiles=['Standard'])
    assert [v['domain_name'] for v in account['raw']['vhosts']] == ['a.example.com', 'b.example.com']
    assert reads(sim, 'cloakfusion') == [CHECK_READ['cloakfusion']]
    assert sim.mutations('cloakfusion') == []


def test_cloudflow_reads_the_onapp_profile(sim, module):
    sim.seed('cloudflow', {'profiles': {'admin@example.com': dict(
        first_name='Ada', last_name='Lovelace', time_zone='Europe/London', login='ada', status='active',
        outstanding_amount='12.5', api_key='profile-key-Wq9x')}})
    sim.clear_log()
    result = run(sim, module, 'cloudflow')
    assert result['_rc'] == 0, result
    account = result['account']
    assert dict((k, account[k]) for k in ('id', 'username', 'name', 'email', 'timezone', 'trial')) == dict(
        id='1', username='ada', name='Ada Lovelace', email='admin@example.com', timezone='Europe/London', trial=None)
    details = account['details']
    assert details['status'] == 'active' and details['locale'] == 'en' and details['billing_plan_id'] == 1
    assert details['outstanding_amount'] == 12.5 and details['created_at'] == '2016-07-25T10:00:00Z'
    # A key the profile carries is never shown.
    assert account['raw']['api_key'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert 'profile-key-Wq9x' not in result['_raw']
    assert reads(sim, 'cloudflow') == [CHECK_READ['cloudflow']]


def test_cloudflare_lists_the_zones_of_the_key(sim, module):
    sim.seed('cloudflare', {'zones': [dict(zone_name='shop.example.net', pro=True)]})
    sim.clear_log()
    result = run(sim, module, 'cloudflare')
    assert result['_rc'] == 0, result
    account = result['account']
    assert account['id'] == '1' and account['email'] == 'admin@example.com'
    assert account['username'] is None and account['name'] is None and account['trial'] is None
    assert account['details'] == dict(zones=2, zone_names=['example.com', 'shop.example.net'], pro_zones=1)
    assert sorted(z['zone_name'] for z in account['raw']['zones']) == ['example.com', 'shop.example.net']
    assert reads(sim, 'cloudflare') == [CHECK_READ['cloudflare']]
    assert 'sim-token' not in result['_raw']


def test_ucdn_account_carries_details(sim, module):
    result = run(sim, module, 'ucdn')
    assert result['_rc'] == 0, result
    assert result['account']['id'] == '121' and result['account']['details'] == {}


def test_leaseweb_reads_the_policy_templates(sim, module):
    sim.clear_log()
    result = run(sim, module, 'leaseweb')
    assert result['_rc'] == 0, result
    assert result['credentials_valid'] is True
    assert isinstance(result['account']['details']['policy_templates'], list)
    assert result['account']['id'] is None
    assert [r[:2] for r in reads(sim, 'leaseweb')] == [CHECK_READ['leaseweb'][:2]]


@pytest.mark.parametrize('provider', PROVIDERS)
def test_rejected_credentials_are_reported_in_the_providers_words(sim, module, provider):
    sim.clear_log()
    result = run(sim, module, provider, api_token=WRONG, verbosity=4)
    assert result['_rc'] == 0, result
    assert result['credentials_valid'] is False and result['account'] is None
    message = result['credentials_message']
    assert message.startswith('%s rejected the API token' % TITLES[provider]), message
    if provider == 'cloudflare':
        # Refusals come back as HTTP 200 with E_UNAUTH (2.2): the API's words and code, no status.
        assert message == 'CloudFlare rejected the API token and user (api_user): Unknown token or email (E_UNAUTH)'
    else:
        assert '(HTTP 401): ' in message and not message.endswith(': '), message
    # One read, no retry of a refused token, nothing written, the token nowhere.
    assert [r[:2] for r in reads(sim, provider)] == [CHECK_READ[provider][:2]]
    assert sim.mutations(provider) == []
    assert WRONG not in result['_raw']


@pytest.mark.parametrize('provider', ['cloakfusion', 'cloudflow', 'cloudflare', 'leaseweb'])
@pytest.mark.parametrize('option,value,words', [
    ('subaccounts', True, 'cannot list the subaccounts'),
    ('login', dict(email='ops@example.com', password='x-Secret-77'), 'cannot check a user name or e-mail and password'),
])
def test_ucdn_only_options_fail_before_any_request(sim, module, provider, option, value, words):
    sim.clear_log()
    result = run(sim, module, provider, **{option: value})
    assert result['_rc'] != 0
    assert 'option %s: %s %s' % (option, TITLES[provider], words) in result['msg'], result['msg']
    assert 'remove %s' % option in result['msg']
    assert sim.log() == []
    assert 'x-Secret-77' not in result['_raw']


@pytest.mark.parametrize('provider', PROVIDERS)
def test_every_provider_checks_with_one_read_in_check_mode(sim, module, provider):
    sim.clear_log()
    result = run(sim, module, provider, check=True)
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert result['credentials_valid'] is True and isinstance(result['account']['details'], dict)
    assert set(result['account']) == {'id', 'username', 'name', 'email', 'timezone', 'trial', 'details', 'raw'}
    assert [r[:2] for r in reads(sim, provider)] == [CHECK_READ[provider][:2]]
    assert sim.mutations(provider) == []
    assert 'sim-token' not in result['_raw']
