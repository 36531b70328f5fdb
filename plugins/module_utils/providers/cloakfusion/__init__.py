# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion (Warpcache) API v1: what the provider offers, and its Adapter.

Source of truth: the "Cloakfusion API Reference" (https://my.cloakfusion.com/api/), cited by
its section headings ("Vhosts / LIST", "Flush / POST", ...). Where it is silent or contradicts
itself (paths ``vhosts/`` and ``vhostproperties/``, PATCH with a partial JSON body, trailing
slashes always, batch size, traffic units), "Decisions where the API document is silent" in
docs/providers/cloakfusion.md says what the collection does and why.

The package: api.py (paths, dialect, pagination, answer checks), wire.py (pure translation),
common.py (what zones and origins share), and one class per resource: zone.py, origin.py,
purge.py, stats.py. cdn_certificate: the API has no certificate upload; TLS is the vhost
property ``ssl`` (cdn_zone ``tls``), so the resource is declared without operations and its
note says what to use.
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
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.api import (
    CloakfusionDialect,
    auth_headers,
)

CERTIFICATE_NOTE = 'Cloakfusion has no certificate upload; use cdn_zone tls: true (the vhost ssl property)'

CAPABILITIES = Capabilities(
    name='cloakfusion',
    title='Cloakfusion',
    default_url='https://my.cloakfusion.com/api/v1/',
    token_env=('CLOAKFUSION_API_TOKEN',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update'),
            create_requires=(('origin',),),
            immutable=('hostname', 'origin', 'settings.name'),
            immutable_reason=('the Cloakfusion API Reference offers no vhost update ("Vhosts": LIST, GET and POST); '
                              'only the vhost properties (compress, tls, origin_host_header, settings.ttl) can change'),
            fields=('hostname', 'origin', 'origin_host_header', 'tls', 'compress', 'settings'),
            settings={
                # vhostproperty "ttl": lifetime of the CNAME's DNS record, not a cache TTL.
                'ttl': dict(type='int', min=0, max=86400),
                'override_hostheader': dict(type='bool'),
                # The vhost's "nice name"; also the CNAME label (<name>.cdn.warpcache.com).
                'name': dict(type='str'),
            },
            notes='a vhost: hostname, origin and settings.name are set when it is created; its properties '
                  '(compress, tls, origin_host_header, settings.ttl, settings.override_hostheader) can change; '
                  'the API cannot delete a vhost',
            instead={'delete': 'delete the vhost in the Cloakfusion control panel (my.cloakfusion.com)'},
        ),
        'origin': ResourceCaps(
            operations=('get', 'update'),
            fields=('endpoints', 'protocol', 'path', 'host_header'),
            notes='the vhost origin_url (one endpoint, protocol, path), set when cdn_zone creates the vhost and '
                  'fixed after (the API has no vhost update), and the vhost property host_header',
            instead={
                'create': 'set origin when edgeops.cdn.cdn_zone creates the zone: the origin lives on the zone',
                'delete': 'delete the zone (edgeops.cdn.cdn_zone state=absent): the origin lives on the zone and goes with it',
            },
        ),
        'certificate': ResourceCaps(
            operations=(),
            notes=CERTIFICATE_NOTE,
            instead={'*': 'set tls: true on the zone with edgeops.cdn.cdn_zone (the vhost is then served over '
                          'HTTPS too)'},
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get'),
            notes='flush/ with absolute URLs on the vhost domain or CNAME, one flushstatus per vhost; '
                  'no purge-all and no wildcards',
            instead={
                'purge_all': 'list the URLs to purge in urls (or paths)',
                'prefetch': 'purge the URLs: Cloakfusion fetches each from the origin on its next request',
                'delete': 'let the flush finish: it completes on its own and cannot be deleted',
            },
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone',),
            notes='traffic/ usage per vhost for whole days (dd-mm-yyyy), no time series and no hit counts',
        ),
        'account': ResourceCaps(
            operations=('get',),
            notes='no account endpoint: the credential check lists the vhosts (vhosts/); details: how many '
                  'vhosts and their profiles; no id, name or e-mail',
        ),
    },
    limits=Limits(
        # No rate limit is documented ("Cloakfusion API Reference"): api_rate None, nothing paced unless rate_limit is set.
        origin_scope='zone',
        origin_endpoints=1,
        origin_endpoint_ports=True,
        # "Flush / POST" documents no limit on "urls": 100 URLs per flush request (docs/providers/cloakfusion.md).
        purge_batch=100,
        purge_form='url',
    ),
)


class Provider(ProviderAdapter):
    capabilities = CAPABILITIES
    dialect_class = CloakfusionDialect

    @classmethod
    def auth_options(cls, token, user):
        return dict(headers=auth_headers(token))


def resource_classes(kinds=None):
    """The classes implementing ``kinds`` (every resource this provider offers when None), imported on
    first use: a module loads only the resources it manages. The literal imports are also what lets
    Ansible ship each file with the module."""
    # pylint: disable=import-outside-toplevel
    classes = []
    if kinds is None or 'zone' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.zone import Zones
        classes.append(Zones)
    if kinds is None or 'origin' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.origin import Origins
        classes.append(Origins)
    if kinds is None or 'purge' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.purge import Purges
        classes.append(Purges)
    if kinds is None or 'stats' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.stats import Stats
        classes.append(Stats)
    if kinds is None or 'account' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion.account import Account
        classes.append(Account)
    return classes


adapter_class = AdapterFactory(Provider, resource_classes)


def __getattr__(name):
    return adapter_class.attribute(name)
