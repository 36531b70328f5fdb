# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion purges (cdn_purge, cdn_purge_info): a flush request ("Flush / POST" of the
Cloakfusion API Reference) takes absolute URLs on the vhost's domain name or CNAME and makes
one flushstatus per vhost ("Flushstatus"), whose state the purge core follows. Its answers
are checked against the documented shapes before anything is read from them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.wire import (
    canonical_flushstatus,
    flush_jobs,
)


class Purges(PurgeAPI):

    # "Flushstatus" documents the final states "finished" and "failed"; a flush not yet done reads
    # "in_progress" (the vhost's word for not yet ready; docs/providers/cloakfusion.md).
    purge_statuses = (('in_progress', 'running'), ('finished', 'done'), ('failed', 'failed'))

    def purge_batch(self, zone, items, kind):
        operation = 'flush URLs'
        response = self.client.request('POST', api.path('flushes'), operation, json=dict(urls=list(items)),
                                       ok=(200, 201))
        body = response.body
        try:
            self.client.expect(body, 'object', operation, status=response.status)
            statuses = self.client.expect(body.get('flushes'), 'list', operation, what='its flushes',
                                          status=response.status)
            for status_id in statuses:
                # Each one is a flushstatus id, put into the next request's path.
                api.scalar(self.client, status_id, operation, 'an entry of its flushes', status=response.status)
        except CdnResponseError as error:
            # The flush was accepted: the purge core reads the jobs back instead of flushing again.
            error.maybe_applied = True
            raise
        return flush_jobs(body, statuses, len(items))

    def purge_job(self, job):
        response = self.client.request('GET', api.path('flushstatus', job['id']), 'get flush status',
                                       allow_not_found=True, expect='object')
        if response is None:
            return dict(job, status='not found', done=True, failed='Cloakfusion flushstatus %s not found' % job['id'])
        return self._flushstatus(response.body, 'get flush status', job.get('urls'))

    def list_purge_jobs(self, status=None, limit=None, zone=None):
        operation = 'list flush statuses'
        body = self.client.request('GET', api.path('flushstatuses'), operation, expect='list').body
        jobs = [self._flushstatus(b, operation, what='the answer[%d]' % i) for i, b in enumerate(body)]
        # "Flushstatus / LIST" takes no parameters: the state and the vhost (zone) are filtered here.
        if status:
            jobs = [j for j in jobs if str(j['status']).lower() == status.lower()]
        if zone is not None:
            jobs = [j for j in jobs if j.get('zone_id') == str(zone.get('id'))]
        jobs = jobs[:limit] if limit else jobs
        if jobs:
            # The URLs live on the flush request ("Flush / LIST", DRF pages), the state on its
            # flushstatuses: join them.
            files = self._flush_request_urls()
            for job in jobs:
                job['files'] = files.get(job.get('flush_id'))
        return jobs

    def get_purge_job(self, job_id, urls=None):
        response = self.client.request('GET', api.path('flushstatus', job_id), 'get flush status',
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        job = self._flushstatus(response.body, 'get flush status', urls)
        if job.get('flush_id') is not None:
            operation = 'get flush request'
            request = self.client.request('GET', api.path('flush', job['flush_id']), operation,
                                          allow_not_found=True, expect='object')
            if request is not None:
                job['files'] = self._flush_urls(request.body, operation, 'the flush request')
        return job

    def _flush_request_urls(self):
        """{flush request id: [urls]} over every page of flush/."""
        operation = 'list flush requests'
        found = {}
        for page, results in api.drf_pages(self.client, 'flushes', operation):
            for index, flush in enumerate(results):
                found[to_int(flush['id'])] = self._flush_urls(flush, operation, 'page %d result %d' % (page, index))
        return found

    def _flushstatus(self, body, operation, urls=None, what='the flushstatus'):
        """canonical_flushstatus of a checked flushstatus (result.results: [provider, state] pairs)."""
        self.client.expect(body, 'object', operation, what=what)
        result = api.optional(self.client, body.get('result'), 'object', operation, '%s result' % what) or {}
        pairs = api.optional(self.client, result.get('results'), 'list', operation, '%s result.results' % what) or []
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) < 2:
                raise self.client.answer_error(operation, '%s result.results holds %s where [provider, state] '
                                               'pairs are documented' % (what, type_name(pair)))
        if body.get('flushrequest') is not None:
            # The flush request id goes into the flush/{id}/ path.
            api.scalar(self.client, body['flushrequest'], operation, '%s flushrequest' % what)
        job = canonical_flushstatus(body, urls)
        # cdn_purge_info: the vhost is the zone; a done flushstatus was last updated when it ended.
        job['zone_id'] = str(job['vhost_id']) if job.get('vhost_id') is not None else None
        job['finished'] = body.get('updated') if job['done'] else None
        return job

    def _flush_urls(self, flush, operation, what):
        """The urls of a flush request (a list)."""
        return list(api.optional(self.client, flush.get('urls'), 'list', operation, '%s urls' % what) or [])
