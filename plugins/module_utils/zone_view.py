# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read side of zones: a zone's result shape and cdn_zone_info's core. Kept apart from zone.py
so the info module loads no planning code (modules are compiled from source on every run)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import is_hostname, normalize_hostname

# What a zone shows in diffs and info output besides the options.
ZONE_RESULT_KEYS = ('id', 'cdn_domain', 'status')


def check_hostname(option, value):
    name = normalize_hostname(value)
    if not is_hostname(name, wildcard=True):
        raise CdnValidationError(option, 'is not a valid host name', value=value,
                                 allowed='a DNS name such as cdn.example.com')
    return name


def zone_view(zone, capabilities):
    """A zone in option shape (only what the provider manages) plus id, cdn_domain, status, raw."""
    if zone is None:
        return None
    fields = capabilities.resource('zone').fields
    view = dict((k, zone.get(k)) for k in fields if k in zone)
    for key in ZONE_RESULT_KEYS + ('raw',):
        view[key] = zone.get(key)
    return view


def run_zone_info(cdn):
    """cdn_zone_info: one zone (by hostname or zone_id) or all of them."""
    # An info module shows a zone's extras (instructions, edge IPs, caching rules) where the provider has them.
    cdn.details = True
    adapter = cdn.adapter
    cdn.capabilities.require('zone', 'list')
    hostname, zone_id = cdn.params['hostname'], cdn.params['zone_id']
    if hostname or zone_id:
        if hostname:
            hostname = check_hostname('hostname', hostname)
        found = adapter.find_zone(hostname=hostname, zone_id=zone_id)
        zones = [found] if found else []
    else:
        zones = adapter.list_zones()
    cdn.exit(changed=False, zones=[zone_view(z, cdn.capabilities) for z in zones])
