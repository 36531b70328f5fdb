# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every provider adapter declares and offers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, Dialect
from ansible_collections.edgeops.cdn.plugins.module_utils.compare import validate_settings
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.access_rule import AccessRuleAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.action import ActionAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.certificate import CertificateAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.debug import DebugAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.dns_record import DnsRecordAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.ip_info import IpInfoAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.origin import OriginAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.purge import PurgeAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.stats import StatsAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.storage import StorageAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions

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
    """What a provider offers for one resource kind.

    ``notes`` describe the resource for the docs (docs/support-matrix.md); ``instead`` is what a user does
    where the provider cannot: {operation or option name: advice}, '*' for every operation of a
    resource that has none. Errors show ``instead``, never the notes (API paths are no help there).
    """

    def __init__(self, operations=(), fields=(), settings=None, notes='', choices=None, create_requires=(),
                 immutable=(), immutable_reason='', instead=None):
        self.operations = tuple(operations)
        self.fields = tuple(fields)
        self.settings = settings or {}
        self.notes = notes
        self.instead = dict(instead or {})
        # Allowed values of an option, by option name; the first is the default
        # (cdn_stats_info's granularity, metric and report).
        self.choices = dict((k, tuple(v)) for k, v in (choices or {}).items())
        # What a create needs: each entry a tuple of options of which at least one must be set
        # (('origin', 'origin_id'): an origin URL or the id of a standalone origin).
        self.create_requires = tuple(tuple(alternatives) for alternatives in create_requires)
        # What can never change once the object exists: option names, or 'settings.<key>'; the
        # cores refuse such a change while planning (check mode says so too), with immutable_reason.
        self.immutable = tuple(immutable)
        self.immutable_reason = immutable_reason


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
    - ``purge_rate`` (None): a documented purge rate limit, (requests, seconds): the purge core paces purge
      requests by it, in the account's shared rate budget (rate.py);
    - ``purge_wildcards`` (False): whether the purge API takes ``*``;
    - ``purge_subdomains`` (False): whether a zone is a DNS zone serving every name below it (CloudFlare);
    - ``stats_zone_required`` (False): whether statistics are read per zone only;
    - ``access_rule_scope`` ('zone'): where access rules live: 'zone' or 'account';
    - ``access_rule_settings`` (()): the zone settings the access rules are kept in or switch (cdn_access_rule
      owns them: an export shows them as rules, never as settings);
    - ``storage_regions`` (None): the regions a storage may be created in; None when the API names none;
    - ``storage_name_min`` (1): the shortest storage name;
    - ``storage_password`` ('generated'): who chooses the FTP password: the provider ('generated') or the user ('chosen');
    - ``storage_password_scope`` ('region'): what a password rotation changes: every storage of a
      'region', or one 'storage';
    - ``certificate_delete_in_use`` (True): whether the API deletes a certificate zones still use
      (cdn_certificate force=true); False refuses it while planning;
    - ``ip_visitors_max_hours`` (24): the longest look-back of the recent visitor IP listing;
    - ``ip_class_aliases`` ({}): the provider's short names of visitor IP classes, {alias: class};
    - ``page_size`` (None): items per page of the provider's listings where the API fixes it;
    - ``api_rate`` (None): the documented rate limit of the whole API, (requests, seconds): every request
      takes a call of the account's shared rate budget (rate.py; the option rate_limit overrides it).
    """

    def __init__(self, origin_scope='account', origin_endpoints=None, origin_endpoint_ports=True,
                 purge_batch=100, purge_form='url', purge_rate=None, purge_wildcards=False, purge_subdomains=False,
                 stats_zone_required=False, access_rule_scope='zone', access_rule_settings=(),
                 storage_regions=None, storage_name_min=1, storage_password='generated', storage_password_scope='region',
                 ip_visitors_max_hours=24, ip_class_aliases=None, page_size=None, api_rate=None,
                 certificate_delete_in_use=True):
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
        self.access_rule_settings = tuple(access_rule_settings)
        self.storage_regions = storage_regions
        self.storage_name_min = storage_name_min
        self.storage_password = storage_password
        self.storage_password_scope = storage_password_scope
        self.ip_visitors_max_hours = ip_visitors_max_hours
        self.certificate_delete_in_use = certificate_delete_in_use
        self.ip_class_aliases = dict(ip_class_aliases or {})
        self.page_size = page_size
        self.api_rate = api_rate


# A resource kind in the user's words (singular, plural) and the module that manages it.
KIND_WORDS = {
    'zone': ('a zone', 'zones', 'cdn_zone'),
    'origin': ('an origin', 'origins', 'cdn_origin'),
    'certificate': ('a certificate', 'certificates', 'cdn_certificate'),
    'purge': ('a purge', 'purges', 'cdn_purge'),
    'dns_record': ('a DNS record', 'DNS records', 'cdn_dns_record'),
    'storage': ('a storage', 'storages', 'cdn_storage'),
    'stats': ('statistics', 'statistics', 'cdn_stats_info'),
    'access_rule': ('an access rule', 'access rules', 'cdn_access_rule'),
    'account': ('an account', 'accounts', 'cdn_account_info'),
    'action': ('a background action', 'background actions', 'cdn_action_info'),
    'debug': ('debug headers', 'debug headers', 'cdn_debug_info'),
    'ip_info': ('IP information', 'IP information', 'cdn_ip_info'),
    'snapshot': ('a site snapshot', 'site snapshots', 'cdn_zone refresh_snapshot'),
}
# Operations in the user's words, where "<verb> <kind>" would not say it (verbs: VERB_WORDS).
OPERATION_WORDS = {
    ('purge', 'purge'): 'purge URLs or paths',
    ('purge', 'purge_all'): 'purge a whole zone (purge_all)',
    ('purge', 'prefetch'): 'prefetch URLs (prefetch)',
    ('purge', 'list'): 'list past purges',
    ('purge', 'get'): 'read a past purge',
    ('purge', 'delete'): 'delete a purge job (state=absent)',
    ('certificate', 'acme'): 'issue a certificate through ACME (acme)',
    ('certificate', 'bind'): 'bind a certificate to a zone',
    ('storage', 'size'): 'report the size of a storage',
    ('storage', 'rotate_ftp_password'): 'rotate the FTP password (rotate_ftp_password)',
    ('stats', 'get'): 'read statistics',
    ('ip_info', 'lookup'): 'look up an IP address',
    ('ip_info', 'visitors'): 'list recent visitor IPs',
    ('account', 'check_login'): 'check a login (check_login)',
    ('debug', 'get'): 'show the headers a URL is answered with',
    ('snapshot', 'refresh'): 'refresh the site snapshot',
}
VERB_WORDS = {'get': 'read', 'update': 'change'}


def operation_words(kind, operation):
    """An operation on a resource kind as a user would say it: 'delete a zone', 'list past purges'."""
    if (kind, operation) in OPERATION_WORDS:
        return OPERATION_WORDS[(kind, operation)]
    one, many = KIND_WORDS.get(kind, ('a %s' % kind.replace('_', ' '), '%ss' % kind.replace('_', ' '), None))[:2]
    return '%s %s' % (VERB_WORDS.get(operation, operation.replace('_', ' ')), many if operation == 'list' else one)


def instead_topic(kind, key):
    """What a ResourceCaps.instead key stands for, in the user's words: an operation, an option, or
    ('*') everything of the resource kind."""
    if key == '*':
        return 'any use of %s' % KIND_WORDS.get(kind, (None, kind))[1]
    if key in ('list', 'get', 'create', 'update', 'delete') or (kind, key) in OPERATION_WORDS:
        return operation_words(kind, key)
    return 'option %s' % key


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
            module = KIND_WORDS.get(kind, (None, None, None))[2]
            offered = ', '.join(sorted(self.resources))
            raise CdnUnsupportedError(
                '%s does not offer the resource %r%s; %s'
                % (self.title, kind, ' (edgeops.cdn.%s)' % module if module else '',
                   'it offers: %s' % offered if offered else 'it offers no resource the collection manages'),
                provider=self.name)
        return caps

    def require(self, kind, operation):
        """The resource's caps when the provider can do ``operation``; else an error saying, in the user's
        words, what is not possible and what to do instead (ResourceCaps.instead) or what is possible."""
        caps = self.resource(kind)
        if operation not in caps.operations:
            hint = caps.instead.get(operation) or caps.instead.get('*')
            if hint:
                rest = 'instead, %s' % hint
            elif caps.operations:
                rest = 'with %s it can: %s' % (KIND_WORDS.get(kind, (None, kind))[1],
                                               ', '.join(operation_words(kind, o) for o in caps.operations))
            else:
                rest = 'its API offers nothing for %s' % KIND_WORDS.get(kind, (None, kind))[1]
            raise CdnUnsupportedError('%s cannot %s; %s' % (self.title, operation_words(kind, operation), rest),
                                      provider=self.name)
        return caps

    def check_fields(self, kind, desired):
        """Fail when the user set an option this provider cannot manage, naming the option, what to do
        instead (ResourceCaps.instead) and the options it manages."""
        caps = self.resource(kind)
        for key, value in desired.items():
            if value is None or key in caps.fields:
                continue
            hint = caps.instead.get(key)
            raise CdnUnsupportedError(
                'option %s: %s cannot manage it on %s; %s (the options %s manages on %s: %s)'
                % (key, self.title, KIND_WORDS.get(kind, ('a %s' % kind,))[0],
                   'instead, %s' % hint if hint else 'remove it', self.title,
                   KIND_WORDS.get(kind, ('a %s' % kind,))[0], ', '.join(caps.fields) or 'none'),
                provider=self.name)
        if desired.get('settings'):
            desired['settings'] = validate_settings(self.title, kind, desired['settings'], caps.settings)
        return desired


class ProviderAdapter(ZoneAPI, OriginAPI, CertificateAPI, PurgeAPI, DnsRecordAPI, StorageAPI, StatsAPI, AccessRuleAPI,
                      AccountAPI, ActionAPI, DebugAPI, IpInfoAPI):
    """Base class: one instance per module run, holding one ApiClient and the run's options.

    It implements every resource interface (module_utils/interfaces/) with "not offered";
    a provider overrides the methods of the resources its API has.
    """

    capabilities = None
    dialect_class = Dialect

    def __init__(self, client, run=None):
        self.client = client
        self.run = run or RunOptions()
        # Secret setting values the user gave (take_secret_setting), kept out of settings.
        self.secrets = {}

    @classmethod
    def auth_options(cls, token, user):
        """ApiClient keyword arguments carrying the credentials (headers, basic_auth or form_auth)."""
        raise NotImplementedError

    @classmethod
    def build(cls, url, token, user=None, run=None, client_options=None):
        options = dict(client_options or {})
        options.update(cls.auth_options(token, user))
        client = ApiClient(cls.capabilities.name, url, dialect=cls.dialect_class(), **options)
        return cls(client, run=run)

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
                # (The module's invocation echo masks the value itself: module.py registers secret settings.)
                settings[key] = REDACTED


class AdapterFactory:
    """A provider's Adapter for the resource kinds a module manages: the classes ``resource_classes(kinds)``
    imports, put together on top of the provider's base class (cached per set of kinds)."""

    def __init__(self, provider_class, resource_classes):
        self.provider_class = provider_class
        self.resource_classes = resource_classes
        self._built = {}

    def __call__(self, kinds=None):
        key = tuple(sorted(kinds)) if kinds else None
        if key not in self._built:
            self._built[key] = type('Adapter', tuple(self.resource_classes(key)) + (self.provider_class,), {})
        return self._built[key]

    def attribute(self, name):
        """For a provider package's module ``__getattr__``: ``Adapter`` is the one with every resource
        (documentation, tests); modules use the factory with their kinds."""
        if name == 'Adapter':
            return self()
        raise AttributeError(name)
