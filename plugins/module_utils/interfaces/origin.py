# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""OriginAPI: what a provider implements for origins (cdn_origin; module_utils/origin.py).

A canonical origin is a dict with ``id`` (provider id; for an origin that lives on a zone,
the zone id), ``name``, ``zone`` (zone id or None), ``kind`` ('origin' or 'group') and the
ORIGIN_FIELDS the provider manages, normalised as module_utils/origin.py normalises the
options (endpoints as [{'host', 'port'}] with port None for the protocol's default port;
auth without secret values), plus ``raw`` (the provider object with secrets masked).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class OriginAPI(ResourceAPI):

    def validate_origin(self, desired, state):
        """Provider-specific checks of the desired origin; raise CdnValidationError (no request)."""

    def find_origin(self, desired):
        """The origin ``desired`` identifies (by ``name``, or the zone in ``desired['zone']``, a host
        name or id), or None. For zone-bound origins a missing zone raises CdnNotFoundError naming it."""
        raise self._unsupported('origin', 'get')

    def list_origins(self):
        raise self._unsupported('origin', 'list')

    def create_origin(self, desired):
        raise self._unsupported('origin', 'create')

    def update_origin(self, current, changes, desired):
        """Apply ``changes`` (the differing options; ``auth`` complete with secrets when it is
        sent) and return the canonical origin after."""
        raise self._unsupported('origin', 'update')

    def delete_origin(self, current):
        raise self._unsupported('origin', 'delete')
