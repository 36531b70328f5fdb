# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DnsRecordAPI: what a provider implements for DNS records (cdn_dns_record, cdn_dns_record_info; module_utils/dns.py).

A record in canonical (option) shape is a dict with ``record`` (the label relative to the
zone, ``@`` for the apex), ``type``, ``value``, ``ttl`` (int, 1 = automatic), ``proxied``
(bool where the type can be proxied, else None) and ``priority`` (int for MX and SRV,
else None); records read from a provider also carry ``id``. ``zone`` is the DNS zone's name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class DnsRecordAPI(ResourceAPI):

    def list_records(self, zone):
        """Every record of the zone (one paginated read)."""
        raise self._unsupported('dns_record', 'list')

    def create_record(self, zone, rec):
        """Create ``rec``; return it as the provider now holds it (with ``id``)."""
        raise self._unsupported('dns_record', 'create')

    def update_record(self, zone, current, rec):
        raise self._unsupported('dns_record', 'update')

    def delete_record(self, zone, current):
        raise self._unsupported('dns_record', 'delete')
