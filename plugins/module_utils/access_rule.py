# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_access_rule's provider-agnostic core: who may fetch content.

A rule is (type, action, value): an IP address or network, a country or a
referring host, allowed or denied. Providers hold rules per rule (Leaseweb
ACLs), as lists on the zone (UCDN, CloudFlow) or account-wide (CloudFlare);
the core plans on canonical rules and the adapter writes in its API's shape.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.names import normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import Plan
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ACCESS_RULE_ACTIONS, ACCESS_RULE_TYPES
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import check_authoritative, safety_options

RULE_KEYS = ('type', 'action', 'value')


def rule_key(rule):
    return (rule['type'], rule['action'], rule['value'])


def rule_view(rule):
    return dict((k, rule.get(k)) for k in RULE_KEYS)


def sort_rules(rules):
    return sorted(rules, key=rule_key)


def desired_rules(params, caps):
    """The listed rules, normalised and checked against the provider's rule types (no request sent)."""
    supported = caps.resource('access_rule').fields
    rules = []
    seen = set()
    for index, item in enumerate(params.get('rules') or []):
        option = 'rules[%d]' % index
        rule_type = item.get('type')
        if rule_type not in ACCESS_RULE_TYPES:
            raise CdnValidationError(option + '.type', 'is not a rule type', value=rule_type,
                                     allowed=', '.join(ACCESS_RULE_TYPES))
        if rule_type not in supported:
            raise CdnUnsupportedError('option %s.type: %s does not offer %s access rules; it offers: %s'
                                      % (option, caps.title, rule_type, ', '.join(supported) or 'none'),
                                      provider=caps.name)
        action = item.get('action') or 'deny'
        if action not in ACCESS_RULE_ACTIONS:
            raise CdnValidationError(option + '.action', 'is not an action', value=action,
                                     allowed=', '.join(ACCESS_RULE_ACTIONS))
        rule = dict(type=rule_type, action=action, id=None,
                    value=normalize_rule_value(rule_type, item.get('value'), option=option + '.value'))
        if rule_key(rule) not in seen:
            seen.add(rule_key(rule))
            rules.append(rule)
    return rules


def plan_rules(listed, current, state, purge):
    """(add, remove, final) as lists of canonical rules; ``current`` None means the API cannot list."""
    listed_keys = set(rule_key(r) for r in listed)
    if current is None:
        if state == 'present':
            return list(listed), [], list(listed)
        return [], list(listed), []
    current_keys = set(rule_key(r) for r in current)
    if state == 'present':
        add = [r for r in listed if rule_key(r) not in current_keys]
        remove = [r for r in current if purge and rule_key(r) not in listed_keys]
    else:
        add = []
        remove = [r for r in current if rule_key(r) in listed_keys or purge]
    removed = set(rule_key(r) for r in remove)
    final = [r for r in current if rule_key(r) not in removed] + add
    return add, remove, sort_rules(final)


def run_access_rule(cdn):
    params = cdn.params
    caps = cdn.capabilities
    rule_caps = caps.resource('access_rule')
    state = params['state']
    purge = params.get('purge_rules')
    can_list = 'list' in rule_caps.operations
    if state == 'present' and params.get('rules'):
        caps.require('access_rule', 'create')
    if state == 'absent' or purge:
        caps.require('access_rule', 'delete')
    if purge and not can_list:
        raise CdnUnsupportedError('option purge_rules: %s cannot list its access rules, so it cannot remove the rules '
                                  'not listed; list the rules to remove with state=absent' % caps.title,
                                  provider=caps.name)
    listed = desired_rules(params, caps)
    account_wide = caps.limits.access_rule_scope == 'account'
    if account_wide and params.get('zone'):
        cdn.module.warn('%s access rules are account-wide; option zone (%s) is ignored' % (caps.title, params['zone']))
    if not account_wide and not params.get('zone'):
        raise CdnValidationError('zone', 'is required: %s access rules belong to a zone' % caps.title,
                                 allowed='a zone host name or id')
    if state == 'absent' and not listed and not purge:
        raise CdnValidationError('rules', 'is empty: state=absent removes the rules listed',
                                 allowed='the rules to remove, or purge_rules=true to remove every rule')

    safety = safety_options(params)
    adapter = cdn.adapter
    zone = None
    if not account_wide:
        zone = adapter.require_zone_ref(params['zone'], 'access rules')
    current = sort_rules(adapter.list_access_rules(zone)) if can_list else None
    add, remove, final = plan_rules(listed, current, state, purge)
    if purge and state == 'present' and current is not None:
        # rules with purge_rules is authoritative: guarded (safety.py), while planning. (state=absent
        # with purge_rules=true is the explicit "remove every rule".)
        where = 'zone %s' % zone['id'] if zone else 'the account'
        check_authoritative(safety, 'rules', 'access rules of %s' % where, len(current),
                            len(remove), listed=len(listed), mode='purge_rules=true')
    # Without a listing, the rules to remove are sent as listed: check them too.
    adapter.validate_access_rules(zone, final if current is not None else final + remove)

    # Rule changes bring the enforcement along; without any, ask what else is off.
    drift = adapter.access_rule_drift(zone, final) if can_list and not (add or remove) else {}

    plan = Plan()
    for rule in remove:
        plan.add('delete', 'access_rule', rule.get('id'), rule_view(rule))
    if drift:
        plan.add('update', 'access_rule_enforcement', zone['id'] if zone else None, drift)
    for rule in add:
        plan.add('create', 'access_rule', None, rule_view(rule))
    changed = bool(add or remove or drift)
    cdn.commit_plan(plan.as_list())
    after = final
    if changed and not cdn.check_mode:
        adapter.apply_access_rules(zone, current, final, add, remove)
        if can_list:
            after = sort_rules(adapter.list_access_rules(zone))
    if not can_list:
        cdn.module.warn('%s cannot list its access rules: the rules were sent as listed and the module reports a '
                        'change on every run' % caps.title)
    result = dict(
        changed=changed,
        rules=[dict(rule_view(r), id=r.get('id')) for r in after],
        added=[rule_view(r) for r in add],
        removed=[rule_view(r) for r in remove],
        zone=zone['id'] if zone else None,
        diff=dict(before=dict(rules=[rule_view(r) for r in current] if current is not None else None),
                  after=dict(rules=[rule_view(r) for r in final])),
    )
    cdn.exit(**result)
