# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 (``provider: leaseweb``): the capabilities and the Adapter.

Source: the Leaseweb CDN API v2 document ("CDN APIs (2.0.1)",
https://developer.leaseweb.com/api-docs/cdn_v2.html), cited by its section titles, and
Leaseweb's API standards page (LSW-STD) for the house rules it follows (paging, status codes,
error details). The request paths come from Leaseweb's "Developer API" listing (OpenAPI 3.0.3,
section "CDN"), which also adds the origin check and the policy templates (api.PATHS). What
the project decided where the documents are silent is listed in docs/providers/leaseweb.md,
"Decisions where the API document is silent".

The package:

- api.py: the path table, the dialect (error messages), the answer checks and the one
  pagination generator (LeasewebAPI, the request helpers every resource class shares);
- wire.py: pure translation between the API's shapes and the option shapes;
- common.py: what several resources share (origin lookup by id or name, the distribution's
  one policy);
- one file per resource: zone.py (distributions, domains, policy), origin.py (standalone
  origins and origin groups), certificate.py, purge.py (invalidations), stats.py,
  access_rule.py (ACLs), debug.py, action.py and account.py (policy templates).

The adapter's one explicit input is ``self.run`` (module_utils/run.py) besides the arguments
of each call; waiting is the core's (zone_ready) or goes through ``self.run.wait_for``.
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import PAGE_SIZE, PROVIDER, LeasewebDialect
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    ACTION_TYPES,
    STATS_GRANULARITIES,
    STATS_METRICS,
    STATS_REPORTS,
    ZONE_SETTINGS,
)

CAPABILITIES = Capabilities(
    name=PROVIDER,
    title='Leaseweb',
    default_url='https://api.leaseweb.com/cdn/v2',
    token_env=('LEASEWEB_API_KEY',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            create_requires=(('origin', 'origin_id'),),
            fields=('hostname', 'aliases', 'origin', 'origin_id', 'origin_host_header', 'tls', 'certificate_id',
                    'cache_ttl', 'compress', 'enabled', 'settings'),
            settings=ZONE_SETTINGS,
            notes='a zone is a DISTRIBUTION_VOLUME distribution with its custom domains and its one policy; '
                  'origin maps to a standalone SIMPLE_ORIGIN or ADVANCED_ORIGIN, origin_id to an origin '
                  'or origin group by id or name; Leaseweb\'s origin check (origins/{id}/resolve) runs before a '
                  'distribution is pointed at another origin',
        ),
        'origin': ResourceCaps(
            operations=('list', 'get', 'create', 'update', 'delete'),
            fields=('name', 'endpoints', 'path', 'http_port', 'https_port', 'enabled', 'group'),
            notes='standalone origins found by name (description): SIMPLE_ORIGIN (one host), ADVANCED_ORIGIN '
                  '(path, http_port, https_port; a simple origin needing them is replaced and its users '
                  'repointed), and origin groups with members; no protocol, host header or auth on the '
                  'origin (protocol and host header are cdn_zone options)',
        ),
        'certificate': ResourceCaps(
            operations=('list', 'get', 'create', 'delete', 'bind'),
            fields=('name', 'hostname', 'common_name', 'issuer', 'not_before', 'not_after'),
            notes='uploaded certificates; the API hides the PEM, so a certificate is recognised by common '
                  'name, issuer and validity; binding sets the distribution\'s tls and certificateId; no ACME',
            instead={'acme': 'upload a certificate obtained elsewhere (certificate and private_key)'},
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get'),
            notes='an invalidation of full URLs on the distribution\'s domains (POST invalidations, the host '
                  'names say which distribution), followed as an INVALIDATION action (PENDING, IN_PROGRESS, '
                  'FINISHED)',
            instead={
                'purge_all': 'list the URLs to purge in urls (or paths)',
                'prefetch': 'purge the URLs: Leaseweb fetches each from the origin on its next request',
                'delete': 'let the invalidation finish: it completes on its own and cannot be deleted',
            },
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone', 'granularity', 'metric', 'report'),
            choices={'report': STATS_REPORTS, 'granularity': STATS_GRANULARITIES, 'metric': STATS_METRICS},
            notes='customer or reseller statistics (statistics/customer, statistics/reseller: the reseller '
                  'paths inferred by symmetry, not in the public listing), optionally grouped by CDN provider, '
                  'distribution, customer or region; one metric a query; totals from the API\'s totals endpoints',
        ),
        'access_rule': ResourceCaps(
            operations=('list', 'create', 'delete'),
            fields=('ip', 'country', 'referrer'),
            notes='IP_ACL, GEO_ACL and REFERRER_ACL on the distribution\'s policy; the policy\'s securityIpAcl, '
                  'securityGeoAcl and securityReferrerAcl switches follow the rules; one action per rule type',
        ),
        'debug': ResourceCaps(
            operations=('get',),
            fields=('url',),
            notes='the headers each CDN provider answers for a URL on a distribution\'s domain',
        ),
        'action': ResourceCaps(
            operations=('list', 'get'),
            fields=('action_id', 'types', 'limit'),
            choices={'types': ACTION_TYPES},
            notes='background jobs: invalidations and distribution create, update and delete',
        ),
        'account': ResourceCaps(
            operations=('get',),
            notes='no account endpoint: the policy templates (GET policyTemplates) are read, which also checks '
                  'the API key; no id, name or e-mail',
        ),
    },
    limits=Limits(
        # No rate limit is documented ("CDN APIs (2.0.1)", LSW-STD): api_rate None, nothing paced unless rate_limit is set.
        page_size=PAGE_SIZE,
        access_rule_scope='zone',
        # The policy's ACL switches follow the rules (access_rule.py).
        access_rule_settings=('securityGeoAcl', 'securityIpAcl', 'securityReferrerAcl'),
        # "Do Invalidation" gives no limit on "files": a conservative 100 URLs per invalidation
        # (docs/providers/leaseweb.md).
        purge_batch=100,
        # "You can submit multiple URLs to be invalidated" ("Do Invalidation"): absolute URLs.
        purge_form='url',
        origin_scope='account',
        origin_endpoint_ports=False,
        origin_endpoints=1,
    ),
)


