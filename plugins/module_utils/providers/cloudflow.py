# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow adapter (the OnApp CDN API).

Source of truth: seeds/cloudflow.txt (auth, verbs, status codes) and
reference/provider-apis.md sections A and 2 (paths, root wrapping, fields).

- HTTP Basic auth: ``api_user`` is the account e-mail, ``api_token`` the API key.
- Every path ends in ``.json``; request and single-object bodies are wrapped in
  the root key (``{"cdn_resource": {...}}``); lists are arrays of wrapped objects.
- Writes answer 200, 201 or 204 (the seed says 204 on PUT and DELETE; older
  OnApp answers 200 ``{}``): all are accepted.
- Boolean flags are sent as 1/0 like the OnApp examples and normalised on read.

A zone is an ``HTTP_PULL`` CDN resource: hostname = ``cdn_hostname``, aliases =
``secondary_hostnames``, origin = the first of ``origins`` (OnApp allows up to 3;
only the first is the canonical ``origin`` and the others are kept untouched
when it changes), tls = ``ssl_on``, certificate_id = ``cdn_ssl_certificate_id``,
cdn_domain = ``cname``. Advanced settings come from ``advanced.json``.

cdn_origin (the origin lives on the CDN resource, origin_scope 'zone'):
endpoints = every entry of ``origins`` [{key, value}] in order (at most 3,
"You can specify up to 3 origins", reference 2.2), protocol = ``origin_policy``
(HTTP/HTTPS, AUTO read as 'auto'). The resource answers ``origins`` but takes
``origin``: one string, the origins separated by ORIGIN_SEPARATOR, each
``host`` or ``host:port`` (the port only when it is not the protocol's default).
The reference shows a single origin (``"origin": "test.origin.com"``) and no
separator for several; the comma is this project's choice, made in
``wire_origins`` alone. OnApp has no host header or path per origin, so
host_header and path are not offered (the core refuses them by name).

cdn_certificate: ``cdn_ssl_certificates.json`` (+ ``/:id.json``), root key
``cdn_ssl_certificate``; the API answers id, name, user_id, created_at,
updated_at and cdn_reference only (reference 2.2).
- Upload field names: OnApp does not publish them (reference section 7); this
  project sends ``name``, ``cert`` and ``key``, and appends the chain to
  ``cert`` (a PEM bundle, leaf first) instead of guessing a third field. The
  choice is CERTIFICATE_UPLOAD_FIELDS alone; correct it there.
- Identity: the API shows neither PEM nor fingerprint nor validity, so the
  SHA-1 fingerprint is recorded in the certificate's name at upload:
  ``<name>-sha1-<40 hex>`` (CERTIFICATE_NAME_FORMAT). The canonical ``name``
  is the part before the suffix and ``fingerprint`` the suffix, so a rerun with
  the same certificate matches it and reports no change, and a different
  certificate under the same name is a rotation (upload new, rebind, delete
  old). Without the module's ``name`` option the host name is the name. A
  certificate uploaded by other means (no suffix) has no fingerprint: with the
  same name it is treated as the old certificate of a rotation.
- Binding: ``cdn_ssl_certificate_id`` (and ``ssl_on``) on the resource, in one
  PUT, so a rebound resource goes straight from the old certificate to the new;
  a certificate's zones are the resources whose ``cdn_ssl_certificate_id`` is
  its id ("One certificate can serve many resources; a resource links to only
  one").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils.certificate import resolve_zone
from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, flatten_message, redact
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    Capabilities,
    ProviderAdapter,
    ResourceCaps,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.reconcile import (
    DEFAULT_PORTS,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_int,
)

# NONE is an inference (the OnApp forms offer "no policy"); the documents show ALLOW/BLOCK_BY_DEFAULT.
ACCESS_POLICIES = ('NONE', 'ALLOW_BY_DEFAULT', 'BLOCK_BY_DEFAULT')
MAX_ORIGINS = 3
MAX_PURGE_PATHS = 1300
# "a limit of 40 purge requests per 5-minute interval for each user account" (reference 2.2).
PURGE_RATE = (40, 300)
# The origins of a resource travel as one "origin" string (see wire_origins).
ORIGIN_SEPARATOR = ','
ORIGIN_POLICIES = {'http': 'HTTP', 'https': 'HTTPS'}

# Request field names of POST cdn_ssl_certificates.json: not published by OnApp
# (reference 2.2 and section 7), so a project decision kept in this one place.
# ``chain`` None: the chain is appended to the certificate field (leaf first).
CERTIFICATE_UPLOAD_FIELDS = {'name': 'name', 'certificate': 'cert', 'private_key': 'key', 'chain': None}
# The API returns no fingerprint: it is kept in the certificate's name.
CERTIFICATE_NAME_FORMAT = '%s-sha1-%s'
CERTIFICATE_NAME_RE = re.compile(r'^(?P<name>.*)-sha1-(?P<fingerprint>[0-9a-f]{40})$')
# What the API answers for a certificate (ONAPP-PHP CDNSSL.php); anything else is kept out of ``raw``.
CERTIFICATE_KEYS = ('id', 'name', 'user_id', 'created_at', 'updated_at', 'cdn_reference')

PURGE_ENDPOINTS = {
    'purge': ('purge.json', 'purge_paths', 'purge paths'),
    'purge_all': ('purge_all.json', None, 'purge all'),
    'prefetch': ('prefetch.json', 'prefetch_paths', 'prefetch paths'),
}

SETTINGS = {
    'edge_group_ids': dict(type='list'),
    'ip_access_policy': dict(type='str', choices=ACCESS_POLICIES),
    'ip_addresses': dict(type='str'),
    'country_access_policy': dict(type='str', choices=ACCESS_POLICIES),
    'countries': dict(type='list'),
    'hotlink_policy': dict(type='str', choices=ACCESS_POLICIES),
    'domains': dict(type='str'),
    'url_signing_on': dict(type='bool'),
    'url_signing_key': dict(type='str', secret=True),
    'cache_expiry': dict(type='int', min=1, max=525600),
    'password_on': dict(type='bool'),
    'password_unauthorized_html': dict(type='str'),
    'flv_pseudo_on': dict(type='bool'),
    'mp4_pseudo_on': dict(type='bool'),
    'ignore_set_cookie_on': dict(type='bool'),
    'http_bot_blocked': dict(type='bool'),
    'cors_on': dict(type='bool'),
    'limit_rate': dict(type='int', min=0),
    'limit_rate_after': dict(type='int', min=0),
    'proxy_cache_key': dict(type='str'),
    'proxy_read_time_out': dict(type='int', min=1),
    'proxy_connect_time_out': dict(type='int', min=1),
}
SECRET_SETTINGS = tuple(sorted(k for k, v in SETTINGS.items() if v.get('secret')))
BOOL_SETTINGS = tuple(sorted(k for k, v in SETTINGS.items() if v['type'] == 'bool'))
# Fields whose values never leave the adapter (zone, raw, diff, plan).
SECRET_FIELDS = SECRET_SETTINGS + ('passwords', 'form_pass', 'ftp_password')

# Shown instead of a secret that is set (and equal to the requested value, if one was requested).
SECRET_MARK = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
# Shown instead of a secret that is set but differs from the requested value.
SECRET_DIFFERS = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (a different value)'

CAPABILITIES = Capabilities(
    name='cloudflow',
    title='CloudFlow',
    default_url=None,  # no public default base URL: api_url (or CLOUDFLOW_API_URL) is required
    token_env=('CLOUDFLOW_API_KEY',),
    user_env=('CLOUDFLOW_API_USER',),
    needs_user=True,
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            fields=('hostname', 'aliases', 'origin', 'tls', 'certificate_id', 'settings'),
            settings=SETTINGS,
            notes='an HTTP_PULL CDN resource; origin is the first of up to 3 origins',
        ),
        'origin': ResourceCaps(
            operations=('get', 'update'),
            fields=('endpoints', 'protocol'),
            notes='the CDN resource\'s origins (up to %d, in order) and origin_policy; they live on the zone, '
                  'which cdn_zone creates and deletes; OnApp has no origin host header or path' % MAX_ORIGINS,
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind'),
            fields=('name', 'fingerprint'),
            notes='cdn_ssl_certificates; the API shows no PEM or validity, so the SHA-1 fingerprint is kept '
                  'in the certificate name (<name>-sha1-<fingerprint>); binding sets cdn_ssl_certificate_id '
                  'and ssl_on on the CDN resource',
        ),
        'purge': ResourceCaps(
            operations=('purge', 'purge_all', 'prefetch'),
            notes='purge.json, purge_all.json and prefetch.json (HTTP pull only); paths, at most '
                  '%d a request and 40 purge requests in 5 minutes; no wildcards or directories; '
                  'the API returns no job to follow' % MAX_PURGE_PATHS,
        ),
    },
    limits={'origins': MAX_ORIGINS, 'origin_scope': 'zone', 'origin_endpoints': MAX_ORIGINS,
            'origin_endpoint_ports': True, 'purge_paths': MAX_PURGE_PATHS,
            'purge_batch': MAX_PURGE_PATHS, 'purge_form': 'path', 'purge_rate': PURGE_RATE},
)

