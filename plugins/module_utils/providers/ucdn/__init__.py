# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The UCDN API v3 provider: its capabilities and its Adapter.

Source of truth: the "UCDN API v3" documentation, https://api.ucdn.com/docs/ (its
sections are cited by title, e.g. "Fetch a zone"); where it is silent or contradicts
itself, the project's decisions are listed in docs/providers/ucdn.md ("Decisions where
the API document is silent").

The package, one concern a file:

- api.py: the path table, the dialect (errors, 532 retried), and UcdnApi, what every
  resource class shares (answer checks raised as errors, the zone cache, zone reads,
  the PATCH of a zone, the storage listing);
- wire.py: pure translation between UCDN's shapes and the option shapes;
- answers.py: pure checks that an answer is of its documented shape;
- zone.py, origin.py, certificate.py, purge.py, storage.py, stats.py, access_rule.py,
  account.py: one class a resource, implementing its interface of module_utils/interfaces/.
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import TOKEN_HEADER, UcdnDialect
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    HASH_ALGORITHMS,
    STATS_GRANULARITIES,
    STATS_REPORT_NAMES,
)

CAPABILITIES = Capabilities(
    name='ucdn',
    title='UCDN',
    default_url='https://api.ucdn.com/v3/',
    token_env=('UCDN_API_TOKEN',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            create_requires=(('origin',),),
            immutable=('settings.object_size',),
            immutable_reason='UCDN API v3 "Replace a zone configuration": "you cannot change the zone object size type"',
            fields=('hostname', 'aliases', 'origin', 'origin_host_header', 'cache_ttl', 'enabled', 'settings'),
            settings={
                # "Small objects are those less than 20MB"; fixed once the zone exists ("Replace a zone configuration").
                'object_size': dict(type='str', choices=['small', 'big']),
                # ISO 3166-1 alpha-2 country codes.
                'geo_filter_allow': dict(type='list'),
                'geo_filter_deny': dict(type='list'),
                # Allowed referer domains; [] clears them.
                'referers': dict(type='list'),
                # "NNk, e.g. 20k"; '' clears the limit rates. Exclusive with limit_rate_security on.
                'limit_rate_global': dict(type='str'),
                'limit_rate_security': dict(type='str', choices=['on', 'off']),
                # Id of the zone whose cache this zone reuses; 0 stops reusing.
                'cache_reuse_from': dict(type='int', min=0),
                # "status:url" entries, e.g. "404:https://example.com/404.html".
                'error_pages': dict(type='list'),
                # The security token (URL signing). hash_secret is secret: never shown, only
                # compared; '' unsets the token (secret, algorithm and TTL: clear_security_token).
                'hash_secret': dict(type='str', secret=True),
                'hash_algorithm': dict(type='str', choices=list(HASH_ALGORITHMS)),
                'hash_ttl': dict(type='int', min=0),
            },
            notes='object_size cannot change once the zone exists; hash_secret (the security token) is never '
                  'shown, and \'\' unsets the token',
            instead={
                'tls': 'upload a certificate for the host name with edgeops.cdn.cdn_certificate: the zone serves '
                       'it on the custom domain of that name',
                'certificate_id': 'upload a certificate for the host name with edgeops.cdn.cdn_certificate: the zone '
                                  'serves it on the custom domain of that name',
            },
        ),
        'origin': ResourceCaps(
            operations=('list', 'get', 'update'),
            fields=('endpoints', 'protocol', 'host_header', 'auth'),
            notes='the origin is the zone\'s upstream: it is created and deleted with the zone (edgeops.cdn.cdn_zone)',
            instead={
                'create': 'set origin when edgeops.cdn.cdn_zone creates the zone: the origin is the zone\'s upstream',
                'delete': 'delete the zone (edgeops.cdn.cdn_zone state=absent): the origin is the zone\'s upstream '
                          'and goes with it',
            },
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind', 'acme'),
            fields=('hostname', 'fingerprint', 'zones'),
            notes='RSA keys only; no certificate names: the host name in the certificate is its identity, and a zone '
                  'with own SSL serves it on the custom domain of that name (no binding call)',
        ),
        'storage': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'size', 'rotate_ftp_password'),
            fields=('name', 'region'),
            notes='region europe or north-america, fixed once created; delete refused while the storage holds '
                  'files or a zone uses it as origin; rotating the FTP password rotates it for every storage '
                  'in the region',
            instead={'update': 'delete the storage and create it again: a storage cannot change once created'},
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get', 'delete'),
            notes='purge/zone/{id} with newline-separated paths, one job a request '
                  '(waiting, running, finished, failed); only waiting or finished jobs can be deleted',
            instead={
                'purge_all': 'list the paths (or URLs) to purge in paths or urls',
                'prefetch': 'purge the paths: UCDN fetches each from the origin on its next request',
            },
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'granularity', 'report'),
            choices={'report': STATS_REPORT_NAMES, 'granularity': STATS_GRANULARITIES},
            notes='one report a run: bytes (default), usage (period totals), hits, bytes_ssl, hits_ssl, '
                  'bytes_http2, hits_http2, countries (per country, hourly), status_codes (every code, per code), '
                  'storages (account-wide, hourly; totals.bytes is the peak); granularity 5min and day for the '
                  'time-slot reports only',
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('country', 'referrer'),
            notes='the zone\'s geo_filter_allow / geo_filter_deny countries and its referers, which only allow; '
                  'no IP rules; one action per country',
        ),
        'account': ResourceCaps(
            operations=('get', 'list', 'check_login'),
            fields=('subaccounts', 'login'),
            notes='the token\'s account, its subaccounts, and check/login for an e-mail and password',
        ),
    },
    limits=Limits(
        # No rate limit is documented ("UCDN API v3"): api_rate None, nothing paced unless rate_limit is set.
        access_rule_scope='zone',
        # The rules are the zone's geo filters and referers (access_rule.py).
        access_rule_settings=('geo_filter_allow', 'geo_filter_deny', 'referers'),
        # "Purge files" gives no limit on "files": 100 paths per purge job (docs/providers/ucdn.md).
        purge_batch=100,
        purge_form='path',
        origin_scope='zone',
        origin_endpoint_ports=True,
        # "Create storage": name "At least 3 characters long", region "europe" or "north-america".
        storage_regions=('europe', 'north-america'),
        storage_name_min=3,
    ),
)


