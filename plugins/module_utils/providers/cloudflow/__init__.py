# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow (the OnApp CDN API): what the provider offers, and its Adapter.

Sources: CloudFlow's "API Guide" (OnApp's API Guide: "API Authentication", "HTTP Methods",
"HTTP response codes") for authentication, verbs and status codes; the OnApp CDN API
documentation (https://docs.onapp.com, the CDN resource pages, cited by title) for paths,
bodies and fields; the OnApp PHP wrapper (github.com/OnApp/OnApp-PHP-Wrapper-External, cited by
file) where the documentation lists no fields. Where they are silent or disagree, "Decisions
where the API document is silent" in docs/providers/cloudflow.md says what the collection does
and why.

- HTTP Basic auth: ``api_user`` is the account e-mail, ``api_token`` the API key.
- Every path ends in ``.json``; request and single-object bodies are wrapped in the root key
  (``{"cdn_resource": {...}}``); lists are arrays of wrapped objects.
- Writes answer 200, 201 or 204 (the API Guide says 204 on PUT and DELETE; older OnApp answers
  200 ``{}``): all are accepted.
- Boolean flags are sent as 1/0 like the OnApp examples and normalised on read.

The package: api.py (paths, dialect, answer checks), wire.py (pure translation), common.py
(the CDN resource reads zones, storages, certificates and access rules share), and one class
per resource: zone.py, origin.py, certificate.py, purge.py, storage.py, stats.py,
access_rule.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    AdapterFactory,
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    MBPS_DAYS,
    SETTINGS,
    STATS_METRICS,
    STATS_REPORTS,
    STORAGE_LOCATIONS,
)

# "You can specify up to 3 origins" ("Add HTTP CDN Resource").
MAX_ORIGINS = 3
# The purge form takes at most 1,300 paths; "a limit of 40 purge requests per 5-minute interval for each user
# account" (OnApp CDN administration guide, "Purge Content").
MAX_PURGE_PATHS = 1300
PURGE_RATE = (40, 300)

