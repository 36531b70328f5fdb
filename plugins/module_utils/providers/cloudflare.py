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

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect
from ansible_collections.edgeops.cdn.plugins.module_utils.dns import RecordCaps, current_record, fqdn
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnUnsupportedError,
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
    },
    limits=dict(calls_per_5_minutes=CALLS_PER_WINDOW, records_per_page=180, purge_urls_per_call=1,
                purge_batch=1, purge_form='url', purge_rate=(CALLS_PER_WINDOW, RATE_WINDOW_SECONDS),
                purge_subdomains=True),
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
IDEMPOTENT_ACTIONS = frozenset(['zone_load_multi', 'zone_settings', 'rec_load_all', 'zone_check', 'stats',
                                'sec_lvl', 'cache_lvl', 'devmode', 'ipv46', 'async', 'minify', 'mirage2',
                                'rec_edit', 'rec_delete', 'zone_file_purge'])


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
        return canonical_zone(zone_obj, self._settings_object(zone_obj.get('zone_name')))

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
        return canonical_zone(zone_obj, self._settings_object(name))

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
