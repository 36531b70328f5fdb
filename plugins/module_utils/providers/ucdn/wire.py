# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN API v3: pure translation between the API's shapes and the modules' option shapes.

No I/O: canonical_* read UCDN objects into the canonical shapes of
module_utils/interfaces/, *_payload and *_fields build request bodies from options,
and the date and report conversions of cdn_stats_info; all unit-tested
(tests/unit/plugins/module_utils/providers/ucdn/test_wire.py).

Source: the "UCDN API v3" documentation, https://api.ucdn.com/docs/ (sections quoted
by title, e.g. "Create a new zone"); the project's decisions where it is silent or
contradicts itself: docs/providers/ucdn.md ("Decisions where the API document is silent").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import api_path, redact
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.names import covers, normalize_rule_value
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import SECRET_DIFFERS, secret_view
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# cdn_stats_info: report name -> (path as the document writes it, number key of the
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
# The ``by`` values of the reports ("Bytes served": "One of to following: 5min, hour, day"), its default first.
STATS_GRANULARITIES = ('hour', '5min', 'day')
# UCDN API v3 "Create a new zone": hash_algorithm "md5" or "sha1".
HASH_ALGORITHMS = ('md5', 'sha1')

PURGE_DONE = ('finished', 'failed')
# "Only purge jobs which are waiting or finished can be deleted" (UCDN API v3 "Delete a purge job").
PURGE_DELETABLE = ('waiting', 'finished')

# Upstream auth and zone keys that hold secrets: never in a result, diff or log.
SECRET_FIELDS = ('password', 'secret_key', 'signing_key', 'hash_secret')
# Zone settings that are secrets (the security token's secret key).
SECRET_SETTINGS = ('hash_secret',)
# hash_secret: "valid url query string" (UCDN API v3 "Create a new zone"), read as RFC 3986's
# query characters: unreserved, sub-delims, ':', '@', '/', '?' and %XX escapes.
HASH_SECRET_RE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})+$")
# The upstream auth keys that are not secret (UCDN API v3 "Create a new zone" examples);
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


# --- the PATCH helpers: the one place that knows how they are sent ---------

def helper_flags(*names):
    """Body keys invoking the documented PATCH helpers (UCDN API v3 "Replace a single
    zone parameter", helpers table). The document does not say how a helper is
    invoked; this project sends each as a JSON body key with the value true
    (docs/providers/ucdn.md, "Decisions where the API document is silent")."""
    return dict((name, True) for name in names)


# --- normalisers: API shapes to canonical values ---------------------------

def as_list(value):
    """UCDN sends [] for an empty object and may take comma-separated strings."""
    if value in (None, '', {}, []):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(',') if v.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def as_dict(value):
    return value if isinstance(value, dict) else {}


def normalize_countries(values):
    return sorted(set(str(v).strip().upper() for v in as_list(values)))


def normalize_referers(values):
    return sorted(set(normalize_hostname(v) for v in as_list(values)))


def normalize_error_pages(value):
    """error_pages as sorted "status:url" strings, from the object the API
    answers ({"404": url}, or [] when empty) or the "status:url" list it takes."""
    if isinstance(value, dict):
        items = ['%s:%s' % (k, v) for k, v in value.items()]
    else:
        items = [str(v).strip() for v in as_list(value)]
    return sorted(set(items))


