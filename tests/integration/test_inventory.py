"""The edgeops.cdn.cdn_zones inventory plugin through ansible-inventory (as AWX runs an inventory
source) and ansible-playbook, against the simulator: hosts, host variables, groups, constructed
features, filters, caching, two accounts of one provider, credentials from the environment and
vault, and failures that name the provider and never show a secret."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.simulator.accounts import PROVIDERS, TOKEN_ENV, USER_ENV, zone_seed  # noqa: F401  pylint: disable=unused-import
from tests.simulator.client import REPO, start_simulator
from tests.simulator.runner import ensure_collection_link, module_env, run_module

TITLES = dict(cloakfusion='Cloakfusion', cloudflow='CloudFlow', cloudflare='CloudFlare', ucdn='UCDN', leaseweb='Leaseweb')
USER = 'ops@example.com'
# Distinctive credentials: neither may appear anywhere in what the plugin prints or caches.
SECRET = 'Inv3ntory-S3cret-7f3a9c'
SECOND_SECRET = 'Sec0nd-Acc0unt-Key-41b2'
WRONG = 'Wr0ng-Inv-Token-5150'
HOSTS = ('www.example.com', 'static.example.com', 'img.example.com')


def seed_data(provider, hostnames, token):
    """Seed of the provider's simulator: zones serving ``hostnames`` and an account whose credential is ``token``."""
    return zone_seed(provider, hostnames, token=token, user=USER)


def seed(sim, provider, hostnames=HOSTS, token=SECRET):
    ids = sim.seed(provider, seed_data(provider, hostnames, token))['result']
    sim.clear_log()
    return dict(zip(hostnames, [str(i) for i in ids]))


def credential_env(provider, token=SECRET):
    """The account's credentials as an AWX credential type injects them."""
    env = {TOKEN_ENV[provider]: token}
    if provider in USER_ENV:
        env[USER_ENV[provider]] = USER
    return env


def write_source(tmp_path, config, name='zones'):
    path = tmp_path / ('%s.cdn_zones.yml' % name)
    path.write_text(textwrap.dedent(config) if isinstance(config, str) else json.dumps(config))
    return path


def source(accounts, **options):
    """An inventory source (JSON is YAML) with the given accounts and top-level options."""
    config = dict(plugin='edgeops.cdn.cdn_zones', accounts=accounts)
    config.update(options)
    return config


def account(sim, provider, name='prod', **extra):
    entry = dict(name=name, provider=provider, api_url=sim.api_url(provider))
    entry.update(extra)
    return entry


def ansible(tool, args, env=None, cwd=None):
    run_env = module_env()
    run_env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1',
                   ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING='0',
                   ANSIBLE_INVENTORY_UNPARSED_FAILED='1')
    run_env.update(env or {})
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), tool)] + list(args),
                          capture_output=True, text=True, env=run_env, cwd=cwd or REPO, timeout=300, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def inventory(tmp_path, path, *args, env=None):
    """ansible-inventory --list --export (what an AWX inventory update runs): (rc, the inventory, all output)."""
    out_file = tmp_path / 'inventory.json'
    if out_file.exists():
        out_file.unlink()
    rc, out = ansible('ansible-inventory', ['-i', str(path), '--list', '--export', '--output', str(out_file)] + list(args),
                      env=env)
    listing = json.loads(out_file.read_text()) if rc == 0 else None
    return rc, listing, out


def plain(value):
    """A value of ansible-inventory's JSON without its untrusted-string markers."""
    if isinstance(value, dict):
        if set(value) == {'__ansible_unsafe'}:
            return value['__ansible_unsafe']
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def hostvars(listing):
    return plain(listing['_meta']['hostvars'])


def members(listing, group):
    return sorted(listing.get(group, {}).get('hosts', []))


def children(listing, group):
    return sorted(listing.get(group, {}).get('children', []))


def expected_requests(provider, zones):
    """What one account's listing costs (the plugin's notes and the provider guides say so)."""
    if provider in ('cloakfusion', 'ucdn'):
        return (1, 1)
    if provider in ('cloudflow', 'cloudflare'):
        return (1 + zones, 1 + zones)
    # Leaseweb: actions and distributions, then per distribution its domains, policy and (at most) origin.
    return (2 + 2 * zones, 2 + 3 * zones)


