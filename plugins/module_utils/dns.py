# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_dns_record's provider-agnostic core (records in the canonical shape of records.py).

Flow: normalise and validate the input (no request), read the zone once, plan
(deletes, updates, creates), then apply the plan phase by phase with bounded
concurrency, collecting every error together with what was and was not applied.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.edgeops.cdn.plugins.module_utils.records import PRIORITY_TYPES, normalize_value, relative_name
# cdn_dns_record and cdn_dns_record_info take their type choices from here.
from ansible_collections.edgeops.cdn.plugins.module_utils.records import RECORD_TYPES  # noqa: F401  pylint: disable=unused-import
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import is_hostname, normalize_hostname, to_bool, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.pool import DEFAULT_CONCURRENCY, check_concurrency, run_bounded
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import check_authoritative, safety_options

RECORD_KEYS = ('record', 'type', 'value', 'ttl', 'proxied', 'priority')
ATTRIBUTES = ('ttl', 'proxied', 'priority')
SRV_FIELDS = ('service', 'protocol', 'weight', 'port', 'target')
ON_EXISTING = ('replace', 'keep_and_fail', 'keep_and_warn', 'keep')
MAX_CONCURRENCY = 20
# Types a flattened apex CNAME answers for (it is resolved to addresses), so they cannot sit beside it.
ADDRESS_TYPES = ('A', 'AAAA', 'CNAME')
# How often a create whose answer was lost is sent at most (as ensure does for resources).
CREATE_ATTEMPTS = 3

SRV_LABEL_RE = re.compile(r'^_[a-z0-9-]+\._(tcp|udp|tls)(\..+)?$')


def option_shape(rec):
    return dict((k, rec.get(k)) for k in RECORD_KEYS)


def sort_key(rec):
    return (rec['record'], rec['type'], rec['value'] or '', rec.get('id') or '')


def group_key(rec):
    return (rec['record'], rec['type'])


# --- validation of one desired record (no request) ---------------------------

def _srv_from_fields(spec, option, zone):
    service, protocol = spec.get('service'), spec.get('protocol')
    missing = [k for k in SRV_FIELDS if spec.get(k) in (None, '')]
    if missing:
        raise CdnValidationError(option, 'needs every SRV field; missing: %s' % ', '.join(missing))
    service = '_' + str(service).lstrip('_').lower()
    protocol = '_' + str(protocol).lstrip('_').lower()
    if protocol not in ('_tcp', '_udp', '_tls'):
        raise CdnValidationError(option + '.protocol', 'is not a valid protocol', value=spec.get('protocol'),
                                 allowed='tcp, udp, tls')
    owner = spec.get('record')
    try:
        owner = relative_name(owner, zone)
    except ValueError as exc:
        raise CdnValidationError(option + '.record', str(exc), value=owner)
    label = '%s.%s' % (service, protocol) if owner == '@' else '%s.%s.%s' % (service, protocol, owner)
    return label, '%s %s %s' % (spec['weight'], spec['port'], spec['target'])


def record_type(value, option, caps):
    """The record type ``value`` names, upper-case: DNS types are case-insensitive (RFC 4343), so
    cname is CNAME. Raises CdnValidationError naming the types the provider offers."""
    rtype = str(value).strip().upper()
    if rtype not in caps.record_types:
        raise CdnValidationError(option, 'is not a record type this provider offers', value=value,
                                 allowed='%s (in any case)' % ', '.join(caps.record_types))
    return rtype


