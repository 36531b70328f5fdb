# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""PurgeAPI: what a provider implements for purges (cdn_purge, cdn_purge_info; module_utils/purge.py).

Input checks, deduplication, batching, the thread pool, rate pacing and waiting on jobs
are the core's; a provider sends one batch and reads one job back. Its capabilities'
limits (providers.base.Limits) say ``purge_batch`` (items per request), ``purge_form``
(``url`` when the API takes absolute URLs, ``path`` when it takes paths), and optionally
``purge_rate`` ((requests, seconds): a documented rate limit), ``purge_wildcards`` (the API
takes ``*``) and ``purge_subdomains`` (the zone is a DNS zone serving every name below it).

A job is a dict: ``id``, ``status`` (the provider's own word), ``done``, ``failed`` (a reason or
None), ``urls`` (how many items), ``raw``; jobs read back (cdn_purge_info) may also carry
``created`` and ``finished`` (the provider's times, any form purge_view.iso_time reads) and
``zone_id``. ``purge_statuses`` maps the provider's status words to cdn_purge_info's common
vocabulary (queued, running, done, failed; module_utils/purge_view.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class PurgeAPI(ResourceAPI):

    # ((provider status, common status), ...) for cdn_purge_info, in the provider's spelling.
    purge_statuses = ()

    def purge_schemes(self, zone):
        """The schemes a path is purged under; None: https when the zone has TLS, else http.
        APIs that cache each scheme apart answer both."""
        return None

    def purge_batch(self, zone, items, kind):
        """Send one batch (``kind``: purge, purge_all or prefetch); return the list of jobs it made."""
        raise self._unsupported('purge', 'create')

    def purge_job(self, job):
        """``job`` read again (same shape)."""
        return job

    def get_purge_job(self, job_id, urls=None):
        """One job by id, or None (cdn_purge_info)."""
        raise self._unsupported('purge', 'get')

    def list_purge_jobs(self, status=None, limit=None, zone=None):
        """Recent jobs, newest first where the provider orders them (cdn_purge_info, lost-answer recovery):
        only those in the provider status ``status`` and of the canonical ``zone`` when given, at most ``limit``."""
        raise self._unsupported('purge', 'list')

    def delete_purge_job(self, job):
        raise self._unsupported('purge', 'delete')
