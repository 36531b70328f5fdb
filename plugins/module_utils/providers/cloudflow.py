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

cdn_storage: an ``HTTP_PUSH`` CDN resource is a storage (reference 2.2: "HTTP_PUSH
replaces ``origin`` with ``ftp_password`` (advanced form adds
``storage_server_location``)"). name = ``cdn_hostname``, region =
``storage_server_location``. The FTP password is chosen by the user (the
module's ``ftp_password``), sent on create and on a rotation (PUT of this one
resource), and never read back: OnApp lists it only among the writable fields.
- The values of ``storage_server_location`` are not published (reference 2.2
  names the field only): STORAGE_LOCATIONS is this project's list, kept here
  alone (and in the simulator); correct it there.
- FTP host and user: no documented field of the resource carries them; OnApp
  explains uploading in ``instructions.json`` (root ``cdn_resource`` +
  ``instructions``, shape undocumented). ``ftp_details`` takes them from the
  instructions when they name them (a dict with ftp_host/ftp_user-like keys,
  or "FTP host: ..." / "FTP user: ..." lines) and leaves them None otherwise.
- Size is not documented for push resources: bytes and objects are None.
- HTTP_PUSH resources are storages only: zones are the other (pull) resources.

cdn_stats_info (reference 2.2): report ``bandwidth`` (and its ``group_by``
variants) reads ``GET /cdn_resources/bandwidth.json`` with the body
``{"bandwidth": {"start", "end", "type", "resources", "group_by"}}`` (times
``2014-11-25T18:25``, UTC; type GB for metric bytes, MBPS for metric mbps,
which covers the last 10 days only). It is "deprecated in OnApp 5.4-5.5 and
completely removed from OnApp 5.6": a 404 says so. Report ``usage`` reads
``GET /cdn_usage_statistics.json`` with ``{"period": {"startdate",
"enddate"}}`` (``YYYY-MM-DD+hh:mm:ss``), account-wide totals per edge group
and location. The unit of ``cached``/``non_cached`` in GB answers is not
stated beyond "GB": GB_BYTES (10**9) converts them to bytes.

cdn_access_rule: the resource's ``ip_access_policy`` + ``ip_addresses``
(comma-separated), ``country_access_policy`` + ``countries`` and
``hotlink_policy`` + ``domains`` (space-separated referrer domains). Each is
one policy and one list: ALLOW_BY_DEFAULT with the list denied, or
BLOCK_BY_DEFAULT with the list allowed. So one type holds rules of one action
only, and an empty list resets the policy to ALLOW_BY_DEFAULT. BLOCK_BY_DEFAULT
with an empty list (block everyone) has no rule form and lists no rules.

cdn_zone extras: ``settings.http_caching_rules`` (``/cdn_resources/:id/
http_caching_rules(/:rule_id).json``, root ``rule``: name, conditions,
actions) is read and written only when the task sets it (the whole list, by
rule name); edge groups are ``settings.edge_group_ids`` (every group of
``available_edge_groups.json`` when not set); cdn_zone_info adds the
resource's ``instructions``, its caching rules and the account's ``edge_ips``
to ``raw``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import (
    Dialect,
    api_path,
    flatten_message,
    html_text,
    path_segment,
    redact,
    type_name,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnNotFoundError,
    CdnResponseError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
    country_code,
    is_hostname,
    iso_utc,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_bytes,
    to_int,
    to_number,
    utc_naive,
    utc_offset,
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

# kind: (path template, body key, operation); the zone id fills the one placeholder (api_path).
PURGE_ENDPOINTS = {
    'purge': ('cdn_resources/{}/purge.json', 'purge_paths', 'purge paths'),
    'purge_all': ('cdn_resources/{}/purge_all.json', None, 'purge all'),
    'prefetch': ('cdn_resources/{}/prefetch.json', 'prefetch_paths', 'prefetch paths'),
}

# storage_server_location values: not published (reference 2.2 names the field only); this project's list.
STORAGE_LOCATIONS = ('europe', 'north-america', 'asia')
STORAGE_TYPE = 'HTTP_PUSH'
# Keys an undocumented ``instructions`` object may name the FTP host and user by (see ftp_details).
FTP_HOST_KEYS = ('ftp_host', 'ftp_hostname', 'ftp_server', 'host')
FTP_USER_KEYS = ('ftp_user', 'ftp_username', 'ftp_login', 'username', 'user')
FTP_LINE_RE = re.compile(r'^\s*ftp[ _-]?(?P<what>host(?:name)?|server|user(?:name)?|login)\s*[:=]\s*(?P<value>\S+)', re.I | re.M)

# Statistics (reference 2.2): reports and the bandwidth body's group_by they send.
STATS_REPORTS = {
    'bandwidth': None,
    'bandwidth_by_location': 'location',
    'bandwidth_by_zone': 'resource',
    'usage': None,
}
STATS_METRICS = {'bytes': 'GB', 'mbps': 'MBPS'}
# "MBPS covers the last 10 days only" (reference 2.2, ONAPP-DOCS bandwidth statistics).
MBPS_DAYS = 10
GB_BYTES = 10 ** 9
BANDWIDTH_TIME = '%Y-%m-%dT%H:%M'
USAGE_TIME = '%Y-%m-%d+%H:%M:%S'

# Access rules: the policy and list fields of each rule type, and how the list travels.
ACCESS_FIELDS = {
    'ip': ('ip_access_policy', 'ip_addresses', ','),
    'country': ('country_access_policy', 'countries', None),
    'referrer': ('hotlink_policy', 'domains', ' '),
}
ACCESS_DEFAULT_ACTION = {'ALLOW_BY_DEFAULT': 'deny', 'BLOCK_BY_DEFAULT': 'allow'}
ACCESS_POLICY_FOR = {'deny': 'ALLOW_BY_DEFAULT', 'allow': 'BLOCK_BY_DEFAULT'}

CACHING_RULE_KEYS = ('name', 'conditions', 'actions')

SETTINGS = {
    'edge_group_ids': dict(type='list'),
    'http_caching_rules': dict(type='list'),
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
# Settings written through their own endpoints, never in the resource body.
SEPARATE_SETTINGS = ('http_caching_rules',)
BOOL_SETTINGS = tuple(sorted(k for k, v in SETTINGS.items() if v['type'] == 'bool'))
# Fields whose values never leave the adapter (zone, raw, diff, plan).
SECRET_FIELDS = SECRET_SETTINGS + ('passwords', 'form_pass', 'ftp_password')


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
        'storage': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'rotate_ftp_password'),
            fields=('name', 'region', 'ftp_password'),
            notes='an HTTP_PUSH CDN resource named by its CDN hostname; region is its storage_server_location; '
                  'you choose the FTP password (ftp_password, required to create), which the API never shows; '
                  'rotating sets a new one on this storage only; no size is reported',
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'metric', 'report'),
            choices={'report': tuple(STATS_REPORTS), 'metric': tuple(STATS_METRICS)},
            notes='bandwidth.json (GB or Mbps, the latter for the last %d days; deprecated in OnApp 5.4, removed '
                  'in 5.6), grouped by location or zone on request; usage statistics: account-wide cached and '
                  'non-cached GB per edge group and location' % MBPS_DAYS,
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('ip', 'country', 'referrer'),
            notes='ip_access_policy/ip_addresses, country_access_policy/countries and hotlink_policy/domains: per '
                  'type one policy (ALLOW_BY_DEFAULT with denied values or BLOCK_BY_DEFAULT with allowed values), '
                  'so allow and deny rules of one type cannot be mixed',
        ),
    },
    limits=Limits(origin_scope='zone', origin_endpoints=MAX_ORIGINS, origin_endpoint_ports=True,
                  purge_batch=MAX_PURGE_PATHS, purge_form='path', purge_rate=PURGE_RATE,
                  storage_regions=STORAGE_LOCATIONS, storage_name_min=3,
                  # The user chooses the FTP password (sent on create), and a rotation concerns one storage.
                  storage_password='chosen', storage_password_scope='storage',
                  access_rule_scope='zone'),
)


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
    if key == 'http_caching_rules':
        return caching_rules(value)
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


