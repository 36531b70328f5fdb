"""Pure rendering of the traffic_report_html filter (plugins/filter/traffic_report.py): byte and count labels,
value and time scales, escaping, empty series, a single point, merging of several reads of one zone."""

import re

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.edgeops.cdn.plugins.filter import traffic_report as report
from ansible_collections.edgeops.cdn.plugins.filter.traffic_report import traffic_report_html


def day(hour, **numbers):
    return dict(timestamp='2026-11-01T%02d:00:00Z' % hour, **numbers)


def page_of(*entries, **options):
    return traffic_report_html(list(entries), **options)


def figures(page):
    return re.findall(r'<figure class="chart" data-metric="(\w+)" data-zone="([^"]*)">', page)


@pytest.mark.parametrize('value, text', [
    (0, '0 B'), (999, '999 B'), (1000, '1 kB'), (1536, '1.54 kB'), (1000000, '1 MB'), (123456789, '123 MB'),
    (1.5e9, '1.5 GB'), (46500000000, '46.5 GB'), (2.5e12, '2.5 TB'), (1e21, '1,000 EB'),
])
def test_bytes_are_decimal_units(value, text):
    assert report.human_bytes(value) == text


@pytest.mark.parametrize('value, text', [(0, '0'), (950, '950'), (1000, '1 k'), (55104, '55.1 k'), (30579138, '30.6 M')])
def test_counts(value, text):
    assert report.human_count(value) == text


@pytest.mark.parametrize('top, unit, ticks', [
    (0, 'hits', [0, 1.0]),
    (55104, 'hits', [0, 20000, 40000, 60000]),
    (7, 'hits', [0, 2, 4, 6, 8]),
    (983000000, 'bytes', [0, 200e6, 400e6, 600e6, 800e6, 1000e6]),
    (1.2e10, 'bytes', [0, 5e9, 10e9, 15e9]),
    (0.8, 'percent', [0, 0.25, 0.5, 0.75, 1.0]),
])
def test_value_ticks_reach_the_top_with_nice_steps(top, unit, ticks):
    assert report.value_ticks(top, unit) == pytest.approx(ticks)


def test_byte_tick_labels_use_the_unit_of_the_scale():
    assert [report.value_label(t, 'bytes') for t in report.value_ticks(1.2e10, 'bytes')] == ['0 B', '5 GB', '10 GB', '15 GB']
    assert [report.value_label(t, 'percent') for t in report.value_ticks(1, 'percent')] == ['0 %', '25 %', '50 %', '75 %', '100 %']


def test_time_ticks_are_utc_multiples_of_a_step_and_at_most_eight():
    start = 1793491200  # 2026-11-01T00:00:00Z
    step, ticks = report.time_ticks(start, start + 7 * 86400)
    assert step == 86400 and len(ticks) == 8
    assert [report.time_label(t, step) for t in ticks[:2]] == ['2026-11-01', '2026-11-02']
    step, ticks = report.time_ticks(start + 600, start + 86400)
    assert step == 3 * 3600 and ticks[0] == start + 3 * 3600
    assert [report.time_label(t, step) for t in ticks[:2]] == ['03:00', '06:00']
    assert report.time_label(start, 3600) == '11-01 00:00'


def test_every_value_is_escaped():
    evil = '<img src=x onerror=alert(1)>"\'&'
    page = page_of(dict(zone=evil, provider='<b>ucdn</b>', stats=dict(series=[day(0, bytes=10)], totals={'bytes': 10})),
                   title='<script>alert(1)</script>')
    assert '<img' not in page and '<script' not in page and '<b>ucdn' not in page
    assert '&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;' in page
    assert '&lt;script&gt;alert(1)&lt;/script&gt;' in page
    assert figures(page) == [('bytes', '&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&amp;')]


