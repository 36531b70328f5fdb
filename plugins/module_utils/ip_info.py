# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_ip_info's provider-agnostic core: threat scores of IPs and recent visitors of a zone.

Providers declare the resource 'ip_info' with the operations 'lookup' (adapter.lookup_ips)
and 'visitors' (adapter.zone_name_for and adapter.zone_visitors), the allowed classes in
ResourceCaps.choices['class'] (with short names in limits.ip_class_aliases) and the longest
look-back in limits.ip_visitors_max_hours.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.edgeops.cdn.plugins.module_utils.compare import check_range
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import zone_not_found

DEFAULT_HOURS = 24


def check_ips(values):
    """The IPs to look up, normalised (compressed IPv6), in order, without repeats."""
    ips = []
    for value in values or []:
        try:
            ip = str(ipaddress.ip_address(str(value).strip()))
        except ValueError:
            raise CdnValidationError('ips', 'has an entry that is not an IP address', value=value,
                                     allowed='IPv4 or IPv6 addresses such as 192.0.2.10 or 2001:db8::1')
        if ip not in ips:
            ips.append(ip)
    return ips


def check_visitor_options(params, caps):
    """(hours, class) for the visitor listing; fails on options that need a zone when none is set."""
    if not params.get('zone'):
        for option in ('hours', 'class', 'geo'):
            if params.get(option) is not None:
                raise CdnValidationError(option, 'applies to the visitor listing only', allowed='set zone as well')
        return None, None
    hours = params.get('hours')
    hours = DEFAULT_HOURS if hours is None else hours
    check_range('hours', hours, 1, caps.limits.ip_visitors_max_hours)
    wanted = params.get('class')
    # A provider's own short names for the classes (limits.ip_class_aliases) are accepted too.
    wanted = caps.limits.ip_class_aliases.get(wanted, wanted)
    allowed = caps.resource('ip_info').choices.get('class') or ()
    if wanted is not None and wanted not in allowed:
        raise CdnValidationError('class', 'is not offered', value=params.get('class'), allowed=', '.join(allowed))
    return hours, wanted


def run_ip_info(cdn):
    params = cdn.params
    caps = cdn.capabilities
    ips = check_ips(params.get('ips'))
    if ips:
        caps.require('ip_info', 'lookup')
    if params.get('zone'):
        caps.require('ip_info', 'visitors')
    if not ips and not params.get('zone'):
        raise CdnValidationError('ips', 'is empty and no zone is set', allowed='IP addresses to look up, or a zone')
    hours, wanted = check_visitor_options(params, caps)
    adapter = cdn.adapter
    result = dict(changed=False, threat_scores=[], visitors=[], zone=None, hours=hours)
    if params.get('zone'):
        name = adapter.zone_name_for(params['zone'])
        if name is None:
            raise zone_not_found(params['zone'], caps, 'recent visitor IPs')
        result['zone'] = name
        result['visitors'] = adapter.zone_visitors(name, hours, wanted, bool(params.get('geo')))
    if ips:
        result['threat_scores'] = adapter.lookup_ips(ips)
    cdn.exit(**result)