@pytest.mark.parametrize('provider', PROVIDERS)
def test_zones_become_hosts_with_vars_groups_and_constructed_features(sim, tmp_path, provider):
    ids = seed(sim, provider)
    path = write_source(tmp_path, source(
        [account(sim, provider)],
        include_filters=["cdn_hostname is search('example\\.com$')"],
        exclude_filters=["cdn_hostname.startswith('img.')"],
        compose={'zone_label': "cdn_account ~ '/' ~ cdn_hostname"},
        keyed_groups=[{'key': 'cdn_provider', 'prefix': 'provider'}],
        groups={'static_zones': "cdn_hostname.startswith('static.')"},
    ))
    rc, listing, out = inventory(tmp_path, path, '-vvv', env=credential_env(provider))
    assert rc == 0, out
    assert SECRET not in out and SECRET not in json.dumps(listing)

    found = hostvars(listing)
    assert sorted(found) == ['static.example.com', 'www.example.com']   # img.* excluded by the filter
    # Groups nested top > provider > account; the account group holds the hosts.
    assert children(listing, 'cdn') == ['cdn_%s' % provider]
    assert children(listing, 'cdn_%s' % provider) == ['cdn_account_prod']
    assert members(listing, 'cdn_account_prod') == ['static.example.com', 'www.example.com']
    assert members(listing, 'provider_%s' % provider) == ['static.example.com', 'www.example.com']
    assert members(listing, 'static_zones') == ['static.example.com']

    # Host variables: the zone as cdn_zone_info shows it, plus provider, account and API URL; no credential.
    info = run_module('cdn_zone_info', dict(sim.creds(provider), api_token=SECRET, api_user=USER))
    assert info['_rc'] == 0, info
    shown = dict((z['hostname'], z) for z in info['zones'])
    for host, host_vars in found.items():
        zone = shown[host]
        assert host_vars == {
            'cdn_provider': provider, 'cdn_account': 'prod', 'cdn_api_url': sim.api_url(provider),
            'cdn_zone_id': ids[host], 'cdn_hostname': host, 'cdn_aliases': zone.get('aliases') or [],
            'cdn_cname': zone['cdn_domain'], 'cdn_origin': zone.get('origin'), 'cdn_tls': zone.get('tls'),
            'cdn_status': zone['status'], 'zone_label': 'prod/%s' % host,
        }

    assert sim.mutations(provider) == []


@pytest.mark.parametrize('provider', PROVIDERS)
def test_listing_requests_are_counted_against_the_simulator_log(sim, tmp_path, provider):
    seed(sim, provider, hostnames=HOSTS[:2])
    path = write_source(tmp_path, source([account(sim, provider)]))
    rc, listing, out = inventory(tmp_path, path, '-v', env=credential_env(provider))
    assert rc == 0, out
    served = sim.log(provider)
    assert sim.mutations(provider) == []
    assert 'account prod (%s): 2 zones read in %d request%s' % (provider, len(served), '' if len(served) == 1 else 's') in out
    low, high = expected_requests(provider, 2)
    assert low <= len(served) <= high, served


@pytest.mark.parametrize('provider', PROVIDERS)
def test_a_cached_build_sends_no_request(sim, tmp_path, provider):
    seed(sim, provider)
    cache_dir = tmp_path / 'cache'
    path = write_source(tmp_path, source([account(sim, provider)], cache=True, cache_plugin='ansible.builtin.jsonfile',
                                         cache_connection=str(cache_dir), cache_timeout=600))
    rc, first, out = inventory(tmp_path, path, env=credential_env(provider))
    assert rc == 0, out
    assert sim.log(provider) != []
    sim.clear_log()

    # The zones change on the provider; the cached build neither asks nor sees it.
    seed(sim, provider, hostnames=('new.example.com',))
    rc, second, out = inventory(tmp_path, path, '-v', env=credential_env(provider))
    assert rc == 0, out
    assert sim.log(provider) == []
    assert 'from the cache, no request sent' in out
    assert hostvars(second) == hostvars(first)
    assert 'new.example.com' not in hostvars(second)
    cached = ''.join(p.read_text() for p in cache_dir.iterdir())
    assert 'www.example.com' in cached and SECRET not in cached

    # --flush-cache reads the provider again and refreshes the cache.
    rc, third, out = inventory(tmp_path, path, '--flush-cache', env=credential_env(provider))
    assert rc == 0, out
    assert 'new.example.com' in hostvars(third)
    assert sim.log(provider) != []


@pytest.mark.parametrize('provider', PROVIDERS)
def test_a_bad_credential_fails_the_source_naming_the_provider_without_the_secret(sim, tmp_path, provider):
    seed(sim, provider)
    path = write_source(tmp_path, source([account(sim, provider, api_token=WRONG, api_user=USER)]))
    rc, _listing, out = inventory(tmp_path, path, '-vvv')
    assert rc != 0, out
    assert 'edgeops.cdn.cdn_zones: account prod (%s): list ' % TITLES[provider] in out
    assert ': request failed' in out
    assert 'check the credentials of the account' in out
    assert WRONG not in out
    assert sim.mutations(provider) == []


