"""playbooks/converge_zones.yml, the host-oriented playbook, through ansible-playbook on an inventory
built by the edgeops.cdn.cdn_zones plugin against the simulator: every zone an inventory host, its
provider, API and id from host variables, its desired state from group_vars and host_vars. It
converges with 20 forks, a second run is changed=0 with no write and reads each zone by its id only
(no listing of the account per host), --limit converges one group's zones only, a second account of
one provider takes its token from the group_vars of its account group, and a host can converge
through the distribution role instead."""

import collections
import json
import os

import pytest

from tests.simulator.accounts import recap
from tests.simulator.client import start_simulator
from tests.simulator.runner import ensure_collection_link
from test_inventory import account, ansible, credential_env, seed, source, write_source

PLAYBOOK = os.path.join('playbooks', 'converge_zones.yml')
SECRET = 'Inv3ntory-S3cret-7f3a9c'             # test_inventory.seed's token of every account
US_SECRET = 'Sec0nd-Acc0unt-Fleet-93c1'         # the second UCDN account's token

ZONES = {
    'ucdn': ('u1.example.com', 'u2.example.com', 'u3.example.com'),
    'leaseweb': ('l1.example.com', 'l2.example.com', 'l3.example.com'),
    'cloakfusion': ('k1.example.com', 'k2.example.com'),
    'cloudflow': ('f1.example.com', 'f2.example.com'),
    'cloudflare': ('c1.example.com', 'c2.example.com'),
}
US_ZONES = ('us1.example.com',)                 # the second UCDN account (another API host)

# Desired state per provider group (group_vars/cdn_<provider>.yml); every seeded zone differs from it.
DESIRED = {
    'ucdn': {'cache_ttl': 7200},
    'leaseweb': {'cache_ttl': 7200},
    'cloakfusion': {'compress': True},
    'cloudflow': {'settings': {'cache_expiry': 120}},
    'cloudflare': {'settings': {'sec_lvl': 'high'}},
}

# What reading one zone by its id costs, per provider: the no-op converge sends exactly these for each host
# and nothing else (no listing of the account's zones per host).
NOOP_READS = {
    # Cloakfusion API Reference, "Vhosts / GET"
    'cloakfusion': ['GET vhosts/{id}/'],
    # CloudFlow (OnApp CDN API), "Get CDN Resource Basic Details" and "... Advanced Details"
    'cloudflow': ['GET cdn_resources/{id}.json', 'GET cdn_resources/{id}/advanced.json'],
    # CloudFlare client API v1 has no zone read by id: 3.2 zone_load_multi (every zone of the account, one call,
    # no paging) and 3.7 zone_settings of the zone.
    'cloudflare': ['POST zone_load_multi', 'POST zone_settings {hostname}'],
    # UCDN API v3, "Fetch a zone"
    'ucdn': ['GET zone/{id}'],
    # Leaseweb CDN v2: the distribution, its domains, its policy, its origin, and its status, which only the
    # account's action list shows ("List actions": no filter by distribution; one page of 25 here).
    'leaseweb': ['GET distributions/{id}', 'GET distributions/{id}/domains', 'GET distributions/{id}/policies',
                 'GET origins/*', 'GET actions'],
}


@pytest.fixture(scope='module')
def us_sim():
    """The second UCDN account, on its own API host."""
    ensure_collection_link()
    proc, other = start_simulator()
    yield other
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def fleet(sim, us_sim, tmp_path):
    """12 zones over the five providers and one zone of a second UCDN account; the inventory source with
    its group_vars; the zone ids by host name."""
    sim.speed(100)
    us_sim.reset()
    ids = {}
    for provider, hostnames in ZONES.items():
        ids.update(seed(sim, provider, hostnames=hostnames))
    ids.update(seed(us_sim, 'ucdn', hostnames=US_ZONES, token=US_SECRET))
    accounts = [account(sim, provider, name=provider) for provider in ZONES]
    # A second account of one provider: its token from a variable of its own, in the source and the group_vars.
    accounts.append(account(us_sim, 'ucdn', name='ucdn_us',
                            api_token="{{ lookup('ansible.builtin.env', 'UCDN_US_API_TOKEN') }}"))
    # Cached, as an AWX inventory update is: the playbook runs build the inventory from the cache, so the request
    # log shows what the playbook costs.
    inventory = write_source(tmp_path, source(accounts, cache=True, cache_plugin='ansible.builtin.jsonfile',
                                              cache_connection=str(tmp_path / 'cache'), cache_timeout=3600))
    group_vars = tmp_path / 'group_vars'
    group_vars.mkdir()
    for provider, desired in DESIRED.items():
        write_vars(group_vars / ('cdn_%s.yml' % provider), cdn_desired=desired)
    write_vars(group_vars / 'cdn_account_ucdn_us.yml',
               cdn_api_token="{{ lookup('ansible.builtin.env', 'UCDN_US_API_TOKEN') }}")
    (tmp_path / 'host_vars').mkdir()
    # The inventory update (what AWX runs before a job): the playbook runs then build the inventory from the cache.
    rc, out = ansible('ansible-inventory', ['-i', str(inventory), '--graph'], env=credentials())
    assert rc == 0 and '@cdn_account_ucdn_us:' in out, out
    sim.clear_log()
    us_sim.clear_log()
    return dict(inventory=inventory, ids=ids, dir=tmp_path)