class Provider(ProviderAdapter):
    """One instance a module run: the resource classes over one ApiClient (ProviderAdapter)."""

    capabilities = CAPABILITIES
    dialect_class = UcdnDialect

    @classmethod
    def auth_options(cls, token, user):
        # "Authentication": the documented alternative to ?token=, which keeps the secret out of URLs and logs.
        return dict(headers={TOKEN_HEADER: token})


def resource_classes(kinds=None):
    """The classes implementing ``kinds`` (every resource this provider offers when None), imported on
    first use: a module loads only the resources it manages. The literal imports are also what lets
    Ansible ship each file with the module."""
    # pylint: disable=import-outside-toplevel
    classes = []
    if kinds is None or 'zone' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.zone import Zones
        classes.append(Zones)
    if kinds is None or 'origin' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.origin import Origins
        classes.append(Origins)
    if kinds is None or 'certificate' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.certificate import Certificates
        classes.append(Certificates)
    if kinds is None or 'purge' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.purge import Purges
        classes.append(Purges)
    if kinds is None or 'storage' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.storage import Storages
        classes.append(Storages)
    if kinds is None or 'stats' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.stats import Stats
        classes.append(Stats)
    if kinds is None or 'access_rule' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.access_rule import AccessRules
        classes.append(AccessRules)
    if kinds is None or 'account' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.account import Account
        classes.append(Account)
    return classes


adapter_class = AdapterFactory(Provider, resource_classes)


def __getattr__(name):
    return adapter_class.attribute(name)