HTML_HEADING = re.compile(r'<(h1|title)[^>]*>(.*?)</\1>', re.I | re.S)
HTML_TAG = re.compile(r'<[^>]+>')


class CloudflowDialect(Dialect):
    """OnApp error shapes: {"errors": [...]}, {"errors": {field: [...]}}, {"error": "..."}, HTML 500s."""

    def error_message(self, status, body, text):
        if isinstance(body, dict):
            if body.get('errors'):
                return errors_text(body['errors'])
            if body.get('error'):
                return errors_text(body['error'])
        if isinstance(body, list) and body:
            return errors_text(body)
        if text and '<' in text:
            return html_text(text)
        return super(CloudflowDialect, self).error_message(status, body, text)


def errors_text(errors):
    """One line from the OnApp error shapes; a field hash reads like Rails' full messages."""
    if isinstance(errors, dict):
        parts = []
        for field, messages in sorted(errors.items()):
            if not isinstance(messages, (list, tuple)):
                messages = [messages]
            parts.extend('%s %s' % (field, flatten_message(m)) for m in messages)
        return '; '.join(parts)
    return flatten_message(errors)


def html_text(text):
    match = HTML_HEADING.search(text)
    found = match.group(2) if match else text
    return ' '.join(HTML_TAG.sub(' ', found).split())[:300] or None


