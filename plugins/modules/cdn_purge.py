#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_purge
short_description: Purge (invalidate) cached URLs of a CDN zone on any supported provider
version_added: 0.1.0
description:
  - Removes cached copies of URLs or paths from the edge caches of the zone O(zone) (Cloakfusion C(flush/),
    CloudFlow C(purge.json) and C(purge_all.json), CloudFlare C(zone_file_purge) and C(fpurge_ts),
    UCDN purge jobs, Leaseweb invalidations).
  - URLs and paths are deduplicated; paths become URLs on the zone's host name (and back into
    paths for the APIs that take paths).
  - Before anything is sent, URLs whose host is not one of the zone's host names, aliases or
    CDN domain are refused (and named), as are empty or invalid entries and wildcards. A CloudFlare
    zone is a DNS zone, so URLs on any name below it (C(www.example.com) in C(example.com)) are accepted.
  - The list is split into the provider's batch limit (CloudFlow 1,300 paths a request; CloudFlare
    one URL a call; 100 where the provider documents no limit), and batches are sent concurrently,
    at most O(concurrency) at a time, paced to a documented rate limit (CloudFlow 40 purge requests
    in 5 minutes, CloudFlare 1200 calls in 5 minutes); throttling answers (HTTP 429, CloudFlare
    C(E_MAXAPI)) are backed off and retried.
  - CloudFlare caches the http and https copies of a URL apart; a path on a CloudFlare zone with
    SSL on is purged under both schemes. CloudFlare purges answer at once, so each call is reported
    as a finished job.
  - With O(wait), every job the provider returns is polled until it finished or failed, or
    O(wait_timeout) passed (UCDN allows a purge job up to 15 minutes); a timeout fails and names the jobs
    still pending. Providers that return no job (CloudFlow) are done once the request is accepted.
  - An empty list (after deduplication) sends no request and reports no change.
  - Providers without purge (the support matrix in C(docs/support-matrix.md) lists them) fail
    before any request with a message naming what the provider offers.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.raw
  - edgeops.cdn.wait
  - edgeops.cdn.zone
attributes:
  check_mode:
    support: full
    details: Reads the zone, returns the plan (RV(plan), batches and URL counts) and sends no purge.
  diff_mode:
    support: none
    details: A purge has no before and after to show.
  idempotent:
    support: none
    details: Every run purges again (a purge is an action, not a state); O(state=absent) on UCDN jobs is idempotent.
