"""The drift report of playbooks/converge_zones.yml (playbooks/tasks/drift_report.yml and the edgeops.cdn.drift_report
filters) through ansible-playbook --check --diff on an inventory built by the edgeops.cdn.cdn_zones plugin against
the simulator: no drift, drift on zones of several providers (before and after in option shape, collected over
serial batches), fail-on-drift, a failed zone as an error, secrets of the desired settings never in the report or the
output, and the HTML page rendered by headless Chromium."""

import json
import os
import re
import shutil
import subprocess

import pytest

from test_inventory import account, ansible, credential_env, seed, source, write_source

PLAYBOOK = os.path.join('playbooks', 'converge_zones.yml')
SECRET = 'Inv3ntory-S3cret-7f3a9c'             # test_inventory.seed's token of every account
HASH_SECRET = 'Ucdn-Hash-S3cret-d41f'           # UCDN settings.hash_secret of one zone
SIGNING_KEY = 'FlowSigningKey8c2e71'           # CloudFlow settings.url_signing_key of one zone

ZONES = {
    'ucdn': ('u1.example.com', 'u2.example.com'),
    'cloudflow': ('f1.example.com', 'f2.example.com'),
    'cloudflare': ('c1.example.com',),
    'leaseweb': ('l1.example.com',),
    'cloakfusion': ('k1.example.com',),
}


def credentials():
    env = {}
    for provider in ZONES:
        env.update(credential_env(provider))
    return env


def write_vars(path, **variables):
    path.write_text(json.dumps(variables))   # JSON is YAML


@pytest.fixture
def fleet(sim, tmp_path):
    """Seven zones of five providers, no desired state yet (every zone as it is: no drift)."""
    sim.speed(100)
    ids = {}
    for provider, hostnames in ZONES.items():
        ids.update(seed(sim, provider, hostnames=hostnames))
    inventory = write_source(tmp_path, source([account(sim, provider, name=provider) for provider in ZONES]))
    (tmp_path / 'group_vars').mkdir()
    (tmp_path / 'host_vars').mkdir()
    sim.clear_log()
    return dict(inventory=inventory, ids=ids, dir=tmp_path, reports=tmp_path / 'reports')


def check_run(fleet, *args, diff=True):
    """converge_zones.yml --check (--diff) with the report written; (rc, output, report, markdown, html)."""
    rc, out = ansible('ansible-playbook', ['-i', str(fleet['inventory']), PLAYBOOK, '--check', '-f', '10',
                                           '-e', 'cdn_drift_report_dir=%s' % fleet['reports']]
                      + (['--diff'] if diff else []) + list(args), env=credentials())
    files = [fleet['reports'] / ('drift-report.%s' % ext) for ext in ('json', 'md', 'html')]
    texts = [f.read_text() if f.exists() else None for f in files]
    report = json.loads(texts[0]) if texts[0] else None
    assert SECRET not in out
    return rc, out, report, texts[1], texts[2]


def by_zone(report):
    return dict((z['zone'], z) for z in report['zones'])


def no_writes(sim):
    for provider in ZONES:
        assert sim.mutations(provider) == [], provider


def test_no_drift_reports_none_and_writes_nothing(sim, fleet):
    rc, out, report, markdown, page = check_run(fleet, '-e', 'cdn_fail_on_drift=true')
    assert rc == 0, out
    no_writes(sim)
    assert report['drift'] is False and report['check_mode'] is True
    assert report['summary'] == dict(zones=7, zones_with_drift=0, changes=0, errors=0)
    assert sorted((z['provider'], z['zone']) for z in report['zones']) == sorted(
        (p, h) for p, hosts in ZONES.items() for h in hosts)
    assert [(z['provider'], z['zone']) for z in report['zones']] == sorted((z['provider'], z['zone']) for z in report['zones'])
    assert all(z['changes'] == [] and z['errors'] == [] for z in report['zones'])
    assert re.match(r'\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$', report['generated_at'])
    assert 'No drift in 7 zones.' in markdown and '## Zones without drift' in markdown
    assert 'No drift in 7 zones' in out                 # the summary in the job output
    assert 'id="summary">No drift in 7 zones.' in page


