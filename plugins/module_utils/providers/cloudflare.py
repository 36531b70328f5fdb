# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare legacy client API v1 (``api_json.html``) adapter.

Source of truth: seeds/cloudflare-client-api-v1.txt; gaps and decisions in
reference/provider-apis.md section A and section 1.

- Every call is one form-encoded POST to ``api_json.html`` carrying ``a`` (the
  action), ``tkn`` and ``email`` (added by ApiClient's form_auth), made by
  ``Adapter.call`` and nowhere else.
- Success or failure is decided on the body's ``result`` field, not on the
  HTTP status: errors arrive as HTTP 200 ``{"result": "error", "msg": ...,
  "err_code": ...}``. ``E_UNAUTH`` is an authentication error; ``E_MAXAPI``
  (1200 calls / 5 min) is throttling, retried by the client with backoff.
- Ids, ``ttl`` and ``service_mode`` are strings; other numbers may come as
  strings or numbers, so every reader is liberal.

A CloudFlare zone is identified by its name (``hostname``). The API cannot
create or delete zones: cdn_zone manages the settings of a zone already in the
account. ``cdn_domain`` is always null: CloudFlare serves a zone through its
own name servers, there is no CNAME target to point the host name at.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.dns_records import RecordCaps, current_record, fqdn
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnNotFoundError,
    CdnResponseError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    iso_from_unix,
    iso_utc,
    normalize_hostname,
    to_bool,
    to_bytes,
    to_int,
    to_number,
    utc_now,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
)

# Canonical settings, in the order cdn_zone writes them: one action per changed setting,
# each action named like the setting (reference/provider-apis.md 1.4).
ZONE_SETTINGS = {
    # Basic security level: help (I'm under attack!), high, med, low, eoff (essentially off).
    'sec_lvl': dict(type='str', choices=['help', 'high', 'med', 'low', 'eoff']),
    # Caching level: agg (aggressive), basic, iqs (simplified; documented by zone_settings).
    'cache_lvl': dict(type='str', choices=['agg', 'basic', 'iqs']),
    # Development mode (cache bypassed); CloudFlare switches it off again after 3 hours.
    'devmode': dict(type='bool'),
    # IPv6 support; true sends v=3 ("enable with 3", full), false sends v=0.
    'ipv46': dict(type='bool'),
    # Rocket Loader: 0 off, a automatic, m manual.
    'async': dict(type='str', choices=['0', 'a', 'm']),
    # Minification bit mask: 1 JS, 2 CSS, 4 HTML (0 off, 7 all).
    'minify': dict(type='int', min=0, max=7),
    # Mirage 2 (image loading for mobile).
    'mirage2': dict(type='bool'),
}
# Record types rec_new/rec_edit take and the ones service_mode (the orange cloud) applies to
# (reference/provider-apis.md 1.4).
RECORD_TYPES = ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SRV', 'LOC')
PROXIABLE_TYPES = ('A', 'AAAA', 'CNAME')
# "All calls are rate-limited to 1200 every 5 minutes" (CF-DOC 1.2, reference/provider-apis.md 1.1).
CALLS_PER_WINDOW = 1200
RATE_WINDOW_SECONDS = 300
SETTING_ORDER = ('sec_lvl', 'cache_lvl', 'devmode', 'ipv46', 'async', 'minify', 'mirage2')
# The setting actions whose answer carries the updated zone (response.zone.obj); the others only success.
ZONE_ANSWER_ACTIONS = ('sec_lvl', 'cache_lvl', 'devmode', 'ipv46')

# stats ``interval`` codes (CF-DOC 3.1, reference/provider-apis.md 1.4), the latest period first:
# (code, hours covered, hours the data lags behind now, Pro zones only). "For these values
# [20, 30, 40], the latest data is from one day ago"; the Pro values are counted back from now.
# 10 (365 days) appears only in one PHP client (PHPCF), not in the document, so it is not sent.
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
# zone_ips ``class`` (CF-DOC 3.5): r regular, s crawler, t threat; the words are accepted too.
IP_CLASSES = {'regular': 'r', 'crawler': 's', 'threat': 't', 'r': 'r', 's': 's', 't': 't'}
ZONE_IPS_MAX_HOURS = 48
# wl / ban / nul (CF-DOC 4.7): the account's IP lists.
IP_LIST_ACTIONS = {'allow': 'wl', 'deny': 'ban'}

