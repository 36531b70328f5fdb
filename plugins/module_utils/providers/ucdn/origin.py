# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN origins (cdn_origin): the zone's ``upstream``.

UCDN API v3 (https://api.ucdn.com/docs/): the upstream object of "Create a new zone"
(its examples), changed with PATCH ("Replace a single zone parameter"); it lives and dies
with the zone (origin_scope 'zone'), so an origin is found by its zone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnNotFoundError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    canonical_upstream,
    origin_update_payload,
)


class Origins(UcdnApi, OriginAPI):

    def find_origin(self, desired):
        zone = self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True)
        return canonical_upstream(self._raw[str(zone['id'])], zone.get('hostname'))

    def list_origins(self):
        origins = []
        for raw in self._list_raw():
            self._remember(raw)
            origins.append(canonical_upstream(raw))
        return origins

    def validate_origin(self, desired, state):
        auth = desired.get('auth') or {}
        if auth.get('type') == 'http_basic':
            for index, endpoint in enumerate(desired.get('endpoints') or []):
                for key in ('bucket', 'region'):
                    if endpoint.get(key):
                        raise CdnValidationError(
                            'endpoints[%d].%s' % (index, key), 'belongs to an aws-s3 upstream, not to http_basic auth',
                            allowed='auth.type aws_secret_key or aws_signing_key with a bucket and region')

    def update_origin(self, current, changes, desired):
        raw = self._raw.get(str(current['zone'])) or {}
        if raw.get('storage_id'):
            raise CdnUnsupportedError('zone %s pulls from UCDN storage %s, not from an upstream; set an http(s) '
                                      'origin with edgeops.cdn.cdn_zone first' % (current['zone'], raw['storage_id']),
                                      provider=self.name,
                                      operation='update origin')
        body = origin_update_payload(raw.get('upstream'), changes)
        self._patch(dict(id=current['zone']), body)
        zone = self._read_zone(current['zone'])
        if zone is None:
            raise CdnNotFoundError('zone %s disappeared while its upstream was changed' % current['zone'],
                                   provider=self.name, operation='update origin')
        return canonical_upstream(self._raw[str(zone['id'])], current.get('name'))