def write_vars(path, **variables):
    path.write_text(json.dumps(variables))   # JSON is YAML


def credentials():
    env = dict(UCDN_US_API_TOKEN=US_SECRET)
    for provider in ZONES:
        env.update(credential_env(provider))
    return env


def converge(fleet, *args):
    rc, out = ansible('ansible-playbook', ['-i', str(fleet['inventory']), PLAYBOOK, '-f', '20'] + list(args),
                      env=credentials())
    assert SECRET not in out and US_SECRET not in out
    return rc, out


def all_hosts():
    return sorted(sum(ZONES.values(), ()) + US_ZONES)


def request_kinds(entries, names):
    """The requests as NOOP_READS names them, counted; ``names`` maps zone ids to host names."""
    kinds = collections.Counter()
    for entry in entries:
        path = entry['path']
        if entry['provider'] == 'cloudflare':
            form = entry['body'] or {}
            kind = 'POST %s' % form.get('a') + (' %s' % form['z'] if 'z' in form else '')
        elif path.startswith('origins/'):
            kind = 'GET origins/*'
        else:
            kind = '%s %s' % (entry['method'], path)
        kinds[kind] += 1
    return kinds


def expected_kinds(provider, hostnames, ids):
    kinds = collections.Counter()
    for host in hostnames:
        for read in NOOP_READS[provider]:
            kinds[read.format(id=ids[host], hostname=host)] += 1
    return kinds


def converged_values(sim, provider):
    """{host name: the desired value as the simulator holds it}."""
    state = sim.state(provider)
    if provider == 'ucdn':
        return dict((z['custom_domains'][0], {'cache_ttl': int(z['expiration'] or 0)}) for z in state['zones'])
    if provider == 'leaseweb':
        names = dict((d['distributionId'], d['domain']) for d in state['domains'])
        return dict((names[p['distributionId']], {'cache_ttl': p['cacheDefaultTtl']}) for p in state['policies'])
    if provider == 'cloakfusion':
        return dict((v['domain_name'], {'compress': v['properties'][0]['gzip']}) for v in state['vhosts'])
    if provider == 'cloudflow':
        return dict((r['cdn_hostname'], {'settings': {'cache_expiry': r['cache_expiry']}}) for r in state['cdn_resources'])
    return dict((z['zone_name'], {'settings': {'sec_lvl': z['settings']['sec_lvl']}}) for z in state['zones'])


def test_converge_with_20_forks_then_a_noop_run_reads_each_zone_by_its_id(sim, us_sim, fleet):
    rc, out = converge(fleet)
    assert rc == 0, out
    counts = recap(out)
    assert sorted(counts) == all_hosts()
    assert all(c['changed'] == 1 and c['failed'] == 0 for c in counts.values()), counts
    for provider, desired in DESIRED.items():
        assert converged_values(sim, provider) == dict((h, desired) for h in ZONES[provider]), provider
    assert converged_values(us_sim, 'ucdn') == {'us1.example.com': DESIRED['ucdn']}

    sim.clear_log()
    us_sim.clear_log()
    rc, out = converge(fleet)
    assert rc == 0, out
    assert all(c['changed'] == 0 and c['failed'] == 0 for c in recap(out).values()), recap(out)
    assert sim.mutations() == [] and us_sim.mutations() == []
    # Every host read its own zone by id, nothing more: the total is the per-zone cost times the zones.
    for provider, hostnames in ZONES.items():
        assert request_kinds(sim.log(provider), fleet['ids']) == expected_kinds(provider, hostnames, fleet['ids']), provider
    assert request_kinds(us_sim.log('ucdn'), fleet['ids']) == expected_kinds('ucdn', US_ZONES, fleet['ids'])
    minimal = sum(len(NOOP_READS[p]) * len(h) for p, h in ZONES.items()) + len(NOOP_READS['ucdn']) * len(US_ZONES)
    assert len(sim.log()) + len(us_sim.log()) == minimal == 29


