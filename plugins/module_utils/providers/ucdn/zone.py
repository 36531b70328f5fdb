# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN zones (cdn_zone, cdn_zone_info): UCDN API v3 "Fetch all zones" .. "Delete a zone".

https://api.ucdn.com/docs/. A zone is found by its host name among any of its
``custom_domains``. Reconfiguration is asynchronous: ``reconfig_status`` is
"reconfiguring" until it is "ready" ("Fetch a zone"); zone_ready says so, and the core
waits with it when the user sets ``wait``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname, split_url
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import shown
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    DEFAULT_OBJECT_SIZE,
    SECRET_SETTINGS,
    as_dict,
    as_list,
    canonical_origin,
    canonical_storage,
    create_payload,
    helper_flags,
    is_storage_origin,
    normalize_desired_settings,
    update_payload,
)


class Zones(UcdnApi, ZoneAPI):

    # reads

    def list_zones(self):
        return [self._remember(z) for z in self._list_raw()]

    def get_zone(self, zone_id, hostname=None):
        return self._read_zone(zone_id, hostname)

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self._read_zone(zone_id, hostname)
        # A zone is found by its hostname among any of its custom_domains.
        for raw in self._list_raw():
            domains = [normalize_hostname(d) for d in as_list(raw.get('custom_domains'))]
            if hostname in domains:
                return self._remember(raw, hostname)
        return None

    def zone_ready(self, zone):
        # reconfig_status: only "ready" and "reconfiguring" are known (docs/providers/ucdn.md).
        return zone.get('status') == 'ready'

    def validate_zone(self, desired, state):
        if state != 'present':
            return
        origin = desired.get('origin')
        if origin is not None:
            if origin.startswith('storage:'):
                if desired.get('origin_host_header'):
                    raise CdnValidationError('origin_host_header', 'has no meaning for a zone pulling from UCDN '
                                             'storage', allowed='no origin_host_header with origin storage:<name>')
                desired['origin'] = self._storage_origin(origin)
            elif split_url(origin)[3]:
                raise CdnValidationError('origin', 'has a path; a UCDN upstream is a host and port only',
                                         value=origin, allowed='e.g. https://origin.example.com:8443')
            else:
                desired['origin'] = canonical_origin(origin)
        if desired.get('aliases') and desired.get('hostname'):
            # custom_domains holds the hostname once; it is never also an alias.
            desired['aliases'] = [a for a in desired['aliases'] if a != desired['hostname']]
        if desired.get('settings'):
            normalize_desired_settings(desired['settings'])
            for key in SECRET_SETTINGS:
                self.take_secret_setting(desired['settings'], key)

    def _storage_origin(self, origin):
        """``storage:<name or id>`` as the zone shows it (``storage:<id>``); a read, no write."""
        ref = origin.split(':', 1)[1].strip()
        if not ref:
            raise CdnValidationError('origin', 'names no storage', value=origin,
                                     allowed='storage:<name or id of a UCDN storage>')
        found = [s for s in (canonical_storage(b) for b in self._storage_bodies()) if ref in (s['name'], s['id'])]
        if not found:
            raise CdnValidationError('origin', 'names no UCDN storage of this account', value=origin,
                                     allowed='storage:<name> of a storage created with edgeops.cdn.cdn_storage')
        # The zone takes storage_id as an int (wire.storage_origin_fields; "List storages": "id int").
        if not re.match(r'^[0-9]+$', found[0]['id']):
            raise self.client.answer_error('list storages', 'storage %s has the id %s where an int is documented'
                                           % (found[0]['name'], shown(found[0]['id'])))
        return 'storage:%s' % found[0]['id']

    # writes

    def create_zone(self, desired):
        # What a create needs and what never changes (object_size) are declared in CAPABILITIES: the core checks them.
        response = self.client.request('POST', path('zone_create'), 'create zone',
                                       json=create_payload(desired, self.secrets), ok=(200, 201))
        # "Create a new zone": {"zone_id": 5}.
        body = self._written(response, ('object', ('zone_id',)), 'create zone')
        zone = self._read_zone(body['zone_id'], desired['hostname'])
        if zone is not None and desired.get('enabled') is False and zone.get('enabled'):
            # is_active is not a create parameter: disable right after.
            self._patch(zone, helper_flags('disable'))
            zone = self._read_zone(zone['id'], desired['hostname'])
        return zone

    def update_zone(self, current, changes, desired):
        upstream = as_dict(self._raw.get(str(current['id']), {}).get('upstream')) or None
        body = update_payload(current, changes, desired, current_upstream=upstream, secrets=self.secrets)
        if not body:
            return current
        self._patch(current, body)
        return self._read_zone(current['id'], desired.get('hostname') or current.get('hostname'))

    def delete_zone(self, current):
        self.client.request('DELETE', path('zone', current['id']), 'delete zone', ok=(200, 204))
        self._raw.pop(str(current['id']), None)

    def predict_zone(self, desired):
        zone = super(Zones, self).predict_zone(desired)
        zone['settings'] = dict(zone.get('settings') or {})
        zone['settings'].setdefault('object_size', DEFAULT_OBJECT_SIZE)
        zone.setdefault('aliases', [])
        zone.setdefault('enabled', True)
        if desired.get('origin') and not is_storage_origin(desired['origin']) and 'origin_host_header' not in zone:
            zone['origin_host_header'] = split_url(desired['origin'])[1]
        zone['status'] = 'reconfiguring'
        return zone
