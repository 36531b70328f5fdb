# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN purge jobs (cdn_purge, cdn_purge_info): UCDN API v3 "Purge files" .. "Delete a
purge job" (https://api.ucdn.com/docs/).

One job a request, newline-separated paths; a job is "waiting", "running", "finished"
or "failed" ("View purge job"). Batching, the pool and waiting on jobs are the core's
(module_utils/purge.py): this class sends one batch and reads one job.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import purge_job_problem
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import PURGE_DELETABLE, canonical_purge_job
from ansible_collections.edgeops.cdn.plugins.module_utils.purge_view import files_on_zone

# "List purge jobs": count "Positive integer less or equal to 500", default 20.
LIST_COUNT_MAX = 500
LIST_COUNT_DEFAULT = 20


class Purges(UcdnApi, PurgeAPI):

    # "View purge job": status "can be "waiting", "running", "finished" or "failed"".
    purge_statuses = (('waiting', 'queued'), ('running', 'running'), ('finished', 'done'), ('failed', 'failed'))

    def purge_batch(self, zone, items, kind):
        response = self.client.request('POST', path('purge', zone['id']), 'purge files',
                                       json=dict(files='\n'.join(items)), ok=(200, 201, 204))
        if response.body is None:
            # A 204 ("Purge files": "204 json Success message") carries no job id: nothing to
            # follow (docs/providers/ucdn.md, "Decisions where the API document is silent").
            return [dict(id=None, status='accepted', done=True, failed=None, urls=len(items), raw={})]
        # "Purge files" example: {"message": ..., "job_id": "<32 hex>"}.
        body = self._written(response, ('object', ('job_id',)), 'purge files')
        return [dict(id=str(body['job_id']), status='waiting', done=False, failed=None, urls=len(items), raw=body)]

    def purge_job(self, job):
        found = self.get_purge_job(job['id'], urls=job.get('urls'))
        if found is None:
            return dict(job, status='not found', done=True, failed='UCDN purge job %s not found' % job['id'])
        return found

    def get_purge_job(self, job_id, urls=None):
        response = self.client.request('GET', path('purge_job', job_id), 'get purge job', allow_not_found=True,
                                       expect=('object', ('job_id',)))
        if response is None:
            return None
        self._check_id(job_id, response.body['job_id'], 'purge job', 'get purge job')
        self._check(purge_job_problem(response.body), 'get purge job')
        return canonical_purge_job(response.body, urls)

    def list_purge_jobs(self, status=None, limit=None, zone=None):
        query = {}
        if status:
            query['status'] = status
        # "List purge jobs" takes no zone: for one zone the most it answers is read, and the jobs whose
        # files (URLs on the zone's CDN domain, as its examples show) are on the zone are kept.
        count = LIST_COUNT_MAX if zone is not None else limit
        if count:
            query['count'] = count
        # Read before a purge is sent again (module_utils/purge.py _find_jobs): every job must be readable.
        body = self.client.request('GET', path('purge_jobs'), 'list purge jobs', params=query or None,
                                   expect=('list', ('job_id',))).body
        for job in body:
            self._check(purge_job_problem(job), 'list purge jobs')
        jobs = [canonical_purge_job(b) for b in body]
        if zone is not None:
            jobs = [job for job in jobs if files_on_zone(job['files'], zone)][:limit or LIST_COUNT_DEFAULT]
        return jobs

    def delete_purge_job(self, job):
        if job.get('status') not in PURGE_DELETABLE:
            raise CdnUnsupportedError('UCDN can delete only waiting or finished purge jobs; job %s is %s'
                                      % (job['id'], job.get('status')), provider=self.name, operation='delete purge job')
        self.client.request('DELETE', path('purge_job', job['id']), 'delete purge job', ok=(200, 204),
                            allow_not_found=True)
