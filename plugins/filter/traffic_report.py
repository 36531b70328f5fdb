# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The traffic_report_html filter: cdn_stats_info results drawn as one self-contained HTML page.

Pure rendering, no request: inline SVG charts (no script, no external font, image or style sheet), so the
page opens anywhere, also from an AWX artifact or a mail attachment. Every value that reaches the page is
escaped (zone names are user input). Bytes are shown with decimal units (1 kB = 1000 B), as the providers
count them (Cloakfusion's and CloudFlow's GB are 10^9 bytes).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import html
import math

from ansible.errors import AnsibleFilterError

BYTE_UNITS = ('B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB')
PALETTE = ('#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b')
# Time-axis steps (seconds) a chart may use, smallest first; the first that gives at most MAX_TIME_TICKS ticks wins.
TIME_STEPS = (300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400,
              28 * 86400, 91 * 86400, 364 * 86400)
MAX_TIME_TICKS = 8
WIDTH = 640
HEIGHT = 260
MARGIN = dict(left=78, right=16, top=46, bottom=46)
LEGEND_ROW = 15     # px between legend rows
LEGEND_CHAR = 6.2   # px a character of the 11px legend text takes, about (system-ui/sans-serif)
# Charts: (key, title, y-axis unit, lines as (series key, legend label)). A chart is drawn when any line has data.
CHARTS = (
    ('bytes', 'Bytes', 'bytes', (('bytes', 'bytes'), ('bytes_cached', 'bytes from cache'),
                                 ('bytes_uncached', 'bytes from origin'))),
    ('hits', 'Hits / requests', 'hits', (('hits', 'hits'), ('requests', 'requests'), ('hits_cached', 'hits from cache'),
                                         ('hits_uncached', 'hits from origin'))),
    ('ratio', 'Cache hit ratio', 'percent', (('cache_hit_ratio', 'cache hit ratio (reported)'),
                                             ('_hit_ratio', 'hits served from cache'),
                                             ('_byte_ratio', 'bytes served from cache'))),
)
UTC = datetime.timezone.utc
# The numbers summed into a zone's totals when the provider gives none (rates and levels are never summed).
SUMMED = ('bytes', 'bytes_cached', 'bytes_uncached', 'hits', 'hits_cached', 'hits_uncached', 'requests')


def esc(value):
    return html.escape(u'%s' % (value,), quote=True)


def human_bytes(value):
    """1234567 -> '1.23 MB' (decimal units, 1 kB = 1000 B)."""
    value = float(value)
    index = 0
    while abs(value) >= 1000 and index < len(BYTE_UNITS) - 1:
        value /= 1000.0
        index += 1
    if index == 0:
        return '%d B' % value
    return '%s %s' % (short_number(value), BYTE_UNITS[index])


def short_number(value):
    """A tick or total label: at most three significant digits, no trailing zeros."""
    if value == int(value) and abs(value) < 1000:
        return '%d' % value
    text = '%.3g' % value
    if 'e' in text:
        text = '{:,.0f}'.format(value)
    return text


def human_count(value):
    """12345 -> '12.3 k' (hits, requests)."""
    value = float(value)
    for limit, suffix in ((1e9, ' G'), (1e6, ' M'), (1e3, ' k')):
        if abs(value) >= limit:
            return short_number(value / limit) + suffix
    return short_number(value)