@pytest.fixture(scope='module')
def second_sim():
    """A second simulator: another account of the same provider, on its own API host."""
    ensure_collection_link()
    proc, other = start_simulator()
    yield other
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize('provider', PROVIDERS)
def test_two_accounts_of_one_provider(sim, second_sim, tmp_path, provider):
    second_sim.reset()
    first_ids = seed(sim, provider, hostnames=('www.example.com', 'shared.example.com'))
    second_ids = seed(second_sim, provider, hostnames=('shared.example.com', 'eu.example.com'), token=SECOND_SECRET)
    # The first account's token from the provider's variable, the second's from another one.
    second = account(second_sim, provider, name='second',
                     api_token="{{ lookup('ansible.builtin.env', 'SECOND_CDN_TOKEN') }}")
    path = write_source(tmp_path, source([account(sim, provider, name='first'), second]))
    env = dict(credential_env(provider), SECOND_CDN_TOKEN=SECOND_SECRET)
    rc, listing, out = inventory(tmp_path, path, '-vvv', env=env)
    assert rc == 0, out
    assert SECRET not in out and SECOND_SECRET not in out

    found = hostvars(listing)
    # The host name both accounts serve is qualified by the account on both; the others stay plain.
    assert sorted(found) == ['eu.example.com', 'shared.example.com@first', 'shared.example.com@second',
                             'www.example.com']
    assert children(listing, 'cdn_%s' % provider) == ['cdn_account_first', 'cdn_account_second']
    assert members(listing, 'cdn_account_first') == ['shared.example.com@first', 'www.example.com']
    assert members(listing, 'cdn_account_second') == ['eu.example.com', 'shared.example.com@second']
    assert found['shared.example.com@first']['cdn_zone_id'] == first_ids['shared.example.com']
    assert found['shared.example.com@second']['cdn_zone_id'] == second_ids['shared.example.com']
    assert found['shared.example.com@second']['cdn_hostname'] == 'shared.example.com'
    assert found['shared.example.com@second']['cdn_api_url'] == second_sim.api_url(provider)
    assert found['eu.example.com']['cdn_account'] == 'second'
    assert second_sim.mutations(provider) == [] and sim.mutations(provider) == []


def test_vault_tokens_inline_and_in_a_file_next_to_the_source_and_qualified_host_names(sim, tmp_path):
    seed(sim, 'ucdn', hostnames=('www.example.com',))
    seed(sim, 'cloakfusion', hostnames=('www.example.com',), token=SECOND_SECRET)
    vault_pass = tmp_path / 'vault-pass'
    vault_pass.write_text('inventory-vault-password\n')
    rc, out = ansible('ansible-vault', ['encrypt_string', '--vault-password-file', str(vault_pass), SECRET,
                                        '--name', 'api_token'])
    assert rc == 0, out
    inline = out[out.index('api_token:'):].strip().replace('\n', '\n' + ' ' * 12)
    # The Cloakfusion token is a vault-encrypted file beside the source, found by a relative unvault lookup.
    (tmp_path / 'cloakfusion.key').write_text(SECOND_SECRET + '\n')
    rc, out = ansible('ansible-vault', ['encrypt', '--vault-password-file', str(vault_pass), str(tmp_path / 'cloakfusion.key')])
    assert rc == 0, out
    path = write_source(tmp_path, """
        plugin: edgeops.cdn.cdn_zones
        qualify_host_names: true
        accounts:
          - name: prod
            provider: ucdn
            api_url: %s
            %s
          - name: vhosts
            provider: cloakfusion
            api_url: %s
            api_token: "{{ lookup('ansible.builtin.unvault', 'cloakfusion.key') | trim }}"
        """ % (sim.api_url('ucdn'), inline, sim.api_url('cloakfusion')))
    rc, listing, out = inventory(tmp_path, path, '-vvv', '--vault-password-file', str(vault_pass))
    assert rc == 0, out
    # Every host is qualified by its account, although no host name is shared.
    assert sorted(hostvars(listing)) == ['www.example.com@prod', 'www.example.com@vhosts']
    assert hostvars(listing)['www.example.com@vhosts']['cdn_hostname'] == 'www.example.com'
    for secret in (SECRET, SECOND_SECRET):
        assert secret not in out and secret not in json.dumps(listing)


