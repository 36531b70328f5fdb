#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_stats_info
short_description: Read traffic statistics (bytes, hits, requests) from a CDN provider
version_added: 0.2.0
description:
  - Reads a provider's statistics for a period and returns them in one shape for every provider, a time
    RV(stats.series) and its RV(stats.totals), plus the provider's own answer in RV(stats.raw).
  - O(start) and O(end) are ISO 8601 dates or times, converted to UTC and then to each API's format
    (Cloakfusion C(dd-mm-yyyy), UCDN C(YYYY-MM-DD) or unix time, Leaseweb C(YYYY-MM-ddTHH:mm:ss), CloudFlow
    C(YYYY-MM-DD+hh:mm:ss)). The legacy CloudFlare API takes no dates but an C(interval), and the smallest interval
    that covers O(start) is used.
  - With O(zone), the statistics of that zone. Without it, the account's statistics where the provider reports
    them account-wide; providers that report per zone only (CloudFlare) fail naming O(zone).
  - Which O(report), O(granularity) and O(metric) values a provider offers, and their defaults, are listed in
    the support matrix (C(docs/support-matrix.md)); a value the provider does not offer fails before any request,
    naming the allowed values.
  - Never changes anything.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
  - edgeops.cdn.zone
options:
  start:
    description:
      - The start of the period, an ISO 8601 date (V(2026-11-01), midnight UTC) or time (V(2026-11-01T06:00:00Z),
        V(2026-11-01T07:00+01:00)).
      - Defaults to 7 days before O(end).
    type: str
  end:
    description:
      - The end of the period, in the same forms as O(start). Defaults to now.
    type: str
  granularity:
    description:
      - The step of the series (for example V(hour) or V(day)), where the provider lets it be chosen.
    type: str
  metric:
    description:
      - What to measure (for example V(bytes) or V(hits)), where the provider lets it be chosen.
    type: str
  report:
    description:
      - Which of the provider's reports to read (for example UCDN V(bytes), V(hits), V(countries),
        V(status_codes); Leaseweb V(customer) or V(reseller); CloudFlow V(bandwidth) or V(usage)).
    type: str
'''

EXAMPLES = r'''
- name: Bytes served by one UCDN zone in October, per day
  edgeops.cdn.cdn_stats_info:
    provider: ucdn
    api_token: "{{ ucdn_token }}"
    zone: cdn.example.com
    report: bytes
    start: "2026-10-01"
    end: "2026-11-01"
  register: october

- name: Show the total
  ansible.builtin.debug:
    msg: "{{ october.stats.totals.bytes | default(0) | human_readable }}"

- name: Leaseweb account data transfer for the last 7 days, per day
  edgeops.cdn.cdn_stats_info:
    provider: leaseweb
    metric: DATATRANSFER
    granularity: DAY
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
stats:
  description: The statistics.
  returned: success
  type: dict
  contains:
    series:
      description:
        - One point per step (or per label, such as a country or status code, for reports by label), oldest first.
        - C(timestamp) is UTC (C(YYYY-MM-DDTHH:MM:SSZ)); the numbers present depend on the report (C(bytes), C(hits),
          C(bytes_cached), C(bytes_uncached), C(hits_cached), C(hits_uncached), C(requests), C(pageviews),
          C(uniques), C(threats), C(bandwidth_mbps)), and rates or levels that are never summed (C(cache_hit_ratio),
          C(status_2xx_percent), C(status_4xx_percent), C(status_5xx_percent)).
        - Labels, for reports by label or group, are C(country), C(status_code), C(zone), C(hostname), C(location),
          C(provider) and C(customer).
      type: list
      elements: dict
      sample:
        - timestamp: "2026-10-01T00:00:00Z"
          bytes: 1048576
          hits: 210
    totals:
      description:
        - The period's totals, as the provider reports them, or else the sums of the series' numbers.
        - Leaseweb grouped reports add C(groups), the totals per group.
      type: dict
      sample:
        bytes: 1048576
        hits: 210
    raw:
      description: The provider's own answer.
      type: raw
query:
  description: The query as sent, after defaults (dates in UTC; C(zone) is the zone's provider id).
  returned: success
  type: dict
  sample:
    start: "2026-10-01T00:00:00Z"
    end: "2026-11-01T00:00:00Z"
    zone: "10"
    report: bytes
    granularity: day
    metric: null
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
from ansible_collections.edgeops.cdn.plugins.module_utils.stats import run_stats_info


def main():
    cdn = CdnModule(
        resources=('stats', 'zone'),
        argument_spec=dict(
            zone=dict(type='str'),
            start=dict(type='str'),
            end=dict(type='str'),
            granularity=dict(type='str'),
            metric=dict(type='str'),
            report=dict(type='str'),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_stats_info(cdn))


if __name__ == '__main__':
    main()
