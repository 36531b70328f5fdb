#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_access_rule
short_description: Manage who may fetch content from a CDN zone (IP, country and referrer rules)
version_added: 0.2.0
description:
  - Allows or denies content by client IP address or network, by country, or by referring host, with one
    interface for every provider that offers it.
  - Leaseweb keeps the rules as ACLs on the distribution's policy and switches the policy's IP, geo and referrer
    checks on while rules of that kind exist. UCDN keeps countries allowed or denied and referrers on the zone.
    CloudFlow keeps one policy per kind (allow by default or block by default) with one list, so the rules of one
    type must share one action. The legacy CloudFlare API keeps account-wide IP lists (whitelist and ban) that it
    cannot list back.
  - The rules belong to the zone O(zone), which is required except where the provider's rules are account-wide
    (CloudFlare); there O(zone) is ignored with a warning.
  - With O(purge_rules=true) the rules listed are authoritative; rules found and not listed are removed.
  - The whole change is planned first; rules a provider cannot hold together fail before any write.
  - Which rule types each provider offers is in the support matrix (C(docs/support-matrix.md)).
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.safety
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
  - edgeops.cdn.zone
attributes:
  idempotent:
    support: partial
    details:
      - A second run reports no change, except on the legacy CloudFlare API, which cannot list its IP lists and is
        sent the rules on every run.
options:
  rules:
    description:
      - The rules to add (O(state=present)) or remove (O(state=absent)).
    type: list
    elements: dict
    default: []
    suboptions:
      type:
        description:
          - V(ip) (an address or CIDR network), V(country) (ISO 3166-1 alpha-2 code) or V(referrer) (a host name,
            optionally starting with C(*.)).
        type: str
        required: true
        choices: [ip, country, referrer]
      action:
        description:
          - Whether matching requests are allowed or denied.
        type: str
        default: deny
        choices: [allow, deny]
      value:
        description:
          - The address, network, country code or host name. It is normalised (C(de) is C(DE), C(192.0.2.1/32) is
            C(192.0.2.1)).
        type: str
        required: true
  purge_rules:
    description:
      - Remove the rules found on the zone that O(rules) does not list (with O(state=absent), remove every rule).
    type: bool
    default: false
  state:
    description:
      - V(present) adds the rules listed; V(absent) removes them.
    type: str
    default: present
    choices: [present, absent]
notes:
  - Safety thresholds (O(safety)) guard O(rules) with O(purge_rules=true) and O(state=present); emptying
    it, or deleting more than a share of the rules, is refused unless O(safety) allows it.
    O(state=absent) with O(purge_rules=true) is the explicit way to remove every rule.
'''

EXAMPLES = r'''
- name: Only Germany and Austria may fetch from this Leaseweb distribution
  edgeops.cdn.cdn_access_rule:
    provider: leaseweb
    zone: cdn.example.com
    rules:
      - {type: country, action: allow, value: DE}
      - {type: country, action: allow, value: AT}
    purge_rules: true

- name: On UCDN, only pages of example.com may embed the files, and one country is refused
  edgeops.cdn.cdn_access_rule:
    provider: ucdn
    zone: static.example.com
    rules:
      # UCDN referrers only allow: every other referring site is then refused. It has no IP rules.
      - {type: referrer, action: allow, value: "*.example.com"}
      - {type: country, action: deny, value: KP}

- name: Ban an address account-wide on CloudFlare
  edgeops.cdn.cdn_access_rule:
    provider: cloudflare
    rules:
      - {type: ip, action: deny, value: 198.51.100.7}

- name: Remove every rule of a CloudFlow resource
  edgeops.cdn.cdn_access_rule:
    provider: cloudflow
    zone: cdn.example.com
    state: absent
    purge_rules: true
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
rules:
  description:
    - The rules after the run (the prediction in check mode), sorted by type, action and value.
    - Where the provider cannot list its rules (CloudFlare), the rules sent.
  returned: success
  type: list
  elements: dict
  contains:
    type:
      description: V(ip), V(country) or V(referrer).
      type: str
    action:
      description: V(allow) or V(deny).
      type: str
    value:
      description: The normalised value.
      type: str
    id:
      description: The provider's id of the rule where it has one (Leaseweb ACL ids), else null.
      type: str
  sample:
    - {type: country, action: allow, value: AT, id: iacl-3}
    - {type: country, action: allow, value: DE, id: iacl-2}
added:
  description: The rules added (to be added in check mode).
  returned: success
  type: list
  elements: dict
removed:
  description: The rules removed (to be removed in check mode).
  returned: success
  type: list
  elements: dict
plan:
  description: The planned writes, deletes first.
  returned: success
  type: list
  elements: dict
zone:
  description: The zone's provider id (null for account-wide rules).
  returned: success
  type: str
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

from ansible_collections.edgeops.cdn.plugins.module_utils.access_rule import run_access_rule
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import safety_argument_spec


def main():
    cdn = CdnModule(
        resources=('access_rule', 'zone'),
        argument_spec=dict(
            safety=safety_argument_spec(),
            zone=dict(type='str'),
            rules=dict(type='list', elements='dict', default=[], options=dict(
                type=dict(type='str', required=True, choices=['ip', 'country', 'referrer']),
                action=dict(type='str', default='deny', choices=['allow', 'deny']),
                value=dict(type='str', required=True),
            )),
            purge_rules=dict(type='bool', default=False),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_access_rule(cdn))


if __name__ == '__main__':
    main()
