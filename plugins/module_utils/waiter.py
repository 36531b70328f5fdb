# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Waiting, owned by the cores: declarative polling, and the wait for a written resource to be ready."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnWaitTimeout


class Waiter:
    """Declarative polling: what to fetch, when it is done, when it failed."""

    def __init__(self, description, fetch, ready, failed=None, timeout=300,
                 interval=0.5, max_interval=5.0, sleep=time.sleep, clock=time.time):
        self.description = description
        self.fetch = fetch
        self.ready = ready
        self.failed = failed
        self.timeout = timeout
        self.interval = interval
        self.max_interval = max_interval
        self.sleep = sleep
        self.clock = clock

    def wait(self):
        deadline = self.clock() + self.timeout
        interval = self.interval
        last = None
        while True:
            last = self.fetch()
            if self.failed is not None:
                reason = self.failed(last)
                if reason:
                    raise CdnError('%s failed: %s' % (self.description, reason))
            if self.ready(last):
                return last
            if self.clock() >= deadline:
                raise CdnWaitTimeout('timed out after %ss waiting for %s' % (self.timeout, self.description),
                                     details=dict(last=last))
            self.sleep(min(interval, max(0.0, deadline - self.clock())))
            interval = min(self.max_interval, interval * 1.5)


class Follow:
    """A background job a provider declares (what to fetch, when it is done, when it failed);
    the core's waiter follows it when the user asked to wait."""

    def __init__(self, description, fetch, ready, failed=None):
        self.description = description
        self.fetch = fetch
        self.ready = ready
        self.failed = failed

    def wait(self, timeout, sleep=time.sleep):
        return Waiter(self.description, fetch=self.fetch, ready=self.ready, failed=self.failed,
                      timeout=timeout, sleep=sleep).wait()


def wait_until_ready(ops, obj, wait, wait_timeout, sleep=time.sleep):
    """After a write: with ``wait``, poll ``ops.find`` until ``ops.ready`` holds for the resource
    (ensure.ResourceOps) and return it as last read; else, or when it is ready already, ``obj``."""
    if not wait or ops.ready is None or obj is None:
        return obj
    if ops.ready(obj):
        return obj
    ident = obj.get('id')
    waiter = Waiter('%s %s to be deployed' % (ops.kind, ident),
                    fetch=ops.find, ready=lambda o: o is not None and ops.ready(o),
                    timeout=wait_timeout, sleep=sleep)
    return waiter.wait()