@pytest.mark.parametrize('accounts, problem', [
    ([], 'option accounts: is empty'),
    ([{'name': 'a-b', 'provider': 'ucdn'}], "option accounts[0].name: 'a-b' is not allowed; allowed: letters, digits and _"),
    ([{'name': 'a', 'provider': 'ucdn'}, {'name': 'a', 'provider': 'leaseweb'}],
     "option accounts[1].name: 'a' is used by two accounts"),
    ([{'name': 'a', 'provider': 'akamai'}],
     "option accounts[0].provider (account a): 'akamai' is not allowed; allowed: cloakfusion, cloudflow, cloudflare, "
     "ucdn, leaseweb"),
    ([{'name': 'a', 'provider': 'ucdn', 'api_tokn': 'x'}], 'option accounts[0]: unknown key api_tokn; allowed: name'),
    ([{'name': 'a', 'provider': 'cloudflow', 'api_token': SECRET}],
     'account a (CloudFlow): option api_url: CloudFlow has no public default URL'),
    ([{'name': 'a', 'provider': 'ucdn', 'api_token': '{{ no_such_token_var }}'}],
     "option accounts[].api_token could not be templated: 'no_such_token_var' is undefined"),
])
def test_a_wrong_source_fails_before_any_request(sim, tmp_path, accounts, problem):
    path = write_source(tmp_path, source(accounts))
    rc, _listing, out = inventory(tmp_path, path)
    assert rc != 0, out
    assert problem in out, out
    assert SECRET not in out
    assert sim.log() == []


def test_a_play_targets_zones_by_group_and_takes_zone_and_provider_from_host_vars(sim, tmp_path):
    seed(sim, 'ucdn', hostnames=('www.example.com', 'static.example.com'))
    seed(sim, 'cloakfusion', hostnames=('www.example.com',))
    path = write_source(tmp_path, source([account(sim, 'ucdn'), account(sim, 'cloakfusion', name='vhosts')]))
    play = tmp_path / 'play.yml'
    play.write_text(textwrap.dedent('''
        - name: Every UCDN zone, read by the id the inventory gives
          hosts: cdn_ucdn
          connection: local
          gather_facts: false
          tasks:
            - name: Read the zone of this host
              edgeops.cdn.cdn_zone_info:
                provider: "{{ cdn_provider }}"
                api_url: "{{ cdn_api_url }}"
                zone_id: "{{ cdn_zone_id }}"
              register: info
            - name: It is the zone the inventory named
              ansible.builtin.assert:
                that:
                  - info.zones | length == 1
                  - info.zones[0].hostname == cdn_hostname
                  - info.zones[0].cdn_domain == cdn_cname
    '''))
    env = dict(credential_env('ucdn'), CLOAKFUSION_API_TOKEN=SECRET)
    rc, out = ansible('ansible-playbook', ['-i', str(path), str(play), '--limit', 'www.example.com@prod,static.example.com',
                                           '-vvvv'], env=env)
    assert rc == 0, out
    assert 'ok=2' in out and 'failed=0' in out
    assert 'www.example.com@prod' in out and 'www.example.com@vhosts' not in out.split('PLAY RECAP')[1]
    assert SECRET not in out
    assert sim.mutations('ucdn') == [] and sim.mutations('cloakfusion') == []


@pytest.mark.parametrize('strict', [False, True])
def test_strict_turns_an_expression_that_cannot_be_evaluated_into_a_failure(sim, tmp_path, strict):
    seed(sim, 'ucdn', hostnames=('www.example.com',))
    path = write_source(tmp_path, source([account(sim, 'ucdn')], strict=strict,
                                         compose={'edge': 'cdn_cname ~ no_such_var'},
                                         exclude_filters=['no_such_var == 1']))
    rc, listing, out = inventory(tmp_path, path, env=credential_env('ucdn'))
    if strict:
        assert rc != 0, out
        assert "could not evaluate the filter 'no_such_var == 1' for host www.example.com" in out
    else:
        # Not evaluable: the filter counts as false and the composed variable is not set.
        assert rc == 0, out
        assert list(hostvars(listing)) == ['www.example.com']
        assert 'edge' not in hostvars(listing)['www.example.com']


def test_an_unreachable_api_fails_the_source_with_the_account_options_honoured(sim, tmp_path):
    path = write_source(tmp_path, source([dict(name='prod', provider='leaseweb', api_url='http://127.0.0.1:9/cdn/v2',
                                               api_token=SECRET, retries=0, timeout=5)]))
    rc, _listing, out = inventory(tmp_path, path, '-vvv')
    assert rc != 0, out
    # retries: 0 is used: one try, no retry.
    assert 'account prod (Leaseweb): list actions: connection refused by 127.0.0.1:9 (1 try in' in out, out
    assert SECRET not in out
