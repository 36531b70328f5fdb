"""UCDN API v3 zones and purge jobs, from the "UCDN API v3" documentation
(https://api.ucdn.com/docs/; "the API document" below), its sections ("Fetch all zones" ..
"Delete a zone", "Purge files" .. "Delete a purge job"), plus certificates,
storages, reports ("Usage report" .. "Status codes": see the comment above
SLOT) and accounts ("Check user credentials" .. "Fetch subaccounts list": see
_AccountMixin).

Behaviour notes (where the API document is silent, the project's decisions are in
docs/providers/ucdn.md, "Decisions where the API document is silent"):
- Auth: the token as query parameter ``token`` or header ``X-UCDN-Token``.
  The API document shows no error body for a bad token; the only documented
  authentication failure is "401 string Invalid login credentials" ("Check user credentials").
  Choice: 401 {"message": "Invalid login credentials"} (missing token: 401
  {"message": "Missing authentication token"}). Error bodies use the
  {"message": ...} key of the documented success messages (a decision of this project: the document
  never shows an error body).
- Paths: ``zones`` (list, ``?count`` helper), ``zone`` (POST), ``zone/{id}``
  (GET, PUT, PATCH, DELETE); trailing slash optional, as in the API document's examples.
- Bodies: JSON or form encoded; "Content-Type header in the request is required"
  for POST/PUT/PATCH (400 otherwise).
- Answers keep the types of the API document's examples ("Fetch all zones",
  "Fetch a zone"): "id", "is_active", "create_ts", "update_ts" are strings;
  expiration and cache_reuse_from ints or null; empty objects are [] in the
  list but error_pages is {} in a single GET, which alone has ssl_type.
- Validation failures answer 532 {"message": ...}: the only failure status the
  create/PUT/PATCH tables document ("532 json An error message").
- Delete answers 406 when another zone reuses this zone's cache ("Delete a zone" lists
  406 "Fail message" without saying when).
- Every write makes reconfig_status "reconfiguring"; it turns "ready"
  RECONFIG_DELAY simulated seconds later.
- PATCH helpers are JSON body keys with a true value (a decision of this project: the document
  does not say how helpers are sent); the sim
  applies the helpers first, then the fields of the same body.
- The security token: hash_secret "valid url query string" (RFC 3986 query
  characters here, else 532), hash_algorithm md5 or sha1, hash_ttl an integer
  >= 0 (0 stored as null, like expiration). clear_security_token ("Unset the
  security token") nulls all three: they describe one token ("used in
  conjuction with hash_algorithm and hash_ttl"). hash_secret is echoed back as
  stored ("hash_secret string Security token's secret key" is a field of
  "Fetch a zone"): the client must mask it.
- Shapes the API document never shows non-empty (chosen here, read liberally by the
  adapter): geo_filter {"allow": [...], "deny": [...]}, limit_rate
  {"global": "20k"} or {"security": "on"}, error_pages {"404": url}.
- Upstream auth is echoed back as stored, secrets included (the pessimistic
  reading: the client must redact).

Purge jobs:
- POST purge/zone/{id}/ takes {"files": "a\nb"} (a string, one file a line; a
  JSON list is refused with 532 like any malformed parameter). Each file is a
  path or an http(s) URL on one of the zone's custom domains or its cdn_domain
  ("You can use either http://example.com/dir/file.txt or /dir/file.txt").
  Answers 200 {"message": "Purge request received", "job_id": <32 hex>} as the
  "Purge files" example does (its table says 204; clients accept both).
- A job is "waiting" for PURGE_WAIT simulated seconds, "running" until
  PURGE_RUN, then "finished" -- or "failed" when one of its paths contains a
  string from seed data "purge_failing" (a test hook). Job "files" are echoed as
  http URLs on the zone's cdn_domain, like the examples of "View purge job" and "List purge jobs".
- GET purge/ lists the newest jobs first: ?status= one of the four states,
  without it waiting, running and failed only ("List purge jobs"); ?count 1..500, default 20.
- GET purge/job/{id}/; DELETE purge/job/{id}/ only for waiting or finished jobs
  ("Delete a purge job"), else 532 {"message": ...}; unknown jobs 404.

Certificates (API document "List all certificates" .. "Delete certificate"):
- GET certificates, GET/DELETE certificate/{id}, POST certificate/ with
  certificate, key and optional ca_bundle (PEM). Ids are ints; "fingerprint" is
  the SHA-1 of the uploaded certificate's DER (lower-case hex, as the example);
  "hostname" is the certificate's common name, else its first DNS name (the
  upload takes no host name). Unknown ids: 404 {"message": "certificate did not
  exists"} (the words of "Single certificate information" and "Delete certificate").
- Upload failures answer 409, the only error "Upload certificate" lists ("409 string
  Error message"), with {"message": ...}: bad PEM, a key that is not RSA ("We
  support only base64 encoded RSA keys"), a key that does not match, and a
  certificate already uploaded (same fingerprint). Both PKCS#1 ("BEGIN RSA
  PRIVATE KEY", the "Upload certificate" example) and PKCS#8 RSA keys are taken.
- "UCDN ssl servers will start to use this certificate for this hostname":
  several certificates may exist for one host name (rotation uploads the new
  one before deleting the old one); a custom domain is served with the
  certificate for exactly its name, else a wildcard one (one label), the newest
  upload first. A zone uses uploaded certificates only with ssl_type "own" (the
  default; seeded zones may say "shared", where "custom_domains ... does not
  have any effect", "Create a new zone"). used_in_zones lists {zone_id (int), domain, cdn_domain}
  for every custom domain a certificate serves. dump()["ssl_history"] records
  what every own-SSL custom domain is served with after each certificate write.
- POST letsencrypt/{zone_id} (API document "Add Letsencrypt for zone"): 202 when it
  starts a request for a custom domain of the zone that has no certificate in
  use and no request yet, 200 {"message": "Nothing changed"} when every custom
  domain has one or the other (the API document does not say whether a domain with an
  uploaded certificate gets a request; choice: it does not, an upload is never
  overridden), 400 for an unknown zone or a zone without custom domains. ACME_DELAY
  simulated seconds later the request is issued as a certificate (EC key,
  issuer "CN=Sim Let's Encrypt") that appears in the certificate list.

Storages (API document "Create storage" .. "Remove storage"):
- POST storage {name, region}: name "At least 3 characters long", region
  "europe" or "north-america"; otherwise 532 {"message": ...} (the table's
  "532 json Error message"). Answers 200 {"message": "Storage Created", "id": N}
  as the example does. The API document does not say whether names are unique; choice:
  a second storage with the same name (a swift container) is refused with 532.
- GET storages, GET storage/{id}: id (int), container, ftp_host
  "<region>.upload.cdn13.com", ftp_user "1000121.1000121" (the examples'),
  ftp_password (the region's: rotation changes every storage of a region),
  region, synchronized_with_storage null. Unknown ids: 404 {"message": "No
  active storage found"}.
- GET storage/{id}/size: {"bytes", "objects"}; seed data sets them (a test hook,
  the API has no upload call).
- DELETE storage/{id}: "it must be empty and there must be no cache zone using
  it as its origin" ("Remove storage"); the API document does not say how a refusal answers; choice: 532
  {"message": ...} naming the reason (and the zones).
- PATCH storages {region, action: "change_ftp_password"}: 200 {"new_ftp_password":
  ...} (the example has no message); a missing parameter 409 ("Insufficient
  parameters"), an unknown region or action 400 ("Something wrong with the
  request"), both as {"message": ...}.
- A zone's storage_id ("If this zone uses UCDN Storage as its origin, this is
  the ID of this storage"): "Create storage" says to see the zone calls "for details on
  how to use particular UCDN storage" but they list no such parameter. Choice
  (an inference): POST/PUT/PATCH zone take ``storage_id`` in place of
  ``upstream``; with it the zone's upstream is null, and an upstream sent later
  sets storage_id back to null. Sending both, or an unknown storage id, is 532.
  Seed data may set a zone's storage_id directly.
"""

