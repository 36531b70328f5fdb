"""CloudFlare client API v1 (api_json.html), from the "CloudFlare Client Interface API"
(https://www.cloudflare.com/docs/client-api.html; "CF-DOC" below, cited by section number, e.g.
CF-DOC 3.1 = "stats"), with facts from public v1 clients: TXCF = https://github.com/marienz/txcloudflare,
RUBYCF = https://github.com/socketry/cloudflare (its releases for this API, up to v2.1.0).

Behaviour notes (where CF-DOC is silent, the project's decisions are in docs/providers/cloudflare.md,
"Decisions where the API document is silent"):
- One endpoint. POST form bodies (GET query parameters work too, CF-DOC 1.2),
  action in ``a``, credentials ``tkn`` and ``email`` (older clients send ``u``;
  both accepted).
- Every API-level error is HTTP 200 ``{"result": "error", "msg": ..., "err_code": ...}``:
  wrong credentials "Unknown token or email" / E_UNAUTH; bad input E_INVLDINPUT;
  more than ``rate_limit`` calls (default 1200, CF-DOC 1.2) in ``rate_window`` simulated seconds
  (default 300) per e-mail E_MAXAPI;
  an unknown record id "Invalid record id." without err_code (a real body quoted in the
  comments of a public PHP client, class CloudFlareAdapter).
- Ids, ttl and service_mode are strings; ``request`` echoes the posted fields (tkn included,
  as the real API did) on the actions CF-DOC shows it for.
- State: users (e-mail → token), zones with settings, records, purges. After reset there is
  one user admin@example.com / sim-token and ONE zone, example.com (zone_id "1000",
  default settings below), because the API cannot create zones. Seed data
  ``{"replace": true}`` removes it; seed data ``{"zones": [{"zone_name": ..., "settings": {...},
  "records": [{type, name, content, ttl, service_mode, prio}], "pro": bool, "stats": {...},
  "visitors": [...]}], "users": [{"email", "tkn"}], "rate_limit": n, "rate_window": seconds,
  "purge_failing": [substring, ...], "ip_scores": {ip: score}, "ip_lists": {email: {ip: "WL"|"BAN"}}}``
  adds more (stats, visitors, scores and lists: see the notes on those actions below). ``rate_limit``
  (default 1200) counts every call per e-mail in a sliding ``rate_window`` (default 300) on the
  simulator clock (``sim.advance``/``sim.speed`` drive it, so a test can run the documented
  5 minutes fast or seed a small limit); a refused call is marked ``throttled`` in the log;
  ``purge_failing`` makes zone_file_purge of a URL containing one of the substrings answer an
  error envelope (no err_code), as a failed purge.
- Purges (CF-DOC 4.4 fpurge_ts, 4.5 zone_file_purge): fpurge_ts needs ``v=1`` and answers
  ``response.fpurge_ts`` (the time) plus ``attributes.cooldown`` 20, without a request echo;
  zone_file_purge takes one full ``url`` a call on the zone or a name below it (http and https
  are separate cache entries) and echoes ``response.url``. Both are done when they answer.
- The apex: records there have ``name`` and ``display_name`` equal to the zone name (CF-DOC
  3.3 rec_load_all example). A CNAME at the apex is flattened (answered with the target's addresses),
  so it may sit beside the apex MX, TXT, NS... but not beside A, AAAA or another CNAME; anywhere
  else a CNAME shares its name with nothing.
- Settings: dev_mode stores the expiry time (3 h after devmode v=1) and reads 0 once past;
  ipv46 accepts 0, 1 and 3 and stores non-zero as 3; mirage2 toggles the low bit of ``img``
  (odd img = Mirage on; zone_settings has no mirage2 field).
- rec_load_all: at most 180 records a page from offset ``o``; ``count`` is the number
  returned, ``has_more`` true while more remain. rec_new defaults ttl "1" (automatic) and
  service_mode "1" for A/AAAA/CNAME (CF-DOC 5.1 rec_new echo), "0" otherwise; rec_edit keeps the
  record's service_mode when none is sent.
- stats (CF-DOC 3.1): ``z`` and ``interval`` (20 = past 30 days, 30 = past 7 days, 40 = past day,
  "the latest data is from one day ago"; Pro zones also 100 = 24 hours, 110 = 12 hours,
  120 = 6 hours, ending now). Interval 10 (365 days, only in one PHP client) is not documented
  and refused like any other unknown value. The answer is ``response.result = {timeZero, timeEnd
  (ms), count 1, has_more false, objs: [one aggregate]}`` with the doc's keys; bandwidthServed is
  in KiB (the doc's sample values are whole bytes / 1024). Numbers are hourly rates times the
  period's hours: seed a zone's ``stats`` with {"pageviews": {regular, threat, crawler},
  "uniques": {...}, "bytes": {cloudflare, user}, "requests": {cloudflare, user}} per hour.
  A zone seeded ``"pro": true`` has props.pro 1 and accepts the Pro intervals.
- zone_check (CF-DOC 3.4): ``zones`` comma-separated; each name maps to its integer zid, 0 for a
  name that is not an active zone of the account (the doc shows only found zones; inference).
- zone_ips (CF-DOC 3.5): ``z``, ``hours`` (default 24, at most 48), optional ``class`` r / s / t
  (CF-DOC says s for crawlers; TXCF and RUBYCF send c: both accepted, a decision of this project) and
  ``geo=1`` (adds latitude/longitude). Visitors come from the zone's seeded ``visitors``
  [{ip, classification: regular|crawler|threat, hits, latitude, longitude, hours_ago}] or a
  default set; those seen longer ago than ``hours`` are left out.
- ip_lkup (CF-DOC 3.6): one ``ip``; answers ``response = {"<ip>": "<score>"}``, the score from the
  seed ``ip_scores`` {ip: score}, else CF-DOC's example "BAD:0".
- zone_grab (CF-DOC 4.6): ``zid`` "found in zone_check"; "can only be used once per day": a second
  grab of a zone within 24 simulated hours is refused with E_MAXAPI (the documented code for "too
  many calls"; which code the real API used is not documented). Grabs are kept in state.
- wl / ban / nul (CF-DOC 4.7): ``key`` = one IP address (no networks); the lists are the
  account's (no zone parameter), kept per e-mail in state ``ip_lists`` {email: {ip: WL|BAN}}.
  ``nul`` removes the IP from either list. Answers ``response.result = {ip, action}``. There is
  no action that lists them.
"""

