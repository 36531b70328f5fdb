# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_export_info's core: an account read back into the options of the collection's own modules.

Every entry is what the module that manages the resource takes (cdn_zone, cdn_origin, cdn_certificate,
cdn_dns_record, cdn_access_rule, cdn_storage), normalised exactly as the module normalises what it reads,
so that applying an export to the account it came from plans nothing. References between resources are
by name, never by the provider's id (ids differ in another account): a zone names its standalone origin
by name, a certificate names the zones it serves by host name.

What an export never holds: secrets (passwords, keys, signing secrets) and the PEM text of certificates.
Where one is needed to apply, the entry names it under ``secrets`` ({option path: secret name}) and the
export lists it in ``secrets_needed``; playbooks/apply_account.yml fills them from ``cdn_secrets``
(the edgeops.cdn.with_secrets filter). Actions (purges, snapshots) are not state and are not exported.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils.access_rule import rule_view, sort_rules
from ansible_collections.edgeops.cdn.plugins.module_utils.dns import option_shape, sort_key as record_sort_key
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.origin import AUTH_FIELDS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import ORIGIN_AUTH_SECRETS, SECRET_DIFFERS
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# The resources an export can hold, in the order playbooks/apply_account.yml applies them: storages
# and standalone origins first (zones point at them), then zones, then what lives on a zone.
RESOURCES = ('storages', 'origins', 'zones', 'zone_origins', 'certificates', 'access_rules', 'dns_records')
# Which interface each export key reads (providers/base.py resource kinds).
KINDS = {'storages': 'storage', 'origins': 'origin', 'zones': 'zone', 'zone_origins': 'origin',
         'certificates': 'certificate', 'access_rules': 'access_rule', 'dns_records': 'dns_record'}
HIDDEN = (None, REDACTED, SECRET_DIFFERS)
# Where the PEM files of an exported certificate are expected, relative to the export's directory.
CERTIFICATE_DIR = 'certificates'


def secret_name(*parts):
    """A variable-safe name of one secret: cdn_secrets keys it."""
    text = '_'.join(str(p) for p in parts if p not in (None, ''))
    return re.sub(r'[^a-z0-9]+', '_', text.lower()).strip('_')


def _present(value):
    return value not in HIDDEN