import datetime
import hashlib
import json
import re
from urllib.parse import urlsplit

from ..core import ProviderApp, json_response

RECONFIG_DELAY = 20.0
PURGE_WAIT = 2.0
PURGE_RUN = 10.0
PURGE_STATES = ('waiting', 'running', 'finished', 'failed')
ACME_DELAY = 60.0
STORAGE_REGIONS = ('europe', 'north-america')
USER_ID = 121
VALID_TOKENS = ('sim-token',)
HOST_RE = re.compile(r'^(\*\.)?([a-z0-9_]([a-z0-9-_]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')
RATE_RE = re.compile(r'^[1-9][0-9]*[kKmM]?$')
# hash_secret "valid url query string" (UCDN API v3 "Create a new zone"): RFC 3986 query characters.
QUERY_RE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$")
ZONE_FIELDS = ('upstream', 'custom_domains', 'error_pages', 'referers', 'geo_filter_allow', 'geo_filter_deny',
               'limit_rate_global', 'limit_rate_security', 'hash_secret', 'hash_algorithm', 'hash_ttl',
               'cache_reuse_from', 'expiration', 'storage_id')
HELPERS = ('enable', 'disable', 'clear_security_token', 'clear_geo_filters', 'clear_limit_rates',
           'clear_origins_auth', 'clear_referers', 'clear_referer_filter_rules', 'clear_custom_domains',
           'clear_origins_header', 'clear_reuse_cache')
AUTH_KEYS = {
    'none': (),
    'http_basic': ('username', 'password'),
    'aws_signing_key': ('access_key', 'key_scope', 'signing_key'),
    'aws_secret_key': ('access_key', 'secret_key'),
}


class Invalid(Exception):
    pass


def _list(value):
    """A "string array": a JSON list or "a,b,c"."""
    if value is None or value == '':
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(',') if v.strip()]
    if isinstance(value, list):
        return value
    raise Invalid('must be an array')


def _truthy(value):
    return value is True or str(value).lower() in ('1', 'true', 'yes', 'on')


def _int_or_null(name, value):
    if value is None or value == '':
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid('%s must be an integer' % name)
    if number < 0:
        raise Invalid('%s must be a positive integer' % name)
    return number or None


class _StorageMixin:
    """Storage handlers (UCDN API v3 "Create storage" .. "Remove storage"); see the module docstring."""

    def _new_storage(self, name, region):
        storage = dict(id=self.next_storage, container=name, region=region, bytes=0, objects=0)
        self.next_storage += 1
        self.storages[storage['id']] = storage
        return storage

    def _render_storage(self, storage):
        return dict(id=storage['id'], container=storage['container'],
                    ftp_host='%s.upload.cdn13.com' % storage['region'], ftp_user='1000121.1000121',
                    ftp_password=self.ftp_passwords[storage['region']], region=storage['region'],
                    synchronized_with_storage=None)

    def _storage(self, sid):
        try:
            return self.storages.get(int(str(sid).strip('/')))
        except ValueError:
            return None

    def list_storages(self, request):
        return json_response([self._render_storage(s) for s in self.storages.values()])

    def get_storage(self, request, sid):
        storage = self._storage(sid)
        if storage is None:
            return json_response({'message': 'No active storage found'}, 404)
        return json_response(self._render_storage(storage))

    def storage_size(self, request, sid):
        storage = self._storage(sid)
        if storage is None:
            return json_response({'message': 'No active storage found'}, 404)
        return json_response({'bytes': storage['bytes'], 'objects': storage['objects']})

    def create_storage(self, request):
        data, error = self._body(request)
        if error:
            return error
        name = str(data.get('name') or '')
        region = data.get('region')
        if len(name) < 3:
            return self.fail('name must be at least 3 characters long')
        if region not in STORAGE_REGIONS:
            return self.fail('region must be "europe" or "north-america"')
        if any(s['container'] == name for s in self.storages.values()):
            return self.fail('storage %s already exists' % name)
        storage = self._new_storage(name, region)
        return json_response({'message': 'Storage Created', 'id': storage['id']})

    def delete_storage(self, request, sid):
        storage = self._storage(sid)
        if storage is None:
            return json_response({'message': 'No active storage found'}, 404)
        # "it must be empty and there must be no cache zone using it as its origin"
        users = [z['id'] for z in self.zones.values() if str(z.get('storage_id')) == str(storage['id'])]
        if users:
            return self.fail('Storage %s is the origin of zone %s' % (storage['id'], ', '.join(users)))
        if storage['bytes'] or storage['objects']:
            return self.fail('Storage %s is not empty' % storage['id'])
        del self.storages[storage['id']]
        return json_response({'message': 'Storage was deleted'})

    def reconfigure_storages(self, request):
        data, error = self._body(request)
        if error:
            return error
        if not data.get('region') or not data.get('action'):
            return json_response({'message': 'Insufficient parameters'}, 409)
        if data['region'] not in STORAGE_REGIONS or data['action'] != 'change_ftp_password':
            return json_response({'message': 'Something wrong with the request'}, 400)
        self.rotations += 1
        password = hashlib.sha1(('rotation-%d' % self.rotations).encode('ascii')).hexdigest()[:18]
        # "all storages in the region will have their FTP passwords changed"
        self.ftp_passwords[data['region']] = password
        return json_response({'new_ftp_password': password})


# Reports (UCDN API v3 "Usage report" .. "Status codes"). Traffic is made up but
# deterministic: every 5-minute slot of an active zone has hits and bytes derived
# from the zone id and the slot (see _traffic); a longer slot is the sum of its
# 5-minute slots, and a slot that starts after "now" is 0, like the zeros at the
# end of the API document's report examples. Storages report the sum of the account's storage
# sizes (seed data) for every past hour.
SLOT = 300
BY_SECONDS = {'5min': 300, 'hour': 3600, 'day': 86400}
# Country shares of a zone's traffic, in percent (the last one takes the remainder).
COUNTRY_SHARES = (('US', 40), ('DE', 25), ('GB', 15), ('JP', 12), ('BR', 8))
# Status code shares of hits, in percent.
CODE_SHARES = (('200', 88), ('304', 7), ('404', 4), ('500', 1))
# Share of the traffic per report variant: (numerator, denominator).
VARIANTS = {'': (1, 1), 'ssl': (3, 5), 'http2': (1, 4)}
MAX_ELEMENTS = 50000
TIME_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}))?(?:\s*GMT(?:([+\- ])(\d{1,2})(?::?(\d{2}))?)?)?$')
DATE_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')


