# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow (OnApp CDN): pure translation between the API's shapes and the option shapes.

No request is sent from here: canonical_* read API objects into the canonical shapes of
module_utils/interfaces/, *_payload build request bodies, and the date and unit conversions
of the statistics live here too; tests/unit/plugins/module_utils/providers/cloudflow/test_wire.py
tests them.

Sources, cited by name below: the OnApp CDN API documentation (https://docs.onapp.com, the
CDN resource pages such as "Add HTTP CDN Resource" or "Get CDN Resource Basic Details"), the
OnApp PHP wrapper (github.com/OnApp/OnApp-PHP-Wrapper-External, file named) where the
documentation shows no field list, and, where both are silent, the decisions listed in
docs/providers/cloudflow.md ("Decisions where the API document is silent").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import redact, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import SECRET_DIFFERS, secret_view
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# "ALLOW_BY_DEFAULT" and "BLOCK_BY_DEFAULT" are documented ("Add HTTP Pull/Push CDN Resource with Advanced
# Settings"); NONE is accepted too (docs/providers/cloudflow.md).
ACCESS_POLICIES = ('NONE', 'ALLOW_BY_DEFAULT', 'BLOCK_BY_DEFAULT')
# The origins of a resource travel as one "origin" string; the separator is docs/providers/cloudflow.md's choice
# (see wire_origins).
ORIGIN_SEPARATOR = ','
ORIGIN_POLICIES = {'http': 'HTTP', 'https': 'HTTPS'}

# Request field names of POST cdn_ssl_certificates.json: OnApp publishes none ("CDN SSL Certificates API"),
# so this is docs/providers/cloudflow.md's decision, kept in this one place.
# ``chain`` None: the chain is appended to the certificate field (leaf first).
CERTIFICATE_UPLOAD_FIELDS = {'name': 'name', 'certificate': 'cert', 'private_key': 'key', 'chain': None}
# The API returns no fingerprint: it is kept in the certificate's name (docs/providers/cloudflow.md).
CERTIFICATE_NAME_FORMAT = '%s-sha1-%s'
CERTIFICATE_NAME_RE = re.compile(r'^(?P<name>.*)-sha1-(?P<fingerprint>[0-9a-f]{40})$')
# What the API answers for a certificate (OnApp PHP wrapper, CDNSSL.php); anything else is kept out of ``raw``.
CERTIFICATE_KEYS = ('id', 'name', 'user_id', 'created_at', 'updated_at', 'cdn_reference')

# storage_server_location values: not published ("Add HTTP Pull/Push CDN Resource with Advanced Settings" names
# the field only); docs/providers/cloudflow.md lists the collection's choice.
STORAGE_LOCATIONS = ('europe', 'north-america', 'asia')
STORAGE_TYPE = 'HTTP_PUSH'
# Keys an undocumented ``instructions`` object may name the FTP host and user by (see ftp_details).
FTP_HOST_KEYS = ('ftp_host', 'ftp_hostname', 'ftp_server', 'host')
FTP_USER_KEYS = ('ftp_user', 'ftp_username', 'ftp_login', 'username', 'user')
FTP_LINE_RE = re.compile(r'^\s*ftp[ _-]?(?P<what>host(?:name)?|server|user(?:name)?|login)\s*[:=]\s*(?P<value>\S+)', re.I | re.M)

# Statistics ("View CDN Resource Bandwidth Statistics", "CDN Usage Statistics API"): reports and the
# bandwidth body's group_by they send.
STATS_REPORTS = {
    'bandwidth': None,
    'bandwidth_by_location': 'location',
    'bandwidth_by_zone': 'resource',
    'usage': None,
}
STATS_METRICS = {'bytes': 'GB', 'mbps': 'MBPS'}
# "MBPS covers the last 10 days only" ("View CDN Resource Bandwidth Statistics").
MBPS_DAYS = 10
# The GB of cached/non_cached answers, in bytes (docs/providers/cloudflow.md).
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

# The advanced settings of a CDN resource ("Add/Edit HTTP Pull/Push CDN Resource with Advanced Settings").
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


# --- normalisers ------------------------------------------------------------

def flag(value):
    """OnApp's examples send booleans as 1/0."""
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
    """The origin host names, in order, from ``origins`` [{key, value}] (``origins_for_api`` before
    OnApp 3.0, or the writable ``origin`` string)."""
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
# iterates ("Get CDN Resource Basic Details", "Add/Edit HTTP Pull/Push CDN Resource with Advanced Settings");
# null is accepted for all. Any other type is an answer it cannot read.
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


