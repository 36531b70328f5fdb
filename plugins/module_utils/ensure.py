# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generic loop that brings one resource to its desired state: find, plan, then create,
update or delete through the callbacks a core gives (ResourceOps)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import compare, merge
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import Plan
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import create_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import wait_until_ready


class ResourceOps:
    """Callbacks ``ensure`` drives; adapters provide them per resource."""

    def __init__(self, kind, find, create, update, delete, ready=None, predict=None, check=None, deleting=None):
        self.kind = kind
        self.find = find
        self.create = create
        self.update = update
        self.delete = delete
        self.ready = ready
        self.predict = predict
        # check(action, current, changes): raise when the planned action would fail for a reason
        # known before any write (a missing prerequisite, an immutable field); called in check
        # mode too, so that check mode fails exactly where the real run would.
        self.check = check
        # deleting(current): after a delete, the background job to follow until it is done (a
        # waiter.Follow), or None when the provider deletes at once.
        self.deleting = deleting


def ensure(ops, desired, state, check_mode=False, wait=False, wait_timeout=300,
           unordered=(), sleep=time.sleep, differ=None, create_attempts=3, commit=None):
    """Bring one resource to the desired state; return a result dict.

    Result keys: changed, before, after, plan (a Plan), changes.
    ``differ(desired, current)`` replaces the plain ``compare`` where a
    resource needs more (defaults that depend on the current object, secrets).
    ``commit(plan, current)`` is called once the whole plan is known and checked, before any
    write and in check mode too (CdnModule.commit_plan: the result's plan, approvals); a core may
    add its own steps to the plan there.
    """
    if differ is None:
        def differ(wanted, have):
            return compare(wanted, have, unordered)
    plan = Plan()
    current = ops.find()
    changes = {}
    if state == 'absent':
        if current is not None:
            plan.add('delete', ops.kind, current.get('id'))
    elif current is None:
        changes = dict((k, v) for k, v in desired.items() if v is not None)
        plan.add('create', ops.kind, None, changes)
    else:
        changes = differ(desired, current)
        if changes:
            plan.add('update', ops.kind, current.get('id'), changes,
                     before=dict((key, current.get(key)) for key in changes))
    action = plan.actions[0]['action'] if plan.actions else None
    if action and ops.check:
        ops.check(action, current, changes)
    if commit is not None:
        commit(plan, current)
    result = dict(changed=action is not None, before=current, after=current, plan=plan, changes=changes)

    if action is None:
        if state != 'absent':
            result['after'] = wait_until_ready(ops, current, wait and not check_mode, wait_timeout, sleep)
        return result
    if action == 'delete':
        result['after'] = None
        if not check_mode:
            ops.delete(current)
            job = ops.deleting(current) if wait and ops.deleting else None
            if job is not None:
                job.wait(wait_timeout, sleep)
        return result
    if action == 'create':
        if check_mode:
            result['after'] = ops.predict(changes) if ops.predict else changes
            return result
        after = create_recovering(ops, desired, differ, create_attempts, sleep)
        result['after'] = wait_until_ready(ops, after, wait, wait_timeout, sleep)
        return result
    if check_mode:
        result['after'] = merge(current, changes)
        return result
    after = ops.update(current, changes, desired)
    result['after'] = wait_until_ready(ops, after, wait, wait_timeout, sleep)
    return result
