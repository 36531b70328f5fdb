# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What CloudFlow's resources share: a zone and a storage are both CDN resources (HTTP_PULL and
HTTP_PUSH), certificates are bound on them and access rules live in their advanced settings.
So the reads of a CDN resource (the listing, basic details, advanced settings, instructions)
and the edge groups a create sends (read once a run) live here, once."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import is_int_id, same_id


class CdnResources(api.Answers):
    """CDN resource reads for the resource classes (zone.Zones, storage.Storages, certificate.Certificates,
    access_rule.AccessRules). Mixed into the Adapter, which gives ``client`` and ``run``."""

    run = None
    # {id: label} of the edge groups the account may use, once read.
    _edge_groups = None

    def _list_basic(self):
        """Every CDN resource, basic details ("Get List of CDN Resources"). Read before every create (is the
        host name taken?): a listing that cannot be read stops the run."""
        operation = 'list CDN resources'
        response = self.client.request('GET', api.path('resources'), operation, expect='list')
        return [self._resource(item, operation, response.status, 'the answer[%d]' % index)
                for index, item in enumerate(response.body)]

    def _get_basic(self, resource_id, operation):
        """GET cdn_resources/:id.json ("Get CDN Resource Basic Details"), or None when the API answers 404."""
        response = self.client.request('GET', api.path('resource', resource_id), operation,
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        basic = self._resource(response.body, operation, response.status)
        # What follows writes to the id answered: it must be the one asked for.
        if not same_id(basic['id'], resource_id):
            raise self.client.answer_error(operation, 'CDN resource %s was asked for; the answer is resource %s'
                                           % (resource_id, str(basic['id'])[:40]), status=response.status)
        return basic

    def _read_advanced(self, resource_id, operation, problem_of=None):
        """advanced.json of one resource, or None when the API answers 404; ``problem_of(advanced)``
        names what else keeps the caller from using it."""
        response = self.client.request('GET', api.path('advanced', resource_id), operation,
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        advanced = self._resource(response.body, operation, response.status, keys=())
        # Merged over the basic details: settings of another resource would be written to this one.
        if advanced.get('id') is not None and not same_id(advanced['id'], resource_id):
            raise self.client.answer_error(operation, 'advanced settings of CDN resource %s were asked for; the answer '
                                                      'is for resource %s' % (resource_id, str(advanced['id'])[:40]),
                                           status=response.status)
        problem = problem_of(advanced) if problem_of else None
        if problem:
            raise self.client.answer_error(operation, 'the answer.cdn_resource.%s' % problem, status=response.status)
        return advanced

    def _advanced(self, basic):
        advanced = self._read_advanced(basic['id'], 'get CDN resource advanced settings')
        return advanced if advanced is not None else {}

    def _instructions(self, resource_id, missing_ok=True):
        """What the API tells about using a resource: root ``cdn_resource`` + ``instructions`` (OnApp PHP wrapper,
        CDNResource/Instructions.php); the shape of ``instructions`` is undocumented. A 404 is None, or
        CdnNotFoundError when not ``missing_ok`` (cdn_zone_info tells an absent endpoint apart)."""
        operation = 'get CDN resource instructions'
        response = self.client.request('GET', api.path('instructions', resource_id), operation,
                                       allow_not_found=missing_ok, expect='object')
        if response is None:
            return None
        return self._object(response.body, 'cdn_resource', operation, keys=(), status=response.status).get('instructions')

    def _available_edge_groups(self):
        """{id: label} of the edge groups the account may use (read once a run)."""
        if self._edge_groups is None:
            # Read before a create, which sends these ids: root edge_group {id, label} (OnApp PHP wrapper,
            # CDNResource/AvailableEdgeGroup.php).
            operation = 'list available edge groups'
            response = self.client.request('GET', api.path('edge_groups'), operation, expect='list')
            groups = {}
            for index, group in enumerate(self._items(response, 'edge_group', operation)):
                if not is_int_id(group['id']):
                    raise self.client.answer_error(operation, 'the answer[%d].edge_group.id is %r, not a numeric edge '
                                                              'group id' % (index, str(group['id'])[:40]),
                                                   status=response.status)
                groups[to_int(group['id'])] = group.get('label')
            self._edge_groups = groups
        return self._edge_groups

    def available_edge_groups(self):
        """Every edge group the account may use (sent on a create when settings.edge_group_ids is not given)."""
        return sorted(self._available_edge_groups())
