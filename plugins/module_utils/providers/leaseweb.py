# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 adapter.

Source of truth: seeds/leaseweb-cdn-v2.txt; the paths (which the seed lost)
come from reference/provider-apis.md section A and live in PATHS below, the
one place to correct them once the real specification is found.

Every answer is untrusted input (client.py): a listing page, an object read or
the answer to a create is checked against the seed's shape before anything is
read from it (paginate, _checked, FIELDS), and every id put into a path is one
encoded segment (path). A read that cannot be understood is an error, never
"nothing there", so it never leads to a write; only a 404 means "not there".

How a canonical zone maps onto Leaseweb objects:

- the zone is a ``DISTRIBUTION_VOLUME`` distribution (key/value ``data``
  envelope); ``tls``, ``certificate_id`` (``certificateId``) and ``enabled``
  are distribution data keys, as are the settings ``ipv6``, ``logging`` and
  ``description`` (defaults to the host name on create);
- ``hostname`` and ``aliases`` are the distribution's custom domains (plain
  JSON, the domain id is the domain name). Looked up by host name, the zone's
  ``hostname`` is the domain asked for and ``aliases`` the others; listed
  without one, ``hostname`` is the first domain. ``aliases`` given is
  authoritative: missing domains are added, others deleted;
- the rest lives on the distribution's single policy (plain JSON):
  ``origin_host_header`` = ``originPullHostHeader``, ``cache_ttl`` =
  ``cacheDefaultTtl``, ``compress`` = ``deliveryCompress``, and the settings
  named after the policy fields (``deliveryForceHttps``, ...);
- the security token (URL signing) is the policy's ``securityToken*`` fields,
  settings of the same names; ``securityTokenSecret``, ``securityTokenAesKey``
  and ``securityTokenShaKey`` are secrets, kept in the adapter (``secrets``)
  while the settings hold the no_log marker (REDACTED), shown only masked, and compared only
  when the policy shows them; '' unsets one (null), as it does the nullable
  text fields (NULLABLE_TEXT_SETTINGS, ``originPullShieldId`` among them);
- ``origin`` (a URL) is the policy's ``originPullProtocol`` (the URL scheme)
  plus the standalone origin object ``originPullId`` points at. Leaseweb
  origins are shared objects: a URL with only a host maps to a
  ``SIMPLE_ORIGIN``; a port or a path needs an ``ADVANCED_ORIGIN``. An existing
  origin with the same host, port and path is reused, else one is created
  (described ``edgeops.cdn <hostname>``). Origins no longer referenced are
  left in place (others may use them); cdn_origin manages them directly;
- ``cdn_domain``: the seed shows no CNAME target for a distribution. This
  project reads the server-set data key ``cname`` (the simulator answers
  ``<distribution id>.lswcdn.net``); adjust CNAME_KEY when the real field is
  known;
- ``status`` is the status of the distribution's latest CREATE_DIST or
  UPDATE_DIST action (``FINISHED`` when it has none). The seed does not say how
  an action names its distribution; this project reads
  ``resource.distribution_id`` (shaped like the INVALIDATION action's
  ``resource``), see action_distribution().
- ``origin_id`` names a standalone origin or an origin group, by id or by
  name (resolved with one read in validate_zone); it is the policy's
  ``originPullId``, or ``originPullGroupId`` for an ``og-`` group (the other
  one is cleared).

cdn_origin (standalone origins, identified by ``name`` = ``description``):

- ``endpoints`` (one host), ``enabled``; ``path``, ``http_port`` and
  ``https_port`` are the ADVANCED_ORIGIN keys ``path``, ``httpPort``,
  ``httpsPort``. A SIMPLE_ORIGIN reports the effective ``/``, 80 and 443, so
  asking for those never forces an advanced origin. "Type of the origin can't
  be changed" (seed, Update Origin): a simple origin that needs a path or a
  port is replaced: the advanced one is created, every distribution policy and
  group membership that used the old one is repointed, then the old one is
  deleted (replace_origin);
- ``group``: an ORIGIN_GROUP (``description`` = name, ``balancingMethod``,
  ``failTimeOut``, ``keepAlive`` (a boolean in the seed: 0 or 1 here),
  ``keepAliveSeconds``, ``enabled``) and its ORIGIN_GROUP_MEMBERs (``originId``,
  ``status``). ``group.members`` names origins by name or id; reported by name
  (by id when the name is missing or shared);
- the seed does not say whether the API deletes an origin still in use; this
  project refuses to delete one a distribution or group uses (and the
  simulator answers 400), naming the users.

cdn_stats_info: the customer statistics (``statistics``, ``statistics/total``) or the
reseller ones (``reseller/...``), chosen by ``report``; a report ``*_by_<group>``
sends ``groupBy`` and labels every point (provider, zone, customer, location).
The series come from the series endpoint, ``totals`` from the total endpoint
(the API's own figure, also for means and percentiles); a grouped report adds
``totals.groups`` from the total endpoint with the same ``groupBy``. Dates are
sent as ``YYYY-MM-ddTHH:mm:ss`` in UTC (lsw_datetime). A metric fills one number
key (STATS_METRIC_KEYS): DATATRANSFER ``bytes``, REQUESTS ``requests``,
BANDWIDTH and 95TH ``bandwidth_mbps`` (the API answers bits per second),
STATUS_2XX/4XX/5XX ``status_2xx_percent``..., CACHEHIT ``cache_hit_ratio``.

cdn_access_rule: ACLs on the distribution's one policy (ip = IP_ACL, sent as a
CIDR network like the seed's "1.1.1.5/32"; country = GEO_ACL; referrer =
REFERRER_ACL; allow = ALLOW, deny = REJECT), added and removed one by one. The
policy switches follow the final rules: ``securityIpAcl`` (GeoAcl,
ReferrerAcl) is on while rules of that type exist and off when none remain;
``security*AclDefault`` (a string the seed never shows set) is ``REJECT`` for a
type whose rules allow (an allow list) and ``ALLOW`` for one whose rules deny,
null when off: one policy cannot hold both for one type, so mixing allow and
deny rules of a type is refused. Order: new ACLs, then the switches, then the
removals, so a switch is never on over a half-written allow list; except that a
rule changing its action has its old ACL removed first (one ACL per type and
value). A create whose answer was lost is read back, never sent twice. A
distribution without a policy gets one (the seed: one policy per volume
distribution) before its first ACL.

cdn_debug_info: ``POST debug`` with the URL, answers normalised per CDN
provider. cdn_action_info: ``actions`` (one request per type filter, so the
array encoding of ``filters`` never matters) and ``actions/{action_id}``.

cdn_certificate: the API answers "Hidden for security reasons" for the PEMs,
so a certificate is known by ``commonName``, ``issuer`` and
``validFrom``/``validUntil`` (unix time, reported as ISO 8601 UTC); the
fingerprint and SANs are reported only for the certificate matching the local
PEM (computed from it). ``caBundle`` is marked required: the chain is sent,
or an empty string when there is none. A distribution serves a certificate
with ``tls`` true and ``certificateId``; the zones of a certificate are the
distributions whose ``certificateId`` it is.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, api_path, flatten_message, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnError,
    CdnResponseError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    SECRET_DIFFERS,
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
    secret_view,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Waiter

