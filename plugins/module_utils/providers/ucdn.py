# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN API v3 adapter.

Source of truth: seeds/ucdn-v3.txt ("Fetch all zones" .. "Delete a zone"),
with the decisions of reference/provider-apis.md section A (UCDN v3) and the
quirks listed in its section 3:
- token in the ``X-UCDN-Token`` header, JSON bodies;
- paths exactly as documented: ``zones`` for the list, ``zone`` to create,
  ``zone/{id}`` for one zone;
- ids, ``is_active`` and timestamps arrive as strings, ``expiration`` and
  ``cache_reuse_from`` as ints or null; empty objects may arrive as ``[]``;
- 532 is UCDN's retryable failure (reads, and writes proven not applied);
- the PATCH helpers (``enable``, ``disable``, ``clear_*``) are sent as JSON body
  keys with the value true; how they are invoked is undocumented, so they
  are built in ONE place (``helper_flags``).

Answers are untrusted input (client.py): every id goes into a path through
``api_path``; every read whose answer is used names its documented shape
(``expect``) and the fields the code reads are checked (``*_problem``, section
"answer checks"), so an answer that cannot be understood fails the task before
any write. An unusable answer to a write is flagged ``maybe_applied``: the core
reads back instead of sending it again.

cdn_origin: the zone's ``upstream`` (seed "Create a new zone" examples), changed
with PATCH (seed "Replace a single zone parameter"); it lives and dies with the
zone (origin_scope 'zone').

cdn_certificate (seed "List all certificates" .. "Delete certificate", "Add
Letsencrypt for zone"): certificates have no name and no binding call. UCDN
takes the host name from the certificate and "UCDN ssl servers will start to
use this certificate for this hostname": a zone serves it when one of its
custom domains is that host name and the zone uses its own SSL (``ssl_type``
"own"; with shared SSL "custom_domains ... does not have any effect").

cdn_storage (seed "Create storage" .. "Remove storage"): a storage is found by
its name (``container``); it cannot be renamed or moved to another region.
Deleting is refused by the API for a non-empty storage or one a zone uses as
origin; the adapter checks both first (read-only) so it can name the zones and
delete nothing. "Reconfigure storages" changes the FTP password of every
storage in a region at once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, api_path, redact, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnError,
    CdnNotFoundError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.names import covers, normalize_rule_value, zone_hostnames
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
    EPOCH,
    country_code,
    is_hostname,
    iso_from_unix,
    iso_utc,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_int,
    to_number,
    utc_naive,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    SECRET_DIFFERS,
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
    secret_view,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# cdn_stats_info: report name -> (path as the seed writes it, number key of the
# values, accepted ``by`` values). Every report but usage answers
# {"element_description", "element_duration", "elements"}; usage answers
# {"hits", "bytes_served"} for the whole period.
STATS_REPORTS = (
    ('bytes', 'reports/bytes/', 'bytes', ('hour', '5min', 'day')),
    ('usage', 'reports/', None, ()),
    ('hits', 'reports/hits/', 'hits', ('hour', '5min', 'day')),
    ('bytes_ssl', 'reports/bytes/ssl', 'bytes', ('hour', '5min', 'day')),
    ('hits_ssl', 'reports/hits/ssl', 'hits', ('hour', '5min', 'day')),
    ('bytes_http2', 'reports/bytes/http2', 'bytes', ('hour', '5min', 'day')),
    ('hits_http2', 'reports/hits/http2', 'hits', ('hour', '5min', 'day')),
    ('countries', 'reports/countries/', None, ()),
    ('status_codes', 'reports/status/codes/', None, ('hour', '5min', 'day')),
    # "Only one possible value is supported for now: hour".
    ('storages', 'reports/storages/', 'bytes', ('hour',)),
)
STATS_REPORT_NAMES = tuple(r[0] for r in STATS_REPORTS)
# The ``by`` values of the seed ("One of to following: 5min, hour, day"), its default first.
STATS_GRANULARITIES = ('hour', '5min', 'day')
# seed "Create a new zone": hash_algorithm "md5" or "sha1".
HASH_ALGORITHMS = ('md5', 'sha1')

CAPABILITIES = Capabilities(
    name='ucdn',
    title='UCDN',
    default_url='https://api.ucdn.com/v3/',
    token_env=('UCDN_API_TOKEN',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            fields=('hostname', 'aliases', 'origin', 'origin_host_header', 'cache_ttl', 'enabled', 'settings'),
            settings={
                # "Small objects are those less than 20MB"; fixed once the zone exists (seed "Replace a zone").
                'object_size': dict(type='str', choices=['small', 'big']),
                # ISO 3166-1 alpha-2 country codes.
                'geo_filter_allow': dict(type='list'),
                'geo_filter_deny': dict(type='list'),
                # Allowed referer domains; [] clears them.
                'referers': dict(type='list'),
                # "NNk, e.g. 20k"; '' clears the limit rates. Exclusive with limit_rate_security on.
                'limit_rate_global': dict(type='str'),
                'limit_rate_security': dict(type='str', choices=['on', 'off']),
                # Id of the zone whose cache this zone reuses; 0 stops reusing.
                'cache_reuse_from': dict(type='int', min=0),
                # "status:url" entries, e.g. "404:https://example.com/404.html".
                'error_pages': dict(type='list'),
                # The security token (URL signing). hash_secret is secret: never shown, only
                # compared; '' unsets the token (secret, algorithm and TTL: clear_security_token).
                'hash_secret': dict(type='str', secret=True),
                'hash_algorithm': dict(type='str', choices=list(HASH_ALGORITHMS)),
                'hash_ttl': dict(type='int', min=0),
            },
            notes='object_size cannot change once the zone exists; hash_secret (the security token) is never '
                  'shown, and \'\' unsets the token',
        ),
        'origin': ResourceCaps(
            operations=('list', 'get', 'update'),
            fields=('endpoints', 'protocol', 'host_header', 'auth'),
            notes='the origin is the zone\'s upstream: it is created and deleted with the zone (edgeops.cdn.cdn_zone)',
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind', 'acme'),
            fields=('hostname', 'fingerprint', 'zones'),
            notes='RSA keys only; no certificate names: the host name in the certificate is its identity, and a zone '
                  'with own SSL serves it on the custom domain of that name (no binding call)',
        ),
        'storage': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'size', 'rotate_ftp_password'),
            fields=('name', 'region'),
            notes='region europe or north-america, fixed once created; delete refused while the storage holds '
                  'files or a zone uses it as origin; rotating the FTP password rotates it for every storage '
                  'in the region',
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get', 'delete'),
            notes='purge/zone/{id} with newline-separated paths, one job a request '
                  '(waiting, running, finished, failed); only waiting or finished jobs can be deleted',
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'granularity', 'report'),
            choices={'report': STATS_REPORT_NAMES, 'granularity': STATS_GRANULARITIES},
            notes='one report a run: bytes (default), usage (period totals), hits, bytes_ssl, hits_ssl, '
                  'bytes_http2, hits_http2, countries (per country, hourly), status_codes (every code, per code), '
                  'storages (account-wide, hourly; totals.bytes is the peak); granularity 5min and day for the '
                  'time-slot reports only',
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('country', 'referrer'),
            notes='the zone\'s geo_filter_allow / geo_filter_deny countries and its referers, which only allow; '
                  'no IP rules; one action per country',
        ),
        'account': ResourceCaps(
            operations=('get', 'list', 'check_login'),
            fields=('subaccounts', 'login'),
            notes='the token\'s account, its subaccounts, and check/login for an e-mail and password',
        ),
    },
    limits=Limits(
        access_rule_scope='zone',
        # The seed gives no limit on "files": a conservative 100 paths per purge job.
        purge_batch=100,
        purge_form='path',
        origin_scope='zone',
        origin_endpoint_ports=True,
        # seed "Create storage": name "At least 3 characters long", region "europe" or "north-america".
        storage_regions=('europe', 'north-america'),
        storage_name_min=3,
    ),
)
PURGE_DONE = ('finished', 'failed')
# "Only purge jobs which are waiting or finished can be deleted" (seed "Delete a purge job").
PURGE_DELETABLE = ('waiting', 'finished')

# Upstream auth and zone keys that hold secrets: never in a result, diff or log.
SECRET_FIELDS = ('password', 'secret_key', 'signing_key', 'hash_secret')
# Zone settings that are secrets (the security token's secret key).
SECRET_SETTINGS = ('hash_secret',)
# hash_secret: "valid url query string" (seed "Create a new zone"), read as RFC 3986's
# query characters: unreserved, sub-delims, ':', '@', '/', '?' and %XX escapes.
HASH_SECRET_RE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$")
# The upstream auth keys that are not secret (seed "Create a new zone" examples);
# every other auth value is masked, whatever its name.
PUBLIC_AUTH_KEYS = ('type', 'username', 'access_key', 'key_scope')
# Which auth values each type needs resent whole when the upstream is sent again.
AUTH_SECRETS = {
    'http_basic': ('password',),
    'aws_signing_key': ('signing_key',),
    'aws_secret_key': ('secret_key',),
}
UPSTREAM_TYPES = ('own', 'aws-s3')
DEFAULT_OBJECT_SIZE = 'small'
LIMIT_RATE_RE = re.compile(r'^[1-9][0-9]*[kKmM]?$')
ERROR_PAGE_RE = re.compile(r'^([45][0-9]{2}):(https?://\S+)$')


class UcdnDialect(Dialect):
    """UCDN errors: {"message": ...} like its success messages (inferred, see
    reference/provider-apis.md 3, quirk 7); "string" answers may be a bare JSON string."""

    retry_statuses = Dialect.retry_statuses | frozenset([532])

    def error_message(self, status, body, text):
        if isinstance(body, str) and body.strip():
            return body.strip()
        return super(UcdnDialect, self).error_message(status, body, text)


# --- the PATCH helpers: the one place that knows how they are sent ---------