# --- normalisers ------------------------------------------------------------

def flag(value):
    """OnApp examples send booleans as 1/0."""
    return 1 if to_bool(value) else 0


def unwrap(item, root='cdn_resource'):
    if isinstance(item, dict) and isinstance(item.get(root), dict):
        return item[root]
    return item or {}


def split_words(value, pattern=r'[,\s]+'):
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = ' '.join(str(v) for v in value)
    return [w for w in re.split(pattern, str(value).strip()) if w]


def normalize_setting(key, value):
    """The canonical form of one advanced setting, on read and on input alike."""
    if value is None:
        return None
    if key in BOOL_SETTINGS:
        return to_bool(value)
    if key == 'edge_group_ids':
        return sorted(to_int(v) for v in value)
    if key == 'countries':
        return sorted(set(str(c).strip().upper() for c in value if str(c).strip()))
    if key == 'ip_addresses':
        return ','.join(sorted(set(split_words(value))))
    if key == 'domains':
        return ' '.join(sorted(set(split_words(value))))
    if key in ('ip_access_policy', 'country_access_policy', 'hotlink_policy'):
        return str(value).upper() or None
    if SETTINGS.get(key, {}).get('type') == 'int':
        return to_int(value)
    return value


def origin_values(resource):
    """The origin host names, in order, from ``origins`` [{key, value}] (or older shapes)."""
    origins = resource.get('origins')
    if origins is None:
        origins = resource.get('origins_for_api')
    if origins is None and resource.get('origin'):
        origins = split_words(resource['origin'], r'[,\s]+')
    values = []
    for item in origins or []:
        value = item.get('value') if isinstance(item, dict) else item
        if value:
            values.append(str(value).strip())
    return values


def origin_url(value, policy):
    """Canonical origin URL from an OnApp origin (a host) and origin_policy."""
    if value is None:
        return None
    if '://' in value:
        return normalize_url(value)
    scheme = 'https' if str(policy or '').upper() == 'HTTPS' else 'http'
    return normalize_url('%s://%s' % (scheme, value))


def split_origin(url):
    """(origin, origin_policy) to send for a canonical origin URL; raises CdnValidationError."""
    try:
        scheme, host, port, path = split_url(url)
    except ValueError as exc:
        raise CdnValidationError('origin', str(exc), value=url)
    if path:
        raise CdnValidationError('origin', 'has a path, which a CloudFlow origin cannot carry', value=url,
                                 allowed='scheme, host and optional port, such as https://origin.example.com:8443')
    return ('%s:%s' % (host, port) if port else host), scheme.upper()