# The one path table (base https://api.leaseweb.com/cdn/v2). Placeholders are
# filled by path(), each id one percent-encoded path segment.
PATHS = {
    'origins': 'origins',
    'origin': 'origins/{origin_id}',
    'origin_groups': 'originGroups',
    'origin_group': 'originGroups/{origin_group_id}',
    'origin_group_members': 'originGroups/{origin_group_id}/members',
    'origin_group_member': 'originGroups/{origin_group_id}/members/{origin_group_member_id}',
    'debug': 'debug',
    'invalidations': 'distributions/{distribution_id}/invalidations',
    'certificates': 'certificates',
    'certificate': 'certificates/{certificate_id}',
    'actions': 'actions',
    'action': 'actions/{action_id}',
    'distributions': 'distributions',
    'distribution': 'distributions/{distribution_id}',
    'domains': 'distributions/{distribution_id}/domains',
    'domain': 'distributions/{distribution_id}/domains/{domain_id}',
    'policies': 'distributions/{distribution_id}/policies',
    'policy': 'distributions/{distribution_id}/policies/{policy_id}',
    'acls': 'distributions/{distribution_id}/policies/{policy_id}/acls',
    'acl': 'distributions/{distribution_id}/policies/{policy_id}/acls/{acl_id}',
    'statistics': 'statistics',
    'statistics_total': 'statistics/total',
    'reseller_statistics': 'reseller/statistics',
    'reseller_statistics_total': 'reseller/statistics/total',
}

# LSW-STD: "you may define a default limit of 25 and offset of 0".
PAGE_SIZE = 25
DISTRIBUTION_TYPE = 'DISTRIBUTION_VOLUME'
SIMPLE_ORIGIN = 'SIMPLE_ORIGIN'
ADVANCED_ORIGIN = 'ADVANCED_ORIGIN'
CNAME_KEY = 'cname'
DIST_ACTION_TYPES = ('CREATE_DIST', 'UPDATE_DIST')
READY_STATUSES = ('FINISHED',)
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
    # The security token (URL signing), seed "Create policy". The secret, AES and SHA
    # keys are secrets: never shown, only compared. The seed documents no values for
    # the method and the parameter names (strings or null).
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
# Id prefixes from the seed samples.
ORIGIN_PREFIX = 'or-'
GROUP_PREFIX = 'og-'
# canonical option -> ADVANCED_ORIGIN data key, and what a SIMPLE_ORIGIN amounts to
ADVANCED_KEYS = (('path', 'path'), ('http_port', 'httpPort'), ('https_port', 'httpsPort'))
SIMPLE_EQUIVALENT = {'path': '/', 'http_port': DEFAULT_PORTS['http'], 'https_port': DEFAULT_PORTS['https']}
# canonical group option -> ORIGIN_GROUP data key; GROUP_ORDER is the seed's order of the keys
GROUP_KEYS = (('balancing_method', 'balancingMethod'), ('fail_timeout', 'failTimeOut'), ('keep_alive', 'keepAlive'),
              ('keep_alive_seconds', 'keepAliveSeconds'), ('enabled', 'enabled'))
GROUP_ORDER = ('balancingMethod', 'description', 'failTimeOut', 'keepAlive', 'keepAliveSeconds', 'enabled')
# Certificate fields the API masks ("Hidden for security reasons"): never in raw output.
CERTIFICATE_HIDDEN = ('certificate', 'privateKey', 'caBundle')

# --- statistics (seed: "Query statistics for customer" and the reseller/total variants)
STATS_METRICS = ('DATATRANSFER', 'BANDWIDTH', 'REQUESTS', 'STATUS_2XX', 'STATUS_4XX', 'STATUS_5XX', 'CACHEHIT', '95TH')
STATS_GRANULARITIES = ('5MIN', '15MIN', 'HOUR', 'DAY', 'WEEK')  # the seed's order; 5MIN is its default
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

# --- actions: the seed's filters enum
ACTION_TYPES = ('INVALIDATION', 'CREATE_DIST', 'UPDATE_DIST', 'DELETE_DIST')
UUID_RE = re.compile(r'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$')
# debug: "url required | string <uri> (Url) [ 1 .. 2083 ] characters" (normalize.MAX_URL_LENGTH)

CAPABILITIES = Capabilities(
    name='leaseweb',
    title='Leaseweb',
    default_url='https://api.leaseweb.com/cdn/v2',
    token_env=('LEASEWEB_API_KEY',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            fields=('hostname', 'aliases', 'origin', 'origin_id', 'origin_host_header', 'tls', 'certificate_id',
                    'cache_ttl', 'compress', 'enabled', 'settings'),
            settings=ZONE_SETTINGS,
            notes='a zone is a DISTRIBUTION_VOLUME distribution with its custom domains and its one policy; '
                  'origin maps to a standalone SIMPLE_ORIGIN or ADVANCED_ORIGIN, origin_id to an origin '
                  'or origin group by id or name',
        ),
        'origin': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            fields=('name', 'endpoints', 'path', 'http_port', 'https_port', 'enabled', 'group'),
            notes='standalone origins found by name (description): SIMPLE_ORIGIN (one host), ADVANCED_ORIGIN '
                  '(path, http_port, https_port; a simple origin needing them is replaced and its users '
                  'repointed), and origin groups with members; no protocol, host header or auth on the '
                  'origin (protocol and host header are cdn_zone options)',
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind'),
            fields=('name', 'hostname', 'common_name', 'issuer', 'not_before', 'not_after'),
            notes='uploaded certificates; the API hides the PEM, so a certificate is recognised by common '
                  'name, issuer and validity; binding sets the distribution\'s tls and certificateId; no ACME',
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get'),
            notes='an invalidation of absolute URLs on the distribution\'s domains, followed as an '
                  'INVALIDATION action (PENDING, IN_PROGRESS, FINISHED)',
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'granularity', 'metric', 'report'),
            choices={'report': STATS_REPORTS, 'granularity': STATS_GRANULARITIES, 'metric': STATS_METRICS},
            notes='customer or reseller statistics, optionally grouped by CDN provider, distribution, customer '
                  'or region; one metric a query; totals from the API\'s total endpoints',
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('ip', 'country', 'referrer'),
            notes='IP_ACL, GEO_ACL and REFERRER_ACL on the distribution\'s policy; the policy\'s securityIpAcl, '
                  'securityGeoAcl and securityReferrerAcl switches follow the rules; one action per rule type',
        ),
        'debug': ResourceCaps(
            operations=('get',),
            fields=('url',),
            notes='the headers each CDN provider answers for a URL on a distribution\'s domain',
        ),
        'action': ResourceCaps(
            operations=('list', 'get'),
            fields=('action_id', 'types', 'limit'),
            choices={'types': ACTION_TYPES},
            notes='background jobs: invalidations and distribution create, update and delete',
        ),
    },
    limits=Limits(
        page_size=PAGE_SIZE,
        access_rule_scope='zone',
        # The seed gives no limit on "files": a conservative 100 URLs per invalidation.
        purge_batch=100,
        # "You can submit multiple URLs to be invalidated" (seed): absolute URLs.
        purge_form='url',
        origin_scope='account',
        origin_endpoint_ports=False,
        origin_endpoints=1,
    ),
)


def path(name, **ids):
    """A path from PATHS with its ids filled in, each one percent-encoded segment (client.api_path):
    a missing, empty or dot-segment id (an answer without a usable id) is refused, never sent."""
    try:
        return api_path(PATHS[name], **ids)
    except CdnResponseError as exc:
        exc.provider = exc.provider or CAPABILITIES.name
        raise


# --- answers: the fields the code reads of each object, and their documented kinds ---------
#
# Every object read must be a JSON object with a non-empty string ``id`` (an enveloped one
# in its ``data``, where the seed shows the server appending it); the fields below must be
# null or of their kind. Numbers may come as strings (reference A: liberal in what is
# accepted). Fields not listed are only shown or compared, never used to build a request.

