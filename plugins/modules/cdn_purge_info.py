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
  - Every provider's jobs are shown in one status vocabulary (RV(jobs[].status)) with the provider's
    own word beside it (RV(jobs[].native_status)), and with times in ISO 8601 UTC.
  - O(zone) keeps the jobs of one zone (it cannot be combined with O(job_id)). None of these job listings takes a zone, so the jobs are
    filtered after reading them; UCDN by the host names of the job's files (the latest 500 jobs
    are read), Cloakfusion by the flush status's vhost, Leaseweb by the distribution the
    INVALIDATION action names (or the host names of its files).
  - Providers whose API keeps no purge jobs (CloudFlow, CloudFlare) fail with a message naming what they offer.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
  - edgeops.cdn.zone
options:
  job_id:
    description:
      - One job to read (UCDN C(job_id), Cloakfusion flushstatus id, Leaseweb action id).
      - Cannot be combined with O(zone).
    type: str
  status:
    description:
      - Only jobs in this status, one of the common statuses V(queued) (sent, not started), V(running),
        V(done) (applied) and V(failed), or, for compatibility, the provider's own word, in any case
        (UCDN V(waiting), V(running), V(finished), V(failed); Cloakfusion V(in_progress), V(finished),
        V(failed); Leaseweb C(PENDING), C(IN_PROGRESS), C(FINISHED), C(FAILED), C(ERROR), C(CANCELLED)).
        A common status takes every provider word that maps to it (Leaseweb V(failed) is C(FAILED),
        C(ERROR) and C(CANCELLED)); a provider word takes that word only.
      - Any other value fails before any request, naming the allowed values.
      - UCDN's listing without a status holds waiting, running and failed jobs only; ask for V(done)
        to see finished ones. UCDN filters by status itself; the others are filtered after reading.
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
    status: done
    limit: 50
  register: history

- name: Failed invalidations of one Leaseweb distribution
  edgeops.cdn.cdn_purge_info:
    provider: leaseweb
    zone: cdn.example.com
    status: failed
  register: failed_purges

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
      description:
        - The job's status in the vocabulary common to every provider.
        - V(queued) (sent, not started), V(running), V(done) (applied) or V(failed).
      type: str
      choices: [queued, running, done, failed]
    native_status:
      description:
        - The provider's own word for the status (UCDN V(waiting), V(running), V(finished), V(failed);
          Cloakfusion V(in_progress), V(finished), V(failed); Leaseweb C(PENDING), C(IN_PROGRESS),
          C(FINISHED), and C(FAILED), C(ERROR) or C(CANCELLED) for V(failed)).
      type: str
    done:
      description: Whether the job has ended (done or failed).
      type: bool
    failed:
      description: Why the job failed (null when it did not); Cloakfusion names the CDNs that failed.
      type: str
    created:
      description: When the job was created, ISO 8601 UTC (null when the provider does not say).
      type: str
    finished:
      description:
        - When the job ended, ISO 8601 UTC (null while it runs, and on UCDN, whose jobs do not say).
      type: str
    zone_id:
      description:
        - The id of the job's zone, where the provider says (Cloakfusion's vhost, Leaseweb's distribution)
          or O(zone) selected it; null otherwise.
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
      status: done
      native_status: finished
      done: true
      failed: null
      created: '2015-06-26T11:43:00Z'
      finished: null
      zone_id: '1'
      urls: 2
      files:
        - http://a1-121.so.clients.cdn13.com/example/logo.png
        - http://a1-121.so.clients.cdn13.com/second/file
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

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.purge_view import run_purge_info


def main():
    cdn = CdnModule(
        resources=('purge', 'zone'),
        argument_spec=dict(
            job_id=dict(type='str'),
            zone=dict(type='str'),
            status=dict(type='str'),
            limit=dict(type='int'),
        ),
        mutually_exclusive=[('job_id', 'zone')],
        supports_check_mode=True,
    )
    cdn.run(lambda: run_purge_info(cdn))


if __name__ == '__main__':
    main()
