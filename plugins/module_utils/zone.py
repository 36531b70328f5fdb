# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_zone's provider-agnostic core: input checks and the ensure call."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import check_range
from ansible_collections.edgeops.cdn.plugins.module_utils.ensure import ResourceOps, ensure
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    normalize_url,
    split_url,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import make_diff
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ZONE_FIELDS
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import check_authoritative, safety_options
from ansible_collections.edgeops.cdn.plugins.module_utils.zone_view import (
    ZONE_RESULT_KEYS,
    check_hostname,
    zone_view,
)

MAX_CACHE_TTL = 31536000


def desired_zone(params):
    """The options the user set, normalised and checked (no request sent)."""
    desired = dict((k, params.get(k)) for k in ZONE_FIELDS)
    if desired['hostname'] is not None:
        desired['hostname'] = check_hostname('hostname', desired['hostname'])
    if desired['aliases'] is not None:
        # The host name is always served: listed among the aliases too it adds nothing (every provider alike).
        desired['aliases'] = sorted(set(check_hostname('aliases', a) for a in desired['aliases']) - set([desired['hostname']]))
    if desired['origin'] is not None and not str(desired['origin']).startswith('storage:'):
        try:
            split_url(desired['origin'])
        except ValueError as exc:
            raise CdnValidationError('origin', str(exc), value=desired['origin'],
                                     allowed='http:// or https:// URL of the origin server')
        desired['origin'] = normalize_url(desired['origin'])
    if desired['origin_host_header'] is not None:
        desired['origin_host_header'] = check_hostname('origin_host_header', desired['origin_host_header'])
    check_range('cache_ttl', desired['cache_ttl'], 0, MAX_CACHE_TTL)
    return desired


def _is_set(value):
    return value not in (None, '', [], {})


def _changed_fields(changes):
    """Option names a planned update changes, with settings as 'settings.<key>'."""
    names = set(k for k in changes if k != 'settings')
    names.update('settings.%s' % key for key in (changes.get('settings') or {}))
    return names


def find_zone_by_identity(adapter, caps, hostname, zone_id, state):
    """The zone the task means. A zone_id that names nothing is an error, never a reason to create
    (with state=absent there is simply nothing to delete); a zone_id and a hostname of two different
    zones are an error naming both. Reads only."""
    if zone_id is None:
        return adapter.find_zone(hostname=hostname)
    zone = adapter.find_zone(hostname=hostname, zone_id=zone_id)
    if zone is None:
        if state == 'absent':
            return None
        raise CdnValidationError('zone_id', 'names no zone: %s has no zone with id %s' % (caps.title, zone_id),
                                 allowed='the id of an existing zone (edgeops.cdn.cdn_zone_info lists them), or no '
                                         'zone_id to find or create the zone by hostname')
    if hostname and hostname != zone.get('hostname') and hostname not in (zone.get('aliases') or []):
        other = adapter.find_zone(hostname=hostname)
        if other is not None and str(other.get('id')) != str(zone.get('id')):
            raise CdnValidationError('zone_id', 'and hostname name two different zones: zone_id %s is the zone of %s, '
                                     'hostname %s is zone %s; nothing was changed'
                                     % (zone_id, zone.get('hostname'), hostname, other.get('id')),
                                     allowed='the id and the host name of the same zone, or only one of them')
    return zone


