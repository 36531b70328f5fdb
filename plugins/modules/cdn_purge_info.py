#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_purge_info
short_description: Read purge job history and status from a CDN provider
version_added: 0.1.0
description:
  - Lists recent purge jobs, or reads one by O(job_id) (UCDN purge jobs, Cloakfusion flush statuses,
    Leaseweb INVALIDATION actions). Never changes anything.
  - Providers whose API keeps no purge jobs (CloudFlow, CloudFlare) fail with a message naming what they offer.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  job_id:
    description:
      - One job to read (UCDN C(job_id), Cloakfusion flushstatus id, Leaseweb action id).
    type: str
  status:
    description:
      - Only jobs in this provider status (UCDN V(waiting), V(running), V(finished), V(failed); UCDN without it
        lists waiting, running and failed jobs only; Cloakfusion V(in_progress), V(finished), V(failed);
        Leaseweb C(PENDING), C(IN_PROGRESS), C(FINISHED)).
    type: str
  limit:
    description:
      - At most this many jobs (1 to 500; UCDN's default is 20).
    type: int
'''

EXAMPLES = r'''
- name: Recent UCDN purge jobs that finished
  edgeops.cdn.cdn_purge_info:
    provider: ucdn
    api_token: "{{ ucdn_token }}"
    status: finished
    limit: 50
  register: history

- name: One Leaseweb invalidation
  edgeops.cdn.cdn_purge_info:
    provider: leaseweb
    job_id: 0533396e-e5c6-4de2-bd08-06dfa91a3ab6
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
jobs:
  description: The jobs, newest first where the provider orders them (empty when O(job_id) was not found).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The job id.
      type: str
    status:
      description: The provider's status of the job.
      type: str
    done:
      description: Whether the job has ended (finished or failed).
      type: bool
    failed:
      description: Why the job failed (null when it did not); Cloakfusion names the CDNs that failed.
      type: str
    urls:
      description: How many files the job holds, where the provider says.
      type: int
    files:
      description:
        - The URLs or paths of the job, where the provider lists them (UCDN; Cloakfusion from the job's flush request).
      type: list
      elements: str
    raw:
      description: The provider's own object.
      type: dict
  sample:
    - id: 2170dd23decc45691adf28987282d0bc
      status: finished
      done: true
      failed: null
      urls: 2
      files:
        - http://a1-121.so.clients.cdn13.com/example/logo.png
        - http://a1-121.so.clients.cdn13.com/second/file
'''

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.purge import run_purge_info


def main():
    cdn = CdnModule(
        resources=('purge', 'zone'),
        argument_spec=dict(
            job_id=dict(type='str'),
            status=dict(type='str'),
            limit=dict(type='int'),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_purge_info(cdn))


if __name__ == '__main__':
    main()
