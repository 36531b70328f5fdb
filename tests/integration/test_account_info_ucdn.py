"""cdn_account_info against the simulated UCDN v3 API (UCDN API v3, https://api.ucdn.com/docs/: "Check user
credentials", "Fetch account info", "Fetch subaccounts list")."""

import pytest

P = 'ucdn'


def run(sim, module, check=False, verbosity=0, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_account_info', params, check=check, verbosity=verbosity)


def reads(sim):
    return [(e['method'], e['path']) for e in sim.log(P)]


def test_account_with_a_valid_token(sim, module):
    result = run(sim, module)
    assert result['_rc'] == 0, result
    assert result['changed'] is False and result['credentials_valid'] is True
    assert result['credentials_message'] is None
    account = result['account']
    assert dict((k, account[k]) for k in ('id', 'username', 'name', 'email', 'timezone', 'trial')) == dict(
        id='121', username='kusanagi', name='Motoko Kusanagi', email='major@section9.co.jp',
        timezone='Asia/Tokyo', trial=False)
    assert result['subaccounts'] is None
    assert reads(sim) == [('GET', 'account')]


def test_a_rejected_token_is_reported_not_failed(sim, module):
    params = dict(api_token='wrong-token', subaccounts=True)
    result = run(sim, module, **params)
    assert result['_rc'] == 0, result
    assert result['credentials_valid'] is False and result['account'] is None
    assert result['credentials_message'] == 'UCDN rejected the API token (HTTP 401): Invalid login credentials'
    # No subaccount read with a token already refused.
    assert reads(sim) == [('GET', 'account')]
    assert 'wrong-token' not in result['_raw']


def test_subaccounts_one_is_a_bare_object_several_a_list(sim, module):
    sim.seed(P, {'subaccounts': [dict(id='13956', username='test123', email='test_email@gmail.com')]})
    result = run(sim, module, subaccounts=True)
    assert result['_rc'] == 0, result
    assert reads(sim) == [('GET', 'account'), ('GET', 'subaccounts')]
    (sub,) = result['subaccounts']
    assert sub['id'] == '13956' and sub['username'] == 'test123' and sub['parent_id'] == '13863'
    assert sub['status'] == 'active' and sub['suspended'] is False and sub['max_zones'] == 512
    # API key, secret and password hash never leave the module.
    for key in ('api_key', 'api_secret', 'password'):
        assert sub['raw'][key] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    assert '$2y$11$' not in result['_raw']

    sim.seed(P, {'subaccounts': [dict(id='13957', username='other')]})
    result = run(sim, module, subaccounts=True)
    assert sorted(s['username'] for s in result['subaccounts']) == ['other', 'test123']


def test_no_subaccounts(sim, module):
    result = run(sim, module, subaccounts=True)
    assert result['_rc'] == 0 and result['subaccounts'] == []


@pytest.mark.parametrize('check', [False, True])
def test_login_check_never_shows_the_token_or_password(sim, module, check):
    sim.clear_log()
    result = run(sim, module, check=check, verbosity=4, login=dict(email='major@section9.co.jp', password='password'))
    assert result['_rc'] == 0, result
    assert result['login'] == dict(authenticated=True, user_id='121', reason='Login credentials are valid',
                                   same_account=True)
    assert reads(sim) == [('GET', 'account'), ('POST', 'check/login/')]
    # An info module: the login check writes nothing, in check mode or not.
    assert sim.mutations(P) == []
    assert 'sim-token' not in result['_raw'] and '"password": "password"' not in result['_raw']
    assert result['api_requests'][-1]['body'] == dict(email='major@section9.co.jp',
                                                      password='VALUE_SPECIFIED_IN_NO_LOG_PARAMETER')


def test_login_of_another_user_and_bad_login(sim, module):
    sim.seed(P, {'users': [dict(email='batou@section9.co.jp', username='batou', password='s3cret', user_id=122,
                                token='other-token')]})
    other = run(sim, module, login=dict(email='batou', password='s3cret'))
    assert other['login'] == dict(authenticated=True, user_id='122', reason='Login credentials are valid',
                                  same_account=False)
    assert 'other-token' not in other['_raw'] and 's3cret' not in other['_raw']

    bad = run(sim, module, login=dict(email='batou', password='wrong'))
    assert bad['_rc'] == 0, bad
    assert bad['login'] == dict(authenticated=False, user_id=None, reason='Invalid login credentials',
                                same_account=None)


def test_bad_input_fails_before_any_request(sim, module):
    sim.clear_log()
    result = run(sim, module, login=dict(email=' ', password='x'))
    assert result['_rc'] != 0 and 'option login.email' in result['msg']
    result = run(sim, module, login=dict(email='a@example.com'))
    assert result['_rc'] != 0 and 'password' in result['msg']
    assert sim.log(P) == []
