"""The account export and its round trip, per provider, through ansible-playbook against the simulator
(playbooks/export_account.yml, then the apply_account.yml it writes): a full account exported and applied back
changes nothing and sends no write; applied to an empty account it recreates what the provider lets a client
create, and that account exports to the same variables. No secret or private key is in any export or output."""

import json
import shutil

import pytest
import yaml

from tests.simulator.accounts import recap
from tests.simulator.runner import run_module
from account_fixtures import (FTP_PASSWORD, HASH_SECRET, ORIGIN_PASSWORD, PROVIDERS, SECRETS, SIGNING_KEY,
                              build_account, empty_account, pki)
from test_inventory import account, ansible, source, write_source

EXPORT = 'playbooks/export_account.yml'


@pytest.fixture(scope='module')
def certs():
    return pki()


def credentials(sim, provider, tmp_path):
    """Extra vars of the account (a file: the token is not on the command line)."""
    creds = sim.creds(provider)
    extra = dict(cdn_provider=provider, cdn_api_url=creds['api_url'], cdn_api_token=creds['api_token'])
    if creds.get('api_user'):
        extra['cdn_api_user'] = creds['api_user']
    path = tmp_path / ('creds-%s.json' % provider)
    path.write_text(json.dumps(extra))
    return '@%s' % path


def secrets_file(tmp_path):
    path = tmp_path / 'secrets.json'
    # What a user keeps in a vault file: the secrets the accounts were built with, by the export's names.
    path.write_text(json.dumps(dict(cdn_secrets={
        'origin_www_example_com_auth_password': ORIGIN_PASSWORD,
        'storage_files_example_com_ftp_password': FTP_PASSWORD,
        'zone_www_example_com_hash_secret': HASH_SECRET,
        'zone_www_example_com_url_signing_key': SIGNING_KEY,
    })))
    return '@%s' % path


def export(sim, provider, tmp_path, name):
    directory = tmp_path / name
    rc, out = ansible('ansible-playbook', ['-i', 'localhost,', EXPORT, '-e', credentials(sim, provider, tmp_path),
                                           '-e', 'export_dir=%s' % directory])
    assert rc == 0, out
    return directory, yaml.safe_load((directory / 'cdn_account.yml').read_text())['cdn_account'], out


def place_pem_files(directory, account, certs):
    """What the user does after an export: the PEM files of each certificate next to it."""
    for cert in account['cdn_account']['certificates'] if 'cdn_account' in account else account['certificates']:
        (directory / cert['files']['certificate']).write_text(certs['www'].cert_pem)
        (directory / cert['files']['private_key']).write_text(certs['www'].key_pem)
        (directory / cert['files']['chain']).write_text(certs['chain'].cert_pem)


def apply(sim, provider, directory, tmp_path, *args, **options):
    secrets = ['-e', secrets_file(tmp_path)] if options.get('secrets', True) else []
    return ansible('ansible-playbook', ['-i', 'localhost,', str(directory / 'apply_account.yml'),
                                        '-e', credentials(sim, provider, tmp_path)] + secrets + list(args))


def assert_no_secret(*texts):
    for text in texts:
        for secret in SECRETS + ('sim-token', 'PRIVATE KEY'):
            assert secret not in text


def exported_files(directory):
    return ''.join(p.read_text() for p in directory.rglob('*.yml'))


@pytest.mark.parametrize('provider', PROVIDERS)
def test_export_apply_is_a_noop_and_recreates_an_empty_account_exactly(sim, certs, tmp_path, provider):
    build_account(sim, provider, certs)
    directory, account, out = export(sim, provider, tmp_path, 'export')
    assert_no_secret(out, exported_files(directory))
    assert sim.mutations(provider) == []
    place_pem_files(directory, account, certs)

    # Applied to the account it came from: nothing changes, not one write (check mode and the real run).
    sim.clear_log()
    rc, out = apply(sim, provider, directory, tmp_path, '--check', '--diff')
    assert rc == 0, out
    assert recap(out)['localhost']['changed'] == 0, out
    rc, out = apply(sim, provider, directory, tmp_path)
    assert rc == 0, out
    assert recap(out)['localhost']['changed'] == 0, out
    assert sim.mutations(provider) == []
    assert_no_secret(out)

    # Applied to an empty account: the account is recreated, and exports to the same variables.
    empty_account(sim, provider)
    rc, out = apply(sim, provider, directory, tmp_path, '--check')
    assert rc == 0, out
    assert sim.mutations(provider) == []
    rc, out = apply(sim, provider, directory, tmp_path)
    assert rc == 0, out
    assert_no_secret(out)
    again, recreated, out = export(sim, provider, tmp_path, 'again')
    assert recreated == account
    assert_no_secret(out, exported_files(again))
    shutil.rmtree(again)