ENVELOPED = ('origin', 'group', 'member', 'distribution')
# listing key (seed "Get all ...": {<key>: [...], _metadata}) -> the kind of its items
LIST_KINDS = {'origins': 'origin', 'originGroups': 'group', 'originGroupMembers': 'member',
              'distributions': 'distribution', 'domains': 'domain', 'policies': 'policy', 'acls': 'acl',
              'actions': 'action', 'certificates': 'certificate'}
FIELDS = {
    'origin': {'host': 'str', 'description': 'str', 'path': 'str', 'httpPort': 'int', 'httpsPort': 'int'},
    'group': {'description': 'str', 'balancingMethod': 'str', 'failTimeOut': 'int', 'keepAliveSeconds': 'int'},
    'member': {'originId': 'str', 'status': 'str'},
    'distribution': dict([('description', 'str'), ('certificateId', 'str'), (CNAME_KEY, 'str')]),
    'domain': {'domain': 'str'},
    'policy': dict([(k, spec['type']) for k, spec in POLICY_SETTINGS.items() if spec['type'] in ('str', 'int')] + [
        ('originPullId', 'str'), ('originPullGroupId', 'str'), ('originPullProtocol', 'str'),
        ('originPullHostHeader', 'str'), ('cacheDefaultTtl', 'int'), ('securityIpAclDefault', 'str'),
        ('securityGeoAclDefault', 'str'), ('securityReferrerAclDefault', 'str')]),
    'acl': {'type': 'str', 'action': 'str', 'value': 'str'},
    # the seed's INVALIDATION action; CREATE_DIST/UPDATE_DIST name their distribution in
    # resource.distribution_id (project assumption, see action_distribution)
    'action': {'type': 'str', 'status': 'str', 'distributionId': 'str',
               'resource': {'distribution_id': 'str', 'distributionId': 'str', 'invalidation_id': 'str',
                            'status': 'str', 'url_status': 'list'}},
    # validFrom/validUntil: unix seconds (seed "Upload certificate")
    'certificate': {'commonName': 'str', 'issuer': 'str', 'description': 'str', 'validFrom': 'time',
                    'validUntil': 'time'},
}
INT_TEXT = re.compile(r'^\s*-?\d{1,18}\s*$')
MAX_UNIX = 253402300799  # 9999-12-31T23:59:59Z
KIND_TEXT = {'str': 'a string', 'int': 'a whole number', 'list': 'a JSON list',
             'time': 'unix seconds (a whole number up to the year 9999)'}


def of_kind(value, kind):
    """Whether a (non-null) answer value is of a documented kind (see FIELDS)."""
    if isinstance(kind, dict):
        return isinstance(value, dict)
    if kind == 'str':
        return isinstance(value, str)
    if kind == 'list':
        return isinstance(value, list)
    if isinstance(value, bool):
        return False
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer()) or \
        (isinstance(value, str) and bool(INT_TEXT.match(value)))
    if kind == 'time':
        return whole and 0 <= int(value) <= MAX_UNIX
    return whole


def field_problem(values, fields, what):
    """The first field of ``values`` (an object of an answer) that is neither null nor of its kind."""
    for field, kind in sorted(fields.items()):
        value = values.get(field)
        if value is None:
            continue
        if not of_kind(value, kind):
            return '%s: %r is %s where %s is documented' % (what, field, type_name(value),
                                                            'a JSON object' if isinstance(kind, dict) else KIND_TEXT[kind])
        if isinstance(kind, dict):
            problem = field_problem(value, kind, '%s %r' % (what, field))
            if problem:
                return problem
    return None


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
            # keys are strings (seed); another key could not even be a dict key
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
    """The create body: description, enabled and tls always (as in the seed sample), the rest when set."""
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
    """The distribution id an action is about (None for invalidations and unknown shapes)."""
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
    """Origin data keys (seed order) for the canonical options set in ``wanted``."""
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
    """The create body: host, description, enabled (true unless set) as in the seed sample; an
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
    """Origin group data keys, in the seed's order, for the group options set (``name`` is the
    description; ``enabled`` the top-level option, used when group.enabled is not set)."""
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
    """The upload body. caBundle is marked required: the chain, or '' when the certificate has none."""
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
    """The API shows the issuer's common name (seed sample "c1"); the local form is the whole RFC 4514 name."""
    if not remote or not local:
        return not remote
    remote = str(remote).strip().lower()
    local = str(local).strip().lower()
    return remote == local or remote in [part[3:] for part in local.split(',') if part.startswith('cn=')]


# --- statistics (pure) ----------------------------------------------------------

def lsw_datetime(moment):
    """fromDt/toDt: 'YYYY-MM-ddTHH:mm:ss' in UTC (seed), from an aware datetime (naive = UTC);
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
    """[(group name, [entries])] of an answer's ``series``: a list of dicts of groups (the seed shows
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
    """The ACL create body of a canonical rule; an IP is sent as a network with prefix (seed: "1.1.1.5/32")."""
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
    # the seed's default action is REJECT
    action = actions.get(str(acl.get('action') or 'REJECT').upper(), 'deny')
    return dict(type=rule_type, action=action, value=normalize(rule_type, acl.get('value')), id=acl.get('id'))


def acl_switches(rules):
    """The policy's ACL fields for a final rule set: a type's switch on while it has rules, its
    default REJECT for an allow list and ALLOW for a deny list, null when off."""
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


