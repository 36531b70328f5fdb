#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_dns_record
short_description: Manage DNS records of a CDN provider's zone, one record or a whole record set
version_added: 0.1.0
description:
  - Manages one record (O(record), O(type), O(value), ...) or many records in one task (O(records),
    optionally with O(prune)).
  - Reads the zone once (every page), computes a plan (deletes, updates, creates), then sends one
    request per change, deletes first, then updates, then creates, a few at a time.
    Every error is reported together with what was and was not applied.
  - Values are normalised before they are compared, so nothing reports a false change
    (FQDN or label, trailing dots, case, TXT quoting and splitting, numbers sent as strings, IPv6 forms).
  - Input is checked before any request is sent (TTL range, MX and SRV priority, IPv4 and IPv6 addresses,
    a CNAME sharing its name with another record).
  - Only V(cloudflare) offers DNS records; other providers fail at once, naming what they offer.
    See the collection's C(docs/support-matrix.md).
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.safety
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
attributes:
  diff_mode:
    details: Shows the record sets the task touches before and after, in the shape of O(records).
options:
  zone:
    description:
      - The zone (domain) the records belong to, for example C(example.com).
    type: str
    required: true
  record:
    description:
      - The record's name, as a label relative to O(zone) (C(www)), C(@) for the apex, or a fully
        qualified name inside the zone (C(www.example.com) or C(www.example.com.)).
      - For V(SRV) records either the full owner name (C(_sip._tcp) or C(_sip._tcp.www)) with O(value),
        or the owner (C(@), C(www)) together with O(service), O(protocol), O(weight), O(port) and O(target).
      - Mutually exclusive with O(records).
    type: str
  type:
    description:
      - The record type, in any case (V(cname) is V(CNAME)), one of V(A), V(AAAA), V(CNAME), V(MX), V(TXT),
        V(SPF), V(NS), V(SRV) and V(LOC) that the provider offers.
    type: str
  value:
    description:
      - The record's content. IPv4 or IPv6 address for V(A)/V(AAAA), a host name for V(CNAME), V(MX)
        and V(NS), the text for V(TXT)/V(SPF) (quoted chunks such as C("a" "b") are joined),
        C(weight port target) for V(SRV), the location for V(LOC).
      - Required with O(state=present). With O(state=absent), omitting it removes every record of
        O(record) and O(type).
    type: str
  ttl:
    description:
      - Time to live in seconds; C(1) means automatic, otherwise 120 to 86400.
      - When omitted, a new record gets C(1) and an existing record keeps its TTL.
    type: int
  proxied:
    description:
      - Serve the name through the provider's proxy (CloudFlare's C(service_mode), the orange cloud).
      - Only for V(A), V(AAAA) and V(CNAME). When omitted, a new record is not proxied and an existing
        record keeps its setting.
    type: bool
  priority:
    description:
      - Priority of an V(MX) or V(SRV) record; required for those types.
    type: int
  service:
    description:
      - SRV service name, for example C(_sip) (the leading underscore is optional).
    type: str
  protocol:
    description:
      - SRV protocol, C(tcp), C(udp) or C(tls) (the leading underscore is optional).
    type: str
  weight:
    description:
      - SRV weight.
    type: int
  port:
    description:
      - SRV port.
    type: int
  target:
    description:
      - SRV target host name.
    type: str
  state:
    description:
      - Whether the record should exist.
      - Must be V(present) with O(records).
    type: str
    choices: [present, absent]
    default: present
  on_existing:
    description:
      - What to do when O(record) and O(type) already hold other values than O(value)
        (a record with this exact value is only brought to O(ttl), O(proxied) and O(priority)).
      - V(replace) rewrites one of the existing records into this one in place (one edit, no moment without
        a record).
      - V(keep_and_fail) fails without changing anything.
      - V(keep_and_warn) adds this record next to the existing ones and warns.
      - V(keep) adds this record next to the existing ones.
      - A name holds one V(CNAME) at most, so for V(CNAME) only V(replace) and V(keep_and_fail) can succeed.
      - A name with a V(CNAME) holds no other record, except at the apex of a CloudFlare zone. CloudFlare
        flattens an apex V(CNAME) (answers it with the target's addresses), so it may sit next to the apex
        V(MX), V(TXT) and V(NS) records, but not next to V(A) or V(AAAA).
    type: str
    choices: [replace, keep_and_fail, keep_and_warn, keep]
    default: replace
  solo:
    description:
      - Delete every other record of the same O(record) and O(type), so this record is the only one.
    type: bool
    default: false
  records:
    description:
      - Many records in one task. Each listed name and type becomes exactly the values listed for it
        (existing records are edited in place where the values differ, extra ones deleted).
        Names and types not listed are left alone unless O(prune) is set.
      - The output of M(edgeops.cdn.cdn_dns_record_info) can be given here as it is.
      - Mutually exclusive with the single-record options.
    type: list
    elements: dict
    suboptions:
      record:
        description:
          - The name, as in the O(record) option.
        type: str
        required: true
      type:
        description:
          - The record type, in any case, as in the O(type) option. Required unless O(records[].ignore) is set
            (then omitted means every type).
        type: str
      value:
        description:
          - The content, as in the O(value) option.
        type: str
      ttl:
        description:
          - As the O(ttl) option.
        type: int
      proxied:
        description:
          - As the O(proxied) option.
        type: bool
      priority:
        description:
          - As the O(priority) option.
        type: int
      service:
        description:
          - As the O(service) option.
        type: str
      protocol:
        description:
          - As the O(protocol) option.
        type: str
      weight:
        description:
          - As the O(weight) option.
        type: int
      port:
        description:
          - As the O(port) option.
        type: int
      target:
        description:
          - As the O(target) option.
        type: str
      ignore:
        description:
          - Leave this name (and type, when given) alone, also when pruning.
        type: bool
        default: false
      id:
        description:
          - The provider's record id, as returned by M(edgeops.cdn.cdn_dns_record_info). Ignored.
        type: str
  prune:
    description:
      - With O(records), delete the records of the zone (or under O(prune_scope)) whose name and type
        are not listed.
      - The V(NS) records of the apex are never pruned unless listed explicitly.
    type: bool
    default: false
  concurrency:
    description:
      - How many changes (one API call each) are sent at once, 1 to 20. Deletes, updates and creates
        still run phase after phase. Calls the provider throttles (CloudFlare C(E_MAXAPI)) are retried
        with backoff.
    type: int
    default: 4
  prune_scope:
    description:
      - Limit O(prune) to these names and the names below them (labels or fully qualified names;
        C(@) is the whole zone). Default is the whole zone.
    type: list
    elements: str
notes:
  - Safety thresholds (O(safety)) guard O(records) with O(prune=true) (in O(prune_scope)); emptying it,
    or deleting or updating more than a share of the records, is refused unless O(safety) allows it.
  - CloudFlare identifies zones by name; the zone must already be in the account.
seealso:
  - module: edgeops.cdn.cdn_dns_record_info
  - module: edgeops.cdn.cdn_zone
'''

EXAMPLES = r'''
- name: Point www at the CDN (the CNAME target cdn_zone returns)
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_token }}"
    zone: example.com
    record: www
    type: CNAME
    value: "{{ cdn.zone.cdn_domain }}"

