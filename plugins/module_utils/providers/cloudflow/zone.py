# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow zones (cdn_zone, cdn_zone_info): a zone is an ``HTTP_PULL`` CDN resource of the OnApp
CDN API ("Add HTTP CDN Resource", "Get CDN Resource Basic Details", "Edit HTTP Pull/Push CDN
Resource with Advanced Settings" of https://docs.onapp.com).

hostname = ``cdn_hostname``, aliases = ``secondary_hostnames``, origin = the first of
``origins`` ("You can specify up to 3 origins"; the others are kept untouched when it
changes), tls = ``ssl_on``, certificate_id = ``cdn_ssl_certificate_id``, cdn_domain =
``cname``; the settings come from ``advanced.json``. ``settings.http_caching_rules`` (root
``rule``: name, conditions, actions; OnApp PHP wrapper CDNResource/HTTPCachingRules.php) is
read and written only when the task sets it (the whole list, by rule name); edge groups are
``settings.edge_group_ids`` (every available edge group when not set).

cdn_zone_info reads the extras its ``extras`` option asks for (RunOptions.details), and only those:
the resource's ``instructions`` and the account's ``edge_ips`` (into ``raw``) and its caching rules.
Older OnApp control panels lack some of these endpoints: a 404 there skips that extra for every
zone of the run and says so (``skipped_extras``), rather than failing the task.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import redact
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import country_code, normalize_hostname, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.common import CdnResources
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    SECRET_SETTINGS,
    caching_rule_plan,
    caching_rules,
    canonical_resource,
    check_caching_rules,
    create_payload,
    is_storage,
    normalize_setting,
    rule_problem,
    rules_with_ids,
    split_origin,
    update_payload,
)


# The extras cdn_zone_info may ask for (option extras), and what each is in the user's words.
EXTRAS = {'caching_rules': 'HTTP caching rules', 'instructions': 'instructions', 'edge_ips': 'edge IPs'}
# An extra that was not read (not asked for, or absent from this control panel).
NOT_READ = object()


