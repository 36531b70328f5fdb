# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RunOptions: the one explicit input a provider gets besides the desired state of each call.

The module base (module.py) builds it from the module's options; providers never see the
module's parameters. Waiting has one owner: a provider that must follow a background job
before its next request (a new vhost's properties, a deployment action) declares what to
fetch and when it is done, and ``wait_for`` does the polling with the run's timeout.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Waiter

DEFAULT_WAIT_TIMEOUT = 600


class RunOptions:
    """How this run goes: check mode, waiting, and what the calling module asks for.

    ``wait``: whether the user asked to wait for deployments; ``wait_timeout``: for how long
    (seconds); ``details``: the names of the extras an info module asks for besides the zone itself
    (cdn_zone_info's ``extras``: instructions, edge_ips, caching_rules); each costs requests, so only
    those named are read.
    """

    def __init__(self, check_mode=False, wait=False, wait_timeout=None, details=(), sleep=time.sleep):
        self.check_mode = bool(check_mode)
        self.wait = bool(wait)
        self.wait_timeout = wait_timeout or DEFAULT_WAIT_TIMEOUT
        self.details = frozenset(details or ())
        self.sleep = sleep

    def wait_for(self, description, fetch, ready, failed=None, timeout=None):
        """Poll ``fetch`` until ``ready(obj)`` (or ``failed(obj)`` gives a reason); the object as last read."""
        return Waiter(description, fetch=fetch, ready=ready, failed=failed,
                      timeout=timeout or self.wait_timeout, sleep=self.sleep).wait()