CAPABILITIES = Capabilities(
    name='cloudflare',
    title='CloudFlare',
    default_url='https://www.cloudflare.com/api_json.html',
    token_env=('CLOUDFLARE_API_TOKEN',),
    user_env=('CLOUDFLARE_API_EMAIL',),
    needs_user=True,
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'update'),
            fields=('hostname', 'settings'),
            settings=ZONE_SETTINGS,
            notes='the client API v1 cannot add or remove zones; add the zone in the CloudFlare '
                  'account first, then manage its settings (sec_lvl, cache_lvl, devmode, ipv46, '
                  'async, minify, mirage2)',
        ),
        'dns_record': RecordCaps(
            operations=('list', 'create', 'update', 'delete'),
            fields=('record', 'type', 'value', 'ttl', 'proxied', 'priority'),
            record_types=RECORD_TYPES,
            proxiable=PROXIABLE_TYPES,
            ttl_auto=1, ttl_min=120, ttl_max=86400,
            apex_cname_flattening=True,
            notes='records of zones already in the account (rec_load_all, rec_new, rec_edit, rec_delete); '
                  'proxied is service_mode (the orange cloud)',
        ),
        'purge': ResourceCaps(
            operations=('purge', 'purge_all'),
            notes='zone_file_purge takes one URL a call (http and https are cached apart); '
                  'fpurge_ts purges the whole zone; any host name in the zone; '
                  'answers at once (no job to follow); no wildcards, no prefetch, no purge history',
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone',),
            notes='stats of one zone (required) as one aggregate over an interval code: 40 past day, '
                  '30 past 7 days, 20 past 30 days (data up to one day ago); Pro zones also 120, 110, 100 '
                  '(6, 12, 24 hours up to now); the smallest interval covering start is used, end must lie '
                  'within a day of the interval\'s end; pageviews, uniques, threats, bytes and requests '
                  '(cached = served by CloudFlare, uncached = by the origin)',
        ),
        'access_rule': ResourceCaps(
            operations=('create', 'delete'),
            fields=('ip',),
            notes='the account-wide IP lists (wl allow, ban deny, nul removes from either), one address '
                  'a call, no networks; the API cannot list them: each run sends the listed rules and '
                  'reports a change, purge_rules is not possible',
        ),
        'ip_info': ResourceCaps(
            operations=('lookup', 'visitors'),
            fields=('ips', 'zone', 'hours', 'class', 'geo'),
            choices={'class': ('regular', 'crawler', 'threat')},
            notes='ip_lkup: the threat score of an IP (one a call); zone_ips: recent visitor IPs of a '
                  'zone over the past 1 to 48 hours, by class (regular, crawler, threat), with geo '
                  'coordinates on request',
        ),
        'snapshot': ResourceCaps(
            operations=('refresh',),
            notes='zone_grab (cdn_zone refresh_snapshot): a new image of the site for the challenge '
                  'page, once a day per zone; a second one within the day is refused',
        ),
    },
    limits=Limits(api_rate=(CALLS_PER_WINDOW, RATE_WINDOW_SECONDS), page_size=180,
                  purge_batch=1, purge_form='url', purge_rate=(CALLS_PER_WINDOW, RATE_WINDOW_SECONDS),
                  purge_subdomains=True, stats_zone_required=True, access_rule_scope='account',
                  ip_visitors_max_hours=ZONE_IPS_MAX_HOURS,
                  # zone_ips' own letters are accepted for the class words (r, s, t)
                  ip_class_aliases=dict((letter, word) for word, letter in IP_CLASSES.items() if word != letter)),
)


class CloudflareDialect(Dialect):
    """Errors travel in a 200 body; E_MAXAPI means slow down and try again."""

    def error_message(self, status, body, text):
        if isinstance(body, dict) and body.get('msg'):
            return format_error(body.get('msg'), body.get('err_code'))
        return super(CloudflareDialect, self).error_message(status, body, text)

    def body_error(self, body):
        if not isinstance(body, dict):
            return ('the answer is not a JSON object', None, CdnApiError)
        result = body.get('result')
        if result == 'success':
            return None
        if result == 'error':
            code = body.get('err_code') or None
            cls = CdnAuthError if code == 'E_UNAUTH' else CdnApiError
            return (format_error(body.get('msg') or 'unknown error', code), code, cls)
        return ('the answer has no result field (got %r)' % (result,), None, CdnApiError)

    def is_throttled(self, status, body):
        if status == 429:
            return True
        return isinstance(body, dict) and body.get('result') == 'error' and body.get('err_code') == 'E_MAXAPI'