class Zones(CdnResources, ZoneAPI):

    # Whether the desired zone (validate_zone) sets settings.http_caching_rules: only then are they read.
    _caching_rules_wanted = False
    _edge_ips = None
    # {extra: why it was skipped}: extras whose endpoint this control panel lacks (read once, then not asked again).
    _absent_extras = None

    # reads

    def _full(self, basic):
        advanced = self._advanced(basic)
        if self._caching_rules_wanted:
            advanced['http_caching_rules'] = self._managed_caching_rules(basic['id'])
        else:
            rules = self._extra('caching_rules', lambda: self._caching_rules(basic['id']))
            if rules is not NOT_READ:
                advanced['http_caching_rules'] = rules
        zone = canonical_resource(basic, advanced, self.secrets)
        # cdn_zone_info: what the API tells about using the resource, and the account's edge IPs.
        instructions = self._extra('instructions', lambda: self._instructions(basic['id'], missing_ok=False))
        if instructions is not NOT_READ:
            zone['raw']['instructions'] = redact(instructions)
        edge_ips = self._extra('edge_ips', self.edge_ips)
        if edge_ips is not NOT_READ:
            zone['raw']['edge_ips'] = edge_ips
        return zone

    def _extra(self, name, read):
        """An extra cdn_zone_info asked for (RunOptions.details): read() it; NOT_READ when it was not asked
        for or this control panel has no such endpoint (a 404: skipped for the rest of the run, and said)."""
        if self._absent_extras is None:
            self._absent_extras = {}
        if name not in self.run.details or name in self._absent_extras:
            return NOT_READ
        try:
            return read()
        except CdnNotFoundError as exc:
            self._absent_extras[name] = 'this control panel has no %s endpoint (HTTP 404 on %s); %s not read' % (
                EXTRAS[name], exc.request or 'its path', EXTRAS[name])
            return NOT_READ

    def skipped_extras(self):
        return [dict(extra=name, reason=reason) for name, reason in sorted((self._absent_extras or {}).items())]

    def _managed_caching_rules(self, resource_id):
        """The rules cdn_zone manages (settings.http_caching_rules): a control panel without them cannot."""
        try:
            return self._caching_rules(resource_id)
        except CdnNotFoundError as exc:
            raise CdnUnsupportedError(
                'option settings.http_caching_rules: this CloudFlow control panel has no HTTP caching rules '
                '(HTTP 404 on %s); remove the setting, or set the rules in the control panel'
                % (exc.request or 'the caching rules path'), provider=self.name, operation=exc.operation)

    def _zones_basic(self):
        # HTTP_PUSH resources are storages (cdn_storage), not zones.
        return [basic for basic in self._list_basic() if not is_storage(basic)]

    def list_zones(self):
        return [self._full(basic) for basic in self._zones_basic()]

    def get_zone(self, zone_id):
        basic = self._get_basic(zone_id, 'get CDN resource')
        if basic is None or is_storage(basic):
            return None
        return self._full(basic)

    def check_zone_references(self, changes):
        # cdn_ssl_certificate_id "must name one of the account's certificates" (the API answers 422
        # "Cdn ssl certificate is invalid" otherwise): looked up while planning.
        cert_id = changes.get('certificate_id')
        if cert_id in (None, ''):
            return
        found = self.client.request('GET', api.path('certificate', cert_id), 'get SSL certificate',
                                    allow_not_found=True, expect='object')
        if found is None:
            raise CdnValidationError('certificate_id', 'names no CloudFlow certificate (no certificate has id %s)'
                                     % cert_id, allowed='the id of an uploaded certificate (edgeops.cdn.cdn_certificate)')

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for basic in self._zones_basic():
            if normalize_hostname(basic.get('cdn_hostname')) == hostname:
                return self._full(basic)
        return None

    def edge_ips(self):
        """The edge server IPs of the account (GET cdn_resources/edge_ips.json, root edge_ips)."""
        if self._edge_ips is None:
            operation = 'list edge IPs'
            response = self.client.request('GET', api.path('edge_ips'), operation, expect='list')
            # root edge_ips, field edge_ip (OnApp PHP wrapper, CDNResource/EdgeIps.php, OnApp 6.0+)
            items = self._items(response, 'edge_ips', operation, keys=('edge_ip',))
            self._edge_ips = sorted(set(str(item['edge_ip']) for item in items))
        return self._edge_ips

    def _caching_rules(self, resource_id):
        """The resource's HTTP caching rules; a 404 (a control panel without them) raises CdnNotFoundError."""
        operation = 'list HTTP caching rules'
        response = self.client.request('GET', api.path('caching_rules', resource_id), operation, expect='list')
        # The ids name the rules to update or delete: root rule, each with an id (CDNResource/HTTPCachingRules.php).
        items = self._items(response, 'rule', operation)
        for index, item in enumerate(items):
            problem = rule_problem(item)
            if problem:
                raise self.client.answer_error(operation, 'the answer[%d].rule.%s' % (index, problem),
                                               status=response.status)
        return rules_with_ids(items)

    def _write_caching_rules(self, resource_id, desired):
        """Bring the resource's HTTP caching rules to ``desired`` (whole list, matched by name)."""
        current = self._managed_caching_rules(resource_id)
        create, update, delete = caching_rule_plan(current, caching_rules(desired))
        for rule in delete:
            self.client.request('DELETE', api.path('caching_rule', resource_id, rule['id']),
                                'delete HTTP caching rule', ok=api.DELETED, allow_not_found=True)
        for rule_id, rule in update:
            self.client.request('PUT', api.path('caching_rule', resource_id, rule_id),
                                'update HTTP caching rule', json={'rule': rule}, ok=api.WRITTEN)
        for rule in create:
            self.client.request('POST', api.path('caching_rules', resource_id),
                                'create HTTP caching rule', json={'rule': rule}, ok=api.CREATED)

    def zone_ready(self, zone):
        # OnApp documents the states Preparing, Active and Suspended ("Get List of CDN Resources"); only ACTIVE
        # serves traffic. cdn_zone's wait (the core's ensure) polls the zone with this.
        return str(zone.get('status') or '').upper() == 'ACTIVE'

    # input

    def validate_zone(self, desired, state):
        settings = desired.get('settings')
        self._caching_rules_wanted = isinstance(settings, dict) and settings.get('http_caching_rules') is not None
        if state != 'present':
            return
        if desired.get('origin') is not None:
            split_origin(desired['origin'])
        if not settings:
            return
        for key in list(settings):
            value = settings[key]
            if key in SECRET_SETTINGS:
                self.take_secret_setting(settings, key)
            elif key == 'edge_group_ids' and value is not None:
                if not all(isinstance(to_int(v), int) for v in value):
                    raise CdnValidationError('settings.edge_group_ids', 'must be a list of edge group ids', value=value)
                settings[key] = normalize_setting(key, value)
            elif key == 'http_caching_rules' and value is not None:
                check_caching_rules(value)
                settings[key] = normalize_setting(key, value)
            elif key == 'countries' and value is not None:
                codes = normalize_setting(key, value)
                bad = [c for c in codes if country_code(c) is None]
                if bad:
                    raise CdnValidationError('settings.countries', 'has codes that are not ISO 3166 alpha-2', value=bad)
                settings[key] = codes
            else:
                settings[key] = normalize_setting(key, value)

    # writes

    def create_zone(self, desired):
        groups = None
        if (desired.get('settings') or {}).get('edge_group_ids') is None:
            groups = self.available_edge_groups()
        payload = create_payload(desired, groups, self.secrets)
        operation = 'create CDN resource'
        response = self.client.request('POST', api.path('resources'), operation, json=payload, ok=api.CREATED)
        new_id = (self._created(response, 'cdn_resource', operation) or {}).get('id')
        rules = (desired.get('settings') or {}).get('http_caching_rules')
        if new_id is None:
            zone = self.find_zone(hostname=desired['hostname'])
            if rules and zone is not None:
                self._write_caching_rules(zone['id'], rules)
                zone = self.get_zone(zone['id'])
            return zone
        if rules:
            self._write_caching_rules(new_id, rules)
        return self.get_zone(new_id)

    def update_zone(self, current, changes, desired):
        payload = update_payload(changes, current, self.secrets)
        rules = (changes.get('settings') or {}).get('http_caching_rules')
        if not payload['cdn_resource'] and rules is None:
            return current
        if payload['cdn_resource']:
            self.client.request('PUT', api.path('resource', current['id']), 'update CDN resource',
                                json=payload, ok=api.WRITTEN)
        if rules is not None:
            self._write_caching_rules(current['id'], rules)
        return self.get_zone(current['id'])

    def delete_zone(self, current):
        self.client.request('DELETE', api.path('resource', current['id']), 'delete CDN resource',
                            ok=api.DELETED, allow_not_found=True)

    def predict_zone(self, desired):
        zone = super(Zones, self).predict_zone(desired)
        zone.setdefault('aliases', [])
        zone.setdefault('status', None)
        return zone