class LeasewebDialect(Dialect):
    """Errors: {correlationId, errorCode, errorMessage, errorDetails}; request id = correlationId."""

    def error_message(self, status, body, text):
        if isinstance(body, dict) and (body.get('errorMessage') or body.get('errorDetails')):
            message = str(body.get('errorMessage') or 'error')
            if body.get('errorDetails'):
                message = '%s (%s)' % (message, flatten_message(body['errorDetails']))
            code = body.get('errorCode')
            if code not in (None, '') and str(code) != str(status):
                message = '%s [%s]' % (message, code)
            return message
        return super(LeasewebDialect, self).error_message(status, body, text)

    def request_id(self, headers, body):
        if isinstance(body, dict) and body.get('correlationId'):
            return body['correlationId']
        return (headers or {}).get('APIGW-CORRELATION-ID')


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = LeasewebDialect

    def __init__(self, client, run=None, params=None):
        super(Adapter, self).__init__(client, run=run, params=params)
        # domain name -> distribution id, filled while find_zone scans.
        self._domain_owner = {}
        # the cdn_origin state (validate_origin) and the local certificate (validate_certificate)
        self._origin_state = 'present'
        self._local_info = None

    @classmethod
    def auth_options(cls, token, user):
        return dict(headers={'X-LSW-Auth': token})

    # --- answers: checked before anything is read from them --------------------

    def _checked(self, obj, kind, operation, what='the answer', status=None):
        """The {key: value} of one object of an answer (an enveloped one decoded), after checking
        that it is an object with a usable string id and that the FIELDS of its kind are null or
        of their kind; anything else is a CdnResponseError (never an object of nulls)."""
        self.client.expect(obj, 'object', operation, what=what, status=status)
        values = decode_envelope(obj)[1] if kind in ENVELOPED else obj
        ident = values.get('id')
        if not isinstance(ident, str) or not ident.strip():
            # the seed's ids are strings: "or-...", "di-...", a UUID, the domain name
            got = repr(ident) if isinstance(ident, str) else type_name(ident)
            problem = '%s has no usable %s id (got %s)' % (what, kind, got)
        elif kind in ENVELOPED and not isinstance(obj.get('resourceType'), (str, type(None))):
            problem = '%s: resourceType is %s where a string is documented' % (what, type_name(obj['resourceType']))
        else:
            problem = field_problem(values, FIELDS[kind], what)
        if problem:
            raise self.client.answer_error(operation, problem, status=status)
        return values

    def _read(self, object_path, kind, operation, missing_ok=True):
        """GET one object, checked (_checked); None on 404 (it is not there) when ``missing_ok``."""
        response = self.client.request('GET', object_path, operation, ok=(200,), allow_not_found=missing_ok,
                                       expect='object')
        if response is None:
            return None
        self._checked(response.body, kind, operation, status=response.status)
        return response.body

    def _created(self, response, kind, operation):
        """The {key: value} of the object a create answered (the new id is read from it).

        An answer without it is an error marked maybe applied with its 2xx status: the create
        went through, so a caller recovering a lost answer (send_recovering) looks for what it
        made instead of sending it again, and does not send it again when nothing is found."""
        try:
            return self._checked(response.body, kind, operation, status=response.status)
        except CdnResponseError as exc:
            exc.maybe_applied = True
            raise

    # --- the one pagination generator (limit/offset with _metadata) ---------

    def paginate(self, list_path, key, operation, params=None):
        """Every item of a limit/offset listing. Seed ("Get all ..."): each page is an object
        {<key>: [objects], "_metadata": {totalCount, limit, offset}}; every item is checked
        (_checked, by LIST_KINDS). A listing that does not end (page cap, a page repeating
        earlier items) is an error (client.pages)."""
        kind = LIST_KINDS[key]
        guard = self.client.pages(operation)
        offset = 0
        while True:
            query = dict(params or {})
            query.update(limit=PAGE_SIZE, offset=offset)
            body = self.client.request('GET', list_path, operation, params=query, ok=(200,), expect='object').body
            items = self.client.expect(body.get(key), 'list', operation, what='the answer\'s %r' % key)
            ids = [self._checked(item, kind, operation, what='the answer\'s %r[%d]' % (key, index))['id']
                   for index, item in enumerate(items)]
            guard.page(ids)
            meta = body.get('_metadata')
            if meta is not None:
                self.client.expect(meta, 'object', operation, what='the answer\'s \'_metadata\'')
            total = meta.get('totalCount') if meta else None
            if total is not None and not of_kind(total, 'int'):
                raise self.client.answer_error(operation, 'the answer\'s _metadata.totalCount is %s where a whole '
                                               'number is documented' % type_name(total))
            yield from items
            offset += len(items)
            total = to_int(total)
            if not items or (isinstance(total, int) and offset >= total):
                return
            if not isinstance(total, int) and len(items) < PAGE_SIZE:
                return

    # --- zones ----------------------------------------------------------------

    def validate_zone(self, desired, state):
        origin = desired.get('origin')
        if origin is not None:
            if str(origin).startswith('storage:'):
                raise CdnValidationError('origin', 'is a storage origin, which Leaseweb CDN does not offer',
                                         value=origin, allowed='an http:// or https:// URL')
            desired['origin'] = normalize_url(origin)
        if desired.get('hostname') and desired.get('aliases') and desired['hostname'] in desired['aliases']:
            raise CdnValidationError('aliases', 'repeats hostname %s' % desired['hostname'],
                                     allowed='the extra host names only')
        if desired.get('origin_id') is not None and state != 'absent':
            # compared as an id: a name is resolved now, with reads only
            desired['origin_id'] = self.resolve_origin_ref(desired['origin_id'], 'origin_id')
        if desired.get('settings'):
            for key in POLICY_SECRETS:
                self.take_secret_setting(desired['settings'], key)

    def list_zones(self):
        actions = self._latest_actions()
        return [self._complete(d, actions=actions)
                for d in self.paginate(path('distributions'), 'distributions', 'list distributions')]

    def get_zone(self, zone_id, hostname=None):
        distribution = self._read(path('distribution', distribution_id=zone_id), 'distribution', 'get distribution')
        if distribution is None:
            return None
        return self._complete(distribution, hostname=hostname)

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id, hostname=hostname)
        hostname = normalize_hostname(hostname)
        self._domain_owner = {}
        for dist in self.paginate(path('distributions'), 'distributions', 'list distributions'):
            dist_id = decode_envelope(dist)[1]['id']
            domains = self._domains(dist_id)
            for name in domain_names(domains):
                self._domain_owner[name] = dist_id
            if hostname in domain_names(domains):
                return self._complete(dist, hostname=hostname, domains=domains)
        return None

    def zone_ready(self, zone):
        status = zone.get('status')
        if status in FAILED_STATUSES:
            raise CdnApiError('action %s of distribution %s ended %s' % (zone.get('action_id'), zone.get('id'), status),
                              provider=self.name, operation='wait for distribution')
        return status in READY_STATUSES

    def predict_zone(self, desired):
        zone = super(Adapter, self).predict_zone(desired)
        zone.setdefault('aliases', [])
        zone.setdefault('status', None)
        return zone

    def create_zone(self, desired):
        if not desired.get('origin') and not desired.get('origin_id'):
            raise CdnValidationError('origin', 'is required to create a Leaseweb distribution',
                                     allowed='an http:// or https:// URL, or origin_id')
        names = [desired['hostname']] + list(desired.get('aliases') or [])
        taken = ['%s (distribution %s)' % (n, self._domain_owner[n]) for n in names if n in self._domain_owner]
        if taken:
            raise CdnValidationError('aliases', 'names domains another distribution already serves: %s'
                                     % ', '.join(taken))
        if desired.get('origin'):
            origin_id, protocol = self._ensure_origin(desired['origin'], desired['hostname'])
            pull = {'originPullId': origin_id, 'originPullProtocol': protocol}
        else:
            # the protocol keeps the policy's default (HTTP)
            pull = origin_pull(desired['origin_id'])
        dist_id = self._post_distribution(desired)
        try:
            for name in names:
                self._add_domain(dist_id, name)
            body = {'description': 'edgeops.cdn %s' % desired['hostname']}
            body.update(pull)
            body.update(policy_values(desired, self.secrets))
            self._post_policy(dist_id, body)
        except CdnError as exc:
            # A distribution is found by its domain: one left without it (or without its policy)
            # would be invisible to the next run, which would create a second one. Remove it.
            self._remove_half_created(dist_id, exc)
            raise
        return self._wait_action(self.get_zone(dist_id, hostname=desired['hostname']))

    def _remove_half_created(self, dist_id, exc):
        try:
            self.client.request('DELETE', path('distribution', distribution_id=dist_id), 'delete distribution',
                                ok=(200, 202, 204), allow_not_found=True)
        except CdnError as cleanup:
            exc.message = '%s; the new distribution %s could not be removed again (%s): delete it by hand' % (
                exc.message, dist_id, cleanup)
            exc.maybe_applied = False
            return
        exc.message = '%s; the new distribution %s was removed again' % (exc.message, dist_id)

    def _post_distribution(self, desired):
        """Create the distribution; if the answer was lost, find the one it made instead of posting twice.

        A new distribution has no domain yet, so the generic re-read by host name cannot see it:
        look for a domain-less distribution carrying the description this create sent.
        """
        payload = create_distribution_payload(desired)
        description = decode_envelope(payload)[1].get('description')
        # A create that timed out in an earlier run may have landed after it gave up: adopt
        # that domain-less distribution instead of making a second one.
        orphan = self._orphan_distribution(description)
        if orphan is not None:
            return orphan
        # An answer without the new id is looked up the same way (_created), never posted again.
        return send_recovering(
            lambda: self._created(self.client.request('POST', path('distributions'), 'create distribution',
                                                      json=payload, ok=(200, 201, 202)),
                                  'distribution', 'create distribution')['id'],
            lambda: self._orphan_distribution(description), attempts=1)

    def _orphan_distribution(self, description):
        """A distribution carrying this create's description and no domain yet, or None."""
        for dist in self.paginate(path('distributions'), 'distributions', 'list distributions'):
            data = decode_envelope(dist)[1]
            if data.get('description') == description and not domain_names(self._domains(data['id'])):
                return data['id']
        return None

    def update_zone(self, current, changes, desired):
        dist_id = current['id']
        hostname = desired.get('hostname') or current['hostname']
        adds, deletes = [], []
        if 'aliases' in changes or 'hostname' in changes:
            have = [n for n in [current.get('hostname')] + list(current.get('aliases') or []) if n]
            if desired.get('aliases') is not None:
                want = set([hostname]) | set(desired['aliases'])
            else:
                # a new hostname replaces the old identity domain; the aliases stay
                want = (set(have) - set([current.get('hostname')])) | set([hostname])
            deletes = [n for n in have if n not in want]
            adds = sorted(want - set(have))
        # deletes, then updates, then creates
        for name in deletes:
            self.client.request('DELETE', path('domain', distribution_id=dist_id, domain_id=name), 'delete domain',
                                ok=(200, 202, 204))
        dist_changes = distribution_values(changes)
        if dist_changes:
            self.client.request('PUT', path('distribution', distribution_id=dist_id), 'update distribution',
                                json=encode_envelope(current.get('resource_type') or DISTRIBUTION_TYPE, dist_changes),
                                ok=(200, 202))
        policy_changes = policy_values(changes, self.secrets)
        if 'origin' in changes:
            origin_id, protocol = self._ensure_origin(changes['origin'], hostname)
            policy_changes.update(originPullId=origin_id, originPullProtocol=protocol)
            if current.get('origin_group_id'):
                policy_changes['originPullGroupId'] = None
        if 'origin_id' in changes:
            policy_changes.update(origin_pull(changes['origin_id']))
        if policy_changes:
            if current.get('policy_id'):
                self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=current['policy_id']),
                                    'update policy', json=policy_changes, ok=(200, 202))
            else:
                policy_changes.setdefault('description', 'edgeops.cdn %s' % hostname)
                self.client.request('POST', path('policies', distribution_id=dist_id), 'create policy',
                                    json=policy_changes, ok=(200, 201))
        for name in adds:
            self._add_domain(dist_id, name)
        zone = self.get_zone(dist_id, hostname=hostname)
        return self._wait_action(zone) if dist_changes else zone

    def delete_zone(self, current):
        dist_id = current['id']
        self.client.request('DELETE', path('distribution', distribution_id=dist_id), 'delete distribution',
                            ok=(200, 202, 204))
        if self.params.get('wait'):
            action = self._latest_actions(types=('DELETE_DIST',)).get(dist_id)
            if action and action.get('status') not in READY_STATUSES:
                self._follow_action(action, dist_id)
        return None

    # --- purge: invalidations followed as INVALIDATION actions -------------------

    def purge_batch(self, zone, items, kind):
        response = self.client.request('POST', path('invalidations', distribution_id=zone['id']), 'invalidate URLs',
                                       json={'files': list(items)}, ok=(200, 201, 202))
        if response.body is None:
            # LSW-STD: a 202 need not carry the resource; accepted, with no action to follow
            return [dict(canonical_invalidation({}, len(items)), done=True, status='accepted')]
        # Seed "Invalidate": the answer is the INVALIDATION action, followed by its id.
        return [canonical_invalidation(self._created(response, 'action', 'invalidate URLs'), len(items))]

    def purge_job(self, job):
        found = self.get_purge_job(job['id'], urls=job.get('urls'))
        if found is None:
            return dict(job, status='not found', done=True, failed='Leaseweb action %s not found' % job['id'])
        return found

    def get_purge_job(self, job_id, urls=None):
        action = self._read(path('action', action_id=job_id), 'action', 'get action')
        return canonical_invalidation(action, urls) if action is not None else None

    def list_purge_jobs(self, status=None, limit=None):
        jobs = []
        for action in self.paginate(path('actions'), 'actions', 'list actions', params={'filters': INVALIDATION}):
            if action.get('type') != INVALIDATION:
                continue
            job = canonical_invalidation(action)
            if status and str(job['status']).lower() != status.lower():
                continue
            jobs.append(job)
            if limit and len(jobs) >= limit:
                break
        return jobs

    # --- statistics (cdn_stats_info) ------------------------------------------------

    def get_stats(self, query):
        scope, group_by = split_report(query.get('report'))
        prefix = 'reseller_statistics' if scope == 'reseller' else 'statistics'
        metric = query.get('metric') or STATS_METRICS[0]
        series = self._stats(path(prefix), 'get %s statistics' % scope, stats_params(query, group_by=group_by), metric)
        # the overall total is the API's own figure (means and percentiles do not add up)
        total = self._stats(path(prefix + '_total'), 'get %s total statistics' % scope,
                            stats_params(query, total=True), metric)
        totals = stats_totals(total, metric)
        raw = dict(series=series, totals=total)
        if group_by:
            grouped = self._stats(path(prefix + '_total'), 'get %s total statistics' % scope,
                                  stats_params(query, total=True, group_by=group_by), metric)
            totals['groups'] = stats_totals(grouped, metric, group_by)
            raw['group_totals'] = grouped
        return dict(series=stats_series(series, metric, group_by), totals=totals, raw=raw)

    def _stats(self, stats_path, operation, params, metric):
        """One statistics answer, checked. Seed ("Query statistics for customer"): an object whose
        ``series`` is a list of objects {<group>: [{"<time>Z": value}]}, totals [{"total": value}];
        a value is a number (or null: no data)."""
        body = self.client.request('GET', stats_path, operation, params=params, ok=(200,), expect='object').body
        series = self.client.expect(body.get('series'), 'list', operation, what='the answer\'s \'series\'')
        for index, item in enumerate(series):
            what = 'the answer\'s \'series\'[%d]' % index
            self.client.expect(item, 'object', operation, what=what)
            for name, entries in sorted(item.items()):
                self.client.expect(entries, 'list', operation, what='%s[%r]' % (what, name))
                for entry in entries:
                    self.client.expect(entry, 'object', operation, what='an entry of %s[%r]' % (what, name))
                    for stamp, value in sorted(entry.items()):
                        if value is not None and stats_number(metric, value)[1] is None:
                            raise self.client.answer_error(operation, '%s[%r] holds %s for %r where a number is '
                                                           'documented' % (what, name, type_name(value), stamp))
        return body

    # --- access rules (cdn_access_rule) ----------------------------------------------

    def validate_access_rules(self, zone, final_rules):
        for rule_type, (switch, default) in sorted(ACL_SWITCHES.items()):
            actions = sorted(set(r['action'] for r in final_rules if r['type'] == rule_type))
            if len(actions) > 1:
                raise CdnValidationError(
                    'rules', 'would leave both allow and deny %s rules on zone %s; a Leaseweb policy has one %s '
                    'switch and one %s for them' % (rule_type, zone['id'], switch, default),
                    allowed='one action per rule type (allow = only those pass, deny = those are refused); '
                            'purge_rules=true replaces the rules found')

    def list_access_rules(self, zone):
        if not zone.get('policy_id'):
            return []
        rules = [canonical_acl(acl, normalize_rule_value) for acl in self._acls(zone)]
        return [r for r in rules if r is not None]

    def access_rule_drift(self, zone, final_rules):
        """Switches that disagree with the rules (turned off or on elsewhere, e.g. by cdn_zone settings)."""
        if not zone.get('policy_id'):
            return {}
        return switch_changes((zone.get('raw') or {}).get('policy') or {}, final_rules)

    def apply_access_rules(self, zone, current, final, add, remove):
        dist_id = zone['id']
        policy = (zone.get('raw') or {}).get('policy') or {}
        if not zone.get('policy_id'):
            policy = self._create_policy(zone)
            # the core lists the rules again with this zone: it has a policy now
            zone['policy_id'] = policy['id']
        # A policy holds one ACL per type and value: a rule changing its action (deny DE becoming
        # allow DE) has its old ACL removed before the new one is added, or the add is refused.
        added = set((r['type'], r['value']) for r in add)
        flipped = [r for r in remove if (r['type'], r['value']) in added]
        for rule in flipped:
            self._delete_acl(zone, rule)
        for rule in add:
            self._add_acl(zone, rule)
        switches = switch_changes(policy, final)
        if switches:
            self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=zone['policy_id']),
                                'update policy ACL switches', json=switches, ok=(200, 202))
        for rule in remove:
            if rule not in flipped:
                self._delete_acl(zone, rule)

    def _delete_acl(self, zone, rule):
        self.client.request('DELETE', path('acl', distribution_id=zone['id'], policy_id=zone['policy_id'],
                                           acl_id=rule['id']),
                            'delete ACL', ok=(200, 202, 204), allow_not_found=True)

    def _acls(self, zone):
        return list(self.paginate(path('acls', distribution_id=zone['id'], policy_id=zone['policy_id']), 'acls',
                                  'list ACLs'))

    def _create_policy(self, zone):
        """The distribution's one policy ("only one policy can be added for volume distributions"),
        created with the switches off; a lost answer is looked for instead of posting twice."""
        dist_id = zone['id']
        return self._post_policy(dist_id, {'description': 'edgeops.cdn %s' % (zone.get('hostname') or dist_id)})

    def _post_policy(self, dist_id, body):
        """POST the distribution's policy; after a lost answer the policy found is this one
        (a volume distribution holds one), so it is never posted twice."""
        def existing():
            return next(iter(self.paginate(path('policies', distribution_id=dist_id), 'policies', 'list policies')),
                        None)

        def send():
            response = self.client.request('POST', path('policies', distribution_id=dist_id), 'create policy',
                                           json=body, ok=(200, 201))
            # the answer is the policy, whose id the ACLs go under (an answer without it: looked up)
            return self._created(response, 'policy', 'create policy')

        return send_recovering(send, existing, attempts=1)

    def _add_acl(self, zone, rule, attempts=3):
        """POST one ACL. A lost answer is read back (a timed-out create until it lands), never
        re-sent while it may have been applied; only a create proven absent after a transient
        failure (5xx, dropped connection) is sent again, at most ``attempts`` times."""
        payload = acl_payload(rule)
        wanted = (rule['type'], rule['action'], rule['value'])

        def made():
            # The core adds only rules not found before, so a match is this create's.
            for acl in self._acls(zone):
                found = canonical_acl(acl, normalize_rule_value)
                if found is not None and (found['type'], found['action'], found['value']) == wanted:
                    return found
            return None

        send_recovering(lambda: self.client.request('POST', path('acls', distribution_id=zone['id'],
                                                                 policy_id=zone['policy_id']),
                                                    'create ACL', json=payload, ok=(200, 201)),
                        made, attempts=attempts)

    # --- debug (cdn_debug_info) and actions (cdn_action_info) ---------------------------

    def debug_url(self, url):
        # a read through POST: the seed's {success, providerResponses: [{..., headers: [{name, value}]}]}
        operation = 'debug URL'
        body = self.client.request('POST', path('debug'), operation, json={'url': url}, ok=(200, 201),
                                   expect='object').body
        responses = self.client.expect(body.get('providerResponses'), 'list', operation,
                                       what='the answer\'s \'providerResponses\'')
        for index, item in enumerate(responses):
            what = 'the answer\'s \'providerResponses\'[%d]' % index
            self.client.expect(item, 'object', operation, what=what)
            problem = field_problem(item, {'statusCode': 'int', 'headers': 'list'}, what)
            if problem:
                raise self.client.answer_error(operation, problem)
        return canonical_debug(body)

    def validate_action_id(self, action_id):
        if not UUID_RE.match(str(action_id).strip()):
            raise CdnValidationError('action_id', 'is not a Leaseweb action id', value=action_id,
                                     allowed='a UUID such as 50ea5204-4827-41d2-a940-cb5afdfb2426')
        return str(action_id).strip().lower()

    def get_action(self, action_id):
        action = self._read(path('action', action_id=action_id), 'action', 'get action')
        return canonical_action(action) if action is not None else None

    def list_actions(self, types=None, limit=None):
        """Actions newest first; one listing per type asked for (``filters`` takes one value each time)."""
        found = []
        seen = set()
        for kind in types or [None]:
            params = {'filters': kind} if kind else None
            for action in self.paginate(path('actions'), 'actions', 'list actions', params=params):
                if action['id'] in seen or (kind and action.get('type') != kind):
                    continue
                seen.add(action['id'])
                found.append(canonical_action(action))
        found.sort(key=lambda a: str(a.get('created') or ''), reverse=True)
        return found[:limit] if limit else found

    # --- origins and origin groups (cdn_origin) ----------------------------------

    def validate_origin(self, desired, state):
        self._origin_state = state
        group = desired.get('group')
        if group is not None:
            extra = [k for k in ('endpoints', 'path', 'http_port', 'https_port') if desired.get(k) is not None]
            if extra:
                raise CdnValidationError(extra[0], 'is an option of a single origin, not of an origin group',
                                         allowed='the member origins carry hosts, paths and ports')
            if group.get('keep_alive') is not None:
                if group['keep_alive'] not in (0, 1):
                    raise CdnValidationError('group.keep_alive', 'is a number of connections; Leaseweb\'s '
                                             'keepAlive is on or off', value=group['keep_alive'],
                                             allowed='0 (off) or 1 (on), or true/false')
                group['keep_alive'] = bool(group['keep_alive'])
            if group.get('enabled') is not None and desired.get('enabled') is not None \
                    and bool(group['enabled']) != bool(desired['enabled']):
                raise CdnValidationError('group.enabled', 'contradicts enabled', allowed='one of them, or equal values')

    def list_origins(self):
        label = self._origin_labeler()
        origins = [canonical_origin(o) for o in self._raw_origins()]
        groups = [self._complete_group(g, label) for g in self._raw_groups()]
        return origins + groups

    def find_origin(self, desired):
        name = desired['name']
        origins = [canonical_origin(o) for o in self._raw_origins()]
        groups = [canonical_group(g, None) for g in self._raw_groups()]
        label = self._origin_labeler(origins)
        group = desired.get('group')
        if group is not None and group.get('members') is not None:
            # compared in the form current groups report: by name, or by id where the name is missing or shared
            members = []
            for index, member in enumerate(group['members']):
                ident = self._resolve_in(member['origin'], origins, [], 'group.members[%d].origin' % index)
                members.append(dict(origin=label(ident), status=member['status']))
            group['members'] = sorted(members, key=lambda m: str(m['origin']))
        same_origins = [o for o in origins if o['name'] == name]
        same_groups = [g for g in groups if g['name'] == name]
        absent = self._origin_state == 'absent'
        if group is not None:
            mine, others, other_kind = same_groups, same_origins, 'origin'
        elif absent and not same_origins:
            mine, others, other_kind = same_groups, [], 'origin group'
        else:
            mine, others, other_kind = same_origins, same_groups, 'origin group'
        if others and not absent:
            raise CdnValidationError('name', '%r is already the name of the %s %s; Leaseweb origins and groups '
                                     'need distinct names' % (name, other_kind, ', '.join(o['id'] for o in others)),
                                     allowed='another name, or group (set or not) to match the existing one')
        if len(mine) > 1:
            raise CdnValidationError('name', '%r names %d Leaseweb objects (%s)' % (name, len(mine), ', '.join(
                o['id'] for o in mine)), allowed='a unique name: rename or delete the duplicates first')
        if not mine:
            return None
        current = mine[0]
        if current['kind'] == 'group':
            current = self._complete_group(current['raw']['group'], label)
        if absent:
            self._refuse_if_used(current)
        return current

    def create_origin(self, desired):
        if desired.get('group') is not None:
            values = group_values(desired['group'], name=desired['name'], enabled=desired.get('enabled'))
            response = self.client.request('POST', path('origin_groups'), 'create origin group',
                                           json=encode_envelope(ORIGIN_GROUP, values), ok=(200, 201))
            # the members are added under the new group's id
            group_id = self._created(response, 'group', 'create origin group')['id']
            self._sync_members(group_id, [], desired['group'].get('members') or [])
            return self._get_group(group_id)
        if not desired.get('endpoints'):
            raise CdnValidationError('endpoints', 'is required to create a Leaseweb origin',
                                     allowed='one entry with the origin host')
        response = self.client.request('POST', path('origins'), 'create origin',
                                       json=create_origin_payload(desired), ok=(200, 201))
        self._created(response, 'origin', 'create origin')
        return canonical_origin(response.body)

    def update_origin(self, current, changes, desired):
        if current['kind'] == 'group':
            group_changes = dict(changes.get('group') or {})
            members = group_changes.pop('members', None)
            values = group_values(group_changes, enabled=changes.get('enabled'))
            if values:
                self.client.request('PUT', path('origin_group', origin_group_id=current['id']), 'update origin group',
                                    json=encode_envelope(ORIGIN_GROUP, values), ok=(200, 202))
            if members is not None:
                self._sync_members(current['id'], current['raw']['members'], desired['group']['members'])
            return self._get_group(current['id'])
        wanted = dict(current)
        wanted.update((k, v) for k, v in desired.items() if v is not None)
        if current.get('type') == SIMPLE_ORIGIN and needs_advanced(wanted):
            return self.replace_origin(current, wanted)
        values = origin_values(changes, current.get('type') == ADVANCED_ORIGIN)
        response = self.client.request('PUT', path('origin', origin_id=current['id']), 'update origin',
                                       json=encode_envelope(current.get('type') or SIMPLE_ORIGIN, values),
                                       ok=(200, 202))
        updated = response.body
        if updated is None or (isinstance(updated, dict) and not decode_envelope(updated)[1].get('id')):
            # LSW-STD: an asynchronous update (202) answers without the resource: read it back
            return self._get_origin(current['id'])
        self._checked(updated, 'origin', 'update origin', status=response.status)
        return canonical_origin(updated)

    def replace_origin(self, current, wanted):
        """The type of an origin cannot change (seed): create the new one, repoint every policy and
        group membership that used the old one, then delete it, so no user is ever left without one."""
        old_id = current['id']
        response = self.client.request('POST', path('origins'), 'create origin',
                                       json=create_origin_payload(wanted), ok=(200, 201))
        # the users are repointed to this id: without it nothing is repointed, nothing deleted
        new_id = self._created(response, 'origin', 'create origin')['id']
        created = response.body
        policies, memberships = self._origin_users(old_id)
        for dist_id, policy in policies:
            self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=policy['id']),
                                'update policy', json={'originPullId': new_id}, ok=(200, 202))
        for group_id, member in memberships:
            # add the new member before removing the old one: the group never loses it
            self.client.request('POST', path('origin_group_members', origin_group_id=group_id), 'add origin group member',
                                json=member_payload(new_id, member.get('status') or 'active'), ok=(200, 201))
            self.client.request('DELETE', path('origin_group_member', origin_group_id=group_id,
                                               origin_group_member_id=member['id']),
                                'delete origin group member', ok=(200, 202, 204))
        self.client.request('DELETE', path('origin', origin_id=old_id), 'delete origin', ok=(200, 202, 204))
        return canonical_origin(created)

    def delete_origin(self, current):
        if current['kind'] == 'group':
            self.client.request('DELETE', path('origin_group', origin_group_id=current['id']), 'delete origin group',
                                ok=(200, 202, 204))
        else:
            self.client.request('DELETE', path('origin', origin_id=current['id']), 'delete origin', ok=(200, 202, 204))
        return None

    def resolve_origin_ref(self, ref, option):
        """The id of the origin or origin group ``ref`` names (an id, or a unique name)."""
        return self._resolve_in(ref, [canonical_origin(o) for o in self._raw_origins()],
                                [canonical_group(g, None) for g in self._raw_groups()], option, with_groups=True)

    def _resolve_in(self, ref, origins, groups, option, with_groups=False):
        ref = str(ref).strip()
        known = origins + groups
        for item in known:
            if item['id'] == ref:
                return ref
        named = [item for item in known if item['name'] == ref]
        what = 'origin or origin group' if with_groups else 'origin'
        if not named:
            raise CdnValidationError(option, 'names no Leaseweb %s' % what, value=ref,
                                     allowed='the id or name of an existing %s (create it with edgeops.cdn.cdn_origin)' % what)
        if len(named) > 1:
            raise CdnValidationError(option, 'is the name of %d Leaseweb objects (%s)' % (
                len(named), ', '.join(item['id'] for item in named)), value=ref, allowed='one of their ids')
        return named[0]['id']

    def _origin_labeler(self, origins=None):
        """label(origin id): the origin's name when it has a unique one, else its id."""
        if origins is None:
            origins = [canonical_origin(o) for o in self._raw_origins()]
        counts = {}
        for origin in origins:
            counts[origin['name']] = counts.get(origin['name'], 0) + 1
        names = dict((o['id'], o['name']) for o in origins if o['name'] and counts[o['name']] == 1)
        return lambda ident: names.get(ident, ident)

    def _raw_origins(self):
        return list(self.paginate(path('origins'), 'origins', 'list origins'))

    def _raw_groups(self):
        return list(self.paginate(path('origin_groups'), 'originGroups', 'list origin groups'))

    def _members(self, group_id):
        return list(self.paginate(path('origin_group_members', origin_group_id=group_id), 'originGroupMembers',
                                  'list origin group members'))

    def _complete_group(self, group, label):
        return canonical_group(group, self._members(decode_envelope(group)[1]['id']), label)

    def _get_origin(self, origin_id):
        return canonical_origin(self._read(path('origin', origin_id=origin_id), 'origin', 'get origin',
                                           missing_ok=False))

    def _get_group(self, group_id):
        group = self._read(path('origin_group', origin_group_id=group_id), 'group', 'get origin group',
                           missing_ok=False)
        return self._complete_group(group, self._origin_labeler())

    def _sync_members(self, group_id, have, want):
        """Make the group's members exactly ``want`` ([{'origin', 'status'}], origin by name or id):
        adds, then status updates, then removals (the group keeps its working members throughout)."""
        origins = [canonical_origin(o) for o in self._raw_origins()]
        current = dict((decode_envelope(m)[1].get('originId'), decode_envelope(m)[1]) for m in have)
        wanted = []
        for index, member in enumerate(want):
            ident = self._resolve_in(member['origin'], origins, [], 'group.members[%d].origin' % index)
            wanted.append((ident, member.get('status') or 'active'))
        for ident, status in wanted:
            if ident not in current:
                self.client.request('POST', path('origin_group_members', origin_group_id=group_id),
                                    'add origin group member', json=member_payload(ident, status), ok=(200, 201))
        for ident, status in wanted:
            if ident in current and current[ident].get('status') != status:
                self.client.request('PUT', path('origin_group_member', origin_group_id=group_id,
                                                origin_group_member_id=current[ident]['id']),
                                    'update origin group member', json=member_payload(ident, status), ok=(200, 202))
        keep = set(ident for ident, _status in wanted)
        for ident, member in current.items():
            if ident not in keep:
                self.client.request('DELETE', path('origin_group_member', origin_group_id=group_id,
                                                   origin_group_member_id=member['id']),
                                    'delete origin group member', ok=(200, 202, 204))

    def _origin_users(self, ident, kind=None):
        """([(distribution id, policy)], [(group id, member data)]) that pull from origin or group ``ident``."""
        field = 'originPullGroupId' if kind == GROUP_PREFIX else 'originPullId'
        policies = []
        for dist in self.paginate(path('distributions'), 'distributions', 'list distributions'):
            dist_id = decode_envelope(dist)[1]['id']
            for policy in self.paginate(path('policies', distribution_id=dist_id), 'policies', 'list policies'):
                if policy.get(field) == ident:
                    policies.append((dist_id, policy))
        memberships = []
        if kind != GROUP_PREFIX:
            for group in self._raw_groups():
                group_id = decode_envelope(group)[1]['id']
                for member in self._members(group_id):
                    values = decode_envelope(member)[1]
                    if values.get('originId') == ident:
                        memberships.append((group_id, values))
        return policies, memberships

    def _refuse_if_used(self, current):
        """Deleting what a distribution or group still pulls from would leave it without an origin."""
        policies, memberships = self._origin_users(current['id'], GROUP_PREFIX if current['kind'] == 'group' else None)
        users = ['distribution %s' % dist_id for dist_id, _policy in policies]
        users += ['origin group %s' % group_id for group_id, _member in memberships]
        if users:
            raise CdnValidationError(
                'state', 'would delete %s %s (%s), which %s still use%s' % (
                    'origin group' if current['kind'] == 'group' else 'origin', current['name'], current['id'],
                    ', '.join(users), 's' if len(users) == 1 else ''),
                allowed='point them elsewhere first (cdn_zone origin or origin_id; cdn_origin group.members)')

    # --- certificates (cdn_certificate) ------------------------------------------

    def validate_certificate(self, local):
        # kept to report the fingerprint and SANs of the uploaded certificate that matches it
        self._local_info = local.info

    def list_certificates(self):
        zones = self._certificate_zones()
        info = self._local_info
        return [canonical_certificate(c, zones.get(c.get('id'), ()), info)
                for c in self.paginate(path('certificates'), 'certificates', 'list certificates')]

    def get_certificate(self, certificate_id):
        cert = self._read(path('certificate', certificate_id=certificate_id), 'certificate', 'get certificate')
        if cert is None:
            return None
        return canonical_certificate(cert, self._certificate_zones().get(certificate_id, ()), self._local_info)

    def upload_certificate(self, local):
        response = self.client.request('POST', path('certificates'), 'upload certificate',
                                       json=certificate_payload(local), ok=(200, 201))
        # the certificate is bound by this id next; without it the core looks for the upload
        return canonical_certificate(self._created(response, 'certificate', 'upload certificate'), (), local.info)

    def bind_certificate(self, zone, certificate):
        if str(zone.get('certificate_id') or '') == str(certificate['id']) and zone.get('tls'):
            return False
        # one PUT switches tls and certificateId together: the distribution is never without a certificate
        self.client.request('PUT', path('distribution', distribution_id=zone['id']), 'bind certificate',
                            json=encode_envelope(zone.get('resource_type') or DISTRIBUTION_TYPE,
                                                 [('tls', True), ('certificateId', certificate['id'])]),
                            ok=(200, 202))
        return True

    def delete_certificate(self, current):
        # Re-read: after a rotation the zones listed in ``current`` serve the new certificate.
        # Distributions still serving this one (only with force) are switched to plain HTTP first.
        for dist_id in self._certificate_zones().get(current['id'], ()):
            self.client.request('PUT', path('distribution', distribution_id=dist_id), 'unbind certificate',
                                json=encode_envelope(DISTRIBUTION_TYPE, [('tls', False), ('certificateId', None)]),
                                ok=(200, 202))
        self.client.request('DELETE', path('certificate', certificate_id=current['id']), 'delete certificate',
                            ok=(200, 202, 204))
        return None

    def _certificate_zones(self):
        """{certificate id: [ids of the distributions whose certificateId it is]}."""
        zones = {}
        for dist in self.paginate(path('distributions'), 'distributions', 'list distributions'):
            values = decode_envelope(dist)[1]
            if values.get('certificateId'):
                zones.setdefault(values['certificateId'], []).append(values['id'])
        return zones

    # --- internals --------------------------------------------------------------

    def _domains(self, dist_id):
        return list(self.paginate(path('domains', distribution_id=dist_id), 'domains', 'list domains'))

    def _add_domain(self, dist_id, name):
        # A lost answer: the domain may have been added (a second add would be refused as taken).
        send_recovering(lambda: self.client.request('POST', path('domains', distribution_id=dist_id), 'add domain',
                                                    json={'domain': name}, ok=(200, 201)),
                        lambda: name if name in domain_names(self._domains(dist_id)) else None, attempts=1)

    def _latest_actions(self, types=DIST_ACTION_TYPES):
        return latest_actions(list(self.paginate(path('actions'), 'actions', 'list actions')), types)

    def _complete(self, distribution, hostname=None, domains=None, actions=None):
        """Read what a zone needs besides the (checked) distribution: domains, policy, origin, latest action."""
        dist_id = decode_envelope(distribution)[1]['id']
        if domains is None:
            domains = self._domains(dist_id)
        policies = list(self.paginate(path('policies', distribution_id=dist_id), 'policies', 'list policies'))
        policy = policies[0] if policies else None
        origin = None
        if policy and policy.get('originPullId'):
            # 404: the origin was deleted; the zone then shows no origin
            origin = self._read(path('origin', origin_id=policy['originPullId']), 'origin', 'get origin')
        if actions is None:
            actions = self._latest_actions()
        return canonical_zone(distribution, domains, policy, origin, actions.get(dist_id), hostname, self.secrets)

    def _ensure_origin(self, url, hostname):
        """(origin id, protocol) of an origin serving url: an equal one reused, else a new one."""
        payload, protocol = origin_payload(url, 'edgeops.cdn %s' % hostname)

        def equal_origin():
            for origin in self.paginate(path('origins'), 'origins', 'list origins'):
                resource_type, values = decode_envelope(origin)
                if resource_type in (SIMPLE_ORIGIN, ADVANCED_ORIGIN) and origin_url(origin, protocol) == url:
                    return values['id']
            return None

        found = equal_origin()
        if found is None:
            # A lost answer (or one without the new id): the origin may exist; reuse it rather
            # than create a second one.
            found = send_recovering(
                lambda: self._created(self.client.request('POST', path('origins'), 'create origin', json=payload,
                                                          ok=(200, 201)), 'origin', 'create origin')['id'],
                equal_origin, attempts=1)
        return found, protocol

    def _wait_action(self, zone):
        """Follow the zone's latest action until it finished (when the user asked to wait)."""
        if zone is None or not self.params.get('wait') or not zone.get('action_id') or self.zone_ready(zone):
            return zone
        action = self._follow_action(zone['raw']['action'], zone['id'])
        zone['status'] = action.get('status')
        zone['raw']['action'] = action
        return zone

    def _follow_action(self, action, dist_id):
        def fetch():
            return self._read(path('action', action_id=action['id']), 'action', 'get action')

        return Waiter('Leaseweb %s action %s of distribution %s to finish' % (action.get('type'), action['id'], dist_id),
                      fetch=fetch,
                      ready=lambda a: a is not None and a.get('status') in READY_STATUSES,
                      failed=lambda a: a is not None and a.get('status') in FAILED_STATUSES and a['status'],
                      timeout=self.params.get('wait_timeout') or 600).wait()