def drift_vars(fleet):
    """Desired state that differs from every zone but u2 and l1; two secrets among the desired settings."""
    group_vars = fleet['dir'] / 'group_vars'
    write_vars(group_vars / 'cdn_ucdn.yml', cdn_desired={'cache_ttl': 7200})
    write_vars(group_vars / 'cdn_cloudflow.yml', cdn_desired={'settings': {'cache_expiry': 120}})
    write_vars(group_vars / 'cdn_cloudflare.yml', cdn_desired={'settings': {'sec_lvl': 'high'}})
    write_vars(group_vars / 'cdn_cloakfusion.yml', cdn_desired={'compress': True})
    host_vars = fleet['dir'] / 'host_vars'
    write_vars(host_vars / 'u1.example.com.yml', cdn_desired={'cache_ttl': 7200, 'settings': {'hash_secret': HASH_SECRET}})
    write_vars(host_vars / 'u2.example.com.yml', cdn_desired={})
    write_vars(host_vars / 'f2.example.com.yml',
               cdn_desired={'settings': {'cache_expiry': 120, 'url_signing_key': SIGNING_KEY}})


def current_values(sim):
    """The zones' values the desired state changes, as the simulator holds them before the run."""
    ucdn = dict((z['custom_domains'][0], int(z['expiration'] or 0)) for z in sim.state('ucdn')['zones'])
    flow = dict((r['cdn_hostname'], r['cache_expiry']) for r in sim.state('cloudflow')['cdn_resources'])
    flare = dict((z['zone_name'], z['settings'].get('sec_lvl')) for z in sim.state('cloudflare')['zones'])
    return ucdn, flow, flare


