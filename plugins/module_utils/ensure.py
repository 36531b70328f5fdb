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
           unordered=(), sleep=time.sleep, differ=None, create_attempts=3):
    """Bring one resource to the desired state; return a result dict.

    Result keys: changed, before, after, plan (a Plan), changes.
    ``differ(desired, current)`` replaces the plain ``compare`` where a
    resource needs more (defaults that depend on the current object, secrets).
    """
    if differ is None:
        def differ(wanted, have):
            return compare(wanted, have, unordered)
    plan = Plan()
    current = ops.find()
    if state == 'absent':
        if current is None:
            return dict(changed=False, before=None, after=None, plan=plan, changes={})
        plan.add('delete', ops.kind, current.get('id'))
        if ops.check:
            ops.check('delete', current, {})
        if not check_mode:
            ops.delete(current)
            job = ops.deleting(current) if wait and ops.deleting else None
            if job is not None:
                job.wait(wait_timeout, sleep)
        return dict(changed=True, before=current, after=None, plan=plan, changes={})

    if current is None:
        wanted = dict((k, v) for k, v in desired.items() if v is not None)
        plan.add('create', ops.kind, None, wanted)
        if ops.check:
            ops.check('create', None, wanted)
        if check_mode:
            after = ops.predict(wanted) if ops.predict else wanted
            return dict(changed=True, before=None, after=after, plan=plan, changes=wanted)
        after = create_recovering(ops, desired, differ, create_attempts, sleep)
        after = wait_until_ready(ops, after, wait, wait_timeout, sleep)
        return dict(changed=True, before=None, after=after, plan=plan, changes=wanted)

    changes = differ(desired, current)
    if not changes:
        after = wait_until_ready(ops, current, wait and not check_mode, wait_timeout, sleep)
        return dict(changed=False, before=current, after=after, plan=plan, changes={})
    plan.add('update', ops.kind, current.get('id'), changes)
    if ops.check:
        ops.check('update', current, changes)
    if check_mode:
        return dict(changed=True, before=current, after=merge(current, changes), plan=plan, changes=changes)
    after = ops.update(current, changes, desired)
    after = wait_until_ready(ops, after, wait, wait_timeout, sleep)
    return dict(changed=True, before=current, after=after, plan=plan, changes=changes)
