#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_origin
short_description: Manage the origin a CDN pulls from, standalone or on a zone
version_added: 0.2.0
description:
  - Manages where a CDN fetches content from.
  - On Leaseweb, origins are resources of their own, found by O(name) (the origin's description),
    simple origins (a host), advanced origins (host, path and ports), and origin groups
    (O(group), a load balancer over member origins). A distribution uses one through
    M(edgeops.cdn.cdn_zone)'s O(edgeops.cdn.cdn_zone#module:origin_id).
  - On UCDN (the zone's C(upstream)), Cloakfusion (the vhost's C(origin_url)) and CloudFlow
    (the CDN resource's origins, at most 3), the origin lives on the zone, found by O(zone) (required
    there); it is updated in place and exists exactly as long as the zone (O(state=absent) is refused;
    delete the zone with M(edgeops.cdn.cdn_zone)).
  - Only the options you set are compared and sent. O(group.members), when given, is the
    complete member list. A second origin with the same O(name) is never created.
  - Secrets in O(auth) are never shown back by the APIs, so they are sent when the origin is
    created, when another part of O(auth) changes, or on every run with O(update_secrets=always).
  - The collection's C(docs/support-matrix.md) lists which options each provider manages;
    an option a provider cannot manage fails before any request.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.safety
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
  - edgeops.cdn.raw
  - edgeops.cdn.zone
attributes:
  idempotent:
    support: partial
    details: A second run reports no change, except with O(update_secrets=always), which sends the secrets every time.
options:
  name:
    description:
      - The origin's (or origin group's) name; its identity on providers with standalone origins (Leaseweb C(description)).
    type: str
  endpoints:
    description:
      - The servers to pull from, in order (CloudFlow takes up to 3; the others one).
    type: list
    elements: dict
    suboptions:
      host:
        description: Host name or IP address.
        type: str
        required: true
      port:
        description:
          - TCP port; omitted means the default port of O(protocol).
          - Leaseweb origins have no per-endpoint port; use O(http_port) and O(https_port).
        type: int
      bucket:
        description: S3 bucket (UCDN C(aws-s3) upstream with O(auth.type=aws_secret_key)).
        type: str
      region:
        description: S3 region (UCDN C(aws-s3) upstream).
        type: str
  protocol:
    description:
      - Protocol used towards the origin.
    type: str
    choices: [http, https]
  host_header:
    description:
      - Host header sent to the origin.
    type: str
  path:
    description:
      - Path prefix on the origin (Leaseweb advanced origins, Cloakfusion origin URL path).
    type: str
  http_port:
    description:
      - HTTP port of a Leaseweb advanced origin.
    type: int
  https_port:
    description:
      - HTTPS port of a Leaseweb advanced origin.
    type: int
  auth:
    description:
      - How the CDN authenticates to the origin (UCDN upstream auth).
    type: dict
    suboptions:
      type:
        description: The authentication method.
        type: str
        choices: [none, http_basic, aws_signing_key, aws_secret_key]
        default: none
      username:
        description: User for O(auth.type=http_basic).
        type: str
      password:
        description: Password for O(auth.type=http_basic).
        type: str
      access_key:
        description: AWS access key id for the C(aws_*) types.
        type: str
      secret_key:
        description: AWS secret access key for O(auth.type=aws_secret_key).
        type: str
      signing_key:
        description: AWS signing key for O(auth.type=aws_signing_key).
        type: str
      key_scope:
        description: AWS key scope for O(auth.type=aws_signing_key).
        type: str
  update_secrets:
    description:
      - V(on_create) sends the secrets of O(auth) only when creating the origin or when the rest
        of O(auth) changes (the APIs never show secrets, so a changed password alone is not seen).
      - V(always) sends them on every run and always reports a change.
    type: str
    choices: [always, on_create]
    default: on_create
  enabled:
    description:
      - Whether the origin (or group) is enabled (Leaseweb).
    type: bool
  group:
    description:
      - Manage an origin group named O(name) (Leaseweb) instead of a single origin.
    type: dict
    suboptions:
      balancing_method:
        description: How requests are spread over the members, for example C(ROUNDROBIN) or C(CONSISTENT).
        type: str
      fail_timeout:
        description: Seconds before a failing member is taken out.
        type: int
      keep_alive:
        description: Keep-alive to the members; on Leaseweb an on/off switch (V(0) or V(1)).
        type: int
      keep_alive_seconds:
        description: Keep-alive timeout in seconds.
        type: int
      enabled:
        description: Whether the group is enabled.
        type: bool
      members:
        description:
          - The member origins; when given, exactly these (authoritative).
        type: list
        elements: dict
        suboptions:
          origin:
            description: Name or id of a member origin.
            type: str
            required: true
          status:
            description: The member's role.
            type: str
            choices: [active, backup, inactive]
            default: active
  state:
    description:
      - Whether the origin should exist.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Safety thresholds (O(safety)) guard O(group.members); emptying a group, or removing more than a
    share of its members, is refused unless O(safety) allows it.
