#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_zone
short_description: Manage a CDN zone (vhost, CDN resource, distribution) on any supported provider
version_added: 0.1.0
description:
  - Creates, updates or deletes the object a provider serves a host name from
    (a Cloakfusion vhost, a CloudFlow CDN resource, a CloudFlare zone's settings,
    a UCDN zone, a Leaseweb distribution with its domains and policy).
  - A zone is found by O(hostname), or by O(zone_id) when given; a second zone is
    never created for a host name that already has one.
  - Only the options you set are compared and sent; an option left out is left alone.
  - See the support matrix in the collection's C(docs/support-matrix.md) for which
    options each provider manages. An option a provider cannot manage fails before any request.
  - With O(wait), the module waits until the zone is deployed (Cloakfusion vhost active with its CNAME target,
    CloudFlow resource C(ACTIVE), UCDN C(reconfig_status) ready, Leaseweb action finished), also when nothing
    changed. A CloudFlare zone is ready at once.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.safety
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
  - edgeops.cdn.raw
  - edgeops.cdn.wait
attributes:
  idempotent:
    support: partial
    details: A second run with the same options reports no change, except with O(refresh_snapshot=true), which asks for
      a new snapshot every time.
options:
  hostname:
    description:
      - The public host name users browse to (the zone's identity).
      - Maps to Cloakfusion C(domain_name), CloudFlow C(cdn_hostname), CloudFlare zone name,
        UCDN's first C(custom_domains) entry and Leaseweb's first distribution domain.
      - An internationalised name (C(bücher.example)) is taken as well; it is sent and returned as its
        IDNA A-labels (C(xn--bcher-kva.example)), and either spelling names the same zone. The same holds
        for O(aliases), O(origin_host_header) and the host of O(origin).
    type: str
  zone_id:
    description:
      - The provider's id of an existing zone; takes precedence over O(hostname) for lookup.
    type: str
  aliases:
    description:
      - Extra host names served by the zone. When given, exactly these (authoritative);
        omitted, left alone.
    type: list
    elements: str
  origin:
    description:
      - The origin URL the CDN pulls from, for example C(https://origin.example.com).
      - On UCDN, C(storage:<name or id>) makes a UCDN storage (see M(edgeops.cdn.cdn_storage)) the zone's origin.
    type: str
  origin_id:
    description:
      - A standalone origin (or origin group) to pull from, by id or by name, for providers
        whose origins are resources of their own (Leaseweb; see M(edgeops.cdn.cdn_origin)).
      - Mutually exclusive with O(origin).
    type: str
  origin_host_header:
    description:
      - The Host header sent to the origin.
    type: str
  tls:
    description:
      - Serve the zone over HTTPS.
    type: bool
  certificate_id:
    description:
      - Id of a certificate (see M(edgeops.cdn.cdn_certificate)) to serve the zone with.
    type: str
  cache_ttl:
    description:
      - Default cache lifetime in seconds (0 to 31536000).
    type: int
  compress:
    description:
      - Compress (gzip) responses at the edge.
    type: bool
  enabled:
    description:
      - Whether the zone serves traffic.
    type: bool
  settings:
    description:
      - Provider-native settings, compared and applied key by key; keys not listed are left alone.
      - Unknown keys fail with the list of keys the provider offers.
      - CloudFlow also takes C(http_caching_rules), a list of C({name, conditions, actions}) that replaces the
        resource's HTTP caching rules (matched by name; V([]) removes them all); C(edge_group_ids) defaults to
        every available edge group when a resource is created.
      - Secret settings (CloudFlow C(url_signing_key), UCDN C(hash_secret), Leaseweb C(securityTokenSecret),
        C(securityTokenAesKey) and C(securityTokenShaKey)) are never shown. A zone reports
        C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) for a secret that is set (or
        C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER (a different value)) when it differs from the value given); passing
        that back leaves the secret unchanged, and an empty string unsets it.
      - The keys each provider offers, with their types and ranges, are listed in the support matrix
        (C(docs/support-matrix.md)).
    type: dict
  refresh_snapshot:
    description:
      - CloudFlare only (C(zone_grab)) - tell CloudFlare to take a new image of the site, the one its
        challenge page shows. An action rather than a state, so the task reports a change every time
        it is true; in check mode it is only planned.
      - CloudFlare allows this once a day per zone; a second request within the day is refused and
        the module fails with CloudFlare's message (settings changed by the same task stay changed).
        The new image may take up to an hour to appear.
      - Other providers fail on this option before sending anything.
    type: bool
    default: false
  wait_timeout:
    default: 600
  state:
    description:
      - Whether the zone should exist.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Safety thresholds (O(safety)) guard O(aliases); removing every alias of a zone with an empty list is
    refused unless O(safety.allow_empty=true).