def _split(total, shares):
    """``total`` split by percent shares; the last share takes the remainder so the parts add up."""
    parts = []
    left = total
    for index, (label, share) in enumerate(shares):
        part = left if index == len(shares) - 1 else total * share // 100
        parts.append((label, part))
        left -= part
    return parts


def _traffic(zone_id, slot):
    """(hits, bytes) of one zone in the 5-minute slot starting at ``slot``."""
    hits = 50 + (zone_id * 7919 + (slot // SLOT) * 104729) % 997
    return hits, hits * (20000 + zone_id * 1000)


def _parse_time(text, default):
    """A report's from/to: "YYYY-MM-DD HH:mm with optional timezone parameter or a
    Unix timestamp" (e.g. 2014-03-12 15:32 GMT+3). Without a time zone the sim
    takes GMT (the API document does not say; "Usage report" says "GMT date"). A '+'
    that arrives as a space (unencoded query) still counts as '+'."""
    if text is None or str(text).strip() == '':
        return default
    text = str(text).strip()
    if re.match(r'^\d+$', text):
        return int(text)
    match = TIME_RE.match(text)
    if not match:
        raise Invalid('%s is not YYYY-MM-DD HH:mm [GMT+N] or a Unix timestamp' % text)
    year, month, day, hour, minute, sign, off_h, off_m = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                                   tzinfo=datetime.timezone.utc)
    except ValueError:
        raise Invalid('%s is not a valid date' % text)
    offset = (int(off_h or 0) * 60 + int(off_m or 0)) * 60
    if sign == '-':
        offset = -offset
    return int(moment.timestamp()) - offset


def _parse_usage_date(text, default):
    """The usage report's date_from/date_to: "GMT date in format YYYY-MM-DD or a Unix timestamp"."""
    if text is None or str(text).strip() == '':
        return default
    text = str(text).strip()
    if re.match(r'^\d+$', text):
        return int(text)
    match = DATE_RE.match(text)
    if not match:
        raise Invalid('%s is not a GMT date in format YYYY-MM-DD or a Unix timestamp' % text)
    try:
        return int(datetime.datetime(*[int(g) for g in match.groups()], tzinfo=datetime.timezone.utc).timestamp())
    except ValueError:
        raise Invalid('%s is not a valid date' % text)


class _ReportsMixin:
    """Report handlers; see the comment above SLOT."""

    def _period(self, request, usage=False):
        now = int(self.now)
        if usage:
            start = _parse_usage_date(request.query.get('date_from'), now - 86400)
            end = _parse_usage_date(request.query.get('date_to'), now)
        else:
            start = _parse_time(request.query.get('from'), now - 86400)
            end = _parse_time(request.query.get('to'), now)
        if start >= end:
            raise Invalid('the start of the period must be before its end')
        return start, end

    def _report_zones(self, request):
        """Zone ids of ?zones=1,2,3 (all zones without it), as ints."""
        text = request.query.get('zones')
        if text is None or text.strip() == '':
            return [int(z) for z in self.zones]
        ids = []
        for item in text.split(','):
            item = item.strip()
            if not item.isdigit() or item not in self.zones:
                raise Invalid('zones: %s is not a zone of this account' % item)
            ids.append(int(item))
        return ids

    def _by(self, request, allowed=('5min', 'hour', 'day')):
        by = request.query.get('by') or 'hour'
        if by not in allowed:
            raise Invalid('by must be one of: %s' % ', '.join(allowed))
        return BY_SECONDS[by]

    def _slot_starts(self, start, end, step):
        first = start - start % step
        if (end - first) // step > MAX_ELEMENTS:
            raise Invalid('the period holds too many time slots; use a larger "by"')
        return list(range(first, end, step))

    def _sum(self, zone_ids, begin, end, pick):
        """Sum of pick(hits, bytes) over the active zones' 5-minute slots in [begin, end) up to now."""
        stop = min(end, int(self.now))
        total = 0
        active = [z for z in zone_ids if self.zones[str(z)]['is_active'] == '1']
        for slot in range(begin - begin % SLOT, stop, SLOT):
            for zone_id in active:
                total += pick(*_traffic(zone_id, slot))
        return total

    def _report(self, request, compute, usage=False, by=True, zones=True):
        try:
            start, end = self._period(request, usage)
            zone_ids = self._report_zones(request) if zones else []
            step = self._by(request) if by is True else by
            return compute(start, end, step, zone_ids)
        except Invalid as exc:
            return self.fail(str(exc), 400)

    def usage_report(self, request, zid=None):
        zone_ids = None
        if zid not in (None, '', '0'):
            if str(zid) not in self.zones:
                return json_response({'message': 'Zone %s not found' % zid}, 404)
            zone_ids = [int(zid)]

        def compute(start, end, _step, all_ids):
            ids = zone_ids if zone_ids is not None else all_ids
            return json_response({'hits': self._sum(ids, start, end, lambda h, b: h),
                                  'bytes_served': self._sum(ids, start, end, lambda h, b: b)})
        return self._report(request, compute, usage=True, by=SLOT)

    def _series_report(self, what, variant):
        num, den = VARIANTS[variant]
        index = 0 if what == 'hits' else 1

        def compute(start, end, step, zone_ids):
            elements = [[t, self._sum(zone_ids, t, t + step, lambda h, b: (h, b)[index] * num // den)]
                        for t in self._slot_starts(start, end, step)]
            # The "Hits SSL" and "Hits via HTTP2" examples (UCDN API v3) say "bytes served in this time slot" too.
            label = 'hits' if what == 'hits' and not variant else 'bytes served in this time slot'
            return json_response({'element_description': ['unix timestamp of the time slot start', label],
                                  'element_duration': step, 'elements': elements})
        return compute

    def bytes_report(self, request):
        return self._report(request, self._series_report('bytes', ''))

    def bytes_http2_report(self, request):
        return self._report(request, self._series_report('bytes', 'http2'))

    def hits_http2_report(self, request):
        return self._report(request, self._series_report('hits', 'http2'))

    def bytes_ssl_report(self, request):
        return self._report(request, self._series_report('bytes', 'ssl'))

    def hits_report(self, request):
        return self._report(request, self._series_report('hits', ''))

    def hits_ssl_report(self, request):
        return self._report(request, self._series_report('hits', 'ssl'))

    def countries_report(self, request):
        wanted = request.query.get('countries')
        codes = [c.strip().upper() for c in (wanted or '').split(',') if c.strip()]
        if any(not re.match(r'^[A-Z]{2}$', c) for c in codes):
            return self.fail('countries must be ISO 3166-1 country codes separated by commas', 400)

        def compute(start, end, step, zone_ids):
            elements = dict((c, []) for c, _share in COUNTRY_SHARES if not codes or c in codes)
            for t in self._slot_starts(start, end, step):
                hits = dict(_split(self._sum(zone_ids, t, t + step, lambda h, b: h), COUNTRY_SHARES))
                sent = dict(_split(self._sum(zone_ids, t, t + step, lambda h, b: b), COUNTRY_SHARES))
                for code in elements:
                    elements[code].append([t, hits[code], sent[code]])
            # The "Countries" example (UCDN API v3): hourly slots, yet element_duration 86400 (kept as shown).
            return json_response({'element_description': ['unix timestamp of the time slot start',
                                                          'hits from this country', 'bytes served to this country'],
                                  'element_duration': 86400, 'elements': elements})
        # No "by" parameter is documented: hourly slots, as the example shows.
        return self._report(request, compute, by=3600)

    def status_codes_report(self, request):
        code = request.query.get('code')
        if code not in (None, '') and not (code.isdigit() and 100 <= int(code) <= 599):
            return self.fail('code must be a HTTP status code between 100 and 599', 400)

        def compute(start, end, step, zone_ids):
            shown = [code] if code else [c for c, _share in CODE_SHARES]
            elements = dict((c, []) for c in shown)
            for t in self._slot_starts(start, end, step):
                total = self._sum(zone_ids, t, t + step, lambda h, b: h)
                hits = dict(_split(total, CODE_SHARES))
                for item in shown:
                    value = hits.get(item, 0)
                    elements[item].append([t, value, round(100.0 * value / total, 2) if total else 0])
            return json_response({'element_description': ['unix timestamp of the time slot start', 'hits',
                                                          'percents of all'],
                                  'element_duration': step, 'elements': elements})
        return self._report(request, compute)

    def storages_report(self, request):
        def compute(start, end, step, _zone_ids):
            size = sum(s['bytes'] for s in self.storages.values())
            now = int(self.now)
            elements = [[t, size if t < now else 0] for t in self._slot_starts(start, end, step)]
            return json_response({'element_description': ['unix timestamp of the time slot start',
                                                          'used size in bytes'],
                                  'element_duration': step, 'elements': elements})
        # "by: Only one possible value is supported for now: hour"; no zones parameter.
        try:
            self._by(request, allowed=('hour',))
        except Invalid as exc:
            return self.fail(str(exc), 400)
        return self._report(request, compute, by=3600, zones=False)


# Accounts (UCDN API v3 "Check user credentials", "Fetch account info", "Fetch subaccounts list").
ACCOUNT = {'id': str(USER_ID), 'username': 'kusanagi', 'email': 'major@section9.co.jp', 'name': 'Motoko Kusanagi',
           'timezone': 'Asia/Tokyo', 'trial': '0'}
# The "Fetch subaccounts list" example's subaccount, every field as shown (strings, nulls, credentials included).
SUBACCOUNT_TEMPLATE = {
    'address': None, 'api_key': None, 'api_secret': None, 'billing_currency': 'USD',
    'billing_methodology': 'bandwidth', 'bonus_balance': '0.00000000', 'cache_objects': '873813',
    'cache_quota': '0', 'can_be_suspend': '1', 'check_origin': '1', 'city': None, 'company_name': None,
    'company_type': 'corporate', 'confirmed_mail': '1', 'country': None, 'create_ts': '1708416831',
    'delete_ts': '0', 'domain_base': 'cdn13.com', 'email': None, 'expiration_2fa': None, 'first_name': None,
    'id': None, 'l2_cache_objects': '500000', 'l2_cache_objects_small': '1000000', 'l2_cache_quota': '0',
    'l2_cache_quota_small': '0', 'l3_cache_objects': '1000000', 'l3_cache_objects_small': '2000000',
    'l3_cache_quota': '0', 'l3_cache_quota_small': '0', 'last_name': None, 'last_updated': '2024-02-20 08:13:51',
    'manager_id': '0', 'max_zones': '512', 'name': None, 'notes': None, 'origin_quota': '0',
    'parent_id': '13863', 'password': None, 'payment_method': '9', 'secret_key_2fa': None, 'state': None,
    'status': 'active', 'storage_price': '0.000000', 'suspended': '0', 'suspended_for_payment': '0',
    'tax_info': None, 'timezone': 'Europe/London', 'traffic_bps': '0', 'trial': '0', 'type_2fa': None,
    'type_switch_ts': '0', 'update_ts': '1708416831', 'username': None, 'zip_code': None,
}


class _AccountMixin:
    """GET account, GET subaccounts, POST check/login/.

    - check/login takes {email, password} (email: "username or email") without a
      token, as its example does; 200 {authenticated: true, user_id, reason,
      token} or 401 {authenticated: false, reason: "Invalid login credentials"}
      ("Check user credentials" 401 row; the body shape is a choice). A missing parameter is
      532 {"message": ...}. It changes nothing: the log marks it non-mutating.
    - subaccounts: "Fetch subaccounts list" says it "Returns all accounts with the same parent
      id" but its example is one bare object. Choice: no subaccount answers [],
      one answers the bare object (as the example), several an array.
    """

    def _new_subaccount(self, spec):
        item = dict(SUBACCOUNT_TEMPLATE)
        sid = str(spec.get('id', 13956 + len(self.subaccounts)))
        name = spec.get('username') or 'sub%s' % sid
        digest = hashlib.md5(('sub-%s' % sid).encode('ascii')).hexdigest()
        item.update(id=sid, username=name, name=spec.get('name', name),
                    email=spec.get('email', '%s@example.com' % name), api_key=digest,
                    api_secret=hashlib.md5(('secret-%s' % sid).encode('ascii')).hexdigest(),
                    password='$2y$11$' + digest)
        item.update(dict((k, v) for k, v in spec.items() if k in SUBACCOUNT_TEMPLATE and k != 'id'))
        self.subaccounts.append(item)
        return item

    def get_account(self, request):
        return json_response(dict(self.account))

    def list_subaccounts(self, request):
        if len(self.subaccounts) == 1:
            return json_response(dict(self.subaccounts[0]))
        return json_response([dict(s) for s in self.subaccounts])

    def check_login(self, request):
        data, error = self._body(request)
        if error:
            return error
        email, password = data.get('email'), data.get('password')
        if not email or not password:
            return self.fail('email and password are required')
        for user in self.users:
            if email in (user['email'], user['username']) and password == user['password']:
                return json_response({'authenticated': True, 'user_id': user['user_id'],
                                      'reason': 'Login credentials are valid', 'token': user['token']})
        return json_response({'authenticated': False, 'reason': 'Invalid login credentials'}, 401)


class UcdnApp(_ReportsMixin, _AccountMixin, _StorageMixin, ProviderApp):
    name = 'ucdn'
    prefix = '/ucdn/v3/'
    routes = (
        ('GET', r'zones/?', 'list_zones'),
        ('POST', r'zone/?', 'create_zone'),
        ('GET', r'zone/(?P<zid>[^/]+)/?', 'get_zone'),
        (('PUT', 'PATCH'), r'zone/(?P<zid>[^/]+)/?', 'update_zone'),
        ('DELETE', r'zone/(?P<zid>[^/]+)/?', 'delete_zone'),
        ('POST', r'purge/zone/(?P<zid>[^/]+)/?', 'create_purge'),
        ('GET', r'purge/?', 'list_purges'),
        ('GET', r'purge/job/(?P<jid>[^/]+)/?', 'get_purge'),
        ('DELETE', r'purge/job/(?P<jid>[^/]+)/?', 'delete_purge'),
        ('GET', r'certificates/?', 'list_certificates'),
        ('POST', r'certificate/?', 'upload_certificate'),
        ('GET', r'certificate/(?P<cid>[^/]+)/?', 'get_certificate'),
        ('DELETE', r'certificate/(?P<cid>[^/]+)/?', 'delete_certificate'),
        ('POST', r'letsencrypt/(?P<zid>[^/]+)/?', 'letsencrypt'),
        ('GET', r'storages/?', 'list_storages'),
        ('PATCH', r'storages/?', 'reconfigure_storages'),
        ('POST', r'storage/?', 'create_storage'),
        ('GET', r'storage/(?P<sid>[^/]+)/size/?', 'storage_size'),
        ('GET', r'storage/(?P<sid>[^/]+)/?', 'get_storage'),
        ('DELETE', r'storage/(?P<sid>[^/]+)/?', 'delete_storage'),
        ('GET', r'reports/countries/?', 'countries_report'),
        ('GET', r'reports/bytes/http2/?', 'bytes_http2_report'),
        ('GET', r'reports/bytes/ssl/?', 'bytes_ssl_report'),
        ('GET', r'reports/bytes/?', 'bytes_report'),
        ('GET', r'reports/hits/http2/?', 'hits_http2_report'),
        ('GET', r'reports/hits/ssl/?', 'hits_ssl_report'),
        ('GET', r'reports/hits/?', 'hits_report'),
        ('GET', r'reports/storages/?', 'storages_report'),
        ('GET', r'reports/status/codes/?', 'status_codes_report'),
        ('GET', r'reports/(?P<zid>[0-9]+)/?', 'usage_report'),
        ('GET', r'reports/?', 'usage_report'),
        ('GET', r'account/?', 'get_account'),
        ('GET', r'subaccounts/?', 'list_subaccounts'),
        ('POST', r'check/login/?', 'check_login'),
    )

    def reset(self):
        self.zones = {}
        self.next_zone = 1
        self.tokens = set(VALID_TOKENS)
        self.purges = {}          # job id -> job (creation order kept)
        self.purge_failing = []
        self.certificates = {}    # int id -> certificate (upload order kept)
        self.next_certificate = 1
        self.cert_seq = 0
        self.acme = {}            # custom domain -> {"zone", "requested", "issued"}
        self.ssl_history = []
        self._acme_ca = None
        self.storages = {}        # int id -> storage
        self.next_storage = 1
        self.ftp_passwords = dict((r, 'ftppassword') for r in STORAGE_REGIONS)
        self.rotations = 0
        self.account = dict(ACCOUNT)
        self.subaccounts = []
        # Control panel users for check/login: the account's own user holds the first token.
        self.users = [dict(email=ACCOUNT['email'], username=ACCOUNT['username'], password='password',
                           user_id=USER_ID, token=VALID_TOKENS[0])]

    def seed(self, data):
        """{"tokens": [...], "zones": [{"custom_domains": [...], "upstream": {...}, ..., "ready": true}]}"""
        for token in data.get('tokens', []):
            self.tokens.add(token)
        self.purge_failing.extend(data.get('purge_failing', []))
        created = []
        for spec in data.get('zones', []):
            spec = dict(spec)
            ready = spec.pop('ready', True)
            active = spec.pop('is_active', True)
            ssl_type = spec.pop('ssl_type', 'own')
            spec.setdefault('object_size', 'small')
            spec.setdefault('upstream', {'endpoints': [{'host': 'origin.example.com', 'port': 80}], 'type': 'own',
                                         'proto': 'http', 'host_header': 'origin.example.com',
                                         'auth': {'type': 'none'}})
            storage_id = spec.pop('storage_id', None)
            zone = self._new_zone()
            self._apply(zone, spec, creating=True)
            if storage_id is not None:
                zone.update(storage_id=storage_id, upstream=None)
            zone['is_active'] = '1' if _truthy(active) else '0'
            zone['ssl_type'] = ssl_type
            if ready:
                zone['ready_at'] = 0
            self.zones[zone['id']] = zone
            created.append(zone['id'])
        for spec in data.get('storages', []):
            # {"name", "region", "bytes", "objects"}: sizes stand for uploaded files.
            storage = self._new_storage(spec['name'], spec.get('region', 'europe'))
            storage.update(bytes=int(spec.get('bytes', 0)), objects=int(spec.get('objects', 0)))
            created.append(storage['id'])
        for spec in data.get('subaccounts', []):
            # {"id", "username", "email", ... any field of the "Fetch subaccounts list" example}
            created.append(self._new_subaccount(spec)['id'])
        for spec in data.get('users', []):
            # {"email", "username", "password", "user_id", "token"}: logins check/login knows.
            self.users.append(dict(dict(username=None, user_id=USER_ID, token=VALID_TOKENS[0]), **spec))
        if data.get('account'):
            self.account.update(data['account'])
        for spec in data.get('certificates', []):
            # {"certificate": PEM}: an upload done earlier (no key needed here).
            cert = self._new_certificate(spec['certificate'], spec.get('ca_bundle'))
            created.append(cert['id'])
        return created

    def dump(self):
        self._issue_due()
        return {'zones': [self._render(z, single=True) for z in self.zones.values()],
                'purge_jobs': [self._render_purge(j) for j in self.purges.values()],
                'certificates': [self._render_certificate(c) for c in self.certificates.values()],
                'acme': dict((d, dict(a)) for d, a in self.acme.items()),
                'ssl_history': list(self.ssl_history),
                'storages': [dict(self._render_storage(s), bytes=s['bytes'], objects=s['objects'])
                             for s in self.storages.values()],
                'storage_rotations': self.rotations}

    def handle(self, request):
        self._issue_due()
        return super(UcdnApp, self).handle(request)

    # auth and errors
    def classify(self, request):
        # check/login reads through POST: it changes nothing.
        if request.method == 'POST' and re.match(r'^check/login/?$', request.path):
            request.mutating = False

    def authenticate(self, request):
        if re.match(r'^check/login/?$', request.path):
            return None   # its example sends no token: the e-mail and password are the credentials
        token = request.headers.get('X-UCDN-Token') or request.query.get('token')
        if not token:
            return json_response({'message': 'Missing authentication token'}, 401)
        if token not in self.tokens:
            return json_response({'message': 'Invalid login credentials'}, 401)
        return None

    def not_found(self, request):
        return json_response({'message': 'Not found'}, 404)

    def method_not_allowed(self, request):
        return json_response({'message': 'Method %s not allowed' % request.method}, 405)

    @staticmethod
    def fail(message, status=532):
        return json_response({'message': message}, status)

    # state
    def _new_zone(self):
        zid = str(self.next_zone)
        self.next_zone += 1
        now = str(int(self.now))
        return dict(
            id=zid, cdn_domain='a%s-%s.so.clients.cdn13.com' % (zid, USER_ID), object_size='small',
            upstream=None, is_active='1', create_ts=now, update_ts=now, storage_id=None,
            error_pages={}, referers=[], geo_filter={}, limit_rate={}, custom_domains=[],
            cache_reuse_from=None, expiration=None, ssl_type='own', hash_secret=None,
            hash_algorithm=None, hash_ttl=None, ready_at=self.now + RECONFIG_DELAY,
        )

    def _render(self, zone, single=False):
        out = dict((k, v) for k, v in zone.items() if k not in ('ready_at', 'ssl_type'))
        for key in ('geo_filter', 'limit_rate'):
            out[key] = dict(zone[key]) if zone[key] else []   # PHP encodes an empty array as []
        out['error_pages'] = dict(zone['error_pages']) if zone['error_pages'] else ({} if single else [])
        out['upstream'] = json.loads(json.dumps(zone['upstream']))
        out['custom_domains'] = list(zone['custom_domains'])
        out['referers'] = list(zone['referers'])
        out['reconfig_status'] = 'ready' if self.now >= zone['ready_at'] else 'reconfiguring'
        if single:
            out['ssl_type'] = zone['ssl_type']
        return out

    def _zone(self, zid):
        return self.zones.get(str(zid).strip('/'))

    def _check_upstream(self, upstream):
        if isinstance(upstream, str):
            try:
                upstream = json.loads(upstream)
            except ValueError:
                raise Invalid('upstream must be a valid upstream object')
        if not isinstance(upstream, dict):
            raise Invalid('upstream must be a valid upstream object')
        kind = upstream.get('type', 'own')
        if kind not in ('own', 'aws-s3'):
            raise Invalid('upstream type must be own or aws-s3')
        if upstream.get('proto', 'http') not in ('http', 'https'):
            raise Invalid('upstream proto must be http or https')
        endpoints = upstream.get('endpoints')
        if not isinstance(endpoints, list) or not endpoints:
            raise Invalid('upstream endpoints must be a non-empty array')
        for endpoint in endpoints:
            if not isinstance(endpoint, dict) or not HOST_RE.match(str(endpoint.get('host', '')).lower()):
                raise Invalid('upstream endpoint host is not valid')
            if 'port' in endpoint:
                try:
                    port = int(endpoint['port'])
                except (TypeError, ValueError):
                    raise Invalid('upstream endpoint port is not valid')
                if not 0 < port < 65536:
                    raise Invalid('upstream endpoint port is not valid')
        auth = upstream.get('auth') or {'type': 'none'}
        if not isinstance(auth, dict) or auth.get('type') not in AUTH_KEYS:
            raise Invalid('upstream auth type must be one of %s' % ', '.join(sorted(AUTH_KEYS)))
        missing = [k for k in AUTH_KEYS[auth['type']] if not auth.get(k)]
        if missing:
            raise Invalid('upstream auth %s needs %s' % (auth['type'], ', '.join(missing)))
        clean = dict(upstream, type=kind, proto=upstream.get('proto', 'http'), auth=auth)
        return json.loads(json.dumps(clean))

    def _apply(self, zone, data, creating=False, replace=False):
        """Validate everything first, then change the zone (nothing half-applied)."""
        staged = dict((k, json.loads(json.dumps(zone[k]))) for k in zone)
        if creating or replace:
            if 'upstream' not in data and not data.get('storage_id'):
                raise Invalid('upstream is required')
        if creating:
            if data.get('object_size') not in ('big', 'small'):
                raise Invalid('object_size is required and must be big or small')
            staged['object_size'] = data['object_size']
        elif 'object_size' in data and data['object_size'] != zone['object_size']:
            raise Invalid('object_size cannot be changed')
        if replace:
            # "completely replace a zone configuration": unset what the body leaves out.
            staged.update(error_pages={}, referers=[], geo_filter={}, limit_rate={}, custom_domains=[],
                          cache_reuse_from=None, expiration=None, hash_secret=None, hash_algorithm=None,
                          hash_ttl=None)
        unknown = [k for k in data if k not in ZONE_FIELDS + HELPERS + ('object_size', 'token')]
        if unknown:
            raise Invalid('unknown parameter %s' % ', '.join(sorted(unknown)))
        # helpers first (PATCH only)
        for helper in HELPERS:
            if helper in data and _truthy(data[helper]):
                if creating or replace:
                    raise Invalid('helper %s is only available with PATCH' % helper)
                self._helper(staged, helper)
        if 'upstream' in data:
            staged['upstream'] = self._check_upstream(data['upstream'])
            staged['storage_id'] = None
        if data.get('storage_id') is not None:
            # A zone pulls from an upstream or a storage: one replaces the other (choice, see docstring).
            if 'upstream' in data:
                raise Invalid('upstream and storage_id are mutually exclusive')
            try:
                storage_id = int(data['storage_id'])
            except (TypeError, ValueError):
                raise Invalid('storage_id must be the id of a storage')
            if storage_id not in self.storages:
                raise Invalid('storage_id: no active storage %s' % storage_id)
            staged['storage_id'] = storage_id
            staged['upstream'] = None
        if 'custom_domains' in data:
            domains = [str(d).strip().lower() for d in _list(data['custom_domains'])]
            for domain in domains:
                if not HOST_RE.match(domain):
                    raise Invalid('custom_domains: %s is not a valid domain' % domain)
                for other in self.zones.values():
                    if other['id'] != zone['id'] and domain in other['custom_domains']:
                        raise Invalid('custom_domains: %s is already used by zone %s' % (domain, other['id']))
            if len(set(domains)) != len(domains):
                raise Invalid('custom_domains: duplicate domain')
            staged['custom_domains'] = domains
        if 'error_pages' in data:
            pages = {}
            for item in _list(data['error_pages']):
                status, _sep, url = str(item).partition(':')
                if not (status.isdigit() and len(status) == 3 and url.startswith(('http://', 'https://'))):
                    raise Invalid('error_pages: %s is not status:url' % item)
                pages[status] = url
            staged['error_pages'] = pages
        if 'referers' in data:
            referers = [str(r).strip().lower() for r in _list(data['referers'])]
            if not all(HOST_RE.match(r) for r in referers):
                raise Invalid('referers must be valid domains')
            staged['referers'] = referers
        for key, side in (('geo_filter_allow', 'allow'), ('geo_filter_deny', 'deny')):
            if key in data:
                codes = [str(c).strip() for c in _list(data[key])]
                if not all(re.match(r'^[A-Z]{2}$', c) for c in codes):
                    raise Invalid('%s must hold ISO 3166-1 country codes' % key)
                staged['geo_filter'] = dict(staged['geo_filter'] or {})
                if codes:
                    staged['geo_filter'][side] = codes
                else:
                    staged['geo_filter'].pop(side, None)
        if 'limit_rate_global' in data and 'limit_rate_security' in data and data['limit_rate_global'] \
                and data['limit_rate_security'] == 'on':
            raise Invalid('limit_rate_global and limit_rate_security are mutually exclusive')
        if data.get('limit_rate_global'):
            if not RATE_RE.match(str(data['limit_rate_global'])):
                raise Invalid('limit_rate_global must look like 20k')
            staged['limit_rate'] = {'global': str(data['limit_rate_global'])}
        if 'limit_rate_security' in data:
            if data['limit_rate_security'] not in ('on', 'off'):
                raise Invalid('limit_rate_security must be on or off')
            if data['limit_rate_security'] == 'on':
                staged['limit_rate'] = {'security': 'on'}
            elif (staged['limit_rate'] or {}).get('security'):
                staged['limit_rate'] = {}
        if 'hash_algorithm' in data and data['hash_algorithm'] not in ('md5', 'sha1', None):
            raise Invalid('hash_algorithm must be md5 or sha1')
        # The secret itself never goes into a message.
        if data.get('hash_secret') not in (None, '') and not QUERY_RE.match(str(data['hash_secret'])):
            raise Invalid('hash_secret must be a valid url query string')
        for key in ('hash_secret', 'hash_algorithm'):
            if key in data:
                staged[key] = data[key] or None
        if 'hash_ttl' in data:
            staged['hash_ttl'] = _int_or_null('hash_ttl', data['hash_ttl'])
        if 'expiration' in data:
            staged['expiration'] = _int_or_null('expiration', data['expiration'])
        if 'cache_reuse_from' in data:
            source = _int_or_null('cache_reuse_from', data['cache_reuse_from'])
            if source is not None and (str(source) not in self.zones or str(source) == zone['id']):
                raise Invalid('cache_reuse_from must be the id of another zone of yours')
            staged['cache_reuse_from'] = source
        zone.update(staged)
        zone['update_ts'] = str(int(self.now))
        zone['ready_at'] = self.now + RECONFIG_DELAY

    @staticmethod
    def _helper(zone, helper):
        if helper == 'enable':
            zone['is_active'] = '1'
        elif helper == 'disable':
            zone['is_active'] = '0'
        elif helper == 'clear_security_token':
            zone.update(hash_secret=None, hash_algorithm=None, hash_ttl=None)
        elif helper == 'clear_geo_filters':
            zone['geo_filter'] = {}
        elif helper == 'clear_limit_rates':
            zone['limit_rate'] = {}
        elif helper == 'clear_origins_auth':
            if zone['upstream']:
                zone['upstream']['auth'] = {'type': 'none'}
        elif helper in ('clear_referers', 'clear_referer_filter_rules'):
            zone['referers'] = []
        elif helper == 'clear_custom_domains':
            zone['custom_domains'] = []
        elif helper == 'clear_origins_header':
            if zone['upstream']:
                zone['upstream'].pop('host_header', None)
        elif helper == 'clear_reuse_cache':
            zone['cache_reuse_from'] = None

    def _body(self, request):
        if not request.content_type:
            return None, json_response({'message': 'Content-Type header is required'}, 400)
        data = request.data()
        if not isinstance(data, dict):
            return None, json_response({'message': 'Request body must be a JSON object or a form'}, 400)
        return data, None

    # handlers
    def list_zones(self, request):
        if 'count' in request.query:
            return json_response({'count': len(self.zones)})
        return json_response([self._render(z) for z in self.zones.values()])

    def get_zone(self, request, zid):
        zone = self._zone(zid)
        if zone is None:
            return json_response({'message': 'Zone not found'}, 404)
        return json_response(self._render(zone, single=True))

    def create_zone(self, request):
        data, error = self._body(request)
        if error:
            return error
        zone = self._new_zone()
        try:
            self._apply(zone, data, creating=True)
        except Invalid as exc:
            self.next_zone -= 1
            return self.fail(str(exc))
        self.zones[zone['id']] = zone
        return json_response({'zone_id': int(zone['id'])})

    def update_zone(self, request, zid):
        zone = self._zone(zid)
        if zone is None:
            return json_response({'message': 'Zone not found'}, 404)
        data, error = self._body(request)
        if error:
            return error
        try:
            self._apply(zone, data, replace=request.method == 'PUT')
        except Invalid as exc:
            return self.fail(str(exc))
        return json_response({'message': 'Zone replaced' if request.method == 'PUT' else 'Zone patched'})

    def delete_zone(self, request, zid):
        zone = self._zone(zid)
        if zone is None:
            return json_response({'message': 'Zone not found'}, 404)
        users = [z['id'] for z in self.zones.values() if str(z['cache_reuse_from']) == zone['id']]
        if users:
            return self.fail('Zone %s is used as cache source by zone %s' % (zone['id'], ', '.join(users)), 406)
        del self.zones[zone['id']]
        return json_response({'message': 'Zone deleted'})

    # purge jobs
    def _purge_status(self, job):
        age = self.now - job['created']
        if job.get('deleted'):
            return 'deleted'
        if age < PURGE_WAIT:
            return 'waiting'
        if age < PURGE_RUN:
            return 'running'
        return 'failed' if job['fails'] else 'finished'

    def _render_purge(self, job):
        return {'job_id': job['job_id'], 'files': list(job['files']), 'status': self._purge_status(job),
                'created_at': int(job['created'])}

    def create_purge(self, request, zid):
        zone = self._zone(zid)
        if zone is None:
            return json_response({'message': 'Zone not found'}, 404)
        data, error = self._body(request)
        if error:
            return error
        files = data.get('files')
        if not isinstance(files, str) or not files.strip():
            return self.fail('files must be a list of files separated by a new line')
        hosts = set(d.lower() for d in zone['custom_domains']) | {zone['cdn_domain']}
        paths = []
        for line in files.splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith('/'):
                paths.append(line)
                continue
            parts = urlsplit(line)
            if parts.scheme not in ('http', 'https') or not parts.hostname:
                return self.fail('Invalid file %s' % line)
            if parts.hostname.lower() not in hosts:
                return self.fail('File %s is not on this zone' % line)
            paths.append((parts.path or '/') + ('?' + parts.query if parts.query else ''))
        if not paths:
            return self.fail('files must be a list of files separated by a new line')
        job_id = hashlib.md5(('%s-%d' % (zid, len(self.purges))).encode()).hexdigest()
        self.purges[job_id] = dict(job_id=job_id, zone=zone['id'], created=self.now,
                                   files=['http://%s%s' % (zone['cdn_domain'], p) for p in paths],
                                   fails=any(bad in p for p in paths for bad in self.purge_failing))
        return json_response({'message': 'Purge request received', 'job_id': job_id})

    def list_purges(self, request):
        status = request.query.get('status')
        if status and status not in PURGE_STATES:
            return self.fail('status must be one of %s' % ', '.join(PURGE_STATES))
        try:
            count = int(request.query.get('count', 20))
        except ValueError:
            count = 0
        if not 1 <= count <= 500:
            return self.fail('count must be a positive integer less or equal to 500')
        wanted = (status,) if status else ('waiting', 'running', 'failed')
        jobs = [self._render_purge(j) for j in reversed(list(self.purges.values())) if not j.get('deleted')]
        return json_response([j for j in jobs if j['status'] in wanted][:count])

    def get_purge(self, request, jid):
        job = self.purges.get(jid)
        if job is None or job.get('deleted'):
            return json_response({'message': 'Purge job not found'}, 404)
        return json_response(self._render_purge(job))

    def delete_purge(self, request, jid):
        job = self.purges.get(jid)
        if job is None or job.get('deleted'):
            return json_response({'message': 'Purge job not found'}, 404)
        status = self._purge_status(job)
        if status not in ('waiting', 'finished'):
            return self.fail('Only purge jobs which are waiting or finished can be deleted (job is %s)' % status)
        job['deleted'] = True
        return json_response({'message': 'The purge job was removed'})

    # certificates
    def _new_certificate(self, pem, ca_bundle=None, acme=False):
        x509 = _crypto()[0]
        cert = x509.load_pem_x509_certificate(pem.encode('ascii'))
        der = cert.public_bytes(_crypto()[1].Encoding.DER)
        self.cert_seq += 1
        item = dict(id=self.next_certificate, hostname=_filed_hostname(cert), fingerprint=hashlib.sha1(der).hexdigest(),
                    seq=self.cert_seq, ca_bundle=bool(ca_bundle), acme=acme, not_after=cert.not_valid_after_utc.isoformat())
        self.next_certificate += 1
        self.certificates[item['id']] = item
        self._record_ssl()
        return item

    def _serving(self, domain):
        """The certificate a custom domain is served with: its exact host name
        before a wildcard, then the newest upload (UCDN API v3 "Upload certificate":
        the SSL servers "start to use this certificate for this hostname")."""
        best = None
        for cert in self.certificates.values():
            exact = cert['hostname'] == domain
            if not exact and not _wildcard_covers(cert['hostname'], domain):
                continue
            rank = (exact, cert['seq'])
            if best is None or rank > best[0]:
                best = (rank, cert)
        return best[1] if best else None

    def _used_in(self, cert):
        uses = []
        for zone in self.zones.values():
            if zone['ssl_type'] != 'own':
                continue   # "custom_domains ... does not have any effect when using shared SSL"
            for domain in zone['custom_domains']:
                if self._serving(domain) is cert:
                    uses.append({'zone_id': int(zone['id']), 'domain': domain, 'cdn_domain': zone['cdn_domain']})
        return uses

    def _record_ssl(self):
        served = {}
        for zone in self.zones.values():
            if zone['ssl_type'] == 'own':
                for domain in zone['custom_domains']:
                    cert = self._serving(domain)
                    served['%s/%s' % (zone['id'], domain)] = cert['id'] if cert else None
        self.ssl_history.append(served)

    def _render_certificate(self, cert):
        return {'id': cert['id'], 'hostname': cert['hostname'], 'fingerprint': cert['fingerprint'],
                'used_in_zones': self._used_in(cert)}

    def _certificate(self, cid):
        try:
            return self.certificates.get(int(str(cid).strip('/')))
        except ValueError:
            return None

    def list_certificates(self, request):
        return json_response([self._render_certificate(c) for c in self.certificates.values()])

    def get_certificate(self, request, cid):
        cert = self._certificate(cid)
        if cert is None:
            return json_response({'message': 'certificate did not exists'}, 404)
        return json_response(self._render_certificate(cert))

    def delete_certificate(self, request, cid):
        cert = self._certificate(cid)
        if cert is None:
            return json_response({'message': 'certificate did not exists'}, 404)
        del self.certificates[cert['id']]
        self._record_ssl()
        return json_response({'message': 'Certificate %s was deleted' % cert['id']})

    def upload_certificate(self, request):
        data, error = self._body(request)
        if error:
            return error
        try:
            pem, chain = _check_upload(data)
        except Invalid as exc:
            return self.fail(str(exc), 409)
        x509, serialization = _crypto()
        der = x509.load_pem_x509_certificate(pem.encode('ascii')).public_bytes(serialization.Encoding.DER)
        fingerprint = hashlib.sha1(der).hexdigest()
        for other in self.certificates.values():
            if other['fingerprint'] == fingerprint:
                return self.fail('Certificate already exists (id %s)' % other['id'], 409)
        cert = self._new_certificate(pem, chain)
        return json_response({'message': 'Certificate saved', 'id': cert['id']})

    # Let's Encrypt (UCDN API v3 "Add Letsencrypt for zone")
    def letsencrypt(self, request, zid):
        data, error = self._body(request)
        if error:
            return error
        zone = self._zone(zid) if str(zid).strip('/').isdigit() else None
        if zone is None:
            return self.fail('Bad request: zone_id must be an existing zone id', 400)
        if not zone['custom_domains']:
            return self.fail('Bad request: zone %s has no additional domains' % zone['id'], 400)
        new = [d for d in zone['custom_domains']
               if d not in self.acme and not (zone['ssl_type'] == 'own' and self._serving(d))]
        if not new:
            return json_response({'message': 'Nothing changed'})
        for domain in new:
            self.acme[domain] = dict(zone=zone['id'], requested=self.now, issued=None)
        return json_response({'message': 'Letsencrypt request created for %s' % ', '.join(new)}, 202)

    def _issue_due(self):
        for domain, request in self.acme.items():
            if request['issued'] is None and self.now - request['requested'] >= ACME_DELAY:
                request['issued'] = self._new_certificate(self._acme_certificate(domain), acme=True)['id']

    def _acme_certificate(self, domain):
        x509, serialization = _crypto()
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
        if self._acme_ca is None:
            key = ec.generate_private_key(ec.SECP256R1())
            self._acme_ca = (x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sim Let's Encrypt")]), key)
        issuer, ca_key = self._acme_ca
        key = ec.generate_private_key(ec.SECP256R1())
        start = datetime.datetime.fromtimestamp(self.now, datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)]))
                .issuer_name(issuer).public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=90))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
                .sign(ca_key, hashes.SHA256()))
        return cert.public_bytes(serialization.Encoding.PEM).decode('ascii')


