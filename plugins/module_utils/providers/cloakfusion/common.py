# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What Cloakfusion's zone and origin resources share: reading one vhost, PATCHing its
property, and the error for what no request can change on an existing vhost."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.wire import canonical_vhost

# What the vhost has no API to change once created ("Vhosts" offers LIST, GET and POST only).
FIXED_VHOST_MESSAGE = ('Cloakfusion cannot change %s of an existing vhost: its API offers no vhost update '
                       '(only vhost properties gzip, ssl, ttl, host_header, override_hostheader)')


def fixed_vhost_error(fields, provider, extra=''):
    return CdnUnsupportedError(FIXED_VHOST_MESSAGE % ', '.join(fields) + extra, provider=provider,
                               operation='update vhost')


class Vhosts:
    """Vhost access for the resource classes (zone.Zones, origin.Origins). Mixed into the Adapter,
    which gives ``client`` (the run's ApiClient) and ``run`` (RunOptions)."""

    client = None
    run = None

    def read_vhost(self, zone_id):
        """The canonical zone of vhost ``zone_id`` ("Vhosts / GET"), or None when there is none."""
        response = self.client.request('GET', api.path('vhost', zone_id), 'get vhost', allow_not_found=True)
        return self.checked_vhost(response.body, 'get vhost') if response is not None else None

    def checked_vhost(self, vhost, operation, what='the vhost', status=None):
        """canonical_vhost of a vhost object with an id and properties that are objects with ids."""
        self.client.expect(vhost, ('object', ('id',)), operation, what=what, status=status)
        # A property's id goes into the vhostproperties/{id}/ path of every property update.
        props = api.optional(self.client, vhost.get('properties'), ('list', ('id',)), operation,
                             '%s properties' % what, status=status)
        cname = props[0].get('cname') if props else None
        if cname is not None and not isinstance(cname, str):
            # The CNAME is what DNS records get pointed at (the distribution role).
            raise self.client.answer_error(operation, '%s properties[0] cname is %s where a host name is documented'
                                           % (what, type_name(cname)), status=status)
        return canonical_vhost(vhost)

    def patch_properties(self, zone, patch):
        """Send ``patch`` to the vhost's property ("Vhostproperties / PATCH", a partial body) and
        return the vhost read again."""
        if not zone.get('property_id'):
            # A new vhost has no properties until its CNAME exists (up to 30 seconds, "Vhosts / POST"):
            # followed until they exist, since the PATCH needs the property's id.
            zone = self.run.wait_for('Cloakfusion vhost %s to get its properties (CNAME)' % zone['id'],
                                     fetch=lambda: self.read_vhost(zone['id']),
                                     ready=lambda z: z is not None and bool(z.get('property_id')))
        self.client.request('PATCH', api.path('vhost_property', zone['property_id']),
                            'update vhost properties', json=patch, ok=(200,))
        return self.read_vhost(zone['id'])
