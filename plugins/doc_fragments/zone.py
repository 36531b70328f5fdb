# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The zone option of the modules that act on a CDN zone managed by cdn_zone (cdn_access_rule,
    # cdn_certificate, cdn_ip_info, cdn_origin, cdn_purge, cdn_stats_info). What the zone is for,
    # and when it is required, is in each module's description. The DNS modules' zone is a DNS
    # zone name and is documented by those modules.
    DOCUMENTATION = r'''
options:
  zone:
    description:
      - The CDN zone, by its public host name (anything with a dot) or by the provider's id of it,
        RV(edgeops.cdn.cdn_zone#module:zone.id).
      - A zone that is not found fails the task.
    type: str
'''
