# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The wait and wait_timeout options (cdn_zone, cdn_purge). What is waited for is in each
    # module's description. The default of wait_timeout differs per module, so each module
    # documents it itself (wait_timeout: default: ...), merged over this entry.
    DOCUMENTATION = r'''
options:
  wait:
    description:
      - Poll the provider until it reports the work done, for at most O(wait_timeout) seconds. The module's
        description says what is waited for on each provider.
      - Running out of time fails the task, naming what is still pending.
      - Never waits in check mode.
    type: bool
    default: true
  wait_timeout:
    description:
      - How long to wait with O(wait), in seconds.
    type: int
'''
