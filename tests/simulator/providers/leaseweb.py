"""Leaseweb CDN v2, from "Leaseweb CDN API v2" (https://developer.leaseweb.com/api-docs/cdn_v2.html;
"the API document" below), Leaseweb's "Developer API" listing (OpenAPI 3.0.3, section "CDN"; "the
listing": the paths and verbs) and, where they are silent, the project's decisions in
docs/providers/leaseweb.md ("Decisions where the API document is silent").

Behaviour notes:
- Auth: header "X-LSW-Auth: <key>"; 401 otherwise. Every error is
  {correlationId, errorCode (a string), errorMessage, errorDetails}; the
  correlation id is also in the APIGW-CORRELATION-ID header.
- Paths: the listing's (the API document's text carries none), kept in ROUTES
  below only; a trailing slash is tolerated. Anything else is a 404, the
  project's earlier guesses (distributions/{id}/invalidations, statistics,
  statistics/total, reseller/statistics, reseller/statistics/total) included.
- Key/value envelope {"resourceType", "data": [{key, value}]} for origins and
  distributions; server-set keys (id, customerId, created, updated, and for
  distributions cname) are appended to data in answers and refused in bodies.
  Domains, policies and actions are plain JSON.
- Ids: distributions di-, origins or-, policies po-, customers cu- followed by
  lower-case letters and digits; domain id = the domain name; action ids are
  UUIDs (seeded random, so runs repeat).
- Lists page by limit (default 25, -1 = all) and offset, with
  _metadata {totalCount, limit, offset}.
- Distribution create (201), update (200, partial data allowed) and delete
  (204; the distribution, its domains and policy go at once) record
  CREATE_DIST / UPDATE_DIST / DELETE_DIST actions, whose resource is
  {"distribution_id": ...} (project assumption, shaped like INVALIDATION's).
  An action is PENDING for PENDING_SECONDS, IN_PROGRESS until ACTION_SECONDS,
  then FINISHED, on the simulated clock.
- One policy per volume distribution; policy PUT takes partial bodies
  (Leaseweb's "API Design Standards", https://github.com/Leaseweb/api-standards,
  "Use CRUD": "Partial updates are allowed"); originPullId must name an origin.
- cname (the CNAME target, not in the API document) is "<distribution id>.lswcdn.net".
- Invalidations: POST invalidations {"files": [...]} (the listing: top level)
  takes a non-empty list of full http(s) URLs; their host names (custom domains
  or cname) say which distribution they belong to. A file that is no such URL,
  on a host no distribution serves, or files on several distributions are a 400
  (create_invalidation says why). It answers 202 with an INVALIDATION action
  shaped like the API document's invalidation sample (resource {invalidation_id
  "in-...", status, url_status, submitted, completed}) plus distribution_id in
  its resource (project assumption, as for the distribution actions). It
  follows the same PENDING / IN_PROGRESS / FINISHED
  clock as the other actions; a file containing a string from seed data
  "invalidation_failing" (a test hook) makes it FAILED with a url_status message.
  GET actions?filters=INVALIDATION lists them.
- Origins: "Type of the origin can't be changed" (API document, "Update Origin By Id"): a PUT
  with the other resourceType is a 400. The API document's delete entries show only an
  error sample; this project decides that deleting an origin a policy
  (originPullId) or a group member still uses, or a group a policy
  (originPullGroupId) uses, is a 400 naming the users.
- Origin groups (ORIGIN_GROUP: balancingMethod, description, failTimeOut,
  keepAlive, keepAliveSeconds, enabled; server keys appended, "updated" null on
  create as in the API document's "Create Origin Group" sample) and members (ORIGIN_GROUP_MEMBER: originId,
  status active/backup/inactive; id "or-..." and originHost appended, as in the
  API document's member samples). balancingMethod accepts the two values the API document shows
  (CONSISTENT, ROUNDROBIN; its enum list was lost). An origin is a member of a
  group at most once. Deleting a group deletes its members.
- Certificates are plain JSON. Upload needs certificate, privateKey and
  caBundle ("required" in the API document's "Upload certificate"; an empty caBundle means no intermediates),
  validation defaults to true (then the key must match the certificate).
  Answers replace the three PEM fields by "Hidden for security reasons";
  commonName and issuer (the issuer's common name, like the certificate samples' "c1"),
  validFrom/validUntil (unix seconds), valid, daysLeft (on the simulated clock)
  and trusted (the bundle leads to a self-signed root) are computed from the
  PEM. Deleting a certificate a distribution's certificateId names is a 400.
- ACLs (plain JSON {action, value, type, id, policyId, created, updated}) live
  on a policy: POST (201; action defaults to REJECT), list, get, DELETE (204).
  Ids: "iacl-N" (API document's ACL sample), "gacl-N", "racl-N" (project choice), N counting
  per policy and type from 0. Values: IP_ACL an IP network ("1.1.1.5/32", the same sample;
  host bits set is a 400), GEO_ACL an upper-case ISO alpha-2 code, REFERRER_ACL
  a host name with an optional leading "*." (project decisions: the API document gives
  only the IP sample). One ACL per (type, value) in a policy. The policy's
  securityIpAcl/GeoAcl/ReferrerAcl switches are stored, not enforced; the
  *Default fields take ALLOW, REJECT or null (project decision).
- Security token fields (API document "Create policy"): securityTokenVendor "LEASEWEB"
  or null, securityTokenNumberOfPathComponents -1..10, the others any string or
  null; stored, not enforced. securityTokenSecret, securityTokenAesKey and
  securityTokenShaKey are echoed back as stored (the API document's policy answers carry the
  fields; the pessimistic reading: the client must mask them).
- Debug: POST debug {"url"} (1..2083 characters, an http(s) URL, as the API document's debug section says) answers
  one providerResponse per CDN provider (gcore, edgio as in its debug sample) with
  deterministic ip and headers: 200, or 301 with location when the policy forces
  HTTPS and the URL is http, or 403 when the distribution is disabled; a host no
  distribution serves gets success false per provider and overall. It changes
  nothing: classify() marks it non-mutating.
- Origin check: GET origins/{id}/resolve (the listing; no answer shape listed):
  200 {"resolvable": true, ...}, or a 400 errorMessage for hosts under .invalid
  (RFC 2606) and seed data "unresolvable" hosts (resolve_origin).
- Policy templates: GET policyTemplates (the listing; no answer shape listed),
  three fixed templates {id, name, description} paged like the other lists.
- Statistics: GET statistics/customer, statistics/customer/totals (the
  listing), statistics/reseller, statistics/reseller/totals (not in the public
  listing: inferred by symmetry) with fromDt/toDt (YYYY-MM-ddTHH:mm:ss exactly,
  UTC, as the API document's statistics sections say), metric (required), groupBy, granularity (series only, default
  5MIN), distributionId. Data is deterministic: one 5-minute sample per
  (distribution, provider edgio/gcore, region apac/asia/eu) at each multiple of
  300 s in [fromDt, toDt] (the API document's statistics samples: from 09:28:38 the first point is
  09:30, toDt is included), bytes/requests/status/cache-hit from a CRC of those
  keys (traffic_sample). Buckets are labelled by their start (WEEK: Monday
  00:00 UTC) with a "Z". DATATRANSFER and REQUESTS sum, BANDWIDTH is the mean
  bits per second, 95TH the nearest-rank 95th percentile of the 5-minute bits
  per second, STATUS_* percentages and CACHEHIT a 0..1 ratio weighted by
  requests. Totals aggregate the same samples, so the DATATRANSFER series sum
  to the total. The customer sees its distributions; the reseller endpoints
  add the resold customer cu-sim0002 with distribution di-resold01 (seed data
  {"reseller": false} makes them 403). Periods over 400 days are a 400
  (project choice). Series answer one dict of groups (the API document's customer statistics sample),
  totals a list of one-group dicts (its totals sample).

State dump (GET /_sim/state/leaseweb): distributions and origins flattened to
{resourceType, key: value...}; domains, policies (with distributionId), actions.
"""