import collections
import hashlib
import ipaddress

from ..core import ProviderApp, json_response

VALID_USERS = {'admin@example.com': 'sim-token'}
DEFAULT_ZONE = 'example.com'
PAGE = 180
RATE_WINDOW = 300.0
RATE_LIMIT = 1200
DEVMODE_SECONDS = 3 * 3600
WRITE_ACTIONS = frozenset(['sec_lvl', 'cache_lvl', 'devmode', 'fpurge_ts', 'zone_file_purge',
                           'zone_grab', 'wl', 'ban', 'nul', 'ipv46', 'async', 'minify', 'mirage2',
                           'rec_new', 'rec_edit', 'rec_delete'])
# Actions whose documented answer echoes the request (CF-DOC).
ECHO_ACTIONS = frozenset(['zone_load_multi', 'rec_load_all', 'zone_settings', 'zone_file_purge',
                          'rec_new', 'rec_edit', 'rec_delete'])
RECORD_TYPES = ('A', 'CNAME', 'MX', 'TXT', 'SPF', 'AAAA', 'NS', 'SRV', 'LOC')
PROXIABLE = ('A', 'AAAA', 'CNAME')
# What a flattened apex CNAME answers for, so what it cannot share the apex with.
APEX_EXCLUSIVE = ('A', 'AAAA', 'CNAME')
SEC_LABELS = {'help': "I'm under attack!", 'high': 'High', 'med': 'Medium', 'low': 'Low', 'eoff': 'Essentially Off'}
DEFAULT_SETTINGS = {
    'userSecuritySetting': 'Medium', 'dev_mode': 0, 'ipv46': '0', 'ob': '0', 'cache_lvl': 'basic',
    'outboundLinks': 'disabled', 'async': '0', 'bic': '1', 'chl_ttl': '900', 'exp_ttl': '14400',
    'fpurge_ts': 0, 'hotlink': '0', 'img': '0', 'lazy': '0', 'minify': '0', 'outlink': '0',
    'preload': '0', 's404': '0', 'sec_lvl': 'med', 'spdy': '0', 'ssl': '0', 'waf_profile': 'off',
}


