# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DNS records as the dns_record core and the adapters share them: what a provider declares
(RecordCaps), and the canonical record with the normalisers of its names and values.

A record in canonical (option) shape is a dict with ``record`` (the label
relative to the zone, ``@`` for the apex), ``type``, ``value``, ``ttl`` (int, 1 =
automatic), ``proxied`` (bool where the type can be proxied, else None) and
``priority`` (int for MX and SRV, else None); records read from a provider
also carry ``id``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import hostname_problem, is_hostname, normalize_hostname, to_bool, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ResourceCaps

RECORD_TYPES = ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SRV', 'LOC')
HOST_VALUE_TYPES = ('CNAME', 'MX', 'NS')
PRIORITY_TYPES = ('MX', 'SRV')
QUOTED_RE = re.compile(r'\s*"((?:[^"\\]|\\.)*)"')


class RecordCaps(ResourceCaps):
    """ResourceCaps for dns_record: which record types, which can be proxied, TTL rules.

    ``apex_cname_flattening``: the provider answers a CNAME at the zone apex with the
    target's addresses (CloudFlare's CNAME flattening), so the apex may hold a CNAME
    next to its MX, TXT, NS and other non-address records.
    """

    def __init__(self, record_types=RECORD_TYPES, proxiable=(), ttl_auto=None, ttl_min=1, ttl_max=2147483647,
                 apex_cname_flattening=False, **kwargs):
        super(RecordCaps, self).__init__(**kwargs)
        self.apex_cname_flattening = apex_cname_flattening
        self.record_types = tuple(record_types)
        self.proxiable = tuple(proxiable)
        self.ttl_auto = ttl_auto
        self.ttl_min = ttl_min
        self.ttl_max = ttl_max

    def ttl_allowed(self, ttl):
        return ttl == self.ttl_auto or self.ttl_min <= ttl <= self.ttl_max

    def ttl_text(self):
        auto = '%s (automatic) or ' % self.ttl_auto if self.ttl_auto is not None else ''
        return '%s%s to %s' % (auto, self.ttl_min, self.ttl_max)


# --- normalisers (pure) ----------------------------------------------------

def relative_name(name, zone):
    """A name as the label relative to ``zone`` (``@`` for the apex); raises ValueError."""
    zone = normalize_hostname(zone)
    text = '' if name is None else str(name).strip()
    absolute = text.endswith('.')
    # Unicode labels as IDNA A-labels, the form the zone name and the provider's records are in.
    text = normalize_hostname(text)
    if text in ('', '@') or text == zone:
        return '@'
    if text.endswith('.' + zone):
        text = text[:-len(zone) - 1]
    elif absolute:
        raise ValueError('is not inside the zone %s' % zone)
    # Checked as the whole name: DNS labels (underscores included), 253 characters at most.
    if not text or not is_hostname('%s.%s' % (text, zone), wildcard=True):
        raise ValueError('is not a valid record name')
    return text


def fqdn(label, zone):
    """The absolute name (no trailing dot) of a record label of ``zone``."""
    zone = normalize_hostname(zone)
    return zone if label in (None, '', '@') else '%s.%s' % (label, zone)


def _unescape(text):
    return re.sub(r'\\(.)', r'\1', text)


def normalize_txt(value):
    """TXT content as one unquoted string: ``"a" "b"`` (split chunks) is ``ab``."""
    text = str(value)
    stripped = text.strip()
    if len(stripped) >= 2 and stripped.startswith('"') and stripped.endswith('"'):
        parts, pos = [], 0
        while pos < len(stripped):
            match = QUOTED_RE.match(stripped, pos)
            if not match:
                return text
            parts.append(_unescape(match.group(1)))
            pos = match.end()
        return ''.join(parts)
    return text


def normalize_host(value):
    """A host name a record points to (CNAME, MX, NS, SRV target); raises ValueError."""
    host = normalize_hostname(value)
    if not is_hostname(host):
        raise ValueError(hostname_problem(value) or 'is not a valid host name')
    return host


def normalize_srv(value):
    parts = str(value).split()
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        raise ValueError('is not "weight port target"')
    weight, port = int(parts[0]), int(parts[1])
    if weight > 65535 or not 0 <= port <= 65535:
        raise ValueError('has a weight or port out of range (0 to 65535)')
    return '%d %d %s' % (weight, port, normalize_host(parts[2]))


def normalize_value(rtype, value):
    """The canonical value of a record of type ``rtype``; raises ValueError."""
    if value is None or str(value).strip() == '':
        raise ValueError('is empty')
    if rtype == 'A':
        try:
            return str(ipaddress.IPv4Address(u'%s' % str(value).strip()))
        except ValueError:
            raise ValueError('is not a valid IPv4 address')
    if rtype == 'AAAA':
        try:
            address = ipaddress.IPv6Address(u'%s' % str(value).strip())
        except ValueError:
            raise ValueError('is not a valid IPv6 address')
        if address.ipv4_mapped is not None:
            # RFC 5952 5: mapped IPv4 in dotted form; Python < 3.13 would print it as hex.
            return '::ffff:%s' % address.ipv4_mapped
        return str(address)
    if rtype in HOST_VALUE_TYPES:
        return normalize_host(value)
    if rtype == 'SRV':
        return normalize_srv(value)
    if rtype in ('TXT', 'SPF'):
        return normalize_txt(value)
    return ' '.join(str(value).split())


def lenient_value(rtype, value):
    """normalize_value for what a provider returns: never raises."""
    try:
        return normalize_value(rtype, value)
    except ValueError:
        return '' if value is None else str(value)


def current_record(ident, name, rtype, content, ttl, proxied, priority, zone, caps):
    """Canonical record from the fields a provider returns (liberal: strings or numbers)."""
    rtype = str(rtype).upper()
    try:
        label = relative_name(name, zone)
    except ValueError:
        label = normalize_hostname(name)
    ttl = to_int(ttl)
    priority = to_int(priority)
    return dict(
        id=None if ident is None else str(ident),
        record=label,
        type=rtype,
        value=lenient_value(rtype, content),
        ttl=ttl if isinstance(ttl, int) else None,
        proxied=bool(to_bool(proxied)) if rtype in caps.proxiable else None,
        priority=priority if rtype in PRIORITY_TYPES and isinstance(priority, int) else None,
    )
