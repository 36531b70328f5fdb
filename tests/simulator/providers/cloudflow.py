"""CloudFlow = the OnApp CDN API, from CloudFlow's "API Guide" (OnApp's API Guide: authentication,
HTTP methods, response codes; "the API Guide" below) and the OnApp CDN API documentation
(https://docs.onapp.com, CDN resources; "the OnApp docs" below), with facts from the OnApp PHP
wrapper (https://github.com/virtuozzo/OnApp-PHP-Wrapper-External; "the PHP wrapper" below).
Where all of them are silent, the project's decisions are in docs/providers/cloudflow.md
("Decisions where the API document is silent").

Behaviour notes:
- Auth: HTTP Basic with e-mail:api_key; 401 {"error": ...} otherwise.
- Paths end in .json; bodies are wrapped in the root key ({"cdn_resource": {...}}); lists
  are arrays of wrapped objects; purge/prefetch bodies are not wrapped.
- POST answers 201 with the wrapped object; PUT and DELETE answer 204 (API Guide, "HTTP response codes").
- API Guide quirk kept ("HTTP Methods" note): updated_at changes on a PUT even when the PUT fails.
- 422 {"errors": [full messages]} for most input errors (the recorded OnApp shape) and
  {"errors": {field: [msg]}} for field-level type and choice errors (both shapes occur).
- 404 {"errors": ["Resource not found"]}.
- A new resource is PENDING and becomes ACTIVE ACTIVE_DELAY simulated seconds later
  (OnApp documents Preparing/Active/Suspended; the sample value is ACTIVE).
- Booleans are accepted as true/false, 1/0 or "1"/"0" and answered as JSON booleans.
- origin (writes) is one string, origins separated by commas or whitespace (or a JSON
  list); origins (reads) is [{key: origin_N, value}] (the OnApp docs' CDN resource fields). The separator is
  not documented: the comma is the project's choice, the simulator is liberal.

SSL certificates (the OnApp docs' "CDN SSL Certificates API", the PHP wrapper's CDNSSL.php):
- cdn_ssl_certificates.json (+ /:id.json), root cdn_ssl_certificate; the API answers id,
  name, user_id, created_at, updated_at, cdn_reference: never the PEMs.
- The upload field names are NOT documented (neither the OnApp docs nor the PHP wrapper
  name them): CERT_FIELDS are the project's decision, the same as the adapter's
  CERTIFICATE_UPLOAD_FIELDS; unknown fields are ignored (Rails strong parameters), so a
  wrong name shows as "... can't be blank".
- A resource links to one certificate (cdn_ssl_certificate_id, which must name one of
  the account's certificates: "the certificate and resource must have the same owner");
  one certificate serves many resources.
- Deleting a certificate that resources still use is refused with 422 here. OnApp's
  behaviour is not documented; refusing is the strict choice that makes a client which
  deletes before rebinding fail visibly.

Purge rate (the OnApp CDN administration guide, "Purge Content",
https://docs.onapp.com/cdn/latest/administration-guide/cdn-resources/purge-content):
"a limit of 40 purge requests per 5-minute interval for each user account". purge.json
and purge_all.json count, per user, over a sliding PURGE_WINDOW; prefetch does not (seed data
purge_limit / purge_window set a smaller limit; on the simulator clock, so sim.speed runs it fast). Over
the limit: 429 {"errors": [...]}, marked throttled in the log, and not applied. OnApp documents no status or body for
it: 429 is the HTTP status for rate limiting (RFC 6585); Retry-After (seconds until a
slot frees) is sent unless seed data says "purge_retry_after": false.

Storage = HTTP_PUSH CDN resources (the OnApp docs' "Add HTTP CDN Resource" and "Add/Edit HTTP
Pull/Push CDN Resource with Advanced Settings": HTTP_PUSH takes ftp_password in place of origin,
and the advanced form adds storage_server_location):
- ftp_password is required to create a push resource and is never answered (it is only listed
  among the writable fields); a PUT may set a new one. storage_server_location must be one of
  STORAGE_LOCATIONS (values not published: the project's list, as in the adapter); it defaults
  to the first. A push resource has no origin.
- instructions.json (root cdn_resource + instructions, the PHP wrapper's
  CDNResource/Instructions.php) answers an undocumented shape; here a dict with the FTP
  host and user for push resources and the CNAME to set for pull resources, plus a text.

Statistics (the OnApp docs' "View CDN Resource Bandwidth Statistics" and "CDN Usage Statistics API";
the PHP wrapper's CDNResource/Bandwidth.php):
- GET cdn_resources/bandwidth.json with the body {"bandwidth": {start, end, type GB|MBPS,
  resources [cdn_reference], group_by location|resource}} (the PHP wrapper sends the same keys as
  URL arguments: accepted too). start/end as "2014-11-25T18:25". MBPS only for the last 10 days
  (422 otherwise). Answer [{"stat": {date, cached, non_cached}}] (root stat), hourly for periods
  up to 3 days, daily beyond; with group_by the points also carry location_id or
  cdn_resource_id (undocumented: the project's choice). Seed data "bandwidth_removed": true answers
  404 like OnApp 5.6, which removed the endpoint.
- GET cdn_usage_statistics.json with {"period": {startdate, enddate}} as "YYYY-MM-DD+hh:mm:ss"
  answers [{"cdn_stat": {user_id, edge_group_id, cached, non_cached, location_id}}].
- Values are deterministic functions of the period, the resource ids and the edge groups.

HTTP caching rules (the PHP wrapper's CDNResource/HTTPCachingRules.php): /cdn_resources/:id/
http_caching_rules(/:rule_id).json, root rule {name, conditions, actions}; names unique per
resource (422 otherwise, the project's choice).

Older control panels: seed data "removed_endpoints" (names of OPTIONAL_ENDPOINTS: instructions,
http_caching_rules, edge_ips) makes those paths unknown, answered 404 {"errors": ["Resource not
found"]} like any unknown path (edge_ips.json is documented from OnApp 6.0 on only).

The user profile (the PHP wrapper's Profile.php: route /profile, users#profile, root user): GET
profile.json answers {"user": {...}} for the user of the Basic credentials, with the fields
Profile.php lists for OnApp 2.x to 4.x (id, login, first_name, last_name, email, time_zone,
locale, status, billing and usage fields, created_at ...). No user object sample is published:
the values are the simulator's; seed data "profiles" {e-mail: {field: value}} overrides them.
"""