import calendar
import ipaddress
import random
import re
import time
import uuid
import zlib
from email.utils import formatdate
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from ..core import ProviderApp, json_response

VALID_TOKENS = ('sim-token',)
DEFAULT_LIMIT = 25
PENDING_SECONDS = 2.0
ACTION_SECONDS = 20.0
CUSTOMER_ID = 'cu-sim0001'
DIST_TYPES = ('DISTRIBUTION_VOLUME',)
ORIGIN_TYPES = ('SIMPLE_ORIGIN', 'ADVANCED_ORIGIN')
ACTION_TYPES = ('INVALIDATION', 'CREATE_DIST', 'UPDATE_DIST', 'DELETE_DIST')
SERVER_KEYS = ('id', 'customerId', 'created', 'updated', 'cname')
NONE = type(None)

# data key -> (accepted types, default)
DIST_KEYS = {
    'description': ((str,), ''),
    'enabled': ((bool,), True),
    'ipv6': ((bool,), False),
    'tls': ((bool,), False),
    'tlsType': ((str, NONE), None),
    'certificateId': ((str, NONE), None),
    'logging': ((bool,), False),
}
ORIGIN_KEYS = {
    'SIMPLE_ORIGIN': {'host': ((str,), None), 'description': ((str, NONE), None), 'enabled': ((bool,), True)},
    'ADVANCED_ORIGIN': {'host': ((str,), None), 'description': ((str, NONE), None), 'enabled': ((bool,), True),
                        'path': ((str,), '/'), 'httpPort': ((int, NONE), 80), 'httpsPort': ((int, NONE), 443)},
}
# Defaults for keys a create leaves out (simulator choice: the "Origin Group 1" sample of Leaseweb CDN API v2).
GROUP_KEYS = {
    'balancingMethod': ((str,), 'ROUNDROBIN'), 'description': ((str, NONE), None), 'failTimeOut': ((int,), 1),
    'keepAlive': ((bool,), True), 'keepAliveSeconds': ((int,), 30), 'enabled': ((bool,), True),
}
MEMBER_KEYS = {'originId': ((str,), None), 'status': ((str,), 'active')}
MEMBER_SERVER_KEYS = ('id', 'originHost')
HIDDEN = 'Hidden for security reasons'
# policy field -> (accepted types, default), in the order of Leaseweb CDN API v2 "Create policy"
POLICY_FIELDS = (
    ('securityToken', (bool,), False), ('securityTokenVendor', (str, NONE), None),
    ('securityTokenMethod', (str, NONE), None), ('securityTokenSecret', (str, NONE), None),
    ('securityTokenAesKey', (str, NONE), None), ('securityTokenShaKey', (str, NONE), None),
    ('securityTokenClientIp', (bool,), False), ('securityTokenExpirationParam', (str, NONE), None),
    ('securityTokenParam', (str, NONE), None), ('securityTokenNumberOfPathComponents', (int,), -1),
    ('securityTokenEmbedIntoPath', (bool,), False),
    ('securityGeoAcl', (bool,), False), ('securityGeoAclDefault', (str, NONE), None),
    ('securityIpAcl', (bool,), False), ('securityIpAclDefault', (str, NONE), None),
    ('securityReferrerAcl', (bool,), False), ('securityReferrerAclDefault', (str, NONE), None),
    ('originPullProtocol', (str,), 'HTTP'), ('originPullCompressed', (bool, NONE), False),
    ('originPullHostHeader', (str, NONE), None), ('originPullId', (str, NONE), None),
    ('originPullGroupId', (str, NONE), None), ('originPullShieldId', (str, NONE), None),
    ('originPullXff', (bool,), False), ('originPullPassCookie', (bool,), False), ('originPullPassVary', (bool,), False),
    ('cacheQueryString', (bool,), False), ('cacheDefaultTtl', (int, NONE), None),
    ('cacheHonorOriginTtl', (bool,), False), ('cacheStale', (bool,), False), ('cacheByPass', (bool,), False),
    ('cacheSegmented', (bool,), True),
    ('deliveryTtlInherit', (bool,), False), ('deliveryTtlOverride', (int,), 0), ('deliveryCompress', (bool,), False),
    ('deliveryRateLimit', (bool,), False), ('deliveryTransferRate', (int, NONE), None),
    ('deliveryBurstSize', (int, NONE), None), ('deliveryForceHttps', (bool,), False),
    ('deliveryPassThroughAllHeaders', (bool,), False),
    ('description', (str,), ''), ('allowedMethods', (str, NONE), 'GET,HEAD'), ('path', (str,), '/'),
)
POLICY_TYPES = dict((name, kinds) for name, kinds, _default in POLICY_FIELDS)
# *AclDefault: the ACL actions or null (project decision; Leaseweb CDN API v2 shows only null)
ACL_DEFAULTS = ('securityGeoAclDefault', 'securityIpAclDefault', 'securityReferrerAclDefault')
ACL_TYPES = {'IP_ACL': 'iacl-', 'GEO_ACL': 'gacl-', 'REFERRER_ACL': 'racl-'}
ACL_ACTIONS = ('REJECT', 'ALLOW')
REFERRER_RE = re.compile(r'^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$', re.I)
DEBUG_PROVIDERS = ('gcore', 'edgio')
MAX_URL = 2083
STAT_METRICS = ('DATATRANSFER', 'BANDWIDTH', 'REQUESTS', 'STATUS_2XX', 'STATUS_4XX', 'STATUS_5XX', 'CACHEHIT', '95TH')
STAT_GROUPS = ('PROVIDER', 'DISTRIBUTION', 'CUSTOMER', 'REGION')
GRANULARITY = {'5MIN': 300, '15MIN': 900, 'HOUR': 3600, 'DAY': 86400, 'WEEK': 604800}
STAT_PROVIDERS = ('edgio', 'gcore')
STAT_REGIONS = ('apac', 'asia', 'eu')
RESOLD = {'cu-sim0002': ('di-resold01',)}
# The answer of "Get All Templates" is not listed: fixed templates of the simulator's choosing.
POLICY_TEMPLATES = (
    {'id': 'pt-static01', 'name': 'Static content',
     'description': 'Images, scripts and style sheets: long TTL, query string ignored'},
    {'id': 'pt-video001', 'name': 'Video on demand', 'description': 'Segmented media delivery'},
    {'id': 'pt-download', 'name': 'Large file download', 'description': 'Large objects, rate limited delivery'},
)
STAMP_RE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$')
MAX_STAT_SECONDS = 400 * 86400
# 1970-01-01 was a Thursday: WEEK buckets start on Monday 00:00 UTC
WEEK_OFFSET = 4 * 86400
ENUMS = {'originPullProtocol': ('HTTP', 'HTTPS'), 'balancingMethod': ('CONSISTENT', 'ROUNDROBIN'),
         'status': ('active', 'backup', 'inactive'),
         # Leaseweb CDN API v2 "Create policy": '"LEASEWEB" (any) or Securitytokenvendor (null)'
         'securityTokenVendor': ('LEASEWEB',)}
# Integer ranges of Leaseweb CDN API v2 "Create policy" ("securityTokenNumberOfPathComponents ... [ -1 .. 10 ]").
RANGES = {'securityTokenNumberOfPathComponents': (-1, 10)}