def secret_view(value, wanted):
    """What the zone shows for a secret: never the value itself."""
    if value in (None, ''):
        return '' if wanted == '' else None
    if wanted is None or wanted == value:
        return SECRET_MARK
    return SECRET_DIFFERS


def redact_resource(resource):
    """A copy of the provider's object with every secret masked (for ``raw``)."""
    # The generic redaction masks any "key"; an origin's "key" is only its label (origin_1).
    origins = resource.get('origins')
    clean = redact(dict((k, v) for k, v in resource.items() if k != 'origins'))
    if origins is not None:
        clean['origins'] = [dict(o) if isinstance(o, dict) else o for o in origins]
    for key in SECRET_FIELDS:
        if clean.get(key) not in (None, '', [], {}):
            clean[key] = SECRET_MARK
    return clean


def canonical_resource(basic, advanced=None, secrets=None):
    """The canonical zone from a CDN resource (basic details plus advanced.json)."""
    secrets = secrets or {}
    merged = dict(basic or {})
    merged.update(advanced or {})
    origins = origin_values(merged)
    certificate = merged.get('cdn_ssl_certificate_id')
    settings = {}
    for key in SETTINGS:
        if key in SECRET_SETTINGS:
            if key in merged:
                settings[key] = secret_view(merged.get(key), secrets.get(key))
            continue
        if key == 'edge_group_ids':
            groups = merged.get('edge_groups')
            if groups is None:
                groups = merged.get('edge_group_ids')
            if groups is not None:
                settings[key] = normalize_setting(key, [unwrap(g, 'edge_group').get('id') if isinstance(g, dict) else g
                                                        for g in groups])
            continue
        if key in merged:
            value = merged[key]
            if value == '' and SETTINGS[key].get('choices'):
                value = None
            settings[key] = normalize_setting(key, value)
    return dict(
        id=str(merged['id']),
        hostname=normalize_hostname(merged.get('cdn_hostname')),
        aliases=sorted(set(normalize_hostname(h) for h in merged.get('secondary_hostnames') or [] if h)),
        origin=origin_url(origins[0], merged.get('origin_policy')) if origins else None,
        origins=origins,
        origin_policy=merged.get('origin_policy'),
        tls=to_bool(merged.get('ssl_on')),
        certificate_id=str(certificate) if certificate not in (None, '') else None,
        cdn_domain=merged.get('cname') or None,
        status=merged.get('status'),
        resource_type=merged.get('resource_type'),
        settings=settings,
        raw=redact_resource(merged),
    )


def wire_certificate(value):
    if value in (None, ''):
        return None
    return int(value) if str(value).isdigit() else value


def wire_settings(settings, secrets):
    body = {}
    for key, value in (settings or {}).items():
        if value is None:
            continue
        if key in SECRET_SETTINGS and value in (SECRET_MARK, SECRET_DIFFERS):
            value = secrets[key]
        elif key in BOOL_SETTINGS:
            value = flag(value)
        body[key] = value
    return body


def create_payload(desired, edge_group_ids=None, secrets=None):
    """The body of POST /cdn_resources.json for an HTTP_PULL resource."""
    origin, policy = split_origin(desired['origin'])
    body = dict(cdn_hostname=desired['hostname'], resource_type='HTTP_PULL', origin=origin, origin_policy=policy)
    if desired.get('aliases') is not None:
        body['secondary_hostnames'] = list(desired['aliases'])
    if desired.get('tls') is not None:
        body['ssl_on'] = flag(desired['tls'])
    if desired.get('certificate_id') is not None:
        body['cdn_ssl_certificate_id'] = wire_certificate(desired['certificate_id'])
    body.update(wire_settings(desired.get('settings'), secrets or {}))
    if 'edge_group_ids' not in body and edge_group_ids is not None:
        body['edge_group_ids'] = list(edge_group_ids)
    return {'cdn_resource': body}