import base64
import datetime
import hashlib
import math
import re
import time

from ..core import ProviderApp, json_response

ACTIVE_DELAY = 20.0
MAX_ORIGINS = 3
MAX_PURGE_PATHS = 1300
PURGE_LIMIT = 40
PURGE_WINDOW = 300.0
PURGE_LIMIT_MESSAGE = 'You can send up to %d purge requests per 5 minutes' % PURGE_LIMIT
# Upload field names: a project decision (the OnApp documentation does not name them), as in the adapter.
CERT_FIELDS = ('name', 'cert', 'key')
CERT_KEYS = ('id', 'name', 'user_id', 'created_at', 'updated_at', 'cdn_reference')
PEM_CERT_RE = re.compile(r'-----BEGIN CERTIFICATE-----(.+?)-----END CERTIFICATE-----', re.S)
PEM_KEY_RE = re.compile(r'-----BEGIN (RSA |EC )?PRIVATE KEY-----.+?-----END (RSA |EC )?PRIVATE KEY-----', re.S)
USERS = {'admin@example.com': 'sim-token'}
EDGE_GROUPS = [
    {'id': 1, 'label': 'Europe'},
    {'id': 2, 'label': 'North America'},
]
POLICIES = ('NONE', 'ALLOW_BY_DEFAULT', 'BLOCK_BY_DEFAULT')
STORAGE_LOCATIONS = ('europe', 'north-america', 'asia')
# Locations of each edge group (usage statistics carry location_id).
EDGE_GROUP_LOCATIONS = {1: [11, 12], 2: [21]}
EDGE_IPS = ['192.0.2.10', '192.0.2.11', '198.51.100.20']
BANDWIDTH_TIME = '%Y-%m-%dT%H:%M'
USAGE_TIME = '%Y-%m-%d+%H:%M:%S'
MBPS_DAYS = 10
HOST_RE = re.compile(r'^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')
ORIGIN_RE = re.compile(r'^(https?://)?[a-z0-9.-]+(:\d{1,5})?$')

BASIC_KEYS = ('id', 'user_id', 'cdn_hostname', 'cname', 'resource_type', 'status', 'created_at', 'updated_at',
              'ssl_on', 'cdn_ssl_certificate_id', 'secondary_hostnames', 'cdn_reference', 'last_24h_cost')
ADVANCED_DEFAULTS = {
    'origin_policy': 'HTTP',
    'ip_access_policy': 'NONE',
    'ip_addresses': '',
    'country_access_policy': 'NONE',
    'countries': [],
    'hotlink_policy': 'NONE',
    'domains': '',
    'url_signing_on': False,
    'url_signing_key': '',
    'cache_expiry': 10080,
    'password_on': False,
    'password_unauthorized_html': '',
    'passwords': {},
    'flv_pseudo_on': False,
    'mp4_pseudo_on': False,
    'ignore_set_cookie_on': False,
    'http_bot_blocked': False,
    'cors_on': False,
    'limit_rate': None,
    'limit_rate_after': None,
    'proxy_cache_key': '$host$request_uri',
    'proxy_read_time_out': 60,
    'proxy_connect_time_out': 10,
}
BOOL_KEYS = ('ssl_on', 'url_signing_on', 'password_on', 'flv_pseudo_on', 'mp4_pseudo_on', 'ignore_set_cookie_on',
             'http_bot_blocked', 'cors_on')
INT_KEYS = ('cache_expiry', 'limit_rate', 'limit_rate_after', 'proxy_read_time_out', 'proxy_connect_time_out')
STR_KEYS = ('ip_addresses', 'domains', 'url_signing_key', 'password_unauthorized_html', 'proxy_cache_key')
CHOICE_KEYS = {
    'ip_access_policy': POLICIES,
    'country_access_policy': POLICIES,
    'hotlink_policy': POLICIES,
    'origin_policy': ('HTTP', 'HTTPS', 'AUTO'),
    'resource_type': ('HTTP_PULL', 'HTTP_PUSH'),
    'storage_server_location': STORAGE_LOCATIONS,
}


def _iso(ts):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