- name: An MX record, the only one of the apex
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    zone: example.com
    record: "@"
    type: MX
    value: mail.example.com
    priority: 10
    solo: true

- name: An SRV record from its fields
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    zone: example.com
    record: "@"
    type: SRV
    service: _sip
    protocol: tcp
    priority: 10
    weight: 5
    port: 5060
    target: sip.example.com

- name: Remove every TXT record of a name
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    zone: example.com
    record: old
    type: TXT
    state: absent

- name: The whole zone in one task, deleting what is not listed except _acme-challenge
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    zone: example.com
    prune: true
    records:
      - {record: "@", type: A, value: 192.0.2.10, proxied: true}
      - {record: www, type: CNAME, value: example.com, proxied: true}
      - {record: "@", type: TXT, value: "v=spf1 -all"}
      - {record: _acme-challenge, ignore: true}

- name: Copy the records of one zone into another (round trip through the info module)
  edgeops.cdn.cdn_dns_record_info:
    provider: cloudflare
    zone: example.com
  register: source

- name: Apply them
  edgeops.cdn.cdn_dns_record:
    provider: cloudflare
    zone: example.org
    records: "{{ source.records | rejectattr('type', 'equalto', 'NS') }}"
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
zone:
  description: The zone name, normalised.
  returned: always
  type: str
  sample: example.com