D = r'(?P<distribution_id>[^/]+)'
# The one path table of the simulator, from Leaseweb's "Developer API" listing (OpenAPI 3.0.3,
# section "CDN"; base https://api.leaseweb.com/cdn/v2). Paths not in it (the project's earlier
# guesses distributions/{id}/invalidations, statistics, statistics/total, reseller/statistics,
# reseller/statistics/total among them) answer 404.
ROUTES = (
    ('GET', r'origins/?', 'list_origins'),
    ('POST', r'origins/?', 'create_origin'),
    ('GET', r'origins/(?P<origin_id>[^/]+)/resolve/?', 'resolve_origin'),
    ('GET', r'origins/(?P<origin_id>[^/]+)/?', 'get_origin'),
    ('PUT', r'origins/(?P<origin_id>[^/]+)/?', 'update_origin'),
    ('DELETE', r'origins/(?P<origin_id>[^/]+)/?', 'delete_origin'),
    ('GET', r'originGroups/?', 'list_groups'),
    ('POST', r'originGroups/?', 'create_group'),
    ('GET', r'originGroups/(?P<origin_group_id>[^/]+)/?', 'get_group'),
    ('PUT', r'originGroups/(?P<origin_group_id>[^/]+)/?', 'update_group'),
    ('DELETE', r'originGroups/(?P<origin_group_id>[^/]+)/?', 'delete_group'),
    ('GET', r'originGroups/(?P<origin_group_id>[^/]+)/members/?', 'list_members'),
    ('POST', r'originGroups/(?P<origin_group_id>[^/]+)/members/?', 'add_member'),
    ('GET', r'originGroups/(?P<origin_group_id>[^/]+)/members/(?P<member_id>[^/]+)/?', 'get_member'),
    ('PUT', r'originGroups/(?P<origin_group_id>[^/]+)/members/(?P<member_id>[^/]+)/?', 'update_member'),
    ('DELETE', r'originGroups/(?P<origin_group_id>[^/]+)/members/(?P<member_id>[^/]+)/?', 'delete_member'),
    ('GET', r'certificates/?', 'list_certificates'),
    ('POST', r'certificates/?', 'upload_certificate'),
    ('GET', r'certificates/(?P<certificate_id>[^/]+)/?', 'get_certificate'),
    ('DELETE', r'certificates/(?P<certificate_id>[^/]+)/?', 'delete_certificate'),
    ('GET', r'actions/?', 'list_actions'),
    ('GET', r'actions/(?P<action_id>[^/]+)/?', 'get_action'),
    ('GET', r'distributions/?', 'list_distributions'),
    ('POST', r'distributions/?', 'create_distribution'),
    ('GET', r'distributions/' + D + '/?', 'get_distribution'),
    ('PUT', r'distributions/' + D + '/?', 'update_distribution'),
    ('DELETE', r'distributions/' + D + '/?', 'delete_distribution'),
    ('GET', r'distributions/' + D + '/domains/?', 'list_domains'),
    ('POST', r'distributions/' + D + '/domains/?', 'add_domain'),
    ('GET', r'distributions/' + D + '/domains/(?P<domain_id>[^/]+)/?', 'get_domain'),
    ('DELETE', r'distributions/' + D + '/domains/(?P<domain_id>[^/]+)/?', 'delete_domain'),
    ('GET', r'distributions/' + D + '/policies/?', 'list_policies'),
    ('POST', r'distributions/' + D + '/policies/?', 'create_policy'),
    ('GET', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/?', 'get_policy'),
    ('PUT', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/?', 'update_policy'),
    ('DELETE', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/?', 'delete_policy'),
    ('GET', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/acls/?', 'list_acls'),
    ('POST', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/acls/?', 'create_acl'),
    ('GET', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/acls/(?P<acl_id>[^/]+)/?', 'get_acl'),
    ('DELETE', r'distributions/' + D + '/policies/(?P<policy_id>[^/]+)/acls/(?P<acl_id>[^/]+)/?', 'delete_acl'),
    ('POST', r'debug/?', 'debug'),
    ('POST', r'invalidations/?', 'create_invalidation'),
    ('GET', r'policyTemplates/?', 'list_policy_templates'),
    ('GET', r'statistics/customer/?', 'statistics'),
    ('GET', r'statistics/customer/totals/?', 'statistics_total'),
    # not in the public listing (it lists the customer pair only): inferred by symmetry
    ('GET', r'statistics/reseller/?', 'reseller_statistics'),
    ('GET', r'statistics/reseller/totals/?', 'reseller_statistics_total'),
)


class Invalid(Exception):
    """A 400 with errorDetails {field: [messages]}."""

    def __init__(self, details, message='Validation failed.'):
        super().__init__(message)
        self.details = details
        self.message = message


def check_type(name, value, kinds):
    if isinstance(value, bool) and bool not in kinds:
        raise Invalid({name: ['Input should be of type %s.' % '/'.join(k.__name__ for k in kinds)]})
    if not isinstance(value, kinds):
        raise Invalid({name: ['Input should be of type %s.' % '/'.join(k.__name__ for k in kinds)]})
    if name in ENUMS and value is not None and value not in ENUMS[name]:
        raise Invalid({name: ['Input should be %s.' % ' or '.join(ENUMS[name])]})
    if name in RANGES and not RANGES[name][0] <= value <= RANGES[name][1]:
        raise Invalid({name: ['Input should be between %s and %s.' % RANGES[name]]})


class LeasewebApp(ProviderApp):
    name = 'leaseweb'
    prefix = '/leaseweb/cdn/v2/'
    routes = ROUTES

    def reset(self):
        self.rng = random.Random(4242)
        self.tokens = set(VALID_TOKENS)
        self.distributions = {}   # id -> {'resourceType', 'values', 'created', 'updated'}
        self.origins = {}         # id -> same shape
        self.domains = {}         # distribution id -> [domain dicts] in creation order
        self.policies = {}        # id -> policy dict plus '_dist'
        self.actions = []         # dicts with '_at' (sim time created) and '_dist'
        self.groups = {}          # id -> {'resourceType', 'values'}
        self.members = {}         # group id -> [{'resourceType', 'values'}] in creation order
        self.certificates = {}    # id -> plain dict, PEMs replaced, plus '_until', '_from'
        self.invalidation_failing = []
        self.acls = {}            # policy id -> [acl dicts] in creation order
        self.acl_counters = {}    # (policy id, type) -> next number
        self.reseller = True
        self.unresolvable = set()  # origin hosts resolve_origin refuses besides .invalid ones

    # --- control --------------------------------------------------------------

    def seed(self, data):
        """{"tokens": [...], "origins": [{"host", "resourceType"?, ...}], "origin_groups": [{data keys}],
        "unresolvable": [origin hosts the origin check refuses], "invalidation_failing": [...], "reseller": bool,
        "distributions": [{"domains": [...], "data": {...}, "origin": "https://host" | None,
                           "policy": {...} | False, "pending": bool}]}.
        Returns the created distribution ids."""
        for token in data.get('tokens', []):
            self.tokens.add(token)
        self.invalidation_failing.extend(data.get('invalidation_failing', []))
        if 'reseller' in data:
            self.reseller = bool(data['reseller'])
        self.unresolvable.update(str(h).lower() for h in data.get('unresolvable', []))
        for spec in data.get('origins', []):
            spec = dict(spec)
            self._new_origin(spec.pop('resourceType', 'SIMPLE_ORIGIN'), spec)
        for spec in data.get('origin_groups', []):
            ident = self._id('og-')
            full = dict((k, default) for k, (_kinds, default) in GROUP_KEYS.items())
            full.update(spec)
            full.update(id=ident, customerId=CUSTOMER_ID, created=self._stamp(), updated=None)
            self.groups[ident] = {'resourceType': 'ORIGIN_GROUP', 'values': full}
            self.members[ident] = []
        created = []
        for spec in data.get('distributions', []):
            values = dict(spec.get('data') or {})
            values.setdefault('description', (spec.get('domains') or ['seeded'])[0])
            dist = self._new_distribution(spec.get('resourceType', 'DISTRIBUTION_VOLUME'), values)
            for name in spec.get('domains', []):
                self._new_domain(dist, name)
            if spec.get('policy') is not False:
                policy = dict(spec.get('policy') or {})
                if spec.get('origin'):
                    scheme, _sep, host = spec['origin'].partition('://')
                    origin = self._find_origin(host) or self._new_origin('SIMPLE_ORIGIN', {'host': host})
                    policy.setdefault('originPullId', origin['values']['id'])
                    policy.setdefault('originPullProtocol', scheme.upper())
                self._new_policy(dist, policy)
            if spec.get('pending'):
                self._record('CREATE_DIST', dist)
            created.append(dist['values']['id'])
        return created

    def dump(self):
        return {
            'distributions': [self._flat(d) for d in self.distributions.values()],
            'origins': [self._flat(o) for o in self.origins.values()],
            'domains': [d for names in self.domains.values() for d in names],
            'policies': [dict(self._render_policy(p), distributionId=p['_dist']) for p in self.policies.values()],
            'actions': [self._render_action(a) for a in self.actions],
            'origin_groups': [dict(self._flat(g), members=[self._flat(m) for m in self.members[g['values']['id']]])
                              for g in self.groups.values()],
            'certificates': [self._render_certificate(c) for c in self.certificates.values()],
            'acls': [dict(a) for acls in self.acls.values() for a in acls],
        }

    # --- provider conventions --------------------------------------------------

    def error(self, status, message, details=None):
        correlation = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return json_response({'correlationId': correlation, 'errorCode': str(status),
                              'errorDetails': details or {}, 'errorMessage': message},
                             status, headers={'APIGW-CORRELATION-ID': correlation})

    def authenticate(self, request):
        if (request.headers.get('X-LSW-Auth') or '').strip() not in self.tokens:
            return self.error(401, 'You are not authorized to view this resource.')
        return None

    def not_found(self, request):
        return self.error(404, 'Resource not found.')

    def method_not_allowed(self, request):
        return self.error(405, 'Method %s is not allowed.' % request.method)

    def handle(self, request):
        try:
            return super().handle(request)
        except Invalid as exc:
            return self.error(400, exc.message, exc.details)

    def _id(self, prefix):
        alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'
        while True:
            ident = prefix + ''.join(self.rng.choice(alphabet) for position in range(8))
            taken = (self.distributions, self.origins, self.policies, self.groups, self.certificates)
            if not any(ident in table for table in taken) and not any(
                    m['values']['id'] == ident for members in self.members.values() for m in members):
                return ident

    def _stamp(self, at=None, zulu=False):
        return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(self.now if at is None else at)) + ('Z' if zulu else '')

    def _page(self, request, key, items):
        try:
            limit = int(request.query.get('limit', DEFAULT_LIMIT))
            offset = int(request.query.get('offset', 0))
        except ValueError:
            raise Invalid({'limit': ['Input should be a valid integer.']})
        if limit == 0 or limit < -1:
            raise Invalid({'limit': ['Input should be -1 or greater than 0.']})
        if offset < 0:
            raise Invalid({'offset': ['Input should be greater than or equal to 0.']})
        chunk = items[offset:] if limit == -1 else items[offset:offset + limit]
        return json_response({key: chunk, '_metadata': {'totalCount': len(items), 'limit': limit, 'offset': offset}})

    # --- envelope ------------------------------------------------------------------

    @staticmethod
    def _parse_envelope(body, types, keys_for):
        if not isinstance(body, dict):
            raise Invalid({'body': ['A JSON object is required.']}, 'The API could not interpret your request correctly.')
        resource_type = body.get('resourceType')
        if resource_type not in types:
            raise Invalid({'resourceType': ['Input should be %s.' % ' or '.join(types)]})
        data = body.get('data')
        if not isinstance(data, list):
            raise Invalid({'data': ['Input should be a valid list.']})
        keys = keys_for(resource_type)
        values = {}
        for item in data:
            if not isinstance(item, dict) or set(item) != set(['key', 'value']):
                raise Invalid({'data': ['Each item needs exactly "key" and "value".']})
            key = item['key']
            if key in SERVER_KEYS:
                raise Invalid({key: ['%s is set by the server.' % key]})
            if key not in keys:
                raise Invalid({key: ['Unknown key for %s.' % resource_type]})
            check_type(key, item['value'], keys[key][0])
            values[key] = item['value']
        return resource_type, values

    def _envelope(self, obj, extra_keys):
        values = obj['values']
        data = [{'key': k, 'value': v} for k, v in values.items() if k not in SERVER_KEYS]
        data += [{'key': k, 'value': values.get(k)} for k in extra_keys]
        return {'resourceType': obj['resourceType'], 'data': data}

    @staticmethod
    def _flat(obj):
        flat = {'resourceType': obj['resourceType']}
        flat.update(obj['values'])
        return flat

    # --- state ---------------------------------------------------------------------

    def _new_distribution(self, resource_type, values):
        ident = self._id('di-')
        full = dict((k, default) for k, (_kinds, default) in DIST_KEYS.items())
        full.update(values)
        full.update(id=ident, customerId=CUSTOMER_ID, created=self._stamp(), updated=None,
                    cname='%s.lswcdn.net' % ident)
        dist = {'resourceType': resource_type, 'values': full}
        self.distributions[ident] = dist
        self.domains[ident] = []
        return dist

    def _new_origin(self, resource_type, values):
        ident = self._id('or-')
        full = dict((k, default) for k, (_kinds, default) in ORIGIN_KEYS[resource_type].items())
        full.update(values)
        stamp = self._stamp()
        full.update(id=ident, customerId=CUSTOMER_ID, created=stamp, updated=stamp)
        origin = {'resourceType': resource_type, 'values': full}
        self.origins[ident] = origin
        return origin

    def _find_origin(self, host):
        return next((o for o in self.origins.values()
                     if o['resourceType'] == 'SIMPLE_ORIGIN' and o['values']['host'] == host), None)

    def _new_domain(self, dist, name):
        stamp = self._stamp()
        domain = {'domain': name, 'id': name, 'distributionId': dist['values']['id'], 'created': stamp, 'updated': stamp}
        self.domains[dist['values']['id']].append(domain)
        return domain

    def _new_policy(self, dist, fields):
        policy = dict((name, default) for name, _kinds, default in POLICY_FIELDS)
        policy.update(fields)
        stamp = self._stamp()
        policy.update(id=self._id('po-'), customerId=CUSTOMER_ID, created=stamp, updated=stamp,
                      _dist=dist['values']['id'])
        self.policies[policy['id']] = policy
        return policy

    def _record(self, kind, dist):
        action = {'type': kind, 'resource': {'distribution_id': dist['values']['id']},
                  'id': str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                  'customerId': CUSTOMER_ID, '_at': self.now}
        self.actions.append(action)
        return action

    def _action_status(self, action):
        age = self.now - action['_at']
        if age < PENDING_SECONDS:
            return 'PENDING', action['_at']
        if age < ACTION_SECONDS:
            return 'IN_PROGRESS', action['_at'] + PENDING_SECONDS
        return 'FINISHED', action['_at'] + ACTION_SECONDS

    def _render_action(self, action):
        status, since = self._action_status(action)
        rendered = dict((k, v) for k, v in action.items() if not k.startswith('_'))
        if action['type'] == 'INVALIDATION':
            if status == 'FINISHED' and action.get('_fails'):
                status = 'FAILED'
            done = status in ('FINISHED', 'FAILED')
            url_status = {'distribution_group_id': '', 'status': 'PENDING', 'message': ''}
            if done:
                url_status.update(status='SUCCESS' if status == 'FINISHED' else 'FAILED',
                                  message='could not invalidate %s' % ', '.join(action['_fails']) if action['_fails'] else '')
            rendered['resource'] = dict(action['resource'], status=status, url_status=[url_status],
                                        completed=self._stamp(since) if done else '')
        rendered.update(status=status, created=self._stamp(action['_at'], zulu=True),
                        updated=self._stamp(since, zulu=True))
        return rendered

    def _serving(self, host):
        """The distribution serving a host name (a custom domain or its cname), or None."""
        return next((d for d in self.distributions.values() if host == d['values'].get('cname')
                     or any(x['domain'] == host for x in self.domains[d['values']['id']])), None)

    def create_invalidation(self, request):
        """POST invalidations ("Do Invalidation"; the path from the Developer API listing): the files are
        full URLs and their host names say which distribution they belong to.

        Simulator choices (the document shows the body and the 400 error sample only): a file that is
        not an http(s) URL, or whose host no distribution of the customer serves, is a 400 validation
        error naming it (errorDetails per field, as LSW-STD describes validation errors; 404 stays for
        unknown paths); files on several distributions are a 400 too, since the answer is one action
        about one distribution (its resource names it: distribution_id)."""
        body = request.json()
        files = body.get('files') if isinstance(body, dict) else None
        if not isinstance(files, list) or not files or not all(isinstance(f, str) and f for f in files):
            raise Invalid({'files': ['Input should be a non-empty list of strings.']})
        owners = {}
        for name in files:
            parts = urlsplit(name)
            if parts.scheme not in ('http', 'https') or not parts.hostname:
                raise Invalid({'files': ['%s is not a full http(s) URL.' % name]})
            dist = self._serving(parts.hostname.lower())
            if dist is None:
                raise Invalid({'files': ['%s: no distribution serves %s.' % (name, parts.hostname.lower())]})
            owners.setdefault(dist['values']['id'], []).append(name)
        if len(owners) > 1:
            raise Invalid({'files': ['The files belong to several distributions (%s); invalidate them one '
                                     'distribution at a time.' % ', '.join(sorted(owners))]})
        distribution_id = next(iter(owners))
        ident = 'in-' + ''.join(self.rng.choice('abcdefghijklmnopqrstuvwxyz0123456789') for position in range(8))
        action = {'type': 'INVALIDATION',
                  'resource': {'distribution_id': distribution_id, 'invalidation_id': ident, 'files': list(files),
                               'submitted': self._stamp()},
                  'id': str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                  'customerId': CUSTOMER_ID, '_at': self.now, '_dist': distribution_id,
                  '_fails': sorted(set(f for f in files for bad in self.invalidation_failing if bad in f))}
        self.actions.append(action)
        return json_response(self._render_action(action), 202)

    @staticmethod
    def _render_policy(policy):
        return dict((k, v) for k, v in policy.items() if not k.startswith('_'))

    def _dist(self, distribution_id):
        return self.distributions.get(distribution_id)

    def _check_policy(self, body, partial):
        if not isinstance(body, dict):
            raise Invalid({'body': ['A JSON object is required.']}, 'The API could not interpret your request correctly.')
        for name, value in body.items():
            if name not in POLICY_TYPES:
                raise Invalid({name: ['Extra inputs are not permitted.']})
            check_type(name, value, POLICY_TYPES[name])
        for name in ACL_DEFAULTS:
            if body.get(name) is not None and body[name] not in ACL_ACTIONS:
                raise Invalid({name: ['Input should be %s or null.' % ' or '.join(ACL_ACTIONS)]})
        if body.get('originPullId') and body['originPullId'] not in self.origins:
            raise Invalid({'originPullId': ['Origin %s does not exist.' % body['originPullId']]})
        if body.get('originPullGroupId') and body['originPullGroupId'] not in self.groups:
            raise Invalid({'originPullGroupId': ['Origin group %s does not exist.' % body['originPullGroupId']]})
        if not partial and 'description' not in body:
            raise Invalid({'description': ['Field required.']})

    # --- origins --------------------------------------------------------------------

    def list_origins(self, request):
        return self._page(request, 'origins', [self._envelope(o, SERVER_KEYS[:4]) for o in self.origins.values()])

    def create_origin(self, request):
        resource_type, values = self._parse_envelope(request.json(), ORIGIN_TYPES, lambda t: ORIGIN_KEYS[t])
        if not values.get('host'):
            raise Invalid({'host': ['Field required.']})
        return json_response(self._envelope(self._new_origin(resource_type, values), SERVER_KEYS[:4]), 201)

    def get_origin(self, request, origin_id):
        origin = self.origins.get(origin_id)
        if origin is None:
            return self.not_found(request)
        return json_response(self._envelope(origin, SERVER_KEYS[:4]))

    def resolve_origin(self, request, origin_id):
        """GET origins/{origin_id}/resolve ("Validate If Origin Can Be Resolved", Developer API listing).
        The listing shows no answer: the simulator answers 200 {"originId", "host", "resolvable": true,
        "addresses": [one deterministic IPv4 address]} for a host it treats as resolvable, and a 400
        {errorMessage} for one it does not: names under the reserved TLD .invalid (RFC 2606) and names
        listed in seed data "unresolvable" (a test hook). It changes nothing."""
        origin = self.origins.get(origin_id)
        if origin is None:
            return self.not_found(request)
        host = str(origin['values'].get('host') or '').lower().rstrip('.')
        if host.endswith('.invalid') or host == 'invalid' or host in self.unresolvable:
            return self.error(400, 'The origin host %s cannot be resolved.' % host)
        digest = zlib.crc32(host.encode())
        address = '%d.%d.%d.%d' % (11 + digest % 200, (digest >> 8) % 256, (digest >> 16) % 256, 1 + (digest >> 24) % 254)
        return json_response({'originId': origin_id, 'host': host, 'resolvable': True, 'addresses': [address]})

    def update_origin(self, request, origin_id):
        origin = self.origins.get(origin_id)
        if origin is None:
            return self.not_found(request)
        resource_type, values = self._parse_envelope(request.json(), ORIGIN_TYPES, lambda t: ORIGIN_KEYS[t])
        if resource_type != origin['resourceType']:
            raise Invalid({'resourceType': ["The type of an origin can't be changed."]})
        origin['values'].update(values)
        origin['values']['updated'] = self._stamp()
        return json_response(self._envelope(origin, SERVER_KEYS[:4]))

    def delete_origin(self, request, origin_id):
        if origin_id not in self.origins:
            return self.not_found(request)
        # project decision (module docstring): an origin in use is not deleted
        users = ['distribution %s' % p['_dist'] for p in self.policies.values() if p.get('originPullId') == origin_id]
        users += ['origin group %s' % group_id for group_id, members in self.members.items()
                  if any(m['values']['originId'] == origin_id for m in members)]
        if users:
            raise Invalid({'origin_id': ['The origin is used by %s.' % ', '.join(users)]})
        del self.origins[origin_id]
        return json_response(None, 204)

    # --- origin groups and members ---------------------------------------------------

    def list_groups(self, request):
        return self._page(request, 'originGroups', [self._envelope(g, SERVER_KEYS[:4]) for g in self.groups.values()])

    def create_group(self, request):
        _kind, values = self._parse_envelope(request.json(), ('ORIGIN_GROUP',), lambda t: GROUP_KEYS)
        ident = self._id('og-')
        full = dict((k, default) for k, (_kinds, default) in GROUP_KEYS.items())
        full.update(values)
        # Leaseweb CDN API v2 "Create Origin Group" sample: "updated" is null on a new group
        full.update(id=ident, customerId=CUSTOMER_ID, created=self._stamp(), updated=None)
        self.groups[ident] = {'resourceType': 'ORIGIN_GROUP', 'values': full}
        self.members[ident] = []
        return json_response(self._envelope(self.groups[ident], SERVER_KEYS[:4]), 201)

    def get_group(self, request, origin_group_id):
        group = self.groups.get(origin_group_id)
        if group is None:
            return self.not_found(request)
        return json_response(self._envelope(group, SERVER_KEYS[:4]))

    def update_group(self, request, origin_group_id):
        group = self.groups.get(origin_group_id)
        if group is None:
            return self.not_found(request)
        # "members are managed by another endpoint" (Leaseweb CDN API v2, updating an origin group):
        # only the group keys here
        _kind, values = self._parse_envelope(request.json(), ('ORIGIN_GROUP',), lambda t: GROUP_KEYS)
        group['values'].update(values)
        group['values']['updated'] = self._stamp()
        return json_response(self._envelope(group, SERVER_KEYS[:4]))

    def delete_group(self, request, origin_group_id):
        if origin_group_id not in self.groups:
            return self.not_found(request)
        users = ['distribution %s' % p['_dist'] for p in self.policies.values()
                 if p.get('originPullGroupId') == origin_group_id]
        if users:
            raise Invalid({'origin_group_id': ['The origin group is used by %s.' % ', '.join(users)]})
        del self.groups[origin_group_id]
        del self.members[origin_group_id]
        return json_response(None, 204)

    def _member_values(self, request, group_id, member_id=None):
        _kind, values = self._parse_envelope(request.json(), ('ORIGIN_GROUP_MEMBER',), lambda t: MEMBER_KEYS)
        if member_id is None and 'originId' not in values:
            raise Invalid({'originId': ['Field required.']})
        origin_id = values.get('originId')
        if origin_id is not None:
            if origin_id not in self.origins:
                raise Invalid({'originId': ['Origin %s does not exist.' % origin_id]})
            if any(m['values']['originId'] == origin_id and m['values']['id'] != member_id
                   for m in self.members[group_id]):
                raise Invalid({'originId': ['Origin %s is already a member of %s.' % (origin_id, group_id)]})
        return values

    def _member(self, group_id, member_id):
        return next((m for m in self.members.get(group_id, ()) if m['values']['id'] == member_id), None)

    def _render_member(self, member):
        member['values']['originHost'] = self.origins.get(member['values']['originId'], {}).get(
            'values', {}).get('host', member['values'].get('originHost'))
        return self._envelope(member, MEMBER_SERVER_KEYS)

    def list_members(self, request, origin_group_id):
        if origin_group_id not in self.groups:
            return self.not_found(request)
        return self._page(request, 'originGroupMembers', [self._render_member(m) for m in self.members[origin_group_id]])

    def add_member(self, request, origin_group_id):
        if origin_group_id not in self.groups:
            return self.not_found(request)
        values = self._member_values(request, origin_group_id)
        full = dict((k, default) for k, (_kinds, default) in MEMBER_KEYS.items())
        full.update(values)
        # Leaseweb CDN API v2 member samples: member ids carry the origin prefix "or-"
        full.update(id=self._id('or-'), originHost=None)
        member = {'resourceType': 'ORIGIN_GROUP_MEMBER', 'values': full}
        self.members[origin_group_id].append(member)
        return json_response(self._render_member(member), 201)

    def get_member(self, request, origin_group_id, member_id):
        member = self._member(origin_group_id, member_id)
        if member is None:
            return self.not_found(request)
        return json_response(self._render_member(member))

    def update_member(self, request, origin_group_id, member_id):
        member = self._member(origin_group_id, member_id)
        if member is None:
            return self.not_found(request)
        member['values'].update(self._member_values(request, origin_group_id, member_id))
        return json_response(self._render_member(member))

    def delete_member(self, request, origin_group_id, member_id):
        if self._member(origin_group_id, member_id) is None:
            return self.not_found(request)
        self.members[origin_group_id] = [m for m in self.members[origin_group_id] if m['values']['id'] != member_id]
        return json_response(None, 204)

    # --- certificates ------------------------------------------------------------------

    @staticmethod
    def _common_name(name):
        attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        return attrs[0].value if attrs else name.rfc4514_string()

    @staticmethod
    def _load_pems(field, text):
        try:
            certs = x509.load_pem_x509_certificates(text.encode('ascii'))
        except (ValueError, UnicodeEncodeError):
            raise Invalid({field: ['Input is not a valid PEM certificate.']})
        return certs

    @staticmethod
    def _issued_by(cert, issuer):
        try:
            cert.verify_directly_issued_by(issuer)
        except Exception:  # InvalidSignature, ValueError, TypeError
            return False
        return True

    def upload_certificate(self, request):
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid({'body': ['A JSON object is required.']}, 'The API could not interpret your request correctly.')
        allowed = ('description', 'certificate', 'privateKey', 'caBundle', 'validation')
        extra = [k for k in body if k not in allowed]
        if extra:
            raise Invalid(dict((k, ['Extra inputs are not permitted.']) for k in extra))
        # all three "required" in Leaseweb CDN API v2 "Upload certificate"
        for field in ('certificate', 'privateKey', 'caBundle'):
            if not isinstance(body.get(field), str):
                raise Invalid({field: ['Field required.']})
        if body.get('description') is not None:
            check_type('description', body['description'], (str,))
        validation = body.get('validation', True)
        check_type('validation', validation, (bool,))
        leaf = self._load_pems('certificate', body['certificate'])[0]
        bundle = self._load_pems('caBundle', body['caBundle']) if body['caBundle'].strip() else []
        if validation:
            try:
                key = serialization.load_pem_private_key(body['privateKey'].encode('ascii'), password=None)
            except (ValueError, TypeError, UnicodeEncodeError):
                raise Invalid({'privateKey': ['Input is not a valid unencrypted PEM private key.']})
            spki = serialization.PublicFormat.SubjectPublicKeyInfo
            if key.public_key().public_bytes(serialization.Encoding.DER, spki) != \
                    leaf.public_key().public_bytes(serialization.Encoding.DER, spki):
                raise Invalid({'privateKey': ['The private key does not match the certificate.']})
        chain = [leaf] + bundle
        trusted = all(self._issued_by(c, n) for c, n in zip(chain, chain[1:])) and self._issued_by(chain[-1], chain[-1])
        ident = self._id('ce-')
        stamp = self._stamp()
        cert = {'description': body.get('description'), 'certificate': HIDDEN, 'privateKey': HIDDEN,
                'caBundle': HIDDEN, 'validation': validation, 'id': ident,
                'commonName': self._common_name(leaf.subject), 'issuer': self._common_name(leaf.issuer),
                'valid': None, 'trusted': trusted, 'daysLeft': None,
                'validFrom': int(leaf.not_valid_before_utc.timestamp()),
                'validUntil': int(leaf.not_valid_after_utc.timestamp()),
                'created': stamp, 'updated': stamp}
        self.certificates[ident] = cert
        return json_response(self._render_certificate(cert), 201)

    def _render_certificate(self, cert):
        now = self.now
        rendered = dict(cert)
        rendered['valid'] = cert['validFrom'] <= now < cert['validUntil']
        rendered['daysLeft'] = max(0, int((cert['validUntil'] - now) // 86400))
        return rendered

    def list_certificates(self, request):
        return self._page(request, 'certificates', [self._render_certificate(c) for c in self.certificates.values()])

    def get_certificate(self, request, certificate_id):
        cert = self.certificates.get(certificate_id)
        if cert is None:
            return self.not_found(request)
        return json_response(self._render_certificate(cert))

    def delete_certificate(self, request, certificate_id):
        if certificate_id not in self.certificates:
            return self.not_found(request)
        # project decision: a certificate a distribution serves is not deleted
        users = [d for d, dist in self.distributions.items() if dist['values'].get('certificateId') == certificate_id]
        if users:
            raise Invalid({'certificate_id': ['The certificate is used by distribution %s.' % ', '.join(users)]})
        del self.certificates[certificate_id]
        return json_response(None, 204)

    # --- actions --------------------------------------------------------------------

    def list_actions(self, request):
        wanted = [f for f in (request.query.get('filters') or '').split(',') if f]
        for name in wanted:
            if name not in ACTION_TYPES:
                raise Invalid({'filters': ['Input should be %s.' % ', '.join(ACTION_TYPES)]})
        items = [self._render_action(a) for a in self.actions if not wanted or a['type'] in wanted]
        return self._page(request, 'actions', items)

    def get_action(self, request, action_id):
        action = next((a for a in self.actions if a['id'] == action_id), None)
        if action is None:
            return self.not_found(request)
        return json_response(self._render_action(action))

    # --- distributions -----------------------------------------------------------------

    def list_distributions(self, request):
        items = [self._envelope(d, SERVER_KEYS) for d in self.distributions.values()]
        return self._page(request, 'distributions', items)

    def create_distribution(self, request):
        resource_type, values = self._parse_envelope(request.json(), DIST_TYPES, lambda t: DIST_KEYS)
        dist = self._new_distribution(resource_type, values)
        self._record('CREATE_DIST', dist)
        return json_response(self._envelope(dist, SERVER_KEYS), 201)

    def get_distribution(self, request, distribution_id):
        dist = self._dist(distribution_id)
        if dist is None:
            return self.not_found(request)
        return json_response(self._envelope(dist, SERVER_KEYS))

    def update_distribution(self, request, distribution_id):
        dist = self._dist(distribution_id)
        if dist is None:
            return self.not_found(request)
        resource_type, values = self._parse_envelope(request.json(), DIST_TYPES, lambda t: DIST_KEYS)
        if resource_type != dist['resourceType']:
            raise Invalid({'resourceType': ["The type of a distribution can't be changed."]})
        dist['values'].update(values)
        dist['values']['updated'] = self._stamp()
        self._record('UPDATE_DIST', dist)
        return json_response(self._envelope(dist, SERVER_KEYS))

    def delete_distribution(self, request, distribution_id):
        dist = self._dist(distribution_id)
        if dist is None:
            return self.not_found(request)
        self._record('DELETE_DIST', dist)
        del self.distributions[distribution_id]
        del self.domains[distribution_id]
        for policy_id in [p['id'] for p in self.policies.values() if p['_dist'] == distribution_id]:
            del self.policies[policy_id]
            self.acls.pop(policy_id, None)
        return json_response(None, 204)

    # --- domains ------------------------------------------------------------------------

    def list_domains(self, request, distribution_id):
        if self._dist(distribution_id) is None:
            return self.not_found(request)
        return self._page(request, 'domains', list(self.domains[distribution_id]))

    def add_domain(self, request, distribution_id):
        dist = self._dist(distribution_id)
        if dist is None:
            return self.not_found(request)
        body = request.json()
        if not isinstance(body, dict) or not isinstance(body.get('domain'), str) or not body['domain']:
            raise Invalid({'domain': ['Field required.']})
        if set(body) != set(['domain']):
            raise Invalid(dict((k, ['Extra inputs are not permitted.']) for k in body if k != 'domain'))
        name = body['domain'].lower()
        for owner, names in self.domains.items():
            if any(d['domain'] == name for d in names):
                raise Invalid({'domain': ['Domain %s is already used by distribution %s.' % (name, owner)]})
        return json_response(self._new_domain(dist, name), 201)

    def get_domain(self, request, distribution_id, domain_id):
        domain = next((d for d in self.domains.get(distribution_id, ()) if d['id'] == domain_id), None)
        if domain is None:
            return self.not_found(request)
        return json_response(domain)

    def delete_domain(self, request, distribution_id, domain_id):
        names = self.domains.get(distribution_id)
        if names is None or not any(d['id'] == domain_id for d in names):
            return self.not_found(request)
        self.domains[distribution_id] = [d for d in names if d['id'] != domain_id]
        return json_response(None, 204)

    # --- policies -----------------------------------------------------------------------

    def _dist_policies(self, distribution_id):
        return [p for p in self.policies.values() if p['_dist'] == distribution_id]

    def list_policies(self, request, distribution_id):
        if self._dist(distribution_id) is None:
            return self.not_found(request)
        return self._page(request, 'policies', [self._render_policy(p) for p in self._dist_policies(distribution_id)])

    def create_policy(self, request, distribution_id):
        dist = self._dist(distribution_id)
        if dist is None:
            return self.not_found(request)
        body = request.json()
        self._check_policy(body, partial=False)
        if self._dist_policies(distribution_id):
            raise Invalid({'distribution_id': ['Only one policy can be added for volume distributions.']})
        return json_response(self._render_policy(self._new_policy(dist, body)), 201)

    def _policy(self, distribution_id, policy_id):
        policy = self.policies.get(policy_id)
        return policy if policy is not None and policy['_dist'] == distribution_id else None

    def get_policy(self, request, distribution_id, policy_id):
        policy = self._policy(distribution_id, policy_id)
        if policy is None:
            return self.not_found(request)
        return json_response(self._render_policy(policy))

    def update_policy(self, request, distribution_id, policy_id):
        policy = self._policy(distribution_id, policy_id)
        if policy is None:
            return self.not_found(request)
        body = request.json()
        self._check_policy(body, partial=True)
        policy.update(body)
        policy['updated'] = self._stamp()
        return json_response(self._render_policy(policy))

    def delete_policy(self, request, distribution_id, policy_id):
        if self._policy(distribution_id, policy_id) is None:
            return self.not_found(request)
        del self.policies[policy_id]
        self.acls.pop(policy_id, None)
        return json_response(None, 204)

    # --- ACLs -----------------------------------------------------------------------------

    def list_acls(self, request, distribution_id, policy_id):
        if self._policy(distribution_id, policy_id) is None:
            return self.not_found(request)
        return self._page(request, 'acls', [dict(a) for a in self.acls.get(policy_id, [])])

    def create_acl(self, request, distribution_id, policy_id):
        if self._policy(distribution_id, policy_id) is None:
            return self.not_found(request)
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid({'body': ['A JSON object is required.']}, 'The API could not interpret your request correctly.')
        extra = [k for k in body if k not in ('action', 'value', 'type')]
        if extra:
            raise Invalid(dict((k, ['Extra inputs are not permitted.']) for k in extra))
        kind = body.get('type')
        action = body.get('action', 'REJECT')
        value = body.get('value')
        if kind not in ACL_TYPES:
            raise Invalid({'type': ['Input should be %s.' % ' or '.join(ACL_TYPES)]})
        if action not in ACL_ACTIONS:
            raise Invalid({'action': ['Input should be %s.' % ' or '.join(ACL_ACTIONS)]})
        if not isinstance(value, str) or not value:
            raise Invalid({'value': ['Field required.']})
        self._check_acl_value(kind, value)
        acls = self.acls.setdefault(policy_id, [])
        if any(a['type'] == kind and a['value'].lower() == value.lower() for a in acls):
            raise Invalid({'value': ['An ACL of type %s for %s already exists.' % (kind, value)]})
        number = self.acl_counters.get((policy_id, kind), 0)
        self.acl_counters[(policy_id, kind)] = number + 1
        stamp = self._stamp()
        acl = {'action': action, 'value': value, 'type': kind, 'id': '%s%d' % (ACL_TYPES[kind], number),
               'policyId': policy_id, 'created': stamp, 'updated': stamp}
        acls.append(acl)
        return json_response(dict(acl), 201)

    @staticmethod
    def _check_acl_value(kind, value):
        if kind == 'IP_ACL':
            try:
                ipaddress.ip_network(value)
            except ValueError:
                raise Invalid({'value': ['%s is not an IP address or network (host bits must be zero).' % value]})
        elif kind == 'GEO_ACL' and not re.match(r'^[A-Z]{2}$', value):
            raise Invalid({'value': ['%s is not an ISO 3166 alpha-2 country code.' % value]})
        elif kind == 'REFERRER_ACL' and not REFERRER_RE.match(value):
            raise Invalid({'value': ['%s is not a host name (optionally starting with *.).' % value]})

    def get_acl(self, request, distribution_id, policy_id, acl_id):
        if self._policy(distribution_id, policy_id) is None:
            return self.not_found(request)
        acl = next((a for a in self.acls.get(policy_id, []) if a['id'] == acl_id), None)
        if acl is None:
            return self.not_found(request)
        return json_response(dict(acl))

    def delete_acl(self, request, distribution_id, policy_id, acl_id):
        if self._policy(distribution_id, policy_id) is None:
            return self.not_found(request)
        acls = self.acls.get(policy_id, [])
        if not any(a['id'] == acl_id for a in acls):
            return self.not_found(request)
        self.acls[policy_id] = [a for a in acls if a['id'] != acl_id]
        return json_response(None, 204)

    # --- policy templates -------------------------------------------------------------------

    def list_policy_templates(self, request):
        """GET policyTemplates ("Get All Templates", Developer API listing). The listing shows no answer
        shape: the simulator pages POLICY_TEMPLATES like the other "Get All ..." listings
        ({"policyTemplates": [...], "_metadata"}), each template {id, name, description} (its choice)."""
        return self._page(request, 'policyTemplates', [dict(t) for t in POLICY_TEMPLATES])

    # --- debug ----------------------------------------------------------------------------

    def classify(self, request):
        # POST debug fetches the URL through each CDN provider: it changes nothing
        if request.method == 'POST' and request.path.rstrip('/') == 'debug':
            request.mutating = False

    def debug(self, request):
        body = request.json()
        if not isinstance(body, dict):
            raise Invalid({'body': ['A JSON object is required.']}, 'The API could not interpret your request correctly.')
        extra = [k for k in body if k != 'url']
        if extra:
            raise Invalid(dict((k, ['Extra inputs are not permitted.']) for k in extra))
        url = body.get('url')
        if not isinstance(url, str) or not 1 <= len(url) <= MAX_URL:
            raise Invalid({'url': ['String should have between 1 and %d characters.' % MAX_URL]})
        parts = urlsplit(url)
        if parts.scheme not in ('http', 'https') or not parts.hostname:
            raise Invalid({'url': ['Input should be a valid URL.']})
        host = parts.hostname.lower()
        dist = self._serving(host)
        responses = [self._debug_response(provider, host, parts, dist) for provider in DEBUG_PROVIDERS]
        return json_response({'success': all(r['success'] for r in responses), 'providerResponses': responses})

    def _debug_response(self, provider, host, parts, dist):
        if dist is None:
            return {'providerType': provider, 'success': False, 'ip': None, 'statusCode': None,
                    'message': 'No distribution serves %s.' % host, 'headers': []}
        digest = zlib.crc32(('%s|%s' % (provider, host)).encode())
        ip = '%d.%d.%d.%d' % (11 + digest % 200, (digest >> 8) % 256, (digest >> 16) % 256, 1 + (digest >> 24) % 254)
        policy = next(iter(self._dist_policies(dist['values']['id'])), {})
        headers = [('connection', 'keep-alive')]
        if not dist['values'].get('enabled', True):
            status = 403
            headers.append(('content-length', '0'))
        elif parts.scheme == 'http' and policy.get('deliveryForceHttps'):
            status = 301
            headers += [('content-length', '0'), ('location', 'https://%s%s' % (host, parts.path or '/'))]
        else:
            status = 200
            headers += [('content-length', str(1000 + digest % 9000)),
                        ('x-cache', 'HIT' if (digest + len(parts.path)) % 3 else 'MISS'),
                        ('cache-control', 'max-age=%d' % (policy.get('cacheDefaultTtl') or 86400))]
        headers += [('date', formatdate(self.now, usegmt=True)), ('server', provider)]
        return {'providerType': provider, 'success': True, 'ip': ip, 'statusCode': status, 'message': None,
                'headers': [{'name': k, 'value': v} for k, v in headers]}

    # --- statistics -------------------------------------------------------------------------

    def statistics(self, request):
        return self._statistics(request, reseller=False, total=False)

    def statistics_total(self, request):
        return self._statistics(request, reseller=False, total=True)

    def reseller_statistics(self, request):
        return self._statistics(request, reseller=True, total=False)

    def reseller_statistics_total(self, request):
        return self._statistics(request, reseller=True, total=True)

    def _statistics(self, request, reseller, total):
        if reseller and not self.reseller:
            return self.error(403, 'This endpoint is for reseller customers only.')
        query = request.query
        start, end = self._stat_time(query, 'fromDt'), self._stat_time(query, 'toDt')
        if end <= start:
            raise Invalid({'toDt': ['toDt must be after fromDt.']})
        if end - start > MAX_STAT_SECONDS:
            raise Invalid({'toDt': ['The period is longer than 400 days.']})
        metric = query.get('metric')
        if metric not in STAT_METRICS:
            raise Invalid({'metric': ['Input should be %s.' % ', '.join(STAT_METRICS)]})
        group_by = query.get('groupBy') or None
        if group_by is not None and group_by not in STAT_GROUPS:
            raise Invalid({'groupBy': ['Input should be %s.' % ', '.join(STAT_GROUPS)]})
        granularity = query.get('granularity') or '5MIN'
        if not total and granularity not in GRANULARITY:
            raise Invalid({'granularity': ['Input should be %s.' % ', '.join(GRANULARITY)]})
        owners = {CUSTOMER_ID: tuple(sorted(self.distributions))}
        if reseller:
            owners.update(RESOLD)
        dist_filter = query.get('distributionId') or None
        if dist_filter is not None:
            owners = dict((c, tuple(d for d in dists if d == dist_filter)) for c, dists in owners.items())
            if not any(owners.values()):
                return self.not_found(request)
        groups = self._stat_groups(owners, group_by, start, end)
        step = GRANULARITY['5MIN' if total else granularity]
        series = {}
        for name, samples in sorted(groups.items()):
            if total:
                series[name] = [{'total': stat_value(metric, [s for _at, s in samples])}]
                continue
            buckets = {}
            for at, sample in samples:
                label = at - (at + (WEEK_OFFSET if step == GRANULARITY['WEEK'] else 0)) % step
                buckets.setdefault(label, []).append(sample)
            series[name] = [{self._stamp(label, zulu=True): stat_value(metric, buckets[label])}
                            for label in sorted(buckets)]
        answer = {'fromTs': query['fromDt'], 'toTs': query['toDt'], 'service': 'cdn',
                  'granularity': '5MIN' if total else granularity, 'groupBy': group_by, 'distributionId': dist_filter}
        if total:
            answer['series'] = [{name: points} for name, points in series.items()]
        else:
            answer['series'] = [series] if series else []
        return json_response(answer)

    @staticmethod
    def _stat_time(query, name):
        text = query.get(name)
        if not text:
            raise Invalid({name: ['Field required.']})
        if not STAMP_RE.match(text):
            raise Invalid({name: ['%s must use the format YYYY-MM-ddTHH:mm:ss.' % name]})
        try:
            return int(calendar.timegm(time.strptime(text, '%Y-%m-%dT%H:%M:%S')))
        except ValueError:
            raise Invalid({name: ['%s is not a valid date and time.' % text]})

    @staticmethod
    def _stat_groups(owners, group_by, start, end):
        """{group name: [(sample time, summed sample)]} over every 5-minute sample in [start, end]."""
        first = start + (-start) % 300
        times = range(first, end + 1, 300)
        cells = [(c, d, p, r) for c, dists in sorted(owners.items()) for d in dists
                 for p in STAT_PROVIDERS for r in STAT_REGIONS]
        index = {None: None, 'CUSTOMER': 0, 'DISTRIBUTION': 1, 'PROVIDER': 2, 'REGION': 3}[group_by]
        names = sorted(set('all' if index is None else cell[index] for cell in cells)) or (['all'] if index is None else [])
        groups = dict((name, []) for name in names)
        for at in times:
            sums = dict((name, [0] * 6) for name in names)
            for cell in cells:
                sample = traffic_sample(cell[1], cell[2], cell[3], at)
                row = sums['all' if index is None else cell[index]]
                for position, value in enumerate(sample):
                    row[position] += value
            for name in names:
                groups[name].append((at, sums[name]))
        return groups


def traffic_sample(dist_id, provider, region, at):
    """[bytes, requests, 2xx, 4xx, 5xx, cache hits] of one 5-minute sample: deterministic, from a CRC."""
    digest = zlib.crc32(('%s|%s|%s|%d' % (dist_id, provider, region, at)).encode())
    requests = 1 + digest % 5000
    status_4xx = requests * ((digest >> 13) % 5) // 100
    status_5xx = requests * ((digest >> 17) % 2) // 100
    hits = requests * (60 + (digest >> 19) % 40) // 100
    return [requests * (2000 + (digest >> 7) % 60000), requests, requests - status_4xx - status_5xx,
            status_4xx, status_5xx, hits]


def stat_value(metric, samples):
    """One number of ``metric`` over summed samples (see the module docstring)."""
    if metric == 'DATATRANSFER':
        return float(sum(s[0] for s in samples))
    if metric == 'REQUESTS':
        return float(sum(s[1] for s in samples))
    bits = sorted(s[0] * 8 / 300.0 for s in samples)
    if metric == 'BANDWIDTH':
        return sum(bits) / len(bits) if bits else 0.0
    if metric == '95TH':
        # nearest rank: the smallest value with at least 95 % of the samples at or below it
        return bits[max(0, -(-95 * len(bits) // 100) - 1)] if bits else 0.0
    requests = sum(s[1] for s in samples)
    if not requests:
        return 0.0
    if metric == 'CACHEHIT':
        return sum(s[5] for s in samples) / float(requests)
    position = {'STATUS_2XX': 2, 'STATUS_4XX': 3, 'STATUS_5XX': 4}[metric]
    return 100.0 * sum(s[position] for s in samples) / requests


APP = LeasewebApp