def desired_record(spec, zone, caps, option='record', state='present'):
    """Normalise and check one record the user asked for; raise CdnValidationError."""
    rtype = spec.get('type')
    type_option = option + '.type' if option != 'record' else 'type'
    if not rtype:
        raise CdnValidationError(type_option, 'is required')
    rtype = record_type(rtype, type_option, caps)
    sub = (lambda key: '%s.%s' % (option, key)) if option != 'record' else (lambda key: key)
    value = spec.get('value')
    if rtype == 'SRV' and any(spec.get(k) not in (None, '') for k in SRV_FIELDS):
        if value not in (None, ''):
            raise CdnValidationError(sub('value'), 'and the SRV fields (service, protocol, weight, port, target) are mutually exclusive')
        label, value = _srv_from_fields(spec, option, zone)
    else:
        stray = [k for k in SRV_FIELDS if spec.get(k) not in (None, '')]
        if stray:
            raise CdnValidationError(sub(stray[0]), 'is only valid for SRV records')
        try:
            label = relative_name(spec.get('record'), zone)
        except ValueError as exc:
            raise CdnValidationError(option, str(exc), value=spec.get('record'))
        if rtype == 'SRV' and not SRV_LABEL_RE.match(label):
            raise CdnValidationError(option, 'is not an SRV owner name such as _sip._tcp or _sip._tcp.www', value=spec.get('record'))
    if value in (None, ''):
        if state == 'present':
            raise CdnValidationError(sub('value'), 'is required for state present')
        value = None
    else:
        try:
            value = normalize_value(rtype, value)
        except ValueError as exc:
            raise CdnValidationError(sub('value'), '%s (type %s)' % (exc, rtype), value=spec.get('value'))
    ttl = spec.get('ttl')
    if ttl is not None:
        ttl = to_int(ttl)
        if not isinstance(ttl, int) or not caps.ttl_allowed(ttl):
            raise CdnValidationError(sub('ttl'), 'is not a valid TTL', value=spec.get('ttl'), allowed=caps.ttl_text())
    proxied = spec.get('proxied')
    if proxied is not None:
        if rtype not in caps.proxiable:
            raise CdnValidationError(sub('proxied'), 'is only valid for %s records' % ', '.join(caps.proxiable) if caps.proxiable
                                     else 'is not offered by this provider')
        proxied = bool(to_bool(proxied))
    priority = spec.get('priority')
    if priority is not None:
        priority = to_int(priority)
        if rtype not in PRIORITY_TYPES:
            raise CdnValidationError(sub('priority'), 'is only valid for MX and SRV records')
        if not isinstance(priority, int) or not 0 <= priority <= 65535:
            raise CdnValidationError(sub('priority'), 'is not valid', value=spec.get('priority'), allowed='0 to 65535')
    elif rtype in PRIORITY_TYPES and state == 'present':
        raise CdnValidationError(sub('priority'), 'is required for %s records' % rtype)
    return dict(record=label, type=rtype, value=value, ttl=ttl, proxied=proxied, priority=priority)


def desired_records(entries, zone, caps):
    """The records list: (wanted groups {key: [records]}, ignored [(record, type or None)])."""
    groups, ignored = {}, []
    for index, spec in enumerate(entries):
        option = 'records[%d]' % index
        if spec.get('ignore'):
            try:
                label = relative_name(spec.get('record'), zone)
            except ValueError as exc:
                raise CdnValidationError(option + '.record', str(exc), value=spec.get('record'))
            ignored.append((label, record_type(spec['type'], option + '.type', caps) if spec.get('type') else None))
            continue
        rec = desired_record(spec, zone, caps, option=option)
        values = groups.setdefault(group_key(rec), [])
        if any(v['value'] == rec['value'] for v in values):
            raise CdnValidationError(option, 'repeats %s %s %s' % (rec['record'], rec['type'], rec['value']))
        values.append(rec)
    for label, rtype in ignored:
        for key in groups:
            if key[0] == label and rtype in (None, key[1]):
                raise CdnValidationError('records', 'lists %s %s both to manage and to ignore' % key)
    check_cname_exclusive([r for recs in groups.values() for r in recs], 'records', caps)
    return groups, ignored