def zone_name_of(zone):
    """The ``z`` of a canonical zone: the name exactly as zone_load_multi spelled it."""
    return ((zone.get('raw') or {}).get('zone') or {}).get('zone_name') or zone.get('hostname')


def fpurge_fields(zone_name):
    """fpurge_ts parameters: ``v`` "can only be 1" (CF-DOC fpurge_ts)."""
    return dict(z=zone_name, v='1')


def file_purge_fields(zone_name, url):
    """zone_file_purge parameters: one full URL a call."""
    return dict(z=zone_name, url=url)


def purge_job_of(body, kind, url):
    """A finished job for one synchronous purge call.

    zone_file_purge echoes ``response.url``; fpurge_ts answers ``response.fpurge_ts``
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


def format_error(message, code):
    if code:
        return '%s (%s)' % (message, code)
    return str(message)


# --- normalisers (pure) ---------------------------------------------------

def _text(value):
    if value is None:
        return None
    return str(value)


def devmode_on(value):
    """zone_settings ``dev_mode``: 0 when off, else the Unix time it expires."""
    number = to_int(value)
    if number is None:
        return None
    if isinstance(number, int):
        return number != 0
    return to_bool(number)


def ipv46_on(value):
    """``ipv46``: 0 off; 3 full (the doc), 1 (older clients) and others count as on."""
    return devmode_on(value)


def mirage_on(settings):
    """Mirage 2 state from zone_settings.

    zone_settings has no ``mirage2`` field; ``img`` combines Polish and Mirage
    (0, 1, 170, 171, 200, 201): an odd value means Mirage on (inference from the
    documented values, see reference/provider-apis.md 1.4). A ``mirage2`` field,
    when present, wins.
    """
    if settings.get('mirage2') is not None:
        return devmode_on(settings.get('mirage2'))
    img = to_int(settings.get('img'))
    if not isinstance(img, int):
        return None
    return img % 2 == 1


def canonical_settings(obj):
    """zone_settings ``objs[0]`` in the shape of cdn_zone's ``settings`` option."""
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


# --- times, statistics, IP lists, visitors (pure) --------------------------

def unix_time_text(seconds):
    """iso_from_unix for a time the API must give: ValueError for a number no clock reaches (a hostile answer)."""
    text = iso_from_unix(seconds)
    if text is None:
        raise ValueError('%r is not a Unix time' % (seconds,))
    return text


def devmode_expiry(value):
    """``dev_mode`` (zone_settings) or ``expires_on`` (devmode): the Unix time development mode
    ends, 0 when off; as ISO 8601 UTC, None when off."""
    number = to_int(value)
    if not isinstance(number, int) or number <= 0:
        return None
    return unix_time_text(number)


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
    """bandwidthServed is in KiB with fractions (CF-DOC 3.1: 78278.706054688 = 80157395 / 1024)."""
    return to_bytes(value, 1024)


def stats_point(obj, timestamp):
    """One ``objs`` entry of the stats answer as a series point.

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


def zone_is_pro(zone):
    """Pro zones have props.pro 1 in zone_load_multi (and can use intervals 100, 110, 120)."""
    props = ((zone.get('raw') or {}).get('zone') or {}).get('props') or {}
    return to_int(props.get('pro')) == 1


def ip_list_key(rule):
    """The ``key`` of wl / ban / nul: one address (CF-DOC 4.7: "The IP address")."""
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


def parse_score(text):
    """ip_lkup's score text ("BAD:0" in CF-DOC 3.6) split at the colon, (label, number or None)."""
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


def response_of(body, *keys):
    """Walk ``response.<keys>`` liberally ({} or [] for missing parts)."""
    value = (body or {}).get('response') or {}
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