# --- answers: what the adapter reads, checked before use ------------------------------

# Fields of a CDN resource (basic details, advanced.json) the adapter reads as one value and the fields it
# iterates (reference 2.2 field list); null is accepted for all. Any other type is an answer it cannot read.
RESOURCE_SCALARS = ('id', 'cdn_hostname', 'cname', 'resource_type', 'status', 'ssl_on', 'cdn_ssl_certificate_id',
                    'origin', 'origin_policy', 'storage_server_location', 'cdn_reference') \
    + tuple(sorted(k for k, v in SETTINGS.items() if v['type'] != 'list'))
RESOURCE_LISTS = ('origins', 'origins_for_api', 'secondary_hostnames', 'edge_groups', 'edge_group_ids', 'countries')


def is_scalar(value):
    return not isinstance(value, (dict, list))


def is_int_id(value):
    return not isinstance(value, bool) and isinstance(to_int(value), int)


def _list_item_problem(key, item):
    if key in ('origins', 'origins_for_api') and isinstance(item, dict):
        # [{key: origin_1, value: host}]
        return None if is_scalar(item.get('value')) else 'has a value that is %s' % type_name(item.get('value'))
    if key in ('edge_groups', 'edge_group_ids'):
        group = unwrap(item, 'edge_group') if isinstance(item, dict) else {'id': item}
        ident = group.get('id') if isinstance(group, dict) else None
        return None if is_int_id(ident) else 'has no numeric edge group id (got %s)' % type_name(ident)
    return None if is_scalar(item) else 'is %s where a single value is documented' % type_name(item)


def resource_problem(resource):
    """What keeps the adapter from reading a CDN resource object (None when it can read it)."""
    for key in RESOURCE_SCALARS:
        if not is_scalar(resource.get(key)):
            return '%s is %s where a single value is documented' % (key, type_name(resource[key]))
    for key in RESOURCE_LISTS:
        value = resource.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            return '%s is %s where a JSON list is documented' % (key, type_name(value))
        for index, item in enumerate(value):
            problem = _list_item_problem(key, item)
            if problem:
                return '%s[%d] %s' % (key, index, problem)
    # Not documented on the resource (the rules have their own endpoint), but read as a setting when present.
    rules = resource.get('http_caching_rules')
    if rules is not None:
        if not isinstance(rules, list):
            return 'http_caching_rules is %s where a JSON list is documented' % type_name(rules)
        for index, item in enumerate(rules):
            rule = unwrap(item, 'rule') if isinstance(item, dict) else item
            problem = rule_problem(rule) if isinstance(rule, dict) else 'is %s' % type_name(rule)
            if problem:
                return 'http_caching_rules[%d] %s' % (index, problem)
    return None


def rule_problem(rule):
    """What keeps the adapter from reading an HTTP caching rule (None when it can read it)."""
    if not is_scalar(rule.get('name')):
        return 'name is %s where a text is documented' % type_name(rule['name'])
    for key in ('conditions', 'actions'):
        if rule.get(key) is not None and not isinstance(rule[key], list):
            return '%s is %s where a JSON list is documented' % (key, type_name(rule[key]))
    return None


def same_id(one, other):
    """The same OnApp id (ids are integers; a path or an option may carry them as text)."""
    one, other = str(one).strip(), str(other).strip()
    return one == other or (one.isdigit() and other.isdigit() and int(one) == int(other))