def check_cname_exclusive(records, option, caps=None):
    """A name holding a CNAME holds nothing else (one CNAME at most).

    With apex CNAME flattening the apex CNAME only excludes address records (A, AAAA
    and a second CNAME): the provider answers it as addresses, so MX, TXT and NS stay.
    """
    flattening = bool(caps is not None and getattr(caps, 'apex_cname_flattening', False))
    by_name = {}
    for rec in records:
        by_name.setdefault(rec['record'], []).append(rec)
    for name in sorted(by_name):
        recs = by_name[name]
        cnames = [r for r in recs if r['type'] == 'CNAME']
        if not cnames:
            continue
        clashing = [r for r in recs if r is not cnames[0]]
        rule = 'a name with a CNAME can hold no other record'
        if flattening and name == '@':
            clashing = [r for r in clashing if r['type'] in ADDRESS_TYPES]
            rule = 'a flattened CNAME at the apex can hold no A, AAAA or other CNAME record'
        if clashing:
            others = sorted('%s %s' % (r['type'], r['value']) for r in clashing)
            raise CdnValidationError(option, 'would give %s a CNAME record and other records (%s); %s'
                                     % (name, ', '.join(others), rule))


# --- planning (pure) -----------------------------------------------------------

def attribute_changes(want, have):
    changes = {}
    if want.get('value') is not None and want['value'] != have['value']:
        changes['value'] = want['value']
    for key in ATTRIBUTES:
        if want.get(key) is not None and want[key] != have.get(key):
            changes[key] = want[key]
    return changes


def with_defaults(rec, caps):
    """A record to create: automatic (or minimum) TTL, not proxied, unless set."""
    full = dict(rec)
    if full.get('ttl') is None:
        full['ttl'] = caps.ttl_auto if caps.ttl_auto is not None else 3600
    if full['type'] in caps.proxiable and full.get('proxied') is None:
        full['proxied'] = False
    return full


class RecordPlan:
    """Deletes, updates and creates for one zone; computed before any write."""

    def __init__(self, caps):
        self.caps = caps
        self.deletes = []
        self.updates = []
        self.creates = []
        self.warnings = []

    def delete(self, current):
        self.deletes.append(dict(action='delete', current=current))

    def update(self, current, changes):
        merged = dict(current)
        merged.update(changes)
        self.updates.append(dict(action='update', current=current, changes=changes, desired=merged))

    def create(self, rec):
        self.creates.append(dict(action='create', desired=with_defaults(rec, self.caps)))

    @property
    def items(self):
        return self.deletes + self.updates + self.creates

    @property
    def changed(self):
        return bool(self.items)

    def as_list(self):
        result = []
        for item in self.items:
            rec = item.get('current') or item['desired']
            entry = dict(action=item['action'], record=rec['record'], type=rec['type'], value=rec['value'],
                         id=rec.get('id'))
            if item['action'] == 'update':
                entry['changes'] = item['changes']
            elif item['action'] == 'create':
                entry['changes'] = dict((k, v) for k, v in option_shape(item['desired']).items()
                                        if k in ('value',) + ATTRIBUTES and v is not None)
            result.append(entry)
        return result

    def keys(self):
        return set(group_key(item.get('current') or item['desired']) for item in self.items)

    def predict(self, current):
        """The zone's records after the plan (check mode)."""
        deleted = set(id(i['current']) for i in self.deletes)
        updated = dict((id(i['current']), i['desired']) for i in self.updates)
        after = [updated.get(id(rec), rec) for rec in current if id(rec) not in deleted]
        after.extend(dict(i['desired'], id=None) for i in self.creates)
        return sorted(after, key=sort_key)


def _by_key(current):
    groups = {}
    for rec in sorted(current, key=sort_key):
        groups.setdefault(group_key(rec), []).append(rec)
    return groups