CAPABILITIES = Capabilities(
    name='cloudflow',
    title='CloudFlow',
    default_url=None,  # no public default base URL: api_url (or CLOUDFLOW_API_URL) is required
    token_env=('CLOUDFLOW_API_KEY',),
    user_env=('CLOUDFLOW_API_USER',),
    needs_user=True,
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            create_requires=(('origin',),),
            fields=('hostname', 'aliases', 'origin', 'tls', 'certificate_id', 'settings'),
            settings=SETTINGS,
            # What cdn_zone_info's extras may ask for, each one more read (zone.py; none by default).
            choices={'extras': ('caching_rules', 'instructions', 'edge_ips')},
            notes='an HTTP_PULL CDN resource; origin is the first of up to 3 origins; cdn_zone_info reads the '
                  'caching rules, instructions and edge IPs its extras name, and skips (and reports) those this '
                  'control panel has no endpoint for',
        ),
        'origin': ResourceCaps(
            operations=('get', 'update'),
            fields=('endpoints', 'protocol'),
            notes='the CDN resource\'s origins (up to %d, in order) and origin_policy; they live on the zone, '
                  'which cdn_zone creates and deletes; OnApp has no origin host header or path' % MAX_ORIGINS,
            instead={
                'create': 'set origin when edgeops.cdn.cdn_zone creates the zone: the origins live on the zone',
                'delete': 'delete the zone (edgeops.cdn.cdn_zone state=absent): the origins live on the zone and go with it',
            },
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind'),
            fields=('name', 'fingerprint'),
            notes='cdn_ssl_certificates; the API shows no PEM or validity, so the SHA-1 fingerprint is kept '
                  'in the certificate name (<name>-sha1-<fingerprint>); binding sets cdn_ssl_certificate_id '
                  'and ssl_on on the CDN resource',
            instead={'acme': 'upload a certificate obtained elsewhere (certificate and private_key)'},
        ),
        'purge': ResourceCaps(
            operations=('purge', 'purge_all', 'prefetch'),
            notes='purge.json, purge_all.json and prefetch.json (HTTP pull only); paths, at most '
                  '%d a request and 40 purge requests in 5 minutes; no wildcards or directories; '
                  'the API returns no job to follow' % MAX_PURGE_PATHS,
            instead={
                'list': 'keep the result of cdn_purge: CloudFlow returns no purge job to look up later',
                'get': 'keep the result of cdn_purge: CloudFlow returns no purge job to look up later',
                'delete': 'let the purge finish: CloudFlow returns no purge job that could be deleted',
            },
        ),
        'storage': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'rotate_ftp_password'),
            fields=('name', 'region', 'ftp_password'),
            notes='an HTTP_PUSH CDN resource named by its CDN hostname; region is its storage_server_location; '
                  'you choose the FTP password (ftp_password, required to create), which the API never shows; '
                  'rotating sets a new one on this storage only; no size is reported',
            instead={'update': 'delete the storage and create it again: a storage cannot change once created'},
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'metric', 'report'),
            choices={'report': tuple(STATS_REPORTS), 'metric': tuple(STATS_METRICS)},
            notes='bandwidth.json (GB or Mbps, the latter for the last %d days; deprecated in OnApp 5.4, removed '
                  'in 5.6), grouped by location or zone on request; usage statistics: account-wide cached and '
                  'non-cached GB per edge group and location' % MBPS_DAYS,
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('ip', 'country', 'referrer'),
            notes='ip_access_policy/ip_addresses, country_access_policy/countries and hotlink_policy/domains: per '
                  'type one policy (ALLOW_BY_DEFAULT with denied values or BLOCK_BY_DEFAULT with allowed values), '
                  'so allow and deny rules of one type cannot be mixed',
        ),
        'account': ResourceCaps(
            operations=('get',),
            notes='the user of the e-mail and API key (OnApp profile.json): id, login, name, e-mail, time '
                  'zone; details: status, locale, billing plan, user group, amounts and dates; no trial flag',
        ),
    },
    limits=Limits(origin_scope='zone', origin_endpoints=MAX_ORIGINS, origin_endpoint_ports=True,
                  # OnApp documents no delete of a certificate in use; taken as refused (docs/providers/cloudflow.md).
                  certificate_delete_in_use=False,
                  # Purges are the one documented limit (PURGE_RATE); no whole-API rate is (api_rate None).
                  purge_batch=MAX_PURGE_PATHS, purge_form='path', purge_rate=PURGE_RATE,
                  storage_regions=STORAGE_LOCATIONS, storage_name_min=3,
                  # The user chooses the FTP password (sent on create), and a rotation concerns one storage.
                  storage_password='chosen', storage_password_scope='storage',
                  access_rule_scope='zone',
                  # The rules are the resource's three policies and their lists (access_rule.py).
                  access_rule_settings=('ip_access_policy', 'ip_addresses', 'country_access_policy', 'countries',
                                        'hotlink_policy', 'domains')),
)


class Provider(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = api.CloudflowDialect

    @classmethod
    def auth_options(cls, token, user):
        return api.auth_options(token, user)


def resource_classes(kinds=None):
    """The classes implementing ``kinds`` (every resource this provider offers when None), imported on
    first use: a module loads only the resources it manages. The literal imports are also what lets
    Ansible ship each file with the module."""
    # pylint: disable=import-outside-toplevel
    classes = []
    if kinds is None or 'zone' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.zone import Zones
        classes.append(Zones)
    if kinds is None or 'origin' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.origin import Origins
        classes.append(Origins)
    if kinds is None or 'certificate' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.certificate import Certificates
        classes.append(Certificates)
    if kinds is None or 'purge' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.purge import Purges
        classes.append(Purges)
    if kinds is None or 'storage' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.storage import Storages
        classes.append(Storages)
    if kinds is None or 'stats' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.stats import Stats
        classes.append(Stats)
    if kinds is None or 'access_rule' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.access_rule import AccessRules
        classes.append(AccessRules)
    if kinds is None or 'account' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.account import Account
        classes.append(Account)
    return classes


adapter_class = AdapterFactory(Provider, resource_classes)


def __getattr__(name):
    return adapter_class.attribute(name)