def test_drift_of_several_zones_and_providers_in_batches_without_a_write(sim, fleet, tmp_path):
    drift_vars(fleet)
    ucdn, flow, flare = current_values(sim)
    rc, out, report, markdown, page = check_run(fleet, '-e', 'cdn_serial=2')
    assert rc == 0, out
    assert out.count('PLAY [Converge each zone of the inventory]') == 4      # 7 hosts in batches of 2
    no_writes(sim)
    zones = by_zone(report)
    # every batch's hosts are in the report, not only the last batch
    assert len(zones) == 7 and report['summary'] == dict(zones=7, zones_with_drift=5, changes=5, errors=0)
    assert report['drift'] is True
    assert sorted(h for h, z in zones.items() if z['drift']) == [
        'c1.example.com', 'f1.example.com', 'f2.example.com', 'k1.example.com', 'u1.example.com']

    def only_change(host):
        [change] = zones[host]['changes']
        assert change['task'] == 'cdn_zone' and change['resource'] == 'zone' and change['action'] == 'update'
        assert change['id'] == fleet['ids'][host]
        return change

    u1 = only_change('u1.example.com')
    assert u1['options'] == ['cache_ttl', 'settings.hash_secret']
    assert u1['before'] == {'cache_ttl': ucdn['u1.example.com'], 'settings.hash_secret': None}
    assert u1['after'] == {'cache_ttl': 7200, 'settings.hash_secret': 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'}
    assert ucdn['u1.example.com'] != 7200
    f1 = only_change('f1.example.com')
    assert (f1['options'], f1['before'], f1['after']) == (
        ['settings.cache_expiry'], {'settings.cache_expiry': flow['f1.example.com']}, {'settings.cache_expiry': 120})
    f2 = only_change('f2.example.com')
    assert f2['options'] == ['settings.cache_expiry', 'settings.url_signing_key']
    assert f2['after']['settings.url_signing_key'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    c1 = only_change('c1.example.com')
    assert (c1['options'], c1['before'], c1['after']) == (
        ['settings.sec_lvl'], {'settings.sec_lvl': flare['c1.example.com']}, {'settings.sec_lvl': 'high'})
    k1 = only_change('k1.example.com')
    assert k1['options'] == ['compress'] and k1['after'] == {'compress': True} and k1['before']['compress'] is not True
    assert zones['u2.example.com']['drift'] is False and zones['l1.example.com']['drift'] is False

    # The secrets of the desired settings: nowhere in the report, its renderings or the job output.
    for text in (json.dumps(report), markdown, page, out):
        assert HASH_SECRET not in text and SIGNING_KEY not in text and SECRET not in text

    # Markdown, read as plain text: the summary, a section per zone with drift, option: before -> after.
    assert 'Drift in 5 of 7 zones (5 changes).' in markdown
    assert '## u1.example.com (ucdn)' in markdown and '## u2.example.com' not in markdown
    assert '- zone %s: update (cdn_zone)' % fleet['ids']['c1.example.com'] in markdown
    assert '  - `settings.sec_lvl`: `%s` -> `high`' % flare['c1.example.com'] in markdown
    assert '  - `cache_ttl`: `%s` -> `7200`' % ucdn['u1.example.com'] in markdown
    assert '## Zones without drift\n\nl1.example.com (leaseweb), u2.example.com (ucdn)' in markdown
    assert '<' not in markdown

    # HTML: self-contained, one section per zone with drift, the others listed compactly.
    assert '<script' not in page.lower() and 'url(' not in page and '@import' not in page
    assert not re.search(r'(src|href)\s*=', page, re.I)
    assert sorted(re.findall(r'<section class="zone" data-zone="([^"]+)"', page)) == [
        'c1.example.com', 'f1.example.com', 'f2.example.com', 'k1.example.com', 'u1.example.com']
    assert '<h2>Zones without drift (2)</h2>' in page
    assert '<td class="option">settings.sec_lvl</td>' in page
    # The job output's summary names the zones in the report's order: by provider, then zone.
    assert 'Drift in 5 of 7 zones (5 changes): k1.example.com, c1.example.com, f1.example.com, f2.example.com, ' \
           'u1.example.com. Report: %s/drift-report.{json,md,html}' % fleet['reports'] in out

    browser = shutil.which('chromium') or shutil.which('chromium-browser')
    if not browser:
        pytest.skip('Chromium is not installed (Debian package chromium): the page was checked, not rendered')
    shot = tmp_path / 'drift.png'
    proc = subprocess.run([browser, '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
                           '--screenshot=%s' % shot, '--window-size=1200,1600',
                           'file://%s' % (fleet['reports'] / 'drift-report.html')],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and shot.exists(), proc.stderr
    png = shot.read_bytes()
    assert png[:8] == b'\x89PNG\r\n\x1a\n'
    assert len(png) > 20000, len(png)  # tables drawn, not a blank page
    keep = os.environ.get('DRIFT_REPORT_SCREENSHOT')  # for a person to look at: a .png path
    if keep:
        shutil.copy(str(shot), keep)


def test_fail_on_drift_fails_the_run_naming_the_zones_and_the_report(sim, fleet):
    write_vars(fleet['dir'] / 'group_vars' / 'cdn_ucdn.yml', cdn_desired={'cache_ttl': 7200})
    rc, out, report, _markdown, _page = check_run(fleet, '-e', 'cdn_fail_on_drift=true')
    assert rc != 0, out
    no_writes(sim)
    assert ('cdn_fail_on_drift: drift found in 2 of 7 zones (u1.example.com, u2.example.com); 2 changes would be made. '
            'The report is in %s/drift-report.{json,md,html}' % fleet['reports']) in out
    assert report['summary']['zones_with_drift'] == 2
    # Without the option, the same drift is reported and the run passes; without --diff, with the values before too.
    rc, out, report, _markdown, _page = check_run(fleet, diff=False)
    assert rc == 0, out
    assert report['drift'] is True
    [change] = by_zone(report)['u1.example.com']['changes']
    assert change['before'] == {'cache_ttl': current_values(sim)[0]['u1.example.com']} and change['after'] == {'cache_ttl': 7200}
    no_writes(sim)


def test_a_failed_zone_is_an_error_of_the_report_not_drift(sim, fleet):
    write_vars(fleet['dir'] / 'host_vars' / 'l1.example.com.yml', cdn_desired={'cache_ttl': -5})
    write_vars(fleet['dir'] / 'group_vars' / 'cdn_ucdn.yml', cdn_desired={'cache_ttl': 7200})
    rc, out, report, markdown, page = check_run(fleet)
    assert rc != 0, out                       # the failed host fails the run, the report is written all the same
    no_writes(sim)
    l1 = by_zone(report)['l1.example.com']
    assert l1['drift'] is False and l1['changes'] == []
    [error] = l1['errors']
    assert error['task'] == 'cdn_zone' and 'cache_ttl' in error['msg']
    assert report['summary'] == dict(zones=7, zones_with_drift=2, changes=2, errors=1)
    assert '- error (cdn_zone): ' in markdown and '<ul class="errors">' in page