def _plan_group(plan, wants, haves):
    """Make the name/type set ``haves`` exactly ``wants``: edit in place where values differ."""
    spare_haves = [h for h in haves if h['value'] not in set(w['value'] for w in wants)]
    for want in wants:
        match = next((h for h in haves if h['value'] == want['value']), None)
        if match is not None:
            changes = attribute_changes(want, match)
            if changes:
                plan.update(match, changes)
        elif spare_haves:
            have = spare_haves.pop(0)
            plan.update(have, attribute_changes(want, have))
        else:
            plan.create(want)
    for have in spare_haves:
        plan.delete(have)


def plan_single(desired, current, caps, state='present', on_existing='replace', solo=False):
    """Plan for one record (``desired`` from desired_record)."""
    plan = RecordPlan(caps)
    key = group_key(desired)
    same = [r for r in sorted(current, key=sort_key) if group_key(r) == key]
    if state == 'absent':
        for rec in same:
            if desired['value'] is None or rec['value'] == desired['value']:
                plan.delete(rec)
        return plan
    match = next((r for r in same if r['value'] == desired['value']), None)
    others = [r for r in same if r is not match]
    if match is not None:
        changes = attribute_changes(desired, match)
        if changes:
            plan.update(match, changes)
    elif others:
        values = ', '.join(r['value'] for r in others)
        if on_existing == 'keep_and_fail':
            raise CdnValidationError('on_existing', 'is keep_and_fail and %s %s already has other values (%s); nothing was changed'
                                     % (desired['record'], desired['type'], values))
        if on_existing == 'replace' or desired['type'] == 'CNAME':
            if desired['type'] == 'CNAME' and on_existing != 'replace':
                raise CdnValidationError('on_existing', 'is %s but %s already has a CNAME (%s) and a name holds one CNAME at most'
                                         % (on_existing, desired['record'], values))
            target = others.pop(0)
            plan.update(target, attribute_changes(desired, target))
        else:
            if on_existing == 'keep_and_warn':
                plan.warnings.append('%s %s already has other values (%s); added %s next to them'
                                     % (desired['record'], desired['type'], values, desired['value']))
            plan.create(desired)
    else:
        plan.create(desired)
    if solo:
        for rec in others:
            if all(item.get('current') is not rec for item in plan.updates):
                plan.delete(rec)
    check_touched_names(plan, current, 'record', [desired['record']], caps)
    return plan


def in_scope(label, scopes):
    """True when ``label`` is one of ``scopes`` or below one of them (``@`` covers the zone)."""
    for scope in scopes:
        if scope == '@' or label == scope or label.endswith('.' + scope):
            return True
    return False


def plan_many(groups, ignored, current, caps, prune=False, prune_scope=None):
    """Plan for the ``records`` list: each listed name/type set becomes exactly what is listed."""
    plan = RecordPlan(caps)
    haves = _by_key(current)
    for key in sorted(groups):
        _plan_group(plan, groups[key], haves.get(key, []))
    if prune:
        scopes = prune_scope or ['@']
        for key in sorted(haves):
            label, rtype = key
            if key in groups or any(label == i[0] and i[1] in (None, rtype) for i in ignored):
                continue
            if label == '@' and rtype in ('NS', 'SOA'):
                continue  # the apex NS set is pruned only when listed explicitly
            if in_scope(label, scopes):
                for rec in haves[key]:
                    plan.delete(rec)
    check_touched_names(plan, current, 'records', [key[0] for key in groups], caps)
    return plan


def check_touched_names(plan, current, option, names, caps=None):
    """CNAME exclusivity after the plan, on the names the task touches (others are left as found)."""
    touched = set(names) | set(key[0] for key in plan.keys())
    check_cname_exclusive([r for r in plan.predict(current) if r['record'] in touched], option, caps)


# --- applying ----------------------------------------------------------------------

def describe(item):
    rec = item.get('current') or item['desired']
    text = '%s %s %s %s' % (item['action'], rec['record'], rec['type'], rec['value'])
    if item['action'] == 'update' and 'value' in item['changes']:
        text += ' -> %s' % item['changes']['value']
    return text


