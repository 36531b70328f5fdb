# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2: pure translation between the API's shapes and the modules' option shapes.

No I/O here: the key/value envelope, the payload builders, the canonical forms of what the
API answers, and the date and unit conversions (unit-tested in
tests/unit/plugins/module_utils/providers/leaseweb/test_wire.py). Section names in quotes
are those of the Leaseweb CDN API v2 document (https://developer.leaseweb.com/api-docs/cdn_v2.html);
what the project decided where that document is silent is listed in docs/providers/leaseweb.md
("Decisions where the API document is silent").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
    iso_from_unix,
    iso_utc,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_int,
    to_number,
    utc_naive,
    utc_offset,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import redact_secrets
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import SECRET_DIFFERS, secret_view
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

DISTRIBUTION_TYPE = 'DISTRIBUTION_VOLUME'
SIMPLE_ORIGIN = 'SIMPLE_ORIGIN'
ADVANCED_ORIGIN = 'ADVANCED_ORIGIN'
# The document shows no CNAME target of a distribution: the server-set data key ``cname`` is
# read (docs/providers/leaseweb.md, "Decisions where the API document is silent").
CNAME_KEY = 'cname'
# The actions whose status is a zone's status (FINISHED when it has none).
DIST_ACTION_TYPES = ('CREATE_DIST', 'UPDATE_DIST')
READY_STATUSES = ('FINISHED',)
# The document shows PENDING, IN_PROGRESS and FINISHED only; these end an action as failed
# (docs/providers/leaseweb.md).
FAILED_STATUSES = ('FAILED', 'ERROR', 'CANCELLED')
INVALIDATION = 'INVALIDATION'
# Policy secrets never shown in raw output.
POLICY_SECRETS = ('securityTokenSecret', 'securityTokenAesKey', 'securityTokenShaKey')

# Canonical options stored as distribution data keys.
DISTRIBUTION_OPTIONS = (('tls', 'tls'), ('certificate_id', 'certificateId'), ('enabled', 'enabled'))
DISTRIBUTION_SETTINGS = {
    'description': dict(type='str'),
    'ipv6': dict(type='bool'),
    'logging': dict(type='bool'),
}
# Canonical options stored as policy fields.
POLICY_OPTIONS = (('origin_host_header', 'originPullHostHeader'), ('cache_ttl', 'cacheDefaultTtl'),
                  ('compress', 'deliveryCompress'))
# Policy fields offered as settings (the origin pull protocol and id come from
# ``origin``, the ACL defaults from cdn_access_rule).
POLICY_SETTINGS = {
    'allowedMethods': dict(type='str'),
    'path': dict(type='str'),
    'originPullCompressed': dict(type='bool'),
    'originPullXff': dict(type='bool'),
    'originPullPassCookie': dict(type='bool'),
    'originPullPassVary': dict(type='bool'),
    'cacheQueryString': dict(type='bool'),
    'cacheHonorOriginTtl': dict(type='bool'),
    'cacheStale': dict(type='bool'),
    'cacheByPass': dict(type='bool'),
    'cacheSegmented': dict(type='bool'),
    'deliveryTtlInherit': dict(type='bool'),
    'deliveryTtlOverride': dict(type='int', min=0, max=31536000),
    'deliveryRateLimit': dict(type='bool'),
    'deliveryTransferRate': dict(type='int', min=0),
    'deliveryBurstSize': dict(type='int', min=0),
    'deliveryForceHttps': dict(type='bool'),
    'deliveryPassThroughAllHeaders': dict(type='bool'),
    'securityGeoAcl': dict(type='bool'),
    'securityIpAcl': dict(type='bool'),
    'securityReferrerAcl': dict(type='bool'),
    # The security token (URL signing), Leaseweb CDN API v2 "Create Policy". The secret, AES
    # and SHA keys are secrets: never shown, only compared. The document gives no values
    # for the method and the parameter names (strings or null).
    'securityToken': dict(type='bool'),
    'securityTokenVendor': dict(type='str', choices=['LEASEWEB']),
    'securityTokenMethod': dict(type='str'),
    'securityTokenSecret': dict(type='str', secret=True),
    'securityTokenAesKey': dict(type='str', secret=True),
    'securityTokenShaKey': dict(type='str', secret=True),
    'securityTokenClientIp': dict(type='bool'),
    'securityTokenExpirationParam': dict(type='str'),
    'securityTokenParam': dict(type='str'),
    'securityTokenNumberOfPathComponents': dict(type='int', min=-1, max=10),
    'securityTokenEmbedIntoPath': dict(type='bool'),
    # "Originpullshieldid (string) or ... (null)": the shield the origin pull goes through.
    'originPullShieldId': dict(type='str'),
}
# Nullable text fields: shown as '' when null, and '' sends null (clears them).
NULLABLE_TEXT_SETTINGS = ('securityTokenMethod', 'securityTokenExpirationParam', 'securityTokenParam',
                          'originPullShieldId')
ZONE_SETTINGS = dict(DISTRIBUTION_SETTINGS, **POLICY_SETTINGS)

ORIGIN_GROUP = 'ORIGIN_GROUP'
ORIGIN_GROUP_MEMBER = 'ORIGIN_GROUP_MEMBER'
# Id prefixes of the Leaseweb CDN API v2 samples ("or-5dfg51fr", "og-3h47bjs").
ORIGIN_PREFIX = 'or-'
GROUP_PREFIX = 'og-'
# canonical option -> ADVANCED_ORIGIN data key, and what a SIMPLE_ORIGIN amounts to
ADVANCED_KEYS = (('path', 'path'), ('http_port', 'httpPort'), ('https_port', 'httpsPort'))
SIMPLE_EQUIVALENT = {'path': '/', 'http_port': DEFAULT_PORTS['http'], 'https_port': DEFAULT_PORTS['https']}
# canonical group option -> ORIGIN_GROUP data key; GROUP_ORDER is the order of
# the keys in the sample of "Create Origin Group"
GROUP_KEYS = (('balancing_method', 'balancingMethod'), ('fail_timeout', 'failTimeOut'), ('keep_alive', 'keepAlive'),
              ('keep_alive_seconds', 'keepAliveSeconds'), ('enabled', 'enabled'))
GROUP_ORDER = ('balancingMethod', 'description', 'failTimeOut', 'keepAlive', 'keepAliveSeconds', 'enabled')
# Certificate fields the API masks ("Hidden for security reasons"): never in raw output.
CERTIFICATE_HIDDEN = ('certificate', 'privateKey', 'caBundle')

# --- statistics (Leaseweb CDN API v2 "Query statistics for customer" and the reseller/total variants)
STATS_METRICS = ('DATATRANSFER', 'BANDWIDTH', 'REQUESTS', 'STATUS_2XX', 'STATUS_4XX', 'STATUS_5XX', 'CACHEHIT', '95TH')
STATS_GRANULARITIES = ('5MIN', '15MIN', 'HOUR', 'DAY', 'WEEK')  # the document's order; 5MIN is its default
# groupBy -> the label each point carries
STATS_GROUP_LABELS = (('PROVIDER', 'provider'), ('DISTRIBUTION', 'zone'), ('CUSTOMER', 'customer'),
                      ('REGION', 'location'))
STATS_REPORTS = tuple('%s%s' % (scope, suffix) for scope in ('customer', 'reseller')
                      for suffix in [''] + ['_by_%s' % g.lower() for g, _label in STATS_GROUP_LABELS])
# metric -> (number key, divisor of the API's value: bits per second -> Mbit/s)
STATS_METRIC_KEYS = {
    'DATATRANSFER': ('bytes', 1),
    'REQUESTS': ('requests', 1),
    'BANDWIDTH': ('bandwidth_mbps', 1e6),
    '95TH': ('bandwidth_mbps', 1e6),
    'STATUS_2XX': ('status_2xx_percent', 1),
    'STATUS_4XX': ('status_4xx_percent', 1),
    'STATUS_5XX': ('status_5xx_percent', 1),
    'CACHEHIT': ('cache_hit_ratio', 1),
}
LSW_TIME_RE = re.compile(r'^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$')

# --- access rules: canonical type/action -> ACL type/action, and the policy fields per type
ACL_TYPES = (('ip', 'IP_ACL'), ('country', 'GEO_ACL'), ('referrer', 'REFERRER_ACL'))
ACL_ACTIONS = (('allow', 'ALLOW'), ('deny', 'REJECT'))
ACL_SWITCHES = {'ip': ('securityIpAcl', 'securityIpAclDefault'),
                'country': ('securityGeoAcl', 'securityGeoAclDefault'),
                'referrer': ('securityReferrerAcl', 'securityReferrerAclDefault')}

# --- actions: the ``filters`` enum of Leaseweb CDN API v2 "List actions"
ACTION_TYPES = ('INVALIDATION', 'CREATE_DIST', 'UPDATE_DIST', 'DELETE_DIST')
UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')


# --- the key/value envelope ------------------------------------------------

def encode_envelope(resource_type, values):
    """{'resourceType': t, 'data': [{'key': k, 'value': v}, ...]} in the order given."""
    items = values.items() if isinstance(values, dict) else values
    return {'resourceType': resource_type, 'data': [{'key': k, 'value': v} for k, v in items]}


def decode_envelope(obj):
    """(resourceType, {key: value}) of an enveloped object; liberal about plain dicts."""
    if not isinstance(obj, dict):
        return None, {}
    data = obj.get('data')
    if isinstance(data, list):
        values = {}
        for item in data:
            # keys are strings (every sample); another key could not even be a dict key
            if isinstance(item, dict) and isinstance(item.get('key'), str):
                values[item['key']] = item.get('value')
        return obj.get('resourceType'), values
    if isinstance(data, dict):
        return obj.get('resourceType'), dict(data)
    plain = dict((k, v) for k, v in obj.items() if k != 'resourceType')
    return obj.get('resourceType'), plain


# --- payload builders (pure) -------------------------------------------------

def distribution_values(wanted):
    """Distribution data keys for the canonical options and settings set in ``wanted``."""
    values = {}
    for option, key in DISTRIBUTION_OPTIONS:
        if wanted.get(option) is not None:
            values[key] = wanted[option]
    settings = wanted.get('settings') or {}
    for key in sorted(DISTRIBUTION_SETTINGS):
        if settings.get(key) is not None:
            values[key] = settings[key]
    return values


def create_distribution_payload(desired):
    """The create body: description, enabled and tls always (as in the sample of "Create Distribution"), the rest when set."""
    values = {'description': desired['hostname'], 'enabled': True, 'tls': False}
    values.update(distribution_values(desired))
    return encode_envelope(DISTRIBUTION_TYPE, values)


def policy_values(wanted, secrets=None):
    """Policy fields for the canonical options and settings set in ``wanted`` (origin excluded).

    Secret settings hold REDACTED: their values come from ``secrets``. ''
    for a secret or a nullable text field is sent as null (unset).
    """
    body = {}
    for option, field in POLICY_OPTIONS:
        if wanted.get(option) is not None:
            body[field] = wanted[option]
    settings = wanted.get('settings') or {}
    for key in sorted(POLICY_SETTINGS):
        value = settings.get(key)
        if value is None:
            continue
        if key in POLICY_SECRETS and value in (REDACTED, SECRET_DIFFERS):
            value = (secrets or {}).get(key)
        if value == '' and (key in POLICY_SECRETS or key in NULLABLE_TEXT_SETTINGS):
            value = None
        body[key] = value
    return body


def origin_payload(url, description):
    """(enveloped origin body, originPullProtocol) for an origin URL."""
    scheme, host, port, url_path = split_url(url)
    if port is None and not url_path:
        values = [('host', host), ('description', description), ('enabled', True)]
        return encode_envelope(SIMPLE_ORIGIN, values), scheme.upper()
    ports = dict(DEFAULT_PORTS)
    if port is not None:
        ports[scheme] = port
    values = [('host', host), ('description', description), ('enabled', True), ('path', url_path or '/'),
              ('httpPort', ports['http']), ('httpsPort', ports['https'])]
    return encode_envelope(ADVANCED_ORIGIN, values), scheme.upper()


def origin_url(origin, protocol):
    """The canonical URL of an (enveloped) origin pulled with ``protocol``."""
    resource_type, values = decode_envelope(origin)
    host = values.get('host')
    if not host:
        return None
    scheme = str(protocol or 'HTTP').lower()
    port = None
    url_path = ''
    if resource_type != SIMPLE_ORIGIN:
        port = to_int(values.get('httpsPort' if scheme == 'https' else 'httpPort'))
        if port == DEFAULT_PORTS.get(scheme):
            port = None
        url_path = values.get('path') or ''
        if url_path and not url_path.startswith('/'):
            url_path = '/' + url_path
    return normalize_url('%s://%s%s%s' % (scheme, host, ':%s' % port if port else '', url_path))


def origin_pull(origin_id):
    """The policy fields pointing at an origin (``originPullId``) or an ``og-`` group
    (``originPullGroupId``), the other one cleared."""
    if str(origin_id).startswith(GROUP_PREFIX):
        return {'originPullGroupId': origin_id, 'originPullId': None}
    return {'originPullId': origin_id, 'originPullGroupId': None}


def action_distribution(action):
    """The distribution id an action is about (None for invalidations and unknown shapes).

    The document does not say how a CREATE_DIST or UPDATE_DIST action names its distribution:
    ``resource.distribution_id`` is read, shaped like the INVALIDATION action's ``resource``
    (docs/providers/leaseweb.md, "Decisions where the API document is silent")."""
    resource = action.get('resource') if isinstance(action, dict) else None
    if isinstance(resource, dict):
        return resource.get('distribution_id') or resource.get('distributionId')
    return action.get('distributionId') if isinstance(action, dict) else None


def latest_actions(actions, types=DIST_ACTION_TYPES):
    """{distribution id: its newest action of the given types} (ties: the later in the list)."""
    latest = {}
    for index, action in enumerate(actions):
        if action.get('type') not in types:
            continue
        dist_id = action_distribution(action)
        if not dist_id:
            continue
        rank = (str(action.get('created') or ''), index)
        if dist_id not in latest or rank >= latest[dist_id][0]:
            latest[dist_id] = (rank, action)
    return dict((k, v[1]) for k, v in latest.items())


def canonical_invalidation(action, urls=None):
    """A purge job from an INVALIDATION action: done when FINISHED (or failed), failures with their messages."""
    resource = action.get('resource') if isinstance(action.get('resource'), dict) else {}
    status = action.get('status') or resource.get('status')
    failed = None
    if status in FAILED_STATUSES:
        messages = [str(u['message']) for u in resource.get('url_status') or [] if isinstance(u, dict) and u.get('message')]
        failed = 'Leaseweb invalidation %s ended %s%s' % (
            resource.get('invalidation_id') or action.get('id'), status, (': ' + '; '.join(messages)) if messages else '')
    return dict(
        id=action.get('id'),
        invalidation_id=resource.get('invalidation_id'),
        status=status,
        done=status in READY_STATUSES or status in FAILED_STATUSES,
        failed=failed,
        urls=urls,
        created=action.get('created'),
        raw=action,
    )


def redact_policy(policy):
    return redact_secrets(policy, POLICY_SECRETS)


def domain_names(domains):
    return [normalize_hostname(d.get('domain') or d.get('id')) for d in domains or []]


def coerce(spec, value):
    if value is None:
        return None
    if spec.get('type') == 'bool':
        return to_bool(value)
    if spec.get('type') == 'int':
        return to_int(value)
    return value


def canonical_zone(distribution, domains, policy=None, origin=None, action=None, hostname=None, secrets=None):
    """The canonical zone of a distribution, its domains, policy, origin and latest action.

    A secret setting is shown only when the policy has it (masked: the same as
    the one in ``secrets``, the values the user asked for, or a different
    value) or when '' was asked for and it has none.
    """
    resource_type, values = decode_envelope(distribution)
    names = domain_names(domains)
    hostname = normalize_hostname(hostname)
    if hostname not in names:
        hostname = names[0] if names else None
    policy = policy or {}
    settings = {}
    for key, spec in DISTRIBUTION_SETTINGS.items():
        settings[key] = coerce(spec, values.get(key))
    for key, spec in POLICY_SETTINGS.items():
        if key in POLICY_SECRETS:
            shown = secret_view(policy.get(key), (secrets or {}).get(key))
            if shown is not None:
                settings[key] = shown
            continue
        settings[key] = coerce(spec, policy.get(key))
        if key in NULLABLE_TEXT_SETTINGS and settings[key] is None:
            settings[key] = ''
    # origin_id: the group when the policy pulls from one, else the origin
    origin_id = policy.get('originPullGroupId') or policy.get('originPullId') or None
    return dict(
        id=values.get('id'),
        hostname=hostname,
        aliases=sorted(n for n in names if n != hostname),
        cdn_domain=values.get(CNAME_KEY) or None,
        origin=origin_url(origin, policy.get('originPullProtocol')) if origin else None,
        origin_host_header=normalize_hostname(policy.get('originPullHostHeader')) or None,
        tls=to_bool(values.get('tls')),
        certificate_id=values.get('certificateId') or None,
        cache_ttl=to_int(policy.get('cacheDefaultTtl')),
        compress=to_bool(policy.get('deliveryCompress')),
        enabled=to_bool(values.get('enabled')),
        settings=settings,
        status=(action or {}).get('status') or 'FINISHED',
        resource_type=resource_type,
        policy_id=policy.get('id'),
        origin_id=origin_id,
        origin_group_id=policy.get('originPullGroupId') or None,
        action_id=(action or {}).get('id'),
        raw=dict(distribution=distribution, domains=domains, policy=redact_policy(policy) or None,
                 origin=origin, action=action),
    )


# --- origins and origin groups (pure) ------------------------------------------

def needs_advanced(wanted):
    """Whether the options set need an ADVANCED_ORIGIN (a path or port a SIMPLE_ORIGIN cannot express)."""
    return any(wanted.get(k) is not None and wanted[k] != v for k, v in SIMPLE_EQUIVALENT.items())


def origin_values(wanted, advanced):
    """Origin data keys (in the order of the "Create Origin" sample) for the canonical options set in ``wanted``."""
    values = []
    if wanted.get('endpoints'):
        values.append(('host', wanted['endpoints'][0]['host']))
    if wanted.get('name') is not None:
        values.append(('description', wanted['name']))
    if wanted.get('enabled') is not None:
        values.append(('enabled', bool(wanted['enabled'])))
    if advanced:
        values.extend((key, wanted[option]) for option, key in ADVANCED_KEYS if wanted.get(option) is not None)
    return values


def create_origin_payload(desired):
    """The create body: host, description, enabled (true unless set) as in the "Create Origin" sample; an
    ADVANCED_ORIGIN also gets path and both ports (defaults / 80 443 for those not set)."""
    advanced = needs_advanced(desired)
    full = dict(desired)
    if full.get('enabled') is None:
        full['enabled'] = True
    if advanced:
        for option, default in SIMPLE_EQUIVALENT.items():
            if full.get(option) is None:
                full[option] = default
    return encode_envelope(ADVANCED_ORIGIN if advanced else SIMPLE_ORIGIN, origin_values(full, advanced))


def canonical_origin(origin):
    """A standalone origin in cdn_origin's option shape."""
    resource_type, values = decode_envelope(origin)
    advanced = resource_type == ADVANCED_ORIGIN
    found = dict(SIMPLE_EQUIVALENT)
    if advanced:
        path_value = values.get('path') or '/'
        found.update(path=path_value if path_value.startswith('/') else '/' + path_value,
                     http_port=to_int(values.get('httpPort')) or DEFAULT_PORTS['http'],
                     https_port=to_int(values.get('httpsPort')) or DEFAULT_PORTS['https'])
    host = normalize_hostname(values.get('host'))
    return dict(
        id=values.get('id'),
        name=values.get('description'),
        zone=None,
        kind='origin',
        type=resource_type,
        endpoints=[dict(host=host, port=None)] if host else [],
        enabled=to_bool(values.get('enabled')),
        group=None,
        raw=origin,
        **found
    )


def group_values(group, name=None, enabled=None):
    """Origin group data keys, in the order of the "Create Origin Group" sample, for the group options
    set (``name`` is the description; ``enabled`` the top-level option, used when group.enabled is not set)."""
    group = dict(group or {})
    if group.get('enabled') is None:
        group['enabled'] = enabled
    found = {'description': name}
    for option, key in GROUP_KEYS:
        value = group.get(option)
        found[key] = bool(value) if value is not None and option in ('keep_alive', 'enabled') else value
    return [(k, found[k]) for k in GROUP_ORDER if found.get(k) is not None]


def member_payload(origin_id, status):
    return encode_envelope(ORIGIN_GROUP_MEMBER, [('originId', origin_id), ('status', status)])


def canonical_group(group, members, label=None):
    """An origin group and its members in cdn_origin's option shape; members name their
    origin by ``label(originId)`` (default: the id), sorted."""
    label = label or (lambda ident: ident)
    values = decode_envelope(group)[1]
    member_values = [decode_envelope(m)[1] for m in members or []]
    settings = dict(
        balancing_method=values.get('balancingMethod'),
        fail_timeout=to_int(values.get('failTimeOut')),
        keep_alive=to_bool(values.get('keepAlive')),
        keep_alive_seconds=to_int(values.get('keepAliveSeconds')),
        enabled=to_bool(values.get('enabled')),
        members=sorted((dict(origin=label(m.get('originId')), status=m.get('status')) for m in member_values),
                       key=lambda m: str(m['origin'])),
    )
    return dict(
        id=values.get('id'),
        name=values.get('description'),
        zone=None,
        kind='group',
        enabled=settings['enabled'],
        group=settings,
        raw=dict(group=group, members=members or []),
    )


# --- certificates (pure) -----------------------------------------------------------

def certificate_payload(local):
    """The upload body. caBundle is marked required ("Upload certificate"): the chain, or '' when the
    certificate has none (docs/providers/leaseweb.md)."""
    return {
        'description': local.name or local.hostname,
        'certificate': local.certificate_pem,
        'privateKey': local.private_key_pem,
        'caBundle': local.chain_pem or '',
        'validation': True,
    }


def canonical_certificate(cert, zones=(), local_info=None):
    """A certificate in cdn_certificate's shape. The API hides the PEM: fingerprint and SANs are
    only known when ``local_info`` (the local PEM's description) is the same certificate."""
    common_name = normalize_hostname(cert.get('commonName')) or None
    result = dict(
        id=cert.get('id'),
        name=cert.get('description'),
        hostname=common_name,
        fingerprint=None,
        common_name=common_name,
        issuer=cert.get('issuer'),
        not_before=iso_from_unix(cert.get('validFrom')),
        not_after=iso_from_unix(cert.get('validUntil')),
        sans=None,
        zones=sorted(str(z) for z in zones),
        raw=dict((k, v) for k, v in cert.items() if k not in CERTIFICATE_HIDDEN),
    )
    if local_info and all(result[k] == local_info.get(k) for k in ('common_name', 'not_before', 'not_after')) \
            and _issuer_matches(result['issuer'], local_info.get('issuer')):
        result.update(fingerprint=local_info.get('fingerprint'), sans=local_info.get('sans'),
                      sha256_fingerprint=local_info.get('sha256_fingerprint'))
    return result


def _issuer_matches(remote, local):
    """The API shows the issuer's common name ("Upload certificate" sample: "c1"); the local form is the whole RFC 4514 name."""
    if not remote or not local:
        return not remote
    remote = str(remote).strip().lower()
    local = str(local).strip().lower()
    return remote == local or remote in [part[3:] for part in local.split(',') if part.startswith('cn=')]


# --- statistics (pure) ----------------------------------------------------------

def lsw_datetime(moment):
    """fromDt/toDt: 'YYYY-MM-ddTHH:mm:ss' in UTC ("Query statistics for customer"), from an aware datetime (naive = UTC);
    fractions of a second are dropped."""
    return utc_naive(moment).strftime('%Y-%m-%dT%H:%M:%S')


def iso_from_lsw(text):
    """A timestamp of the API ('2024-07-13T14:45:00Z', or without zone meaning UTC, or with an
    offset) as 'YYYY-MM-DDTHH:MM:SSZ' in UTC; unreadable text is returned as it is."""
    match = LSW_TIME_RE.match(str(text).strip()) if text is not None else None
    if not match:
        return text
    date, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime.strptime('%s %s:%s:%s' % (date, hour, minute, second or '00'), '%Y-%m-%d %H:%M:%S')
    except ValueError:
        return text
    return iso_utc(moment - utc_offset(zone))


def split_report(report):
    """(scope 'customer' or 'reseller', groupBy or None) of a report choice."""
    scope, _sep, group = str(report or 'customer').partition('_by_')
    return scope, (group.upper() or None)


def stats_params(query, total=False, group_by=None):
    """The query string of one statistics request (granularity only on the series endpoints)."""
    params = {'fromDt': lsw_datetime(query['start']), 'toDt': lsw_datetime(query['end']),
              'metric': query.get('metric') or STATS_METRICS[0]}
    if query.get('zone'):
        params['distributionId'] = query['zone']['id']
    if group_by:
        params['groupBy'] = group_by
    if not total:
        params['granularity'] = query.get('granularity') or STATS_GRANULARITIES[0]
    return params


def stats_number(metric, value):
    """(number key, value in the canonical unit) of one API value; None when it is not a number."""
    key, divisor = STATS_METRIC_KEYS.get(metric, ('value', 1))
    number = to_number(value)
    if number is None:
        return key, None
    return key, number / divisor if divisor != 1 else number


def stats_groups(body):
    """[(group name, [entries])] of an answer's ``series``: a list of dicts of groups (the samples show
    both one dict holding every group and one dict per group)."""
    groups = []
    series = body.get('series') if isinstance(body, dict) else None
    for item in series if isinstance(series, list) else []:
        if not isinstance(item, dict):
            continue
        for name, entries in item.items():
            groups.append((name, entries if isinstance(entries, list) else []))
    return groups


def stats_series(body, metric, group_by=None):
    """Series points from a series answer: [{'<time>Z': value}] per group, oldest first."""
    label = dict(STATS_GROUP_LABELS).get(group_by)
    points = []
    for name, entries in stats_groups(body):
        for entry in entries:
            for stamp, value in (entry.items() if isinstance(entry, dict) else ()):
                key, number = stats_number(metric, value)
                point = {'timestamp': iso_from_lsw(stamp), key: number}
                if label:
                    point[label] = name
                points.append(point)
    return sorted(points, key=lambda p: (str(p['timestamp']), str(p.get(label) or '')))


def stats_totals(body, metric, group_by=None):
    """{number key: total} from a total answer (the 'all' group or the sum of the groups' totals
    when ungrouped), or per group [{label: name, number key: total}] when grouped."""
    label = dict(STATS_GROUP_LABELS).get(group_by)
    found = []
    for name, entries in stats_groups(body):
        for entry in entries:
            if isinstance(entry, dict) and 'total' in entry:
                key, number = stats_number(metric, entry['total'])
                found.append((name, key, number))
    if label:
        return [{label: name, key: number} for name, key, number in sorted(found, key=lambda f: str(f[0]))]
    key = STATS_METRIC_KEYS.get(metric, ('value', 1))[0]
    values = [number for _name, _key, number in found if number is not None]
    return {key: values[0] if len(values) == 1 else (sum(values) if values else None)}


# --- access rules (pure) ------------------------------------------------------------

def acl_payload(rule):
    """The ACL create body of a canonical rule; an IP is sent as a network with prefix ("Create ACL" sample: "1.1.1.5/32")."""
    value = rule['value']
    if rule['type'] == 'ip':
        value = str(ipaddress.ip_network(value, strict=False))
    return {'action': dict(ACL_ACTIONS)[rule['action']], 'value': value, 'type': dict(ACL_TYPES)[rule['type']]}


def canonical_acl(acl, normalize):
    """A canonical rule from an ACL (None for a type this project does not know);
    ``normalize`` is access_rule.normalize_rule_value."""
    types = dict((v, k) for k, v in ACL_TYPES)
    actions = dict((v, k) for k, v in ACL_ACTIONS)
    if not isinstance(acl, dict) or acl.get('type') not in types:
        return None
    rule_type = types[acl['type']]
    # REJECT is the documented default action ("Create ACL")
    action = actions.get(str(acl.get('action') or 'REJECT').upper(), 'deny')
    return dict(type=rule_type, action=action, value=normalize(rule_type, acl.get('value')), id=acl.get('id'))


def acl_switches(rules):
    """The policy's ACL fields for a final rule set: a type's switch on while it has rules, its
    default REJECT for an allow list and ALLOW for a deny list, null when off (the document never
    shows a ``security*AclDefault`` set: docs/providers/leaseweb.md)."""
    fields = {}
    for rule_type, (switch, default) in sorted(ACL_SWITCHES.items()):
        actions = set(r['action'] for r in rules if r['type'] == rule_type)
        fields[switch] = bool(actions)
        fields[default] = ('REJECT' if 'allow' in actions else 'ALLOW') if actions else None
    return fields


def switch_changes(policy, rules):
    """The policy fields to send so its switches match ``rules`` (empty when they already do)."""
    policy = policy or {}
    wanted = acl_switches(rules)
    changes = {}
    for field, value in wanted.items():
        have = policy.get(field)
        if field in ('securityIpAcl', 'securityGeoAcl', 'securityReferrerAcl'):
            have = bool(to_bool(have))
        if have != value:
            changes[field] = value
    return changes


# --- debug and actions (pure) ------------------------------------------------------------

def canonical_debug(body):
    """The debug answer: success and one entry per CDN provider, headers as a dict
    (lower-case names; repeated headers joined with ', ')."""
    body = body if isinstance(body, dict) else {}
    providers = []
    for item in body.get('providerResponses') or []:
        if not isinstance(item, dict):
            continue
        headers = {}
        for header in item.get('headers') or []:
            if not isinstance(header, dict) or not header.get('name'):
                continue
            name = str(header['name']).lower()
            value = '' if header.get('value') is None else str(header.get('value'))
            headers[name] = '%s, %s' % (headers[name], value) if name in headers else value
        providers.append(dict(type=item.get('providerType'), success=to_bool(item.get('success')), ip=item.get('ip'),
                              status_code=to_int(item.get('statusCode')), message=item.get('message'),
                              headers=headers))
    return dict(success=to_bool(body.get('success')), providers=providers, raw=body)


def canonical_action(action):
    """An action (background job) in cdn_action_info's shape."""
    action = action if isinstance(action, dict) else {}
    resource = action.get('resource')
    return dict(id=action.get('id'), type=action.get('type'), status=action.get('status'),
                created=iso_from_lsw(action.get('created')) or None, updated=iso_from_lsw(action.get('updated')) or None,
                resource=resource if isinstance(resource, dict) else None, raw=action)
