# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion origins (cdn_origin, origin_scope 'zone'): the vhost's ``origin_url`` ("Contains
protocol, domain name (fqdn), port (optional) and the full path", "Vhosts / POST" of the
Cloakfusion API Reference) as one endpoint {host, port}, protocol and path, plus the vhost
property ``host_header`` (the same mapping as cdn_zone's origin_host_header).

The API has no vhost update, so origin_url is fixed when cdn_zone creates the vhost: a
different endpoint, protocol or path is refused before any write; host_header is PATCHed on
the vhost property. ``override_hostheader`` stays a cdn_zone setting.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import compare
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import fill_default_ports
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.common import Vhosts, fixed_vhost_error
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.wire import (
    ORIGIN_URL_PARTS,
    canonical_origin,
    origin_url_changes,
    property_patch,
)


class Origins(Vhosts, OriginAPI):
    """Finds its vhost with the adapter's zone lookup (ZoneAPI.require_zone_ref)."""

    def find_origin(self, desired):
        current = canonical_origin(self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True))
        # Refused here, at the read, so check mode fails like the real run instead of planning it.
        wanted = fill_default_ports(dict((k, desired.get(k)) for k in ORIGIN_URL_PARTS), current)
        self._refuse_origin_url(compare(wanted, current), current)
        return current

    def update_origin(self, current, changes, desired):
        self._refuse_origin_url(changes, current)
        # The zone mapping: host_header is the zone's origin_host_header.
        patch = property_patch({'origin_host_header': changes.get('host_header')},
                               {'origin_host_header': current.get('host_header')})
        if not patch:
            return current
        return canonical_origin(self.patch_properties(current, patch))

    def _refuse_origin_url(self, changes, current):
        fixed = origin_url_changes(changes)
        if fixed:
            raise fixed_vhost_error(['the origin_url (%s)' % ', '.join(fixed)], self.capabilities.name,
                                    extra='; its origin_url is %s, set when the vhost was created'
                                    % (current.get('raw') or {}).get('origin_url'))