def helper_flags(*names):
    """Body keys invoking the documented PATCH helpers (seed "Replace a single
    zone parameter", helpers table). The seed does not say how a helper is
    invoked; this project sends each as a JSON body key with the value true
    (reference/provider-apis.md A, UCDN v3)."""
    return dict((name, True) for name in names)


# --- normalisers: API shapes to canonical values ---------------------------

def _as_list(value):
    """UCDN sends [] for an empty object and may take comma-separated strings."""
    if value in (None, '', {}, []):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(',') if v.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _as_dict(value):
    return value if isinstance(value, dict) else {}


def normalize_countries(values):
    return sorted(set(str(v).strip().upper() for v in _as_list(values)))


def normalize_referers(values):
    return sorted(set(normalize_hostname(v) for v in _as_list(values)))


def normalize_error_pages(value):
    """error_pages as sorted "status:url" strings, from the object the API
    answers ({"404": url}, or [] when empty) or the "status:url" list it takes."""
    if isinstance(value, dict):
        items = ['%s:%s' % (k, v) for k, v in value.items()]
    else:
        items = [str(v).strip() for v in _as_list(value)]
    return sorted(set(items))


def upstream_origin(upstream):
    """Origin URL from the upstream object (proto, first endpoint host and port)."""
    upstream = _as_dict(upstream)
    endpoints = _as_list(upstream.get('endpoints'))
    if not endpoints or not isinstance(endpoints[0], dict) or not endpoints[0].get('host'):
        return None
    proto = str(upstream.get('proto') or 'http').lower()
    endpoint = endpoints[0]
    host = str(endpoint['host'])
    port = to_int(endpoint.get('port'))
    if port and port != DEFAULT_PORTS.get(proto):
        host = '%s:%s' % (host, port)
    return normalize_url('%s://%s' % (proto, host))


def canonical_settings(raw, secrets=None):
    """The zone's settings. ``secrets`` holds the secret settings the user asked
    for: hash_secret is shown only when the zone has one (masked: the same as the
    one asked for, or a different value) or when '' was asked for and it has none."""
    geo = _as_dict(raw.get('geo_filter'))
    limits = _as_dict(raw.get('limit_rate'))
    settings = dict(
        object_size=raw.get('object_size'),
        geo_filter_allow=normalize_countries(geo.get('allow')),
        geo_filter_deny=normalize_countries(geo.get('deny')),
        referers=normalize_referers(raw.get('referers')),
        limit_rate_global=str(limits.get('global') or ''),
        limit_rate_security=str(limits.get('security') or 'off'),
        cache_reuse_from=to_int(raw.get('cache_reuse_from')) or 0,
        error_pages=normalize_error_pages(raw.get('error_pages')),
        # null means the feature is off (seed "Fetch a zone"); no TTL is shown as 0.
        hash_algorithm=raw.get('hash_algorithm') or None,
        hash_ttl=to_int(raw.get('hash_ttl')) or 0,
    )
    for key in SECRET_SETTINGS:
        shown = secret_view(raw.get(key), (secrets or {}).get(key))
        if shown is not None:
            settings[key] = shown
    return settings


def redact_upstream(upstream):
    """The upstream with every auth value but the public ones masked."""
    clean = redact(copy.deepcopy(upstream))
    if isinstance(clean, dict) and isinstance(clean.get('auth'), dict):
        clean['auth'] = dict((k, REDACTED if k not in PUBLIC_AUTH_KEYS and v not in (None, '') else v)
                             for k, v in clean['auth'].items())
    return clean


def redact_zone(raw):
    """The zone as UCDN answers it, with upstream auth secrets and the
    security token's secret masked."""
    clean = redact(copy.deepcopy(raw))
    for key in SECRET_FIELDS:
        if clean.get(key) not in (None, ''):
            clean[key] = REDACTED
    if 'upstream' in clean:
        clean['upstream'] = redact_upstream(clean['upstream'])
    return clean


def canonical_zone(raw, hostname=None, secrets=None):
    """Canonical zone dict from a UCDN zone object (``secrets``: canonical_settings).

    ``custom_domains`` order carries no meaning for UCDN: when the zone was
    found by ``hostname`` that name is the hostname and the rest are aliases;
    otherwise the first entry is the hostname.
    """
    domains = [normalize_hostname(d) for d in _as_list(raw.get('custom_domains'))]
    if hostname and hostname in domains:
        primary = hostname
    else:
        primary = domains[0] if domains else None
    upstream = _as_dict(raw.get('upstream'))
    return dict(
        id=str(raw['id']),
        hostname=primary,
        aliases=sorted(set(d for d in domains if d != primary)),
        cdn_domain=raw.get('cdn_domain') or None,
        origin=('storage:%s' % raw['storage_id']) if raw.get('storage_id') else upstream_origin(upstream),
        origin_host_header=normalize_hostname(upstream.get('host_header')) or None,
        # "Forced expiration"; null means off, shown as 0.
        cache_ttl=to_int(raw.get('expiration')) or 0,
        enabled=to_bool(raw.get('is_active')),
        settings=canonical_settings(raw, secrets),
        status=raw.get('reconfig_status'),
        raw=redact_zone(raw),
    )


# --- payload builders: canonical values to API fields ----------------------

def canonical_origin(origin):
    """The origin URL as canonical_zone shows it: no default port, no trailing slash."""
    scheme, host, port, path = split_url(origin)
    if port and port != DEFAULT_PORTS[scheme]:
        host = '%s:%s' % (host, port)
    return normalize_url('%s://%s%s' % (scheme, host, path))


def endpoint_from_origin(origin):
    scheme, host, port, _path = split_url(origin)
    return scheme, dict(host=host, port=port or DEFAULT_PORTS[scheme])


def build_upstream(origin, host_header=None, current=None):
    """The upstream object for a create (``current`` None) or an update.

    An update keeps everything the user did not set: other endpoints, type and
    auth (whose secrets come from the provider's own answer, never from the
    canonical zone).
    """
    upstream = copy.deepcopy(_as_dict(current)) if current else dict(type='own', auth=dict(type='none'))
    if origin is not None:
        proto, endpoint = endpoint_from_origin(origin)
        endpoints = [e for e in _as_list(upstream.get('endpoints')) if isinstance(e, dict)]
        if endpoints:
            endpoints[0] = dict(endpoints[0], **endpoint)
        else:
            endpoints = [endpoint]
        upstream['endpoints'] = endpoints
        upstream['proto'] = proto
        if not current and host_header is None:
            # As every seed example does: the origin's own name as the Host header.
            host_header = endpoint['host']
    if host_header is not None:
        upstream['host_header'] = host_header
    upstream.setdefault('type', 'own')
    upstream.setdefault('auth', dict(type='none'))
    return upstream


def custom_domains(hostname, aliases):
    domains = [hostname] if hostname else []
    return domains + sorted(set(a for a in aliases or () if a != hostname))


def settings_fields(settings, current_settings=None, secrets=None):
    """API fields (and clear helpers) for the given settings.

    ``current_settings`` is the canonical current settings on an update (None
    on a create); clearing uses the documented helpers: an empty list or ''
    cannot be sent as a value reliably. ``secrets`` holds the values of the
    secret settings, which the settings only mark (REDACTED).
    """
    body = {}
    helpers = []
    current = current_settings or {}
    creating = current_settings is None
    if 'hash_secret' in settings:
        secret = settings['hash_secret']
        if secret in (REDACTED, SECRET_DIFFERS):
            secret = (secrets or {}).get('hash_secret')
        if secret:
            body['hash_secret'] = secret
        elif secret == '' and not creating:
            # "Unset the security token": the secret, its algorithm and TTL together.
            helpers.append('clear_security_token')
    if settings.get('hash_algorithm'):
        body['hash_algorithm'] = settings['hash_algorithm']
    if 'hash_ttl' in settings and settings['hash_ttl'] is not None and (settings['hash_ttl'] or not creating):
        body['hash_ttl'] = settings['hash_ttl']
    if 'referers' in settings:
        if settings['referers']:
            body['referers'] = settings['referers']
        elif not creating:
            helpers.append('clear_referers')
    if 'geo_filter_allow' in settings or 'geo_filter_deny' in settings:
        allow = settings.get('geo_filter_allow', current.get('geo_filter_allow') or [])
        deny = settings.get('geo_filter_deny', current.get('geo_filter_deny') or [])
        cleared = [k for k in ('geo_filter_allow', 'geo_filter_deny') if k in settings and not settings[k]]
        if cleared and not creating:
            # clear_geo_filters unsets both lists; resend the one that stays.
            helpers.append('clear_geo_filters')
            if allow:
                body['geo_filter_allow'] = allow
            if deny:
                body['geo_filter_deny'] = deny
        else:
            for key, value in (('geo_filter_allow', allow), ('geo_filter_deny', deny)):
                if key in settings and value:
                    body[key] = value
    if 'limit_rate_global' in settings or 'limit_rate_security' in settings:
        rate = settings.get('limit_rate_global')
        security = settings.get('limit_rate_security')
        if rate == '' and not creating:
            helpers.append('clear_limit_rates')
        elif rate:
            body['limit_rate_global'] = rate
        if security is not None and not (creating and security == 'off'):
            body['limit_rate_security'] = security
    if 'cache_reuse_from' in settings:
        if settings['cache_reuse_from']:
            body['cache_reuse_from'] = settings['cache_reuse_from']
        elif not creating:
            helpers.append('clear_reuse_cache')
    if 'error_pages' in settings and (settings['error_pages'] or not creating):
        body['error_pages'] = settings['error_pages']
    if 'object_size' in settings and creating:
        body['object_size'] = settings['object_size']
    body.update(helper_flags(*helpers))
    return body


def is_storage_origin(origin):
    return isinstance(origin, str) and origin.startswith('storage:')


