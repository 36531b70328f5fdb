# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every provider adapter declares and offers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, Dialect
from ansible_collections.edgeops.cdn.plugins.module_utils.compare import validate_settings
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED

# The canonical zone options compared by cdn_zone (besides hostname identity).
ZONE_FIELDS = ('hostname', 'aliases', 'origin', 'origin_id', 'origin_host_header', 'tls', 'certificate_id',
               'cache_ttl', 'compress', 'enabled', 'settings')

# The canonical origin options compared by cdn_origin (module_utils/origin.py).
# Identity is ``name`` (standalone origins and groups) or ``zone`` (an origin
# that lives on the zone). ``auth`` secrets are compared only when the user
# asks for it (update_secrets=always): APIs do not return them.
ORIGIN_FIELDS = ('name', 'endpoints', 'protocol', 'host_header', 'path', 'http_port', 'https_port',
                 'auth', 'enabled', 'group')
ORIGIN_AUTH_SECRETS = ('password', 'secret_key', 'signing_key')

# What cdn_certificate reports (never PEM or key): module_utils/certificate.py.
CERTIFICATE_FIELDS = ('name', 'hostname', 'fingerprint', 'common_name', 'sans', 'issuer',
                      'not_before', 'not_after')

# What a zone shows for a secret setting (URL-signing keys and the like):
# never the value. REDACTED when it is set (and equal to the value asked
# for, if one was), SECRET_DIFFERS when it is set to something else.
SECRET_DIFFERS = '%s (a different value)' % REDACTED


def secret_view(value, wanted):
    """What the zone shows for a secret whose API value is ``value`` when ``wanted`` was asked for."""
    if value in (None, ''):
        return '' if wanted == '' else None
    if wanted is None or wanted == value:
        return REDACTED
    return SECRET_DIFFERS


# cdn_stats_info: the query options an adapter may accept (ResourceCaps.fields
# of 'stats'), and the numeric keys a series point or the totals may carry
# besides ``timestamp`` (module_utils/stats.py sums these into totals).
STATS_OPTIONS = ('zone', 'granularity', 'metric', 'report')
STATS_NUMBERS = ('bytes', 'hits', 'bytes_cached', 'bytes_uncached', 'hits_cached', 'hits_uncached',
                 'requests', 'pageviews', 'uniques', 'threats', 'bandwidth_mbps')
# Numbers that are rates or levels: shown per point, never summed into totals.
STATS_RATES = ('cache_hit_ratio', 'status_2xx_percent', 'status_4xx_percent', 'status_5xx_percent')

# cdn_access_rule: the rule types (ResourceCaps.fields of 'access_rule') and actions.
ACCESS_RULE_TYPES = ('ip', 'country', 'referrer')
ACCESS_RULE_ACTIONS = ('allow', 'deny')


class ResourceCaps:
    """What a provider offers for one resource kind."""

    def __init__(self, operations=(), fields=(), settings=None, notes='', choices=None):
        self.operations = tuple(operations)
        self.fields = tuple(fields)
        self.settings = settings or {}
        self.notes = notes
        # Allowed values of an option, by option name; the first is the default
        # (cdn_stats_info's granularity, metric and report).
        self.choices = dict((k, tuple(v)) for k, v in (choices or {}).items())


