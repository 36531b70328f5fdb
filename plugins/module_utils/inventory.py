# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The provider-agnostic core of the edgeops.cdn.cdn_zones inventory plugin.

It checks the accounts of an inventory source, reads each account's zones through the same
adapter and ApiClient the modules use (built here without an AnsibleModule), and turns every
zone into a host: a unique host name and the ``cdn_*`` host variables. Nothing it returns or
raises carries a credential: the token is registered with redaction.Secrets before the first
request, and every error text is scrubbed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils import client as client_mod
from ansible_collections.edgeops.cdn.plugins.module_utils.credentials import credential_problem, resolve_credentials
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnAuthError, CdnError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import PROVIDERS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class
from ansible_collections.edgeops.cdn.plugins.module_utils.rate import account_budget
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import Secrets
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions

# Every host variable the plugin sets starts with this, so compose, keyed_groups and a
# host-oriented playbook can tell them from anything else.
VAR_PREFIX = 'cdn_'
# zone key -> host variable (without the prefix). cdn_domain is the CNAME target of the zone.
# Taken as the zone has them; cdn_zone_id (a string) and cdn_aliases (a list) are set in zone_vars.
ZONE_VARS = (('hostname', 'hostname'), ('cdn_domain', 'cname'), ('origin', 'origin'), ('tls', 'tls'), ('status', 'status'))
# Account names become part of group names and host names: word characters only.
ACCOUNT_NAME = re.compile(r'^[A-Za-z0-9_]+$')
# Per-account connection options besides the credentials (same meaning as the modules' options).
CONNECTION_OPTIONS = ('validate_certs', 'ca_path', 'timeout', 'connect_timeout', 'retries', 'retry_budget')
# How a host is named when its zone host name is not unique in the inventory (see host_names).
QUALIFIER = '@'


class InventorySourceError(Exception):
    """The source cannot be built; the text names the account and provider and holds no secret."""


def check_accounts(accounts):
    """The accounts of a source checked before any request: a non-empty list, unique word-character
    names, known providers. Raises InventorySourceError naming the entry and what is allowed."""
    if not accounts:
        raise InventorySourceError('option accounts: is empty; allowed: a list of accounts, each with name and provider')
    seen = set()
    for index, account in enumerate(accounts):
        where = 'option accounts[%d]' % index
        if not isinstance(account, dict):
            raise InventorySourceError('%s: is not a mapping; allowed: name, provider and the connection options' % where)
        name = account.get('name')
        if not name or not ACCOUNT_NAME.match(str(name)):
            raise InventorySourceError('%s.name: %r is not allowed; allowed: letters, digits and _ (it names the '
                                       'account group and qualifies host names)' % (where, name))
        if name in seen:
            raise InventorySourceError('%s.name: %r is used by two accounts; allowed: a name unique in the source'
                                       % (where, name))
        seen.add(name)
        if account.get('provider') not in PROVIDERS:
            raise InventorySourceError('%s.provider (account %s): %r is not allowed; allowed: %s'
                                       % (where, name, account.get('provider'), ', '.join(PROVIDERS)))
        for option, problem in _bound_problems(account):
            raise InventorySourceError('%s.%s (account %s): %s' % (where, option, name, problem))


def _bound_problems(account):
    """The modules' bounds checks (client.bound_problems) on an account; a source file's values are
    not typed by an argument spec, so a value that is not a whole number is refused first."""
    options = dict((key, account.get(key)) for key in client_mod.POSITIVE_OPTIONS + client_mod.NON_NEGATIVE_OPTIONS)
    for option, value in options.items():
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            allowed = 'a whole number of 1 or more' if option in client_mod.POSITIVE_OPTIONS else '0 or more'
            return [(option, '%r is not allowed; allowed: %s' % (value, allowed))]
    return client_mod.bound_problems(options)