# Actions that read, or set a value (sending them twice has the effect of once). Purging
# one file twice is purging it once; fpurge_ts stays out (the whole cache, to be used sparingly).
# zone_grab stays out too: once a day, a resend would be refused.
IDEMPOTENT_ACTIONS = frozenset(['zone_load_multi', 'zone_settings', 'rec_load_all', 'zone_check', 'stats',
                                'zone_ips', 'ip_lkup', 'sec_lvl', 'cache_lvl', 'devmode', 'ipv46', 'async',
                                'minify', 'mirage2', 'rec_edit', 'rec_delete', 'zone_file_purge',
                                'wl', 'ban', 'nul'])


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = CloudflareDialect

    @classmethod
    def auth_options(cls, token, user):
        return dict(form_auth={'tkn': token, 'email': user})

    @property
    def endpoint(self):
        # api_url is the full URL of api_json.html; ApiClient adds a trailing slash to base URLs.
        return self.client.base_url.rstrip('/')

    def call(self, action, operation=None, **fields):
        """POST one action; return the success body (errors raise from the Dialect)."""
        data = dict(a=action)
        data.update((k, v) for k, v in fields.items() if v is not None)
        # Reads, "set to value" actions and single-file purges are safe to resend; rec_new and fpurge_ts are not.
        response = self.client.request('POST', self.endpoint, operation or action, data=data, ok=(200,),
                                       idempotent=action in IDEMPOTENT_ACTIONS)
        # The dialect let only {"result": "success", ...} objects through.
        return response.body

    # answers: the envelope is checked by the dialect, its ``response`` here

    def _response(self, body, operation, *keys, **options):
        """``response.<keys>`` of a success body, of the documented ``shape`` ('object' or 'list').

        With ``optional`` a missing part is None; a part of another type is always an error
        (a wrong shape never means "nothing there")."""
        shape = options.get('shape', 'object')
        value = body.get('response') if isinstance(body, dict) else None
        where = 'response'
        for key in keys + (None,):
            if value is None and options.get('optional'):
                return None
            wanted = shape if key is None else 'object'
            if not isinstance(value, dict if wanted == 'object' else list):
                raise self.client.answer_error(operation, '%s is %s where a JSON %s is documented'
                                               % (where, type_name(value), wanted), status=200)
            if key is not None:
                value = value.get(key)
                where += '.' + key
        return value

    def _object(self, value, operation, where, optional=True):
        """A nested part that must be a JSON object (None when optional and absent)."""
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self.client.answer_error(operation, '%s is %s where a JSON object is documented'
                                           % (where, type_name(value)), status=200)
        return value

    def _scalars(self, obj, operation, where, required=(), optional=()):
        """Fields read as text or numbers: present (required) and never an object or a list."""
        for key in required + optional:
            value = obj.get(key)
            if (value is None and key in required) or isinstance(value, (dict, list)):
                raise self.client.answer_error(operation, '%s has no usable %r (got %s)'
                                               % (where, key, type_name(value)), status=200)
        return obj

    def _zone_object(self, zone_obj, operation, where):
        """A zone object: zone_id and zone_name (the ``z`` of every write) and props an object."""
        self._object(zone_obj, operation, where, optional=False)
        self._scalars(zone_obj, operation, where, required=('zone_id', 'zone_name'))
        self._object(zone_obj.get('props'), operation, where + '.props')
        return zone_obj

    def _canonical(self, zone_obj, settings_obj, operation):
        try:
            return with_devmode_expiry(canonical_zone(zone_obj, settings_obj))
        except ValueError as exc:  # dev_mode is not a time
            raise self.client.answer_error(operation, 'dev_mode of the settings: %s' % exc, status=200)

    # zones

    def _zone_objects(self):
        # zone_load_multi documents no offset: has_more true cannot be followed.
        operation = 'list zones'
        objs = self._response(self.call('zone_load_multi', operation), operation, 'zones', 'objs', shape='list')
        for index, zone_obj in enumerate(objs):
            self._zone_object(zone_obj, operation, 'response.zones.objs[%d]' % index)
        return objs

    def _settings_object(self, zone_name):
        operation = 'read settings of zone %s' % zone_name
        objs = self._response(self.call('zone_settings', operation, z=zone_name), operation, 'result', 'objs',
                              shape='list')
        # One settings object (CF-DOC zone_settings): without it the settings are unknown, never "all unset".
        if not objs:
            raise self.client.answer_error(operation, 'response.result.objs is empty where the zone\'s settings '
                                           'are documented', status=200)
        return self._object(objs[0], operation, 'response.result.objs[0]', optional=False)

    def _with_settings(self, zone_obj):
        name = zone_obj.get('zone_name')
        return self._canonical(zone_obj, self._settings_object(name), 'read settings of zone %s' % name)

    def list_zones(self):
        return [self._with_settings(z) for z in self._zone_objects()]

    def get_zone(self, zone_id):
        for zone_obj in self._zone_objects():
            if str(zone_obj.get('zone_id')) == str(zone_id):
                return self._with_settings(zone_obj)
        return None

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for zone_obj in self._zone_objects():
            if normalize_hostname(zone_obj.get('zone_name')) == hostname:
                return self._with_settings(zone_obj)
        return None

    def predict_zone(self, desired):
        # Check mode must fail like a real run: the API cannot create zones.
        raise self._unsupported('zone', 'create')

    def update_zone(self, current, changes, desired):
        fixed = sorted(k for k in changes if k != 'settings')
        if fixed:
            raise CdnUnsupportedError(
                'CloudFlare cannot change %s of an existing zone; only its settings can change' % ', '.join(fixed),
                provider=self.name, operation='update zone')
        settings = changes.get('settings') or {}
        zone_obj = current['raw']['zone']
        name = zone_obj.get('zone_name')
        for key in SETTING_ORDER:
            if key in settings and settings[key] is not None:
                operation = 'set %s of zone %s' % (key, name)
                body = self.call(key, operation, z=name, v=encode_setting(key, settings[key]))
                if key in ZONE_ANSWER_ACTIONS:
                    # These answer the updated zone (CF-DOC); some clients' fixtures show only success, so
                    # an answer without it keeps the zone read before, but a zone of another shape fails.
                    answered = self._response(body, operation, 'zone', 'obj', optional=True)
                    if answered is not None:
                        zone_obj = self._zone_object(answered, operation, 'response.zone.obj')
        return self._canonical(zone_obj, self._settings_object(name), 'read settings of zone %s' % name)

    def check_zones(self, names):
        """zone_check: {name: zone id as text, or None when the name is not an active zone of the account}."""
        names = [normalize_hostname(n) for n in names]
        operation = 'check zones %s' % ', '.join(names)
        zones = self._response(self.call('zone_check', operation, zones=','.join(names)), operation, 'zones')
        found = {}
        for key, value in zones.items():
            # A zid is a number (0: not an active zone); it is sent back as zone_grab's zid.
            if value is not None and (isinstance(value, bool) or not isinstance(to_int(value), int)):
                raise self.client.answer_error(operation, 'response.zones[%r] is %s where a zone id (a number) is '
                                               'documented' % (str(key)[:80], type_name(value)), status=200)
            found[normalize_hostname(key)] = value
        return dict((n, str(found[n]) if to_int(found.get(n)) else None) for n in names)

    def zone_name_for(self, ref):
        """The zone name of a host name (zone_check, one read) or of a zone id (zone_load_multi); None when missing."""
        text = str(ref).strip()
        if '.' in text:
            name = normalize_hostname(text)
            return name if self.check_zones([name])[name] else None
        for zone_obj in self._zone_objects():
            if str(zone_obj.get('zone_id')) == text:
                return zone_obj.get('zone_name')
        return None

    def refresh_snapshot(self, zone):
        """zone_grab: a new image of the site. It takes the ``zid`` "found in zone_check" (CF-DOC 4.6)
        and works once a day per zone: a refusal is final for the day, so it is never retried."""
        name = zone_name_of(zone)
        zid = self.check_zones([name])[normalize_hostname(name)]
        if zid is None:
            raise CdnNotFoundError('zone_check does not list %s as an active zone' % name, provider=self.name,
                                   operation='refresh snapshot of zone %s' % name)
        retries, self.client.retries = self.client.retries, 0
        try:
            self.call('zone_grab', 'refresh snapshot of zone %s (zid %s)' % (name, zid), zid=zid)
        except CdnApiError as exc:
            if not isinstance(exc, CdnAuthError):
                exc.message = 'CloudFlare refused the snapshot (zone_grab works once a day per zone)'
            raise
        finally:
            self.client.retries = retries
        return zid

    # statistics: the stats action, one aggregate per interval code

    def get_stats(self, query):
        zone = query.get('zone')
        if zone is None:
            raise CdnValidationError('zone', 'is required: CloudFlare reports statistics per zone',
                                     allowed='a zone host name or id')
        now = utc_now()
        choice = choose_interval(query['start'], query['end'], now, pro=zone_is_pro(zone))
        name = zone_name_of(zone)
        operation = 'read statistics of zone %s (interval %d)' % (name, choice['interval'])
        body = self.call('stats', operation, z=name, interval=str(choice['interval']))
        result = self._response(body, operation, 'result')
        objs = self.client.expect(result.get('objs'), 'list', operation, what='response.result.objs', status=200)
        for index, obj in enumerate(objs):
            where = 'response.result.objs[%d]' % index
            self._object(obj, operation, where, optional=False)
            for group in ('trafficBreakdown', 'bandwidthServed', 'requestsServed'):
                self._object(obj.get(group), operation, '%s.%s' % (where, group))
            for part in ('pageviews', 'uniques'):
                self._object((obj.get('trafficBreakdown') or {}).get(part), operation,
                             '%s.trafficBreakdown.%s' % (where, part))
        try:
            return stats_result(body, choice)
        except ValueError as exc:  # timeZero or timeEnd is not a time
            raise self.client.answer_error(operation, 'the period of response.result: %s' % exc, status=200)

    # access rules: the account's IP lists; wl allow, ban deny, nul removes; nothing lists them

    def validate_access_rules(self, zone, final_rules):
        check_ip_rules(final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        check_ip_rules(list(add) + list(remove))
        # nul first: an IP moving from one list to the other is taken off before it is put on.
        for rule in remove:
            self.call('nul', 'remove %s from the IP lists' % rule['value'], key=ip_list_key(rule))
        for rule in add:
            action = IP_LIST_ACTIONS[rule['action']]
            self.call(action, '%s %s' % ('whitelist' if action == 'wl' else 'ban', rule['value']), key=ip_list_key(rule))

    # IP information: threat scores (ip_lkup) and recent visitors of a zone (zone_ips)

    def lookup_ips(self, ips):
        scores = []
        for ip in ips:
            operation = 'threat score of %s' % ip
            answer = self._response(self.call('ip_lkup', operation, ip=ip), operation)
            # {"<ip>": "<score>"} (CF-DOC ip_lkup): the scores are text.
            self._scalars(answer, operation, 'response', optional=tuple(answer))
            scores.append(threat_score(ip, answer))
        return scores

    def zone_visitors(self, zone_name, hours, ip_class=None, geo=False):
        fields = {'z': zone_name, 'hours': str(hours), 'geo': '1' if geo else None}
        if ip_class:
            fields['class'] = IP_CLASSES[ip_class]
        operation = 'recent visitor IPs of zone %s' % zone_name
        ips = self._response(self.call('zone_ips', operation, **fields), operation, 'ips', shape='list')
        self.client.expect(ips, ('list', ('ip',)), operation, what='response.ips', status=200)
        return [visitor(obj) for obj in ips]

    # DNS records

    def pages(self, action, key, ident, operation, **fields):
        """The one pagination generator of this API: yields each page's objects (``response.<key>.objs``,
        each with its id field ``ident``), offset ``o`` until ``has_more`` is false.

        rec_load_all answers at most 180 objects a page (reference/provider-apis.md 1.5);
        the offset advances by the number of objects actually returned. A page that repeats
        earlier objects, or more than limits.max_pages pages, fail instead of looping.
        """
        guard = self.client.pages(operation)
        offset = 0
        while True:
            page_operation = '%s (offset %d)' % (operation, offset)
            body = self.call(action, page_operation, o=str(offset) if offset else None, **fields)
            page = self._response(body, page_operation, key)
            objs = self.client.expect(page.get('objs'), ('list', (ident,)), page_operation,
                                      what='response.%s.objs' % key, status=200)
            guard.page(objs, key=lambda obj: obj[ident])
            yield objs
            if not to_bool(page.get('has_more')) or not objs:
                return
            offset += len(objs)

    def record_from_api(self, obj, zone):
        return current_record(obj.get('rec_id'), obj.get('name'), obj.get('type'), obj.get('content'),
                              obj.get('ttl'), obj.get('service_mode'), obj.get('prio'), zone,
                              CAPABILITIES.resource('dns_record'))

    def _record(self, obj, zone, operation, where):
        """record_from_api of a checked record: rec_id (the ``id`` of rec_edit and rec_delete), name, type
        and content present, and no field read as text an object or a list."""
        self._object(obj, operation, where, optional=False)
        self._scalars(obj, operation, where, required=('rec_id', 'name', 'type', 'content'),
                      optional=('ttl', 'service_mode', 'prio'))
        return self.record_from_api(obj, zone)

    def list_records(self, zone):
        operation = 'list records of zone %s' % zone
        return [self._record(obj, zone, operation, 'record %s' % obj['rec_id'])
                for objs in self.pages('rec_load_all', 'recs', 'rec_id', operation, z=zone)
                for obj in objs]

    @staticmethod
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

    def _record_answer(self, body, zone, operation):
        """The record rec_new / rec_edit answer (``response.rec.obj``, CF-DOC): its rec_id is the new id."""
        try:
            return self._record(self._response(body, operation, 'rec', 'obj'), zone, operation, 'response.rec.obj')
        except CdnResponseError as error:
            # The write succeeded but its answer names no record: callers read the zone back
            # (create recovery) and never send it again blindly.
            error.maybe_applied = True
            raise

    def create_record(self, zone, rec):
        operation = 'create %s record %s' % (rec['type'], fqdn(rec['record'], zone))
        body = self.call('rec_new', operation, z=zone, **self.record_fields(zone, rec))
        return self._record_answer(body, zone, operation)

    def update_record(self, zone, current, rec):
        operation = 'update %s record %s (id %s)' % (rec['type'], fqdn(rec['record'], zone), current['id'])
        body = self.call('rec_edit', operation, z=zone, id=current['id'], **self.record_fields(zone, rec))
        return self._record_answer(body, zone, operation)

    # purge: zone_file_purge (one URL a call) and fpurge_ts (everything); both answer at once

    def purge_schemes(self, zone):
        """Schemes a path is purged under: CloudFlare caches http and https copies apart
        (reference/provider-apis.md 1.4), so a zone with SSL on gets both."""
        ssl = to_int(((zone.get('raw') or {}).get('settings') or {}).get('ssl'))
        return ('http', 'https') if isinstance(ssl, int) and ssl > 0 else ('http',)

    def purge_batch(self, zone, items, kind):
        name = zone_name_of(zone)
        if kind == 'purge_all':
            operation = 'purge everything in zone %s' % name
            body = self.call('fpurge_ts', operation, **fpurge_fields(name))
            return [self._purge_answer(body, operation, 'purge_all', None)]
        if kind != 'purge':
            raise self._unsupported('purge', kind)
        jobs = []
        # purge_batch is 1, so items holds one URL; a longer list still goes one call a URL.
        for url in items:
            operation = 'purge %s' % url
            body = self.call('zone_file_purge', operation, **file_purge_fields(name, url))
            jobs.append(self._purge_answer(body, operation, 'purge', url))
        return jobs

    def _purge_answer(self, body, operation, kind, url):
        """purge_job_of a checked answer: response (fpurge_ts or the URL echo) and attributes are objects
        of text and numbers when present (the liberal purge_job_of reports the URL sent without them)."""
        try:
            response = self._response(body, operation, optional=True)
            if response is not None:
                self._scalars(response, operation, 'response', optional=('fpurge_ts', 'url'))
            attributes = self._object(body.get('attributes'), operation, 'attributes')
            if attributes is not None:
                self._scalars(attributes, operation, 'attributes', optional=('cooldown',))
        except CdnResponseError as error:
            error.maybe_applied = True  # the purge was accepted
            raise
        return purge_job_of(body, kind, url)

    def purge_job(self, job):
        # Both actions are synchronous: what they answered is final.
        return job

    def delete_record(self, zone, current):
        self.call('rec_delete', 'delete %s record %s (id %s)' % (current['type'], fqdn(current['record'], zone), current['id']),
                  z=zone, id=current['id'])
