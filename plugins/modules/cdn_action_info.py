#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_action_info
short_description: List a CDN provider's background jobs (actions) or read one
version_added: 0.2.0
description:
  - Lists the provider's actions, the background jobs that follow a change (Leaseweb C(INVALIDATION),
    C(CREATE_DIST), C(UPDATE_DIST), C(DELETE_DIST)), newest first, or reads one by O(action_id).
  - Never changes anything.
  - Providers without actions fail with a message naming what they offer. Purge jobs alone are also shown by
    M(edgeops.cdn.cdn_purge_info).
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  action_id:
    description:
      - One action to read (Leaseweb action ids are UUIDs). Not found, RV(actions) is empty.
      - Cannot be combined with O(types) or O(limit).
    type: str
  types:
    description:
      - Only actions of these types (Leaseweb V(INVALIDATION), V(CREATE_DIST), V(UPDATE_DIST), V(DELETE_DIST)).
    type: list
    elements: str
  limit:
    description:
      - At most this many actions, the newest (1 to 500).
    type: int
'''

EXAMPLES = r'''
- name: The last ten distribution changes on Leaseweb
  edgeops.cdn.cdn_action_info:
    provider: leaseweb
    api_token: "{{ leaseweb_api_key }}"
    types: [CREATE_DIST, UPDATE_DIST, DELETE_DIST]
    limit: 10
  register: changes

- name: One action
  edgeops.cdn.cdn_action_info:
    provider: leaseweb
    action_id: 50ea5204-4827-41d2-a940-cb5afdfb2426
  register: one
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
actions:
  description: The actions, newest first (empty when O(action_id) was not found).
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The action id.
      type: str
      sample: 50ea5204-4827-41d2-a940-cb5afdfb2426
    type:
      description: What the job does.
      type: str
      sample: INVALIDATION
    status:
      description: The provider's status of the job (Leaseweb C(PENDING), C(IN_PROGRESS), C(FINISHED)).
      type: str
      sample: FINISHED
    created:
      description: When the job was created, ISO 8601 UTC.
      type: str
      sample: "2024-07-10T13:10:15Z"
    updated:
      description: When the job last changed, ISO 8601 UTC (null when never).
      type: str
      sample: "2024-08-08T12:52:09Z"
    resource:
      description: What the job works on, as the provider describes it (for an invalidation its id, status and
        per-URL status), or null.
      type: dict
    raw:
      description: The provider's own object.
      type: dict
api_requests:
  description:
    - Every request the module sent to the provider API, in order, with the answer's status; for
      troubleshooting. Secrets are masked.
    - Returned only at Ansible verbosity 3 or more (C(-vvv)), also with most failures.
  returned: when Ansible runs with C(-vvv) or more
  type: list
  elements: dict
  contains:
    method:
      description: The HTTP method.
      type: str
    path:
      description: The path, relative to O(api_url).
      type: str
    operation:
      description: What the request was for, in words.
      type: str
    attempt:
      description: The try (1 for the first; retries count up).
      type: int
    params:
      description: The query parameters, secrets masked; null when none.
      type: dict
    body:
      description: The body sent, secrets masked; null when none.
      type: raw
    write:
      description: Whether the request changes something at the provider.
      type: bool
    status:
      description: The HTTP status of the answer; absent when none came (see C(error)).
      type: int
    elapsed:
      description: Seconds the try took.
      type: float
    error:
      description:
        - Why the try did not succeed - no usable answer (V(refused), V(dns), V(connect_timeout), V(timeout),
          V(dropped)), or V(answer) for an answer that refused the request in its body or could not be read.
        - Absent when the try succeeded.
      type: str
  sample:
    - method: GET
      path: zones/
      operation: list zones
      attempt: 1
      params: null
      body: null
      write: false
      status: 200
      elapsed: 0.042
'''

from ansible_collections.edgeops.cdn.plugins.module_utils.action import run_action_info
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        resources=('action',),
        argument_spec=dict(
            action_id=dict(type='str'),
            types=dict(type='list', elements='str'),
            limit=dict(type='int'),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_action_info(cdn))


if __name__ == '__main__':
    main()