def read_account(account, environ=None):
    """The zones of one account as host variables, read by the provider's zone listing.

    Returns dict(name, provider, api_url, requests, zones): ``requests`` is how many HTTP requests
    the listing took (pages, plus one or more per zone where the provider needs them; the
    provider guides say which). Raises InventorySourceError (no secret in it)."""
    # Plain text: what the source file's loader attached to these strings has no place in a cache.
    name, provider = str(account['name']), str(account['provider'])
    adapter_cls = adapter_class(provider, ['zone'])
    caps = adapter_cls.capabilities
    where = 'account %s (%s)' % (name, caps.title)
    if not client_mod.HAS_REQUESTS:
        raise InventorySourceError('%s: the Python library requests is required on the controller' % where)
    url, token, user = resolve_credentials(caps, account.get('api_url'), account.get('api_token'),
                                           account.get('api_user'), environ)
    secrets = Secrets()
    if token:
        secrets.add(token)
        if user:
            secrets.add_basic(user, token)
    problem = credential_problem(caps, url, token, user)
    if problem:
        raise InventorySourceError('%s: %s' % (where, secrets.scrub(problem)))
    options = dict((key, account[key]) for key in CONNECTION_OPTIONS if account.get(key) is not None)
    options.setdefault('connect_timeout', client_mod.CONNECT_TIMEOUT)
    options['secrets'] = secrets
    try:
        caps.require('zone', 'list')
        # The modules' shared rate budget (the account's documented rate, EDGEOPS_CDN_RATE_SHARE).
        options['rate'] = account_budget(caps, url, token, user, environ=environ)
        adapter = adapter_cls.build(url=url, token=token, user=user, run=RunOptions(), client_options=options)
        zones = adapter.list_zones()
    except CdnAuthError as error:
        raise InventorySourceError('%s: %s; check the credentials of the account (api_token%s or their environment '
                                   'variables)' % (where, _without_provider(error, secrets),
                                                   ', api_user' if caps.needs_user else ''))
    except CdnError as error:
        raise InventorySourceError('%s: %s' % (where, _without_provider(error, secrets)))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        # An answer the adapter could not read (a shape that slipped past the client's checks).
        raise InventorySourceError('%s: the zone listing is not the shape the API documents (%s)'
                                   % (where, secrets.scrub('%s: %s' % (type(exc).__name__, str(exc)[:120]))))
    return dict(name=name, provider=provider, api_url=url, requests=len(adapter.client.log),
                zones=[zone_vars(zone, name, provider, url) for zone in zones])


def _without_provider(error, secrets):
    """A CdnError's text without its provider prefix (the account's description names it), secrets removed."""
    provider, error.provider = error.provider, None
    try:
        return secrets.scrub(str(error))
    finally:
        error.provider = provider


def zone_vars(zone, account, provider, api_url):
    """The host variables of one zone: provider, account, api_url and the zone's identity and state.
    Never a credential, a setting or the provider's raw object."""
    found = dict((VAR_PREFIX + var, zone.get(key)) for key, var in ZONE_VARS)
    found[VAR_PREFIX + 'aliases'] = list(zone.get('aliases') or [])
    found[VAR_PREFIX + 'zone_id'] = None if zone.get('id') is None else str(zone.get('id'))
    found.update({VAR_PREFIX + 'provider': provider, VAR_PREFIX + 'account': account, VAR_PREFIX + 'api_url': api_url})
    return found


def host_names(accounts, qualify=False):
    """[(host name, host vars)] for every zone of the accounts (results of read_account), in order.

    A host is named by its zone's host name. When that name is not unique in the inventory (two
    accounts serve it), or ``qualify`` is set, every zone concerned is named
    ``<host name>@<account>``; a zone with no host name is ``<zone id>@<account>``, and a name still
    taken within one account gets ``-<zone id>``. The cdn_hostname variable always holds the
    zone's own host name."""
    zones = [z for account in accounts for z in account['zones']]
    plain = {}
    for zone in zones:
        hostname = zone[VAR_PREFIX + 'hostname']
        if hostname:
            plain[hostname] = plain.get(hostname, 0) + 1
    named = []
    used = set()
    for zone in zones:
        hostname = zone[VAR_PREFIX + 'hostname']
        account = zone[VAR_PREFIX + 'account']
        if not hostname:
            name = '%s%s%s' % (zone[VAR_PREFIX + 'zone_id'], QUALIFIER, account)
        elif qualify or plain[hostname] > 1:
            name = '%s%s%s' % (hostname, QUALIFIER, account)
        else:
            name = hostname
        if name in used:
            name = '%s-%s' % (name, zone[VAR_PREFIX + 'zone_id'])
        used.add(name)
        named.append((name, zone))
    return named


def listing_cost(result):
    """One line saying what an account's listing cost, for the plugin's -v output."""
    zones, requests = len(result['zones']), result['requests']
    return ('account %s (%s): %d zone%s read in %d request%s'
            % (result['name'], result['provider'], zones, '' if zones == 1 else 's', requests, '' if requests == 1 else 's'))
