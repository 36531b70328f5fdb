"""The pure parts of the cdn_zones inventory plugin (inventory.py) and of credential resolution
(credentials.py): host naming, account checks, where credentials come from."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.credentials import credential_problem, resolve_credentials
from ansible_collections.edgeops.cdn.plugins.module_utils.inventory import (
    InventorySourceError,
    check_accounts,
    host_names,
    zone_vars,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class


def account(name, *zones):
    """A read_account result holding zones given as (id, hostname)."""
    return dict(name=name, provider='ucdn', api_url='https://api.example/', requests=1,
                zones=[zone_vars(dict(id=i, hostname=h, cdn_domain='%s.cdn.example' % i), name, 'ucdn', 'https://api.example/')
                       for i, h in zones])


def names(accounts, qualify=False):
    return [name for name, _vars in host_names(accounts, qualify=qualify)]


def test_unique_host_names_stay_plain_and_shared_ones_are_qualified_on_every_account():
    accounts = [account('eu', (1, 'www.example.com'), (2, 'shared.example.com')),
                account('us', (7, 'shared.example.com'), (8, 'us.example.com'))]
    assert names(accounts) == ['www.example.com', 'shared.example.com@eu', 'shared.example.com@us', 'us.example.com']
    assert names(accounts, qualify=True) == ['www.example.com@eu', 'shared.example.com@eu', 'shared.example.com@us',
                                             'us.example.com@us']


def test_a_zone_without_host_name_and_a_name_taken_twice_in_one_account_stay_distinct():
    accounts = [account('eu', (1, None), (2, 'dup.example.com'), (3, 'dup.example.com'))]
    assert names(accounts) == ['1@eu', 'dup.example.com@eu', 'dup.example.com@eu-3']


def test_host_vars_carry_the_zone_and_the_account_but_no_raw_object_or_setting():
    found = zone_vars(dict(id=42, hostname='a.example.com', aliases=None, cdn_domain='x.cdn', origin='https://o',
                           tls=True, status='ready', raw={'token': 'no'}, settings={'key': 'no'}),
                      'prod', 'ucdn', 'https://api.example/')
    assert found == dict(cdn_zone_id='42', cdn_hostname='a.example.com', cdn_aliases=[], cdn_cname='x.cdn',
                         cdn_origin='https://o', cdn_tls=True, cdn_status='ready', cdn_provider='ucdn',
                         cdn_account='prod', cdn_api_url='https://api.example/')


@pytest.mark.parametrize('accounts, problem', [
    (None, 'option accounts: is empty'),
    (['ucdn'], 'option accounts[0]: is not a mapping'),
    ([{'provider': 'ucdn'}], 'option accounts[0].name: None is not allowed'),
    ([{'name': 'prod', 'provider': 'ucdn', 'timeout': 0}], 'option accounts[0].timeout (account prod): 0 is not allowed; allowed: a whole number of 1 or more'),
    ([{'name': 'prod', 'provider': 'ucdn', 'retries': -1}], 'option accounts[0].retries (account prod): -1 is not allowed; allowed: 0 or more'),
])
def test_wrong_accounts_are_refused_naming_the_entry(accounts, problem):
    with pytest.raises(InventorySourceError) as info:
        check_accounts(accounts)
    assert problem in str(info.value)


def test_credentials_come_from_the_option_then_the_provider_variable_then_the_generic_one():
    caps = adapter_class('cloudflow', ['zone']).capabilities
    environ = dict(CLOUDFLOW_API_KEY='provider-key', CDN_API_TOKEN='generic-key', CDN_API_USER='generic@example.com',
                   CDN_API_URL='https://generic.example/')
    assert resolve_credentials(caps, api_token='option-key', environ=environ) == \
        ('https://generic.example/', 'option-key', 'generic@example.com')
    assert resolve_credentials(caps, environ=environ)[1] == 'provider-key'
    assert resolve_credentials(caps, environ=dict(CDN_API_TOKEN='generic-key'))[1] == 'generic-key'
    # CloudFlow has no public URL: nothing set is a problem that names the option and the variable.
    url, token, user = resolve_credentials(caps, api_token='k', api_user='u', environ={})
    assert credential_problem(caps, url, token, user) == \
        'option api_url: CloudFlow has no public default URL; set api_url or CLOUDFLOW_API_URL'


def test_a_credential_problem_never_shows_the_value():
    caps = adapter_class('ucdn', ['zone']).capabilities
    problem = credential_problem(caps, 'https://api.example/', 'Secret-Line\nBreak-99', None)
    assert problem.startswith('option api_token: the value contains a line break')
    assert 'Secret-Line' not in problem
