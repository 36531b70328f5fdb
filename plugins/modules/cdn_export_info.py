#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: cdn_export_info
short_description: Export a CDN account as variables for the collection's own modules
version_added: 0.3.0
description:
  - Reads an account, or the zones O(zones) names, and returns it as RV(account), the variables that
    C(playbooks/apply_account.yml) (or your own tasks) feed back into M(edgeops.cdn.cdn_zone),
    M(edgeops.cdn.cdn_origin), M(edgeops.cdn.cdn_certificate), M(edgeops.cdn.cdn_access_rule),
    M(edgeops.cdn.cdn_dns_record) and M(edgeops.cdn.cdn_storage). C(playbooks/export_account.yml) writes
    them to a file with the ready playbook; see the adoption guide (docs/adopt.md).
  - Each entry is in the option shape of its module, so applying the export to the account it came from
    changes nothing; references between resources are names, never provider ids, so the same export
    recreates the account elsewhere (what the provider lets a client create).
  - Never exports a secret or a private key. Where one is needed to apply (an origin's password, a storage's
    FTP password to create it, the PEM files of a certificate), the entry names it under C(secrets) or
    C(files) and RV(account.secrets_needed) lists it.
  - Actions (purges, site snapshots) are not state and are not exported.
  - Never changes anything.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  zones:
    description:
      - Only these zones (host names or ids), and what lives on them. Standalone origins and storages
        belong to the account and are exported whatever this lists.
      - Default is every zone of the account.
    type: list
    elements: str
  resources:
    description:
      - Only these parts of the account. Default is all of them.
    type: list
    elements: str
    choices: [storages, origins, zones, zone_origins, certificates, access_rules, dns_records]
"""

EXAMPLES = r"""
- name: Export the UCDN account into a variables file (playbooks/export_account.yml does this and more)
  edgeops.cdn.cdn_export_info:
    provider: ucdn
  register: exported

- name: Write it where apply_account.yml (a copy of playbooks/apply_account.yml) reads it
  ansible.builtin.copy:
    content: "{{ {'cdn_account': exported.account} | to_nice_yaml(indent=2) }}"
    dest: cdn_account.yml
    mode: "0600"

- name: Only two zones of a Leaseweb account, without their certificates
  edgeops.cdn.cdn_export_info:
    provider: leaseweb
    zones: [www.example.com, static.example.com]
    resources: [origins, zones, access_rules]
  register: two_zones
"""

RETURN = r"""
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
account:
  description:
    - The account as variables; every list is sorted, so two exports of one account are equal.
  returned: always
  type: dict
  contains:
    provider:
      description: The provider the account is at.
      type: str
    api_url:
      description: O(api_url) when it was given (without any query string).
      type: str
    storages:
      description: M(edgeops.cdn.cdn_storage) options per storage (name, region).
      type: list
      elements: dict
    origins:
      description:
        - M(edgeops.cdn.cdn_origin) options per standalone origin of the account (Leaseweb), origins
          before the origin groups that use them.
      type: list
      elements: dict
    zones:
      description:
        - M(edgeops.cdn.cdn_zone) options per zone. A zone names its standalone origin by name (origin_id);
          its certificate binding is the certificate's (RV(account.certificates)).
        - Settings the access rules are kept in are left to RV(account.access_rules); a secret setting is
          named under C(secrets).
      type: list
      elements: dict
    zone_origins:
      description: M(edgeops.cdn.cdn_origin) options per origin that lives on a zone (UCDN, CloudFlow), by zone host name.
      type: list
      elements: dict
    certificates:
      description:
        - Per certificate - its name or host name, C(identity) (fingerprint, common name, issuer, expiry, as the
          API shows them), the C(zones) it serves by host name and C(files), where its PEM files are expected.
      type: list
      elements: dict
    access_rules:
      description: M(edgeops.cdn.cdn_access_rule) options per zone with rules (zone, rules).
      type: list
      elements: dict
    dns_records:
      description: M(edgeops.cdn.cdn_dns_record) options per DNS zone (zone, records), every record of the zone.
      type: list
      elements: dict
    secrets_needed:
      description:
        - The secrets an apply may need, each with C(name) (its key in C(cdn_secrets)), C(purpose) and
          C(required) (true when the apply fails without it).
      type: list
      elements: dict
    skipped:
      description: What could not be exported and why (C(resource), C(reason)).
      type: list
      elements: dict
  sample:
    provider: ucdn
    storages: [{name: files, region: europe}]
    origins: []
    zones:
      - hostname: www.example.com
        aliases: [img.example.com]
        origin: http://origin.example.com
        cache_ttl: 3600
        enabled: true
        settings: {hash_algorithm: md5, object_size: small}
        secrets: {settings.hash_secret: zone_www_example_com_hash_secret}
    zone_origins:
      - zone: www.example.com
        endpoints: [{host: origin.example.com, port: 80}]
        protocol: http
        auth: {type: http_basic, username: cdn}
        secrets: {auth.password: origin_www_example_com_auth_password}
        update_secrets: on_create
    certificates:
      - hostname: www.example.com
        identity: {fingerprint: 51ecb0a4a1f649651c94b8b7c77c48fbedba9a21}
        zones: [www.example.com]
        files: {certificate: certificates/www_example_com.crt, private_key: certificates/www_example_com.key,
                chain: certificates/www_example_com.chain.crt}
    access_rules:
      - zone: www.example.com
        rules: [{type: country, action: allow, value: DE}]
    dns_records: []
    secrets_needed:
      - name: origin_www_example_com_auth_password
        purpose: auth.password of the origin of zone www.example.com (UCDN shows no secret of an origin)
        required: true
    skipped: []
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
"""

from ansible_collections.edgeops.cdn.plugins.module_utils.export import RESOURCES, run_export
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        argument_spec=dict(zones=dict(type='list', elements='str'),
                           resources=dict(type='list', elements='str', choices=list(RESOURCES))),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_export(cdn))


if __name__ == '__main__':
    main()