class AccountExport:
    """Reads one account through the adapter and builds the export (``build``). Reads only."""

    def __init__(self, adapter, caps, zones=None, resources=None):
        self.adapter = adapter
        self.caps = caps
        self.wanted_zones = set(zones) if zones else None
        self.resources = resources or RESOURCES
        self.secrets_needed = []
        self.skipped = []
        self._zones = None
        self._origins = None

    # --- reads, each once ------------------------------------------------------
    def offers(self, kind, operation='list'):
        resource = self.caps.resources.get(kind)
        return resource is not None and operation in resource.operations

    def zones(self):
        if self._zones is None:
            zones = self.adapter.list_zones() if self.offers('zone') else []
            if self.wanted_zones is not None:
                zones = [z for z in zones if z.get('hostname') in self.wanted_zones or str(z.get('id')) in self.wanted_zones]
            self._zones = sorted(zones, key=lambda z: z.get('hostname') or '')
        return self._zones

    def zone_hostname(self, zone_id):
        return next((z['hostname'] for z in self.zones() if str(z.get('id')) == str(zone_id)), None)

    def origins(self):
        if self._origins is None:
            self._origins = self.adapter.list_origins() if self.offers('origin') else []
        return self._origins

    def origin_name(self, origin_id):
        return next((o.get('name') for o in self.origins() if str(o.get('id')) == str(origin_id)), None)

    def need_secret(self, name, purpose, required):
        self.secrets_needed.append(dict(name=name, purpose=purpose, required=required))

    def skip(self, key, reason):
        self.skipped.append(dict(resource=key, reason=reason))

    # --- the export ------------------------------------------------------------
    def build(self):
        account = dict(provider=self.caps.name)
        for key in RESOURCES:
            account[key] = []
        for key in self.resources:
            reader = getattr(self, 'export_' + key)
            account[key] = reader()
        account['secrets_needed'] = sorted(self.secrets_needed, key=lambda s: s['name'])
        account['skipped'] = self.skipped
        return account

    def export_zones(self):
        if not self.offers('zone'):
            self.skip('zones', '%s has no zone listing' % self.caps.title)
            return []
        zone_caps = self.caps.resource('zone')
        hidden_settings = set(self.caps.limits.access_rule_settings)
        entries = []
        for zone in self.zones():
            entry = dict(hostname=zone['hostname'])
            for field in zone_caps.fields:
                if field in ('hostname', 'settings', 'certificate_id') or zone.get(field) is None:
                    continue
                entry[field] = zone[field]
            if zone.get('certificate_id') and 'certificates' in self.resources and self.offers('certificate'):
                # The binding is the certificate's (cdn_certificate zone=...): ids differ between accounts,
                # and TLS is switched on by the binding.
                entry.pop('tls', None)
            if 'origin_id' in entry:
                # A standalone origin is named by its name, which an empty account gets too; the origin URL
                # is the origin's, not the zone's.
                entry['origin_id'] = self.origin_name(entry['origin_id']) or entry['origin_id']
                entry.pop('origin', None)
            settings = {}
            for key, value in sorted((zone.get('settings') or {}).items()):
                spec = zone_caps.settings.get(key)
                if spec is None or key in hidden_settings or value is None:
                    continue
                if spec.get('secret'):
                    # Set (the read shows it masked): named, so that a recreated zone can get it back.
                    name = secret_name('zone', zone['hostname'], key)
                    entry.setdefault('secrets', {})['settings.%s' % key] = name
                    self.need_secret(name, 'settings.%s of zone %s: set on %s, which never shows it; filled, it is set '
                                     'on the zone (where it is created, and where it differs); unfilled, the zone keeps '
                                     'its own' % (key, zone['hostname'], self.caps.title), required=False)
                    continue
                settings[key] = value
            if settings:
                entry['settings'] = settings
            entries.append(entry)
        return entries

    def export_origins(self):
        """Standalone origins (an account's, found by name): plain origins before the groups that use them."""
        if self.caps.limits.origin_scope != 'account' or not self.offers('origin'):
            return []
        fields = self.caps.resource('origin').fields
        plain, groups = [], []
        for origin in sorted(self.origins(), key=lambda o: o.get('name') or ''):
            if origin.get('zone') or not origin.get('name'):
                continue
            entry = dict(name=origin['name'])
            if origin.get('kind') == 'group':
                entry['group'] = dict((k, v) for k, v in (origin.get('group') or {}).items() if v is not None)
                groups.append(entry)
                continue
            entry['endpoints'] = [_endpoint(e) for e in origin.get('endpoints') or []]
            if origin.get('type') != 'SIMPLE_ORIGIN':
                for key in ('path', 'http_port', 'https_port'):
                    if key in fields and origin.get(key) is not None:
                        entry[key] = origin[key]
            if 'enabled' in fields and origin.get('enabled') is not None:
                entry['enabled'] = origin['enabled']
            plain.append(entry)
        return plain + groups

    def export_zone_origins(self):
        """Origins that live on a zone (UCDN's upstream, CloudFlow's origins): one entry per zone."""
        if self.caps.limits.origin_scope != 'zone':
            return []
        if not self.offers('origin'):
            # Cloakfusion: the origin is the zone's origin URL and host header (export_zones holds them).
            return []
        fields = self.caps.resource('origin').fields
        entries = []
        zone_ids = set(str(z.get('id')) for z in self.zones())
        for origin in self.origins():
            if str(origin.get('zone')) not in zone_ids:
                continue
            hostname = self.zone_hostname(origin['zone'])
            entry = dict(zone=hostname)
            if 'endpoints' in fields:
                entry['endpoints'] = [_endpoint(e) for e in origin.get('endpoints') or []]
            for key in ('protocol', 'host_header'):
                if key in fields and origin.get(key) is not None:
                    entry[key] = origin[key]
            auth = origin.get('auth')
            if 'auth' in fields and auth:
                entry['auth'] = dict((k, v) for k, v in auth.items() if k not in ORIGIN_AUTH_SECRETS and _present(v))
                for key in ORIGIN_AUTH_SECRETS:
                    if _auth_needs(auth.get('type'), key):
                        name = secret_name('origin', hostname, 'auth', key)
                        entry.setdefault('secrets', {})['auth.%s' % key] = name
                        self.need_secret(name, 'auth.%s of the origin of zone %s (%s shows no secret of an origin)'
                                         % (key, hostname, self.caps.title), required=True)
                if entry.get('secrets'):
                    # An existing origin keeps its secret: applying the export never overwrites it.
                    entry['update_secrets'] = 'on_create'
            entries.append(entry)
        return sorted(entries, key=lambda e: e['zone'])

    def export_certificates(self):
        if not self.offers('certificate'):
            return []
        fields = self.caps.resource('certificate').fields
        zone_ids = set(str(z.get('id')) for z in self.zones())
        entries = []
        for cert in self.adapter.list_certificates():
            zones = sorted(h for h in (self.zone_hostname(z) for z in cert.get('zones') or [] if str(z) in zone_ids) if h)
            if self.wanted_zones is not None and not zones:
                continue
            entry = {}
            for key in ('name', 'hostname'):
                if key in fields and cert.get(key):
                    entry[key] = cert[key]
            label = cert.get('name') or cert.get('hostname') or cert.get('common_name') or cert.get('fingerprint') \
                or str(cert.get('id'))
            for key in ('fingerprint', 'common_name', 'issuer', 'not_after'):
                # What identifies the certificate for a reader (and for the PEM files they put in place).
                if cert.get(key):
                    entry.setdefault('identity', {})[key] = cert[key]
            entry['zones'] = zones
            base = '%s/%s' % (CERTIFICATE_DIR, secret_name(label))
            entry['files'] = dict(certificate=base + '.crt', private_key=base + '.key', chain=base + '.chain.crt')
            self.need_secret(secret_name('certificate', label, 'files'),
                             'the PEM files of certificate %s: put the certificate, its private key and its chain '
                             'at %s.crt, %s.key and %s.chain.crt next to the export (the API never gives a private '
                             'key); without them the certificate is left as it is' % (label, base, base, base),
                             required=False)
            entries.append(entry)
        return sorted(entries, key=lambda e: (e.get('name') or e.get('hostname') or '', e['zones']))

    def export_access_rules(self):
        if 'access_rule' not in self.caps.resources:
            return []
        if not self.offers('access_rule'):
            self.skip('access_rules', '%s cannot list its access rules, so they cannot be exported; list them in '
                      'cdn_access_rule yourself' % self.caps.title)
            return []
        entries = []
        for zone in self.zones():
            rules = self.adapter.list_access_rules(zone)
            if rules:
                entries.append(dict(zone=zone['hostname'], rules=[rule_view(r) for r in sort_rules(rules)]))
        return entries

    def export_dns_records(self):
        if not self.offers('dns_record'):
            return []
        entries = []
        for zone in self.zones():
            records = []
            for rec in sorted(self.adapter.list_records(zone['hostname']), key=record_sort_key):
                records.append(dict((k, v) for k, v in option_shape(rec).items() if v is not None))
            if records:
                entries.append(dict(zone=zone['hostname'], records=records))
        return entries

    def export_storages(self):
        if not self.offers('storage'):
            return []
        entries = []
        chosen = self.caps.limits.storage_password == 'chosen'
        for listed in sorted(self.adapter.list_storages(), key=lambda s: s.get('name') or ''):
            storage = self.adapter.storage_details(listed)
            entry = dict(name=storage['name'])
            if storage.get('region'):
                entry['region'] = storage['region']
            if chosen:
                name = secret_name('storage', storage['name'], 'ftp_password')
                entry['secrets'] = {'ftp_password': name}
                self.need_secret(name, 'ftp_password of storage %s: needed only to create it (%s shows no password)'
                                 % (storage['name'], self.caps.title), required=False)
            entries.append(entry)
        return entries


def _endpoint(endpoint):
    return dict((k, v) for k, v in endpoint.items() if v is not None)


def _auth_needs(auth_type, key):
    return key in AUTH_FIELDS.get(auth_type or 'none', ())


def check_zone_filter(zones):
    result = []
    for index, value in enumerate(zones or []):
        text = str(value).strip()
        if not text:
            raise CdnValidationError('zones[%d]' % index, 'is empty', allowed='a zone host name or id')
        result.append(normalize_hostname(text) if '.' in text else text)
    return result


def check_resources(resources):
    unknown = sorted(set(resources or ()) - set(RESOURCES))
    if unknown:
        raise CdnValidationError('resources', 'names %s, which an export does not hold' % ', '.join(unknown),
                                 allowed=', '.join(RESOURCES))
    return [key for key in RESOURCES if key in resources] if resources else list(RESOURCES)


def run_export(cdn):
    params = cdn.params
    zones = check_zone_filter(params.get('zones'))
    resources = check_resources(params.get('resources'))
    export = AccountExport(cdn.adapter, cdn.capabilities, zones=zones, resources=resources)
    account = export.build()
    if params.get('api_url'):
        account['api_url'] = params['api_url'].split('?', 1)[0]
    cdn.exit(changed=False, account=account)
