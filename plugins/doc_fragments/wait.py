# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The wait and wait_timeout options (cdn_zone, cdn_purge), and how to run a long wait under
    # async/poll (tests/integration/test_async.py). What is waited for is in each module's
    # description. The default of wait_timeout differs per module, so each module documents it
    # itself (wait_timeout: default: ...), merged over this entry.
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
      - The module prints nothing while it waits. Run the task with C(async) and C(poll) (for example
        C(poll=5)) and the play, or an AWX job, shows a line at every poll; or start it with C(poll=0) and
        collect it later with C(ansible.builtin.async_status). Check mode works the same way under C(async).
      - C(async) must be longer than O(wait_timeout) and the requests around the wait (each try up to
        O(timeout), retries up to O(retry_budget)), for example O(wait_timeout) plus 180 seconds; Ansible
        stops a module that runs past C(async) without its result (what it had written stays, and the next
        run continues from it). See C(docs/awx.md) in the collection.
    type: int
'''
