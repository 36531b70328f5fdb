# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare purges (cdn_purge): 4.5 zone_file_purge (one URL a call) and 4.4 fpurge_ts
(everything); both answer at once, with no job to follow ("CloudFlare Client Interface API",
https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import Api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import (
    file_purge_fields,
    fpurge_fields,
    purge_job_of,
    purge_schemes_of,
    zone_name_of,
)


class Purges(Api, PurgeAPI):

    def purge_schemes(self, zone):
        """http and https copies are cached apart (4.5), so a zone with SSL on gets both."""
        return purge_schemes_of(zone)

    def purge_batch(self, zone, items, kind):
        name = zone_name_of(zone)
        if kind == 'purge_all':
            operation = 'purge everything in zone %s' % name
            body = self.call('fpurge_ts', operation, **fpurge_fields(name))
            return [self._purge_answer(body, operation, 'purge_all', None)]
        if kind != 'purge':
            raise self._unsupported('purge', kind)
        jobs = []
        # purge_batch is 1, so items holds one URL; a longer list still goes one call a URL.
        for url in items:
            operation = 'purge %s' % url
            body = self.call('zone_file_purge', operation, **file_purge_fields(name, url))
            jobs.append(self._purge_answer(body, operation, 'purge', url))
        return jobs

    def _purge_answer(self, body, operation, kind, url):
        """purge_job_of a checked answer: response (fpurge_ts or the URL echo) and attributes are objects
        of text and numbers when present (the liberal purge_job_of reports the URL sent without them)."""
        try:
            response = self._response(body, operation, optional=True)
            if response is not None:
                self._scalars(response, operation, 'response', optional=('fpurge_ts', 'url'))
            attributes = self._object(body.get('attributes'), operation, 'attributes')
            if attributes is not None:
                self._scalars(attributes, operation, 'attributes', optional=('cooldown',))
        except CdnResponseError as error:
            error.maybe_applied = True  # the purge was accepted
            raise
        return purge_job_of(body, kind, url)

    def purge_job(self, job):
        # Both actions are synchronous: what they answered is final.
        return job
