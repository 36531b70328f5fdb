# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Names and values shared by the cores and the provider adapters: which host names a
certificate covers, a zone's host names, and the canonical text of an access-rule value.

Kept apart from the resource cores so that an adapter can use them without importing a
core (and a module loads only what its resource needs).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import country_code, is_hostname, normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ACCESS_RULE_TYPES


def covers(names, hostname):
    """Whether a certificate for ``names`` (SANs or CN) serves ``hostname``; a
    wildcard covers exactly one leftmost label (RFC 6125 6.4.3)."""
    hostname = normalize_hostname(hostname)
    for name in names:
        name = normalize_hostname(name)
        if name == hostname:
            return True
        if name.startswith('*.') and '.' in hostname:
            label, rest = hostname.split('.', 1)
            if label and rest == name[2:]:
                return True
    return False


def zone_hostnames(zone):
    return [h for h in [zone.get('hostname')] + list(zone.get('aliases') or []) if h]


def normalize_rule_value(rule_type, value, option='rules'):
    """The canonical text of a rule value; adapters use it on what their API returns too."""
    text = str(value if value is not None else '').strip()
    if rule_type == 'ip':
        try:
            network = ipaddress.ip_network(text, strict=False)
        except ValueError:
            raise CdnValidationError(option, 'has an IP rule value that is not an IP address or network', value=value,
                                     allowed='an IPv4 or IPv6 address or CIDR network, such as 192.0.2.10 or 2001:db8::/32')
        if network.prefixlen == network.max_prefixlen:
            return str(network.network_address)
        return str(network)
    if rule_type == 'country':
        code = country_code(text)
        if code is None:
            raise CdnValidationError(option, 'has a country rule value that is not a two-letter country code', value=value,
                                     allowed='an ISO 3166-1 alpha-2 code, such as DE or US')
        return code
    if rule_type == 'referrer':
        host = normalize_hostname(text)
        if not is_hostname(host, wildcard=True, min_labels=2):
            raise CdnValidationError(option, 'has a referrer rule value that is not a host name', value=value,
                                     allowed='a host name, optionally starting with *., such as *.example.com')
        return host
    raise CdnValidationError(option, 'has an unknown rule type', value=rule_type, allowed=', '.join(ACCESS_RULE_TYPES))