def upstream_origin(upstream):
    """Origin URL from the upstream object (proto, first endpoint host and port)."""
    upstream = as_dict(upstream)
    endpoints = as_list(upstream.get('endpoints'))
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
    geo = as_dict(raw.get('geo_filter'))
    limits = as_dict(raw.get('limit_rate'))
    settings = dict(
        object_size=raw.get('object_size'),
        geo_filter_allow=normalize_countries(geo.get('allow')),
        geo_filter_deny=normalize_countries(geo.get('deny')),
        referers=normalize_referers(raw.get('referers')),
        limit_rate_global=str(limits.get('global') or ''),
        limit_rate_security=str(limits.get('security') or 'off'),
        cache_reuse_from=to_int(raw.get('cache_reuse_from')) or 0,
        error_pages=normalize_error_pages(raw.get('error_pages')),
        # null means the feature is off (UCDN API v3 "Fetch a zone"); no TTL is shown as 0.
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
    domains = [normalize_hostname(d) for d in as_list(raw.get('custom_domains'))]
    if hostname and hostname in domains:
        primary = hostname
    else:
        primary = domains[0] if domains else None
    upstream = as_dict(raw.get('upstream'))
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
    upstream = copy.deepcopy(as_dict(current)) if current else dict(type='own', auth=dict(type='none'))
    if origin is not None:
        proto, endpoint = endpoint_from_origin(origin)
        endpoints = [e for e in as_list(upstream.get('endpoints')) if isinstance(e, dict)]
        if endpoints:
            endpoints[0] = dict(endpoints[0], **endpoint)
        else:
            endpoints = [endpoint]
        upstream['endpoints'] = endpoints
        upstream['proto'] = proto
        if not current and host_header is None:
            # As every example of "Create a new zone" does: the origin's own name as the Host header.
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
    """Zone fields making a UCDN storage the zone's origin. The document shows the
    link only as the zone's ``storage_id`` ("If this zone uses UCDN Storage as
    its origin, this is the ID of this storage") and sends readers to the zone
    calls "for details on how to use particular UCDN storage", which list no
    such parameter; this project sends ``storage_id`` in place of ``upstream``
    (an inference: docs/providers/ucdn.md, "Decisions where the API document is silent")."""
    return dict(storage_id=int(origin.split(':', 1)[1]))


def create_payload(desired, secrets=None):
    """POST /zone body (UCDN API v3 "Create a new zone"): upstream and object_size
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
    """PATCH /zone/{id} body holding only what changed (UCDN API v3 "Replace a single
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
    """hash_secret, hash_algorithm and hash_ttl (UCDN API v3 "Create a new zone"). The
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
    files = as_list(body.get('files'))
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
    upstream = as_dict(raw.get('upstream'))
    proto = str(upstream.get('proto') or 'http').lower()
    endpoints = []
    for endpoint in as_list(upstream.get('endpoints')):
        if not isinstance(endpoint, dict) or not endpoint.get('host'):
            continue
        item = dict(host=normalize_hostname(endpoint['host']),
                    port=to_int(endpoint.get('port')) or DEFAULT_PORTS.get(proto))
        for key in ('bucket', 'region'):
            if endpoint.get(key) not in (None, ''):
                item[key] = str(endpoint[key])
        endpoints.append(item)
    auth = dict((k, str(v)) for k, v in as_dict(upstream.get('auth')).items()
                if k in PUBLIC_AUTH_KEYS and v not in (None, ''))
    auth.setdefault('type', 'none')
    domains = [normalize_hostname(d) for d in as_list(raw.get('custom_domains'))]
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
    S3 (UCDN API v3 "Create a new zone", aws examples); basic auth means own; otherwise
    the zone keeps its type."""
    auth_type = as_dict(upstream.get('auth')).get('type') or 'none'
    endpoints = [e for e in as_list(upstream.get('endpoints')) if isinstance(e, dict)]
    if auth_type.startswith('aws_') or any(e.get('bucket') or e.get('region') for e in endpoints):
        return 'aws-s3'
    if auth_type == 'http_basic':
        return 'own'
    return current_type if current_type in UPSTREAM_TYPES else 'own'


def endpoint_payload(endpoint, proto, kind):
    """One upstream endpoint; an aws-s3 endpoint on the protocol's default port
    carries no port, like the aws-s3 examples of UCDN API v3 "Create a new zone"."""
    item = dict(host=endpoint['host'])
    port = endpoint.get('port')
    if port is not None and not (kind == 'aws-s3' and port == DEFAULT_PORTS.get(proto)):
        item['port'] = port
    for key in ('bucket', 'region'):
        if endpoint.get(key):
            item[key] = endpoint[key]
    return item


def origin_update_payload(upstream, changes):
    """PATCH /zone/{id} body for cdn_origin ``changes`` (UCDN API v3 "Replace a single
    zone parameter").

    Only turning auth off: the ``clear_origins_auth`` helper alone, so the
    upstream (and no secret) is sent at all. Anything else: the whole upstream
    object ("valid upstream object"), built from UCDN's own answer so what the
    user did not set is kept; its auth secrets must then be resent, which is
    possible only when UCDN showed them or the user gave ``auth``.
    """
    upstream = as_dict(upstream)
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
    new_auth = as_dict(new.get('auth')) or dict(type='none')
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
    first DNS name (the upload takes no host name: UCDN API v3 "Upload certificate")."""
    return info.get('common_name') or (info.get('sans') or [None])[0]


def canonical_certificate(body, known=None):
    """A certificate as UCDN shows it (UCDN API v3 "Single certificate information":
    id, fingerprint, hostname, used_in_zones). ``known`` maps fingerprints to
    what the local PEM says (subject, SANs, validity), which UCDN never shows."""
    zones = []
    for use in as_list(body.get('used_in_zones')):
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
    """The key as the example of UCDN API v3 "Upload certificate" sends it ("-----BEGIN RSA PRIVATE
    KEY-----", PKCS#1): "We support only base64 encoded RSA keys"."""
    if 'BEGIN RSA PRIVATE KEY' in key_pem:
        return key_pem
    from cryptography.hazmat.primitives import serialization
    key = serialization.load_pem_private_key(key_pem.encode('ascii'), password=None)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                             serialization.NoEncryption()).decode('ascii')


def certificate_payload(local):
    """POST /certificate/ body (UCDN API v3 "Upload certificate"): the certificate, its
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
    """A storage as UCDN shows it (UCDN API v3 "List storages", "Storage FTP") plus
    its size (UCDN API v3 "Storage consumed size"); the FTP password never in it."""
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
    """POST /storage body (UCDN API v3 "Create storage"): name and region, both required."""
    return dict(name=desired['name'], region=desired['region'])


def storage_rotate_payload(region):
    """PATCH /storages body (UCDN API v3 "Reconfigure storages"): the only action documented."""
    return dict(action='change_ftp_password', region=region)


def _check_countries(option, values):
    codes = normalize_countries(values)
    for code in codes:
        if country_code(code) is None:
            raise CdnValidationError('settings.%s' % option, 'is not an ISO 3166-1 alpha-2 country code',
                                     value=code, allowed='two letters such as DE')
    return codes


# --- cdn_stats_info (UCDN API v3 "Usage report" .. "Status codes") ------------------------

def unix_time(moment):
    """Whole seconds since the epoch (a Unix timestamp, the form every report takes)."""
    return int((utc_naive(moment) - EPOCH).total_seconds() // 1)


def usage_date(moment):
    """date_from/date_to of the usage report: "GMT date in format YYYY-MM-DD or a
    Unix timestamp". Midnight UTC is sent as the date (the form of the document's example),
    any other moment as the exact Unix timestamp."""
    moment = utc_naive(moment)
    if (moment.hour, moment.minute, moment.second, moment.microsecond) == (0, 0, 0, 0):
        return moment.strftime('%Y-%m-%d')
    return str(unix_time(moment))


def report_time(moment):
    """from/to of the time-slot reports: "YYYY-MM-DD HH:mm with optional timezone
    parameter or a Unix timestamp". Always the Unix timestamp: exact to the
    second and free of the account's report time zone (UCDN API v3 "Fetch account
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
    return [e for e in as_list(elements) if isinstance(e, (list, tuple)) and e and str(e[0]).strip()]


def parse_stats(name, body, start):
    """(series, totals) from a report answer. Slot timestamps come from each
    element's first value (the countries example's element_duration says 86400
    for hourly slots, so it is not trusted); numbers are named by the report,
    not by element_description (hits/ssl says "bytes served", a copy slip).
    totals None lets the core sum the series."""
    body = as_dict(body)
    key = _report(name)[2]
    series = []
    if name == 'usage':
        totals = dict(bytes=to_number(body.get('bytes_served')) or 0, hits=to_number(body.get('hits')) or 0)
        return [dict(timestamp=iso_utc(start), **totals)], totals
    if name in ('countries', 'status_codes'):
        for label, slots in as_dict(body.get('elements')).items():
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
    geo = as_dict(raw.get('geo_filter'))
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


# --- cdn_account_info (UCDN API v3 "Check user credentials", "Fetch account info", "Fetch subaccounts list") ---

# Subaccount keys that are credentials (the example of "Fetch subaccounts list" shows them all).
ACCOUNT_SECRETS = ('api_key', 'api_secret', 'password', 'secret_key_2fa', 'token')


def redact_account(body):
    clean = redact(copy.deepcopy(body))
    for key in ACCOUNT_SECRETS:
        if clean.get(key) not in (None, ''):
            clean[key] = REDACTED
    return clean


def canonical_account(body):
    """UCDN API v3 "Fetch account info": id, username, name, email, timezone, trial
    (ids and flags arrive as strings)."""
    body = as_dict(body)
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
    """One account of UCDN API v3 "Fetch subaccounts list" (credentials masked)."""
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
    """The example of "Fetch subaccounts list" answers one account as a bare object although the call
    "Returns all accounts": take an object, a list, or an object of objects."""
    if isinstance(body, list):
        return [b for b in body if isinstance(b, dict)]
    if isinstance(body, dict):
        if 'id' in body:
            return [body]
        return [b for b in body.values() if isinstance(b, dict) and 'id' in b]
    return []
