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

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect
from ansible_collections.edgeops.cdn.plugins.module_utils.dns import RecordCaps, current_record, fqdn
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnNotFoundError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    Capabilities,
    ProviderAdapter,
    ResourceCaps,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.reconcile import (
    normalize_hostname,
    to_bool,
    to_int,
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
    limits=dict(calls_per_5_minutes=CALLS_PER_WINDOW, records_per_page=180, purge_urls_per_call=1,
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

UTC = datetime.timezone.utc


def iso_utc(moment):
    return moment.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')


def from_unix(seconds):
    return datetime.datetime.fromtimestamp(seconds, UTC)


def devmode_expiry(value):
    """``dev_mode`` (zone_settings) or ``expires_on`` (devmode): the Unix time development mode
    ends, 0 when off; as ISO 8601 UTC, None when off."""
    number = to_int(value)
    if not isinstance(number, int) or number <= 0:
        return None
    return iso_utc(from_unix(number))


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


def _number(value):
    """A count or amount from the API (numbers or strings), None when missing or not a number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number == int(number) else number


def _sum(values):
    numbers = [n for n in (_number(v) for v in values) if n is not None]
    return sum(numbers) if numbers else None


def kib_to_bytes(value):
    """bandwidthServed is in KiB with fractions (CF-DOC 3.1: 78278.706054688 = 80157395 / 1024)."""
    number = _number(value)
    return None if number is None else int(round(number * 1024))


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
        threats=_number(pageviews.get('threat')),
        bytes_cached=kib_to_bytes(bandwidth.get('cloudflare')),
        bytes_uncached=kib_to_bytes(bandwidth.get('user')),
        hits_cached=_number(served.get('cloudflare')),
        hits_uncached=_number(served.get('user')),
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
    zero = _number(result.get('timeZero'))
    start = iso_utc(from_unix(zero / 1000.0)) if zero is not None else iso_utc(choice['start'])
    series = [stats_point(obj, start) for obj in result.get('objs') or [] if isinstance(obj, dict)]
    end = _number(result.get('timeEnd'))
    raw = dict(interval=choice['interval'], period_start=start,
               period_end=iso_utc(from_unix(end / 1000.0)) if end is not None else iso_utc(choice['end']),
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
    return (label or None), _number(number) if number else None


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
                hits=_number(obj.get('hits')), latitude=_number(obj.get('latitude')),
                longitude=_number(obj.get('longitude')), zone=normalize_hostname(obj.get('zone_name')))


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
        return response.body

    # zones

    def _zone_objects(self):
        # zone_load_multi documents no offset: has_more true cannot be followed.
        zones = response_of(self.call('zone_load_multi', 'list zones'), 'zones') or {}
        return zones.get('objs') or []

    def _settings_object(self, zone_name):
        objs = response_of(self.call('zone_settings', 'read settings of zone %s' % zone_name, z=zone_name),
                           'result', 'objs') or []
        return objs[0] if objs else {}

    def _with_settings(self, zone_obj):
        return with_devmode_expiry(canonical_zone(zone_obj, self._settings_object(zone_obj.get('zone_name'))))

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
                body = self.call(key, 'set %s of zone %s' % (key, name), z=name, v=encode_setting(key, settings[key]))
                # sec_lvl, cache_lvl, devmode and ipv46 answer the updated zone; the others only success.
                zone_obj = response_of(body, 'zone', 'obj') or zone_obj
        return with_devmode_expiry(canonical_zone(zone_obj, self._settings_object(name)))

    def check_zones(self, names):
        """zone_check: {name: zone id as text, or None when the name is not an active zone of the account}."""
        names = [normalize_hostname(n) for n in names]
        body = self.call('zone_check', 'check zones %s' % ', '.join(names), zones=','.join(names))
        found = dict((normalize_hostname(k), v) for k, v in (response_of(body, 'zones') or {}).items())
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
        now = datetime.datetime.now(UTC).replace(microsecond=0)
        choice = choose_interval(query['start'], query['end'], now, pro=zone_is_pro(zone))
        name = zone_name_of(zone)
        body = self.call('stats', 'read statistics of zone %s (interval %d)' % (name, choice['interval']),
                         z=name, interval=str(choice['interval']))
        return stats_result(body, choice)

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
        return [threat_score(ip, (self.call('ip_lkup', 'threat score of %s' % ip, ip=ip) or {}).get('response'))
                for ip in ips]

    def zone_visitors(self, zone_name, hours, ip_class=None, geo=False):
        fields = {'z': zone_name, 'hours': str(hours), 'geo': '1' if geo else None}
        if ip_class:
            fields['class'] = IP_CLASSES[ip_class]
        body = self.call('zone_ips', 'recent visitor IPs of zone %s' % zone_name, **fields)
        return [visitor(obj) for obj in response_of(body, 'ips') or [] if isinstance(obj, dict)]

    # DNS records

    def pages(self, action, key, operation, **fields):
        """The one pagination generator of this API: yields each page's objects, offset ``o``
        until ``has_more`` is false.

        rec_load_all answers at most 180 objects a page (reference/provider-apis.md 1.5);
        the offset advances by the number of objects actually returned.
        """
        offset = 0
        while True:
            body = self.call(action, '%s (offset %d)' % (operation, offset), o=str(offset) if offset else None, **fields)
            page = response_of(body, key) or {}
            objs = page.get('objs') or []
            yield objs
            if not to_bool(page.get('has_more')) or not objs:
                return
            offset += len(objs)

    def record_from_api(self, obj, zone):
        return current_record(obj.get('rec_id'), obj.get('name'), obj.get('type'), obj.get('content'),
                              obj.get('ttl'), obj.get('service_mode'), obj.get('prio'), zone,
                              CAPABILITIES.resource('dns_record'))

    def list_records(self, zone):
        return [self.record_from_api(obj, zone)
                for objs in self.pages('rec_load_all', 'recs', 'list records of zone %s' % zone, z=zone)
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

    def _record_answer(self, body, zone, fallback):
        obj = response_of(body, 'rec', 'obj')
        return self.record_from_api(obj, zone) if obj else fallback

    def create_record(self, zone, rec):
        body = self.call('rec_new', 'create %s record %s' % (rec['type'], fqdn(rec['record'], zone)),
                         z=zone, **self.record_fields(zone, rec))
        return self._record_answer(body, zone, dict(rec, id=None))

    def update_record(self, zone, current, rec):
        body = self.call('rec_edit', 'update %s record %s (id %s)' % (rec['type'], fqdn(rec['record'], zone), current['id']),
                         z=zone, id=current['id'], **self.record_fields(zone, rec))
        return self._record_answer(body, zone, dict(rec, id=current['id']))

    # purge: zone_file_purge (one URL a call) and fpurge_ts (everything); both answer at once

    def purge_schemes(self, zone):
        """Schemes a path is purged under: CloudFlare caches http and https copies apart
        (reference/provider-apis.md 1.4), so a zone with SSL on gets both."""
        ssl = to_int(((zone.get('raw') or {}).get('settings') or {}).get('ssl'))
        return ('http', 'https') if isinstance(ssl, int) and ssl > 0 else ('http',)

    def purge_batch(self, zone, items, kind):
        name = zone_name_of(zone)
        if kind == 'purge_all':
            body = self.call('fpurge_ts', 'purge everything in zone %s' % name, **fpurge_fields(name))
            return [purge_job_of(body, 'purge_all', None)]
        if kind != 'purge':
            raise self._unsupported('purge', kind)
        jobs = []
        # purge_batch is 1, so items holds one URL; a longer list still goes one call a URL.
        for url in items:
            body = self.call('zone_file_purge', 'purge %s' % url, **file_purge_fields(name, url))
            jobs.append(purge_job_of(body, 'purge', url))
        return jobs

    def purge_job(self, job):
        # Both actions are synchronous: what they answered is final.
        return job

    def delete_record(self, zone, current):
        self.call('rec_delete', 'delete %s record %s (id %s)' % (current['type'], fqdn(current['record'], zone), current['id']),
                  z=zone, id=current['id'])