class Limits:
    """A provider's limits and scopes, read by the cores before any request and shown in the docs'
    support matrix. Each keyword argument (unknown ones raise TypeError) with its default:

    - ``origin_scope`` ('account'): where an origin lives: 'account' (identified by name) or 'zone'
      (identified by its zone; it exists as long as the zone does);
    - ``origin_endpoints`` (None): the most endpoints an origin takes; None for no limit;
    - ``origin_endpoint_ports`` (True): whether an endpoint carries a port (False: http_port and https_port);
    - ``purge_batch`` (100): items per purge request (100 where the documents are silent: small enough
      for any API seen so far, large enough that 10,000 paths stay within a few dozen requests);
    - ``purge_form`` ('url'): what a purge request carries: absolute URLs ('url') or paths ('path');
    - ``purge_rate`` (None): a documented purge rate limit, (requests, seconds);
    - ``purge_wildcards`` (False): whether the purge API takes ``*``;
    - ``purge_subdomains`` (False): whether a zone is a DNS zone serving every name below it (CloudFlare);
    - ``stats_zone_required`` (False): whether statistics are read per zone only;
    - ``access_rule_scope`` ('zone'): where access rules live: 'zone' or 'account';
    - ``storage_regions`` (None): the regions a storage may be created in; None when the API names none;
    - ``storage_name_min`` (1): the shortest storage name;
    - ``storage_password`` ('generated'): who chooses the FTP password: the provider ('generated') or the user ('chosen');
    - ``storage_password_scope`` ('region'): what a password rotation changes: every storage of a
      'region', or one 'storage';
    - ``ip_visitors_max_hours`` (24): the longest look-back of the recent visitor IP listing;
    - ``ip_class_aliases`` ({}): the provider's short names of visitor IP classes, {alias: class};
    - ``page_size`` (None): items per page of the provider's listings where the API fixes it;
    - ``api_rate`` (None): the documented rate limit of the whole API, (requests, seconds).
    """

    def __init__(self, origin_scope='account', origin_endpoints=None, origin_endpoint_ports=True,
                 purge_batch=100, purge_form='url', purge_rate=None, purge_wildcards=False, purge_subdomains=False,
                 stats_zone_required=False, access_rule_scope='zone',
                 storage_regions=None, storage_name_min=1, storage_password='generated', storage_password_scope='region',
                 ip_visitors_max_hours=24, ip_class_aliases=None, page_size=None, api_rate=None):
        self.origin_scope = origin_scope
        self.origin_endpoints = origin_endpoints
        self.origin_endpoint_ports = origin_endpoint_ports
        self.purge_batch = purge_batch
        self.purge_form = purge_form
        self.purge_rate = purge_rate
        self.purge_wildcards = purge_wildcards
        self.purge_subdomains = purge_subdomains
        self.stats_zone_required = stats_zone_required
        self.access_rule_scope = access_rule_scope
        self.storage_regions = storage_regions
        self.storage_name_min = storage_name_min
        self.storage_password = storage_password
        self.storage_password_scope = storage_password_scope
        self.ip_visitors_max_hours = ip_visitors_max_hours
        self.ip_class_aliases = dict(ip_class_aliases or {})
        self.page_size = page_size
        self.api_rate = api_rate


class Capabilities:
    """One object per provider: docs, validation and errors are built from it."""

    def __init__(self, name, title, default_url=None, token_env=(), user_env=(),
                 needs_user=False, resources=None, limits=None):
        if limits is not None and not isinstance(limits, Limits):
            raise TypeError('limits must be a Limits object, not %s' % type(limits).__name__)
        self.name = name
        self.title = title
        self.default_url = default_url
        self.token_env = tuple(token_env)
        self.user_env = tuple(user_env)
        self.needs_user = needs_user
        self.resources = resources or {}
        self.limits = limits if limits is not None else Limits()

    @property
    def url_env(self):
        return '%s_API_URL' % self.name.upper()

    def resource(self, kind):
        caps = self.resources.get(kind)
        if caps is None:
            raise CdnUnsupportedError(
                '%s does not offer the resource %r; it offers: %s'
                % (self.title, kind, ', '.join(sorted(self.resources)) or 'nothing'),
                provider=self.name)
        return caps

    def require(self, kind, operation):
        caps = self.resource(kind)
        if operation not in caps.operations:
            note = (' (%s)' % caps.notes) if caps.notes else ''
            raise CdnUnsupportedError(
                '%s does not support %s of a %s%s; it supports: %s'
                % (self.title, operation, kind, note, ', '.join(caps.operations) or 'nothing'),
                provider=self.name)
        return caps

    def check_fields(self, kind, desired):
        """Fail when the user set an option this provider cannot manage."""
        caps = self.resource(kind)
        for key, value in desired.items():
            if value is None or key in caps.fields:
                continue
            raise CdnUnsupportedError(
                '%s does not support the option %r for a %s; options it supports: %s'
                % (self.title, key, kind, ', '.join(caps.fields)),
                provider=self.name)
        if desired.get('settings'):
            desired['settings'] = validate_settings(self.title, kind, desired['settings'], caps.settings)
        return desired