def test_a_check_run_of_the_export_reports_hand_made_drift_and_fails_on_it(sim, certs, tmp_path):
    build_account(sim, 'ucdn', certs)
    directory = export(sim, 'ucdn', tmp_path, 'export')[0]
    # Changed by hand after the export: the zone's cache TTL, and one more access rule.
    hand = dict(sim.creds('ucdn'))
    assert run_module('cdn_zone', dict(hand, hostname='www.example.com', cache_ttl=7200))['changed'] is True
    assert run_module('cdn_access_rule', dict(hand, zone='www.example.com',
                                              rules=[dict(type='country', action='deny', value='FR')]))['changed'] is True
    sim.clear_log()
    reports = tmp_path / 'reports'
    rc, out = apply(sim, 'ucdn', directory, tmp_path, '--check', '-e', 'cdn_drift_report_dir=%s' % reports,
                    '-e', 'cdn_fail_on_drift=true', '-e', 'cdn_apply_prune=true')
    assert rc != 0 and 'cdn_fail_on_drift: drift found in 1 of' in out, out
    assert sim.mutations('ucdn') == []
    report = json.loads((reports / 'drift-report.json').read_text())
    drifted = [z for z in report['zones'] if z['drift']]
    assert [z['zone'] for z in drifted] == ['www.example.com']
    changes = dict((c['task'], c) for c in drifted[0]['changes'])
    assert changes['cdn_zone']['before']['cache_ttl'] == 7200 and changes['cdn_zone']['after']['cache_ttl'] == 3600
    assert 'cdn_access_rule' in changes
    markdown = (reports / 'drift-report.md').read_text()
    assert 'www.example.com' in markdown and '7200' in markdown
    assert_no_secret(out, markdown, (reports / 'drift-report.html').read_text(), json.dumps(report))

    # Without prune the extra rule is left alone: only the TTL is drift, and without fail-on-drift the run passes.
    rc, out = apply(sim, 'ucdn', directory, tmp_path, '--check', '-e', 'cdn_drift_report_dir=%s' % reports)
    assert rc == 0, out
    report = json.loads((reports / 'drift-report.json').read_text())
    assert [c['task'] for z in report['zones'] for c in z['changes']] == ['cdn_zone']
    assert sim.mutations('ucdn') == []


def test_apply_without_a_required_secret_fails_before_any_request(sim, certs, tmp_path):
    build_account(sim, 'ucdn', certs)
    directory = export(sim, 'ucdn', tmp_path, 'export')[0]
    sim.clear_log()
    rc, out = apply(sim, 'ucdn', directory, tmp_path, secrets=False)
    assert rc != 0
    assert 'cdn_secrets: lacks origin_www_example_com_auth_password' in out and 'nothing was changed' in out, out
    assert sim.log('ucdn') == []


def test_export_of_chosen_zones_and_parts(sim, certs, tmp_path):
    build_account(sim, 'leaseweb', certs)
    directory = tmp_path / 'part'
    rc, out = ansible('ansible-playbook', ['-i', 'localhost,', EXPORT, '-e', credentials(sim, 'leaseweb', tmp_path),
                                           '-e', 'export_dir=%s' % directory,
                                           '-e', '{"export_zones": ["static.example.com"], '
                                                 '"export_resources": ["origins", "zones", "access_rules"]}'])
    assert rc == 0, out
    account = yaml.safe_load((directory / 'cdn_account.yml').read_text())['cdn_account']
    assert [z['hostname'] for z in account['zones']] == ['static.example.com']
    assert [o['name'] for o in account['origins']] == ['backend-a', 'backend-b', 'pool']
    assert account['certificates'] == [] and account['access_rules'] == []
    assert sim.mutations('leaseweb') == []


def test_export_of_the_zones_an_inventory_selects(sim, certs, tmp_path):
    build_account(sim, 'ucdn', certs)
    # Cached, as an AWX inventory update is: the playbook runs then show their own requests only.
    inventory = write_source(tmp_path, source([account(sim, 'ucdn', name='prod', api_token=sim.creds('ucdn')['api_token'])],
                                              cache=True, cache_plugin='ansible.builtin.jsonfile',
                                              cache_connection=str(tmp_path / 'cache'), cache_timeout=3600))
    rc, out = ansible('ansible-inventory', ['-i', str(inventory), '--graph'])
    assert rc == 0 and 'www.example.com' in out, out
    directory = tmp_path / 'selected'
    args = ['-i', str(inventory), EXPORT, '-e', credentials(sim, 'ucdn', tmp_path), '-e', 'export_dir=%s' % directory]
    rc, out = ansible('ansible-playbook', args + ['-e', 'export_hosts=www.example.com'])
    assert rc == 0, out
    account_vars = yaml.safe_load((directory / 'cdn_account.yml').read_text())['cdn_account']
    assert [z['hostname'] for z in account_vars['zones']] == ['www.example.com']
    assert [c['zones'] for c in account_vars['certificates']] == [['www.example.com']]
    assert [r['zone'] for r in account_vars['access_rules']] == ['www.example.com']
    assert [o['zone'] for o in account_vars['zone_origins']] == ['www.example.com']

    sim.clear_log()
    rc, out = ansible('ansible-playbook', args + ['-e', 'export_hosts=cdn_leaseweb'])
    assert rc != 0 and 'export_hosts: cdn_leaseweb selects no host of a ucdn zone' in out, out
    assert sim.log('ucdn') == []
