# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 purges (cdn_purge, cdn_purge_info): invalidations followed as INVALIDATION actions.

Leaseweb CDN API v2 "Do Invalidation": ``{"files": [...]}`` with absolute URLs ("You can submit
multiple URLs to be invalidated and purged on all of the CDN PoPs"); the answer is the
INVALIDATION action (PENDING, IN_PROGRESS, FINISHED), which the purge core follows by its id.
The document gives no limit on ``files``: the batch size is the project's
(CAPABILITIES.limits.purge_batch, docs/providers/leaseweb.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import INVALIDATION, canonical_invalidation


class Purges(LeasewebAPI, PurgeAPI):
    """PurgeAPI on Leaseweb invalidations."""

    def purge_batch(self, zone, items, kind):
        response = self.client.request('POST', path('invalidations', distribution_id=zone['id']), 'invalidate URLs',
                                       json={'files': list(items)}, ok=(200, 201, 202))
        if response.body is None:
            # LSW-STD: a 202 need not carry the resource; accepted, with no action to follow
            return [dict(canonical_invalidation({}, len(items)), done=True, status='accepted')]
        # "Do Invalidation": the answer is the INVALIDATION action, followed by its id.
        return [canonical_invalidation(self._created(response, 'action', 'invalidate URLs'), len(items))]

    def purge_job(self, job):
        found = self.get_purge_job(job['id'], urls=job.get('urls'))
        if found is None:
            return dict(job, status='not found', done=True, failed='Leaseweb action %s not found' % job['id'])
        return found

    def get_purge_job(self, job_id, urls=None):
        action = self._action(job_id)
        return canonical_invalidation(action, urls) if action is not None else None

    def list_purge_jobs(self, status=None, limit=None):
        jobs = []
        for action in self._actions(params={'filters': INVALIDATION}):
            if action.get('type') != INVALIDATION:
                continue
            job = canonical_invalidation(action)
            if status and str(job['status']).lower() != status.lower():
                continue
            jobs.append(job)
            if limit and len(jobs) >= limit:
                break
        return jobs
