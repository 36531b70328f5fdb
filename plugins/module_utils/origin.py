# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_origin's provider-agnostic core: normalise the options, then ensure.

Two kinds of origin exist across the providers:
- account-level origins (Leaseweb standalone origins and origin groups),
  identified by ``name`` (the provider's description);
- origins that live on a zone (UCDN upstream, Cloakfusion origin_url,
  CloudFlow origins), identified by the ``zone`` they belong to. They exist
  exactly as long as the zone does, so they are never created or deleted here.

The provider declares which with ``limits.origin_scope`` ('account' or
'zone'); ``limits.origin_endpoint_ports`` False means endpoints carry no
port (Leaseweb: http_port/https_port instead).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import check_range, compare
from ansible_collections.edgeops.cdn.plugins.module_utils.ensure import ResourceOps, ensure
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import fill_default_ports, is_hostname, normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import make_diff
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import check_authoritative, safety_options
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ORIGIN_AUTH_SECRETS, ORIGIN_FIELDS
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

AUTH_TYPES = ('none', 'http_basic', 'aws_signing_key', 'aws_secret_key')
# Which auth fields each type takes (UCDN API v3 documentation, "Create a new zone" examples of upstream auth).
AUTH_FIELDS = {
    'none': (),
    'http_basic': ('username', 'password'),
    'aws_signing_key': ('access_key', 'key_scope', 'signing_key'),
    'aws_secret_key': ('access_key', 'secret_key'),
}
MEMBER_STATUSES = ('active', 'backup', 'inactive')
# What an origin shows in results and diffs besides the options.
ORIGIN_RESULT_KEYS = ('id', 'kind', 'zone')


def _check_host(option, value):
    host = normalize_hostname(value)
    if not host or not (is_hostname(host, wildcard=True) or _is_ip(host)):
        raise CdnValidationError(option, 'is not a valid host name or IP address', value=value,
                                 allowed='a DNS name such as origin.example.com or an IP address')
    return host


def _is_ip(value):
    parts = value.split('.')
    if len(parts) == 4 and all(p.isdigit() and 0 <= int(p) <= 255 for p in parts):
        return True
    return ':' in value and all(c in '0123456789abcdef:.' for c in value)


def normalize_endpoints(endpoints, with_ports=True):
    result = []
    for index, endpoint in enumerate(endpoints):
        option = 'endpoints[%d]' % index
        if not endpoint.get('host'):
            raise CdnValidationError(option + '.host', 'is required', allowed='a host name or IP address')
        item = dict(host=_check_host(option + '.host', endpoint['host']), port=None)
        if endpoint.get('port') is not None:
            if not with_ports:
                raise CdnValidationError(option + '.port', 'is not supported by this provider', value=endpoint['port'],
                                         allowed='http_port and https_port instead')
            check_range(option + '.port', endpoint['port'], 1, 65535)
            item['port'] = endpoint['port']
        for key in ('bucket', 'region'):
            if endpoint.get(key):
                item[key] = str(endpoint[key])
        result.append(item)
    if len(set((e['host'], e['port']) for e in result)) != len(result):
        raise CdnValidationError('endpoints', 'lists the same host and port twice', value=endpoints,
                                 allowed='distinct endpoints')
    return result


def normalize_auth(auth):
    auth = dict((k, v) for k, v in (auth or {}).items() if v not in (None, ''))
    kind = auth.get('type', 'none')
    if kind not in AUTH_TYPES:
        raise CdnValidationError('auth.type', 'is not a known origin authentication', value=kind,
                                 allowed=', '.join(AUTH_TYPES))
    extra = sorted(k for k in auth if k != 'type' and k not in AUTH_FIELDS[kind])
    if extra:
        raise CdnValidationError('auth', 'sets %s, which auth type %s does not take' % (', '.join(extra), kind),
                                 allowed=', '.join(AUTH_FIELDS[kind]) or 'no other field')
    missing = [k for k in AUTH_FIELDS[kind] if k not in auth]
    if missing:
        raise CdnValidationError('auth', 'type %s needs %s' % (kind, ', '.join(missing)),
                                 allowed=', '.join(AUTH_FIELDS[kind]))
    auth['type'] = kind
    return auth


def normalize_group(group):
    group = dict((k, v) for k, v in group.items() if v is not None)
    for key, low, high in (('fail_timeout', 1, 3600), ('keep_alive', 0, 10000), ('keep_alive_seconds', 1, 3600)):
        check_range('group.' + key, group.get(key), low, high)
    if 'balancing_method' in group:
        group['balancing_method'] = str(group['balancing_method']).upper()
    if group.get('members') is not None:
        members = []
        for index, member in enumerate(group['members']):
            if not member.get('origin'):
                raise CdnValidationError('group.members[%d].origin' % index, 'is required',
                                         allowed='the name or id of an origin')
            status = member.get('status') or 'active'
            if status not in MEMBER_STATUSES:
                raise CdnValidationError('group.members[%d].status' % index, 'is not a member status', value=status,
                                         allowed=', '.join(MEMBER_STATUSES))
            members.append(dict(origin=str(member['origin']), status=status))
        if len(set(m['origin'] for m in members)) != len(members):
            raise CdnValidationError('group.members', 'lists an origin twice', allowed='each origin once')
        group['members'] = members
    return group


def desired_origin(params, capabilities):
    """The options the user set, normalised and checked (no request sent)."""
    desired = dict((k, params.get(k)) for k in ORIGIN_FIELDS)
    desired['zone'] = params.get('zone')
    if desired['protocol'] is not None:
        desired['protocol'] = desired['protocol'].lower()
    if desired['endpoints'] is not None:
        if not desired['endpoints']:
            raise CdnValidationError('endpoints', 'is empty', allowed='one or more {host, port} entries')
        desired['endpoints'] = normalize_endpoints(
            desired['endpoints'], capabilities.limits.origin_endpoint_ports)
        limit = capabilities.limits.origin_endpoints
        if limit and len(desired['endpoints']) > limit:
            raise CdnValidationError('endpoints', 'has %d entries' % len(desired['endpoints']),
                                     allowed='at most %d for %s' % (limit, capabilities.title))
    if desired['host_header'] is not None:
        desired['host_header'] = _check_host('host_header', desired['host_header'])
    if desired['path'] is not None and not str(desired['path']).startswith('/'):
        raise CdnValidationError('path', 'must start with /', value=desired['path'], allowed='a path such as /static')
    check_range('http_port', desired['http_port'], 1, 65535)
    check_range('https_port', desired['https_port'], 1, 65535)
    if desired['auth'] is not None:
        desired['auth'] = normalize_auth(desired['auth'])
    if desired['group'] is not None:
        desired['group'] = normalize_group(desired['group'])
    return desired


def secret_free(auth):
    if not auth:
        return auth
    return dict((k, v) for k, v in auth.items() if k not in ORIGIN_AUTH_SECRETS)


def origin_view(origin, capabilities):
    """An origin in option shape (what the provider manages) plus id, kind, zone, raw; secrets masked."""
    if origin is None:
        return None
    fields = capabilities.resource('origin').fields
    view = dict((k, copy.deepcopy(origin.get(k))) for k in fields if k in origin)
    if isinstance(view.get('auth'), dict):
        view['auth'] = dict((k, REDACTED if k in ORIGIN_AUTH_SECRETS else v) for k, v in view['auth'].items())
    for key in ORIGIN_RESULT_KEYS + ('name', 'raw'):
        view[key] = origin.get(key)
    return view


def compare_origin(desired, current, update_secrets='on_create'):
    """Differences, with ``auth`` sent whole (secrets included) when it
    changes or when update_secrets=always (APIs never show secrets back)."""
    wanted = dict(desired)
    wanted.pop('zone', None)
    wanted.pop('name', None)
    auth = wanted.pop('auth', None)
    changes = compare(wanted, current, unordered=())
    if auth is not None:
        has_secret = any(k in auth for k in ORIGIN_AUTH_SECRETS)
        differs = compare({'auth': secret_free(auth)}, current)
        if differs or (update_secrets == 'always' and has_secret):
            changes['auth'] = auth
    return changes


def run_origin(cdn):
    params = cdn.params
    caps = cdn.capabilities
    state = params['state']
    origin_caps = caps.resource('origin')
    scope = caps.limits.origin_scope
    if scope == 'zone' and not params.get('zone'):
        raise CdnValidationError('zone', 'is required: %s keeps the origin on the zone' % caps.title,
                                 allowed='the host name or id of the zone')
    if scope == 'account' and not params.get('name'):
        raise CdnValidationError('name', 'is required: %s origins are identified by name' % caps.title,
                                 allowed='the origin (or origin group) name')
    if state == 'absent':
        caps.require('origin', 'delete')
    desired = desired_origin(params, caps)
    caps.check_fields('origin', dict((k, v) for k, v in desired.items() if k not in ('zone', 'name')))
    adapter = cdn.adapter
    adapter.validate_origin(desired, state)
    update_secrets = params.get('update_secrets') or 'on_create'
    with_ports = caps.limits.origin_endpoint_ports

    def differ(wanted, current):
        if with_ports:
            wanted = fill_default_ports(wanted, current)
        return compare_origin(wanted, current, update_secrets)

    safety = safety_options(params)

    def check(action, current, _changes):
        # Found while planning: check mode fails where the real run would.
        if action == 'create':
            caps.require('origin', 'create')
        wanted = (desired.get('group') or {}).get('members')
        if action == 'update' and wanted is not None:
            # group.members is authoritative: guarded (safety.py).
            have = [str(m.get('origin')) for m in ((current.get('group') or {}).get('members') or [])]
            gone = [o for o in have if o not in set(str(m.get('origin')) for m in wanted)]
            check_authoritative(safety, 'group.members', 'members of origin group %s'
                                % current.get('name'), len(have), len(gone), listed=len(wanted))

    ops = ResourceOps('group' if desired.get('group') is not None else 'origin',
                      find=lambda: adapter.find_origin(desired), create=adapter.create_origin,
                      update=adapter.update_origin, delete=adapter.delete_origin, check=check)

    def commit(plan, _current):
        cdn.commit_plan(plan.as_list(secret_keys=ORIGIN_AUTH_SECRETS), plan.basis(secret_keys=ORIGIN_AUTH_SECRETS))

    outcome = ensure(ops, desired, state, check_mode=cdn.check_mode, differ=differ, commit=commit)
    keys = origin_caps.fields + ORIGIN_RESULT_KEYS + ('name',)
    cdn.exit(
        changed=outcome['changed'],
        origin=cdn.shown(origin_view(outcome['after'], caps)),
        diff=make_diff(origin_view(outcome['before'], caps), origin_view(outcome['after'], caps), keys,
                       secret_keys=ORIGIN_AUTH_SECRETS),
    )