options:
  urls:
    description:
      - Absolute C(http://) or C(https://) URLs to purge, on the zone's host name, an alias or its CDN domain.
    type: list
    elements: str
  paths:
    description:
      - Paths to purge, such as C(/img/logo.png); they become URLs on the zone's host name.
    type: list
    elements: str
  purge_all:
    description:
      - Purge everything the zone caches. Only for providers that offer it (CloudFlow, CloudFlare C(fpurge_ts)).
      - Cannot be combined with O(urls) or O(paths).
    type: bool
    default: false
  prefetch:
    description:
      - After purging, ask the CDN to fetch the same paths again (CloudFlow C(prefetch.json), HTTP pull only).
    type: bool
    default: false
  wait_timeout:
    default: 900
  concurrency:
    description:
      - How many batches are sent at once (1 to 16).
    type: int
    default: 4
  state:
    description:
      - V(present) purges; O(zone) is required then. V(absent) deletes the purge jobs in O(job_ids) where the API
        allows it (UCDN deletes only waiting or finished jobs); jobs already gone are skipped.
    type: str
    choices: [present, absent]
    default: present
  job_ids:
    description:
      - Ids of purge jobs to delete with O(state=absent).
    type: list
    elements: str
'''

EXAMPLES = r'''
- name: Purge two images after a deploy
  edgeops.cdn.cdn_purge:
    provider: ucdn
    api_token: "{{ ucdn_token }}"
    zone: cdn.example.com
    paths:
      - /img/logo.png
      - /img/hero.jpg
  register: purge

- name: Show the jobs
  ansible.builtin.debug:
    var: purge.jobs

- name: Purge full URLs on a Cloakfusion vhost and do not wait
  edgeops.cdn.cdn_purge:
    provider: cloakfusion
    zone: static.example.com
    urls:
      - http://static.example.com/app.js
      - http://static.example.com/app.css
    wait: false

- name: Purge everything on a CloudFlow CDN resource
  edgeops.cdn.cdn_purge:
    provider: cloudflow
    api_url: https://cdn.cloudflow.example/
    api_user: admin@example.com
    api_token: "{{ cloudflow_key }}"
    zone: cdn.example.com
    purge_all: true

- name: Purge two files on a CloudFlare zone, one zone_file_purge call each
  edgeops.cdn.cdn_purge:
    provider: cloudflare
    api_user: admin@example.com
    api_token: "{{ cloudflare_key }}"
    zone: example.com
    urls:
      - http://www.example.com/style.css
      - https://www.example.com/style.css

- name: Delete a finished UCDN purge job
  edgeops.cdn.cdn_purge:
    provider: ucdn
    state: absent
    job_ids:
      - 3cfb478531097f1830056a828752cbdd

- name: Purge and re-warm a long list of paths, eight batches at a time
  edgeops.cdn.cdn_purge:
    provider: cloudflow
    api_url: https://cdn.cloudflow.example/
    zone: "42"
    paths: "{{ lookup('ansible.builtin.file', 'changed-paths.txt').splitlines() }}"
    prefetch: true
    concurrency: 8
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
  description: The zone purged (absent when nothing was to be purged).
  returned: when something was to be purged
  type: dict
  sample:
    id: "1"
    hostname: cdn.example.com
    cdn_domain: a1-121.so.clients.cdn13.com
jobs:
  description: Every job the provider returned, as last seen.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description:
        - The provider's job id (null when the provider returns none, as CloudFlow).
        - CloudFlare returns no job id either; its jobs carry the URL purged, or for O(purge_all) the
          purge time C(fpurge_ts) answered.
      type: str
    kind:
      description: V(purge), V(purge_all) or V(prefetch).
      type: str
    status:
      description: The provider's own status of the job (for example C(finished), C(FINISHED), C(accepted)).
      type: str
    urls:
      description: How many URLs or paths the job holds.
      type: int
    batch:
      description: The number of the batch the job came from.
      type: int
    failed:
      description: Why the job failed (null when it did not).
      type: str
    raw:
      description:
        - The provider's own representation of a job deleted with O(state=absent) (as
          M(edgeops.cdn.cdn_purge_info) shows it); only with O(return_raw=true).
      type: dict
      returned: with O(state=absent) and O(return_raw=true)
  sample:
    - id: 3cfb478531097f1830056a828752cbdd
      kind: purge
      status: finished
      urls: 2
      batch: 1
      failed: null
purged:
  description: How many URLs were purged (sent, when O(wait) is false).
  returned: always
  type: int
  sample: 2
failed_urls:
  description: URLs that were not purged, each with the reason (for Cloakfusion the CDNs that failed).
  returned: always
  type: list
  elements: dict
  sample:
    - url: http://cdn.example.com/a.png
      batch: 1
      kind: purge
      job: "1"
      reason: "Cloakfusion flush 1 failed on CDN Provider 2: one or more cdns have failed to flush"
batches:
  description: How many requests were (or, in check mode, would be) sent.
  returned: always
  type: int
  sample: 3
url_count:
  description: How many distinct URLs were to be purged.
  returned: when something was to be purged
  type: int
  sample: 2700
plan:
  description: The batches, in sending order, with their URL counts.
  returned: always
  type: list
  elements: dict
  sample:
    - action: purge
      resource: purge
      id: 1
      changes:
        urls: 1300
duration:
  description: Seconds the module spent.
  returned: always
  type: float
  sample: 1.25
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
from ansible_collections.edgeops.cdn.plugins.module_utils.purge import run_purge


def main():
    cdn = CdnModule(
        resources=('purge', 'zone'),
        argument_spec=dict(
            zone=dict(type='str'),
            urls=dict(type='list', elements='str'),
            paths=dict(type='list', elements='str'),
            purge_all=dict(type='bool', default=False),
            prefetch=dict(type='bool', default=False),
            wait=dict(type='bool', default=True),
            wait_timeout=dict(type='int', default=900),
            concurrency=dict(type='int', default=4),
            return_raw=return_raw_argument_spec(),
            state=dict(type='str', default='present', choices=['present', 'absent']),
            job_ids=dict(type='list', elements='str'),
        ),
        supports_check_mode=True,
        required_if=[('state', 'present', ('zone',)), ('state', 'absent', ('job_ids',))],
    )
    cdn.run(lambda: run_purge(cdn))


if __name__ == '__main__':
    main()