'''

EXAMPLES = r'''
- name: A UCDN zone for cdn.example.com pulling from the origin
  edgeops.cdn.cdn_zone:
    provider: ucdn
    api_token: "{{ ucdn_token }}"
    hostname: cdn.example.com
    origin: https://origin.example.com
    cache_ttl: 3600
  register: zone

- name: Point DNS at the CDN
  ansible.builtin.debug:
    msg: "cdn.example.com CNAME {{ zone.zone.cdn_domain }}"

- name: Credentials once for every edgeops.cdn module
  module_defaults:
    group/edgeops.cdn.cdn:
      provider: cloakfusion
      api_token: "{{ cloakfusion_token }}"
  block:
    - name: A Cloakfusion vhost with gzip and TLS
      edgeops.cdn.cdn_zone:
        hostname: static.example.com
        origin: http://o.example.com
        compress: true
        tls: true

- name: CloudFlare security and cache levels of an existing zone
  edgeops.cdn.cdn_zone:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    hostname: example.com
    settings:
      sec_lvl: med
      cache_lvl: agg

- name: Development mode on for a CloudFlare zone, and a new snapshot of the site (once a day)
  edgeops.cdn.cdn_zone:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    hostname: example.com
    settings:
      devmode: true
    refresh_snapshot: true
    return_raw: true
  register: cf_zone

- name: When CloudFlare turns development mode off again (3 hours later)
  ansible.builtin.debug:
    msg: "{{ cf_zone.zone.raw.devmode_expires_on }}"

- name: Remove a Leaseweb distribution
  edgeops.cdn.cdn_zone:
    provider: leaseweb
    hostname: old.example.com
    state: absent
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
zone:
  description: The zone after the change (in check mode, as it would be); null when absent.
  returned: always
  type: dict
  contains:
    id:
      description: The provider's id of the zone.
      type: str
    hostname:
      description: The public host name.
      type: str
    aliases:
      description: Extra host names.
      type: list
      elements: str
    cdn_domain:
      description: The CNAME target to point O(hostname) at (null until the provider assigns it).
      type: str
    origin:
      description: The origin URL.
      type: str
    tls:
      description: Whether HTTPS is on.
      type: bool
    status:
      description: The provider's deployment status.
      type: str
    raw:
      description:
        - The provider's own representation, secrets removed; only with O(return_raw=true).
        - CloudFlare - C(zone) (zone_load_multi), C(settings) (zone_settings) and C(devmode_expires_on), when
          development mode switches itself off (ISO 8601 UTC; null while it is off; in check mode the value
          before the change).
      type: dict
      returned: when O(return_raw=true)
  sample:
    id: "42"
    hostname: cdn.example.com
    aliases: []
    cdn_domain: a1-42.so.clients.cdn13.com
    origin: https://origin.example.com
    tls: false
    status: ready
plan:
  description: The changes planned (and applied unless in check mode), deletes first.
  returned: always
  type: list
  elements: dict
  sample:
    - action: update
      resource: zone
      id: "42"
      changes:
        cache_ttl: 3600
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
from ansible_collections.edgeops.cdn.plugins.module_utils.zone import run_zone


def main():
    cdn = CdnModule(
        resources=('zone',),
        argument_spec=dict(
            safety=safety_argument_spec(),
            hostname=dict(type='str'),
            zone_id=dict(type='str'),
            aliases=dict(type='list', elements='str'),
            origin=dict(type='str'),
            origin_id=dict(type='str'),
            origin_host_header=dict(type='str'),
            tls=dict(type='bool'),
            certificate_id=dict(type='str'),
            cache_ttl=dict(type='int'),
            compress=dict(type='bool'),
            enabled=dict(type='bool'),
            settings=dict(type='dict'),
            refresh_snapshot=dict(type='bool', default=False),
            wait=dict(type='bool', default=True),
            wait_timeout=dict(type='int', default=600),
            return_raw=return_raw_argument_spec(),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
        required_one_of=[('hostname', 'zone_id')],
        mutually_exclusive=[('origin', 'origin_id')],
    )
    cdn.run(lambda: run_zone(cdn))


if __name__ == '__main__':
    main()