# --- zones: HTTP_PULL resources -------------------------------------------------------

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
    """The body of POST /cdn_resources.json for an HTTP_PULL resource ("Add HTTP CDN Resource")."""
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


# --- zone extras: HTTP caching rules, instructions ----------------------------------

def caching_rules(value):
    """Canonical HTTP caching rules: [{name, conditions, actions}] sorted by name (ids dropped)."""
    rules = []
    for item in value or []:
        item = unwrap(item, 'rule')
        rules.append(dict(name=str(item.get('name') or ''), conditions=list(item.get('conditions') or []),
                          actions=list(item.get('actions') or [])))
    return sorted(rules, key=lambda rule: rule['name'])


def rules_with_ids(items):
    """Canonical HTTP caching rules that keep the ``id`` each answered rule carries (to update or delete it)."""
    rules = []
    for item in items or []:
        item = unwrap(item, 'rule')
        rule = caching_rules([item])[0]
        rule['id'] = item.get('id')
        rules.append(rule)
    return rules


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


def bind_payload(certificate_id):
    """The PUT body that serves a resource with a certificate: one write from the old certificate to the new."""
    return {'cdn_resource': {'cdn_ssl_certificate_id': wire_certificate(certificate_id), 'ssl_on': 1}}


# --- purges (cdn_purge) -----------------------------------------------------------

def purge_body(key, items):
    """The unwrapped purge or prefetch body: the paths as one string, one path a line (the OnApp PHP
    wrapper, CDNResource.php purge() and prefetch(); the control panel form's "one path per line")."""
    return {key: '\n'.join(items)} if key else {}


def purge_jobs(items, body):
    """What an accepted purge request reports: OnApp answers no job id, so there is nothing to follow."""
    return [dict(id=None, status='accepted', done=True, failed=None, urls=len(items) if items else None,
                 raw=body if isinstance(body, dict) else {})]


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
    """POST /cdn_resources.json for an HTTP_PUSH resource: ``ftp_password`` instead of ``origin`` ("Add HTTP
    CDN Resource"), and ``storage_server_location`` ("Add HTTP Pull/Push CDN Resource with Advanced Settings")."""
    body = dict(cdn_hostname=desired['name'], resource_type=STORAGE_TYPE, ftp_password=password,
                storage_server_location=desired['region'])
    if edge_group_ids is not None:
        body['edge_group_ids'] = list(edge_group_ids)
    return {'cdn_resource': body}


def password_payload(password):
    """The PUT body giving a push resource a new FTP password ("Edit HTTP Pull/Push CDN Resource with Advanced
    Settings")."""
    return {'cdn_resource': {'ftp_password': password}}


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


def bandwidth_body(query, report, metric):
    """The ``bandwidth`` object of GET cdn_resources/bandwidth.json ("View CDN Resource Bandwidth Statistics":
    start, end, type, resources, group_by). A zone is named by its ``cdn_reference`` when the resource has one."""
    body = dict(start=bandwidth_time(query['start']), end=bandwidth_time(query['end'], round_up=True),
                type=STATS_METRICS[metric])
    group_by = STATS_REPORTS[report]
    if group_by:
        body['group_by'] = group_by
    if query.get('zone') is not None:
        reference = (query['zone'].get('raw') or {}).get('cdn_reference')
        body['resources'] = [to_int(reference) if reference is not None else to_int(query['zone']['id'])]
    return body


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


def bandwidth_stats(stats, body, metric, raw):
    """The statistics result of bandwidth.json's ``stat`` items, for the request ``body`` sent."""
    group_by = body.get('group_by')
    fallback = stat_timestamp(body['start'])
    series = sorted((bandwidth_point(item, metric, group_by, fallback) for item in stats),
                    key=lambda p: (p['timestamp'], p.get('location') or '', p.get('zone') or ''))
    totals = None
    if metric == 'mbps':
        # Mbps do not add up: the total is the peak.
        totals = dict(bandwidth_mbps=max([p['bandwidth_mbps'] for p in series] or [0.0]))
    return dict(series=series, totals=totals, raw=raw)


def usage_period(query):
    """The ``period`` object of GET cdn_usage_statistics.json ("CDN Usage Statistics API")."""
    return dict(startdate=usage_time(query['start']), enddate=usage_time(query['end']))


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


def usage_stats(stats, start, raw):
    """The statistics result of the usage ``cdn_stat`` items: totals of the period with no time axis,
    so every point carries the period ``start``."""
    timestamp = iso_utc(start)
    series = sorted((usage_point(item, timestamp) for item in stats),
                    key=lambda p: (p.get('edge_group') or '', p.get('location') or ''))
    return dict(series=series, totals=None, raw=raw)


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