def plan_check(caps, safety, adapter):
    """The generic rules of a zone, checked while planning for every provider alike (ResourceOps.check):
    what a create needs, what can never change once the zone exists."""
    zone_caps = caps.resource('zone')

    def check(action, current, changes):
        if action == 'delete':
            caps.require('zone', 'delete')
            return
        if action == 'create':
            caps.require('zone', 'create')
            if not changes.get('hostname'):
                raise CdnValidationError('hostname', 'is required to create a zone', allowed='the host name the zone serves')
            for alternatives in zone_caps.create_requires:
                if not any(_is_set(changes.get(option)) for option in alternatives):
                    raise CdnValidationError(alternatives[0], 'is required to create a %s zone' % caps.title,
                                             allowed=' or '.join(alternatives))
            adapter.check_zone_references(changes)
            return
        if 'aliases' in changes and current.get('aliases'):
            # aliases is an exact list: emptying it is guarded (safety.py).
            gone = [a for a in current['aliases'] if a not in (changes['aliases'] or [])]
            check_authoritative(safety, 'aliases', 'aliases of zone %s' % current.get('hostname'),
                                len(current['aliases']), len(gone), listed=len(changes['aliases'] or []))
        fixed = sorted(_changed_fields(changes) & set(zone_caps.immutable))
        if fixed:
            raise CdnValidationError(
                fixed[0], 'cannot change once the zone exists on %s%s (%s)'
                % (caps.title, '; ' + zone_caps.immutable_reason if zone_caps.immutable_reason else '',
                   ', '.join('%s: %r to %r' % (name, _current_value(current, name), _wanted_value(changes, name))
                             for name in fixed)),
                allowed='the current value, or delete and recreate the zone')
        adapter.check_zone_references(changes)
    return check


def _current_value(zone, name):
    if name.startswith('settings.'):
        return (zone.get('settings') or {}).get(name.split('.', 1)[1])
    return zone.get(name)


def _wanted_value(changes, name):
    if name.startswith('settings.'):
        return (changes.get('settings') or {}).get(name.split('.', 1)[1])
    return changes.get(name)


def check_refresh_snapshot(params, caps):
    """refresh_snapshot: only where the provider declares the 'snapshot' resource, never with absent."""
    if not params.get('refresh_snapshot'):
        return False
    if 'refresh' not in getattr(caps.resources.get('snapshot'), 'operations', ()):
        raise CdnUnsupportedError('option refresh_snapshot: %s does not take site snapshots; remove the option'
                                  % caps.title, provider=caps.name)
    if params['state'] == 'absent':
        raise CdnValidationError('refresh_snapshot', 'cannot be combined with state=absent',
                                 allowed='state=present, or refresh_snapshot false')
    return True


def run_zone(cdn):
    params = cdn.params
    caps = cdn.capabilities
    state = params['state']
    if state == 'present' and not params.get('hostname') and not params.get('zone_id'):
        raise CdnValidationError('hostname', 'is required', allowed='a host name, or zone_id of an existing zone')
    desired = caps.check_fields('zone', desired_zone(params))
    snapshot = check_refresh_snapshot(params, caps)
    adapter = cdn.adapter
    adapter.validate_zone(desired, state)

    ops = ResourceOps(
        'zone',
        find=lambda: find_zone_by_identity(adapter, caps, desired.get('hostname'), params.get('zone_id'), state),
        create=adapter.create_zone,
        update=adapter.update_zone,
        delete=adapter.delete_zone,
        ready=adapter.zone_ready,
        predict=adapter.predict_zone,
        check=plan_check(caps, safety_options(params), adapter),
        deleting=adapter.zone_deleting,
    )

    def commit(plan, current):
        if snapshot:
            # A new snapshot is an action, not a state: it is planned every time it is asked for.
            plan.add('refresh_snapshot', 'zone', (current or {}).get('id'))
        cdn.commit_plan(plan.as_list(), plan.basis())

    outcome = ensure(ops, desired, state, check_mode=cdn.check_mode, wait=params['wait'],
                     wait_timeout=params['wait_timeout'], unordered=('aliases',), commit=commit)
    keys = caps.resource('zone').fields + ZONE_RESULT_KEYS
    result = dict(
        changed=outcome['changed'] or snapshot,
        zone=cdn.shown(zone_view(outcome['after'], caps)),
        diff=make_diff(outcome['before'], outcome['after'], keys),
    )
    if snapshot and not cdn.check_mode:
        try:
            adapter.refresh_snapshot(outcome['after'])
        except CdnError as error:
            # The zone changes above are applied: the failure says so (CdnModule.fail) and shows the zone.
            cdn.fail(error, zone=result['zone'])
            return
    cdn.exit(**result)
