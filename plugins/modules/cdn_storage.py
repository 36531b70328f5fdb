#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_storage
short_description: Manage CDN storage (files uploaded by FTP that a zone can serve)
version_added: 0.2.0
description:
  - Creates and deletes a CDN storage, found by O(name), and reports its FTP host, FTP user, size and object count
    where the provider shows them.
  - Offered by UCDN (UCDN Storage) and CloudFlow (an C(HTTP_PUSH) CDN resource). Cloakfusion, Leaseweb and
    CloudFlare fail with an error saying they do not offer storage.
  - A storage cannot be renamed or moved to another O(region); a different O(region) for an existing storage fails.
  - UCDN refuses deletion, before anything is deleted, while the storage holds files or while a zone uses it as
    its origin; the error names the zones. A UCDN zone uses a storage as its origin through
    M(edgeops.cdn.cdn_zone)'s O(edgeops.cdn.cdn_zone#module:origin) V(storage:<name>).
  - B(On UCDN, rotating the FTP password changes it for every storage in the region), not only for O(name), because
    UCDN's API rotates per region. The module warns and names the storages concerned. UCDN generates the password, so
    O(ftp_password) cannot be set.
  - On CloudFlow the storage is an C(HTTP_PUSH) CDN resource whose CDN hostname is O(name) and whose
    C(storage_server_location) is O(region). You choose the FTP password (O(ftp_password), required to create one);
    O(rotate_ftp_password=true) sets O(ftp_password) on this storage only. The API never shows the password, so
    RV(storage.ftp_password) is null there, and it reports no size (RV(storage.bytes) and RV(storage.objects) are
    null). The FTP host and user come from the resource's upload instructions when they name them.
    Deleting a CloudFlow storage deletes the HTTP_PUSH resource and the files uploaded to it.
  - The FTP password is returned only with O(return_credentials=true), and never in diffs, plans or the request log.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.resource_module
  - edgeops.cdn.raw
attributes:
  check_mode:
    details: Reads the current state, returns the plan (RV(plan)) and the storage as it would be, and sends no mutating
      request; deletion refusals are reported as in a real run.
  idempotent:
    support: partial
    details: A second run reports no change, except with O(rotate_ftp_password=true), which rotates every time.
options:
  name:
    description:
      - The storage's name, at least 3 characters; its identity. UCDN C(container); on CloudFlow the CDN hostname
        of the C(HTTP_PUSH) resource, such as V(files.example.com).
    type: str
    required: true
  region:
    description:
      - Where the storage lives; required to create one. UCDN offers V(europe) and V(north-america); CloudFlow
        (C(storage_server_location)) V(europe), V(north-america) and V(asia).
    type: str
  ftp_password:
    description:
      - The FTP password you choose for the storage, where the provider lets you choose it (CloudFlow). Required to
        create a CloudFlow storage; ignored for an existing one unless O(rotate_ftp_password=true).
      - UCDN generates its passwords; setting this option there fails.
    type: str
  rotate_ftp_password:
    description:
      - Give the storage a new FTP password. On UCDN this changes the password of B(every storage in the region).
        On CloudFlow it sets O(ftp_password) (required) on this storage only.
      - Reports a change on every run.
    type: bool
    default: false
  return_credentials:
    description:
      - Add the FTP password to RV(storage.ftp_password) (the new one after a rotation). CloudFlow never shows it
        (you chose it), so it is null there.
    type: bool
    default: false
  state:
    description:
      - Whether the storage should exist.
    type: str
    choices: [present, absent]
    default: present
'''

EXAMPLES = r'''
- name: A storage for static files
  edgeops.cdn.cdn_storage:
    provider: ucdn
    name: static-assets
    region: europe
  register: storage

- name: Serve it from a zone
  edgeops.cdn.cdn_zone:
    provider: ucdn
    hostname: static.example.com
    origin: storage:static-assets

- name: New FTP password (for every storage in europe), shown once
  edgeops.cdn.cdn_storage:
    provider: ucdn
    name: static-assets
    rotate_ftp_password: true
    return_credentials: true
  register: rotated
  no_log: true

- name: A CloudFlow storage (HTTP_PUSH CDN resource) with the FTP password you choose
  edgeops.cdn.cdn_storage:
    provider: cloudflow
    name: files.example.com
    region: europe
    ftp_password: "{{ vault_cloudflow_ftp_password }}"
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
storage:
  description: The storage after the change (in check mode, as it would be); null when absent.
  returned: always
  type: dict
  contains:
    id:
      description: The provider's id of the storage.
      type: str
    name:
      description: The storage's name.
      type: str
    region:
      description: The storage's region.
      type: str
    ftp_host:
      description: The FTP host to upload to; null where the provider does not show it.
      type: str
    ftp_user:
      description: The FTP user; null where the provider does not show it.
      type: str
    ftp_password:
      description: The FTP password; only with O(return_credentials=true); null on CloudFlow, which never shows it.
      type: str
      returned: when O(return_credentials=true)
    bytes:
      description: Bytes stored; null where the provider does not report a size (CloudFlow).
      type: int
    objects:
      description: Number of files and folders stored; null where the provider does not report it (CloudFlow).
      type: int
    raw:
      description: The provider's own representation, secrets removed; only with O(return_raw=true).
      type: dict
      returned: when O(return_raw=true)
  sample:
    id: '3'
    name: static-assets
    region: europe
    ftp_host: europe.upload.cdn13.com
    ftp_user: 1000121.1000121
    bytes: 0
    objects: 0
plan:
  description: The changes planned (and applied unless in check mode).
  returned: always
  type: list
  elements: dict
  sample:
    - action: create
      resource: storage
      id: null
      changes:
        name: static-assets
        region: europe
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
from ansible_collections.edgeops.cdn.plugins.module_utils.storage import run_storage


def main():
    cdn = CdnModule(
        resources=('storage', 'zone'),
        argument_spec=dict(
            name=dict(type='str', required=True),
            region=dict(type='str'),
            ftp_password=dict(type='str', no_log=True),
            rotate_ftp_password=dict(type='bool', default=False, no_log=False),
            return_credentials=dict(type='bool', default=False, no_log=False),
            return_raw=return_raw_argument_spec(),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_storage(cdn))


if __name__ == '__main__':
    main()
