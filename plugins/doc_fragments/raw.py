# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The return_raw option of the state modules whose result object has a provider representation
    # (cdn_zone, cdn_origin, cdn_certificate, cdn_storage, cdn_purge). The info modules have no such
    # option: they always return it. Named like ansible.builtin.uri's return_content and cdn_storage's
    # return_credentials: the result gets more only when asked for.
    DOCUMENTATION = r'''
options:
  return_raw:
    description:
      - Also return the provider's own representation of the objects in the result (their C(raw) key),
        secrets removed.
      - Off by default to keep the result short and readable (Ansible shows the result with every C(-v),
        and a provider's representation of one zone takes 1 to 6 KB of it). The info modules, such as
        M(edgeops.cdn.cdn_zone_info), always return it.
      - It changes only what is shown, never the plan or RV(plan_checksum).
    type: bool
    default: false
'''