# stats intervals (CF-DOC 3.1): code -> (hours covered, hours the data lags, Pro only).
STATS_INTERVALS = {20: (30 * 24, 24, False), 30: (7 * 24, 24, False), 40: (24, 24, False),
                   100: (24, 0, True), 110: (12, 0, True), 120: (6, 0, True)}
# Hourly rates behind the stats answer unless a zone is seeded with its own.
DEFAULT_STATS = {
    'pageviews': {'regular': 110, 'threat': 1, 'crawler': 4},
    'uniques': {'regular': 9, 'threat': 1, 'crawler': 1},
    'bytes': {'cloudflare': 3340000, 'user': 2510000},
    'requests': {'cloudflare': 174, 'user': 154},
}
# zone_ips classes: CF-DOC r / s / t; c for crawlers as TXCF and RUBYCF send it.
IP_CLASSES = {'r': 'regular', 's': 'crawler', 'c': 'crawler', 't': 'threat'}
DEFAULT_VISITORS = [
    {'ip': '192.0.2.10', 'classification': 'regular', 'hits': 44, 'latitude': 37.76969909668,
     'longitude': -122.39330291748, 'hours_ago': 2},
    {'ip': '198.51.100.7', 'classification': 'crawler', 'hits': 21, 'latitude': 37.396099090576,
     'longitude': -121.96170043945, 'hours_ago': 5},
    {'ip': '203.0.113.66', 'classification': 'threat', 'hits': 8, 'latitude': 38, 'longitude': -97,
     'hours_ago': 30},
    {'ip': '2001:db8::5', 'classification': 'regular', 'hits': 4, 'latitude': 52.52, 'longitude': 13.405,
     'hours_ago': 47},
]
GRAB_SECONDS = 24 * 3600


def cname_clash(zone, name, one, other):
    """Whether two record types (one a CNAME) cannot share ``name``: anywhere, except that a
    flattened apex CNAME only excludes the address types."""
    if name == zone['zone_name']:
        return one in APEX_EXCLUSIVE and other in APEX_EXCLUSIVE
    return True


class ApiError(Exception):
    def __init__(self, msg, code='E_INVLDINPUT'):
        super().__init__(msg)
        self.msg = msg
        self.code = code


def _params(request):
    params = dict(request.query)
    if request.body:
        params.update(request.form() if request.content_type != 'application/json' else (request.json() or {}))
    return params


def _ip(value, name):
    """One IP address (wl/ban/nul ``key``, ip_lkup ``ip``): networks are not documented."""
    try:
        return str(ipaddress.ip_address((value or '').strip()))
    except ValueError:
        raise ApiError('Invalid IP address in %s: %r' % (name, value), 'E_INVLDINPUT')


def error(msg, code=None, act=None):
    body = {'result': 'error', 'msg': msg}
    if code:
        body['err_code'] = code
    if act:
        body['request'] = {'act': act}
    return json_response(body, 200)


