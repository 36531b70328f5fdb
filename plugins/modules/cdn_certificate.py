#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_certificate
short_description: Upload, bind, rotate and remove TLS certificates of a CDN
version_added: 0.2.0
description:
  - Uploads a certificate with its private key (and chain) to the provider, binds it to the zone
    O(zone), and rotates it safely; or asks the provider for a Let's Encrypt certificate (O(acme)).
  - Before any request, the PEM is parsed, the key must match the certificate, the chain must be
    in order (each certificate issued by the next), the certificate must be valid now and for
    O(renew_before_days) more days, and it must cover O(hostname) and the O(zone)'s host names
    (wildcards understood) unless O(check_hostnames=false). Each failure names what is wrong.
  - Idempotent by the SHA-1 fingerprint (UCDN returns it) or, where the API hides the PEM
    (Leaseweb), by common name, issuer and validity.
  - On rotation, when a different certificate with the same O(name) (or, without O(name), the same
    host name) exists, the new one is uploaded, every zone serving the old one is rebound to it,
    and only then is the old one deleted (O(keep_old=false)). A bound zone is never without a certificate.
  - UCDN serves an uploaded certificate for its host name (no explicit binding); Leaseweb binds a
    distribution through C(certificateId) and C(tls); CloudFlow binds a CDN resource through
    C(cdn_ssl_certificate_id). Cloakfusion has no certificate upload in its API (use
    M(edgeops.cdn.cdn_zone) with O(edgeops.cdn.cdn_zone#module:tls=true)); CloudFlare's client
    API has none either. Both fail with a clear message.
  - Results and diffs show fingerprint, subject, SANs and validity, never PEM or key.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
  - edgeops.cdn.raw
  - edgeops.cdn.zone
requirements:
  - cryptography 42 or newer (on the host that runs the module)
attributes:
  check_mode:
    details:
      - Validates, reads, returns the plan (RV(plan)) and the certificate as it would be, and sends no mutating request.
      - A zone in O(zone) that is not found is planned as a binding instead of failing, since an earlier
        M(edgeops.cdn.cdn_zone) task in check mode may only have planned it.
options:
  certificate:
    description:
      - The certificate, PEM encoded; intermediates may follow it (they are treated as O(chain)).
    type: str
  private_key:
    description:
      - The certificate's unencrypted private key, PEM encoded. Never logged or returned.
    type: str
  chain:
    description:
      - The intermediate certificates, PEM encoded, the issuer of the certificate first.
    type: str
  name:
    description:
      - A name for the certificate (Leaseweb C(description), CloudFlow C(name)); with it, the
        identity used for rotation. Defaults to the host name where the provider names certificates.
        UCDN certificates have no name (their host name is the identity).
      - CloudFlow shows no PEM, fingerprint or validity of a certificate, so the module uploads it as
        C(<name>-sha1-<fingerprint>) and recognises it by that; renaming it by hand makes it unknown.
    type: str
  hostname:
    description:
      - The host name the certificate is for; defaults to the certificate's common name.
    type: str
  certificate_id:
    description:
      - The provider's id of the certificate to remove with O(state=absent).
    type: str
  acme:
    description:
      - Ask the provider for a Let's Encrypt certificate for the O(zone)'s host names (UCDN). Needs O(zone).
      - Reports no change when the provider answers that nothing changed.
    type: bool
    default: false
  renew_before_days:
    description:
      - Refuse a certificate that expires within this many days.
    type: int
    default: 0
  check_hostnames:
    description:
      - Require the certificate to cover O(hostname) and the O(zone)'s host names.
    type: bool
    default: true
  keep_old:
    description:
      - Keep the certificate that was replaced by a rotation instead of deleting it.
    type: bool
    default: false
  force:
    description:
      - With O(state=absent), delete a certificate even though zones still serve it.
    type: bool
    default: false
  state:
    description:
      - Whether the certificate should exist. With V(absent), the certificate is found by
        O(certificate_id), by O(certificate) (its fingerprint) or by O(name).
    type: str
    choices: [present, absent]
    default: present
'''

EXAMPLES = r'''
- name: Upload and bind a certificate to a Leaseweb distribution
  edgeops.cdn.cdn_certificate:
    provider: leaseweb
    name: www-2026
    certificate: "{{ lookup('ansible.builtin.file', 'certs/www.crt') }}"
    private_key: "{{ lookup('ansible.builtin.file', 'certs/www.key') }}"
    chain: "{{ lookup('ansible.builtin.file', 'certs/intermediate.crt') }}"
    zone: www.example.com
    renew_before_days: 14
  register: cert

- name: Show what is served
  ansible.builtin.debug:
    msg: "{{ cert.certificate.fingerprint }} valid until {{ cert.certificate.not_after }}"

- name: Let's Encrypt for a UCDN zone
  edgeops.cdn.cdn_certificate:
    provider: ucdn
    zone: cdn.example.com
    acme: true

- name: Remove a certificate no zone uses any more
  edgeops.cdn.cdn_certificate:
    provider: ucdn
    certificate_id: "35"
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
certificate:
  description:
    - The certificate after the change (in check mode, as it would be); null when absent. Never PEM or key.
    - With O(acme=true), the certificate that serves the zone's host name once the provider has issued it;
      null while the request runs.
  returned: always
  type: dict
  contains:
    id:
      description: The provider's id (null in check mode before an upload).
      type: str
    name:
      description: The certificate's name, where the provider has one.
      type: str
    hostname:
      description: The host name the certificate is for.
      type: str
    fingerprint:
      description: SHA-1 fingerprint of the certificate (lowercase hex), where known.
      type: str
    common_name:
      description: The subject's common name.
      type: str
    sans:
      description: The DNS subject alternative names, where known.
      type: list
      elements: str
    issuer:
      description: The issuer.
      type: str
    not_before:
      description: Start of validity (ISO 8601, UTC).
      type: str
    not_after:
      description: End of validity (ISO 8601, UTC).
      type: str
    zones:
      description: Ids of the zones serving the certificate.
      type: list
      elements: str
    raw:
      description: The provider's own representation, secrets removed (never the private key); only with O(return_raw=true).
      type: dict
      returned: when O(return_raw=true)
  sample:
    id: ce-5g8wbh25
    name: www-2026
    hostname: www.example.com
    fingerprint: 3d284b5326388d22f9bfb15600917ebc1dfa96cd
    common_name: www.example.com
    sans: [www.example.com, example.com]
    issuer: CN=Example CA
    not_before: "2026-01-01T00:00:00Z"
    not_after: "2027-01-01T00:00:00Z"
    zones: [di-7h2k1]
replaced:
  description:
    - Certificates with the same name or host name that the new one replaced (deleted unless O(keep_old)),
      each as RV(certificate) shows one, plus C(deleted).
  returned: always
  type: list
  elements: dict
plan:
  description: The changes planned (and applied unless in check mode), in the order they are applied.
  returned: always
  type: list
  elements: dict
  sample:
    - action: create
      resource: certificate
      id: null
      changes:
        fingerprint: 3d284b5326388d22f9bfb15600917ebc1dfa96cd
    - action: bind
      resource: zone
      id: di-7h2k1
      changes:
        certificate: (new)
    - action: delete
      resource: certificate
      id: ce-0ld
      changes: {}
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

from ansible_collections.edgeops.cdn.plugins.module_utils.certificate import run_certificate
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule, return_raw_argument_spec


def main():
    cdn = CdnModule(
        resources=('certificate', 'zone'),
        argument_spec=dict(
            certificate=dict(type='str'),
            private_key=dict(type='str', no_log=True),
            chain=dict(type='str'),
            name=dict(type='str'),
            hostname=dict(type='str'),
            zone=dict(type='str'),
            certificate_id=dict(type='str'),
            acme=dict(type='bool', default=False),
            renew_before_days=dict(type='int', default=0),
            check_hostnames=dict(type='bool', default=True),
            keep_old=dict(type='bool', default=False),
            force=dict(type='bool', default=False),
            return_raw=return_raw_argument_spec(),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_certificate(cdn))


if __name__ == '__main__':
    main()