def _crypto():
    """cryptography, imported when a certificate is handled."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    return x509, serialization


def _filed_hostname(cert):
    """The host name UCDN shows for a certificate: its common name, else its first DNS name."""
    x509 = _crypto()[0]
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    if names:
        return str(names[0].value).lower()
    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return None
    dns = sans.get_values_for_type(x509.DNSName)
    return dns[0].lower() if dns else None


def _wildcard_covers(name, domain):
    """*.example.com covers a.example.com, not example.com nor a.b.example.com."""
    if not name or not name.startswith('*.') or '.' not in domain:
        return False
    return domain.split('.', 1)[1] == name[2:]


def _check_upload(data):
    """The upload's PEMs (UCDN API v3 "Upload certificate" parameter table); Invalid otherwise."""
    x509, serialization = _crypto()
    from cryptography.hazmat.primitives.asymmetric import rsa
    pem, key_pem, chain = data.get('certificate'), data.get('key'), data.get('ca_bundle')
    if not isinstance(pem, str) or '-----BEGIN CERTIFICATE-----' not in pem:
        raise Invalid('certificate is required and must be in .pem format')
    if not isinstance(key_pem, str) or 'PRIVATE KEY-----' not in key_pem:
        raise Invalid('key is required and must be in .pem format')
    try:
        cert = x509.load_pem_x509_certificate(pem.strip().encode('ascii'))
    except ValueError:
        raise Invalid('certificate must be in .pem format')
    try:
        key = serialization.load_pem_private_key(key_pem.strip().encode('ascii'), password=None)
    except (ValueError, TypeError):
        raise Invalid('key must be in .pem format')
    if not isinstance(key, rsa.RSAPrivateKey):
        raise Invalid('We support only base64 encoded RSA keys')
    public = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, public) != \
            cert.public_key().public_bytes(serialization.Encoding.DER, public):
        raise Invalid('key does not match the certificate')
    if chain not in (None, ''):
        try:
            x509.load_pem_x509_certificates(str(chain).encode('ascii'))
        except ValueError:
            raise Invalid('ca_bundle must be in .pem format')
    return pem.strip() + '\n', chain or None


APP = UcdnApp