def redact_resource(resource):
    """A copy of the provider's object with every secret masked (for ``raw``)."""
    # The generic redaction masks any "key"; an origin's "key" is only its label (origin_1).
    origins = resource.get('origins')
    clean = redact(dict((k, v) for k, v in resource.items() if k != 'origins'))
    if origins is not None:
        clean['origins'] = [dict(o) if isinstance(o, dict) else o for o in origins]
    for key in SECRET_FIELDS:
        if clean.get(key) not in (None, '', [], {}):
            clean[key] = REDACTED
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
        if value is None or key in SEPARATE_SETTINGS:
            continue
        if key in SECRET_SETTINGS and value in (REDACTED, SECRET_DIFFERS):
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


# --- zone extras: HTTP caching rules, instructions ----------------------------------

def caching_rules(value):
    """Canonical HTTP caching rules: [{name, conditions, actions}] sorted by name (ids dropped)."""
    rules = []
    for item in value or []:
        item = unwrap(item, 'rule')
        rules.append(dict(name=str(item.get('name') or ''), conditions=list(item.get('conditions') or []),
                          actions=list(item.get('actions') or [])))
    return sorted(rules, key=lambda rule: rule['name'])


def check_caching_rules(value):
    """Raise CdnValidationError for a settings.http_caching_rules value the API cannot take."""
    option = 'settings.http_caching_rules'
    names = set()
    for index, item in enumerate(value or []):
        where = '%s[%d]' % (option, index)
        if not isinstance(item, dict):
            raise CdnValidationError(where, 'is not a dictionary', value=item,
                                     allowed='{name: ..., conditions: [...], actions: [...]}')
        unknown = sorted(set(item) - set(CACHING_RULE_KEYS))
        if unknown:
            raise CdnValidationError(where, 'has unknown keys %s' % ', '.join(unknown), allowed=', '.join(CACHING_RULE_KEYS))
        name = str(item.get('name') or '').strip()
        if not name:
            raise CdnValidationError(where + '.name', 'is required', allowed='a rule name unique on the zone')
        if name in names:
            raise CdnValidationError(where + '.name', 'names a rule twice', value=name, allowed='unique rule names')
        names.add(name)
        for key in ('conditions', 'actions'):
            if not isinstance(item.get(key) or [], list):
                raise CdnValidationError('%s.%s' % (where, key), 'is not a list', value=item.get(key))


def caching_rule_plan(current, desired):
    """(create, update, delete): rules by name; ``current`` items carry their ``id``."""
    have = dict((rule['name'], rule) for rule in current)
    want = dict((rule['name'], rule) for rule in desired)
    create = [want[n] for n in sorted(want) if n not in have]
    update = [(have[n]['id'], want[n]) for n in sorted(want)
              if n in have and any(have[n].get(k) != want[n].get(k) for k in CACHING_RULE_KEYS)]
    delete = [have[n] for n in sorted(have) if n not in want]
    return create, update, delete


def ftp_details(instructions):
    """(ftp_host, ftp_user) from a resource's ``instructions`` (shape undocumented: dict or text)."""
    host = user = None
    if isinstance(instructions, dict):
        # Undocumented shape: only a single value under one of the keys names a host or user.
        host = next((instructions[k] for k in FTP_HOST_KEYS if instructions.get(k) and is_scalar(instructions[k])), None)
        user = next((instructions[k] for k in FTP_USER_KEYS if instructions.get(k) and is_scalar(instructions[k])), None)
        text = ' '.join(str(v) for v in instructions.values() if isinstance(v, str))
    else:
        text = str(instructions or '')
    for match in FTP_LINE_RE.finditer(text):
        what = match.group('what').lower()
        if what.startswith(('host', 'server')):
            host = host or match.group('value')
        else:
            user = user or match.group('value')
    return (str(host) if host is not None else None), (str(user) if user is not None else None)


# --- cdn_storage: HTTP_PUSH resources -----------------------------------------------

def is_storage(resource):
    return str(resource.get('resource_type') or '').upper() == STORAGE_TYPE


def canonical_storage(basic, advanced=None, instructions=None):
    """The canonical storage from an HTTP_PUSH resource (the FTP password never in it)."""
    merged = dict(basic or {})
    merged.update(advanced or {})
    host, user = ftp_details(instructions)
    location = merged.get('storage_server_location')
    raw = redact_resource(merged)
    if instructions is not None:
        raw['instructions'] = redact(instructions)
    return dict(
        id=str(merged['id']),
        name=normalize_hostname(merged.get('cdn_hostname')),
        region=str(location) if location not in (None, '') else None,
        ftp_host=host,
        ftp_user=user,
        bytes=None,
        objects=None,
        cdn_domain=merged.get('cname') or None,
        raw=raw,
    )


def storage_create_payload(desired, password, edge_group_ids):
    """POST /cdn_resources.json for an HTTP_PUSH resource (reference 2.2: ftp_password and
    storage_server_location instead of origin)."""
    body = dict(cdn_hostname=desired['name'], resource_type=STORAGE_TYPE, ftp_password=password,
                storage_server_location=desired['region'])
    if edge_group_ids is not None:
        body['edge_group_ids'] = list(edge_group_ids)
    return {'cdn_resource': body}


# --- cdn_stats_info ------------------------------------------------------------------

def bandwidth_time(moment, round_up=False):
    """bandwidth.json's minute-precision time ('2014-11-25T18:25', UTC). ``round_up``
    (for an end) keeps a period ending at 18:25:30 from losing its last seconds."""
    moment = utc_naive(moment)
    if round_up and (moment.second or moment.microsecond):
        moment += datetime.timedelta(minutes=1)
    return moment.strftime(BANDWIDTH_TIME)