def test_charts_per_metric_legend_axes_and_summary():
    stats = dict(series=[day(h, bytes=1000 * h, bytes_cached=800 * h, bytes_uncached=200 * h, hits=h, hits_cached=h * 0.5,
                             hits_uncached=h * 0.5) for h in range(1, 5)])
    page = page_of(dict(zone='a.example.com', provider='cloudflow', stats=stats))
    assert [m for m, _z in figures(page)] == ['bytes', 'hits', 'ratio']
    assert page.count('>time (UTC)</text>') == 3
    legend = re.findall(r'class="legend-label"[^>]*>([^<]*)<', page)
    assert legend == ['bytes', 'bytes from cache', 'bytes from origin', 'hits', 'hits from cache', 'hits from origin',
                      'hits served from cache', 'bytes served from cache']
    # totals summed from the series where the provider gives none; the ratio from the cached parts
    assert '<td><span title="10,000 B">10 kB</span></td><td>10</td><td>50.0 %</td>' in page
    assert '<h1>CDN traffic, 2026-11-01 01:00 UTC to 2026-11-01 04:00 UTC</h1>' in page


def test_period_from_the_queries_and_reported_ratio_in_percent():
    queries = [dict(start='2026-10-31T00:00:00Z', end='2026-11-02T00:00:00Z')]
    page = page_of(dict(zone='l.example.com', provider='leaseweb', queries=queries,
                        stats=[dict(series=[day(1, bytes=5)]), dict(series=[day(1, cache_hit_ratio=0.8)])]))
    assert '2026-10-31 00:00 UTC to 2026-11-02 00:00 UTC' in page
    assert [m for m, _z in figures(page)] == ['bytes', 'ratio']   # two reads of one zone merged by timestamp
    assert '<td>1</td>' in page and '80.0 %' in page


def test_empty_series_draws_an_empty_bytes_chart_saying_so():
    page = page_of(dict(zone='quiet.example.com', provider='ucdn', stats=dict(series=[], totals={})))
    assert figures(page) == [('bytes', 'quiet.example.com')]
    assert 'no data for this period' in page and '<polyline' not in page
    assert '<h1>CDN traffic, no period</h1>' in page
    assert page_of().count('<figure') == 0


def test_single_point_is_a_marked_level_over_the_period():
    queries = [dict(start='2026-11-01T00:00:00Z', end='2026-11-08T00:00:00Z')]
    page = page_of(dict(zone='k.example.com', provider='cloakfusion', queries=queries,
                        stats=dict(series=[dict(timestamp='2026-11-01T00:00:00Z', zone='1', bytes=12e9)])))
    [line] = re.findall(r'<polyline[^>]*points="([^"]*)"', page)
    (x0, y0), (x1, y1) = [tuple(map(float, p.split(','))) for p in line.split()]
    assert y0 == y1 and x1 > x0 + 500   # from the period's start to its end
    assert page.count('<circle') == 1 and 'bytes (period total)' in page


def test_self_contained():
    page = page_of(dict(zone='z', provider='ucdn', stats=dict(series=[day(1, bytes=1), day(2, bytes=2)])))
    assert '<script' not in page and not re.search(r'(src|href|xmlns)=', page) and 'url(' not in page
    assert 'font-family: system-ui, sans-serif' in page


@pytest.mark.parametrize('entries, message', [
    ('nope', 'expects a list of zone entries'),
    (['nope'], 'each entry must be a dict'),
    ([dict(zone='z', stats='x')], 'stats of zone z is not a list or dict'),
])
def test_bad_input_names_the_problem(entries, message):
    with pytest.raises(AnsibleFilterError, match=message):
        traffic_report_html(entries)


def test_bad_period_names_the_allowed_forms():
    with pytest.raises(AnsibleFilterError, match='start and end must be UTC times like 2026-11-01T00:00:00Z'):
        traffic_report_html([], start='01-11-2026')


def test_requests_equal_to_hits_are_drawn_once():
    page = page_of(dict(zone='c', provider='cloudflare', stats=dict(series=[day(1, hits=5, requests=5)])))
    assert re.findall(r'class="legend-label"[^>]*>([^<]*)<', page) == ['hits (period total)']
    page = page_of(dict(zone='c', provider='x', stats=dict(series=[day(1, hits=5, requests=7)])))
    assert re.findall(r'class="legend-label"[^>]*>([^<]*)<', page) == ['hits (period total)', 'requests (period total)']
