# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The read side of zones: a zone's result shape and cdn_zone_info's core. Kept apart from zone.py
so the info module loads no planning code (modules are compiled from source on every run)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import hostname_problem, is_hostname, normalize_hostname

# What a zone shows in diffs and info output besides the options.
ZONE_RESULT_KEYS = ('id', 'cdn_domain', 'status')


def check_hostname(option, value):
    """A host name option in the one form it is compared and sent in (Unicode labels as IDNA A-labels)."""
    name = normalize_hostname(value)
    if not is_hostname(name, wildcard=True):
        raise CdnValidationError(option, hostname_problem(value) or 'is not a valid host name', value=value,
                                 allowed='a DNS name such as cdn.example.com or bücher.example')
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


def check_extras(extras, capabilities):
    """cdn_zone_info's extras: only those the provider's zones have (ResourceCaps.choices['extras'])."""
    offered = capabilities.resource('zone').choices.get('extras') or ()
    unknown = [e for e in extras or () if e not in offered]
    if unknown:
        raise CdnValidationError('extras', 'names extras that %s zones do not have: %s'
                                 % (capabilities.title, ', '.join(unknown)),
                                 allowed=', '.join(offered) if offered else 'none on %s (remove extras)' % capabilities.title)
    return tuple(extras or ())


def run_zone_info(cdn):
    """cdn_zone_info: one zone (by hostname or zone_id) or all of them."""
    # Each extra costs requests (per zone or per run): only those the task names are read.
    cdn.details = check_extras(cdn.params.get('extras'), cdn.capabilities)
    cdn.capabilities.require('zone', 'list')
    hostname, zone_id = cdn.params['hostname'], cdn.params['zone_id']
    if hostname:
        hostname = check_hostname('hostname', hostname)
    adapter = cdn.adapter
    if hostname or zone_id:
        found = adapter.find_zone(hostname=hostname, zone_id=zone_id)
        zones = [found] if found else []
    else:
        zones = adapter.list_zones()
    # An optional endpoint this API version lacks does not fail the task: it is reported.
    skipped = adapter.skipped_extras()
    for item in skipped:
        cdn.module.warn('%s: %s' % (cdn.capabilities.title, item['reason']))
    cdn.exit(changed=False, zones=[zone_view(z, cdn.capabilities) for z in zones], skipped=skipped)
