#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_dns_record_info
short_description: Read the DNS records of a CDN provider's zone
version_added: 0.1.0
description:
  - Lists the records of a zone (every page, one read per page), optionally only one name or type.
  - The records come in the shape the O(edgeops.cdn.cdn_dns_record#module:records) option accepts, so feeding them
    back into M(edgeops.cdn.cdn_dns_record) changes nothing.
  - Only V(cloudflare) offers DNS records; other providers fail at once.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  zone:
    description:
      - The zone (domain), for example C(example.com).
    type: str
    required: true
  record:
    description:
      - Only records of this name (label, C(@) for the apex, or fully qualified name).
    type: str
  type:
    description:
      - Only records of this type, in any case (V(cname) is V(CNAME)), one of V(A), V(AAAA), V(CNAME), V(MX),
        V(TXT), V(SPF), V(NS), V(SRV) and V(LOC) that the provider offers.
    type: str
seealso:
  - module: edgeops.cdn.cdn_dns_record
'''

EXAMPLES = r'''
- name: Every record of the zone
  edgeops.cdn.cdn_dns_record_info:
    provider: cloudflare
    zone: example.com
  register: dns

- name: The MX records of the apex
  edgeops.cdn.cdn_dns_record_info:
    provider: cloudflare
    zone: example.com
    record: "@"
    type: MX
  register: mx
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
zone:
  description: The zone name, normalised.
  returned: always
  type: str
  sample: example.com
records:
  description: The records, sorted by name, type and value, in the shape O(edgeops.cdn.cdn_dns_record#module:records) accepts, plus the id.
  returned: always
  type: list
  elements: dict
  sample:
    - {record: "@", type: MX, value: mail.example.com, ttl: 1, proxied: null, priority: 10, id: "16606010"}
    - {record: www, type: A, value: 192.0.2.1, ttl: 3600, proxied: true, priority: null, id: "16606009"}
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

from ansible_collections.edgeops.cdn.plugins.module_utils.dns import run_dns_record_info
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        resources=('dns_record',),
        argument_spec=dict(
            zone=dict(type='str', required=True),
            record=dict(type='str'),
            # No choices: record types are case-insensitive; the core checks them (dns.record_type).
            type=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_dns_record_info(cdn))


if __name__ == '__main__':
    main()
