# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow origins (cdn_origin, origin_scope 'zone'): the origins of the CDN resource and its
``origin_policy``.

endpoints = every entry of ``origins`` [{key, value}] in order (at most 3: "You can specify up
to 3 origins", "Add HTTP CDN Resource" of the OnApp CDN API documentation), protocol =
``origin_policy`` (HTTP, HTTPS; AUTO read as 'auto'). The resource answers ``origins`` but
takes ``origin``: one string, the origins separated by wire.ORIGIN_SEPARATOR, each ``host`` or
``host:port`` (the port only when it is not the protocol's default). The documentation shows a
single origin and no separator for several: the comma is the choice recorded in
docs/providers/cloudflow.md, made in wire.wire_origins alone. OnApp has no host header or path
per origin, so host_header and path are not offered (the core refuses them by name).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import canonical_origin, origin_payload


class Origins(api.Answers, OriginAPI):
    """Finds its CDN resource with the adapter's zone lookup (ZoneAPI.require_zone_ref, get_zone)."""

    def validate_origin(self, desired, state):
        for index, endpoint in enumerate(desired.get('endpoints') or []):
            if ':' in endpoint['host']:
                raise CdnValidationError('endpoints[%d].host' % index, 'is an IPv6 address, which a CloudFlow origin '
                                         '("host" or "host:port") cannot carry', value=endpoint['host'],
                                         allowed='a host name or IPv4 address')

    def find_origin(self, desired):
        return canonical_origin(self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True))

    def update_origin(self, current, changes, desired):
        payload = origin_payload(changes, current)
        if not payload['cdn_resource']:
            return current
        self.client.request('PUT', api.path('resource', current['zone']), 'update CDN resource origins',
                            json=payload, ok=api.WRITTEN)
        return canonical_origin(self.get_zone(current['zone']))