def storage_origin_fields(origin):
    """Zone fields making a UCDN storage the zone's origin. The seed shows the
    link only as the zone's ``storage_id`` ("If this zone uses UCDN Storage as
    its origin, this is the ID of this storage") and sends readers to the zone
    calls "for details on how to use particular UCDN storage", which list no
    such parameter; this project sends ``storage_id`` in place of ``upstream``
    (reference/provider-apis.md A has no better source; inference)."""
    return dict(storage_id=int(origin.split(':', 1)[1]))


def create_payload(desired, secrets=None):
    """POST /zone body (seed "Create a new zone"): upstream and object_size
    are required; everything else only when the user set it."""
    settings = dict((k, v) for k, v in (desired.get('settings') or {}).items() if v is not None)
    settings.setdefault('object_size', DEFAULT_OBJECT_SIZE)
    if is_storage_origin(desired['origin']):
        body = storage_origin_fields(desired['origin'])
    else:
        body = dict(upstream=build_upstream(desired['origin'], desired.get('origin_host_header')))
    domains = custom_domains(desired.get('hostname'), desired.get('aliases'))
    if domains:
        body['custom_domains'] = domains
    if desired.get('cache_ttl'):
        body['expiration'] = desired['cache_ttl']
    body.update(settings_fields(settings, secrets=secrets))
    return body


def update_payload(current, changes, desired, current_upstream=None, secrets=None):
    """PATCH /zone/{id} body holding only what changed (seed "Replace a single
    zone parameter": "You may pass one or many of the parameters")."""
    body = {}
    helpers = []
    if 'hostname' in changes or 'aliases' in changes:
        hostname = desired.get('hostname') or current.get('hostname')
        aliases = desired.get('aliases') if desired.get('aliases') is not None else current.get('aliases')
        domains = custom_domains(hostname, aliases)
        if domains:
            body['custom_domains'] = domains
        else:
            helpers.append('clear_custom_domains')
    if is_storage_origin(changes.get('origin')):
        body.update(storage_origin_fields(changes['origin']))
    elif 'origin' in changes or 'origin_host_header' in changes:
        if is_storage_origin(current.get('origin')):
            if 'origin' not in changes:
                raise CdnValidationError('origin_host_header', 'has no meaning for a zone pulling from UCDN storage',
                                         allowed='an http(s) origin together with it, or no origin_host_header')
            # Leaving the storage: a fresh upstream, nothing of the storage kept.
            current_upstream = None
        body['upstream'] = build_upstream(changes.get('origin'), changes.get('origin_host_header'),
                                          current=current_upstream or dict(type='own', auth=dict(type='none')))
    if 'cache_ttl' in changes:
        # No helper clears the forced expiration; null is sent for 0 (off).
        body['expiration'] = changes['cache_ttl'] or None
    if 'enabled' in changes:
        helpers.append('enable' if changes['enabled'] else 'disable')
    if changes.get('settings'):
        body.update(settings_fields(changes['settings'], current.get('settings') or {}, secrets))
    body.update(helper_flags(*helpers))
    return body


# --- input checks ------------------------------------------------------------

def normalize_desired_settings(settings):
    """Check and normalise the user's settings in place (sorted lists, codes upper-case)."""
    if not settings:
        return settings
    if settings.get('geo_filter_allow') is not None:
        settings['geo_filter_allow'] = _check_countries('geo_filter_allow', settings['geo_filter_allow'])
    if settings.get('geo_filter_deny') is not None:
        settings['geo_filter_deny'] = _check_countries('geo_filter_deny', settings['geo_filter_deny'])
    if settings.get('referers') is not None:
        referers = normalize_referers(settings['referers'])
        for referer in referers:
            if not is_hostname(referer, wildcard=True):
                raise CdnValidationError('settings.referers', 'is not a valid domain', value=referer)
        settings['referers'] = referers
    rate = settings.get('limit_rate_global')
    if rate is not None:
        rate = rate.strip().lower()
        if rate and not LIMIT_RATE_RE.match(rate):
            raise CdnValidationError('settings.limit_rate_global', 'is not a rate', value=rate,
                                     allowed="NNk such as 20k, or '' to clear")
        settings['limit_rate_global'] = rate
    if rate and settings.get('limit_rate_security') == 'on':
        raise CdnValidationError('settings.limit_rate_global', 'cannot be set together with limit_rate_security on',
                                 allowed='one of them (UCDN: they are mutually exclusive)')
    if settings.get('error_pages') is not None:
        pages = normalize_error_pages(settings['error_pages'])
        for page in pages:
            if not ERROR_PAGE_RE.match(page):
                raise CdnValidationError('settings.error_pages', 'is not a "status:url" entry', value=page,
                                         allowed='e.g. 404:https://www.example.com/404.html')
        settings['error_pages'] = pages
    _check_security_token(settings)
    return settings


def _check_security_token(settings):
    """hash_secret, hash_algorithm and hash_ttl (seed "Create a new zone"). The
    secret's value is never put in a message."""
    secret = settings.get('hash_secret')
    if secret not in (None, '', REDACTED, SECRET_DIFFERS) and not HASH_SECRET_RE.match(secret):
        raise CdnValidationError('settings.hash_secret', 'is not a valid URL query string (value not shown: it is '
                                 'secret)', allowed="letters, digits, -._~!$&'()*+,;=:@/? and %XX escapes, or '' "
                                 'to unset the security token')
    if secret == '':
        if settings.get('hash_algorithm'):
            raise CdnValidationError('settings.hash_algorithm', "cannot be set while hash_secret '' unsets the "
                                     'security token (UCDN clears its secret, algorithm and TTL together)',
                                     allowed="no hash_algorithm with hash_secret ''")
        if settings.get('hash_ttl'):
            raise CdnValidationError('settings.hash_ttl', "cannot be set while hash_secret '' unsets the security "
                                     'token (UCDN clears its secret, algorithm and TTL together)',
                                     allowed="0 or no hash_ttl with hash_secret ''")


def canonical_purge_job(body, urls=None):
    files = _as_list(body.get('files'))
    status = body.get('status')
    return dict(
        id=str(body.get('job_id')) if body.get('job_id') is not None else None,
        status=status,
        done=status in PURGE_DONE,
        failed=('UCDN purge job %s failed' % body.get('job_id')) if status == 'failed' else None,
        urls=urls if urls is not None else len(files),
        files=files,
        created=to_int(body.get('created_at')),
        raw=body,
    )


# --- cdn_origin: the zone's upstream ------------------------------------------

def canonical_upstream(raw, hostname=None):
    """The canonical origin of a zone (module_utils/origin.py shapes): ports as
    ints (the protocol's default when UCDN omits one, as its aws-s3 examples
    do), auth without its secret values."""
    upstream = _as_dict(raw.get('upstream'))
    proto = str(upstream.get('proto') or 'http').lower()
    endpoints = []
    for endpoint in _as_list(upstream.get('endpoints')):
        if not isinstance(endpoint, dict) or not endpoint.get('host'):
            continue
        item = dict(host=normalize_hostname(endpoint['host']),
                    port=to_int(endpoint.get('port')) or DEFAULT_PORTS.get(proto))
        for key in ('bucket', 'region'):
            if endpoint.get(key) not in (None, ''):
                item[key] = str(endpoint[key])
        endpoints.append(item)
    auth = dict((k, str(v)) for k, v in _as_dict(upstream.get('auth')).items()
                if k in PUBLIC_AUTH_KEYS and v not in (None, ''))
    auth.setdefault('type', 'none')
    domains = [normalize_hostname(d) for d in _as_list(raw.get('custom_domains'))]
    return dict(
        id=str(raw['id']),
        # The origin has no name of its own: the zone's host name stands for it.
        name=hostname if hostname in domains else (domains[0] if domains else None),
        zone=str(raw['id']),
        kind='origin',
        endpoints=endpoints,
        protocol=proto,
        host_header=normalize_hostname(upstream.get('host_header')) or None,
        auth=auth,
        raw=redact_upstream(upstream),
    )


def upstream_type(upstream, current_type=None):
    """``own`` or ``aws-s3``: AWS auth or an endpoint with a bucket/region means
    S3 (seed "Create a new zone", aws examples); basic auth means own; otherwise
    the zone keeps its type."""
    auth_type = _as_dict(upstream.get('auth')).get('type') or 'none'
    endpoints = [e for e in _as_list(upstream.get('endpoints')) if isinstance(e, dict)]
    if auth_type.startswith('aws_') or any(e.get('bucket') or e.get('region') for e in endpoints):
        return 'aws-s3'
    if auth_type == 'http_basic':
        return 'own'
    return current_type if current_type in UPSTREAM_TYPES else 'own'


def endpoint_payload(endpoint, proto, kind):
    """One upstream endpoint; an aws-s3 endpoint on the protocol's default port
    carries no port, like the seed's aws-s3 examples."""
    item = dict(host=endpoint['host'])
    port = endpoint.get('port')
    if port is not None and not (kind == 'aws-s3' and port == DEFAULT_PORTS.get(proto)):
        item['port'] = port
    for key in ('bucket', 'region'):
        if endpoint.get(key):
            item[key] = endpoint[key]
    return item


def origin_update_payload(upstream, changes):
    """PATCH /zone/{id} body for cdn_origin ``changes`` (seed "Replace a single
    zone parameter").

    Only turning auth off: the ``clear_origins_auth`` helper alone, so the
    upstream (and no secret) is sent at all. Anything else: the whole upstream
    object ("valid upstream object"), built from UCDN's own answer so what the
    user did not set is kept; its auth secrets must then be resent, which is
    possible only when UCDN showed them or the user gave ``auth``.
    """
    upstream = _as_dict(upstream)
    auth = changes.get('auth')
    others = [k for k in changes if k != 'auth']
    if auth is not None and auth.get('type') == 'none' and not others:
        return helper_flags('clear_origins_auth')
    new = copy.deepcopy(upstream)
    current_type = new.get('type')
    if 'protocol' in changes:
        new['proto'] = changes['protocol']
    if 'host_header' in changes:
        new['host_header'] = changes['host_header']
    if auth is not None:
        new['auth'] = dict((k, v) for k, v in auth.items() if v not in (None, ''))
    new_auth = _as_dict(new.get('auth')) or dict(type='none')
    missing = [k for k in AUTH_SECRETS.get(new_auth.get('type'), ())
               if new_auth.get(k) in (None, '', REDACTED)]
    if missing:
        raise CdnValidationError(
            'auth', 'is needed to change this upstream: UCDN resends the whole upstream, and it did not show '
            'the current %s auth %s' % (new_auth.get('type'), ', '.join(missing)),
            allowed='auth with its type and secrets (they are sent, never shown)')
    new['auth'] = new_auth
    proto = str(new.get('proto') or 'http').lower()
    new['proto'] = proto
    if 'endpoints' in changes:
        new['endpoints'] = [dict(e) for e in changes['endpoints']]
    kind = upstream_type(new, current_type)
    new['type'] = kind
    if 'endpoints' in changes:
        new['endpoints'] = [endpoint_payload(e, proto, kind) for e in new['endpoints']]
    return dict(upstream=new)