def update_payload(changes, current, secrets=None):
    """The body of PUT /cdn_resources/:id.json: only what changed."""
    body = {}
    if 'hostname' in changes:
        body['cdn_hostname'] = changes['hostname']
    if 'aliases' in changes:
        body['secondary_hostnames'] = list(changes['aliases'])
    if 'origin' in changes:
        origin, policy = split_origin(changes['origin'])
        # Only the first origin is managed; the others (up to 3 in all) stay as they are.
        body['origin'] = wire_origins([origin] + list((current.get('origins') or [])[1:]))
        if policy != str(current.get('origin_policy') or 'HTTP').upper():
            body['origin_policy'] = policy
    if 'tls' in changes:
        body['ssl_on'] = flag(changes['tls'])
    if 'certificate_id' in changes:
        body['cdn_ssl_certificate_id'] = wire_certificate(changes['certificate_id'])
    body.update(wire_settings(changes.get('settings'), secrets or {}))
    return {'cdn_resource': body}


# --- origins (cdn_origin) -----------------------------------------------------

def wire_origins(values):
    """The ``origin`` string for several origins: the one place the separator is chosen."""
    return ORIGIN_SEPARATOR.join(values)


def origin_protocol(policy):
    """The canonical protocol of an origin_policy (HTTP, HTTPS; AUTO and others lower-cased)."""
    return str(policy).lower() if policy not in (None, '') else 'http'


def origin_endpoint(value, protocol):
    """{'host', 'port'} from one OnApp origin value (``host``, ``host:port``, or with a scheme)."""
    text = str(value).strip()
    if '://' in text:
        protocol, text = text.split('://', 1)
        protocol = protocol.lower()
    text = text.split('/', 1)[0]
    host, _sep, port = text.partition(':')
    port = to_int(port) if port else DEFAULT_PORTS.get(protocol)
    return dict(host=normalize_hostname(host), port=port)


def canonical_origin(zone):
    """The cdn_origin view of a canonical zone: all its origins and the protocol."""
    protocol = origin_protocol(zone.get('origin_policy'))
    return dict(
        id=zone['id'],
        name=zone.get('hostname'),
        zone=zone['id'],
        kind='origin',
        endpoints=[origin_endpoint(value, protocol) for value in zone.get('origins') or []],
        protocol=protocol,
        raw=dict(origins=(zone.get('raw') or {}).get('origins'), origin_policy=zone.get('origin_policy')),
    )


def wire_endpoint(endpoint, protocol):
    """``host``, or ``host:port`` when the port is not the protocol's default."""
    port = endpoint.get('port')
    if port is None or port == DEFAULT_PORTS.get(protocol):
        return endpoint['host']
    return '%s:%s' % (endpoint['host'], port)


def origin_payload(changes, current):
    """The PUT /cdn_resources/:id.json body for cdn_origin's changes (endpoints, protocol)."""
    body = {}
    protocol = changes.get('protocol') or current.get('protocol')
    if 'protocol' in changes:
        body['origin_policy'] = ORIGIN_POLICIES.get(changes['protocol'], str(changes['protocol']).upper())
    if 'endpoints' in changes:
        body['origin'] = wire_origins([wire_endpoint(e, protocol) for e in changes['endpoints']])
    return {'cdn_resource': body}


# --- certificates (cdn_certificate) ----------------------------------------------

def certificate_wire_name(name, fingerprint):
    return CERTIFICATE_NAME_FORMAT % (name, fingerprint)


def split_certificate_name(value):
    """(name, fingerprint or None) from a certificate's name on the API."""
    text = str(value or '')
    match = CERTIFICATE_NAME_RE.match(text)
    if match is None:
        return text, None
    return match.group('name'), match.group('fingerprint')


def certificate_payload(local):
    """The POST cdn_ssl_certificates.json body for a checked LocalCertificate."""
    fields = CERTIFICATE_UPLOAD_FIELDS
    cert = local.certificate_pem
    body = {fields['name']: certificate_wire_name(local.name or local.hostname, local.info['fingerprint'])}
    if local.chain_pem and fields['chain'] is None:
        cert = cert.rstrip('\n') + '\n' + local.chain_pem
    elif local.chain_pem:
        body[fields['chain']] = local.chain_pem
    body[fields['certificate']] = cert
    body[fields['private_key']] = local.private_key_pem
    return {'cdn_ssl_certificate': body}