def apply_plan(plan, current, create, update, delete, concurrency=DEFAULT_CONCURRENCY):
    """Deletes, then updates, then creates; a phase with errors stops the later phases.

    Returns dict(records=the records after, applied=[...], failed=[...], skipped=[...]).
    """
    after = dict((id(rec), rec) for rec in current)
    applied, failed, skipped = [], [], []
    phases = (('delete', plan.deletes, lambda i: delete(i['current'])),
              ('update', plan.updates, lambda i: update(i['current'], i['desired'])),
              ('create', plan.creates, lambda i: create(i['desired'])))
    for name, items, call in phases:
        if failed:
            skipped.extend(describe(i) for i in items)
            continue
        results = run_bounded([(lambda i=i: call(i)) for i in items], concurrency)
        for item, (result, error) in zip(items, results):
            if error is not None:
                failed.append(dict(change=describe(item), error=str(error)))
                continue
            applied.append(describe(item))
            if name == 'delete':
                after.pop(id(item['current']), None)
            elif name == 'update':
                after[id(item['current'])] = result or item['desired']
            else:
                after[id(item)] = result or dict(item['desired'], id=None)
    return dict(records=sorted(after.values(), key=sort_key), applied=applied, failed=failed, skipped=skipped)


def find_created(rec, records):
    """The record of ``records`` a create of ``rec`` made: same name, type and value."""
    return next((r for r in sorted(records, key=sort_key)
                 if group_key(r) == group_key(rec) and r['value'] == rec['value']), None)


def create_record_recovering(rec, create, reread, update, attempts=CREATE_ATTEMPTS, sleep=time.sleep,
                             clock=time.monotonic):
    """Create one record; a lost answer is recovered by reading the zone back
    (recovery.send_recovering). Found, the record is ours (the plan creates only values
    the zone lacked) and its attributes are completed."""
    def completed(found):
        changes = attribute_changes(rec, found)
        return update(found, dict(found, **changes)) if changes else found

    return send_recovering(lambda: create(rec), lambda: find_created(rec, reread()), on_found=completed,
                           attempts=attempts, sleep=sleep, clock=clock)


# --- module entry points ---------------------------------------------------------

SINGLE_OPTIONS = ('record', 'type', 'value', 'ttl', 'proxied', 'priority') + SRV_FIELDS


def record_view(rec):
    """A record in the shape the ``records`` option accepts, plus its id."""
    view = option_shape(rec)
    view['id'] = rec.get('id')
    return view


def _zone_name(value):
    name = normalize_hostname(value)
    if not is_hostname(name):
        raise CdnValidationError('zone', 'is not a valid zone name', value=value, allowed='a DNS name such as example.com')
    return name


def build_plan(params, zone, caps, current_reader):
    """Validate (no request), read the zone once, plan. Returns (plan, current, keys, many)."""
    check_concurrency(params.get('concurrency'), MAX_CONCURRENCY)
    safety = safety_options(params)
    state = params.get('state') or 'present'
    many = params.get('records') is not None
    if many:
        if state != 'present':
            raise CdnValidationError('state', 'must be present with records; remove records with prune or a single-record task')
        groups, ignored = desired_records(params['records'], zone, caps)
        scopes = None
        if params.get('prune_scope'):
            scopes = []
            for name in params['prune_scope']:
                try:
                    scopes.append(relative_name(name, zone))
                except ValueError as exc:
                    raise CdnValidationError('prune_scope', str(exc), value=name)
        current = current_reader()
        plan = plan_many(groups, ignored, current, caps, prune=params.get('prune'), prune_scope=scopes)
        if params.get('prune'):
            # records with prune is authoritative for its scope: guarded (safety.py), while planning.
            scoped = [r for r in current if in_scope(r['record'], scopes or ['@'])
                      and not (r['record'] == '@' and r['type'] in ('NS', 'SOA'))]
            check_authoritative(safety, 'records', 'records of zone %s' % zone, len(scoped),
                                len(plan.deletes), len(plan.updates), listed=len(params['records']),
                                mode='prune=true')
        keys = None
    else:
        if params.get('prune') or params.get('prune_scope'):
            raise CdnValidationError('prune', 'needs the records option')
        if params.get('record') is None and params.get('service') is None:
            raise CdnValidationError('record', 'is required (or records for many records)')
        desired = desired_record(params, zone, caps, state=state)
        current = current_reader()
        plan = plan_single(desired, current, caps, state=state, on_existing=params.get('on_existing') or 'replace',
                           solo=params.get('solo'))
        keys = set([group_key(desired)])
    return plan, current, keys, many