def _bool(value):
    """True/False, or None when the value is not a boolean OnApp accepts."""
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ('1', 'true'):
        return True
    if text in ('0', 'false', ''):
        return False
    return None


def resource_is_push(resource):
    return resource.get('resource_type') == 'HTTP_PUSH'


def _parse_time(value, fmt):
    try:
        return datetime.datetime.strptime(str(value), fmt).replace(tzinfo=datetime.timezone.utc).timestamp()
    except (TypeError, ValueError):
        return None


# Endpoints an older control panel may lack (seed "removed_endpoints"), by the paths they answer.
OPTIONAL_ENDPOINTS = {
    'instructions': re.compile(r'^cdn_resources/\d+/instructions\.json$'),
    'http_caching_rules': re.compile(r'^cdn_resources/\d+/http_caching_rules(/\d+)?\.json$'),
    'edge_ips': re.compile(r'^cdn_resources/edge_ips\.json$'),
}


def _fmt_time(ts):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime(ts))


def _origins(value):
    if isinstance(value, list):
        items = value
    else:
        items = re.split(r'[,\s]+', str(value or '').strip())
    return [str(i).strip() for i in items if str(i).strip()]


class CloudflowApp(ProviderApp):
    name = 'cloudflow'
    prefix = '/cloudflow/'
    routes = (
        ('GET', r'cdn_resources\.json', 'list_resources'),
        ('POST', r'cdn_resources\.json', 'create_resource'),
        ('GET', r'cdn_resources/available_edge_groups\.json', 'list_edge_groups'),
        ('GET', r'cdn_resources/edge_ips\.json', 'list_edge_ips'),
        ('GET', r'cdn_resources/bandwidth\.json', 'bandwidth'),
        ('GET', r'cdn_usage_statistics\.json', 'usage_statistics'),
        ('GET', r'cdn_resources/(?P<rid>\d+)/instructions\.json', 'get_instructions'),
        ('GET', r'cdn_resources/(?P<rid>\d+)/http_caching_rules\.json', 'list_caching_rules'),
        ('POST', r'cdn_resources/(?P<rid>\d+)/http_caching_rules\.json', 'create_caching_rule'),
        ('GET', r'cdn_resources/(?P<rid>\d+)/http_caching_rules/(?P<rule>\d+)\.json', 'get_caching_rule'),
        ('PUT', r'cdn_resources/(?P<rid>\d+)/http_caching_rules/(?P<rule>\d+)\.json', 'update_caching_rule'),
        ('DELETE', r'cdn_resources/(?P<rid>\d+)/http_caching_rules/(?P<rule>\d+)\.json', 'delete_caching_rule'),
        ('GET', r'cdn_resources/(?P<rid>\d+)\.json', 'get_resource'),
        ('PUT', r'cdn_resources/(?P<rid>\d+)\.json', 'update_resource'),
        ('DELETE', r'cdn_resources/(?P<rid>\d+)\.json', 'delete_resource'),
        ('GET', r'cdn_resources/(?P<rid>\d+)/advanced\.json', 'get_advanced'),
        ('POST', r'cdn_resources/(?P<rid>\d+)/purge\.json', 'purge'),
        ('POST', r'cdn_resources/(?P<rid>\d+)/purge_all\.json', 'purge_all'),
        ('POST', r'cdn_resources/(?P<rid>\d+)/prefetch\.json', 'prefetch'),
        ('GET', r'cdn_ssl_certificates\.json', 'list_certificates'),
        ('POST', r'cdn_ssl_certificates\.json', 'create_certificate'),
        ('GET', r'cdn_ssl_certificates/(?P<cid>\d+)\.json', 'get_certificate'),
        ('DELETE', r'cdn_ssl_certificates/(?P<cid>\d+)\.json', 'delete_certificate'),
        ('GET', r'profile\.json', 'get_profile'),
    )

    def reset(self):
        self.users = dict(USERS)
        self.profiles = {}
        self.resources = {}
        self.jobs = []
        self.next_id = 1
        self.certificates = {}
        self.next_certificate = 1
        self.purge_retry_after = True
        self.purge_limit = PURGE_LIMIT
        self.purge_window = PURGE_WINDOW
        self.bandwidth_removed = False
        self.removed_endpoints = set()
        self.next_rule = 1

    def seed(self, data):
        """Seed data: users; cdn_ssl_certificates [{name, cert?, key?}] (ids 1, 2, ... after a
        reset, seeded before the resources, which may link them); cdn_resources; purge_history
        {user: [seconds ago, ...]} (purge requests already made); purge_retry_after (bool); purge_limit and
        purge_window (seconds): a smaller purge limit than the documented 40 per 300 for short tests."""
        self.users.update(data.get('users') or {})
        for email, fields in (data.get('profiles') or {}).items():
            self.profiles.setdefault(email, {}).update(fields)
        for spec in data.get('cdn_ssl_certificates', []):
            self._new_certificate(spec)
        for user, ages in (data.get('purge_history') or {}).items():
            for age in ages:
                self.jobs.append(dict(cdn_resource_id=None, kind='purge', paths=[], time=self.now - float(age),
                                      user=user))
        if 'purge_retry_after' in data:
            self.purge_retry_after = bool(data['purge_retry_after'])
        if data.get('purge_limit') is not None:
            self.purge_limit = int(data['purge_limit'])
        if data.get('purge_window') is not None:
            self.purge_window = float(data['purge_window'])
        if 'bandwidth_removed' in data:
            self.bandwidth_removed = bool(data['bandwidth_removed'])
        for name in data.get('removed_endpoints') or ():
            if name not in OPTIONAL_ENDPOINTS:
                raise ValueError('removed_endpoints: %r is none of %s' % (name, ', '.join(sorted(OPTIONAL_ENDPOINTS))))
            self.removed_endpoints.add(name)
        created = []
        for spec in data.get('cdn_resources', []):
            spec = dict(spec)
            pending = spec.pop('pending', False)
            rules = spec.pop('http_caching_rules', [])
            spec.setdefault('resource_type', 'HTTP_PULL')
            spec.setdefault('edge_group_ids', [g['id'] for g in EDGE_GROUPS])
            errors = self._validate(spec, creating=True)
            if errors:
                raise ValueError('bad seed %r: %r' % (spec, errors))
            resource = self._new(spec)
            for rule in rules:
                self._new_rule(resource, rule)
            if not pending:
                resource['active_at'] = 0
            created.append(resource['id'])
        return created

    def dump(self):
        return {'cdn_resources': [self._dump_resource(r) for r in self.resources.values()],
                'jobs': list(self.jobs),
                'cdn_ssl_certificates': [self._dump_certificate(c) for c in self.certificates.values()]}

    # OnApp-style answers
    def authenticate(self, request):
        header = request.headers.get('Authorization') or ''
        scheme, _sep, encoded = header.partition(' ')
        user = key = None
        if scheme.lower() == 'basic':
            try:
                user, _sep, key = base64.b64decode(encoded.strip()).decode('utf-8').partition(':')
            except (ValueError, UnicodeDecodeError):
                user = None
        if user is None or self.users.get(user) != key:
            return json_response({'error': 'Invalid email or password.'}, 401,
                                 headers={'WWW-Authenticate': 'Basic realm="Application"'})
        request.user = user
        return None

    def not_found(self, request):
        return json_response({'errors': ['Resource not found']}, 404)

    def handle(self, request):
        # A control panel without an endpoint knows no such path (checked after the credentials, as any path is).
        if any(OPTIONAL_ENDPOINTS[name].match(request.path) for name in self.removed_endpoints):
            return self.authenticate(request) or self.not_found(request)
        return super(CloudflowApp, self).handle(request)

    def method_not_allowed(self, request):
        return json_response({'error': 'Method %s not allowed' % request.method}, 405)

    @staticmethod
    def unprocessable(errors):
        return json_response({'errors': errors}, 422)

    # state
    def _new(self, spec):
        rid = self.next_id
        self.next_id += 1
        now = self.now
        resource = dict(ADVANCED_DEFAULTS)
        resource.update(id=rid, user_id=1, cdn_reference=990113320 + rid, last_24h_cost=0.0,
                        created_at=_iso(now), updated_at=_iso(now), active_at=now + ACTIVE_DELAY,
                        ssl_on=False, cdn_ssl_certificate_id=None, secondary_hostnames=[], origins=[])
        resource['cname'] = '%d.r.worldcdn.net' % resource['cdn_reference']
        resource['caching_rules'] = []
        if resource_is_push(spec):
            resource['storage_server_location'] = STORAGE_LOCATIONS[0]
        self._apply(resource, spec)
        self.resources[rid] = resource
        return resource

    def _apply(self, resource, data):
        for key, value in data.items():
            if key == 'origin':
                resource['origins'] = _origins(value)
            elif key == 'secondary_hostnames':
                resource[key] = [h for h in value if h]
            elif key == 'edge_group_ids':
                resource[key] = [int(g) for g in value]
            elif key in BOOL_KEYS:
                resource[key] = _bool(value)
            elif key in INT_KEYS:
                resource[key] = int(value) if value not in (None, '') else None
            elif key == 'countries':
                resource[key] = [str(c).upper() for c in value if c]
            elif key == 'ftp_password':
                # Write-only: kept for the tests' state dump, never answered.
                resource['ftp_password'] = str(value)
            elif key in ('cdn_hostname', 'resource_type', 'cdn_ssl_certificate_id') or key in CHOICE_KEYS \
                    or key in STR_KEYS or key == 'passwords':
                resource[key] = value

    def _validate(self, data, creating, rid=None):
        """Rails-like validation: (full messages, field hash); empty when valid."""
        messages, fields = [], {}
        hostname = data.get('cdn_hostname')
        if creating or 'cdn_hostname' in data:
            if not hostname:
                messages.append("Cdn hostname can't be blank")
            elif not HOST_RE.match(str(hostname)):
                messages.append('Cdn hostname is invalid')
            elif any(r['cdn_hostname'] == hostname and r['id'] != rid for r in self.resources.values()):
                messages.append('Cdn hostname has already been taken')
        if creating and data.get('resource_type') not in CHOICE_KEYS['resource_type']:
            messages.append('Resource type is not included in the list')
        push = data.get('resource_type') == 'HTTP_PUSH'
        if push and creating and not str(data.get('ftp_password') or '').strip():
            # HTTP_PUSH takes ftp_password in place of origin (OnApp docs, "Add HTTP CDN Resource")
            messages.append("Ftp password can't be blank")
        if push and 'ftp_password' in data and not creating and not str(data.get('ftp_password') or '').strip():
            messages.append("Ftp password can't be blank")
        if push and data.get('origin'):
            messages.append('Origin is not allowed for HTTP_PUSH resources')
        if not push and 'ftp_password' in data:
            messages.append('Ftp password is only for HTTP_PUSH resources')
        if creating or 'origin' in data:
            origins = _origins(data.get('origin'))
            pull = data.get('resource_type', 'HTTP_PULL') == 'HTTP_PULL'
            if pull and not origins:
                messages.append("Origin can't be blank")
            if len(origins) > MAX_ORIGINS:
                messages.append('Origins you can specify up to %d origins' % MAX_ORIGINS)
            if any(not ORIGIN_RE.match(o.lower()) for o in origins):
                messages.append('Origin is invalid')
        if creating or 'edge_group_ids' in data:
            groups = data.get('edge_group_ids')
            known = set(g['id'] for g in EDGE_GROUPS)
            if not isinstance(groups, list) or not groups:
                fields['edge_group_ids'] = ["can't be blank"]
            elif any(str(g) not in set(str(k) for k in known) for g in groups):
                fields['edge_group_ids'] = ['contains an edge group that is not available']
        if 'secondary_hostnames' in data:
            names = data['secondary_hostnames']
            if not isinstance(names, list) or any(n and not HOST_RE.match(str(n)) for n in names):
                messages.append('Secondary hostnames are invalid')
        for key in BOOL_KEYS:
            if key in data and _bool(data[key]) is None:
                fields[key] = ['is not a boolean']
        for key in INT_KEYS:
            if key in data and data[key] not in (None, ''):
                try:
                    int(data[key])
                except (TypeError, ValueError):
                    fields[key] = ['is not a number']
        for key, choices in CHOICE_KEYS.items():
            if key in data and key != 'resource_type' and data[key] not in choices:
                fields[key] = ['is not included in the list']
        if 'countries' in data and not isinstance(data['countries'], list):
            fields['countries'] = ['must be a list']
        cert = data.get('cdn_ssl_certificate_id')
        if cert not in (None, '') and (not str(cert).isdigit() or int(cert) not in self.certificates):
            # "the certificate and resource must have the same owner" (OnApp docs, "CDN SSL Certificates API")
            messages.append('Cdn ssl certificate is invalid')
        if messages:
            return messages
        return fields

    def _render(self, resource, advanced=False):
        if resource['active_at'] is not None and self.now >= resource['active_at']:
            resource['status'] = 'ACTIVE'
        elif resource.get('status') != 'SUSPENDED':
            resource['status'] = 'PENDING'
        body = dict((k, resource.get(k)) for k in BASIC_KEYS)
        body['origins'] = [{'key': 'origin_%d' % (i + 1), 'value': o} for i, o in enumerate(resource['origins'])]
        body['edge_groups'] = [dict(g, created_at=resource['created_at'], updated_at=resource['created_at'])
                               for g in EDGE_GROUPS if g['id'] in resource.get('edge_group_ids', [])]
        # ssl is null or the certificate (OnApp docs, CDN resource fields): the linked certificate,
        # as the API shows it.
        linked = self.certificates.get(int(resource['cdn_ssl_certificate_id'])) \
            if str(resource.get('cdn_ssl_certificate_id') or '').isdigit() else None
        body['ssl'] = self._render_certificate(linked) if linked else None
        if advanced:
            for key in ADVANCED_DEFAULTS:
                body[key] = resource.get(key)
            if resource_is_push(resource):
                body['storage_server_location'] = resource.get('storage_server_location')
        return body

    def _dump_resource(self, resource):
        body = self._render(resource, advanced=True)
        if resource_is_push(resource):
            body['ftp_password'] = resource.get('ftp_password')
        body['http_caching_rules'] = [dict(r) for r in resource['caching_rules']]
        return body

    def _body(self, request):
        data = request.data()
        if not isinstance(data, dict) or not isinstance(data.get('cdn_resource'), dict):
            return None
        return data['cdn_resource']

    def _find(self, rid):
        return self.resources.get(int(rid))

    # handlers
    def list_resources(self, request):
        items = list(self.resources.values())
        kind = request.query.get('type')
        if kind == 'http':
            items = [r for r in items if r['resource_type'].startswith('HTTP_')]
        elif kind:
            items = []
        text = request.query.get('q')
        if text:
            items = [r for r in items if text in r['cdn_hostname'] or any(text in o for o in r['origins'])]
        return json_response([{'cdn_resource': self._render(r)} for r in items])

    def list_edge_groups(self, request):
        return json_response([{'edge_group': dict(g, edge_group_locations=[])} for g in EDGE_GROUPS])

    def get_resource(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        return json_response({'cdn_resource': self._render(resource)})

    def get_advanced(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        advanced = dict((k, resource.get(k)) for k in ADVANCED_DEFAULTS)
        advanced.update(id=resource['id'], secondary_hostnames=resource['secondary_hostnames'],
                        ssl_on=resource['ssl_on'])
        if resource_is_push(resource):
            advanced['storage_server_location'] = resource.get('storage_server_location')
        return json_response({'cdn_resource': advanced})

    def get_instructions(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        body = dict((k, resource.get(k)) for k in ('id', 'cdn_hostname', 'cname', 'resource_type', 'user_id',
                                                   'last_24h_cost', 'cdn_reference', 'created_at', 'updated_at'))
        if resource_is_push(resource):
            host = 'push-%s.r.worldcdn.net' % resource['storage_server_location']
            user = 'cdn%d' % resource['cdn_reference']
            body['instructions'] = {
                'ftp_host': host, 'ftp_user': user,
                'text': 'Upload your files by FTP to %s as user %s with the FTP password of the resource; '
                        'they are served at http://%s/' % (host, user, resource['cdn_hostname'])}
        else:
            body['instructions'] = {
                'cname': resource['cname'],
                'text': 'Create a CNAME record %s pointing to %s' % (resource['cdn_hostname'], resource['cname'])}
        return json_response({'cdn_resource': body})

    def list_edge_ips(self, request):
        # root edge_ips, field edge_ip (OnApp PHP wrapper, CDNResource/EdgeIps.php, OnApp 6.0+)
        return json_response([{'edge_ips': {'edge_ip': ip}} for ip in EDGE_IPS])

    def create_resource(self, request):
        data = self._body(request)
        if data is None:
            return self.unprocessable(['param is missing or the value is empty: cdn_resource'])
        errors = self._validate(data, creating=True)
        if errors:
            return self.unprocessable(errors)
        resource = self._new(data)
        return json_response({'cdn_resource': self._render(resource)}, 201)

    def update_resource(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        resource['updated_at'] = _iso(self.now)  # API Guide "HTTP Methods": changes even when the PUT fails
        data = self._body(request)
        if data is None:
            return self.unprocessable(['param is missing or the value is empty: cdn_resource'])
        check = dict(data)
        check.setdefault('resource_type', resource['resource_type'])
        errors = self._validate(check, creating=False, rid=resource['id'])
        if errors:
            return self.unprocessable(errors)
        self._apply(resource, data)
        return json_response(None, 204)

    def delete_resource(self, request, rid):
        if self.resources.pop(int(rid), None) is None:
            return self.not_found(request)
        return json_response(None, 204)

    def _rate_limited(self, request, kind):
        """429 when the user already sent purge_limit purge requests in the last purge_window seconds."""
        if kind not in ('purge', 'purge_all'):
            return None
        recent = sorted(j['time'] for j in self.jobs if j.get('user') == request.user
                        and j['kind'] in ('purge', 'purge_all') and self.now - j['time'] < self.purge_window)
        if len(recent) < self.purge_limit:
            return None
        headers = {}
        if self.purge_retry_after:
            wait = recent[len(recent) - self.purge_limit] + self.purge_window - self.now
            headers['Retry-After'] = str(max(1, int(math.ceil(wait))))
        message = PURGE_LIMIT_MESSAGE if (self.purge_limit, self.purge_window) == (PURGE_LIMIT, PURGE_WINDOW) else \
            'You can send up to %d purge requests per %g seconds' % (self.purge_limit, self.purge_window)
        return json_response({'errors': [message]}, 429, headers=headers, throttled=True)

    def _job(self, request, rid, kind, key):
        resource = self._find(rid)
        if resource is None:
            return None, self.not_found(request)
        limited = self._rate_limited(request, kind)
        if limited is not None:
            return None, limited
        paths = []
        if key:
            data = request.data() or {}
            value = data.get(key)
            paths = value if isinstance(value, list) else [p for p in str(value or '').splitlines() if p.strip()]
            if not paths:
                return None, self.unprocessable(['%s can\'t be blank' % key.replace('_', ' ').capitalize()])
            if len(paths) > MAX_PURGE_PATHS:
                return None, self.unprocessable(['You can specify up to %d paths per request' % MAX_PURGE_PATHS])
            if kind == 'prefetch' and resource['resource_type'] != 'HTTP_PULL':
                return None, self.unprocessable(['Prefetch is available for HTTP Pull resources only'])
        job = dict(cdn_resource_id=resource['id'], kind=kind, paths=paths, time=self.now, user=request.user)
        self.jobs.append(job)
        return job, None

    def purge(self, request, rid):
        job, error = self._job(request, rid, 'purge', 'purge_paths')
        return error or json_response({}, 201)

    def purge_all(self, request, rid):
        job, error = self._job(request, rid, 'purge_all', None)
        return error or json_response({}, 201)

    def prefetch(self, request, rid):
        job, error = self._job(request, rid, 'prefetch', 'prefetch_paths')
        return error or json_response({}, 201)

    # statistics (OnApp docs: see "Statistics" in the module docstring)
    def _stats_args(self, request, root):
        """The documented JSON body {root: {...}}, or the OnApp PHP wrapper's URL arguments."""
        data = request.data() if request.body else None
        if isinstance(data, dict) and isinstance(data.get(root), dict):
            return data[root]
        args = dict(request.query)
        for key in list(args):
            if key.startswith(root + '[') and key.endswith(']'):
                args[key[len(root) + 1:-1]] = args.pop(key)
        if 'resources[]' in args:
            args['resources'] = [args.pop('resources[]')]
        return args

    def bandwidth(self, request):
        if self.bandwidth_removed:
            # "completely removed from OnApp 5.6"
            return self.not_found(request)
        args = self._stats_args(request, 'bandwidth')
        start = _parse_time(args.get('start'), BANDWIDTH_TIME)
        end = _parse_time(args.get('end'), BANDWIDTH_TIME)
        errors = []
        if start is None:
            errors.append('Start is invalid (expected like 2014-11-25T18:25)')
        if end is None:
            errors.append('End is invalid (expected like 2014-11-25T18:25)')
        kind = args.get('type', 'GB')
        if kind not in ('GB', 'MBPS'):
            errors.append('Type is not included in the list')
        group_by = args.get('group_by')
        if group_by not in (None, '', 'location', 'resource'):
            errors.append('Group by is not included in the list')
        if not errors and start >= end:
            errors.append('Start must be before end')
        if not errors and kind == 'MBPS' and start < self.now - MBPS_DAYS * 86400:
            # MBPS covers the last 10 days only (OnApp docs, "View CDN Resource Bandwidth Statistics")
            errors.append('MBPS statistics are available for the last %d days only' % MBPS_DAYS)
        if errors:
            return self.unprocessable(errors)
        references = args.get('resources') or []
        wanted = set(str(r) for r in (references if isinstance(references, list) else [references]))
        resources = [r for r in self.resources.values() if not wanted or str(r['cdn_reference']) in wanted]
        step = 3600 if end - start <= 3 * 86400 else 86400
        points = []
        moment = start - start % step
        index = 0
        while moment < end:
            for rid, location, resource_ids in self._bandwidth_groups(resources, group_by):
                weight = sum(resource_ids) or 0
                if kind == 'MBPS':
                    cached, non_cached = round(2.5 * weight + index % 3, 3), round(0.5 * weight, 3)
                else:
                    cached = round(0.25 * weight * (1 + index % 4) * step / 3600.0, 3)
                    non_cached = round(0.05 * weight * step / 3600.0, 3)
                stat = dict(date=_fmt_time(moment), cached=cached, non_cached=non_cached)
                if location is not None:
                    stat['location_id'] = location
                if rid is not None:
                    stat['cdn_resource_id'] = rid
                points.append({'stat': stat})
            moment += step
            index += 1
        return json_response(points)

    @staticmethod
    def _bandwidth_groups(resources, group_by):
        """(resource id, location id, [resource ids]) per point of one time step."""
        if group_by == 'resource':
            return [(r['id'], None, [r['id']]) for r in sorted(resources, key=lambda r: r['id'])]
        if group_by == 'location':
            groups = []
            for gid in sorted(EDGE_GROUP_LOCATIONS):
                users = [r['id'] for r in resources if gid in (r.get('edge_group_ids') or [])]
                for location in EDGE_GROUP_LOCATIONS[gid]:
                    if users:
                        groups.append((None, location, users))
            return groups
        return [(None, None, [r['id'] for r in resources])] if resources else []

    def usage_statistics(self, request):
        args = self._stats_args(request, 'period')
        start = _parse_time(args.get('startdate'), USAGE_TIME)
        end = _parse_time(args.get('enddate'), USAGE_TIME)
        errors = []
        if start is None:
            errors.append('Startdate is invalid (expected YYYY-MM-DD+hh:mm:ss)')
        if end is None:
            errors.append('Enddate is invalid (expected YYYY-MM-DD+hh:mm:ss)')
        if not errors and start >= end:
            errors.append('Startdate must be before enddate')
        if errors:
            return self.unprocessable(errors)
        hours = (end - start) / 3600.0
        stats = []
        for gid in sorted(EDGE_GROUP_LOCATIONS):
            users = [r['id'] for r in self.resources.values() if gid in (r.get('edge_group_ids') or [])]
            if not users:
                continue
            for location in EDGE_GROUP_LOCATIONS[gid]:
                stats.append({'cdn_stat': dict(user_id=1, edge_group_id=gid, location_id=location,
                                               cached=round(0.1 * hours * len(users) * gid, 3),
                                               non_cached=round(0.02 * hours * len(users), 3))})
        return json_response(stats)

    # HTTP caching rules (root rule: name, conditions, actions)
    def _new_rule(self, resource, data):
        rule = dict(id=self.next_rule, cdn_resource_id=resource['id'], name=data['name'],
                    conditions=list(data.get('conditions') or []), actions=list(data.get('actions') or []))
        self.next_rule += 1
        resource['caching_rules'].append(rule)
        return rule

    def _rule_errors(self, resource, data, rule_id=None):
        if not isinstance(data, dict):
            return ['param is missing or the value is empty: rule']
        errors = []
        if not str(data.get('name') or '').strip():
            errors.append("Name can't be blank")
        elif any(r['name'] == data['name'] and r['id'] != rule_id for r in resource['caching_rules']):
            errors.append('Name has already been taken')
        for key in ('conditions', 'actions'):
            if key in data and not isinstance(data[key], list):
                errors.append('%s must be an array' % key.capitalize())
        return errors

    def _rule_of(self, rid, rule):
        resource = self._find(rid)
        if resource is None:
            return None, None
        found = next((r for r in resource['caching_rules'] if r['id'] == int(rule)), None)
        return resource, found

    def list_caching_rules(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        return json_response([{'rule': dict(r)} for r in resource['caching_rules']])

    def get_caching_rule(self, request, rid, rule):
        resource, found = self._rule_of(rid, rule)
        if found is None:
            return self.not_found(request)
        return json_response({'rule': dict(found)})

    def create_caching_rule(self, request, rid):
        resource = self._find(rid)
        if resource is None:
            return self.not_found(request)
        data = (request.data() or {}).get('rule')
        errors = self._rule_errors(resource, data)
        if errors:
            return self.unprocessable(errors)
        return json_response({'rule': dict(self._new_rule(resource, data))}, 201)

    def update_caching_rule(self, request, rid, rule):
        resource, found = self._rule_of(rid, rule)
        if found is None:
            return self.not_found(request)
        data = (request.data() or {}).get('rule')
        errors = self._rule_errors(resource, data, rule_id=found['id'])
        if errors:
            return self.unprocessable(errors)
        for key in ('name', 'conditions', 'actions'):
            if key in data:
                found[key] = data[key]
        return json_response(None, 204)

    def delete_caching_rule(self, request, rid, rule):
        resource, found = self._rule_of(rid, rule)
        if found is None:
            return self.not_found(request)
        resource['caching_rules'].remove(found)
        return json_response(None, 204)

    # SSL certificates
    def _new_certificate(self, spec):
        cid = self.next_certificate
        self.next_certificate += 1
        now = self.now
        certificate = dict(id=cid, name=spec['name'], user_id=1, created_at=_iso(now), updated_at=_iso(now),
                           cdn_reference=770000 + cid, cert=spec.get('cert') or '', key=spec.get('key') or '')
        self.certificates[cid] = certificate
        return certificate

    @staticmethod
    def _render_certificate(certificate):
        return dict((k, certificate[k]) for k in CERT_KEYS)

    def _dump_certificate(self, certificate):
        """For tests: the answer plus what was uploaded, described (SHA-1 of each certificate's DER)."""
        blocks = PEM_CERT_RE.findall(certificate['cert'])
        dumped = self._render_certificate(certificate)
        dumped['uploaded_sha1'] = [hashlib.sha1(base64.b64decode(''.join(b.split()))).hexdigest() for b in blocks]
        dumped['has_key'] = bool(certificate['key'])
        dumped['resources'] = self._users_of(certificate['id'])
        return dumped

    def _users_of(self, cid):
        return sorted(r['id'] for r in self.resources.values() if str(r.get('cdn_ssl_certificate_id') or '') == str(cid))

    def list_certificates(self, request):
        return json_response([{'cdn_ssl_certificate': self._render_certificate(c)} for c in self.certificates.values()])

    def get_certificate(self, request, cid):
        certificate = self.certificates.get(int(cid))
        if certificate is None:
            return self.not_found(request)
        return json_response({'cdn_ssl_certificate': self._render_certificate(certificate)})

    def create_certificate(self, request):
        data = request.data()
        if not isinstance(data, dict) or not isinstance(data.get('cdn_ssl_certificate'), dict):
            return self.unprocessable(['param is missing or the value is empty: cdn_ssl_certificate'])
        data = data['cdn_ssl_certificate']
        messages = []
        for field in CERT_FIELDS:
            if not str(data.get(field) or '').strip():
                messages.append("%s can't be blank" % field.capitalize())
        if data.get('cert') and not PEM_CERT_RE.search(str(data['cert'])):
            messages.append('Cert is not a PEM encoded certificate')
        if data.get('key') and not PEM_KEY_RE.search(str(data['key'])):
            messages.append('Key is not a PEM encoded private key')
        if messages:
            return self.unprocessable(messages)
        certificate = self._new_certificate(dict((k, str(data[k])) for k in CERT_FIELDS))
        return json_response({'cdn_ssl_certificate': self._render_certificate(certificate)}, 201)

    def delete_certificate(self, request, cid):
        certificate = self.certificates.get(int(cid))
        if certificate is None:
            return self.not_found(request)
        users = self._users_of(certificate['id'])
        if users:
            # Undocumented in OnApp: refused here (see the module docstring).
            return self.unprocessable(['Cdn ssl certificate is used by CDN resources %s'
                                       % ', '.join(str(u) for u in users)])
        del self.certificates[certificate['id']]
        return json_response(None, 204)

    # user profile
    def get_profile(self, request):
        email = request.user
        number = sorted(self.users).index(email) + 1
        user = {
            'id': number, 'login': email.split('@')[0], 'first_name': 'Sim', 'last_name': 'User %d' % number,
            'email': email, 'time_zone': 'UTC', 'locale': 'en', 'status': 'active',
            'billing_plan_id': 1, 'user_group_id': None, 'outstanding_amount': 0.0, 'total_amount': 0.0,
            'payment_amount': 0.0, 'memory_available': 0, 'disk_space_available': 0,
            'used_cpus': 0, 'used_memory': 0, 'used_disk_size': 0, 'used_cpu_shares': 0,
            'created_at': '2016-07-25T10:00:00Z', 'updated_at': '2016-07-25T10:00:00Z',
            'activated_at': '2016-07-25T10:00:00Z', 'suspend_at': None, 'deleted_at': None,
            'update_billing_stat': False, 'roles': [],
        }
        user.update(self.profiles.get(email) or {})
        return json_response({'user': user})


APP = CloudflowApp