def zone_not_found(ref, capabilities, operation):
    """The error for a ``zone`` option that names no zone of the provider."""
    return CdnNotFoundError('option zone: %r names no %s zone (by host name or id)' % (ref, capabilities.title),
                            provider=capabilities.name, operation=operation)


class ProviderAdapter:
    """Base class: one instance per module run, holding one ApiClient."""

    capabilities = None
    dialect_class = Dialect

    def __init__(self, client, params=None):
        self.client = client
        self.params = params or {}
        # Secret setting values the user gave (take_secret_setting), kept out of settings.
        self.secrets = {}

    @classmethod
    def auth_options(cls, token, user):
        """ApiClient keyword arguments carrying the credentials (headers, basic_auth or form_auth)."""
        raise NotImplementedError

    @classmethod
    def build(cls, url, token, user=None, params=None, client_options=None):
        options = dict(client_options or {})
        options.update(cls.auth_options(token, user))
        client = ApiClient(cls.capabilities.name, url, dialect=cls.dialect_class(), **options)
        return cls(client, params)

    @property
    def name(self):
        return self.capabilities.name

    def take_secret_setting(self, settings, key):
        """Keep a secret setting's value in self.secrets; ``settings`` (compared,
        planned, diffed, echoed) then holds REDACTED instead of it."""
        value = settings.get(key)
        if value in (REDACTED, SECRET_DIFFERS):
            # Fed back from a result (cdn_zone_info): leave the secret as it is.
            settings[key] = None
        elif value is not None:
            # '' is kept too: it asks for no secret, which the zone then shows as ''.
            self.secrets[key] = value
            if value != '':
                settings[key] = REDACTED
                # Out of the module's invocation echo too (settings is not a no_log option).
                user_settings = self.params.get('settings')
                if isinstance(user_settings, dict) and key in user_settings:
                    user_settings[key] = REDACTED

    # zone operations; adapters override what their API offers
    def list_zones(self):
        raise self._unsupported('zone', 'list')

    def get_zone(self, zone_id):
        for zone in self.list_zones():
            if str(zone['id']) == str(zone_id):
                return zone
        return None

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id)
        for zone in self.list_zones():
            if zone['hostname'] == hostname:
                return zone
        return None

    def find_zone_ref(self, ref):
        """The zone a module option names: by host name (it has a dot) or by id; None when missing."""
        text = str(ref).strip()
        if '.' in text:
            return self.find_zone(hostname=normalize_hostname(text))
        return self.find_zone(zone_id=text)

    def require_zone_ref(self, ref, operation, prerequisite=False):
        """find_zone_ref for a module's ``zone`` option: a missing zone fails naming the option, or,
        as a ``prerequisite`` of what the module manages (origins, certificates), saying to create it."""
        zone = self.find_zone_ref(ref)
        if zone is None and prerequisite:
            raise CdnNotFoundError('zone %s not found; create it with edgeops.cdn.cdn_zone first' % str(ref).strip(),
                                   provider=self.name, operation=operation)
        if zone is None:
            raise zone_not_found(ref, self.capabilities, operation)
        return zone

    def validate_zone(self, desired, state):
        """Provider-specific checks of the desired zone; raise CdnValidationError."""

    def create_zone(self, desired):
        raise self._unsupported('zone', 'create')

    def update_zone(self, current, changes, desired):
        raise self._unsupported('zone', 'update')

    def delete_zone(self, current):
        raise self._unsupported('zone', 'delete')

    def zone_ready(self, zone):
        return True

    def predict_zone(self, desired):
        """The zone check mode reports for a create."""
        predicted = dict((k, v) for k, v in desired.items() if v is not None)
        predicted.setdefault('id', None)
        predicted.setdefault('cdn_domain', None)
        return predicted

    # --- origins (cdn_origin) -------------------------------------------
    #
    # A canonical origin is a dict with ``id`` (provider id; for an origin that
    # lives on a zone, the zone id), ``name``, ``zone`` (zone id or None),
    # ``kind`` ('origin' or 'group') and the ORIGIN_FIELDS the provider
    # manages, normalised exactly as module_utils/origin.py normalises the
    # options (endpoints as [{'host', 'port'}] with port None for the
    # protocol's default port; auth without secret values), plus ``raw`` (the
    # provider object with secrets masked).

    def validate_origin(self, desired, state):
        """Provider-specific checks of the desired origin; raise CdnValidationError."""

    def find_origin(self, desired):
        """The origin ``desired`` identifies (by ``name``, or the zone in
        ``desired['zone']``, a hostname or id), or None. For zone-bound origins
        a missing zone raises CdnNotFoundError naming it."""
        raise self._unsupported('origin', 'get')

    def list_origins(self):
        raise self._unsupported('origin', 'list')

    def create_origin(self, desired):
        raise self._unsupported('origin', 'create')

    def update_origin(self, current, changes, desired):
        """Apply ``changes`` (the differing options; ``auth`` complete with
        secrets when it is sent) and return the canonical origin after."""
        raise self._unsupported('origin', 'update')

    def delete_origin(self, current):
        raise self._unsupported('origin', 'delete')

    # --- certificates (cdn_certificate) ---------------------------------
    #
    # A canonical certificate is a dict with ``id``, ``name``, ``hostname``,
    # ``fingerprint`` (SHA-1, lowercase hex without colons) when the API
    # reveals it, ``common_name``, ``issuer``, ``not_before``/``not_after``
    # (ISO 8601 UTC, 'YYYY-MM-DDTHH:MM:SSZ') when the API reveals them,
    # ``sans`` when known, ``zones`` (ids of the zones serving it) and ``raw``
    # (PEMs and keys never included).

    def validate_certificate(self, local):
        """Provider-specific checks of a local certificate (e.g. key type); raise CdnValidationError."""

    def list_certificates(self):
        raise self._unsupported('certificate', 'list')

    def upload_certificate(self, local):
        """Upload ``local`` (certificate.LocalCertificate: .certificate_pem,
        .private_key_pem, .chain_pem, .name, .hostname, .info) and return the
        canonical certificate."""
        raise self._unsupported('certificate', 'create')

    def delete_certificate(self, current):
        raise self._unsupported('certificate', 'delete')

    def bind_certificate(self, zone, certificate):
        """Serve ``zone`` (canonical zone) with ``certificate``; return True when a write was sent."""
        raise self._unsupported('certificate', 'bind')

    def certificate_zones(self, certificate):
        """Ids of the zones serving ``certificate`` (the certificate's ``zones`` by default)."""
        return list(certificate.get('zones') or [])

    def request_acme(self, zone, check_mode=False):
        """Ask for a Let's Encrypt certificate for ``zone``; return True when
        the provider started something, False when it answered "nothing
        changed". In check mode send nothing and return the prediction."""
        raise self._unsupported('certificate', 'acme')

    # --- storages (cdn_storage) -----------------------------------------
    #
    # A canonical storage is a dict with ``id``, ``name``, ``region``,
    # ``ftp_host``, ``ftp_user``, ``bytes`` and ``objects`` (None when the API
    # does not say) and ``raw`` (secrets masked). The FTP password is never in
    # it: ``storage_password`` gives it to the module when the user asks.

    def validate_storage(self, desired, state):
        """Provider-specific checks of the desired storage; raise CdnValidationError."""

    def list_storages(self):
        raise self._unsupported('storage', 'list')

    def find_storage(self, desired):
        """The storage named ``desired['name']`` with its size, or None."""
        raise self._unsupported('storage', 'get')

    def create_storage(self, desired):
        raise self._unsupported('storage', 'create')

    def storage_delete_blockers(self, current):
        """Why ``current`` cannot be deleted (read-only; empty when it can)."""
        return []

    def delete_storage(self, current):
        raise self._unsupported('storage', 'delete')

    def storage_password(self, current):
        """The FTP password of ``current`` as the API showed it, or None."""
        return None

    def set_storage_password(self, current, password):
        """Set the FTP password the user chose on ``current`` (limits.storage_password_scope 'storage')."""
        raise self._unsupported('storage', 'rotate_ftp_password')

    def rotate_storage_password(self, region):
        """Change the FTP password (of every storage in ``region`` where the API
        works per region); return the new password or None."""
        raise self._unsupported('storage', 'rotate_ftp_password')

    # --- statistics (cdn_stats_info) -----------------------------------
    #
    # ``query`` is a dict: ``zone`` (canonical zone or None for the account),
    # ``start`` and ``end`` (timezone-aware UTC datetimes, start < end),
    # ``granularity``, ``metric``, ``report`` (checked against the 'stats'
    # ResourceCaps.choices; the first choice when the user set none, None when
    # the provider declares no choice). The adapter converts the dates to its
    # API's format with pure module-level functions (unit-tested), reads, and
    # returns {'series': [{'timestamp': 'YYYY-MM-DDTHH:MM:SSZ', <STATS_NUMBERS
    # and labels such as 'country', 'status_code', 'zone'>}], 'totals': {...}
    # or None (then summed from the series), 'raw': the provider's answer(s)}.

    def get_stats(self, query):
        raise self._unsupported('stats', 'get')

    # --- access rules (cdn_access_rule) ---------------------------------
    #
    # A canonical rule is {'type': 'ip'|'country'|'referrer', 'action':
    # 'allow'|'deny', 'value': normalised with names.normalize_rule_value,
    # 'id': provider id or None}. ``zone`` is a canonical zone, or None where
    # capabilities.limits.access_rule_scope is 'account'.

    def validate_access_rules(self, zone, final_rules):
        """Raise CdnValidationError (option 'rules') when the provider cannot
        hold ``final_rules`` together (e.g. allow and deny of one type); no request."""

    def list_access_rules(self, zone):
        raise self._unsupported('access_rule', 'list')

    def access_rule_drift(self, zone, final_rules):
        """What besides the rules themselves must change for ``final_rules`` to
        take effect (e.g. a policy switch turned off elsewhere), as a dict for
        the plan; empty when nothing. Read-only."""
        return {}

    def apply_access_rules(self, zone, current, final, add, remove):
        """Send the writes that turn ``current`` into ``final`` (``add`` and
        ``remove`` are the differences; ``current`` is None when the provider
        cannot list). Per-rule APIs use add/remove, whole-list APIs use final;
        also called with nothing to add or remove to repair access_rule_drift."""
        raise self._unsupported('access_rule', 'create')

    # --- read-only extras: each core checks Capabilities first ------------
    # (cdn_account_info: module_utils/account.py; cdn_debug_info: debug.py;
    # cdn_action_info: action.py; cdn_ip_info: ip_info.py)

    def get_account(self):
        raise self._unsupported('account', 'get')

    def list_subaccounts(self):
        raise self._unsupported('account', 'list')

    def check_login(self, email, password):
        raise self._unsupported('account', 'check_login')

    def debug_url(self, url):
        raise self._unsupported('debug', 'get')

    def list_actions(self, types=None, limit=None):
        raise self._unsupported('action', 'list')

    def validate_action_id(self, action_id):
        """The action id in the provider's form; raise CdnValidationError('action_id', ...) before any request."""
        return str(action_id)

    def get_action(self, action_id):
        raise self._unsupported('action', 'get')

    def lookup_ips(self, ips):
        raise self._unsupported('ip_info', 'lookup')

    def zone_name_for(self, ref):
        raise self._unsupported('ip_info', 'visitors')

    def zone_visitors(self, zone_name, hours, ip_class=None, geo=False):
        raise self._unsupported('ip_info', 'visitors')

    def _unsupported(self, kind, operation):
        try:
            self.capabilities.require(kind, operation)
        except CdnUnsupportedError as exc:
            return exc
        return CdnUnsupportedError('%s: %s of a %s is not implemented' % (self.capabilities.title, operation, kind),
                                   provider=self.name)
