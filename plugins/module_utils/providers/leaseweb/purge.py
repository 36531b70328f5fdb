# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 purges (cdn_purge, cdn_purge_info): invalidations followed as INVALIDATION actions.

Leaseweb CDN API v2 "Do Invalidation": ``{"files": [...]}`` with absolute URLs ("You can submit
multiple URLs to be invalidated and purged on all of the CDN PoPs"); the answer is the
INVALIDATION action (PENDING, IN_PROGRESS, FINISHED), which the purge core follows by its id.
Leaseweb's "Developer API" listing (section "CDN") gives the path: ``POST /invalidations``, at the
top level, so no distribution is named in the request: the host names of the URLs say which
distribution they belong to. The purge core turns paths into URLs on the zone's host name and
refuses URLs on hosts the zone does not serve before anything is sent (purge.resolve_targets);
purge_batch checks it once more, since a URL on another distribution's host would purge that
distribution instead. The document gives no limit on ``files``: the batch size is the
project's (CAPABILITIES.limits.purge_batch, docs/providers/leaseweb.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    FAILED_STATUSES,
    INVALIDATION,
    action_distribution,
    canonical_invalidation,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.purge import split_purge_url, zone_hosts
from ansible_collections.edgeops.cdn.plugins.module_utils.purge_view import files_on_zone


def foreign_files(zone, items):
    """The files of a batch that are not absolute URLs on one of the zone's host names."""
    hosts = zone_hosts(zone)
    foreign = []
    for item in items:
        try:
            host = split_purge_url(item)[1]
        except ValueError:
            host = None
        if host not in hosts:
            foreign.append(item)
    return foreign


def invalidation_job(action, urls=None):
    """An INVALIDATION action as a job read back (cdn_purge_info): canonical_invalidation with the
    distribution (zone) it names and when it ended (the resource's ``completed``, null in the "List
    actions" sample, else the action's ``updated``)."""
    job = canonical_invalidation(action, urls)
    resource = action.get('resource') if isinstance(action.get('resource'), dict) else {}
    distribution = action_distribution(action)
    job['zone_id'] = str(distribution) if distribution else None
    job['finished'] = (resource.get('completed') or action.get('updated')) if job['done'] else None
    return job


def on_zone(job, zone):
    """Whether a job is the zone's: by the distribution its action names, else by the hosts of the
    files its resource lists (neither is in the document's samples: the project's assumption,
    docs/providers/leaseweb.md)."""
    if job.get('zone_id'):
        return job['zone_id'] == str(zone.get('id'))
    resource = (job.get('raw') or {}).get('resource')
    return isinstance(resource, dict) and files_on_zone(resource.get('files'), zone)


class Purges(LeasewebAPI, PurgeAPI):
    """PurgeAPI on Leaseweb invalidations."""

    # "Get action" shows PENDING, IN_PROGRESS and FINISHED; the words that end an action as failed
    # are the project's (wire.FAILED_STATUSES, docs/providers/leaseweb.md).
    purge_statuses = (('PENDING', 'queued'), ('IN_PROGRESS', 'running'), ('FINISHED', 'done')) + tuple(
        (word, 'failed') for word in FAILED_STATUSES)

    def purge_batch(self, zone, items, kind):
        foreign = foreign_files(zone, items)
        if foreign:
            raise CdnValidationError('urls', 'names URLs that distribution %s does not serve: %s' % (
                zone.get('id'), ', '.join(foreign)), allowed='full URLs on %s' % ', '.join(zone_hosts(zone)))
        response = self.client.request('POST', path('invalidations'), 'invalidate URLs',
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
        return invalidation_job(action, urls) if action is not None else None

    def list_purge_jobs(self, status=None, limit=None, zone=None):
        # "List actions" filters by type only: the status and the zone are filtered here.
        jobs = []
        for action in self._actions(params={'filters': INVALIDATION}):
            if action.get('type') != INVALIDATION:
                continue
            job = invalidation_job(action)
            if status and str(job['status']).lower() != status.lower():
                continue
            if zone is not None and not on_zone(job, zone):
                continue
            jobs.append(job)
            if limit and len(jobs) >= limit:
                break
        return jobs