def usage_time(moment):
    """cdn_usage_statistics.json's period time, 'YYYY-MM-DD+hh:mm:ss' (UTC, the '+' literal)."""
    return utc_naive(moment).strftime(USAGE_TIME)


STAT_TIME_RE = re.compile(
    r'^(?P<date>\d{4}-\d{2}-\d{2})(?:[T +](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?)?'
    r'\s*(?P<zone>Z|UTC|[+-]\d{2}:?\d{2})?$')


def stat_timestamp(value):
    """'YYYY-MM-DDTHH:MM:SSZ' from an OnApp stat date ('2014-11-25', '2014-11-25T18:00:00Z',
    '2014-11-25 18:00:00 UTC', '2014-11-25T19:00:00+01:00'); None when unreadable."""
    match = STAT_TIME_RE.match(str(value or '').strip())
    if not match:
        return None
    clock = match.group('time') or '00:00:00'
    if len(clock) == 5:
        clock += ':00'
    try:
        moment = datetime.datetime.strptime('%s %s' % (match.group('date'), clock), '%Y-%m-%d %H:%M:%S')
        moment -= utc_offset(match.group('zone'))
    except (ValueError, OverflowError):
        # Shaped like a date but none (month 13, out of range): unreadable.
        return None
    return iso_utc(moment)


def bandwidth_point(item, metric, group_by, fallback):
    """A series point from one bandwidth ``stat`` (cached/non_cached in GB or Mbps)."""
    stat = unwrap(item, 'stat')
    point = dict(timestamp=stat_timestamp(stat.get('date')) or fallback)
    cached, uncached = to_number(stat.get('cached')), to_number(stat.get('non_cached'))
    if metric == 'mbps':
        point['bandwidth_mbps'] = float(cached or 0) + float(uncached or 0)
    else:
        point['bytes_cached'] = to_bytes(cached, GB_BYTES) or 0
        point['bytes_uncached'] = to_bytes(uncached, GB_BYTES) or 0
        point['bytes'] = point['bytes_cached'] + point['bytes_uncached']
    if group_by == 'location' and stat.get('location_id') is not None:
        point['location'] = str(stat['location_id'])
    if group_by == 'resource' and stat.get('cdn_resource_id') is not None:
        point['zone'] = str(stat['cdn_resource_id'])
    return point


def usage_point(item, timestamp):
    """A series point from one ``cdn_stat`` (totals of the period per edge group and location)."""
    stat = unwrap(item, 'cdn_stat')
    point = dict(timestamp=timestamp, bytes_cached=to_bytes(stat.get('cached'), GB_BYTES) or 0,
                 bytes_uncached=to_bytes(stat.get('non_cached'), GB_BYTES) or 0)
    point['bytes'] = point['bytes_cached'] + point['bytes_uncached']
    if stat.get('location_id') is not None:
        point['location'] = str(stat['location_id'])
    if stat.get('edge_group_id') is not None:
        point['edge_group'] = str(stat['edge_group_id'])
    return point


# --- cdn_access_rule -------------------------------------------------------------------

def access_rules(resource):
    """Canonical rules from a resource's policies and lists (advanced settings)."""
    rules = []
    for rule_type, (policy_key, list_key, _sep) in sorted(ACCESS_FIELDS.items()):
        action = ACCESS_DEFAULT_ACTION.get(str(resource.get(policy_key) or '').upper())
        if action is None:
            continue
        values = resource.get(list_key)
        if not isinstance(values, (list, tuple)):
            values = split_words(values)
        seen = set()
        for value in values:
            if not str(value).strip():
                continue
            text = normalize_rule_value(rule_type, value)
            if text not in seen:
                seen.add(text)
                rules.append(dict(type=rule_type, action=action, value=text, id=None))
    return rules


def access_problem(resource):
    """What keeps the policies and lists of a resource from being read as rules (None when they can be).
    The PUT that follows replaces each list: a policy or value not understood would drop rules unseen."""
    for rule_type, (policy_key, list_key, _separator) in sorted(ACCESS_FIELDS.items()):
        policy = resource.get(policy_key)
        if policy not in (None, '') and str(policy).upper() not in ACCESS_POLICIES:
            return '%s is %r, not one of %s' % (policy_key, str(policy)[:40], ', '.join(ACCESS_POLICIES))
        try:
            access_rules({policy_key: policy, list_key: resource.get(list_key)})
        except CdnValidationError as exc:
            return '%s holds a value that is no %s rule: %s' % (list_key, rule_type,
                                                                exc.message.replace('option rules: ', '', 1))
    return None