records:
  description:
    - The records after the change (predicted in check mode), in the shape O(records) accepts, plus the provider's id
      (null for a record check mode would create).
    - For one record, the records of its name and type; with O(records), every record of the zone.
  returned: success
  type: list
  elements: dict
  sample:
    - {record: www, type: CNAME, value: a1-42.so.clients.cdn13.com, ttl: 1, proxied: false, priority: null, id: "16606009"}
plan:
  description: The changes, in the order they are applied (deletes, updates, creates).
  returned: always
  type: list
  elements: dict
  sample:
    - {action: update, record: www, type: A, value: 192.0.2.1, id: "16606009", changes: {value: 192.0.2.2}}
    - {action: create, record: api, type: A, value: 192.0.2.3, id: null, changes: {value: 192.0.2.3, ttl: 1, proxied: false}}
applied:
  description: The changes that were applied.
  returned: always (success), and on a failure while applying
  type: list
  elements: str
errors:
  description: The changes that failed, each as C(change) and the provider's C(error).
  returned: on a failure while applying
  type: list
  elements: dict
not_applied:
  description: The changes not attempted because an earlier phase failed.
  returned: on a failure while applying
  type: list
  elements: str
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

from ansible_collections.edgeops.cdn.plugins.module_utils.dns import SINGLE_OPTIONS, run_dns_record
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.safety import safety_argument_spec


def argument_spec():
    # type has no choices: record types are case-insensitive (cname is CNAME); the core checks them (dns.record_type).
    record_spec = dict(
        record=dict(type='str', required=True),
        type=dict(type='str'),
        value=dict(type='str'),
        ttl=dict(type='int'),
        proxied=dict(type='bool'),
        priority=dict(type='int'),
        service=dict(type='str'),
        protocol=dict(type='str'),
        weight=dict(type='int'),
        port=dict(type='int'),
        target=dict(type='str'),
        ignore=dict(type='bool', default=False),
        id=dict(type='str'),
    )
    return dict(
        safety=safety_argument_spec(),
        zone=dict(type='str', required=True),
        record=dict(type='str'),
        type=dict(type='str'),
        value=dict(type='str'),
        ttl=dict(type='int'),
        proxied=dict(type='bool'),
        priority=dict(type='int'),
        service=dict(type='str'),
        protocol=dict(type='str'),
        weight=dict(type='int'),
        port=dict(type='int'),
        target=dict(type='str'),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        on_existing=dict(type='str', default='replace', choices=['replace', 'keep_and_fail', 'keep_and_warn', 'keep']),
        solo=dict(type='bool', default=False),
        records=dict(type='list', elements='dict', options=record_spec),
        prune=dict(type='bool', default=False),
        prune_scope=dict(type='list', elements='str'),
        concurrency=dict(type='int', default=4),
    )


def main():
    cdn = CdnModule(
        resources=('dns_record',),
        argument_spec=argument_spec(),
        mutually_exclusive=[('records', option) for option in SINGLE_OPTIONS],
        required_one_of=[('record', 'records', 'service')],
        supports_check_mode=True,
    )
    cdn.run(lambda: run_dns_record(cdn))


if __name__ == '__main__':
    main()
