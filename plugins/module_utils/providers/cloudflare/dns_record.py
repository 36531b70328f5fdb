# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare DNS records (cdn_dns_record, cdn_dns_record_info): 3.3 rec_load_all (paged by
``o``), 5.1 rec_new, 5.2 rec_edit and 5.3 rec_delete ("CloudFlare Client Interface API",
https://www.cloudflare.com/docs/client-api.html)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.records import fqdn
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.dns_record import DnsRecordAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare import wire
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import Api


class DnsRecords(Api, DnsRecordAPI):

    # The rec_new/rec_edit parameters of a canonical record (pure: wire.record_fields).
    record_fields = staticmethod(wire.record_fields)

    def record_from_api(self, obj, zone):
        return wire.record_of(obj, zone, self.capabilities.resource('dns_record'))

    def _record(self, obj, zone, operation, where):
        """record_from_api of a checked record: rec_id (the ``id`` of rec_edit and rec_delete), name, type
        and content present, and no field read as text an object or a list."""
        self._object(obj, operation, where, optional=False)
        self._scalars(obj, operation, where, required=('rec_id', 'name', 'type', 'content'),
                      optional=('ttl', 'service_mode', 'prio'))
        return self.record_from_api(obj, zone)

    def list_records(self, zone):
        operation = 'list records of zone %s' % zone
        return [self._record(obj, zone, operation, 'record %s' % obj['rec_id'])
                for objs in self.pages('rec_load_all', 'recs', 'rec_id', operation, z=zone)
                for obj in objs]

    def _record_answer(self, body, zone, operation):
        """The record a rec_new / rec_edit answer holds (``response.rec.obj`` in the samples of 5.1 and 5.2):
        its rec_id is the new id."""
        try:
            return self._record(self._response(body, operation, 'rec', 'obj'), zone, operation, 'response.rec.obj')
        except CdnResponseError as error:
            # The write succeeded but its answer names no record: callers read the zone back
            # (create recovery) and never send it again blindly.
            error.maybe_applied = True
            raise

    def create_record(self, zone, rec):
        operation = 'create %s record %s' % (rec['type'], fqdn(rec['record'], zone))
        body = self.call('rec_new', operation, z=zone, **self.record_fields(zone, rec))
        return self._record_answer(body, zone, operation)

    def update_record(self, zone, current, rec):
        operation = 'update %s record %s (id %s)' % (rec['type'], fqdn(rec['record'], zone), current['id'])
        body = self.call('rec_edit', operation, z=zone, id=current['id'], **self.record_fields(zone, rec))
        return self._record_answer(body, zone, operation)

    def delete_record(self, zone, current):
        self.call('rec_delete', 'delete %s record %s (id %s)' % (current['type'], fqdn(current['record'], zone), current['id']),
                  z=zone, id=current['id'])
