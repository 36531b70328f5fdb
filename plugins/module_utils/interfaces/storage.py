# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""StorageAPI: what a provider implements for storages (cdn_storage; module_utils/storage.py).

A canonical storage is a dict with ``id``, ``name``, ``region``, ``ftp_host``,
``ftp_user``, ``bytes`` and ``objects`` (None when the API does not say) and ``raw``
(secrets masked). The FTP password is never in it: ``storage_password`` gives it to the
module when the user asks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class StorageAPI(ResourceAPI):

    def validate_storage(self, desired, state):
        """Provider-specific checks of the desired storage; raise CdnValidationError (no request)."""

    def list_storages(self):
        raise self._unsupported('storage', 'list')

    def storage_details(self, storage):
        """A storage of list_storages with what only its own read shows (its region, where the listing leaves
        it out); the listed storage itself by default, without a request."""
        return storage

    def storage_notes(self):
        """What the storage reads of this run could not learn, in the user's words (an optional endpoint this
        API version lacks): cdn_storage warns each. None by default."""
        return []

    def find_storage(self, desired):
        """The storage named ``desired['name']`` with its size, or None."""
        raise self._unsupported('storage', 'get')

    def create_storage(self, desired):
        raise self._unsupported('storage', 'create')

    def storage_delete_blockers(self, current):
        """Why ``current`` cannot be deleted (read-only; empty when it can)."""
        return []

    def delete_storage(self, current):
        raise self._unsupported('storage', 'delete')

    def storage_password(self, current):
        """The FTP password of ``current`` as the API showed it, or None."""
        return None

    def set_storage_password(self, current, password):
        """Set the FTP password the user chose on ``current`` (a provider whose passwords are per storage)."""
        raise self._unsupported('storage', 'rotate_ftp_password')

    def rotate_storage_password(self, region):
        """Change the FTP password (of every storage in ``region`` where the API works per
        region); return the new password or None."""
        raise self._unsupported('storage', 'rotate_ftp_password')