def nice_step(span, count=5):
    """A 1, 2 or 5 times a power of ten step giving about ``count`` ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / float(count)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def value_ticks(top, unit):
    """Tick values from 0 to at least ``top``. Byte ticks are nice numbers in the unit of ``top``."""
    if unit == 'percent':
        return [0, 0.25, 0.5, 0.75, 1.0]
    top = max(float(top), 0.0)
    scale = 1.0
    if unit == 'bytes':
        while top / scale >= 1000 and scale < 1000 ** (len(BYTE_UNITS) - 1):
            scale *= 1000
    if top == 0:
        return [0, scale]
    step = nice_step(top / scale) * scale
    ticks = [0.0]
    while ticks[-1] < top - 1e-9 * top:
        ticks.append(round(ticks[-1] + step, 9))
    return ticks


def value_label(value, unit):
    if unit == 'bytes':
        return human_bytes(value)
    if unit == 'percent':
        return '%d %%' % round(value * 100)
    return human_count(value)


def parse_time(text):
    """An aware UTC datetime from the module's UTC text (YYYY-MM-DDTHH:MM:SSZ); None when it is not one."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.datetime.strptime(text.strip().replace('+00:00', 'Z'), '%Y-%m-%dT%H:%M:%SZ').replace(tzinfo=UTC)
    except ValueError:
        try:
            return datetime.datetime.strptime(text.strip(), '%Y-%m-%d').replace(tzinfo=UTC)
        except ValueError:
            return None


def epoch(moment):
    return (moment - datetime.datetime(1970, 1, 1, tzinfo=UTC)).total_seconds()


def time_ticks(start, end):
    """(step, tick epochs) on UTC multiples of the step: at most MAX_TIME_TICKS ticks."""
    span = max(end - start, 1)
    step = TIME_STEPS[-1]
    for candidate in TIME_STEPS:
        if span / candidate <= MAX_TIME_TICKS:
            step = candidate
            break
    first = math.ceil(start / step) * step
    ticks = []
    tick = first
    while tick <= end:
        ticks.append(tick)
        tick += step
    return step, ticks


def time_label(seconds, step):
    moment = datetime.datetime.fromtimestamp(seconds, UTC)
    if step >= 86400:
        return moment.strftime('%Y-%m-%d')
    if moment.hour == 0 and moment.minute == 0:
        return moment.strftime('%m-%d 00:00')
    return moment.strftime('%H:%M')


def number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def ratio(part, other):
    if part is None or other is None or part + other <= 0:
        return None
    return part / (part + other)


def point_values(point):
    """A series point with the derived cache ratios (as 0..1) added where the provider gives the parts."""
    values = dict((key, number(value)) for key, value in point.items())
    values['_hit_ratio'] = ratio(values.get('hits_cached'), values.get('hits_uncached'))
    values['_byte_ratio'] = ratio(values.get('bytes_cached'), values.get('bytes_uncached'))
    reported = values.get('cache_hit_ratio')
    if reported is not None and reported > 1:  # a percentage, not a ratio
        values['cache_hit_ratio'] = reported / 100.0
    return values


def stats_of(item):
    """The ``stats`` dicts of an entry: one cdn_stats_info result, its ``stats``, or a list of them."""
    found = item.get('stats', item.get('results'))
    if found is None:
        found = []
    if isinstance(found, dict):
        found = [found]
    if not isinstance(found, list):
        raise AnsibleFilterError('traffic_report_html: stats of zone %s is not a list or dict' % item.get('zone'))
    return [entry.get('stats', entry) for entry in found if isinstance(entry, dict)]


def zone_traffic(item):
    """One zone: its name, provider, merged time series (by timestamp), totals and period."""
    if not isinstance(item, dict):
        raise AnsibleFilterError('traffic_report_html: each entry must be a dict with zone, provider and stats, got %s'
                                 % type(item).__name__)
    by_time = {}
    totals = {}
    starts, ends = [], []
    for stats in stats_of(item):
        for point in stats.get('series') or []:
            moment = parse_time(point.get('timestamp')) if isinstance(point, dict) else None
            if moment is not None:
                by_time.setdefault(epoch(moment), {}).update(
                    (k, v) for k, v in point_values(point).items() if v is not None)
        for key, value in (stats.get('totals') or {}).items():
            if number(value) is not None:
                totals[key] = number(value)
    for query in ([item.get('query')] if isinstance(item.get('query'), dict) else []) + \
            [q for q in (item.get('queries') or []) if isinstance(q, dict)]:
        starts.append(parse_time(query.get('start')))
        ends.append(parse_time(query.get('end')))
    series = sorted(by_time.items())
    if not totals:
        for _when, values in series:
            for key in SUMMED:
                if values.get(key) is not None:
                    totals[key] = totals.get(key, 0) + values[key]
    return dict(zone=u'%s' % item.get('zone', '?'), provider=u'%s' % item.get('provider', ''), series=series,
                totals=totals, starts=[s for s in starts if s], ends=[e for e in ends if e])


