# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare zones (cdn_zone, cdn_zone_info): a zone of the account (3.2 zone_load_multi)
with its settings (3.7 zone_settings), each setting changed by the action of its name
(4.1 sec_lvl, 4.2 cache_lvl, 4.3 devmode, 4.8 ipv46, 4.9 async, 4.10 minify, 4.11 mirage2),
and 4.6 zone_grab for refresh_snapshot ("CloudFlare Client Interface API",
https://www.cloudflare.com/docs/client-api.html).

A CloudFlare zone is identified by its name (``hostname``). The API cannot create or delete
zones: cdn_zone manages the settings of a zone already in the account. ``cdn_domain`` is
always null: CloudFlare serves a zone through its own name servers, there is no CNAME target
to point the host name at.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnNotFoundError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import ZONE_ANSWER_ACTIONS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.common import ZoneLookup
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import (
    SETTING_ORDER,
    canonical_zone,
    encode_setting,
    with_devmode_expiry,
    zone_name_of,
)


class Zones(ZoneLookup, ZoneAPI):

    def _canonical(self, zone_obj, settings_obj, operation):
        try:
            return with_devmode_expiry(canonical_zone(zone_obj, settings_obj))
        except ValueError as exc:  # dev_mode is not a time
            raise self.client.answer_error(operation, 'dev_mode of the settings: %s' % exc, status=200)

    def _settings_object(self, zone_name):
        operation = 'read settings of zone %s' % zone_name
        objs = self._response(self.call('zone_settings', operation, z=zone_name), operation, 'result', 'objs',
                              shape='list')
        # One settings object (3.7 zone_settings): without it the settings are unknown, never "all unset".
        if not objs:
            raise self.client.answer_error(operation, 'response.result.objs is empty where the zone\'s settings '
                                           'are documented', status=200)
        return self._object(objs[0], operation, 'response.result.objs[0]', optional=False)

    def _with_settings(self, zone_obj):
        name = zone_obj.get('zone_name')
        return self._canonical(zone_obj, self._settings_object(name), 'read settings of zone %s' % name)

    def list_zones(self):
        return [self._with_settings(z) for z in self._zone_objects()]

    def get_zone(self, zone_id):
        for zone_obj in self._zone_objects():
            if str(zone_obj.get('zone_id')) == str(zone_id):
                return self._with_settings(zone_obj)
        return None

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for zone_obj in self._zone_objects():
            if normalize_hostname(zone_obj.get('zone_name')) == hostname:
                return self._with_settings(zone_obj)
        return None

    def predict_zone(self, desired):
        # Check mode must fail like a real run: the API cannot create zones.
        raise self._unsupported('zone', 'create')

    def update_zone(self, current, changes, desired):
        settings = changes.get('settings') or {}
        zone_obj = current['raw']['zone']
        name = zone_obj.get('zone_name')
        for key in SETTING_ORDER:
            if key in settings and settings[key] is not None:
                operation = 'set %s of zone %s' % (key, name)
                body = self.call(key, operation, z=name, v=encode_setting(key, settings[key]))
                if key in ZONE_ANSWER_ACTIONS:
                    # These answer the updated zone (the samples of 4.1, 4.2, 4.3, 4.8); the fixtures of
                    # jlinn/pyflare (tests/mock_responses.py) show only success for sec_lvl, cache_lvl and
                    # ipv46, so an answer without it keeps the zone read before, but a zone of another
                    # shape fails.
                    answered = self._response(body, operation, 'zone', 'obj', optional=True)
                    if answered is not None:
                        zone_obj = self._zone_object(answered, operation, 'response.zone.obj')
        return self._canonical(zone_obj, self._settings_object(name), 'read settings of zone %s' % name)

    def refresh_snapshot(self, zone):
        """4.6 zone_grab: a new image of the site. It takes the ``zid`` "found in zone_check" (3.4) and
        "can only be used once per day": a refusal is final for the day, so it is never retried."""
        name = zone_name_of(zone)
        zid = self.check_zones([name])[normalize_hostname(name)]
        if zid is None:
            raise CdnNotFoundError('zone_check does not list %s as an active zone' % name, provider=self.capabilities.name,
                                   operation='refresh snapshot of zone %s' % name)
        retries, self.client.retries = self.client.retries, 0
        try:
            self.call('zone_grab', 'refresh snapshot of zone %s (zid %s)' % (name, zid), zid=zid)
        except CdnApiError as exc:
            if not isinstance(exc, CdnAuthError):
                exc.message = 'CloudFlare refused the snapshot (zone_grab works once a day per zone)'
            raise
        finally:
            self.client.retries = retries
        return zid
