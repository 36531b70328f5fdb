# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bench helper (not part of the collection): write each task's wall time to $BENCH_TIMES_FILE.

scripts/bench.py compares tasks, not whole ansible-playbook runs, so the
interpreter and playbook start-up of both sides stays out of the ratios.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = r'''
name: bench_timer
type: aggregate
short_description: per-task wall times for scripts/bench.py
description:
  - Writes a JSON list of {name, start, end, items, failed} to the file named by BENCH_TIMES_FILE.
requirements:
  - enabled with ANSIBLE_CALLBACKS_ENABLED=bench_timer
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'bench_timer'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.tasks = []
        self.current = None

    def _close(self):
        if self.current is not None and self.current.get('end') is None:
            self.current['end'] = time.time()

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.current = dict(name=task.get_name(), start=time.time(), end=None, items=0, failed=False)
        self.tasks.append(self.current)

    def _done(self, result, failed=False):
        if self.current is not None:
            self.current['end'] = time.time()
            self.current['failed'] = self.current['failed'] or failed

    def v2_runner_item_on_ok(self, result):
        if self.current is not None:
            self.current['items'] += 1

    def v2_runner_item_on_failed(self, result):
        if self.current is not None:
            self.current['items'] += 1
            self.current['failed'] = True

    def v2_runner_on_ok(self, result):
        self._done(result)

    def v2_runner_on_skipped(self, result):
        self._done(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._done(result, failed=True)

    def v2_runner_on_unreachable(self, result):
        self._done(result, failed=True)

    def v2_playbook_on_stats(self, stats):
        self._close()
        path = os.environ.get('BENCH_TIMES_FILE')
        if path:
            with open(path, 'w') as handle:
                json.dump(self.tasks, handle)
