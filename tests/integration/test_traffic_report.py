"""playbooks/traffic_report.yml through ansible-playbook on an inventory built by the edgeops.cdn.cdn_zones
plugin against the simulator: cdn_stats_info for each zone of the five providers, drawn by the
edgeops.cdn.traffic_report_html filter into one self-contained HTML page, which headless Chromium renders."""

import os
import re
import shutil
import subprocess

import pytest

from test_inventory import account, ansible, credential_env, seed, source, write_source

PLAYBOOK = os.path.join('playbooks', 'traffic_report.yml')
SECRET = 'Inv3ntory-S3cret-7f3a9c'             # test_inventory.seed's token of every account

ZONES = {
    'ucdn': ('u1.example.com', 'u2.example.com'),
    'leaseweb': ('l1.example.com', 'l2.example.com'),
    'cloakfusion': ('k1.example.com', 'k2.example.com'),
    'cloudflow': ('f1.example.com', 'f2.example.com'),
    'cloudflare': ('c1.example.com', 'c2.example.com'),
}
# The charts each provider's default reads give (playbooks/traffic_report.yml, _traffic_default_queries):
# UCDN reports bytes and hits, Leaseweb data transfer, requests and its CACHEHIT ratio, CloudFlow cached and
# uncached bytes, CloudFlare bytes and hits with their cached parts, Cloakfusion bytes only.
CHARTS = {
    'ucdn': ['bytes', 'hits'],
    'leaseweb': ['bytes', 'hits', 'ratio'],
    'cloakfusion': ['bytes'],
    'cloudflow': ['bytes', 'ratio'],
    'cloudflare': ['bytes', 'hits', 'ratio'],
}


def credentials():
    env = {}
    for provider in ZONES:
        env.update(credential_env(provider))
    return env


@pytest.fixture
def report(sim, tmp_path):
    """The playbook's run over ten zones of five providers: (rc, output, the page)."""
    sim.speed(100)
    for provider, hostnames in ZONES.items():
        seed(sim, provider, hostnames=hostnames)
    # Cloakfusion's simulated traffic: GB a day per vhost ("Cloakfusion API Reference", "Traffic").
    sim.seed('cloakfusion', {'traffic': {'1': 1.5, '2': 0.25}})
    inventory = write_source(tmp_path, source([account(sim, provider, name=provider) for provider in ZONES]))
    sim.clear_log()
    page = tmp_path / 'traffic.html'
    rc, out = ansible('ansible-playbook', ['-i', str(inventory), PLAYBOOK, '-f', '10',
                                           '-e', 'traffic_report_path=%s' % page,
                                           '-e', '{"traffic_report_title": "Fleet traffic"}'], env=credentials())
    return rc, out, page.read_text() if page.exists() else None


def figures(page):
    return re.findall(r'<figure class="chart" data-metric="(\w+)" data-zone="([^"]+)">', page)


def test_one_page_with_a_chart_per_zone_and_metric_that_chromium_renders(sim, report, tmp_path):
    rc, out, page = report
    assert rc == 0, out
    keep = os.environ.get('TRAFFIC_REPORT_SCREENSHOT')  # for a person to look at: a .png path
    if keep:
        shutil.copy(str(tmp_path / 'traffic.html'), os.path.splitext(keep)[0] + '.html')
    expected = sorted((metric, zone) for provider, zones in ZONES.items() for zone in zones for metric in CHARTS[provider])
    assert sorted(figures(page)) == expected
    charts = len(expected)
    # every chart has both axis labels, ticks on both axes, and a legend with at least one entry
    assert page.count('>time (UTC)</text>') == charts
    assert len(re.findall(r'class="axis-label y-label"', page)) == charts
    assert page.count('<g class="legend">') == charts
    assert page.count('class="legend-label"') >= charts
    assert 'bytes (1 kB = 1000 B)' in page and 'percent of traffic' in page
    assert re.search(r'class="tick y-tick"[^>]*>\d[\d.]* (kB|MB|GB|TB)</text>', page)
    assert re.search(r'class="tick x-tick"[^>]*>(\d{2}-\d{2} 00:00|\d{4}-\d{2}-\d{2})</text>', page)
    # the period (the module's default: the last 7 days) in the title, and a totals row per zone
    assert re.search(r'<h1>Fleet traffic, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC to \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC</h1>', page)
    assert page.count('<tr><td>') == 10
    # Cloakfusion's first vhost: 7 or 8 days (both ends included) at 1.5 GB a day
    assert re.search(r'<tr><td>k1.example.com</td><td>cloakfusion</td><td>1</td><td><span title="[\d,]+ B">1[12](\.\d+)? GB</span>', page)
    # self-contained, read-only, and no secret
    assert '<script' not in page.lower()
    assert not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', page, re.I)
    assert '@import' not in page and 'url(' not in page
    assert SECRET not in page and SECRET not in out
    for provider in ZONES:
        assert sim.mutations(provider) == []

    # Headless Chromium (Debian package chromium) renders it; the screenshot is for a person to look at.
    browser = shutil.which('chromium') or shutil.which('chromium-browser')
    if not browser:
        pytest.skip('Chromium is not installed (Debian package chromium): the page was checked, not rendered')
    shot = tmp_path / 'traffic.png'
    proc = subprocess.run([browser, '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
                           '--screenshot=%s' % shot, '--window-size=1400,4200', 'file://%s' % (tmp_path / 'traffic.html')],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and shot.exists(), proc.stderr
    png = shot.read_bytes()
    assert png[:8] == b'\x89PNG\r\n\x1a\n'
    assert len(png) > 20000  # charts drawn, not a blank page
    if keep:
        shutil.copy(str(shot), keep)
