#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_debug_info
short_description: Show how each CDN behind a provider answers one URL
version_added: 0.2.0
description:
  - Asks the provider to fetch O(url) through every CDN it runs on (Leaseweb's debug endpoint) and returns, per
    CDN, whether the fetch worked, the edge IP address, the HTTP status code and the response headers.
  - Use the exact domain to debug; a distribution may serve several custom domains.
  - The URL is checked before any request (1 to 2083 characters, an absolute C(http://) or C(https://) URL).
  - Never changes anything. A CDN that cannot fetch the URL does not fail the task; RV(success) and
    RV(providers[].success) tell.
  - Providers without a debug service fail with a message naming what they offer.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
attributes:
  check_mode:
    details: The debug request (the provider fetches O(url) through its CDNs) only reads; check mode sends it too.
options:
  url:
    description:
      - The URL to fetch, on one of the distribution's domains, such as V(https://cdn.example.com/logo.png).
    type: str
    required: true
'''

EXAMPLES = r'''
- name: Headers of one file on every Leaseweb CDN provider
  edgeops.cdn.cdn_debug_info:
    provider: leaseweb
    api_token: "{{ leaseweb_api_key }}"
    url: https://cdn.example.com/logo.png
  register: debug

- name: Show the cache status per CDN
  ansible.builtin.debug:
    msg: "{{ item.type }}: {{ item.status_code }} {{ item.headers['x-cache'] | default('-') }}"
  loop: "{{ debug.providers }}"
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
url:
  description: The URL that was debugged.
  returned: success
  type: str
  sample: https://cdn.example.com/logo.png
success:
  description: Whether every CDN fetched the URL.
  returned: success
  type: bool
  sample: true
providers:
  description: One entry per CDN the provider runs the distribution on.
  returned: success
  type: list
  elements: dict
  contains:
    type:
      description: The CDN (Leaseweb C(providerType)).
      type: str
      sample: gcore
    success:
      description: Whether this CDN fetched the URL.
      type: bool
    ip:
      description: The edge IP address that answered (null when none did).
      type: str
      sample: 93.123.17.254
    status_code:
      description: The HTTP status code of the answer (null when none came).
      type: int
      sample: 301
    message:
      description: The provider's message, for example why the fetch failed.
      type: str
    headers:
      description: The response headers, lower-case names; a header sent more than once has its values joined
        with a comma.
      type: dict
      sample:
        connection: keep-alive
        content-length: "0"
raw:
  description: The provider's own answer.
  returned: success
  type: dict
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

from ansible_collections.edgeops.cdn.plugins.module_utils.debug import run_debug_info
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        resources=('debug', 'zone'),
        argument_spec=dict(
            url=dict(type='str', required=True),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_debug_info(cdn))


if __name__ == '__main__':
    main()
