# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The safety option of the modules that make a list authoritative (cdn_dns_record with prune,
    # cdn_access_rule with purge_rules, cdn_origin group members, cdn_zone aliases). Each module
    # says which of its lists it guards.
    DOCUMENTATION = r'''
options:
  safety:
    description:
      - Guards on the lists this module makes exact (see the module's description for which). They
        are checked while planning, so check mode refuses what the real run refuses, before any
        write; the failure says how many would go, of how many, and which suboption lets it through.
      - The thresholds follow octoDNS's safety checks.
    type: dict
    suboptions:
      max_delete_percent:
        description:
          - The largest share (percent) of the existing entries one run may delete, when there are
            at least O(safety.min_existing). V(100) lets every delete through.
        type: int
        default: 30
      max_update_percent:
        description:
          - The largest share (percent) of the existing entries one run may update, when there are
            at least O(safety.min_existing). V(100) lets every update through.
        type: int
        default: 30
      min_existing:
        description:
          - The percent thresholds apply when at least this many entries exist; smaller lists are
            only guarded against emptying.
        type: int
        default: 10
      allow_empty:
        description:
          - Allow an empty list to delete every existing entry. Without it an empty authoritative
            list (often an unset variable) fails.
        type: bool
        default: false
'''