# --- cdn_certificate -------------------------------------------------------------

def ucdn_hostname(info):
    """The host name UCDN files a certificate under: its common name, else its
    first DNS name (the upload takes no host name: seed "Upload certificate")."""
    return info.get('common_name') or (info.get('sans') or [None])[0]


def canonical_certificate(body, known=None):
    """A certificate as UCDN shows it (seed "Single certificate information":
    id, fingerprint, hostname, used_in_zones). ``known`` maps fingerprints to
    what the local PEM says (subject, SANs, validity), which UCDN never shows."""
    zones = []
    for use in _as_list(body.get('used_in_zones')):
        if isinstance(use, dict) and use.get('zone_id') is not None and str(use['zone_id']) not in zones:
            zones.append(str(use['zone_id']))
    fingerprint = str(body.get('fingerprint') or '').replace(':', '').strip().lower() or None
    cert = dict(
        id=str(body['id']),
        name=None,
        hostname=normalize_hostname(body.get('hostname')) or None,
        fingerprint=fingerprint,
        zones=zones,
        raw=redact(body),
    )
    info = (known or {}).get(fingerprint)
    if info:
        for key in ('common_name', 'sans', 'issuer', 'not_before', 'not_after', 'sha256_fingerprint'):
            cert[key] = info.get(key)
    return cert


def rsa_traditional_pem(key_pem):
    """The key as the seed's upload example sends it ("-----BEGIN RSA PRIVATE
    KEY-----", PKCS#1): "We support only base64 encoded RSA keys"."""
    if 'BEGIN RSA PRIVATE KEY' in key_pem:
        return key_pem
    from cryptography.hazmat.primitives import serialization
    key = serialization.load_pem_private_key(key_pem.encode('ascii'), password=None)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode('ascii')


def certificate_payload(local):
    """POST /certificate/ body (seed "Upload certificate"): the certificate, its
    RSA key and, when there is a chain, ca_bundle."""
    body = dict(certificate=local.certificate_pem, key=rsa_traditional_pem(local.private_key_pem))
    if local.chain_pem:
        body['ca_bundle'] = local.chain_pem
    return body


def zone_serves(zone_domains, hostname):
    """The zone's custom domains UCDN serves a certificate for ``hostname`` on."""
    return [d for d in zone_domains if d and hostname and covers([hostname], d)]


# --- cdn_storage ----------------------------------------------------------------

def canonical_storage(body, size=None):
    """A storage as UCDN shows it (seed "List storages", "Storage FTP") plus
    its size (seed "Storage consumed size"); the FTP password never in it."""
    size = size if isinstance(size, dict) else {}
    return dict(
        id=str(body['id']),
        name=body.get('container'),
        region=body.get('region'),
        ftp_host=body.get('ftp_host'),
        ftp_user=body.get('ftp_user'),
        synchronized_with_storage=body.get('synchronized_with_storage'),
        bytes=to_int(size.get('bytes')),
        objects=to_int(size.get('objects')),
        raw=redact(body),
    )


def storage_create_payload(desired):
    """POST /storage body (seed "Create storage"): name and region, both required."""
    return dict(name=desired['name'], region=desired['region'])


def storage_rotate_payload(region):
    """PATCH /storages body (seed "Reconfigure storages"): the only action documented."""
    return dict(action='change_ftp_password', region=region)


def _check_countries(option, values):
    codes = normalize_countries(values)
    for code in codes:
        if country_code(code) is None:
            raise CdnValidationError('settings.%s' % option, 'is not an ISO 3166-1 alpha-2 country code',
                                     value=code, allowed='two letters such as DE')
    return codes


# --- cdn_stats_info (seed "Usage report" .. "Status codes") ------------------------

