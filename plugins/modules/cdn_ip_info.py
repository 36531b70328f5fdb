#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_ip_info
short_description: Threat scores of IP addresses and the recent visitor IPs of a zone
version_added: 0.2.0
description:
  - Looks up the provider's threat score of each address in O(ips) (CloudFlare C(ip_lkup), one request
    an address) and/or lists the IP addresses that recently visited O(zone) (CloudFlare C(zone_ips)).
    Never changes anything.
  - Only CloudFlare offers this; other providers fail with a message naming what they offer.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
  - edgeops.cdn.zone
options:
  ips:
    description:
      - IPv4 or IPv6 addresses to look up the threat score of (one request each).
      - CloudFlare's scores are on a logarithmic scale; a higher score means a higher threat.
      - At least one of O(ips) and O(zone) is required.
    type: list
    elements: str
  hours:
    description:
      - How many past hours to list visitors of, 1 to 48 (CloudFlare's maximum). V(24) when not set.
      - Only with O(zone).
    type: int
  class:
    description:
      - Only visitors of this class. CloudFlare's letters are accepted too (V(r) regular, V(s) crawler,
        V(t) threat). All classes when not set.
      - Only with O(zone).
    type: str
    choices: [regular, crawler, threat, r, s, t]
  geo:
    description:
      - Add each visitor's latitude and longitude (CloudFlare C(geo=1)); without it they are null.
      - Only with O(zone).
    type: bool
'''

EXAMPLES = r'''
- name: Threat scores of two addresses
  edgeops.cdn.cdn_ip_info:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    ips:
      - 192.0.2.10
      - 2001:db8::1
  register: scores

- name: Threats that visited example.com in the past 48 hours, with their location
  edgeops.cdn.cdn_ip_info:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    zone: example.com
    hours: 48
    class: threat
    geo: true
  register: threats

- name: Ban the busiest of them account-wide
  edgeops.cdn.cdn_access_rule:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    rules:
      - type: ip
        action: deny
        value: "{{ (threats.visitors | sort(attribute='hits') | last).ip }}"
  when: threats.visitors | length > 0
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
threat_scores:
  description: One entry per address of O(ips), in order (empty without O(ips)).
  returned: always
  type: list
  elements: dict
  contains:
    ip:
      description: The address looked up.
      type: str
    score:
      description: The provider's answer as it came, for example C(BAD:0); null when it gave none.
      type: str
    score_label:
      description: The part of RV(threat_scores[].score) before the colon.
      type: str
    score_value:
      description: The number after the colon (higher is more threatening), null when there is none.
      type: int
  sample:
    - ip: 192.0.2.10
      score: "BAD:0"
      score_label: BAD
      score_value: 0
visitors:
  description: The addresses that visited O(zone) in the past O(hours) (empty without O(zone)).
  returned: always
  type: list
  elements: dict
  contains:
    ip:
      description: The visitor's address.
      type: str
    classification:
      description: C(regular), C(crawler) or C(threat).
      type: str
    hits:
      description: Requests from the address in the period.
      type: int
    latitude:
      description: With O(geo), the address's latitude; else null.
      type: float
    longitude:
      description: With O(geo), the address's longitude; else null.
      type: float
    zone:
      description: The zone name.
      type: str
  sample:
    - ip: 203.0.113.66
      classification: threat
      hits: 8
      latitude: 38.0
      longitude: -97.0
      zone: example.com
zone:
  description: The zone name whose visitors are listed; null without O(zone).
  returned: always
  type: str
hours:
  description: The look-back in hours used for the visitor listing; null without O(zone).
  returned: always
  type: int
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

from ansible_collections.edgeops.cdn.plugins.module_utils.ip_info import run_ip_info
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        resources=('ip_info', 'zone'),
        argument_spec={
            'ips': dict(type='list', elements='str'),
            'zone': dict(type='str'),
            'hours': dict(type='int'),
            'class': dict(type='str', choices=['regular', 'crawler', 'threat', 'r', 's', 't']),
            'geo': dict(type='bool'),
        },
        supports_check_mode=True,
        required_one_of=[('ips', 'zone')],
    )
    cdn.run(lambda: run_ip_info(cdn))


if __name__ == '__main__':
    main()
