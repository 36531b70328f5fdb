# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN storages (cdn_storage): UCDN API v3 "Create storage" .. "Remove storage"
(https://api.ucdn.com/docs/).

A storage is found by its name (``container``); it cannot be renamed or moved to
another region. Deleting is refused by the API for a non-empty storage or one a zone
uses as origin ("Remove storage"); the adapter checks both first (read-only) so it can
name the zones and delete nothing. "Reconfigure storages" changes the FTP password of
every storage in a region at once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.storage import StorageAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import size_problem, storage_problem
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    canonical_storage,
    canonical_zone,
    storage_create_payload,
    storage_rotate_payload,
)


class Storages(UcdnApi, StorageAPI):

    def list_storages(self):
        return [canonical_storage(b) for b in self._storage_bodies()]

    def _with_size(self, body):
        # Read before a delete (storage_delete_blockers: it must be empty); 404: the storage is gone.
        response = self.client.request('GET', path('storage_size', body['id']), 'get storage size',
                                       allow_not_found=True, expect='object')
        if response is not None:
            self._check(size_problem(response.body), 'get storage size')
        return canonical_storage(body, response.body if response is not None else None)

    def get_storage(self, storage_id):
        response = self.client.request('GET', path('storage', storage_id), 'get storage', allow_not_found=True,
                                       expect=('object', ('id', 'container')))
        if response is None:
            return None
        self._check_id(storage_id, response.body['id'], 'storage', 'get storage')
        self._check(storage_problem(response.body), 'get storage')
        self._storage_secrets[str(response.body['id'])] = response.body.get('ftp_password')
        return self._with_size(response.body)

    def find_storage(self, desired):
        # Read before a create: a storage is found by its container.
        body = next((b for b in self._storage_bodies() if b.get('container') == desired['name']), None)
        return self._with_size(body) if body is not None else None

    def create_storage(self, desired):
        response = self.client.request('POST', path('storage_create'), 'create storage',
                                       json=storage_create_payload(desired), ok=(200, 201))
        # "Create storage" example: {"message": "Storage Created", "id": 3}.
        body = self._written(response, ('object', ('id',)), 'create storage')
        found = self.get_storage(body['id'])
        if found is None:
            raise CdnNotFoundError('storage %s was created but UCDN does not show it' % desired['name'],
                                   provider=self.name, operation='create storage')
        return found

    def storage_delete_blockers(self, current):
        """"Remove storage": "it must be empty and there must be no cache
        zone using it as its origin"."""
        reasons = []
        users = [raw for raw in self._list_raw() if str(raw.get('storage_id') or '') == str(current['id'])]
        if users:
            names = ['%s (id %s)' % (canonical_zone(raw)['hostname'] or raw.get('cdn_domain'), raw['id'])
                     for raw in users]
            reasons.append('zone %s uses it as origin' % ', '.join(names))
        if current.get('bytes') or current.get('objects'):
            reasons.append('it is not empty (%s bytes, %s objects)' % (current.get('bytes'), current.get('objects')))
        return reasons

    def delete_storage(self, current):
        reasons = self.storage_delete_blockers(current)
        if reasons:
            raise CdnUnsupportedError('UCDN storage %s (id %s) cannot be deleted: %s; nothing was deleted'
                                      % (current['name'], current['id'], '; '.join(reasons)),
                                      provider=self.name, operation='delete storage')
        self.client.request('DELETE', path('storage', current['id']), 'delete storage', ok=(200, 204),
                            allow_not_found=True)

    def storage_password(self, current):
        return self._storage_secrets.get(str(current['id']))

    def rotate_storage_password(self, region):
        response = self.client.request('PATCH', path('storages'), 'rotate storage FTP passwords',
                                       json=storage_rotate_payload(region), ok=(200,))
        # "Reconfigure storages": {"new_ftp_password": ...}. Without it the password
        # known from before is no longer valid: say so rather than return that one.
        body = response.body
        password = body.get('new_ftp_password') if isinstance(body, dict) else None
        if not isinstance(password, str) or not password:
            got = 'its new_ftp_password is %s' % type_name(password) if isinstance(body, dict) \
                else 'it is %s' % type_name(body)
            raise self.client.answer_error(
                'rotate storage FTP passwords', 'UCDN changed the FTP passwords of region %s, but %s where a string '
                'is documented; return_credentials without rotate_ftp_password shows the new one' % (region, got),
                status=response.status)
        return password