'''

EXAMPLES = r'''
- name: A Leaseweb origin and a group with a backup member
  edgeops.cdn.cdn_origin:
    provider: leaseweb
    name: "{{ item.name }}"
    endpoints:
      - host: "{{ item.host }}"
  loop:
    - {name: backend-a, host: a.origin.example.com}
    - {name: backend-b, host: b.origin.example.com}

- name: Load-balance them
  edgeops.cdn.cdn_origin:
    provider: leaseweb
    name: backends
    group:
      balancing_method: ROUNDROBIN
      members:
        - origin: backend-a
        - origin: backend-b
          status: backup

- name: UCDN zone pulling from an S3 bucket
  edgeops.cdn.cdn_origin:
    provider: ucdn
    zone: cdn.example.com
    endpoints:
      - host: s3.eu-central-1.amazonaws.com
        bucket: assets
        region: eu-central-1
    auth:
      type: aws_secret_key
      access_key: "{{ s3_access_key }}"
      secret_key: "{{ s3_secret_key }}"

- name: CloudFlow resource with two origins
  edgeops.cdn.cdn_origin:
    provider: cloudflow
    api_url: https://cdn.example.net/
    zone: static.example.com
    endpoints:
      - host: origin1.example.com
      - host: origin2.example.com
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of the plan and of the current values it was planned against (never of a secret);
      the same in check mode and in the real run from the same state.
    - Pass it as O(expected_plan_checksum) to apply exactly the plan that was approved.
  returned: always
  type: str
  sample: 9f2c4e0b7a51d3c8e6f1a2b4c5d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9
applied:
  description:
    - On a failure after a write, the operations the provider accepted before it (with
      C(changed=true) and the plan), so nothing applied is hidden.
  returned: failure after a write
  type: list
  elements: str
origin:
  description: The origin after the change (in check mode, as it would be); null when absent. Secrets are masked.
  returned: always
  type: dict
  contains:
    id:
      description: The provider's id of the origin (for an origin on a zone, the zone's id).
      type: str
    kind:
      description: V(origin) or V(group).
      type: str
    name:
      description: The origin's name.
      type: str
    zone:
      description: Id of the zone the origin lives on, if it does.
      type: str
    endpoints:
      description: The servers pulled from.
      type: list
      elements: dict
    raw:
      description: The provider's own representation, secrets removed; only with O(return_raw=true).
      type: dict
      returned: when O(return_raw=true)
  sample:
    id: or-4njkb2g
    kind: origin
    name: backend-a
    zone: null
    endpoints:
      - host: a.origin.example.com
        port: null
    enabled: true
plan:
  description: The changes planned (and applied unless in check mode).
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      resource: origin
      id: or-4njkb2g
      changes:
        enabled: false
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

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule, return_raw_argument_spec
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import safety_argument_spec
from ansible_collections.edgeops.cdn.plugins.module_utils.origin import run_origin


def main():
    cdn = CdnModule(
        resources=('origin', 'zone'),
        argument_spec=dict(
            safety=safety_argument_spec(),
            name=dict(type='str'),
            zone=dict(type='str'),
            endpoints=dict(type='list', elements='dict', options=dict(
                host=dict(type='str', required=True),
                port=dict(type='int'),
                bucket=dict(type='str'),
                region=dict(type='str'),
            )),
            protocol=dict(type='str', choices=['http', 'https']),
            host_header=dict(type='str'),
            path=dict(type='str'),
            http_port=dict(type='int'),
            https_port=dict(type='int'),
            auth=dict(type='dict', options=dict(
                type=dict(type='str', default='none',
                          choices=['none', 'http_basic', 'aws_signing_key', 'aws_secret_key']),
                username=dict(type='str'),
                password=dict(type='str', no_log=True),
                access_key=dict(type='str', no_log=False),
                secret_key=dict(type='str', no_log=True),
                signing_key=dict(type='str', no_log=True),
                key_scope=dict(type='str', no_log=False),
            )),
            update_secrets=dict(type='str', default='on_create', choices=['always', 'on_create'], no_log=False),
            enabled=dict(type='bool'),
            group=dict(type='dict', options=dict(
                balancing_method=dict(type='str'),
                fail_timeout=dict(type='int'),
                keep_alive=dict(type='int'),
                keep_alive_seconds=dict(type='int'),
                enabled=dict(type='bool'),
                members=dict(type='list', elements='dict', options=dict(
                    origin=dict(type='str', required=True),
                    status=dict(type='str', default='active', choices=['active', 'backup', 'inactive']),
                )),
            )),
            return_raw=return_raw_argument_spec(),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
        required_one_of=[('name', 'zone')],
    )
    cdn.run(lambda: run_origin(cdn))


if __name__ == '__main__':
    main()
