# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ZoneAPI: what a provider implements for zones (cdn_zone, cdn_zone_info; module_utils/zone.py).

A canonical zone is a dict with ``id``, ``hostname`` (the public host name it was found
by), ``aliases``, ``cdn_domain`` (the CNAME target), ``origin``, ``tls``, ``status`` and
the other ZONE_FIELDS the provider manages, normalised as the options are, plus ``raw``
(the provider's object, secrets masked).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname


def zone_not_found(ref, capabilities, operation):
    """The error for a ``zone`` option that names no zone of the provider."""
    return CdnNotFoundError('option zone: %r names no %s zone (by host name or id)' % (ref, capabilities.title),
                            provider=capabilities.name, operation=operation)


class ZoneAPI(ResourceAPI):

    def list_zones(self):
        raise self._unsupported('zone', 'list')

    def get_zone(self, zone_id):
        for zone in self.list_zones():
            if str(zone['id']) == str(zone_id):
                return zone
        return None

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for zone in self.list_zones():
            if zone['hostname'] == hostname:
                return zone
        return None

    def find_zone_ref(self, ref):
        """The zone a module option names: by host name (it has a dot) or by id; None when missing."""
        text = str(ref).strip()
        if '.' in text:
            return self.find_zone(hostname=normalize_hostname(text))
        return self.find_zone(zone_id=text)

    def require_zone_ref(self, ref, operation, prerequisite=False):
        """find_zone_ref for a module's ``zone`` option: a missing zone fails naming the option, or,
        as a ``prerequisite`` of what the module manages (origins, certificates), saying to create it."""
        zone = self.find_zone_ref(ref)
        if zone is None and prerequisite:
            raise CdnNotFoundError('zone %s not found; create it with edgeops.cdn.cdn_zone first' % str(ref).strip(),
                                   provider=self.capabilities.name, operation=operation)
        if zone is None:
            raise zone_not_found(ref, self.capabilities, operation)
        return zone

    def skipped_extras(self):
        """The extras cdn_zone_info asked for (RunOptions.details) that could not be read, each a dict
        {extra, reason}: an optional endpoint this API version lacks. None by default."""
        return []

    def validate_zone(self, desired, state):
        """Provider-specific checks of the desired zone; raise CdnValidationError (no request)."""

    def check_zone_references(self, changes):
        """Raise CdnValidationError naming the option when ``changes`` (a planned create or update)
        name an object that does not exist, such as a certificate_id: found while planning, reads
        only, so check mode fails where the real run would. Nothing to check by default."""

    def create_zone(self, desired):
        raise self._unsupported('zone', 'create')

    def update_zone(self, current, changes, desired):
        raise self._unsupported('zone', 'update')

    def delete_zone(self, current):
        raise self._unsupported('zone', 'delete')

    def zone_deleting(self, zone):
        """After delete_zone: the background job to follow until the deletion is done (a waiter.Follow),
        or None when the API deletes at once. The core follows it when the user asked to wait."""
        return None

    def zone_ready(self, zone):
        """Whether the zone is deployed (what cdn_zone's wait waits for)."""
        return True

    def predict_zone(self, desired):
        """The zone check mode reports for a create."""
        predicted = dict((k, v) for k, v in desired.items() if v is not None)
        predicted.setdefault('id', None)
        predicted.setdefault('cdn_domain', None)
        return predicted

    def refresh_snapshot(self, zone):
        """Ask for a new snapshot of the zone's site (an action, not a state)."""
        raise self._unsupported('zone', 'refresh_snapshot')