class CloudflareApp(ProviderApp):
    name = 'cloudflare'
    prefix = '/cloudflare/api_json.html'
    routes = (
        (('POST', 'GET'), r'/?', 'api'),
    )

    def reset(self):
        self.users = dict(VALID_USERS)
        self.zones = collections.OrderedDict()
        self.purges = []
        self.calls = collections.defaultdict(collections.deque)
        self.rate_limit = RATE_LIMIT
        self.rate_window = RATE_WINDOW
        self.purge_failing = []
        self.rate_limited = 0
        self.next_zone = 1000
        self.next_record = 16606009
        self.ip_lists = collections.defaultdict(dict)
        self.ip_scores = {}
        self._add_zone(DEFAULT_ZONE)

    def seed(self, data):
        if data.get('replace'):
            self.zones = collections.OrderedDict()
        for user in data.get('users', []):
            self.users[user['email']] = user['tkn']
        for token in data.get('tokens', []):
            self.users.setdefault('admin@example.com', token)
        if data.get('rate_limit') is not None:
            self.rate_limit = int(data['rate_limit'])
        if data.get('rate_window') is not None:
            self.rate_window = float(data['rate_window'])
        self.purge_failing.extend(data.get('purge_failing', []))
        self.ip_scores.update(data.get('ip_scores') or {})
        for email, entries in (data.get('ip_lists') or {}).items():
            self.ip_lists[email].update(entries)
        created = []
        for spec in data.get('zones', []):
            zone = self.zones.get(spec['zone_name']) or self._add_zone(spec['zone_name'])
            for key, value in (spec.get('settings') or {}).items():
                zone['settings'][key] = value
            for key in ('pro', 'stats', 'visitors'):
                if key in spec:
                    zone[key] = spec[key]
            for rec in spec.get('records', []):
                self._new_record(zone, dict(rec))
            created.append(zone['zone_id'])
        return created

    def dump(self):
        return {'users': sorted(self.users),
                'zones': [dict(self._zone_obj(z), settings=self._settings_obj(z), records=list(z['records'].values()))
                          for z in self.zones.values()],
                'purges': self.purges, 'rate_limited': self.rate_limited,
                'ip_lists': dict((email, dict(entries)) for email, entries in self.ip_lists.items() if entries),
                'grabs': dict((z['zone_name'], list(z['grabs'])) for z in self.zones.values() if z['grabs'])}

    # classification, auth, errors

    def classify(self, request):
        request.mutating = _params(request).get('a') in WRITE_ACTIONS

    def authenticate(self, request):
        params = _params(request)
        email = params.get('email') or params.get('u')
        token = params.get('tkn')
        if not email or not token or self.users.get(email) != token:
            return error('Unknown token or email', 'E_UNAUTH')
        window = self.calls[email]
        now = self.now
        while window and window[0] <= now - self.rate_window:
            window.popleft()
        if len(window) >= self.rate_limit:
            # Refused calls do not count against the window (they did nothing).
            self.rate_limited += 1
            refused = error('You have exceeded your allowed number of API calls.', 'E_MAXAPI')
            refused.throttled = True
            return refused
        window.append(now)
        return None

    def not_found(self, request):
        return error('Invalid action', 'E_INVLDINPUT')

    def method_not_allowed(self, request):
        return error('Requests must be GET or POST', 'E_INVLDINPUT')

    # dispatch

    def api(self, request):
        params = _params(request)
        action = params.get('a')
        if not action:
            return error('No action specified', 'E_INVLDINPUT')
        handler = getattr(self, 'act_' + action, None)
        if handler is None:
            return error('Invalid action: %s' % action, 'E_INVLDINPUT')
        try:
            body = handler(params)
        except ApiError as exc:
            return error(exc.msg, exc.code, act=action if exc.code is None else None)
        body.setdefault('result', 'success')
        body.setdefault('msg', None)
        if action in ECHO_ACTIONS:
            echo = dict(params)
            echo['act'] = action
            body['request'] = echo
        return json_response(body)

    # state helpers

    def _add_zone(self, name):
        zid = str(self.next_zone)
        self.next_zone += 1
        zone = dict(zone_id=zid, zone_name=name, settings=dict(DEFAULT_SETTINGS), records=collections.OrderedDict(),
                    pro=False, stats=DEFAULT_STATS, visitors=DEFAULT_VISITORS, grabs=[], created=int(self.now) - 400 * 86400)
        self.zones[name] = zone
        return zone

    def _zone(self, params):
        name = params.get('z')
        if not name:
            raise ApiError('The parameter z (zone name) is required', 'E_INVLDINPUT')
        zone = self.zones.get(name.lower().rstrip('.'))
        if zone is None:
            raise ApiError('Invalid zone: %s' % name, 'E_INVLDINPUT')
        return zone

    def _devmode_expiry(self, zone):
        expiry = int(zone['settings'].get('dev_mode') or 0)
        if expiry and expiry <= self.now:
            zone['settings']['dev_mode'] = 0
            expiry = 0
        return expiry

    def _settings_obj(self, zone):
        self._devmode_expiry(zone)
        return dict(zone['settings'])

    def _zone_obj(self, zone):
        devmode = self._devmode_expiry(zone)
        name = zone['zone_name']
        return {
            'zone_id': zone['zone_id'], 'user_id': '1', 'zone_name': name, 'display_name': name,
            'zone_status': 'V', 'zone_mode': '1', 'host_id': None, 'zone_type': 'F',
            'host_pubname': None, 'host_website': None, 'vtxt': None,
            'fqdns': ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'], 'step': '4',
            'zone_status_class': 'status-dev-mode' if devmode else 'status-active',
            'zone_status_desc': 'CloudFlare powered, this website will be accelerated and protected',
            'ns_vanity_map': [], 'orig_registrar': None, 'orig_dnshost': None, 'orig_ns_names': None,
            'props': {'dns_cname': 0, 'dns_partner': 0, 'dns_anon_partner': 0, 'pro': 1 if zone['pro'] else 0, 'expired_pro': 0,
                      'pro_sub': 0, 'ssl': 0, 'expired_ssl': 0, 'expired_rs_pro': 0, 'reseller_pro': 0,
                      'force_interal': 0, 'ssl_needed': 0, 'alexa_rank': 0},
            'confirm_code': {'zone_deactivate': 'sim', 'zone_dev_mode1': 'sim'},
            'allow': ['cf_dns_zone', 'cf_zone_delete', 'cf_zone_settings'],
        }

    @staticmethod
    def _value(params, choices):
        value = params.get('v')
        if value is None or value == '':
            raise ApiError('The parameter v is required', 'E_INVLDINPUT')
        if value not in choices:
            raise ApiError('Invalid value %r for v; allowed: %s' % (value, ', '.join(choices)), 'E_INVLDINPUT')
        return value

    def _zone_answer(self, zone, **extra):
        response = dict(extra)
        response['zone'] = {'obj': self._zone_obj(zone)}
        return {'response': response}

    # zone actions

    def act_zone_load_multi(self, params):
        objs = [self._zone_obj(z) for z in self.zones.values()]
        return {'response': {'zones': {'has_more': False, 'count': len(objs), 'objs': objs}}}

    def act_zone_settings(self, params):
        zone = self._zone(params)
        return {'response': {'result': {'objs': [self._settings_obj(zone)]}}}

    def act_zone_check(self, params):
        names = [n.strip() for n in (params.get('zones') or '').split(',') if n.strip()]
        return {'response': {'zones': dict((n, int(self.zones[n]['zone_id']) if n in self.zones else 0) for n in names)}}

    def act_sec_lvl(self, params):
        zone = self._zone(params)
        value = self._value(params, ('help', 'high', 'med', 'low', 'eoff'))
        zone['settings']['sec_lvl'] = value
        zone['settings']['userSecuritySetting'] = SEC_LABELS[value]
        return self._zone_answer(zone)

    def act_cache_lvl(self, params):
        zone = self._zone(params)
        zone['settings']['cache_lvl'] = self._value(params, ('agg', 'basic', 'iqs'))
        return self._zone_answer(zone)

    def act_devmode(self, params):
        zone = self._zone(params)
        value = self._value(params, ('0', '1'))
        expiry = int(self.now) + DEVMODE_SECONDS if value == '1' else 0
        zone['settings']['dev_mode'] = expiry
        return self._zone_answer(zone, expires_on=expiry)

    def act_ipv46(self, params):
        zone = self._zone(params)
        value = self._value(params, ('0', '1', '3'))
        zone['settings']['ipv46'] = '0' if value == '0' else '3'
        return self._zone_answer(zone)

    def act_async(self, params):
        zone = self._zone(params)
        zone['settings']['async'] = self._value(params, ('0', 'a', 'm'))
        return {}

    def act_minify(self, params):
        zone = self._zone(params)
        zone['settings']['minify'] = self._value(params, tuple(str(n) for n in range(8)))
        return {}

    def act_mirage2(self, params):
        zone = self._zone(params)
        value = self._value(params, ('0', '1'))
        img = int(zone['settings'].get('img') or 0)
        img = (img - img % 2) + (1 if value == '1' else 0)
        zone['settings']['img'] = str(img)
        return {}

    def act_fpurge_ts(self, params):
        zone = self._zone(params)
        self._value(params, ('1',))
        stamp = int(self.now)
        zone['settings']['fpurge_ts'] = stamp
        self.purges.append({'zone': zone['zone_name'], 'all': True, 'time': stamp})
        body = self._zone_answer(zone, fpurge_ts=stamp)
        body['attributes'] = {'cooldown': 20}
        return body

    def act_zone_file_purge(self, params):
        zone = self._zone(params)
        url = params.get('url') or ''
        if '://' not in url:
            raise ApiError('The parameter url must be a full URL', 'E_INVLDINPUT')
        host = url.split('://', 1)[1].split('/', 1)[0].split(':', 1)[0].lower()
        if host != zone['zone_name'] and not host.endswith('.' + zone['zone_name']):
            raise ApiError('The URL %s is not in the zone %s' % (url, zone['zone_name']), 'E_INVLDINPUT')
        if any(part in url for part in self.purge_failing):
            # The test hook for a failed purge: an error envelope without err_code.
            raise ApiError('Unable to purge %s from the cache.' % url, None)
        self.purges.append({'zone': zone['zone_name'], 'url': url, 'time': int(self.now)})
        return {'response': {'vtxt_match': None, 'url': url}}

    # statistics, visitors, threat scores, snapshots, IP lists

    def act_stats(self, params):
        zone = self._zone(params)
        raw = params.get('interval')
        if raw in (None, ''):
            raise ApiError('The parameter interval is required', 'E_INVLDINPUT')
        code = int(raw) if str(raw).isdigit() else None
        if code not in STATS_INTERVALS:
            raise ApiError('Invalid interval %r; allowed: %s' % (raw, ', '.join(str(c) for c in sorted(STATS_INTERVALS))),
                           'E_INVLDINPUT')
        hours, lag, pro_only = STATS_INTERVALS[code]
        if pro_only and not zone['pro']:
            raise ApiError('The interval %d is only available to Pro zones' % code, 'E_INVLDINPUT')
        now = int(self.now)
        end = now - lag * 3600
        rates = zone['stats']

        def scaled(group, keys):
            return dict((k, int((rates.get(group) or {}).get(k, 0)) * hours) for k in keys)
        served = scaled('bytes', ('cloudflare', 'user'))
        settings = self._settings_obj(zone)
        obj = {
            'cachedServerTime': now * 1000, 'cachedExpryTime': (now + 12 * 3600) * 1000,
            'trafficBreakdown': {'pageviews': scaled('pageviews', ('regular', 'threat', 'crawler')),
                                 'uniques': scaled('uniques', ('regular', 'threat', 'crawler'))},
            # KiB, as floats (CF-DOC's sample 78278.706054688 is 80157395 bytes / 1024).
            'bandwidthServed': dict((k, v / 1024.0) for k, v in served.items()),
            'requestsServed': scaled('requests', ('cloudflare', 'user')),
            'pro_zone': bool(zone['pro']), 'pageLoadTime': None, 'currentServerTime': now * 1000,
            'interval': code, 'zoneCDate': zone['created'] * 1000,
            'userSecuritySetting': settings['userSecuritySetting'], 'dev_mode': settings['dev_mode'],
            'ipv46': int(settings['ipv46']), 'ob': int(settings['ob']), 'cache_lvl': settings['cache_lvl'],
        }
        return {'response': {'result': {'timeZero': (end - hours * 3600) * 1000, 'timeEnd': end * 1000,
                                        'count': 1, 'has_more': False, 'objs': [obj]}}}

    def act_zone_ips(self, params):
        zone = self._zone(params)
        hours = params.get('hours') or '24'
        if not str(hours).isdigit() or not 1 <= int(hours) <= 48:
            raise ApiError('Invalid hours %r: default is 24, maximum is 48' % hours, 'E_INVLDINPUT')
        wanted = params.get('class')
        if wanted not in (None, '') and wanted not in IP_CLASSES:
            raise ApiError('Invalid class %r; allowed: r, s, t' % wanted, 'E_INVLDINPUT')
        geo = params.get('geo') == '1'
        ips = []
        for visitor in zone['visitors']:
            if visitor.get('hours_ago', 0) > int(hours):
                continue
            if wanted and visitor['classification'] != IP_CLASSES[wanted]:
                continue
            entry = {'ip': visitor['ip'], 'classification': visitor['classification'], 'hits': visitor['hits']}
            if geo:
                entry.update(latitude=visitor.get('latitude'), longitude=visitor.get('longitude'))
            entry['zone_name'] = zone['zone_name']
            ips.append(entry)
        return {'response': {'ips': ips}}

    def act_ip_lkup(self, params):
        ip = _ip(params.get('ip'), 'ip')
        return {'response': {ip: self.ip_scores.get(ip, 'BAD:0')}}

    def act_zone_grab(self, params):
        zid = str(params.get('zid') or '')
        if not zid:
            raise ApiError('The parameter zid is required', 'E_INVLDINPUT')
        zone = next((z for z in self.zones.values() if z['zone_id'] == zid), None)
        if zone is None:
            raise ApiError('Invalid zone id: %s' % zid, 'E_INVLDINPUT')
        now = int(self.now)
        if zone['grabs'] and now - zone['grabs'][-1] < GRAB_SECONDS:
            raise ApiError('zone_grab can only be used once per day for %s' % zone['zone_name'], 'E_MAXAPI')
        zone['grabs'].append(now)
        return {}

    def _ip_list(self, params, action):
        ip = _ip(params.get('key'), 'key')
        lists = self.ip_lists[params.get('email') or params.get('u')]
        if action == 'NUL':
            lists.pop(ip, None)
        else:
            lists[ip] = action
        return {'response': {'result': {'ip': ip, 'action': action}}}

    def act_wl(self, params):
        return self._ip_list(params, 'WL')

    def act_ban(self, params):
        return self._ip_list(params, 'BAN')

    def act_nul(self, params):
        return self._ip_list(params, 'NUL')

    # DNS records

    def _fqdn(self, zone, name):
        name = (name or '').strip().rstrip('.').lower()
        apex = zone['zone_name']
        if not name:
            raise ApiError('The parameter name is required', 'E_INVLDINPUT')
        if name in ('@', apex):
            return apex
        if name.endswith('.' + apex):
            return name
        return '%s.%s' % (name, apex)

    def _record_fields(self, zone, params, current=None):
        rtype = (params.get('type') or '').upper()
        if rtype not in RECORD_TYPES:
            raise ApiError('Invalid record type %r; allowed: %s' % (params.get('type'), ', '.join(RECORD_TYPES)),
                           'E_INVLDINPUT')
        if rtype == 'SRV':
            for key in ('service', 'srvname', 'protocol', 'weight', 'port', 'target'):
                if not params.get(key):
                    raise ApiError('The parameter %s is required for SRV records' % key, 'E_INVLDINPUT')
            if params['protocol'] not in ('_tcp', '_udp', '_tls'):
                raise ApiError('Invalid protocol; allowed: _tcp, _udp, _tls', 'E_INVLDINPUT')
            name = self._fqdn(zone, '%s.%s.%s' % (params['service'], params['protocol'], params['srvname']))
            content = '%s\t%s\t%s' % (params['weight'], params['port'], params['target'])
        else:
            name = self._fqdn(zone, params.get('name'))
            content = params.get('content')
            if not content:
                raise ApiError('The parameter content is required', 'E_INVLDINPUT')
        try:
            if rtype == 'A':
                ipaddress.IPv4Address(content)
            elif rtype == 'AAAA':
                content = str(ipaddress.IPv6Address(content))
        except ValueError:
            raise ApiError('Invalid content for a %s record: %s' % (rtype, content), 'E_INVLDINPUT')
        ttl = params.get('ttl')
        if ttl in (None, ''):
            ttl = current['ttl'] if current else '1'
        if not str(ttl).isdigit() or not (int(ttl) == 1 or 120 <= int(ttl) <= 86400):
            raise ApiError('Invalid TTL: 1 = Automatic, otherwise between 120 and 86400 seconds', 'E_INVLDINPUT')
        prio = params.get('prio')
        if rtype in ('MX', 'SRV'):
            if prio in (None, ''):
                raise ApiError('The parameter prio is required for %s records' % rtype, 'E_INVLDINPUT')
            if not str(prio).isdigit():
                raise ApiError('Invalid prio: %s' % prio, 'E_INVLDINPUT')
            prio = int(prio)
        else:
            prio = None
        mode = params.get('service_mode')
        if mode in (None, ''):
            mode = current['service_mode'] if current and current['type'] in PROXIABLE else ('1' if rtype in PROXIABLE else '0')
        if mode not in ('0', '1'):
            raise ApiError('Invalid service_mode: %s' % mode, 'E_INVLDINPUT')
        if rtype not in PROXIABLE:
            mode = '0'
        return dict(type=rtype, name=name, content=content, ttl=str(int(ttl)), prio=prio, service_mode=mode)

    def _render_record(self, zone, rec_id, fields):
        apex = zone['zone_name']
        name = fields['name']
        return {
            'rec_id': rec_id,
            'rec_tag': hashlib.md5(('%s:%s' % (apex, rec_id)).encode()).hexdigest(),
            'zone_name': apex, 'name': name,
            'display_name': apex if name == apex else name[:-len(apex) - 1],
            'type': fields['type'], 'prio': fields['prio'], 'content': fields['content'],
            'display_content': fields['content'], 'ttl': fields['ttl'], 'ttl_ceil': 86400,
            'ssl_id': None, 'ssl_status': None, 'ssl_expires_on': None,
            'auto_ttl': 1 if fields['ttl'] == '1' else 0, 'service_mode': fields['service_mode'],
            'props': {'proxiable': 1 if fields['type'] in PROXIABLE else 0,
                      'cloud_on': int(fields['service_mode']), 'cf_open': 1, 'ssl': 0,
                      'expired_ssl': 0, 'expiring_ssl': 0, 'pending_ssl': 0},
        }

    def _new_record(self, zone, params):
        fields = self._record_fields(zone, params)
        for rec in zone['records'].values():
            if (rec['type'], rec['name'], rec['content']) == (fields['type'], fields['name'], fields['content']):
                raise ApiError('The record already exists.', 'E_INVLDINPUT')
            if rec['name'] == fields['name'] and 'CNAME' in (rec['type'], fields['type']) and \
                    cname_clash(zone, fields['name'], rec['type'], fields['type']):
                raise ApiError('A CNAME record cannot share its name with another record.', 'E_INVLDINPUT')
        rec_id = str(self.next_record)
        self.next_record += 1
        record = self._render_record(zone, rec_id, fields)
        zone['records'][rec_id] = record
        return record

    def _record(self, zone, params):
        rec_id = str(params.get('id') or '')
        record = zone['records'].get(rec_id)
        if record is None:
            raise ApiError('Invalid record id.', None)
        return record

    def act_rec_load_all(self, params):
        zone = self._zone(params)
        offset = params.get('o') or '0'
        if not str(offset).isdigit():
            raise ApiError('Invalid offset o: %s' % offset, 'E_INVLDINPUT')
        records = list(zone['records'].values())
        page = records[int(offset):int(offset) + PAGE]
        return {'response': {'recs': {'has_more': int(offset) + len(page) < len(records),
                                      'count': len(page), 'objs': page}}}

    def act_rec_new(self, params):
        zone = self._zone(params)
        return {'response': {'rec': {'obj': self._new_record(zone, params)}}}

    def act_rec_edit(self, params):
        zone = self._zone(params)
        record = self._record(zone, params)
        required = ('type', 'ttl') if (params.get('type') or '').upper() == 'SRV' else ('type', 'name', 'content', 'ttl')
        for key in required:
            if params.get(key) in (None, ''):
                raise ApiError('The parameter %s is required' % key, 'E_INVLDINPUT')
        fields = self._record_fields(zone, params, current=record)
        updated = self._render_record(zone, record['rec_id'], fields)
        zone['records'][record['rec_id']] = updated
        return {'response': {'rec': {'obj': updated}}}

    def act_rec_delete(self, params):
        zone = self._zone(params)
        record = self._record(zone, params)
        del zone['records'][record['rec_id']]
        return {}


APP = CloudflareApp
