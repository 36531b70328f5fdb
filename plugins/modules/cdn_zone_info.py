#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_zone_info
short_description: Read CDN zones from any supported provider
version_added: 0.1.0
description:
  - Lists every zone of the account, or reads one by O(hostname) or O(zone_id).
  - Each zone is returned in the option shape of M(edgeops.cdn.cdn_zone), so feeding it
    back into that module changes nothing.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
options:
  hostname:
    description:
      - Only the zone serving this host name.
    type: str
  zone_id:
    description:
      - Only the zone with this id.
    type: str
'''

EXAMPLES = r'''
- name: Every UCDN zone
  edgeops.cdn.cdn_zone_info:
    provider: ucdn
  register: zones

- name: One Cloakfusion vhost
  edgeops.cdn.cdn_zone_info:
    provider: cloakfusion
    hostname: static.example.com
  register: vhost
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
zones:
  description:
    - The zones found, in the option shape of M(edgeops.cdn.cdn_zone) plus id, cdn_domain, status and raw.
    - CloudFlare zones carry C(raw.devmode_expires_on), when development mode switches itself off
      (ISO 8601 UTC; null while it is off).
    - CloudFlow zones carry C(raw.instructions) (what the API says to set up, such as the CNAME),
      C(raw.edge_ips) (the account's edge server IPs) and C(settings.http_caching_rules).
  returned: always
  type: list
  elements: dict
  sample:
    - id: "42"
      hostname: cdn.example.com
      aliases: []
      origin: https://origin.example.com
      cdn_domain: a1-42.so.clients.cdn13.com
      status: ready
'''

from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule
from ansible_collections.edgeops.cdn.plugins.module_utils.zone_view import run_zone_info


def main():
    cdn = CdnModule(
        resources=('zone',),
        argument_spec=dict(hostname=dict(type='str'), zone_id=dict(type='str')),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_zone_info(cdn))


if __name__ == '__main__':
    main()
