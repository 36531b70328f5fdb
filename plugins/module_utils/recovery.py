# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recovering a write whose answer was lost: read back what it made instead of sending it
again, so that nothing is created twice."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError

# None: no answer at all (dropped connection).
TRANSIENT_STATUSES = (None, 500, 502, 503, 504)


def send_recovering(send, find, on_found=None, attempts=3, sleep=time.sleep, clock=time.monotonic,
                    before_resend=None):
    """Send a write (``send()``) that must not happen twice, and recover a lost answer.

    When the answer is lost (5xx, dropped connection, timeout) read back with
    ``find()`` instead of sending again: found, ``on_found(found)`` (or the
    found object) is the result; not found after a 5xx or a dropped connection,
    nothing was applied and the write is sent again (at most ``attempts`` times,
    ``before_resend()`` first). A timed-out write may still be running at the
    provider, so it is never re-sent: it is looked for until it appears or the
    request timeout has passed once more (find_after_failure).
    """
    attempt = 1
    while True:
        try:
            return send()
        except CdnError as exc:
            if not exc.maybe_applied:
                raise
            found = find_after_failure(find, exc, sleep, clock)
            if found is not None:
                return on_found(found) if on_found else found
            # Only a transient failure is worth another try; a provider's own refusal
            # (UCDN's 532 "Fail message") would only repeat.
            if exc.in_flight or exc.status not in TRANSIENT_STATUSES or attempt >= attempts:
                raise
            attempt += 1
            sleep(0.5 * attempt)
            if before_resend is not None:
                before_resend()


def create_recovering(ops, desired, differ=None, attempts=3, sleep=time.sleep, clock=time.monotonic):
    """``ops.create(desired)`` sent once (send_recovering, ``ops`` an ensure.ResourceOps); a resource
    found after a lost answer is brought to ``desired`` with ``ops.update`` where ``differ(desired,
    found)`` tells a difference (default: nothing more to change)."""
    def completed(found):
        remaining = differ(desired, found) if differ is not None else {}
        return ops.update(found, remaining, desired) if remaining else found

    return send_recovering(lambda: ops.create(desired), ops.find, on_found=completed, attempts=attempts,
                           sleep=sleep, clock=clock)


def find_after_failure(find, exc, sleep=time.sleep, clock=time.monotonic):
    """What a write whose answer was lost (``exc``) made, by reading with ``find``;
    for an in-flight write keep looking (0.5 s, doubling up to 4 s) for up to
    ``exc.in_flight_for`` seconds. None when nothing appeared."""
    deadline = clock() + (exc.in_flight_for if exc.in_flight else 0)
    pause = 0.5
    while True:
        try:
            found = find()
        except CdnError:
            # The read failed (or could not tell): the write's own error says more.
            raise exc
        if found is not None or clock() >= deadline:
            return found
        sleep(min(pause, max(0.0, deadline - clock())))
        pause = min(pause * 2, 4.0)
