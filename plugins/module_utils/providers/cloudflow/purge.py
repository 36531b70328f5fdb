# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow purges (cdn_purge): POST purge.json, purge_all.json and prefetch.json of the CDN
resource, bodies without a root key (the OnApp PHP wrapper, CDNResource.php purge() and
prefetch(), github.com/OnApp/OnApp-PHP-Wrapper-External).

The OnApp CDN administration guide ("Purge Content", https://docs.onapp.com) takes "only one
path per line", at most 1,300 paths, and allows "40 purge requests per 5-minute interval for
each user account"; no wildcards or directories. The core batches and paces by the
capabilities' limits. OnApp answers no job id: there is nothing to follow (cdn_purge_info is
not offered).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import purge_body, purge_jobs

# kind: (path name in api.PATHS, body key, operation).
PURGE_ENDPOINTS = {
    'purge': ('purge', 'purge_paths', 'purge paths'),
    'purge_all': ('purge_all', None, 'purge all'),
    'prefetch': ('prefetch', 'prefetch_paths', 'prefetch paths'),
}


class Purges(PurgeAPI):

    client = None

    def purge_batch(self, zone, items, kind):
        name, key, operation = PURGE_ENDPOINTS[kind]
        response = self.client.request('POST', api.path(name, zone['id']), operation,
                                       json=purge_body(key, items), ok=api.PURGED)
        return purge_jobs(items, response.body)

    def purge_job(self, job):
        return job
