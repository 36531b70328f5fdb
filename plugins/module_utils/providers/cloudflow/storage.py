# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow storages (cdn_storage): an ``HTTP_PUSH`` CDN resource is a storage. "Add HTTP CDN
Resource" (OnApp CDN API documentation, https://docs.onapp.com): HTTP_PUSH replaces ``origin``
with ``ftp_password``; the advanced form adds ``storage_server_location``.

- name = ``cdn_hostname``, region = ``storage_server_location``. The FTP password is chosen by
  the user (the module's ``ftp_password``), sent on create and on a rotation (PUT of this one
  resource), and never read back: OnApp lists it only among the writable fields.
- The values of ``storage_server_location`` are not published: wire.STORAGE_LOCATIONS is the
  collection's list (docs/providers/cloudflow.md), kept there alone (and in the simulator).
- FTP host and user: no documented field of the resource carries them; OnApp explains uploading
  in ``instructions.json`` (shape undocumented). wire.ftp_details takes them from the
  instructions when they name them and leaves them None otherwise.
- Size is not documented for push resources: bytes and objects are None.
- HTTP_PUSH resources are storages only: zones are the other (pull) resources.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.storage import StorageAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import is_hostname, normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.common import CdnResources
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    canonical_storage,
    is_storage,
    password_payload,
    storage_create_payload,
)


class Storages(CdnResources, StorageAPI):
    # What this run's storage reads could not learn (storage_notes), set on the first such read.
    _storage_notes = None

    def validate_storage(self, desired, state):
        name = normalize_hostname(desired.get('name'))
        if not is_hostname(name, min_labels=2):
            raise CdnValidationError('name', 'is not a host name: a CloudFlow storage is named by the CDN hostname '
                                     'of its HTTP_PUSH resource', value=desired.get('name'),
                                     allowed='a DNS name such as files.example.com')
        desired['name'] = name

    def _storage(self, basic):
        advanced = self._advanced(basic)
        instructions = self._instructions(basic['id'])
        if instructions is None:
            # Older control panels answer 404 (the endpoint came with OnApp 6.0, as edge_ips): the FTP host and
            # user stay unknown, and the user is told so rather than shown nulls without a reason.
            if self._storage_notes is None:
                self._storage_notes = []
            note = ('this control panel has no instructions endpoint (HTTP 404 on GET %s), so the FTP host and user '
                    'of storage %s are not known (ftp_host and ftp_user are null)'
                    % (api.path('instructions', basic['id']), normalize_hostname(basic.get('cdn_hostname'))))
            if note not in self._storage_notes:
                self._storage_notes.append(note)
        return canonical_storage(basic, advanced, instructions)

    def storage_notes(self):
        return list(self._storage_notes or [])

    def list_storages(self):
        return [canonical_storage(basic) for basic in self._list_basic() if is_storage(basic)]

    def storage_details(self, storage):
        # "Get List of CDN Resources" carries no storage_server_location; the advanced details do. The listed
        # resource (raw, secrets masked; it never holds the FTP password) is the basic part.
        advanced = self._read_advanced(storage['id'], 'get storage advanced settings')
        return canonical_storage(storage['raw'], advanced) if advanced is not None else storage

    def find_storage(self, desired):
        for basic in self._list_basic():
            if is_storage(basic) and normalize_hostname(basic.get('cdn_hostname')) == desired['name']:
                return self._storage(basic)
        return None

    def create_storage(self, desired):
        password = desired.get('ftp_password')
        if not password:
            raise CdnValidationError('ftp_password', 'is required to create CloudFlow storage %s (OnApp creates an '
                                     'HTTP_PUSH resource with the FTP password you choose)' % desired['name'],
                                     allowed='a password (no_log)')
        payload = storage_create_payload(desired, password, self.available_edge_groups())
        operation = 'create storage (HTTP_PUSH resource)'
        response = self.client.request('POST', api.path('resources'), operation, json=payload, ok=api.CREATED)
        new_id = (self._created(response, 'cdn_resource', operation) or {}).get('id')
        found = None
        if new_id is not None:
            basic = self._get_basic(new_id, 'get storage')
            found = self._storage(basic) if basic is not None else None
        if found is None:
            found = self.find_storage(desired)
        if found is None:
            raise CdnNotFoundError('storage %s was created but CloudFlow does not show it' % desired['name'],
                                   provider=self.capabilities.name, operation='create storage')
        return found

    def delete_storage(self, current):
        self.client.request('DELETE', api.path('resource', current['id']),
                            'delete storage (HTTP_PUSH resource)', ok=api.DELETED, allow_not_found=True)

    def storage_password(self, current):
        # The API never shows the FTP password: it is the one you chose.
        return None

    def set_storage_password(self, current, password):
        """A new FTP password for this storage only (PUT ftp_password, "Edit HTTP Pull/Push CDN Resource with
        Advanced Settings")."""
        self.client.request('PUT', api.path('resource', current['id']), 'set storage FTP password',
                            json=password_payload(password), ok=api.WRITTEN)
