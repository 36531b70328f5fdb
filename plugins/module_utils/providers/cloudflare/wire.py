# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare client API: pure translation between the API's shapes and the option shapes.

No I/O here. Section numbers are those of the "CloudFlare Client Interface API" document
(https://www.cloudflare.com/docs/client-api.html); what the project decided where the
document is silent is listed in docs/providers/cloudflare.md ("Decisions where the API
document is silent").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.edgeops.cdn.plugins.module_utils.records import current_record, fqdn
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    iso_from_unix,
    iso_utc,
    normalize_hostname,
    to_bool,
    to_bytes,
    to_int,
    to_number,
)

# Canonical settings, in the order cdn_zone writes them: one action per changed setting, each
# action named like the setting (4.1 sec_lvl, 4.2 cache_lvl, 4.3 devmode, 4.8 ipv46, 4.9 async,
# 4.10 minify, 4.11 mirage2).
ZONE_SETTINGS = {
    # Basic security level: help (I'm under attack!), high, med, low, eoff (essentially off).
    'sec_lvl': dict(type='str', choices=['help', 'high', 'med', 'low', 'eoff']),
    # Caching level: agg (aggressive), basic, iqs (simplified; listed by 3.7 zone_settings, not by 4.2).
    'cache_lvl': dict(type='str', choices=['agg', 'basic', 'iqs']),
    # Development mode (cache bypassed); CloudFlare switches it off again after 3 hours (4.3).
    'devmode': dict(type='bool'),
    # IPv6 support; true sends v=3 ("enable with 3", 4.8), false sends v=0.
    'ipv46': dict(type='bool'),
    # Rocket Loader: 0 off, a automatic, m manual.
    'async': dict(type='str', choices=['0', 'a', 'm']),
    # Minification bit mask: 1 JS, 2 CSS, 4 HTML (0 off, 7 all).
    'minify': dict(type='int', min=0, max=7),
    # Mirage 2 (image loading for mobile).
    'mirage2': dict(type='bool'),
}
SETTING_ORDER = ('sec_lvl', 'cache_lvl', 'devmode', 'ipv46', 'async', 'minify', 'mirage2')

# Record types rec_new/rec_edit take (5.1, 5.2) and the ones service_mode (the orange cloud) applies to (5.2).
RECORD_TYPES = ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SRV', 'LOC')
PROXIABLE_TYPES = ('A', 'AAAA', 'CNAME')

# 3.1 stats ``interval`` codes, the latest period first: (code, hours covered, hours the data lags
# behind now, Pro zones only). "For these values [20, 30, 40], the latest data is from one day ago";
# the Pro values are counted back from now. 10 (365 days) is not in the document (some PHP clients
# list it), so it is not sent.
STATS_INTERVALS = (
    (120, 6, 0, True),
    (110, 12, 0, True),
    (100, 24, 0, True),
    (40, 24, 24, False),
    (30, 7 * 24, 24, False),
    (20, 30 * 24, 24, False),
)
# The stats action takes no dates and its periods end at the present, so an ``end`` more than
# this before the period's end would silently get other data: it fails instead.
STATS_END_SLACK_HOURS = 24
# A start a few minutes older than the longest period still counts as covered (the caller's "now"
# and ours differ by the time between them).
STATS_START_SLACK_MINUTES = 5
STATS_NOTE = ('CloudFlare takes no dates: the period is the smallest interval code covering start, ending at '
              'the present (one day ago for intervals 20, 30, 40); end only has to lie within a day of it')

# 3.5 zone_ips ``class``: r regular, s crawler, t threat; the words are accepted too.
IP_CLASSES = {'regular': 'r', 'crawler': 's', 'threat': 't', 'r': 'r', 's': 's', 't': 't'}
# 3.5 zone_ips ``hours``: "Default is 24, maximum is 48".
ZONE_IPS_MAX_HOURS = 48
# 4.7 wl / ban / nul: the account's IP lists.
IP_LIST_ACTIONS = {'allow': 'wl', 'deny': 'ban'}


def _text(value):
    if value is None:
        return None
    return str(value)


def response_of(body, *keys):
    """Walk ``response.<keys>`` liberally (None for missing parts)."""
    value = (body or {}).get('response') or {}
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


# --- zones and their settings ------------------------------------------------

def zone_name_of(zone):
    """The ``z`` of a canonical zone: the name exactly as zone_load_multi spelled it."""
    return ((zone.get('raw') or {}).get('zone') or {}).get('zone_name') or zone.get('hostname')


def devmode_on(value):
    """3.7 zone_settings ``dev_mode``: 0 when off, else the Unix time it expires."""
    number = to_int(value)
    if number is None:
        return None
    if isinstance(number, int):
        return number != 0
    return to_bool(number)


def ipv46_on(value):
    """``ipv46``: 0 off; 3 full (3.7, 4.8), 1 (sent by older clients) and others count as on."""
    return devmode_on(value)


def mirage_on(settings):
    """Mirage 2 state from zone_settings.

    3.7 zone_settings has no ``mirage2`` field; ``img`` combines Polish and Mirage (0, 1, 170,
    171, 200, 201): an odd value means Mirage auto-resize on (docs/providers/cloudflare.md,
    decisions). A ``mirage2`` field, when present, wins.
    """
    if settings.get('mirage2') is not None:
        return devmode_on(settings.get('mirage2'))
    img = to_int(settings.get('img'))
    if not isinstance(img, int):
        return None
    return img % 2 == 1


def canonical_settings(obj):
    """3.7 zone_settings ``objs[0]`` in the shape of cdn_zone's ``settings`` option."""
    obj = obj or {}
    minify = to_int(obj.get('minify'))
    return {
        'sec_lvl': _text(obj.get('sec_lvl')),
        'cache_lvl': _text(obj.get('cache_lvl')),
        'devmode': devmode_on(obj.get('dev_mode')),
        'ipv46': ipv46_on(obj.get('ipv46')),
        'async': _text(obj.get('async')),
        'minify': minify if isinstance(minify, int) else None,
        'mirage2': mirage_on(obj),
    }


def encode_setting(name, value):
    """The ``v`` sent with the action named ``name``."""
    if name == 'ipv46':
        return '3' if value else '0'
    if isinstance(value, bool):
        return '1' if value else '0'
    return str(value)


def zone_status(zone_obj):
    """``status-active`` → ``active``; falls back to ``zone_status``."""
    status = zone_obj.get('zone_status_class')
    if status:
        return str(status)[len('status-'):] if str(status).startswith('status-') else str(status)
    return _text(zone_obj.get('zone_status'))


def canonical_zone(zone_obj, settings_obj=None):
    zone = dict(
        id=_text(zone_obj.get('zone_id')),
        hostname=normalize_hostname(zone_obj.get('zone_name')),
        cdn_domain=None,
        status=zone_status(zone_obj),
        raw=dict(zone=zone_obj),
    )
    if settings_obj is not None:
        zone['settings'] = canonical_settings(settings_obj)
        zone['raw']['settings'] = settings_obj
    return zone


def with_devmode_expiry(zone):
    """Add raw.devmode_expires_on (from zone_settings' dev_mode) to a zone read with its settings.

    In raw, not a top-level key: cdn_zone_info's zones, stripped of id, cdn_domain, status and raw,
    feed back into cdn_zone unchanged."""
    settings = (zone.get('raw') or {}).get('settings')
    if settings is not None:
        zone['raw']['devmode_expires_on'] = devmode_expiry(settings.get('dev_mode'))
    return zone


def zone_is_pro(zone):
    """Pro zones have props.pro 1 in zone_load_multi (and can use intervals 100, 110, 120)."""
    props = ((zone.get('raw') or {}).get('zone') or {}).get('props') or {}
    return to_int(props.get('pro')) == 1


# --- times -------------------------------------------------------------------

def unix_time_text(seconds):
    """iso_from_unix for a time the API must give: ValueError for a number no clock reaches (a hostile answer)."""
    text = iso_from_unix(seconds)
    if text is None:
        raise ValueError('%r is not a Unix time' % (seconds,))
    return text


def devmode_expiry(value):
    """``dev_mode`` (3.7 zone_settings) or ``expires_on`` (4.3 devmode): the Unix time development mode
    ends, 0 when off; as ISO 8601 UTC, None when off."""
    number = to_int(value)
    if not isinstance(number, int) or number <= 0:
        return None
    return unix_time_text(number)


# --- purge -------------------------------------------------------------------

def fpurge_fields(zone_name):
    """4.4 fpurge_ts parameters: ``v`` "Value can only be 1"."""
    return dict(z=zone_name, v='1')


def file_purge_fields(zone_name, url):
    """4.5 zone_file_purge parameters: one full URL a call."""
    return dict(z=zone_name, url=url)


def purge_schemes_of(zone):
    """The schemes a path is purged under: 4.5 says an HTTP and an HTTPS version of a file "need to be
    purged independently", so a zone with SSL on (3.7 zone_settings ``ssl`` above 0) gets both."""
    ssl = to_int(((zone.get('raw') or {}).get('settings') or {}).get('ssl'))
    return ('http', 'https') if isinstance(ssl, int) and ssl > 0 else ('http',)


def purge_job_of(body, kind, url):
    """A finished job for one synchronous purge call.

    4.5 zone_file_purge echoes ``response.url``; 4.4 fpurge_ts answers ``response.fpurge_ts``
    (the purge time) and ``attributes.cooldown``. Neither returns a job id: the id
    is the URL purged, or the purge time for fpurge_ts.
    """
    response = (body or {}).get('response') or {}
    if kind == 'purge_all':
        stamp = response.get('fpurge_ts')
        raw = dict(fpurge_ts=stamp, cooldown=((body or {}).get('attributes') or {}).get('cooldown'))
        return dict(id=None if stamp is None else str(stamp), status='finished', done=True, failed=None,
                    urls=None, raw=raw)
    return dict(id=str(response.get('url') or url), status='finished', done=True, failed=None, urls=1,
                raw=dict(url=response.get('url') or url, vtxt_match=response.get('vtxt_match')))


# --- statistics --------------------------------------------------------------

def choose_interval(start, end, now, pro=False):
    """The stats ``interval`` for a period: the smallest documented one whose period reaches back
    to ``start`` (aware datetimes). Pro intervals only for Pro zones. Returns dict(interval,
    hours, start, end) with the period the API will answer; raises CdnValidationError when start
    is older than the longest interval or ``end`` lies more than a day before the period's end."""
    period_start = period_end = None
    for code, hours, lag, pro_only in STATS_INTERVALS:
        if pro_only and not pro:
            continue
        period_end = now - datetime.timedelta(hours=lag)
        period_start = period_end - datetime.timedelta(hours=hours)
        if period_start <= start + datetime.timedelta(minutes=STATS_START_SLACK_MINUTES):
            break
    else:
        raise CdnValidationError(
            'start', 'is older than CloudFlare statistics reach: the longest interval (20, past 30 days) '
            'covers %s to %s' % (iso_utc(period_start), iso_utc(period_end)), value=iso_utc(start),
            allowed='a start on or after %s' % iso_utc(period_start))
    earliest_end = period_end - datetime.timedelta(hours=STATS_END_SLACK_HOURS)
    if end < earliest_end:
        raise CdnValidationError(
            'end', 'is too early: CloudFlare takes no dates, interval %d ends at %s' % (code, iso_utc(period_end)),
            value=iso_utc(end), allowed='no end (now), or an end on or after %s' % iso_utc(earliest_end))
    return dict(interval=code, hours=hours, start=period_start, end=period_end)


def _sum(values):
    numbers = [n for n in (to_number(v) for v in values) if n is not None]
    return sum(numbers) if numbers else None


def kib_to_bytes(value):
    """bandwidthServed is in KiB with fractions (the 3.1 sample: 78278.706054688 = 80157395 / 1024)."""
    return to_bytes(value, 1024)


def stats_point(obj, timestamp):
    """One ``objs`` entry of the 3.1 stats answer as a series point.

    pageviews and uniques add up their regular, threat and crawler parts; threats are the threat
    pageviews; bytes (bandwidthServed, KiB) and requests (requestsServed) add up what CloudFlare
    served from its cache (``cloudflare``: *_cached) and what came from the origin (``user``:
    *_uncached). hits equals requests, as other providers count hits.
    """
    traffic = obj.get('trafficBreakdown') or {}
    pageviews = traffic.get('pageviews') or {}
    uniques = traffic.get('uniques') or {}
    bandwidth = obj.get('bandwidthServed') or {}
    served = obj.get('requestsServed') or {}
    point = dict(timestamp=timestamp)
    numbers = dict(
        pageviews=_sum(pageviews.values()),
        uniques=_sum(uniques.values()),
        threats=to_number(pageviews.get('threat')),
        bytes_cached=kib_to_bytes(bandwidth.get('cloudflare')),
        bytes_uncached=kib_to_bytes(bandwidth.get('user')),
        hits_cached=to_number(served.get('cloudflare')),
        hits_uncached=to_number(served.get('user')),
    )
    numbers['bytes'] = _sum([numbers['bytes_cached'], numbers['bytes_uncached']])
    numbers['requests'] = _sum([numbers['hits_cached'], numbers['hits_uncached']])
    numbers['hits'] = numbers['requests']
    point.update((k, v) for k, v in numbers.items() if v is not None)
    return point


def stats_result(body, choice):
    """get_stats' answer from the stats body: one point per ``objs`` entry at the period start
    (``timeZero``, ms; the chosen period's start when missing), totals summed by the core."""
    result = response_of(body, 'result') or {}
    zero = to_number(result.get('timeZero'))
    start = unix_time_text(zero / 1000.0) if zero is not None else iso_utc(choice['start'])
    series = [stats_point(obj, start) for obj in result.get('objs') or [] if isinstance(obj, dict)]
    end = to_number(result.get('timeEnd'))
    raw = dict(interval=choice['interval'], period_start=start,
               period_end=unix_time_text(end / 1000.0) if end is not None else iso_utc(choice['end']),
               note=STATS_NOTE, result=result)
    return dict(series=series, totals=None, raw=raw)


# --- access rules: the account's IP lists (4.7) ------------------------------

def ip_list_key(rule):
    """The ``key`` of wl / ban / nul: one address (4.7: "The IP address you want to whitelist/blacklist")."""
    return rule['value']


def check_ip_rules(rules):
    """What the account IP lists can hold: single addresses, each on one list."""
    seen = {}
    for rule in rules:
        if rule['type'] != 'ip':
            raise CdnValidationError('rules', 'has a %s rule; CloudFlare lists only IP addresses' % rule['type'],
                                     allowed='type ip')
        if '/' in rule['value']:
            raise CdnValidationError('rules', 'has a network; CloudFlare wl/ban/nul take one IP address',
                                     value=rule['value'], allowed='single IPv4 or IPv6 addresses (or a /32, /128)')
        other = seen.setdefault(rule['value'], rule['action'])
        if other != rule['action']:
            raise CdnValidationError('rules', 'allows and denies the same IP; CloudFlare keeps an IP on one list',
                                     value=rule['value'], allowed='one action per IP address')


# --- IP information (3.5 zone_ips, 3.6 ip_lkup) ------------------------------

def parse_score(text):
    """ip_lkup's score text ("BAD:0" in the 3.6 sample) split at the colon, (label, number or None)."""
    if text is None:
        return None, None
    label, _sep, number = str(text).partition(':')
    return (label or None), to_number(number) if number else None


def threat_score(ip, response):
    """ip_lkup ``response`` = {"<ip>": "<score>"}; a single entry under another spelling of the IP is taken too."""
    response = response if isinstance(response, dict) else {}
    text = response.get(ip)
    if text is None and len(response) == 1:
        text = list(response.values())[0]
    label, number = parse_score(text)
    return dict(ip=ip, score=None if text is None else str(text), score_label=label, score_value=number)


def visitor(obj):
    """A zone_ips entry: ip, classification, hits, latitude/longitude (None without geo), zone."""
    return dict(ip=_text(obj.get('ip')), classification=_text(obj.get('classification')),
                hits=to_number(obj.get('hits')), latitude=to_number(obj.get('latitude')),
                longitude=to_number(obj.get('longitude')), zone=normalize_hostname(obj.get('zone_name')))


# --- DNS records (3.3 rec_load_all, 5.1 rec_new, 5.2 rec_edit) ---------------

def record_of(obj, zone, caps):
    """A rec_load_all / rec_new / rec_edit record object as a canonical record (``caps``: the dns_record RecordCaps)."""
    return current_record(obj.get('rec_id'), obj.get('name'), obj.get('type'), obj.get('content'),
                          obj.get('ttl'), obj.get('service_mode'), obj.get('prio'), zone, caps)


def record_fields(zone, rec):
    """rec_new/rec_edit parameters of a canonical record (strings, as the API documents them)."""
    fields = dict(type=rec['type'], name=fqdn(rec['record'], zone), content=rec['value'],
                  ttl=str(rec['ttl'] if rec.get('ttl') is not None else 1))
    if rec['type'] in PROXIABLE_TYPES:
        fields['service_mode'] = '1' if rec.get('proxied') else '0'
    if rec['type'] in ('MX', 'SRV'):
        fields['prio'] = str(rec['priority'])
    if rec['type'] == 'SRV':
        # SRV travels as service, protocol, srvname (the owner) and weight, port, target.
        labels = rec['record'].split('.', 2)
        weight, port, target = rec['value'].split()
        fields.update(service=labels[0], protocol=labels[1],
                      srvname=fqdn(labels[2] if len(labels) > 2 else '@', zone),
                      weight=weight, port=port, target=target)
    return fields