class Provider(ProviderAdapter):
    """One Leaseweb CDN v2 adapter per module run: the resource classes of this package on one ApiClient."""

    capabilities = CAPABILITIES
    dialect_class = LeasewebDialect

    @classmethod
    def auth_options(cls, token, user):
        # "you will need to sent your API key as X-LSW-Auth header" (Leaseweb CDN API v2 "Authentication")
        return dict(headers={'X-LSW-Auth': token})


def resource_classes(kinds=None):
    """The classes implementing ``kinds`` (every resource this provider offers when None), imported on
    first use: a module loads only the resources it manages. The literal imports are also what lets
    Ansible ship each file with the module."""
    # pylint: disable=import-outside-toplevel
    classes = []
    if kinds is None or 'zone' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.zone import Zones
        classes.append(Zones)
    if kinds is None or 'origin' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.origin import Origins
        classes.append(Origins)
    if kinds is None or 'certificate' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.certificate import Certificates
        classes.append(Certificates)
    if kinds is None or 'purge' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.purge import Purges
        classes.append(Purges)
    if kinds is None or 'stats' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.stats import Statistics
        classes.append(Statistics)
    if kinds is None or 'access_rule' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.access_rule import AccessRules
        classes.append(AccessRules)
    if kinds is None or 'debug' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.debug import Debug
        classes.append(Debug)
    if kinds is None or 'action' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.action import Actions
        classes.append(Actions)
    if kinds is None or 'account' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.account import Account
        classes.append(Account)
    return classes


adapter_class = AdapterFactory(Provider, resource_classes)


def __getattr__(name):
    return adapter_class.attribute(name)