def unix_time(moment):
    """Whole seconds since the epoch (a Unix timestamp, the form every report takes)."""
    return int((utc_naive(moment) - EPOCH).total_seconds() // 1)


def usage_date(moment):
    """date_from/date_to of the usage report: "GMT date in format YYYY-MM-DD or a
    Unix timestamp". Midnight UTC is sent as the date (the seed's example form),
    any other moment as the exact Unix timestamp."""
    moment = utc_naive(moment)
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return moment.strftime('%Y-%m-%d')
    return str(unix_time(moment))


def report_time(moment):
    """from/to of the time-slot reports: "YYYY-MM-DD HH:mm with optional timezone
    parameter or a Unix timestamp". Always the Unix timestamp: exact to the
    second and free of the account's report time zone (seed "Fetch account
    info": ``timezone`` "Timezone for the Control Panel reports")."""
    return str(unix_time(moment))


def _report(name):
    for report in STATS_REPORTS:
        if report[0] == name:
            return report
    raise CdnValidationError('report', 'is not a UCDN report', value=name, allowed=', '.join(STATS_REPORT_NAMES))


def stats_request(query):
    """(path, query parameters) of the report ``query`` asks for; the checks
    UCDN's parameter tables imply, raised before any request."""
    name, path, _key, granularities = _report(query.get('report') or STATS_REPORT_NAMES[0])
    zone = query.get('zone')
    granularity = query.get('granularity') or STATS_GRANULARITIES[0]
    if granularity != STATS_GRANULARITIES[0] and granularity not in granularities:
        if granularities:
            allowed = ', '.join(granularities)
        else:
            allowed = 'hour (the default: the %s report takes no grouping)' % name
        raise CdnValidationError('granularity', 'is not offered by the UCDN %s report' % name, value=granularity,
                                 allowed=allowed)
    if name == 'usage':
        # "for particular zone or this account as a whole when zone_id is omitted or 0"
        if zone is not None:
            path = api_path('reports/{}/', zone['id'])
        return path, dict(date_from=usage_date(query['start']), date_to=usage_date(query['end']))
    params = {'from': report_time(query['start']), 'to': report_time(query['end'])}
    if zone is not None:
        if name == 'storages':
            raise CdnValidationError('zone', 'has no meaning for the UCDN storages report (it measures the '
                                     'account\'s storages, not a zone)', allowed='omit zone with report storages')
        params['zones'] = str(zone['id'])
    if granularities:
        params['by'] = granularity
    return path, params


def _slot_number(slot, index):
    """The number at ``index`` of a [timestamp, value, ...] time slot; 0 when the slot holds none there."""
    return (to_number(slot[index]) or 0) if len(slot) > index else 0


def _slots(elements):
    """The [timestamp, value, ...] time slots of an answer, ill-formed ones left out."""
    return [e for e in _as_list(elements) if isinstance(e, (list, tuple)) and e and str(e[0]).strip()]


def parse_stats(name, body, start):
    """(series, totals) from a report answer. Slot timestamps come from each
    element's first value (the countries example's element_duration says 86400
    for hourly slots, so it is not trusted); numbers are named by the report,
    not by element_description (hits/ssl says "bytes served", a copy slip).
    totals None lets the core sum the series."""
    body = _as_dict(body)
    key = _report(name)[2]
    series = []
    if name == 'usage':
        totals = dict(bytes=to_number(body.get('bytes_served')) or 0, hits=to_number(body.get('hits')) or 0)
        return [dict(timestamp=iso_utc(start), **totals)], totals
    if name in ('countries', 'status_codes'):
        for label, slots in _as_dict(body.get('elements')).items():
            for slot in _slots(slots):
                point = dict(timestamp=iso_from_unix(slot[0]))
                if name == 'countries':
                    # ["unix timestamp of the time slot start", "hits from this country", "bytes served to this country"]
                    point.update(country=str(label).upper(), hits=_slot_number(slot, 1), bytes=_slot_number(slot, 2))
                else:
                    # ["unix timestamp of the time slot start", "hits", "percents of all"]
                    point.update(status_code=to_int(label), hits=_slot_number(slot, 1))
                series.append(point)
        label = 'country' if name == 'countries' else 'status_code'
        series.sort(key=lambda p: (p['timestamp'], p[label] if p[label] is not None else 0))
        return series, None
    for slot in _slots(body.get('elements')):
        series.append({'timestamp': iso_from_unix(slot[0]), key: _slot_number(slot, 1)})
    series.sort(key=lambda p: p['timestamp'])
    if name == 'storages':
        # "the used UCDN storage in bytes" is a level, not traffic: a sum over
        # hours means nothing, the period's peak does.
        return series, dict(bytes=max([p['bytes'] for p in series] or [0]))
    return series, None


# --- cdn_access_rule: the zone's geo filter and referers ------------------------

def zone_access_rules(raw):
    """Canonical rules of a zone: geo_filter allow/deny countries and the
    referers, which are an allow list ("Allow access only from certain
    referers"); UCDN has no IP rules and no referer deny list."""
    geo = _as_dict(raw.get('geo_filter'))
    rules = []
    for action in ('allow', 'deny'):
        for code in normalize_countries(geo.get(action)):
            rules.append(dict(type='country', action=action, value=code, id=None))
    for referer in normalize_referers(raw.get('referers')):
        try:
            value = normalize_rule_value('referrer', referer)
        except CdnValidationError:
            # Shown as UCDN holds it: a value the module would refuse is still current.
            value = referer
        rules.append(dict(type='referrer', action='allow', value=value, id=None))
    return rules


def access_settings(rules):
    """The zone settings (cdn_zone's names) that hold ``rules``."""
    return dict(
        geo_filter_allow=sorted(r['value'] for r in rules if r['type'] == 'country' and r['action'] == 'allow'),
        geo_filter_deny=sorted(r['value'] for r in rules if r['type'] == 'country' and r['action'] == 'deny'),
        referers=sorted(r['value'] for r in rules if r['type'] == 'referrer'),
    )


def check_access_rules(final):
    """What UCDN cannot hold, as a CdnValidationError naming option rules."""
    for rule in final:
        if rule['type'] == 'ip':
            raise CdnValidationError('rules', 'has an IP rule (%s): UCDN has no IP access rules' % rule['value'],
                                     allowed='country and referrer rules')
        if rule['type'] == 'referrer' and rule['action'] != 'allow':
            raise CdnValidationError(
                'rules', 'has a referrer deny rule (%s): a UCDN zone\'s referers only allow ("Allow access only '
                'from certain referers"); there is no referer deny list' % rule['value'],
                allowed='referrer rules with action allow (every other referrer is then refused)')
    settings = access_settings(final)
    both = sorted(set(settings['geo_filter_allow']) & set(settings['geo_filter_deny']))
    if both:
        raise CdnValidationError('rules', 'would both allow and deny the country %s' % ', '.join(both),
                                 allowed='one action per country (remove the other rule, or use purge_rules)')


def access_rules_payload(current_rules, final_rules):
    """PATCH /zone/{id} body turning the zone's current rules into the final
    ones: the whole geo_filter_allow / geo_filter_deny / referers lists that
    changed; clear_geo_filters / clear_referers when one becomes empty (the
    same builder as cdn_zone's settings)."""
    before = access_settings(current_rules)
    after = access_settings(final_rules)
    changes = dict((k, v) for k, v in after.items() if v != before[k])
    if not changes:
        return {}
    return settings_fields(changes, before)


# --- cdn_account_info (seed "Check user credentials", "Fetch account info", "Fetch subaccounts list") ---

# Subaccount keys that are credentials (the seed's example shows them all).
ACCOUNT_SECRETS = ('api_key', 'api_secret', 'password', 'secret_key_2fa', 'token')


def redact_account(body):
    clean = redact(copy.deepcopy(body))
    for key in ACCOUNT_SECRETS:
        if clean.get(key) not in (None, ''):
            clean[key] = REDACTED
    return clean


def canonical_account(body):
    """seed "Fetch account info": id, username, name, email, timezone, trial
    (ids and flags arrive as strings)."""
    body = _as_dict(body)
    return dict(
        id=str(body['id']) if body.get('id') is not None else None,
        username=body.get('username'),
        name=body.get('name'),
        email=body.get('email'),
        timezone=body.get('timezone'),
        trial=to_bool(body.get('trial')) if body.get('trial') is not None else None,
        raw=redact_account(body),
    )


def canonical_subaccount(body):
    """One account of seed "Fetch subaccounts list" (credentials masked)."""
    account = canonical_account(body)
    account.update(
        parent_id=str(body['parent_id']) if body.get('parent_id') not in (None, '') else None,
        status=body.get('status'),
        suspended=to_bool(body.get('suspended')) if body.get('suspended') is not None else None,
        max_zones=to_int(body.get('max_zones')),
        created=to_int(body.get('create_ts')),
    )
    return account


def subaccount_bodies(body):
    """The seed's example answers one account as a bare object although the call
    "Returns all accounts": take an object, a list, or an object of objects."""
    if isinstance(body, list):
        return [b for b in body if isinstance(b, dict)]
    if isinstance(body, dict):
        if 'id' in body:
            return [body]
        return [b for b in body.values() if isinstance(b, dict) and 'id' in b]
    return []


# --- answer checks: what the code reads, of the kind the seed documents ------------

# The JSON kinds field_problem tells apart.
KINDS = dict(object='a JSON object', list='a JSON list', strings='a JSON list of strings', string='a JSON string',
             scalar='a string or a number', names='a list of strings or a comma-separated string')
# "Fetch a zone" (the list has the same fields, "Fetch all zones"). geo_filter and limit_rate
# are never shown non-empty: their inner values are read liberally (names).
ZONE_FIELDS = (('cdn_domain', 'scalar'), ('object_size', 'scalar'), ('is_active', 'scalar'), ('storage_id', 'scalar'),
               ('upstream', 'object'), ('custom_domains', 'strings'), ('referers', 'strings'),
               ('geo_filter', 'object'), ('limit_rate', 'object'), ('error_pages', 'object'),
               ('cache_reuse_from', 'scalar'), ('expiration', 'scalar'), ('hash_secret', 'scalar'),
               ('hash_algorithm', 'scalar'), ('hash_ttl', 'scalar'), ('reconfig_status', 'scalar'),
               ('ssl_type', 'scalar'))
UPSTREAM_FIELDS = (('endpoints', 'list'), ('auth', 'object'), ('type', 'scalar'), ('proto', 'scalar'),
                   ('host_header', 'scalar'))
ENDPOINT_FIELDS = (('host', 'scalar'), ('port', 'scalar'), ('bucket', 'scalar'), ('region', 'scalar'))
GEO_FILTER_FIELDS = (('allow', 'names'), ('deny', 'names'))
LIMIT_RATE_FIELDS = (('global', 'scalar'), ('security', 'scalar'))
# "Single certificate information"; used_in_zones entries as its example shows them.
CERTIFICATE_FIELDS = (('hostname', 'scalar'), ('fingerprint', 'scalar'), ('used_in_zones', 'list'))
CERTIFICATE_USE_FIELDS = (('domain', 'scalar'), ('cdn_domain', 'scalar'))
# "List storages", "Storage FTP": a storage is found by its container (its name).
STORAGE_FIELDS = (('container', 'string'), ('region', 'scalar'), ('ftp_host', 'scalar'), ('ftp_user', 'scalar'),
                  ('ftp_password', 'scalar'), ('synchronized_with_storage', 'scalar'))
# "View purge job", "List purge jobs".
PURGE_JOB_FIELDS = (('files', 'strings'), ('created_at', 'scalar'))
PURGE_STATUSES = ('waiting', 'running', 'finished', 'failed')
# "Fetch account info", "Fetch subaccounts list".
ACCOUNT_FIELDS = (('username', 'scalar'), ('name', 'scalar'), ('email', 'scalar'), ('timezone', 'scalar'),
                  ('trial', 'scalar'), ('parent_id', 'scalar'), ('status', 'scalar'), ('suspended', 'scalar'),
                  ('max_zones', 'scalar'), ('create_ts', 'scalar'))
# "Check user credentials".
LOGIN_FIELDS = (('authenticated', 'scalar'), ('user_id', 'scalar'), ('reason', 'scalar'), ('token', 'scalar'))
# Unix timestamps before year 10000 (iso_from_unix turns them into dates).
MAX_TIMESTAMP = 253402300800


def _shown(value):
    return repr(value)[:40]


def _is_kind(value, kind):
    if kind == 'object':
        # PHP encodes an empty object as [] (reference/provider-apis.md 3, quirk 2).
        return isinstance(value, dict) or value == []
    if kind == 'scalar':
        return not isinstance(value, (dict, list))
    if kind == 'string':
        return isinstance(value, str)
    if kind == 'names':
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    return isinstance(value, list) and (kind == 'list' or all(isinstance(v, str) for v in value))


def field_problem(item, what, fields):
    """The first field of ``item`` (an object of an answer) that is not of the kind
    the seed documents, as a sentence; None when all are usable. null or absent
    is no problem here: the seed says null means the feature is off."""
    for key, kind in fields:
        value = item.get(key)
        if value is not None and not _is_kind(value, kind):
            return '%s has %r as %s where %s is documented' % (what, key, type_name(value), KINDS[kind])
    return None


def items_problem(items, what, fields, key):
    """The first entry of a list in an answer that is not an object with a usable
    ``key`` and ``fields`` of their documented kinds, as a sentence; None when all are."""
    for index, item in enumerate(items or []):
        where = '%s[%d]' % (what, index)
        if not isinstance(item, dict):
            return '%s is %s where a JSON object is documented' % (where, type_name(item))
        if item.get(key) is None or not _is_kind(item[key], 'scalar'):
            return '%s has no usable %r (got %s)' % (where, key, type_name(item.get(key)))
        problem = field_problem(item, where, fields)
        if problem:
            return problem
    return None


def zone_problem(raw):
    """What in a zone object (``id`` already checked) the adapter cannot read, or None."""
    what = 'zone %s' % _shown(raw['id'])
    problem = field_problem(raw, what, ZONE_FIELDS)
    upstream = raw.get('upstream')
    if problem is None and isinstance(upstream, dict):
        problem = (field_problem(upstream, what + ' upstream', UPSTREAM_FIELDS)
                   or items_problem(upstream.get('endpoints'), what + ' upstream endpoints', ENDPOINT_FIELDS, 'host'))
    if problem is None and isinstance(raw.get('geo_filter'), dict):
        problem = field_problem(raw['geo_filter'], what + ' geo_filter', GEO_FILTER_FIELDS)
    if problem is None and isinstance(raw.get('limit_rate'), dict):
        problem = field_problem(raw['limit_rate'], what + ' limit_rate', LIMIT_RATE_FIELDS)
    if problem is None and isinstance(raw.get('error_pages'), dict):
        # {"404": url} (simulator's reading; the seed shows error_pages empty only).
        bad = sorted(k for k, v in raw['error_pages'].items() if not isinstance(v, str))
        if bad:
            problem = '%s has error_pages[%r] as %s where a URL is documented' % (
                what, bad[0], type_name(raw['error_pages'][bad[0]]))
    return problem


def certificate_problem(body):
    """What in a certificate object (``id`` already checked) the adapter cannot read, or None."""
    what = 'certificate %s' % _shown(body['id'])
    return (field_problem(body, what, CERTIFICATE_FIELDS)
            or items_problem(body.get('used_in_zones'), what + ' used_in_zones', CERTIFICATE_USE_FIELDS, 'zone_id'))


def storage_problem(body):
    return field_problem(body, 'storage %s' % _shown(body['id']), STORAGE_FIELDS)


def size_problem(body):
    """seed "Storage consumed size": bytes and objects, both ints. Deleting a storage
    depends on them (it must be empty), so neither may be missing."""
    for key in ('bytes', 'objects'):
        if not _is_number(body.get(key)):
            return '%r is %s where an int is documented' % (key, type_name(body.get(key)))
    return None


def purge_job_problem(body):
    """What in a purge job (``job_id`` already checked) the adapter cannot read, or None.
    A status the seed does not list would never count as done."""
    what = 'purge job %s' % _shown(body['job_id'])
    problem = field_problem(body, what, PURGE_JOB_FIELDS)
    if problem is None and body.get('status') not in PURGE_STATUSES:
        problem = '%s has the status %s; the seed documents %s' % (
            what, _shown(body.get('status')), ', '.join(PURGE_STATUSES))
    return problem


def account_problem(body):
    what = 'account %s' % _shown(body.get('id'))
    if not _is_kind(body.get('id'), 'scalar'):
        return '%s has an id that is %s' % (what, type_name(body.get('id')))
    return field_problem(body, what, ACCOUNT_FIELDS)


def _is_number(value):
    """A finite number, or a string holding one (UCDN sends numbers as strings too)."""
    return to_number(value) is not None


def stats_problem(name, body):
    """What makes a report answer unusable (None when it is usable): usage answers
    the numbers "hits" and "bytes_served"; the others "elements", a list of time
    slots [timestamp, value, ...] (seed "Bytes served" .. "Storages"), or for
    countries and status codes an object of such lists by country or code."""
    if name == 'usage':
        for key in ('hits', 'bytes_served'):
            if not _is_number(body.get(key)):
                return '%r is %s where an int is documented' % (key, type_name(body.get(key)))
        return None
    elements = body.get('elements')
    if name in ('countries', 'status_codes'):
        # An empty object arrives as [] (reference/provider-apis.md 3, quirk 2).
        if not _is_kind(elements, 'object'):
            return "'elements' is %s where a JSON object is documented" % type_name(elements)
        groups = sorted(elements.items()) if isinstance(elements, dict) else []
    elif not isinstance(elements, list):
        return "'elements' is %s where a JSON list is documented" % type_name(elements)
    else:
        groups = [(None, elements)]
    # The values read of a slot: countries [time, hits, bytes]; all others [time, value].
    width = 3 if name == 'countries' else 2
    for label, slots in groups:
        where = "'elements'" if label is None else "'elements'[%r]" % label
        if name == 'status_codes' and not re.match(r'^[0-9]{3}$', label):
            return '%s: %s is not an HTTP status code' % (where, _shown(label))
        if not isinstance(slots, list):
            return '%s is %s where a JSON list of time slots is documented' % (where, type_name(slots))
        for slot in slots:
            if not (isinstance(slot, list) and len(slot) >= width and all(_is_number(v) for v in slot[:width])
                    and 0 <= float(slot[0]) < MAX_TIMESTAMP):
                return '%s holds the time slot %s where [unix timestamp, number%s] is documented' % (
                    where, _shown(slot), ', number' if width == 3 else '')
    return None


def _same_id(asked, got):
    """Whether an answer's id is the id asked for (digits compared as numbers: 01 is 1)."""
    asked, got = str(asked).strip(), str(got).strip()
    if asked == got:
        return True
    return bool(re.match(r'^[0-9]+$', asked) and re.match(r'^[0-9]+$', got)) and int(asked) == int(got)


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = UcdnDialect

    def __init__(self, client, run=None, params=None):
        super(Adapter, self).__init__(client, run=run, params=params)
        # The provider's own zone objects by id, secrets included: only used to
        # resend an upstream's auth unchanged, never returned.
        self._raw = {}
        # What the local certificate's PEM says, by fingerprint (UCDN shows only the fingerprint).
        self._known = {}
        # Storage FTP passwords by storage id: returned only when the user asks.
        self._storage_secrets = {}

    @classmethod
    def auth_options(cls, token, user):
        # Documented alternative to ?token=: keeps the secret out of URLs and logs.
        return dict(headers={'X-UCDN-Token': token})

    # reads

    def _check(self, problem, operation, status=None):
        if problem:
            raise self.client.answer_error(operation, problem, status=status)

    def _check_id(self, asked, got, what, operation):
        """An answer about another object than the one asked for must not steer the next request."""
        if not _same_id(asked, got):
            raise self.client.answer_error(operation, 'it describes %s %s, not %s %s, which was asked for'
                                           % (what, _shown(got), what, _shown(asked)))

    def _written(self, response, shape, operation):
        """The body of a write's answer, of its documented shape. A write whose answer
        cannot be used may have been applied: the error says so, so the core reads
        back (recovery.send_recovering) rather than sending the write again."""
        try:
            return self.client.expect(response.body, shape, operation, status=response.status)
        except CdnError as exc:
            exc.maybe_applied = True
            raise

    def _remember(self, raw, hostname=None):
        self._raw[str(raw['id'])] = raw
        return canonical_zone(raw, hostname, self.secrets)

    def _list_raw(self):
        # seed "Fetch all zones": an array of zone objects, each as "Fetch a zone" describes it.
        body = self.client.request('GET', 'zones', 'list zones', expect=('list', ('id',))).body
        for raw in body:
            self._check(zone_problem(raw), 'list zones')
        return body

    def list_zones(self):
        return [self._remember(z) for z in self._list_raw()]

    def get_zone(self, zone_id, hostname=None):
        response = self.client.request('GET', api_path('zone/{}', zone_id), 'get zone', allow_not_found=True,
                                       expect=('object', ('id',)))
        if response is None:
            return None
        self._check_id(zone_id, response.body['id'], 'zone', 'get zone')
        self._check(zone_problem(response.body), 'get zone')
        return self._remember(response.body, hostname)

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id, hostname)
        # A zone is found by its hostname among any of its custom_domains.
        for raw in self._list_raw():
            domains = [normalize_hostname(d) for d in _as_list(raw.get('custom_domains'))]
            if hostname in domains:
                return self._remember(raw, hostname)
        return None

    def zone_ready(self, zone):
        # reconfig_status: only "ready" and "reconfiguring" are known (reference 3).
        return zone.get('status') == 'ready'

    def validate_zone(self, desired, state):
        if state != 'present':
            return
        origin = desired.get('origin')
        if origin is not None:
            if origin.startswith('storage:'):
                if desired.get('origin_host_header'):
                    raise CdnValidationError('origin_host_header', 'has no meaning for a zone pulling from UCDN '
                                             'storage', allowed='no origin_host_header with origin storage:<name>')
                desired['origin'] = self._storage_origin(origin)
            elif split_url(origin)[3]:
                raise CdnValidationError('origin', 'has a path; a UCDN upstream is a host and port only',
                                         value=origin, allowed='e.g. https://origin.example.com:8443')
            else:
                desired['origin'] = canonical_origin(origin)
        if desired.get('aliases') and desired.get('hostname'):
            # custom_domains holds the hostname once; it is never also an alias.
            desired['aliases'] = [a for a in desired['aliases'] if a != desired['hostname']]
        if desired.get('settings'):
            normalize_desired_settings(desired['settings'])
            for key in SECRET_SETTINGS:
                self.take_secret_setting(desired['settings'], key)

    def _storage_origin(self, origin):
        """``storage:<name or id>`` as the zone shows it (``storage:<id>``); a read, no write."""
        ref = origin.split(':', 1)[1].strip()
        if not ref:
            raise CdnValidationError('origin', 'names no storage', value=origin,
                                     allowed='storage:<name or id of a UCDN storage>')
        found = [s for s in self.list_storages() if ref in (s['name'], s['id'])]
        if not found:
            raise CdnValidationError('origin', 'names no UCDN storage of this account', value=origin,
                                     allowed='storage:<name> of a storage created with edgeops.cdn.cdn_storage')
        # The zone takes storage_id as an int (storage_origin_fields; seed "List storages": "id int").
        if not re.match(r'^[0-9]+$', found[0]['id']):
            raise self.client.answer_error('list storages', 'storage %s has the id %s where an int is documented'
                                           % (found[0]['name'], _shown(found[0]['id'])))
        return 'storage:%s' % found[0]['id']

    # writes

    def create_zone(self, desired):
        if not desired.get('origin'):
            raise CdnValidationError('origin', 'is required to create a UCDN zone (its upstream)',
                                     allowed='an http:// or https:// URL')
        response = self.client.request('POST', 'zone', 'create zone', json=create_payload(desired, self.secrets),
                                       ok=(200, 201))
        # seed "Create a new zone": {"zone_id": 5}.
        body = self._written(response, ('object', ('zone_id',)), 'create zone')
        zone = self.get_zone(body['zone_id'], desired['hostname'])
        if zone is not None and desired.get('enabled') is False and zone.get('enabled'):
            # is_active is not a create parameter: disable right after.
            self._patch(zone, helper_flags('disable'))
            zone = self.get_zone(zone['id'], desired['hostname'])
        return zone

    def update_zone(self, current, changes, desired):
        settings = changes.get('settings') or {}
        if 'object_size' in settings:
            raise CdnUnsupportedError(
                'UCDN cannot change object_size of an existing zone (%s to %s); '
                'the seed: "you cannot change the zone object size type"'
                % (current['settings'].get('object_size'), settings['object_size']),
                provider=self.name, operation='update zone')
        upstream = _as_dict(self._raw.get(str(current['id']), {}).get('upstream')) or None
        body = update_payload(current, changes, desired, current_upstream=upstream, secrets=self.secrets)
        if not body:
            return current
        self._patch(current, body)
        return self.get_zone(current['id'], desired.get('hostname') or current.get('hostname'))

    def delete_zone(self, current):
        self.client.request('DELETE', api_path('zone/{}', current['id']), 'delete zone', ok=(200, 204))
        self._raw.pop(str(current['id']), None)

    def predict_zone(self, desired):
        zone = super(Adapter, self).predict_zone(desired)
        zone['settings'] = dict(zone.get('settings') or {})
        zone['settings'].setdefault('object_size', DEFAULT_OBJECT_SIZE)
        zone.setdefault('aliases', [])
        zone.setdefault('enabled', True)
        if desired.get('origin') and not is_storage_origin(desired['origin']) and 'origin_host_header' not in zone:
            zone['origin_host_header'] = split_url(desired['origin'])[1]
        zone['status'] = 'reconfiguring'
        return zone

    # purge jobs (seed "Purge files" .. "Delete a purge job")

    def purge_batch(self, zone, items, kind):
        response = self.client.request('POST', api_path('purge/zone/{}/', zone['id']), 'purge files',
                                       json=dict(files='\n'.join(items)), ok=(200, 201, 204))
        if response.body is None:
            # A 204 (the seed's table) carries no job id: nothing to follow (reference A, UCDN v3).
            return [dict(id=None, status='accepted', done=True, failed=None, urls=len(items), raw={})]
        # seed "Purge files" example: {"message": ..., "job_id": "<32 hex>"}.
        body = self._written(response, ('object', ('job_id',)), 'purge files')
        return [dict(id=str(body['job_id']), status='waiting', done=False, failed=None, urls=len(items), raw=body)]

    def purge_job(self, job):
        found = self.get_purge_job(job['id'], urls=job.get('urls'))
        if found is None:
            return dict(job, status='not found', done=True, failed='UCDN purge job %s not found' % job['id'])
        return found

    def get_purge_job(self, job_id, urls=None):
        response = self.client.request('GET', api_path('purge/job/{}/', job_id), 'get purge job', allow_not_found=True,
                                       expect=('object', ('job_id',)))
        if response is None:
            return None
        self._check_id(job_id, response.body['job_id'], 'purge job', 'get purge job')
        self._check(purge_job_problem(response.body), 'get purge job')
        return canonical_purge_job(response.body, urls)

    def list_purge_jobs(self, status=None, limit=None):
        query = {}
        if status:
            query['status'] = status
        if limit:
            query['count'] = limit
        # Read before a purge is sent again (purge.py _find_jobs): every job must be readable.
        body = self.client.request('GET', 'purge/', 'list purge jobs', params=query or None,
                                   expect=('list', ('job_id',))).body
        for job in body:
            self._check(purge_job_problem(job), 'list purge jobs')
        return [canonical_purge_job(b) for b in body]

    def delete_purge_job(self, job):
        if job.get('status') not in PURGE_DELETABLE:
            raise CdnUnsupportedError('UCDN can delete only waiting or finished purge jobs; job %s is %s'
                                      % (job['id'], job.get('status')), provider=self.name, operation='delete purge job')
        self.client.request('DELETE', api_path('purge/job/{}/', job['id']), 'delete purge job', ok=(200, 204),
                            allow_not_found=True)

    # origins: the zone's upstream (seed "Create a new zone" examples, "Replace a single zone parameter")

    def find_origin(self, desired):
        zone = self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True)
        return canonical_upstream(self._raw[str(zone['id'])], zone.get('hostname'))

    def list_origins(self):
        origins = []
        for raw in self._list_raw():
            self._remember(raw)
            origins.append(canonical_upstream(raw))
        return origins

    def validate_origin(self, desired, state):
        auth = desired.get('auth') or {}
        if auth.get('type') == 'http_basic':
            for index, endpoint in enumerate(desired.get('endpoints') or []):
                for key in ('bucket', 'region'):
                    if endpoint.get(key):
                        raise CdnValidationError(
                            'endpoints[%d].%s' % (index, key), 'belongs to an aws-s3 upstream, not to http_basic auth',
                            allowed='auth.type aws_secret_key or aws_signing_key with a bucket and region')

    def update_origin(self, current, changes, desired):
        raw = self._raw.get(str(current['zone'])) or {}
        if raw.get('storage_id'):
            raise CdnUnsupportedError('zone %s pulls from UCDN storage %s, not from an upstream; set an http(s) '
                                      'origin with edgeops.cdn.cdn_zone first' % (current['zone'], raw['storage_id']),
                                      provider=self.name,
                                      operation='update origin')
        body = origin_update_payload(raw.get('upstream'), changes)
        self._patch(dict(id=current['zone']), body)
        zone = self.get_zone(current['zone'])
        if zone is None:
            raise CdnNotFoundError('zone %s disappeared while its upstream was changed' % current['zone'],
                                   provider=self.name, operation='update origin')
        return canonical_upstream(self._raw[str(zone['id'])], current.get('name'))

    # certificates (seed "List all certificates" .. "Delete certificate")

    def validate_certificate(self, local):
        if 'RSA' not in (local.key_type or ''):
            raise CdnValidationError(
                'private_key', 'is not an RSA key (%s); UCDN: "We support only base64 encoded RSA keys"'
                % (local.key_type or 'unknown type'), allowed='an RSA private key and a certificate issued for it')
        if local.name:
            raise CdnValidationError('name', 'is not supported: UCDN certificates have no name; the host name in '
                                     'the certificate identifies them', allowed='hostname, or leave both unset')
        filed_as = ucdn_hostname(local.info)
        if self.params.get('hostname') and local.hostname != filed_as:
            raise CdnValidationError(
                'hostname', 'is %s, but UCDN files this certificate under %s (its common name, or first DNS '
                'name without one)' % (local.hostname, filed_as), allowed='%s, or leave hostname unset' % filed_as)
        # Rotation finds the certificate this one replaces by the host name UCDN shows.
        local.hostname = filed_as
        zone = self.params.get('zone')
        if zone and '.' in str(zone) and not zone_serves([normalize_hostname(zone)], filed_as):
            raise CdnValidationError(
                'zone', '%s would not be served with this certificate: UCDN uses it for the custom domain %s only'
                % (normalize_hostname(zone), filed_as), allowed='a zone whose custom domains include %s' % filed_as)
        self._known[local.info['fingerprint']] = local.info
        if zone:
            # Reads only: whether the zone can serve it at all (its custom domains
            # and ssl_type), so check mode fails as the real run would.
            found = self.find_zone_ref(zone)
            if found is not None:
                self._check_serves(self._raw[str(found['id'])], filed_as)

    def _certificate(self, body):
        return canonical_certificate(body, self._known)

    def list_certificates(self):
        # seed "List all certificates": "an array with objects", each as "Single certificate information".
        body = self.client.request('GET', 'certificates', 'list certificates', expect=('list', ('id',))).body
        for cert in body:
            self._check(certificate_problem(cert), 'list certificates')
        return [self._certificate(c) for c in body]

    def get_certificate(self, cert_id):
        response = self.client.request('GET', api_path('certificate/{}', cert_id), 'get certificate',
                                       allow_not_found=True, expect=('object', ('id',)))
        if response is None:
            return None
        self._check_id(cert_id, response.body['id'], 'certificate', 'get certificate')
        self._check(certificate_problem(response.body), 'get certificate')
        return self._certificate(response.body)

    def _by_fingerprint(self, fingerprint):
        return next((c for c in self.list_certificates() if c.get('fingerprint') == fingerprint), None)

    def upload_certificate(self, local):
        fingerprint = local.info['fingerprint']
        try:
            response = self.client.request('POST', 'certificate/', 'upload certificate',
                                           json=certificate_payload(local), ok=(200, 201))
        except CdnError as exc:
            if exc.maybe_applied:
                # A lost answer: the fingerprint tells whether the upload happened.
                found = self._by_fingerprint(fingerprint)
                if found is not None:
                    return found
            if exc.status == 409:
                # The seed's only upload error ("409 string Error message"): UCDN's words are the explanation.
                raise CdnApiError('UCDN refused the certificate for %s (fingerprint %s)' % (local.hostname, fingerprint),
                                  provider=self.name, operation='upload certificate', status=409,
                                  provider_message=exc.provider_message, request_id=exc.request_id)
            raise
        # seed "Upload certificate" example: {"message": "Certificate saved", "id": 41}.
        body = self._written(response, ('object', ('id',)), 'upload certificate')
        cert = self.get_certificate(body['id'])
        return cert or self._by_fingerprint(fingerprint) or dict(
            id=str(body['id']), name=None, hostname=local.hostname, fingerprint=fingerprint, zones=[], raw=body)

    def delete_certificate(self, current):
        # 404 "certificate did not exists": already gone is what was wanted.
        self.client.request('DELETE', api_path('certificate/{}', current['id']), 'delete certificate', ok=(200, 204),
                            allow_not_found=True)

    def _check_serves(self, raw, hostname):
        """Refuse (before any write) a zone that cannot serve a certificate for ``hostname``."""
        if 'ssl_type' not in raw:
            # Only the single-zone answer carries ssl_type (seed "Fetch a zone").
            self.get_zone(raw['id'])
            raw = self._raw.get(str(raw['id']), raw)
        if raw.get('ssl_type') not in (None, '', 'own'):
            raise CdnUnsupportedError(
                'zone %s uses UCDN\'s shared SSL (ssl_type %s), where custom domains and uploaded certificates have '
                'no effect; the API cannot change ssl_type' % (raw['id'], raw.get('ssl_type')),
                provider=self.name, operation='bind certificate')
        domains = [normalize_hostname(d) for d in _as_list(raw.get('custom_domains'))]
        served = zone_serves(domains, hostname)
        if not served:
            raise CdnValidationError(
                'zone', 'zone %s (custom domains: %s) would not be served with the certificate for %s: UCDN uses a '
                'certificate for the custom domain of its host name' % (raw['id'], ', '.join(domains) or 'none', hostname),
                allowed='add %s to the zone with edgeops.cdn.cdn_zone aliases, or pick the zone that has it' % hostname)
        return served

    def bind_certificate(self, zone, certificate):
        """Nothing to send: UCDN serves a certificate on the zone's custom domain
        of its host name. Refuse a zone that cannot serve it."""
        if str(zone['id']) in [str(z) for z in certificate.get('zones') or []]:
            return False
        raw = self._raw.get(str(zone['id'])) or dict(id=zone['id'], custom_domains=zone_hostnames(zone))
        self._check_serves(raw, certificate.get('hostname'))
        other = next((c for c in self.list_certificates()
                      if str(zone['id']) in c['zones'] and c['id'] != str(certificate['id'])), None)
        if other is not None:
            raise CdnUnsupportedError(
                'zone %s serves certificate %s (%s) rather than %s: UCDN picks one certificate per host name and the '
                'API has no binding call; delete certificate %s (state=absent) to serve %s'
                % (zone['id'], other['id'], other.get('hostname'), certificate['id'], other['id'], certificate['id']),
                provider=self.name, operation='bind certificate')
        return False

    def request_acme(self, zone, check_mode=False):
        """POST letsencrypt/{zone_id} (seed "Add Letsencrypt for zone"): 202
        started, 200 "Nothing changed". Check mode cannot ask UCDN; it predicts
        a change unless every custom domain of the zone already has a
        certificate in use (a request still running shows no certificate yet,
        so it may predict a change the real run then reports as none)."""
        domains = zone_hostnames(zone)
        if not domains:
            raise CdnValidationError('zone', 'zone %s has no custom domains; UCDN requests Let\'s Encrypt '
                                     'certificates for the additional domains of the zone' % zone['id'],
                                     allowed='add them with edgeops.cdn.cdn_zone hostname and aliases first')
        if check_mode:
            served = set()
            for cert in self.list_certificates():
                for use in _as_list(cert['raw'].get('used_in_zones')):
                    if isinstance(use, dict) and str(use.get('zone_id')) == str(zone['id']):
                        served.add(normalize_hostname(use.get('domain')))
            return any(d not in served for d in domains)
        response = self.client.request('POST', api_path('letsencrypt/{}', zone['id']), 'request letsencrypt',
                                       json=dict(zone_id=to_int(zone['id'])), ok=(200, 202))
        return response.status == 202

    # storages (seed "Create storage" .. "Remove storage")

    def _storage_bodies(self):
        # seed "List storages": an array of storage objects; read before a create (found by container).
        body = self.client.request('GET', 'storages', 'list storages', expect=('list', ('id', 'container'))).body
        for item in body:
            self._check(storage_problem(item), 'list storages')
        for item in body:
            self._storage_secrets[str(item['id'])] = item.get('ftp_password')
        return body

    def list_storages(self):
        return [canonical_storage(b) for b in self._storage_bodies()]

    def _with_size(self, body):
        # Read before a delete (storage_delete_blockers: it must be empty); 404: the storage is gone.
        response = self.client.request('GET', api_path('storage/{}/size', body['id']), 'get storage size',
                                       allow_not_found=True, expect='object')
        if response is not None:
            self._check(size_problem(response.body), 'get storage size')
        return canonical_storage(body, response.body if response is not None else None)

    def get_storage(self, storage_id):
        response = self.client.request('GET', api_path('storage/{}', storage_id), 'get storage', allow_not_found=True,
                                       expect=('object', ('id', 'container')))
        if response is None:
            return None
        self._check_id(storage_id, response.body['id'], 'storage', 'get storage')
        self._check(storage_problem(response.body), 'get storage')
        self._storage_secrets[str(response.body['id'])] = response.body.get('ftp_password')
        return self._with_size(response.body)

    def find_storage(self, desired):
        body = next((b for b in self._storage_bodies() if b.get('container') == desired['name']), None)
        return self._with_size(body) if body is not None else None

    def create_storage(self, desired):
        response = self.client.request('POST', 'storage', 'create storage', json=storage_create_payload(desired),
                                       ok=(200, 201))
        # seed "Create storage" example: {"message": "Storage Created", "id": 3}.
        body = self._written(response, ('object', ('id',)), 'create storage')
        found = self.get_storage(body['id'])
        if found is None:
            raise CdnNotFoundError('storage %s was created but UCDN does not show it' % desired['name'],
                                   provider=self.name, operation='create storage')
        return found

    def storage_delete_blockers(self, current):
        """Seed "Remove storage": "it must be empty and there must be no cache
        zone using it as its origin"."""
        reasons = []
        users = [raw for raw in self._list_raw() if str(raw.get('storage_id') or '') == str(current['id'])]
        if users:
            names = ['%s (id %s)' % (canonical_zone(raw)['hostname'] or raw.get('cdn_domain'), raw['id'])
                     for raw in users]
            reasons.append('zone %s uses it as origin' % ', '.join(names))
        if current.get('bytes') or current.get('objects'):
            reasons.append('it is not empty (%s bytes, %s objects)' % (current.get('bytes'), current.get('objects')))
        return reasons

    def delete_storage(self, current):
        reasons = self.storage_delete_blockers(current)
        if reasons:
            raise CdnUnsupportedError('UCDN storage %s (id %s) cannot be deleted: %s; nothing was deleted'
                                      % (current['name'], current['id'], '; '.join(reasons)),
                                      provider=self.name, operation='delete storage')
        self.client.request('DELETE', api_path('storage/{}', current['id']), 'delete storage', ok=(200, 204),
                            allow_not_found=True)

    def storage_password(self, current):
        return self._storage_secrets.get(str(current['id']))

    def rotate_storage_password(self, region):
        response = self.client.request('PATCH', 'storages', 'rotate storage FTP passwords',
                                       json=storage_rotate_payload(region), ok=(200,))
        # seed "Reconfigure storages": {"new_ftp_password": ...}. Without it the password
        # known from before is no longer valid: say so rather than return that one.
        body = response.body
        password = body.get('new_ftp_password') if isinstance(body, dict) else None
        if not isinstance(password, str) or not password:
            got = 'its new_ftp_password is %s' % type_name(password) if isinstance(body, dict) \
                else 'it is %s' % type_name(body)
            raise self.client.answer_error(
                'rotate storage FTP passwords', 'UCDN changed the FTP passwords of region %s, but %s where a string '
                'is documented; return_credentials without rotate_ftp_password shows the new one' % (region, got),
                status=response.status)
        return password

    def _patch(self, zone, body):
        self.client.request('PATCH', api_path('zone/{}', zone['id']), 'update zone', json=body, ok=(200, 204))

    # statistics (seed "Usage report" .. "Status codes")

    def get_stats(self, query):
        name = query.get('report') or STATS_REPORT_NAMES[0]
        path, params = stats_request(query)
        operation = 'get %s report' % name
        body = self.client.request('GET', path, operation, params=params, expect='object').body
        self._check(stats_problem(name, body), operation)
        series, totals = parse_stats(name, body, query['start'])
        return dict(series=series, totals=totals, raw=body)

    # access rules: the zone's geo_filter and referers (seed "Fetch a zone",
    # "Replace a single zone parameter")

    def list_access_rules(self, zone):
        # Always a fresh read: the core lists again after a write for the result.
        found = self.get_zone(zone['id'])
        if found is None:
            raise CdnNotFoundError('zone %s not found' % zone['id'], provider=self.name, operation='list access rules')
        return zone_access_rules(self._raw[str(found['id'])])

    def validate_access_rules(self, zone, final_rules):
        check_access_rules(final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        # Whole lists: UCDN replaces geo_filter_allow, geo_filter_deny and referers as sent.
        if current is None:
            current = self.list_access_rules(zone)
        body = access_rules_payload(current, final)
        if body:
            self._patch(zone, body)

    # account (seed "Fetch account info", "Fetch subaccounts list", "Check user credentials")

    def get_account(self):
        body = self.client.request('GET', 'account', 'get account', expect='object').body
        self._check(account_problem(body), 'get account')
        return canonical_account(body)

    def list_subaccounts(self):
        # seed "Fetch subaccounts list": "Returns all accounts", yet "200 object" and one bare
        # account in the example: a list, one account, or an object of accounts ({} or [] for none).
        body = self.client.request('GET', 'subaccounts', 'list subaccounts', expect='object|list').body
        items = [body] if isinstance(body, dict) and 'id' in body else body
        if isinstance(items, dict):
            items = list(items.values())
        self.client.expect(items, ('list', ('id',)), 'list subaccounts')
        for item in items:
            self._check(account_problem(item), 'list subaccounts')
        return [canonical_subaccount(b) for b in subaccount_bodies(body)]

    def check_login(self, email, password):
        """POST check/login/: whether the e-mail (or user name) and password
        belong to a user. It changes nothing (sent again safely); 401 is
        "Invalid login credentials". The token it answers is never returned:
        only whether it is the token this module runs with."""
        response = self.client.request('POST', 'check/login/', 'check login', json=dict(email=email, password=password),
                                       ok=(200, 401), idempotent=True)
        if response.status == 200:
            # seed "Check user credentials": an object; a 401 may carry a bare message.
            self.client.expect(response.body, 'object', 'check login', status=200)
            self._check(field_problem(response.body, 'the answer', LOGIN_FIELDS), 'check login', status=200)
        body = _as_dict(response.body)
        authenticated = response.status == 200 and to_bool(body.get('authenticated'))
        token = self.client.session.headers.get('X-UCDN-Token')
        reason = body.get('reason') or body.get('message')
        if reason is None and response.status == 401:
            reason = 'Invalid login credentials'
        return dict(
            authenticated=bool(authenticated),
            user_id=str(body['user_id']) if authenticated and body.get('user_id') is not None else None,
            reason=reason,
            same_account=(body.get('token') == token) if authenticated and body.get('token') else None,
        )
