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
  - Creates and deletes a CDN storage, found by O(name), and reports its FTP host, FTP user, size and object count.
  - Offered by UCDN only (UCDN Storage). The other providers fail with an error saying they do not offer storage;
    CloudFlow's HTTP_PUSH CDN resources are not managed by this module.
  - A storage cannot be renamed or moved to another O(region); a different O(region) for an existing storage fails.
  - Deleting is refused, before anything is deleted, while the storage holds files or while a zone uses it as
    its origin; the error names the zones.
  - A zone uses a storage as its origin through M(edgeops.cdn.cdn_zone)'s O(edgeops.cdn.cdn_zone#module:origin)
    V(storage:<name>).
  - B(Rotating the FTP password changes it for every storage in the region), not only for O(name), because
    UCDN's API rotates per region. The module warns and names the storages concerned.
  - The FTP password is returned only with O(return_credentials=true), and never in diffs or the request log.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
attributes:
  check_mode:
    support: full
    description: Returns the plan and sends no mutating request; deletion refusals are reported as in a real run.
  diff_mode:
    support: full
    description: Shows the storage before and after (without its FTP password).
  idempotent:
    support: partial
    description: A second run reports no change, except with O(rotate_ftp_password=true), which rotates every time.
options:
  name:
    description:
      - The storage's name (UCDN C(container)), at least 3 characters; its identity.
    type: str
    required: true
  region:
    description:
      - Where the storage lives; required to create one. UCDN offers V(europe) and V(north-america).
    type: str
  rotate_ftp_password:
    description:
      - Give the storage a new FTP password. On UCDN this changes the password of B(every storage in the region).
      - Reports a change on every run.
    type: bool
    default: false
  return_credentials:
    description:
      - Add the FTP password to RV(storage.ftp_password) (the new one after a rotation).
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
'''

RETURN = r'''
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
      description: The FTP host to upload to.
      type: str
    ftp_user:
      description: The FTP user.
      type: str
    ftp_password:
      description: The FTP password; only with O(return_credentials=true).
      type: str
      returned: when O(return_credentials=true)
    bytes:
      description: Bytes stored.
      type: int
    objects:
      description: Number of files and folders stored.
      type: int
    raw:
      description: The provider's own representation, secrets removed.
      type: dict
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
'''

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.storage import run_storage


def main():
    cdn = CdnModule(
        argument_spec=dict(
            name=dict(type='str', required=True),
            region=dict(type='str'),
            rotate_ftp_password=dict(type='bool', default=False, no_log=False),
            return_credentials=dict(type='bool', default=False, no_log=False),
            state=dict(type='str', default='present', choices=['present', 'absent']),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_storage(cdn))


if __name__ == '__main__':
    main()