def legend_layout(labels, left, right):
    """(label, x, row) for each legend entry: left to right under the title, wrapping into rows."""
    placed = []
    x, row = left, 0
    for label in labels:
        width = 16 + int(LEGEND_CHAR * len(label)) + 14
        if x > left and x + width > right:
            x, row = left, row + 1
        placed.append((label, x, row))
        x += width
    return placed


def svg_chart(title, unit, lines, start, end, chart_id):
    """One line chart as inline SVG: axes with ticks and units, a legend, UTC time axis."""
    plot_w = WIDTH - MARGIN['left'] - MARGIN['right']
    legend = legend_layout([label for label, _points in lines], MARGIN['left'], MARGIN['left'] + plot_w)
    rows = max([row for _label, _x, row in legend] or [0]) + 1
    top = MARGIN['top'] + (rows - 1) * LEGEND_ROW  # each further legend row moves the plot down
    height = HEIGHT + (rows - 1) * LEGEND_ROW
    plot_h = height - top - MARGIN['bottom']
    peak = max([v for _label, points in lines for _t, v in points] or [0])
    ticks = value_ticks(peak, unit)
    y_max = ticks[-1] or 1
    if end <= start:  # one point: a day around it
        start, end = start - 43200, end + 43200
    step, x_ticks = time_ticks(start, end)

    def x(seconds):
        return MARGIN['left'] + (seconds - start) / float(end - start) * plot_w

    def y(value):
        return top + plot_h - value / float(y_max) * plot_h

    unit_text = {'bytes': 'bytes (1 kB = 1000 B)', 'percent': 'percent of traffic', 'hits': 'count'}[unit]
    out = [u'<svg role="img" width="%d" height="%d" viewBox="0 0 %d %d" '
           u'aria-labelledby="%s-title">' % (WIDTH, height, WIDTH, height, esc(chart_id)),
           u'<title id="%s-title">%s</title>' % (esc(chart_id), esc(title)),
           u'<text class="chart-title" x="%d" y="16">%s</text>' % (MARGIN['left'], esc(title))]
    for value in ticks:
        out.append(u'<line class="grid" x1="%d" x2="%d" y1="%.1f" y2="%.1f"/>' % (
            MARGIN['left'], MARGIN['left'] + plot_w, y(value), y(value)))
        out.append(u'<text class="tick y-tick" x="%d" y="%.1f" text-anchor="end">%s</text>' % (
            MARGIN['left'] - 6, y(value) + 4, esc(value_label(value, unit))))
    for seconds in x_ticks:
        out.append(u'<line class="axis" x1="%.1f" x2="%.1f" y1="%d" y2="%d"/>' % (
            x(seconds), x(seconds), top + plot_h, top + plot_h + 5))
        out.append(u'<text class="tick x-tick" x="%.1f" y="%d" text-anchor="middle">%s</text>' % (
            x(seconds), top + plot_h + 18, esc(time_label(seconds, step))))
    out.append(u'<line class="axis" x1="%d" x2="%d" y1="%d" y2="%d"/>' % (
        MARGIN['left'], MARGIN['left'], top, top + plot_h))
    out.append(u'<line class="axis" x1="%d" x2="%d" y1="%d" y2="%d"/>' % (
        MARGIN['left'], MARGIN['left'] + plot_w, top + plot_h, top + plot_h))
    out.append(u'<text class="axis-label x-label" x="%d" y="%d" text-anchor="middle">time (UTC)</text>' % (
        MARGIN['left'] + plot_w // 2, height - 6))
    out.append(u'<text class="axis-label y-label" transform="translate(14 %d) rotate(-90)" text-anchor="middle">%s</text>'
               % (top + plot_h // 2, esc(unit_text)))
    if not lines:
        out.append(u'<text class="no-data" x="%d" y="%d" text-anchor="middle">no data for this period</text>' % (
            MARGIN['left'] + plot_w // 2, top + plot_h // 2))
    out.append(u'<g class="legend">')
    for index, (label, left, row) in enumerate(legend):
        baseline = 32 + row * LEGEND_ROW
        out.append(u'<rect x="%d" y="%d" width="12" height="4" fill="%s"/>' % (left, baseline - 6, PALETTE[index % len(PALETTE)]))
        out.append(u'<text class="legend-label" x="%d" y="%d">%s</text>' % (left + 16, baseline, esc(label)))
    out.append(u'</g>')
    for index, (label, points) in enumerate(lines):
        color = PALETTE[index % len(PALETTE)]
        marks = points
        if len(points) == 1:  # one figure for the whole period (Cloakfusion, CloudFlare): a level from its start
            points = points + [(end, points[0][1])]
        coords = u' '.join(u'%.1f,%.1f' % (x(t), y(v)) for t, v in points)
        out.append(u'<polyline class="line" fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title>'
                   u'</polyline>' % (color, coords, esc(label)))
        if len(marks) <= 60:  # few points: mark each one
            for t, v in marks:
                out.append(u'<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s</title></circle>' % (
                    x(t), y(v), color, esc('%s UTC, %s: %s' % (
                        datetime.datetime.fromtimestamp(t, UTC).strftime('%Y-%m-%d %H:%M'), label, value_label(v, unit)))))
    out.append(u'</svg>')
    return u'\n'.join(out)


def requests_as_hits(zone):
    return [(t, values['hits']) for t, values in zone['series'] if values.get('requests') is not None and 'hits' in values]


def zone_charts(zone, start, end, index):
    """The charts of one zone: bytes always (a 'no data' chart when empty), hits and cache ratio when present."""
    charts = []
    for key, title, unit, wanted in CHARTS:
        lines = []
        for series_key, label in wanted:
            points = [(t, values[series_key]) for t, values in zone['series'] if values.get(series_key) is not None]
            if not points or series_key == 'requests' and points == requests_as_hits(zone):  # CloudFlare's are its hits
                continue
            lines.append((label + (' (period total)' if len(zone['series']) == 1 else ''), points))
        if not lines and key != 'bytes':
            continue
        chart_id = 'chart-%d-%s' % (index, key)
        full_title = u'%s (%s): %s' % (zone['zone'], zone['provider'], title)
        charts.append((key, u'<figure class="chart" data-metric="%s" data-zone="%s">%s</figure>' % (
            esc(key), esc(zone['zone']), svg_chart(full_title, unit, lines, start, end, chart_id))))
    return charts


def summary_row(zone):
    totals = zone['totals']
    cells = [esc(zone['zone']), esc(zone['provider']), str(len(zone['series']))]
    cells.append(u'<span title="%s B">%s</span>' % (esc('{:,.0f}'.format(totals['bytes'])), esc(human_bytes(totals['bytes'])))
                 if 'bytes' in totals else u'&#8212;')
    hits = totals.get('hits', totals.get('requests'))
    cells.append(esc('{:,.0f}'.format(hits)) if hits is not None else u'&#8212;')
    hit_ratio = ratio(totals.get('hits_cached'), totals.get('hits_uncached'))
    if hit_ratio is None:
        hit_ratio = ratio(totals.get('bytes_cached'), totals.get('bytes_uncached'))
    if hit_ratio is None:
        reported = [values['cache_hit_ratio'] for _t, values in zone['series'] if 'cache_hit_ratio' in values]
        hit_ratio = sum(reported) / len(reported) if reported else None
    cells.append(esc('%.1f %%' % (hit_ratio * 100)) if hit_ratio is not None else u'&#8212;')
    return u'<tr>%s</tr>' % u''.join(u'<td>%s</td>' % cell for cell in cells)


STYLE = u'''
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .3em .7em; text-align: right; }
th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; } figure { margin: 0; }
svg { font-family: system-ui, sans-serif; font-size: 11px; background: #fff; }
.chart-title { font-size: 13px; font-weight: 600; } .grid { stroke: #e5e5e5; } .axis { stroke: #555; }
.axis-label { fill: #444; } .tick { fill: #444; } .no-data { fill: #999; font-size: 14px; }
'''


def period_text(start, end):
    if start is None or end is None:
        return u'no period'
    fmt = '%Y-%m-%d %H:%M UTC'
    return u'%s to %s' % (datetime.datetime.fromtimestamp(start, UTC).strftime(fmt),
                          datetime.datetime.fromtimestamp(end, UTC).strftime(fmt))


def traffic_report_html(entries, title='CDN traffic', start=None, end=None):
    """entries: a list of dicts with ``zone`` (its name), ``provider`` and ``stats`` (cdn_stats_info results,
    their ``stats``, or a list of them), optionally ``query``/``queries`` (their ``query``, for the period)."""
    if not isinstance(entries, list):
        raise AnsibleFilterError('traffic_report_html: expects a list of zone entries (dicts with zone, provider and '
                                 'stats), got %s' % type(entries).__name__)
    zones = [zone_traffic(item) for item in entries]
    given = [parse_time(text) if text else None for text in (start, end)]
    if start and given[0] is None or end and given[1] is None:
        raise AnsibleFilterError('traffic_report_html: start and end must be UTC times like 2026-11-01T00:00:00Z '
                                 'or dates like 2026-11-01, got %r and %r' % (start, end))
    moments = [t for zone in zones for t, _v in zone['series']]
    first = epoch(given[0]) if given[0] else min([epoch(s) for z in zones for s in z['starts']] + moments or [None])
    last = epoch(given[1]) if given[1] else max([epoch(e) for z in zones for e in z['ends']] + moments or [None])
    period = period_text(first, last)
    body = [u'<h1>%s, %s</h1>' % (esc(title), esc(period)),
            u'<p>Times are UTC. Bytes use decimal units (1 kB = 1000 B, 1 GB = 10<sup>9</sup> B). '
            u'Charts show each step of the provider&#8217;s series; the cache hit ratio is drawn where the provider '
            u'reports it or reports cached and uncached parts.</p>',
            u'<h2>Totals per zone</h2>',
            u'<table class="summary"><thead><tr><th>Zone</th><th>Provider</th><th>Points</th><th>Bytes</th>'
            u'<th>Hits / requests</th><th>Cache hit ratio</th></tr></thead><tbody>']
    body.extend(summary_row(zone) for zone in zones)
    body.append(u'</tbody></table>')
    for index, zone in enumerate(zones):
        body.append(u'<section class="zone"><h2>%s <small>(%s)</small></h2><div class="charts">' % (
            esc(zone['zone']), esc(zone['provider'])))
        zone_first = first if first is not None else 0
        zone_last = last if last is not None else zone_first
        body.extend(chart for _key, chart in zone_charts(zone, zone_first, zone_last, index))
        body.append(u'</div></section>')
    return (u'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            u'<meta name="viewport" content="width=device-width, initial-scale=1">'
            u'<title>%s</title><style>%s</style></head><body>\n%s\n</body></html>\n' % (
                esc('%s, %s' % (title, period)), STYLE, u'\n'.join(body)))


class FilterModule(object):

    def filters(self):
        return {'traffic_report_html': traffic_report_html}
