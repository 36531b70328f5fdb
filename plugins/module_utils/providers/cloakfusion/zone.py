# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion zones (cdn_zone, cdn_zone_info): a zone is a vhost ("Vhosts" of the Cloakfusion
API Reference), its gzip, ssl, host header, ttl and override_hostheader the fields of its
vhost property ("Vhostproperties"). The API has no vhost update and no vhost delete."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.common import Vhosts
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.wire import (
    default_vhost_name,
    property_patch,
    vhost_payload,
)


class Zones(Vhosts, ZoneAPI):

    def list_zones(self):
        """Every vhost ("Vhosts / LIST": a bare list, not paged)."""
        body = self.client.request('GET', api.path('vhosts'), 'list vhosts', expect='list').body
        return [self.checked_vhost(v, 'list vhosts', 'the answer[%d]' % i) for i, v in enumerate(body)]

    def get_zone(self, zone_id):
        return self.read_vhost(zone_id)

    def zone_ready(self, zone):
        """Deployed: active, with its CNAME ("Vhosts / POST": up to 30 seconds after the create)."""
        return zone.get('status') == 'active' and bool(zone.get('cdn_domain'))

    def create_zone(self, desired):
        response = self.client.request('POST', api.path('vhosts'), 'create vhost', json=vhost_payload(desired),
                                       ok=(200, 201))
        try:
            zone = self.checked_vhost(response.body, 'create vhost', status=response.status)
        except CdnResponseError as error:
            # The vhost was created, but its answer names none: re-read it, never send again.
            error.maybe_applied = True
            raise
        patch = property_patch(desired, zone)
        if patch:
            zone = self.patch_properties(zone, patch)
        return zone

    def update_zone(self, current, changes, desired):
        # What no request can change on a vhost is declared in CAPABILITIES (immutable): the core refuses it.
        patch = property_patch(changes, current)
        if not patch:
            return current
        return self.patch_properties(current, patch)

    def predict_zone(self, desired):
        zone = super(Zones, self).predict_zone(desired)
        zone['settings'] = dict(zone.get('settings') or {})
        zone['settings'].setdefault('name', default_vhost_name(desired['hostname']))
        return zone