def run_dns_record(cdn):
    params = cdn.params
    caps = cdn.capabilities.require('dns_record', 'list')
    zone = _zone_name(params['zone'])
    adapter = cdn.adapter
    plan, current, keys, many = build_plan(params, zone, caps, lambda: adapter.list_records(zone))
    for operation in ('delete', 'update', 'create'):
        if getattr(plan, operation + 's'):
            cdn.capabilities.require('dns_record', operation)
    cdn.commit_plan(plan.as_list())
    if cdn.check_mode:
        outcome = dict(records=plan.predict(current), applied=[], failed=[], skipped=[])
        changed = plan.changed
    else:
        def create(rec):
            return create_record_recovering(rec, lambda r: adapter.create_record(zone, r),
                                            lambda: adapter.list_records(zone),
                                            lambda cur, r: adapter.update_record(zone, cur, r))

        outcome = apply_plan(plan, current,
                             create=create,
                             update=lambda cur, rec: adapter.update_record(zone, cur, rec),
                             delete=lambda cur: adapter.delete_record(zone, cur),
                             concurrency=check_concurrency(params.get('concurrency'), MAX_CONCURRENCY))
        changed = bool(outcome['applied'])
    shown = plan.keys() | (keys or set())
    before = sorted((r for r in current if group_key(r) in shown), key=sort_key)
    after = outcome['records']
    records = after if many else [r for r in after if group_key(r) in shown]
    result = dict(
        changed=changed,
        zone=zone,
        records=[record_view(r) for r in records],
        diff=dict(before=dict(records=[option_shape(r) for r in before]),
                  after=dict(records=[option_shape(r) for r in after if group_key(r) in shown])),
    )
    for warning in plan.warnings:
        cdn.module.warn(warning)
    if outcome['failed']:
        result.update(applied=outcome['applied'], errors=outcome['failed'], not_applied=outcome['skipped'])
        message = '%d of %d changes failed (%d applied, %d not attempted): %s' % (
            len(outcome['failed']), len(plan.items), len(outcome['applied']), len(outcome['skipped']),
            '; '.join('%s: %s' % (f['change'], f['error']) for f in outcome['failed']))
        cdn.fail(CdnError(message, provider=cdn.capabilities.name, operation='apply dns records of zone %s' % zone), **result)
    result['applied'] = outcome['applied']
    cdn.exit(**result)


def run_dns_record_info(cdn):
    params = cdn.params
    caps = cdn.capabilities.require('dns_record', 'list')
    zone = _zone_name(params['zone'])
    label = None
    if params.get('record') is not None:
        try:
            label = relative_name(params['record'], zone)
        except ValueError as exc:
            raise CdnValidationError('record', str(exc), value=params['record'])
    rtype = record_type(params['type'], 'type', caps) if params.get('type') else None
    records = [r for r in cdn.adapter.list_records(zone)
               if (label is None or r['record'] == label) and (rtype is None or r['type'] == rtype)]
    cdn.exit(changed=False, zone=zone, records=[record_view(r) for r in sorted(records, key=sort_key)])