def access_payload(final, types):
    """The PUT body setting the policy and list of each type in ``types`` from the final rules;
    a type without rules goes back to ALLOW_BY_DEFAULT with an empty list."""
    body = {}
    for rule_type in sorted(types):
        policy_key, list_key, separator = ACCESS_FIELDS[rule_type]
        rules = [r for r in final if r['type'] == rule_type]
        values = sorted(set(r['value'] for r in rules))
        body[policy_key] = ACCESS_POLICY_FOR[rules[0]['action']] if rules else 'ALLOW_BY_DEFAULT'
        body[list_key] = separator.join(values) if separator else values
    return {'cdn_resource': body}


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = CloudflowDialect

    @classmethod
    def auth_options(cls, token, user):
        return dict(basic_auth=(user, token), headers={'Content-Type': 'application/json'})

    # answers: every answer is untrusted input, checked against the documented shape before use

    def _object(self, value, root, operation, what='the answer', keys=('id',), status=None):
        """The object OnApp wraps in its root key ({root: {...}}, reference 2.1), carrying ``keys``."""
        self.client.expect(value, 'object', operation, what=what, status=status)
        item = value.get(root)
        if not isinstance(item, dict):
            raise self.client.answer_error(operation, '%s has no %r object (got %s); OnApp wraps each object in '
                                                      'its root key' % (what, root, type_name(item)), status=status)
        if keys:
            self.client.expect(item, ('object', keys), operation, what='%s.%s' % (what, root), status=status)
        if 'id' in keys:
            self._usable_id(item['id'], operation, '%s.%s.id' % (what, root), status)
        return item

    def _items(self, response, root, operation, keys=('id',)):
        """The objects of a listing: a JSON list of wrapped objects ([{root: {...}}, ...], reference 2.1)."""
        self.client.expect(response.body, 'list', operation, status=response.status)
        return [self._object(item, root, operation, 'the answer[%d]' % index, keys, response.status)
                for index, item in enumerate(response.body)]

    def _usable_id(self, value, operation, what, status=None):
        """An id the next request can name in its path; an API never issues another."""
        try:
            if isinstance(value, bool) or not is_scalar(value):
                raise CdnResponseError('a boolean, object or list is no id')
            path_segment(value)
        except CdnResponseError:
            raise self.client.answer_error(operation, '%s is %s, not an id a request can name'
                                           % (what, repr(value)[:40]), status=status)
        return value

    def _resource(self, value, operation, status, what='the answer', keys=('id', 'cdn_hostname')):
        """A CDN resource object ({"cdn_resource": {...}}) whose fields the adapter can read."""
        item = self._object(value, 'cdn_resource', operation, what, keys, status)
        problem = resource_problem(item)
        if problem:
            raise self.client.answer_error(operation, '%s.cdn_resource.%s' % (what, problem), status=status)
        return item

    def _created(self, response, root, operation):
        """The object a create answered ({root: {...}}), or None when it answered none (older OnApp:
        200 {}); the caller then finds the new object by name. Any other answer may follow a create
        that happened: the error says so (maybe_applied), so the core looks it up instead of re-sending."""
        if response.body is None or response.body == {}:
            return None
        try:
            item = self._object(response.body, root, operation, keys=(), status=response.status)
            if item.get('id') is not None:
                self._usable_id(item['id'], operation, 'the answer.%s.id' % root, response.status)
        except CdnResponseError as error:
            error.maybe_applied = True
            raise
        return item

    # reads

    def _list_basic(self):
        # Read before every create (is the host name taken?): a listing that cannot be read stops the run.
        operation = 'list CDN resources'
        response = self.client.request('GET', 'cdn_resources.json', operation, expect='list')
        return [self._resource(item, operation, response.status, 'the answer[%d]' % index)
                for index, item in enumerate(response.body)]

    def _read_advanced(self, resource_id, operation, problem_of=None):
        """advanced.json of one resource, or None when the API answers 404; ``problem_of(advanced)``
        names what else keeps the caller from using it."""
        response = self.client.request('GET', api_path('cdn_resources/{}/advanced.json', resource_id), operation,
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        advanced = self._resource(response.body, operation, response.status, keys=())
        # Merged over the basic details: settings of another resource would be written to this one.
        if advanced.get('id') is not None and not same_id(advanced['id'], resource_id):
            raise self.client.answer_error(operation, 'advanced settings of CDN resource %s were asked for; the answer '
                                                      'is for resource %s' % (resource_id, str(advanced['id'])[:40]),
                                           status=response.status)
        problem = problem_of(advanced) if problem_of else None
        if problem:
            raise self.client.answer_error(operation, 'the answer.cdn_resource.%s' % problem, status=response.status)
        return advanced

    def _advanced(self, basic):
        advanced = self._read_advanced(basic['id'], 'get CDN resource advanced settings')
        return advanced if advanced is not None else {}

    def _full(self, basic):
        advanced = self._advanced(basic)
        if self._manages_caching_rules():
            advanced['http_caching_rules'] = self._caching_rules(basic['id'])
        zone = canonical_resource(basic, advanced, self.secrets)
        if self._info_run():
            # cdn_zone_info: what the API tells about using the resource, and the account's edge IPs.
            zone['raw']['instructions'] = redact(self._instructions(basic['id']))
            zone['raw']['edge_ips'] = self.edge_ips()
        return zone

    def _manages_caching_rules(self):
        settings = self.params.get('settings')
        return self._info_run() or (isinstance(settings, dict) and settings.get('http_caching_rules') is not None)

    def _info_run(self):
        # cdn_zone_info is the module with zone_id and no state (cdn_zone has both).
        return 'zone_id' in self.params and 'state' not in self.params

    def _zones_basic(self):
        # HTTP_PUSH resources are storages (cdn_storage), not zones.
        return [basic for basic in self._list_basic() if not is_storage(basic)]

    def list_zones(self):
        return [self._full(basic) for basic in self._zones_basic()]

    def _get_basic(self, resource_id, operation):
        """GET cdn_resources/:id.json: the resource's basic details, or None when the API answers 404."""
        response = self.client.request('GET', api_path('cdn_resources/{}.json', resource_id), operation,
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        basic = self._resource(response.body, operation, response.status)
        # What follows writes to the id answered: it must be the one asked for.
        if not same_id(basic['id'], resource_id):
            raise self.client.answer_error(operation, 'CDN resource %s was asked for; the answer is resource %s'
                                           % (resource_id, str(basic['id'])[:40]), status=response.status)
        return basic

    def get_zone(self, zone_id):
        basic = self._get_basic(zone_id, 'get CDN resource')
        if basic is None or is_storage(basic):
            return None
        return self._full(basic)

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for basic in self._zones_basic():
            if normalize_hostname(basic.get('cdn_hostname')) == hostname:
                return self._full(basic)
        return None

    def _instructions(self, resource_id):
        operation = 'get CDN resource instructions'
        response = self.client.request('GET', api_path('cdn_resources/{}/instructions.json', resource_id), operation,
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        # root cdn_resource + instructions (reference 2.2); the shape of instructions is undocumented.
        return self._object(response.body, 'cdn_resource', operation, keys=(), status=response.status).get('instructions')

    def edge_ips(self):
        """The edge server IPs of the account (GET cdn_resources/edge_ips.json, root edge_ips)."""
        if getattr(self, '_edge_ips', None) is None:
            operation = 'list edge IPs'
            response = self.client.request('GET', 'cdn_resources/edge_ips.json', operation, expect='list')
            # root edge_ips, field edge_ip (ONAPP-PHP CDNResource/EdgeIps.php, OnApp 6.0+)
            items = self._items(response, 'edge_ips', operation, keys=('edge_ip',))
            self._edge_ips = sorted(set(str(item['edge_ip']) for item in items))
        return self._edge_ips

    def _caching_rules(self, resource_id):
        operation = 'list HTTP caching rules'
        response = self.client.request('GET', api_path('cdn_resources/{}/http_caching_rules.json', resource_id),
                                       operation, allow_not_found=True, expect='list')
        if response is None:
            return []
        # The ids name the rules to update or delete: root rule, each with an id (reference 2.2).
        items = self._items(response, 'rule', operation)
        for index, item in enumerate(items):
            problem = rule_problem(item)
            if problem:
                raise self.client.answer_error(operation, 'the answer[%d].rule.%s' % (index, problem),
                                               status=response.status)
        return self._rules_with_ids(items)

    @staticmethod
    def _rules_with_ids(body):
        rules = []
        for item in body or []:
            item = unwrap(item, 'rule')
            rule = caching_rules([item])[0]
            rule['id'] = item.get('id')
            rules.append(rule)
        return rules

    def _write_caching_rules(self, resource_id, desired):
        """Bring the resource's HTTP caching rules to ``desired`` (whole list, matched by name)."""
        current = self._caching_rules(resource_id)
        create, update, delete = caching_rule_plan(current, caching_rules(desired))
        for rule in delete:
            self.client.request('DELETE', api_path('cdn_resources/{}/http_caching_rules/{}.json', resource_id, rule['id']),
                                'delete HTTP caching rule', ok=(200, 202, 204), allow_not_found=True)
        for rule_id, rule in update:
            self.client.request('PUT', api_path('cdn_resources/{}/http_caching_rules/{}.json', resource_id, rule_id),
                                'update HTTP caching rule', json={'rule': rule}, ok=(200, 201, 204))
        for rule in create:
            self.client.request('POST', api_path('cdn_resources/{}/http_caching_rules.json', resource_id),
                                'create HTTP caching rule', json={'rule': rule}, ok=(200, 201))

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
                self.take_secret_setting(settings, key)
            elif key == 'edge_group_ids' and value is not None:
                if not all(isinstance(to_int(v), int) for v in value):
                    raise CdnValidationError('settings.edge_group_ids', 'must be a list of edge group ids', value=value)
                settings[key] = normalize_setting(key, value)
            elif key == 'http_caching_rules' and value is not None:
                check_caching_rules(value)
                settings[key] = normalize_setting(key, value)
            elif key == 'countries' and value is not None:
                codes = normalize_setting(key, value)
                bad = [c for c in codes if country_code(c) is None]
                if bad:
                    raise CdnValidationError('settings.countries', 'has codes that are not ISO 3166 alpha-2', value=bad)
                settings[key] = codes
            else:
                settings[key] = normalize_setting(key, value)

    # writes

    def create_zone(self, desired):
        if not desired.get('origin'):
            raise CdnValidationError('origin', 'is required to create a CloudFlow HTTP_PULL CDN resource',
                                     allowed='an http:// or https:// URL')
        groups = None
        if (desired.get('settings') or {}).get('edge_group_ids') is None:
            groups = self.available_edge_groups()
        payload = create_payload(desired, groups, self.secrets)
        operation = 'create CDN resource'
        response = self.client.request('POST', 'cdn_resources.json', operation, json=payload, ok=(200, 201))
        new_id = (self._created(response, 'cdn_resource', operation) or {}).get('id')
        rules = (desired.get('settings') or {}).get('http_caching_rules')
        if new_id is None:
            zone = self.find_zone(hostname=desired['hostname'])
            if rules and zone is not None:
                self._write_caching_rules(zone['id'], rules)
                zone = self.get_zone(zone['id'])
            return zone
        if rules:
            self._write_caching_rules(new_id, rules)
        return self.get_zone(new_id)

    def update_zone(self, current, changes, desired):
        payload = update_payload(changes, current, self.secrets)
        rules = (changes.get('settings') or {}).get('http_caching_rules')
        if not payload['cdn_resource'] and rules is None:
            return current
        if payload['cdn_resource']:
            self.client.request('PUT', api_path('cdn_resources/{}.json', current['id']), 'update CDN resource',
                                json=payload, ok=(200, 201, 204))
        if rules is not None:
            self._write_caching_rules(current['id'], rules)
        return self.get_zone(current['id'])

    def delete_zone(self, current):
        self.client.request('DELETE', api_path('cdn_resources/{}.json', current['id']), 'delete CDN resource',
                            ok=(200, 202, 204), allow_not_found=True)

    def predict_zone(self, desired):
        zone = super(Adapter, self).predict_zone(desired)
        zone.setdefault('aliases', [])
        zone.setdefault('status', None)
        return zone

    # purge: POST purge.json / purge_all.json / prefetch.json, bodies without a root key

    def purge_batch(self, zone, items, kind):
        template, key, operation = PURGE_ENDPOINTS[kind]
        # ONAPP-PHP sends the paths as one string, one path a line (the control panel form's format).
        body = {key: '\n'.join(items)} if key else {}
        response = self.client.request('POST', api_path(template, zone['id']), operation,
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
        return canonical_origin(self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True))

    def update_origin(self, current, changes, desired):
        payload = origin_payload(changes, current)
        if not payload['cdn_resource']:
            return current
        self.client.request('PUT', api_path('cdn_resources/{}.json', current['zone']), 'update CDN resource origins',
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
        # Read before every upload, rebind and delete: root cdn_ssl_certificate, each with an id (reference 2.2).
        operation = 'list SSL certificates'
        response = self.client.request('GET', 'cdn_ssl_certificates.json', operation, expect='list')
        items = self._items(response, 'cdn_ssl_certificate', operation)
        for index, item in enumerate(items):
            # The name carries the identity (CERTIFICATE_NAME_FORMAT): it must be a text.
            if not is_scalar(item.get('name')):
                raise self.client.answer_error(operation, 'the answer[%d].cdn_ssl_certificate.name is %s where a text '
                                                          'is documented' % (index, type_name(item['name'])),
                                               status=response.status)
        resources = self._list_basic() if items else []
        return [canonical_certificate(item, resources) for item in items]

    def upload_certificate(self, local):
        operation = 'upload SSL certificate'
        response = self.client.request('POST', 'cdn_ssl_certificates.json', operation,
                                       json=certificate_payload(local), ok=(200, 201))
        item = self._created(response, 'cdn_ssl_certificate', operation)
        if item is not None and item.get('id') is not None:
            return canonical_certificate(item)
        # No id answered: the certificate is found by the name it was uploaded under.
        wire = certificate_wire_name(local.name or local.hostname, local.info['fingerprint'])
        for cert in self.list_certificates():
            if cert['raw'].get('name') == wire:
                return cert
        error = self.client.answer_error(operation, 'it names no certificate id, and the certificate list does not '
                                                    'show %s' % wire, status=response.status)
        error.maybe_applied = True
        raise error

    def delete_certificate(self, current):
        self.client.request('DELETE', api_path('cdn_ssl_certificates/{}.json', current['id']), 'delete SSL certificate',
                            ok=(200, 202, 204), allow_not_found=True)

    def bind_certificate(self, zone, certificate):
        if str(zone.get('certificate_id') or '') == str(certificate['id']) and zone.get('tls'):
            return False
        # One PUT switches the resource from its old certificate to the new one: never without one.
        body = {'cdn_ssl_certificate_id': wire_certificate(certificate['id']), 'ssl_on': 1}
        self.client.request('PUT', api_path('cdn_resources/{}.json', zone['id']), 'bind SSL certificate',
                            json={'cdn_resource': body}, ok=(200, 201, 204))
        return True

    def _available_edge_groups(self):
        """{id: label} of the edge groups the account may use (read once a run)."""
        if getattr(self, '_edge_groups', None) is None:
            # Read before a create, which sends these ids: root edge_group {id, label} (reference 2.2).
            operation = 'list available edge groups'
            response = self.client.request('GET', 'cdn_resources/available_edge_groups.json', operation,
                                           expect='list')
            groups = {}
            for index, group in enumerate(self._items(response, 'edge_group', operation)):
                if not is_int_id(group['id']):
                    raise self.client.answer_error(operation, 'the answer[%d].edge_group.id is %r, not a numeric edge '
                                                              'group id' % (index, str(group['id'])[:40]),
                                                   status=response.status)
                groups[to_int(group['id'])] = group.get('label')
            self._edge_groups = groups
        return self._edge_groups

    def available_edge_groups(self):
        """Every edge group the account may use (sent when settings.edge_group_ids is not given)."""
        return sorted(self._available_edge_groups())

    # storages: HTTP_PUSH CDN resources (see the module docstring)

    def validate_storage(self, desired, state):
        name = normalize_hostname(desired.get('name'))
        if not is_hostname(name, min_labels=2):
            raise CdnValidationError('name', 'is not a host name: a CloudFlow storage is named by the CDN hostname '
                                     'of its HTTP_PUSH resource', value=desired.get('name'),
                                     allowed='a DNS name such as files.example.com')
        desired['name'] = name

    def _storage(self, basic):
        advanced = self._advanced(basic)
        return canonical_storage(basic, advanced, self._instructions(basic['id']))

    def list_storages(self):
        return [canonical_storage(basic) for basic in self._list_basic() if is_storage(basic)]

    def find_storage(self, desired):
        for basic in self._list_basic():
            if is_storage(basic) and normalize_hostname(basic.get('cdn_hostname')) == desired['name']:
                return self._storage(basic)
        return None

    def create_storage(self, desired):
        password = desired.get('ftp_password')
        if not password:
            raise CdnValidationError('ftp_password', 'is required to create CloudFlow storage %s (OnApp creates an '
                                     'HTTP_PUSH resource with the FTP password you choose)' % desired['name'],
                                     allowed='a password (no_log)')
        payload = storage_create_payload(desired, password, self.available_edge_groups())
        operation = 'create storage (HTTP_PUSH resource)'
        response = self.client.request('POST', 'cdn_resources.json', operation, json=payload, ok=(200, 201))
        new_id = (self._created(response, 'cdn_resource', operation) or {}).get('id')
        found = None
        if new_id is not None:
            basic = self._get_basic(new_id, 'get storage')
            found = self._storage(basic) if basic is not None else None
        if found is None:
            found = self.find_storage(desired)
        if found is None:
            raise CdnNotFoundError('storage %s was created but CloudFlow does not show it' % desired['name'],
                                   provider=self.name, operation='create storage')
        return found

    def delete_storage(self, current):
        self.client.request('DELETE', api_path('cdn_resources/{}.json', current['id']),
                            'delete storage (HTTP_PUSH resource)', ok=(200, 202, 204), allow_not_found=True)

    def storage_password(self, current):
        # The API never shows the FTP password: it is the one you chose.
        return None

    def set_storage_password(self, current, password):
        """A new FTP password for this storage only (PUT ftp_password, reference 2.2 "Edit ... Push")."""
        self.client.request('PUT', api_path('cdn_resources/{}.json', current['id']), 'set storage FTP password',
                            json={'cdn_resource': {'ftp_password': password}}, ok=(200, 201, 204))

    # statistics (reference 2.2: bandwidth.json, cdn_usage_statistics.json)

    def get_stats(self, query):
        report, metric = query.get('report') or 'bandwidth', query.get('metric') or 'bytes'
        if report == 'usage':
            if metric != 'bytes':
                raise CdnValidationError('metric', 'is %s, but CloudFlow usage statistics are in GB only' % metric,
                                         allowed='bytes, or report bandwidth for mbps')
            if query.get('zone') is not None:
                raise CdnValidationError('zone', 'cannot be set with report usage: CloudFlow usage statistics are '
                                         'account-wide', allowed='omit zone, or report bandwidth')
            return self._usage_stats(query)
        if metric == 'mbps':
            oldest = datetime.datetime.now(query['start'].tzinfo) - datetime.timedelta(days=MBPS_DAYS)
            if query['start'] < oldest:
                raise CdnValidationError('start', 'is more than %d days ago: CloudFlow bandwidth in Mbps covers the '
                                         'last %d days only' % (MBPS_DAYS, MBPS_DAYS),
                                         allowed='a start after %s, or metric bytes' % iso_utc(oldest))
        return self._bandwidth_stats(query, report, metric)

    def _bandwidth_stats(self, query, report, metric):
        body = dict(start=bandwidth_time(query['start']), end=bandwidth_time(query['end'], round_up=True),
                    type=STATS_METRICS[metric])
        group_by = STATS_REPORTS[report]
        if group_by:
            body['group_by'] = group_by
        if query.get('zone') is not None:
            reference = (query['zone'].get('raw') or {}).get('cdn_reference')
            body['resources'] = [to_int(reference) if reference is not None else to_int(query['zone']['id'])]
        # A GET with a JSON body, as ONAPP-DOCS shows it ("View CDN Resource Bandwidth Statistics").
        operation = 'get bandwidth statistics'
        response = self.client.request('GET', 'cdn_resources/bandwidth.json', operation,
                                       json={'bandwidth': body}, allow_not_found=True, expect='list')
        if response is None:
            raise CdnUnsupportedError('CloudFlow answered 404 for cdn_resources/bandwidth.json: bandwidth statistics '
                                      'are deprecated since OnApp 5.4 and removed in 5.6; use report usage',
                                      provider=self.name, operation=operation)
        # [{"stat": {date, cached, non_cached}}] (reference 2.2)
        stats = self._items(response, 'stat', operation, keys=())
        fallback = stat_timestamp(body['start'])
        series = sorted((bandwidth_point(item, metric, group_by, fallback) for item in stats),
                        key=lambda p: (p['timestamp'], p.get('location') or '', p.get('zone') or ''))
        totals = None
        if metric == 'mbps':
            # Mbps do not add up: the total is the peak.
            totals = dict(bandwidth_mbps=max([p['bandwidth_mbps'] for p in series] or [0.0]))
        return dict(series=series, totals=totals, raw=response.body)

    def _usage_stats(self, query):
        period = dict(startdate=usage_time(query['start']), enddate=usage_time(query['end']))
        operation = 'get CDN usage statistics'
        response = self.client.request('GET', 'cdn_usage_statistics.json', operation, json={'period': period},
                                       expect='list')
        # [{"cdn_stat": {user_id, edge_group_id, cached, non_cached, location_id}}] (reference 2.2)
        stats = self._items(response, 'cdn_stat', operation, keys=())
        # Totals of the period: no time axis, so every point carries the period start.
        start = iso_utc(query['start'])
        series = sorted((usage_point(item, start) for item in stats),
                        key=lambda p: (p.get('edge_group') or '', p.get('location') or ''))
        return dict(series=series, totals=None, raw=response.body)

    # access rules: the resource's three policies and lists (see the module docstring)

    def validate_access_rules(self, zone, final_rules):
        for rule_type in sorted(ACCESS_FIELDS):
            actions = sorted(set(r['action'] for r in final_rules if r['type'] == rule_type))
            if len(actions) > 1:
                policy_key = ACCESS_FIELDS[rule_type][0]
                raise CdnValidationError('rules', 'would hold both allow and deny %s rules on zone %s, but CloudFlow '
                                         'keeps one %s per zone: ALLOW_BY_DEFAULT with a list of denied values or '
                                         'BLOCK_BY_DEFAULT with a list of allowed values'
                                         % (rule_type, zone['hostname'] if zone else None, policy_key),
                                         allowed='only allow or only deny rules of each type (purge_rules=true '
                                                 'replaces the rules of the other action)')

    def list_access_rules(self, zone):
        operation = 'get CDN resource access policies'
        advanced = self._read_advanced(zone['id'], operation, access_problem)
        if advanced is None:
            raise CdnNotFoundError('zone %s is gone' % zone['id'], provider=self.name, operation='access rules')
        return access_rules(advanced)

    def apply_access_rules(self, zone, current, final, add, remove):
        types = set(r['type'] for r in list(add) + list(remove))
        self.client.request('PUT', api_path('cdn_resources/{}.json', zone['id']), 'update CDN resource access policies',
                            json=access_payload(final, types), ok=(200, 201, 204))
