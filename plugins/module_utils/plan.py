# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The plan of a change (computed before anything is written) and the diff a module shows,
both in option shape and without secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json

from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED


class Plan:
    """The whole change, computed before anything is written."""

    def __init__(self):
        self.actions = []

    def add(self, action, resource, ident=None, changes=None, before=None):
        """``before``: the current values of what an update changes. Not shown in the plan, but part
        of its checksum: a plan approved against other values is not the same plan."""
        self.actions.append(dict(action=action, resource=resource, id=ident,
                                 changes=changes or {}, _before=before))

    @property
    def changed(self):
        return bool(self.actions)

    def ordered(self):
        """Deletes, then updates, then creates."""
        rank = {'delete': 0, 'update': 1, 'create': 2}
        return sorted(self.actions, key=lambda a: rank.get(a['action'], 3))

    def as_list(self, secret_keys=()):
        """The actions in the order they are applied (deletes, updates, creates), as shown."""
        return [_shown(a, secret_keys) for a in self.ordered()]

    def in_order_added(self, secret_keys=()):
        """The actions as shown, in the order they were added (for cores that apply in their own order)."""
        return [_shown(a, secret_keys) for a in self.actions]

    def basis(self, secret_keys=()):
        """What the plan was computed against (see add), in plan order, secrets masked."""
        return [redact_secrets(a.get('_before'), secret_keys) for a in self.ordered()]


def _shown(action, secret_keys):
    """An action as results show it: without its basis (see Plan.add), secrets masked."""
    return redact_secrets(dict((k, v) for k, v in action.items() if k != '_before'), secret_keys)


def redact_secrets(value, secret_keys):
    """A copy of ``value`` with the values under ``secret_keys`` masked, at any depth."""
    if isinstance(value, dict):
        return dict((k, REDACTED if k in secret_keys and v not in (None, '') else redact_secrets(v, secret_keys))
                    for k, v in value.items())
    if isinstance(value, list):
        return [redact_secrets(v, secret_keys) for v in value]
    return value


def option_view(state, keys, secret_keys=()):
    """The part of a canonical object a user sees in a diff (option shape)."""
    if state is None:
        return {}
    view = dict((k, state.get(k)) for k in keys if k in state)
    return redact_secrets(view, secret_keys)


def make_diff(before, after, keys, secret_keys=()):
    """Ansible's diff (before/after) of one object, in option shape."""
    return dict(before=option_view(before, keys, secret_keys),
                after=option_view(after, keys, secret_keys))


def plan_checksum(actions, basis=None):
    """A stable digest of planned actions and of the current values they were planned against
    (sha256 hex of canonical JSON): the same plan from the same state gives the same checksum on any
    run, controller or ansible-core version. Secrets are masked before, so a checksum never depends
    on one."""
    text = json.dumps([actions or [], basis or []], sort_keys=True, separators=(',', ':'), ensure_ascii=True,
                      default=str)
    return hashlib.sha256(text.encode('utf-8')).hexdigest()
