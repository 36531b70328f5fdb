# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_action_info's core: a provider's background jobs (actions), listed or read by id.

The adapter contract (every adapter offering the resource ``action``):
``choices['types']`` of the resource lists the action types a listing can be
narrowed to; ``validate_action_id(ident)`` checks an id (no request) and
returns it canonical; ``get_action(ident)`` returns one action or None;
``list_actions(types, limit)`` returns actions newest first. An action is
{'id', 'type', 'status', 'created', 'updated' (ISO 8601 UTC), 'resource'
(dict or None), 'raw'}.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError

MAX_LIMIT = 500


def check_action_options(params, caps):
    """The types and limit asked for, checked before any request."""
    allowed = caps.resource('action').choices.get('types') or ()
    types = []
    for value in params.get('types') or []:
        text = str(value).strip().upper()
        if text not in allowed:
            raise CdnValidationError('types', 'has an action type the provider does not know', value=value,
                                     allowed=', '.join(allowed))
        if text not in types:
            types.append(text)
    limit = params.get('limit')
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise CdnValidationError('limit', 'is out of range', value=limit, allowed='1 to %d' % MAX_LIMIT)
    return types, limit


def run_action_info(cdn):
    params = cdn.params
    caps = cdn.capabilities
    if params.get('action_id'):
        caps.require('action', 'get')
        if params.get('types') or params.get('limit') is not None:
            raise CdnValidationError('action_id', 'reads one action; types and limit narrow a listing',
                                     allowed='action_id alone, or types and limit without it')
        ident = cdn.adapter.validate_action_id(params['action_id'])
        action = cdn.adapter.get_action(ident)
        cdn.exit(changed=False, actions=[action] if action else [])
    caps.require('action', 'list')
    types, limit = check_action_options(params, caps)
    cdn.exit(changed=False, actions=cdn.adapter.list_actions(types=types, limit=limit))
