# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small thread pool for independent requests (DNS changes, purge batches), and the
``concurrency`` option that bounds it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - without it the tasks run one by one
    ThreadPoolExecutor = None

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_int

DEFAULT_CONCURRENCY = 4


def check_concurrency(value, maximum):
    """The ``concurrency`` option: how many requests go at once, 1 to ``maximum`` (the module documents it)."""
    if value is None:
        return DEFAULT_CONCURRENCY
    number = to_int(value)
    if not isinstance(number, int) or not 1 <= number <= maximum:
        raise CdnValidationError('concurrency', 'is out of range', value=value, allowed='1 to %d' % maximum)
    return number


def run_bounded(tasks, concurrency):
    """Run callables with at most ``concurrency`` at once.

    Returns (result, error) per task, in order; a CdnError is caught and
    returned so one failure never hides what the other tasks did.
    """
    def guarded(task):
        try:
            return task(), None
        except CdnError as exc:
            return None, exc

    if concurrency <= 1 or len(tasks) <= 1 or ThreadPoolExecutor is None:
        return [guarded(t) for t in tasks]
    with ThreadPoolExecutor(max_workers=min(concurrency, len(tasks))) as pool:
        return list(pool.map(guarded, tasks))