def test_limit_converges_one_group_only_and_check_mode_in_batches_writes_nothing(sim, us_sim, fleet):
    rc, out = converge(fleet)
    assert rc == 0, out
    write_vars(fleet['dir'] / 'group_vars' / 'cdn_ucdn.yml', cdn_desired={'cache_ttl': 600})
    write_vars(fleet['dir'] / 'group_vars' / 'cdn_leaseweb.yml', cdn_desired={'cache_ttl': 600})
    sim.clear_log()
    us_sim.clear_log()

    rc, out = converge(fleet, '--limit', 'cdn_account_ucdn', '--check', '-e', 'cdn_serial=2')
    assert rc == 0, out
    assert out.count('PLAY [Converge each zone of the inventory]') == 2      # serial: batches of 2 of the 3 hosts
    assert sorted(recap(out)) == list(ZONES['ucdn'])
    assert all(c['changed'] == 1 for c in recap(out).values())
    assert sim.mutations() == []
    assert converged_values(sim, 'ucdn') == dict((h, {'cache_ttl': 7200}) for h in ZONES['ucdn'])

    sim.clear_log()
    rc, out = converge(fleet, '--limit', 'cdn_account_ucdn')
    assert rc == 0, out
    assert sorted(recap(out)) == list(ZONES['ucdn'])
    assert converged_values(sim, 'ucdn') == dict((h, {'cache_ttl': 600}) for h in ZONES['ucdn'])
    # Only the limited group's zones were touched: no other provider, no other account, no other zone.
    assert set(e['provider'] for e in sim.log()) == {'ucdn'}
    assert us_sim.log() == []
    assert set(e['path'] for e in sim.log('ucdn')) == set('zone/%s' % fleet['ids'][h] for h in ZONES['ucdn'])
    assert converged_values(us_sim, 'ucdn') == {'us1.example.com': {'cache_ttl': 7200}}
    assert converged_values(sim, 'leaseweb') == dict((h, {'cache_ttl': 7200}) for h in ZONES['leaseweb'])


def test_a_host_converges_through_the_distribution_role_by_its_zone_id(sim, us_sim, fleet):
    host = 'l2.example.com'
    write_vars(fleet['dir'] / 'host_vars' / ('%s.yml' % host), cdn_converge_with='distribution',
               distribution_cache_ttl=1800, distribution_poll_interval=1)
    rc, out = converge(fleet, '--limit', 'cdn_leaseweb')
    assert rc == 0, out
    assert all(c['changed'] == 1 and c['failed'] == 0 for c in recap(out).values()), recap(out)
    values = converged_values(sim, 'leaseweb')
    assert values[host] == {'cache_ttl': 1800}
    assert values['l1.example.com'] == values['l3.example.com'] == {'cache_ttl': 7200}

    sim.clear_log()
    rc, out = converge(fleet, '--limit', host)
    assert rc == 0, out
    assert recap(out)[host]['changed'] == 0 and recap(out)[host]['failed'] == 0
    assert sim.mutations() == []
    # The role read the zone by its id too.
    assert request_kinds(sim.log('leaseweb'), fleet['ids']) == expected_kinds('leaseweb', [host], fleet['ids'])


@pytest.mark.parametrize('variables, problem', [
    ({'cdn_desired': {'cache_tll': 60}},
     'cdn_desired: unknown option cache_tll; allowed: aliases, cache_ttl, certificate_id'),
    ({'cdn_desired': [{'cache_ttl': 60}]}, 'cdn_desired: is not a dict; allowed: a dict of edgeops.cdn.cdn_zone options'),
    ({'cdn_converge_with': 'role'}, 'cdn_converge_with: role is not allowed; allowed: zone'),
])
def test_wrong_host_variables_fail_that_host_before_any_request(sim, fleet, variables, problem):
    write_vars(fleet['dir'] / 'host_vars' / 'u1.example.com.yml', **variables)
    sim.clear_log()
    rc, out = converge(fleet, '--limit', 'u1.example.com,u2.example.com')
    assert rc != 0, out
    assert problem in out and 'nothing was changed' in out
    assert recap(out)['u1.example.com']['failed'] == 1
    # The other host converged; the failed one sent nothing.
    assert recap(out)['u2.example.com']['failed'] == 0
    assert set(e['path'] for e in sim.log()) == {'zone/%s' % fleet['ids']['u2.example.com']}
