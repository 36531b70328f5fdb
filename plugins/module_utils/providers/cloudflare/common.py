# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What CloudFlare's zone and IP information resources share: the account's zones as
3.2 zone_load_multi lists them, and 3.4 zone_check (a zone name's zid) ("CloudFlare Client
Interface API", https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import Api


class ZoneLookup(Api):
    """Zone reads for the resource classes (zone.Zones, ip_info.IpInfo)."""

    def _zone_object(self, zone_obj, operation, where):
        """A zone object: zone_id and zone_name (the ``z`` of every write) and props an object."""
        self._object(zone_obj, operation, where, optional=False)
        self._scalars(zone_obj, operation, where, required=('zone_id', 'zone_name'))
        self._object(zone_obj.get('props'), operation, where + '.props')
        return zone_obj

    def _zone_objects(self):
        """The raw zone objects of 3.2 zone_load_multi, each checked; it documents no offset, so
        ``has_more`` true cannot be followed: the list is read once."""
        operation = 'list zones'
        objs = self._response(self.call('zone_load_multi', operation), operation, 'zones', 'objs', shape='list')
        for index, zone_obj in enumerate(objs):
            self._zone_object(zone_obj, operation, 'response.zones.objs[%d]' % index)
        return objs

    def check_zones(self, names):
        """3.4 zone_check: {name: zone id as text, or None when the name is not an active zone of the account}."""
        names = [normalize_hostname(n) for n in names]
        operation = 'check zones %s' % ', '.join(names)
        zones = self._response(self.call('zone_check', operation, zones=','.join(names)), operation, 'zones')
        found = {}
        for key, value in zones.items():
            # A zid is a number (0: not an active zone); it is sent back as zone_grab's zid.
            if value is not None and (isinstance(value, bool) or not isinstance(to_int(value), int)):
                raise self.client.answer_error(operation, 'response.zones[%r] is %s where a zone id (a number) is '
                                               'documented' % (str(key)[:80], type_name(value)), status=200)
            found[normalize_hostname(key)] = value
        return dict((n, str(found[n]) if to_int(found.get(n)) else None) for n in names)
