# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare legacy client API (``api_json.html``): capabilities and the Adapter.

Source of truth: the "CloudFlare Client Interface API" document,
https://www.cloudflare.com/docs/client-api.html (section numbers in this package are its
own); what the project decided where it is silent or contradicts itself:
docs/providers/cloudflare.md, "Decisions where the API document is silent".

The package: api.py (the action table, the Dialect, the request helper and the pagination
generator), wire.py (pure translation between API and option shapes), common.py (the zone
reads the zone and IP information resources share), and one file per resource: zone.py,
dns_record.py, purge.py, stats.py, access_rule.py, ip_info.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.records import RecordCaps
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    AdapterFactory,
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import (
    CALLS_PER_WINDOW,
    DEFAULT_URL,
    PAGE_SIZE,
    RATE_WINDOW_SECONDS,
    CloudflareDialect,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.wire import (
    IP_CLASSES,
    PROXIABLE_TYPES,
    RECORD_TYPES,
    ZONE_IPS_MAX_HOURS,
    ZONE_SETTINGS,
)

CAPABILITIES = Capabilities(
    name='cloudflare',
    title='CloudFlare',
    default_url=DEFAULT_URL,
    token_env=('CLOUDFLARE_API_TOKEN',),
    user_env=('CLOUDFLARE_API_EMAIL',),
    needs_user=True,
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'update'),
            immutable=('hostname',),
            immutable_reason='a CloudFlare zone is its DNS zone: only its settings can change',
            fields=('hostname', 'settings'),
            settings=ZONE_SETTINGS,
            notes='the client API v1 cannot add or remove zones; add the zone in the CloudFlare '
                  'account first, then manage its settings (sec_lvl, cache_lvl, devmode, ipv46, '
                  'async, minify, mirage2)',
            instead={
                'create': 'add the domain to the CloudFlare account on cloudflare.com; cdn_zone then manages '
                          'its settings',
                'delete': 'remove the domain from the CloudFlare account on cloudflare.com',
                'origin': 'point the zone\'s DNS records at the origin server (edgeops.cdn.cdn_dns_record '
                          'with proxied: true)',
                'aliases': 'add a DNS record for each name (edgeops.cdn.cdn_dns_record): a CloudFlare zone '
                           'serves every name in it',
            },
        ),
        'dns_record': RecordCaps(
            operations=('list', 'create', 'update', 'delete'),
            fields=('record', 'type', 'value', 'ttl', 'proxied', 'priority'),
            record_types=RECORD_TYPES,
            proxiable=PROXIABLE_TYPES,
            # 5.1, 5.2: "1 = Automatic, otherwise, value must in between 120 and 86400 seconds".
            ttl_auto=1, ttl_min=120, ttl_max=86400,
            apex_cname_flattening=True,
            notes='records of zones already in the account (rec_load_all, rec_new, rec_edit, rec_delete); '
                  'proxied is service_mode (the orange cloud)',
        ),
        'purge': ResourceCaps(
            operations=('purge', 'purge_all'),
            notes='zone_file_purge takes one URL a call (http and https are cached apart); '
                  'fpurge_ts purges the whole zone; any host name in the zone; '
                  'answers at once (no job to follow); no wildcards, no prefetch, no purge history',
            instead={
                'prefetch': 'purge the URLs: CloudFlare fetches each from the origin on its next request',
                'list': 'keep the result of cdn_purge: CloudFlare purges at once and keeps no purge history',
                'get': 'keep the result of cdn_purge: CloudFlare purges at once and keeps no purge history',
                'delete': 'let the purge finish: CloudFlare purges at once and keeps no purge job that could be deleted',
            },
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone',),
            notes='stats of one zone (required) as one aggregate over an interval code: 40 past day, '
                  '30 past 7 days, 20 past 30 days (data up to one day ago); Pro zones also 120, 110, 100 '
                  '(6, 12, 24 hours up to now); the smallest interval covering start is used, end must lie '
                  'within a day of the interval\'s end; pageviews, uniques, threats, bytes and requests '
                  '(cached = served by CloudFlare, uncached = by the origin)',
        ),
        'access_rule': ResourceCaps(
            operations=('create', 'delete'),
            fields=('ip',),
            notes='the account-wide IP lists (wl allow, ban deny, nul removes from either), one address '
                  'a call, no networks; the API cannot list them: each run sends the listed rules and '
                  'reports a change, purge_rules is not possible',
            instead={'list': 'list the rules in cdn_access_rule: CloudFlare\'s API cannot list its IP lists, so '
                             'the listed rules are sent on every run'},
        ),
        'ip_info': ResourceCaps(
            operations=('lookup', 'visitors'),
            fields=('ips', 'zone', 'hours', 'class', 'geo'),
            choices={'class': ('regular', 'crawler', 'threat')},
            notes='ip_lkup: the threat score of an IP (one a call); zone_ips: recent visitor IPs of a '
                  'zone over the past 1 to 48 hours, by class (regular, crawler, threat), with geo '
                  'coordinates on request',
        ),
        'snapshot': ResourceCaps(
            operations=('refresh',),
            notes='zone_grab (cdn_zone refresh_snapshot): a new image of the site for the challenge '
                  'page, once a day per zone; a second one within the day is refused',
        ),
        'account': ResourceCaps(
            operations=('get',),
            notes='no account call in the client API v1: the credential check lists the zones '
                  '(zone_load_multi); the user id they carry and the e-mail the key was accepted with; '
                  'details: the zones and how many are Pro',
        ),
    },
    limits=Limits(api_rate=(CALLS_PER_WINDOW, RATE_WINDOW_SECONDS), page_size=PAGE_SIZE,
                  purge_batch=1, purge_form='url', purge_rate=(CALLS_PER_WINDOW, RATE_WINDOW_SECONDS),
                  purge_subdomains=True, stats_zone_required=True, access_rule_scope='account',
                  ip_visitors_max_hours=ZONE_IPS_MAX_HOURS,
                  # zone_ips' own letters are accepted for the class words (r, s, t)
                  ip_class_aliases=dict((letter, word) for word, letter in IP_CLASSES.items() if word != letter)),
)


class Provider(ProviderAdapter):
    """One instance per module run; each resource's methods come from its class (zone.Zones, ...)."""

    capabilities = CAPABILITIES
    dialect_class = CloudflareDialect

    @classmethod
    def auth_options(cls, token, user):
        # 2.1 "Basic Parameters": tkn (the API key) and email, as form fields of every call.
        return dict(form_auth={'tkn': token, 'email': user})


def resource_classes(kinds=None):
    """The classes implementing ``kinds`` (every resource this provider offers when None), imported on
    first use: a module loads only the resources it manages. The literal imports are also what lets
    Ansible ship each file with the module."""
    # pylint: disable=import-outside-toplevel
    classes = []
    if kinds is None or 'zone' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.zone import Zones
        classes.append(Zones)
    if kinds is None or 'dns_record' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.dns_record import DnsRecords
        classes.append(DnsRecords)
    if kinds is None or 'purge' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.purge import Purges
        classes.append(Purges)
    if kinds is None or 'stats' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.stats import Stats
        classes.append(Stats)
    if kinds is None or 'access_rule' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.access_rule import AccessRules
        classes.append(AccessRules)
    if kinds is None or 'ip_info' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.ip_info import IpInfo
        classes.append(IpInfo)
    if kinds is None or 'account' in kinds:
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.account import Account
        classes.append(Account)
    return classes


adapter_class = AdapterFactory(Provider, resource_classes)


def __getattr__(name):
    return adapter_class.attribute(name)