def canonical_certificate(item, resources=()):
    """The canonical certificate from an API object and the CDN resources (basic details) binding it."""
    item = unwrap(item, 'cdn_ssl_certificate')
    name, fingerprint = split_certificate_name(item.get('name'))
    ident = str(item.get('id'))
    zones = [str(r['id']) for r in resources if str(r.get('cdn_ssl_certificate_id') or '') == ident]
    return dict(
        id=ident,
        name=name,
        hostname=None,
        fingerprint=fingerprint,
        common_name=None,
        issuer=None,
        not_before=None,
        not_after=None,
        sans=None,
        zones=zones,
        raw=dict((k, item.get(k)) for k in CERTIFICATE_KEYS if k in item),
    )


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = CloudflowDialect

    def __init__(self, client, params=None):
        super(Adapter, self).__init__(client, params)
        # Requested secret settings, kept out of desired/current (they hold SECRET_MARK instead).
        self.secrets = {}

    @classmethod
    def auth_options(cls, token, user):
        return dict(basic_auth=(user, token), headers={'Content-Type': 'application/json'})

    # reads

    def _list_basic(self):
        body = self.client.request('GET', 'cdn_resources.json', 'list CDN resources').body or []
        return [unwrap(item) for item in body]

    def _full(self, basic):
        response = self.client.request('GET', 'cdn_resources/%s/advanced.json' % basic['id'],
                                       'get CDN resource advanced settings', allow_not_found=True)
        advanced = unwrap(response.body) if response is not None else {}
        return canonical_resource(basic, advanced, self.secrets)

    def list_zones(self):
        return [self._full(basic) for basic in self._list_basic()]

    def get_zone(self, zone_id):
        response = self.client.request('GET', 'cdn_resources/%s.json' % zone_id, 'get CDN resource',
                                       allow_not_found=True)
        if response is None:
            return None
        return self._full(unwrap(response.body))

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for basic in self._list_basic():
            if normalize_hostname(basic.get('cdn_hostname')) == hostname:
                return self._full(basic)
        return None

    def zone_ready(self, zone):
        # OnApp documents the states Preparing, Active and Suspended; only ACTIVE serves traffic.
        return str(zone.get('status') or '').upper() == 'ACTIVE'

    # input

    def validate_zone(self, desired, state):
        if state != 'present':
            return
        if desired.get('origin') is not None:
            split_origin(desired['origin'])
        settings = desired.get('settings')
        if not settings:
            return
        for key in list(settings):
            value = settings[key]
            if key in SECRET_SETTINGS:
                self._take_secret(settings, key, value)
            elif key == 'edge_group_ids' and value is not None:
                if not all(isinstance(to_int(v), int) for v in value):
                    raise CdnValidationError('settings.edge_group_ids', 'must be a list of edge group ids', value=value)
                settings[key] = normalize_setting(key, value)
            elif key == 'countries' and value is not None:
                codes = normalize_setting(key, value)
                bad = [c for c in codes if not re.match(r'^[A-Z]{2}$', c)]
                if bad:
                    raise CdnValidationError('settings.countries', 'has codes that are not ISO 3166 alpha-2', value=bad)
                settings[key] = codes
            else:
                settings[key] = normalize_setting(key, value)

    def _take_secret(self, settings, key, value):
        if value in (SECRET_MARK, SECRET_DIFFERS):
            # Fed back from a previous result: means "leave the secret as it is".
            settings[key] = None
        elif value not in (None, ''):
            self.secrets[key] = value
            settings[key] = SECRET_MARK
            # Keep the value out of the module's invocation echo as well (settings is not no_log).
            user_settings = self.params.get('settings')
            if isinstance(user_settings, dict) and key in user_settings:
                user_settings[key] = SECRET_MARK

    # writes

    def create_zone(self, desired):
        if not desired.get('origin'):
            raise CdnValidationError('origin', 'is required to create a CloudFlow HTTP_PULL CDN resource',
                                     allowed='an http:// or https:// URL')
        groups = None
        if (desired.get('settings') or {}).get('edge_group_ids') is None:
            groups = self.available_edge_groups()
        payload = create_payload(desired, groups, self.secrets)
        created = self.client.request('POST', 'cdn_resources.json', 'create CDN resource',
                                      json=payload, ok=(200, 201)).body
        resource = unwrap(created)
        if resource.get('id') is None:
            zone = self.find_zone(hostname=desired['hostname'])
        else:
            zone = self.get_zone(resource['id'])
        return zone

    def update_zone(self, current, changes, desired):
        payload = update_payload(changes, current, self.secrets)
        if not payload['cdn_resource']:
            return current
        self.client.request('PUT', 'cdn_resources/%s.json' % current['id'], 'update CDN resource',
                            json=payload, ok=(200, 201, 204))
        return self.get_zone(current['id'])

    def delete_zone(self, current):
        self.client.request('DELETE', 'cdn_resources/%s.json' % current['id'], 'delete CDN resource',
                            ok=(200, 202, 204), allow_not_found=True)

    def predict_zone(self, desired):
        zone = super(Adapter, self).predict_zone(desired)
        zone.setdefault('aliases', [])
        zone.setdefault('status', None)
        return zone

    # purge: POST purge.json / purge_all.json / prefetch.json, bodies without a root key

    def purge_batch(self, zone, items, kind):
        endpoint, key, operation = PURGE_ENDPOINTS[kind]
        # ONAPP-PHP sends the paths as one string, one path a line (the control panel form's format).
        body = {key: '\n'.join(items)} if key else {}
        response = self.client.request('POST', 'cdn_resources/%s/%s' % (zone['id'], endpoint), operation,
                                       json=body, ok=(200, 201, 202, 204))
        # OnApp answers no job id: an accepted request is all there is to report.
        return [dict(id=None, status='accepted', done=True, failed=None, urls=len(items) if items else None,
                     raw=response.body if isinstance(response.body, dict) else {})]

    def purge_job(self, job):
        return job

    # origins: the resource's origins and origin_policy (see the module docstring)

    def validate_origin(self, desired, state):
        for index, endpoint in enumerate(desired.get('endpoints') or []):
            if ':' in endpoint['host']:
                raise CdnValidationError('endpoints[%d].host' % index, 'is an IPv6 address, which a CloudFlow origin '
                                         '("host" or "host:port") cannot carry', value=endpoint['host'],
                                         allowed='a host name or IPv4 address')

    def find_origin(self, desired):
        return canonical_origin(resolve_zone(self, desired['zone']))

    def update_origin(self, current, changes, desired):
        payload = origin_payload(changes, current)
        if not payload['cdn_resource']:
            return current
        self.client.request('PUT', 'cdn_resources/%s.json' % current['zone'], 'update CDN resource origins',
                            json=payload, ok=(200, 201, 204))
        return canonical_origin(self.get_zone(current['zone']))

    # certificates: cdn_ssl_certificates.json, bound through cdn_ssl_certificate_id

    def validate_certificate(self, local):
        # The name carries the identity (the API shows nothing else to match on): default it to the host name.
        if not local.name:
            local.name = local.hostname
        if not local.name:
            raise CdnValidationError('name', 'is required: the certificate has no common name to name it by',
                                     allowed='a name for the certificate')

    def list_certificates(self):
        body = self.client.request('GET', 'cdn_ssl_certificates.json', 'list SSL certificates').body or []
        resources = self._list_basic() if body else []
        return [canonical_certificate(item, resources) for item in body]

    def upload_certificate(self, local):
        created = self.client.request('POST', 'cdn_ssl_certificates.json', 'upload SSL certificate',
                                      json=certificate_payload(local), ok=(200, 201)).body
        item = unwrap(created, 'cdn_ssl_certificate')
        if item.get('id') is None:
            wire = certificate_wire_name(local.name or local.hostname, local.info['fingerprint'])
            for cert in self.list_certificates():
                if cert['raw'].get('name') == wire:
                    return cert
        return canonical_certificate(item)

    def delete_certificate(self, current):
        self.client.request('DELETE', 'cdn_ssl_certificates/%s.json' % current['id'], 'delete SSL certificate',
                            ok=(200, 202, 204), allow_not_found=True)

    def bind_certificate(self, zone, certificate):
        if str(zone.get('certificate_id') or '') == str(certificate['id']) and zone.get('tls'):
            return False
        # One PUT switches the resource from its old certificate to the new one: never without one.
        body = {'cdn_ssl_certificate_id': wire_certificate(certificate['id']), 'ssl_on': 1}
        self.client.request('PUT', 'cdn_resources/%s.json' % zone['id'], 'bind SSL certificate',
                            json={'cdn_resource': body}, ok=(200, 201, 204))
        return True

    def available_edge_groups(self):
        """Every edge group the account may use (sent when settings.edge_group_ids is not given)."""
        body = self.client.request('GET', 'cdn_resources/available_edge_groups.json',
                                   'list available edge groups').body or []
        return sorted(to_int(unwrap(item, 'edge_group').get('id')) for item in body)
