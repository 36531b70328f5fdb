#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_zone_info
short_description: Read CDN zones from any supported provider
version_added: 0.1.0
description:
  - Lists every zone of the account, or reads one by O(hostname) or O(zone_id).
  - Each zone is returned in the option shape of M(edgeops.cdn.cdn_zone), so feeding it
    back into that module changes nothing.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  hostname:
    description:
      - Only the zone serving this host name.
    type: str
  zone_id:
    description:
      - Only the zone with this id.
    type: str
  extras:
    description:
      - What to read besides each zone, where the provider has it; each costs requests, so nothing
        extra is read unless listed. CloudFlow only (other providers refuse the option).
      - V(caching_rules) adds C(settings.http_caching_rules) (one request per zone), V(instructions)
        adds C(raw.instructions), what the API says to set up such as the CNAME (one request per zone),
        and V(edge_ips) adds C(raw.edge_ips), the account's edge server IPs (one request).
      - A control panel without one of these endpoints (older OnApp versions answer HTTP 404) does not
        fail the task; the extra is left out, listed in RV(skipped) and warned about.
    type: list
    elements: str
    choices: [caching_rules, instructions, edge_ips]
    default: []
'''

EXAMPLES = r'''
- name: Every UCDN zone
  edgeops.cdn.cdn_zone_info:
    provider: ucdn
  register: zones

- name: One Cloakfusion vhost
  edgeops.cdn.cdn_zone_info:
    provider: cloakfusion
    hostname: static.example.com
  register: vhost

- name: A CloudFlow zone with its caching rules and the CNAME to set
  edgeops.cdn.cdn_zone_info:
    provider: cloudflow
    hostname: cdn.example.com
    extras: [caching_rules, instructions]
  register: cloudflow_zone
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
zones:
  description:
    - The zones found, in the option shape of M(edgeops.cdn.cdn_zone) plus id, cdn_domain, status and raw.
    - CloudFlare zones carry C(raw.devmode_expires_on), when development mode switches itself off
      (ISO 8601 UTC; null while it is off).
    - CloudFlow zones carry C(raw.instructions) (what the API says to set up, such as the CNAME),
      C(raw.edge_ips) (the account's edge server IPs) and C(settings.http_caching_rules) when
      O(extras) names them.
    - Host names are in the one form they are compared in, internationalised names as IDNA
      A-labels (C(bücher.example) is C(xn--bcher-kva.example)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: "42"
      hostname: cdn.example.com
      aliases: []
      origin: https://origin.example.com
      cdn_domain: a1-42.so.clients.cdn13.com
      status: ready
skipped:
  description:
    - The O(extras) that could not be read because the provider's API has no such endpoint (HTTP 404),
      each with the reason; empty when every extra asked for was read.
  returned: always
  type: list
  elements: dict
  contains:
    extra:
      description: The extra, as named in O(extras).
      type: str
    reason:
      description: What was missing, with the request that answered 404.
      type: str
  sample:
    - extra: instructions
      reason: "this control panel has no instructions endpoint (HTTP 404 on GET /cdn_resources/42/instructions.json);
        instructions not read"
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

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.zone_view import run_zone_info


def main():
    cdn = CdnModule(
        resources=('zone',),
        argument_spec=dict(hostname=dict(type='str'), zone_id=dict(type='str'),
                           extras=dict(type='list', elements='str', default=[],
                                       choices=['caching_rules', 'instructions', 'edge_ips'])),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_zone_info(cdn))


if __name__ == '__main__':
    main()
