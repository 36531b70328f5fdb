# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
name: cdn_zones
short_description: CDN zones of one or more provider accounts as inventory hosts
version_added: 0.2.0
description:
  - Reads the zones of every account listed in the source and adds each zone as a host, with the
    provider, account, zone id, host name, aliases, CNAME target, origin, TLS and status as host
    variables (all named C(cdn_*), see the notes), so a play can target zones by group and take
    the zone and provider from host variables.
  - Groups, nested from the top, are O(group) (every zone), C(<group>_<provider>) (for example
    C(cdn_ucdn)) and C(<group>_account_<name>) (the zones of one account).
  - Reads only the provider's zone listing of each account, with the same client as the modules
    (retries, timeouts, limits). Some providers' listings need extra reads per zone; each account's
    request count is shown at C(-v) and the notes list the cost per provider.
  - The source is a YAML file whose name ends in C(cdn_zones.yml) or C(cdn_zones.yaml).
author:
  - edgeops.cdn maintainers (@edgeops)
requirements:
  - requests
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as a source of this plugin.
    type: str
    required: true
    choices: [edgeops.cdn.cdn_zones]
  accounts:
    description:
      - The provider accounts whose zones become hosts, read in this order.
      - Every value may be an inline C(!vault) value or a Jinja2 template, such as a lookup of
        C(ansible.builtin.unvault) lookup (a vault-encrypted file) or C(ansible.builtin.env) lookup
        (see the examples).
      - Credentials are used for the requests only; they are never host variables, cached or shown.
      - Extra variables can be used in the templates too, but do not pass credentials that way to
        C(ansible-inventory), which prints extra variables among every host's variables.
    type: list
    elements: dict
    required: true
    suboptions:
      name:
        description:
          - The account's name in the inventory (letters, digits and C(_), unique in the source).
          - It names the account group C(<group>_account_<name>), the C(cdn_account) host variable,
            and qualifies host names that are not unique (see O(qualify_host_names)).
        type: str
        required: true
      provider:
        description: Which CDN provider API the account is on.
        type: str
        required: true
        choices: [cloakfusion, cloudflow, cloudflare, ucdn, leaseweb]
      api_url:
        description:
          - Base URL of the provider API, as the modules' O(ignore:api_url) option.
          - When not set, E(<PROVIDER>_API_URL), then E(CDN_API_URL), then the provider's public URL.
        type: str
      api_token:
        description:
          - The API token or key.
          - When not set, the provider's environment variable (E(CLOAKFUSION_API_TOKEN), E(CLOUDFLOW_API_KEY),
            E(CLOUDFLARE_API_TOKEN), E(UCDN_API_TOKEN), E(LEASEWEB_API_KEY)), then E(CDN_API_TOKEN).
          - Two accounts of one provider need their own token; take the second from another
            environment variable with a C(ansible.builtin.env) lookup (see the examples).
        type: str
      api_user:
        description:
          - The account e-mail or user (V(cloudflare), V(cloudflow)); when not set, E(CLOUDFLARE_API_EMAIL)
            or E(CLOUDFLOW_API_USER), then E(CDN_API_USER).
        type: str
      validate_certs:
        description: Verify the provider's TLS certificate.
        type: bool
        default: true
      ca_path:
        description: A CA bundle to verify the provider's TLS certificate with.
        type: path
      timeout:
        description: Deadline of one try of a request, in seconds.
        type: int
        default: 30
      connect_timeout:
        description: Seconds to wait for the connection of one try.
        type: int
        default: 10
      retries:
        description: How many times a failed read is tried again.
        type: int
        default: 5
      retry_budget:
        description: The most seconds spent on retries and waits of one account's listing.
        type: int
        default: 45
  group:
    description:
      - The group of every zone of this source; the provider and account groups are named after it.
    type: str
    default: cdn
  qualify_host_names:
    description:
      - A host is named by its zone's host name. When two zones of the source have the same host
        name (two accounts serving it), both are named C(<host name>@<account>).
      - V(true) names every host C(<host name>@<account>), so adding an account never renames hosts.
      - A zone without a host name is C(<zone id>@<account>). C(cdn_hostname) always holds the
        zone's own host name.
    type: bool
    default: false
  include_filters:
    description:
      - Jinja2 conditionals on the C(cdn_*) host variables; when set, only a zone for which at least
        one is true becomes a host.
      - A conditional that cannot be evaluated counts as false, or fails the source with O(strict).
    type: list
    elements: str
    default: []
  exclude_filters:
    description:
      - Jinja2 conditionals on the C(cdn_*) host variables; a zone for which any is true is left out
        (after O(include_filters)).
    type: list
    elements: str
    default: []
notes:
  - "Host variables: C(cdn_provider), C(cdn_account), C(cdn_api_url) (the account's API URL, no
    credential), C(cdn_zone_id) (a string), C(cdn_hostname), C(cdn_aliases) (a list), C(cdn_cname)
    (the CNAME target; null where the provider has none, such as CloudFlare's DNS zones),
    C(cdn_origin), C(cdn_tls) and C(cdn_status), as M(edgeops.cdn.cdn_zone_info) shows them."
  - "Requests per account: Cloakfusion and UCDN one listing; CloudFlow the listing plus one read
    (advanced settings) per zone; CloudFlare the listing plus one C(zone_settings) call per zone;
    Leaseweb the action and distribution listings plus the domains, the policy and the origin of
    each distribution. Enable O(cache) to build from the cache without any request."
  - "The zones are modules' targets, not machines to connect to; a play over them runs its tasks
    on the controller (C(connection: local), C(gather_facts: false))."
seealso:
  - module: edgeops.cdn.cdn_zone_info
  - name: The constructed inventory plugin
    description: How compose, groups and keyed_groups work.
    link: https://docs.ansible.com/ansible/latest/collections/ansible/builtin/constructed_inventory.html
'''

EXAMPLES = r'''
# ucdn.cdn_zones.yml: one account, the token from UCDN_API_TOKEN.
plugin: edgeops.cdn.cdn_zones
accounts:
  - name: prod
    provider: ucdn

---
# fleet.cdn_zones.yml: two accounts of one provider (the first key from LEASEWEB_API_KEY, the
# second from another variable) and a CloudFlow account whose key is a vault-encrypted file,
# cached for an hour.
plugin: edgeops.cdn.cdn_zones
accounts:
  - name: eu
    provider: leaseweb
  - name: us
    provider: leaseweb
    api_token: "{{ lookup('ansible.builtin.env', 'LEASEWEB_US_API_KEY') }}"
  - name: panel
    provider: cloudflow
    api_url: https://cdn.cloudflow.example/
    api_user: ops@example.com
    api_token: "{{ lookup('ansible.builtin.unvault', 'cloudflow_key.vault') | trim }}"
exclude_filters:
  - cdn_hostname is search('\.staging\.')
keyed_groups:
  - key: cdn_status | lower
    prefix: status
groups:
  https: cdn_tls == true
compose:
  zone_tier: "'static' if cdn_hostname.startswith('static.') else 'web'"
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: /var/tmp/cdn_zones_cache
cache_timeout: 3600
'''

import hashlib
import json
import os

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.vars import combine_vars

from ansible_collections.edgeops.cdn.plugins.module_utils.inventory import (
    InventorySourceError,
    check_accounts,
    host_names,
    listing_cost,
    read_account,
)

# Account keys used as plain text: an inline !vault value arrives as an encrypted string.
TEXT_KEYS = ('api_url', 'api_token', 'api_user', 'ca_path')
ACCOUNT_KEYS = ('name', 'provider', 'api_url', 'api_token', 'api_user', 'validate_certs', 'ca_path', 'timeout',
                'connect_timeout', 'retries', 'retry_budget')


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = 'edgeops.cdn.cdn_zones'

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(('cdn_zones.yml', 'cdn_zones.yaml'))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        # Templated account options may use extra variables, as in any inventory source, and a lookup's
        # relative file (unvault, file) is found next to the source first.
        self._template_vars = combine_vars(self._vars, dict(
            ansible_search_path=[os.path.dirname(os.path.abspath(path)), self.loader.get_basedir()]))
        self._read_config_data(path)
        accounts = self._accounts()
        results = self._zones_of(accounts, path, cache)
        self._populate(results, host_names(results, qualify=self.get_option('qualify_host_names')))

    # --- reading ---------------------------------------------------------------

    def _accounts(self):
        accounts = self.get_option('accounts')
        for index, account in enumerate(accounts or []):
            if isinstance(account, dict):
                unknown = sorted(set(account) - set(ACCOUNT_KEYS))
                if unknown:
                    raise AnsibleError('edgeops.cdn.cdn_zones: option accounts[%d]: unknown key %s; allowed: %s'
                                       % (index, ', '.join(unknown), ', '.join(ACCOUNT_KEYS)))
        # Checked as written: name and provider are plain text (they make groups), never templates.
        try:
            check_accounts(accounts)
        except InventorySourceError as error:
            raise AnsibleError('edgeops.cdn.cdn_zones: %s' % error) from None
        return accounts

    def _cache_key(self, path, accounts):
        """The plugin's key for this file, and the accounts it lists (no credential): editing the
        list of accounts never serves the zones of the old one."""
        identity = [[str(a['name']), str(a['provider']), str(a.get('api_url') or '')] for a in accounts]
        digest = hashlib.sha256(json.dumps(identity).encode('utf-8')).hexdigest()[:8]
        return '%s_%s' % (self.get_cache_key(path), digest)

    def _zones_of(self, accounts, path, cache):
        """The read results of every account: from the cache when enabled and fresh, else from the APIs."""
        cache_on = self.get_option('cache')
        key = self._cache_key(path, accounts)
        if cache_on and cache:
            try:
                results = self._cache[key]
            except KeyError:
                pass
            else:
                self.display.v('edgeops.cdn.cdn_zones: accounts %s from the cache, no request sent'
                               % ', '.join(r['name'] for r in results))
                return results
        results = [self._read(account) for account in accounts]
        if cache_on:
            self._cache[key] = results
        return results

    def _read(self, account):
        self.templar.available_variables = self._template_vars
        templated = dict((k, self._templated(k, v)) for k, v in account.items())
        try:
            result = read_account(templated)
        except InventorySourceError as error:
            raise AnsibleError('edgeops.cdn.cdn_zones: %s' % error) from None
        self.display.v('edgeops.cdn.cdn_zones: %s' % listing_cost(result))
        return result

    def _templated(self, key, value):
        if value is None:
            return None
        try:
            value = self.templar.template(value)
        except Exception as exc:  # an undefined variable, a lookup that failed: Ansible's message names the expression
            raise AnsibleError('edgeops.cdn.cdn_zones: option accounts[].%s could not be templated: %s'
                               % (key, to_native(exc).splitlines()[0][:300])) from None
        # An inline !vault value is decrypted here (str of an encrypted string).
        return str(value) if key in TEXT_KEYS else value

    # --- the inventory ------------------------------------------------------------

    def _populate(self, results, named):
        top = self.inventory.add_group(self._sanitize_group_name(self.get_option('group')))
        account_groups = {}
        for result in results:
            provider_group = self.inventory.add_group('%s_%s' % (top, result['provider']))
            self.inventory.add_child(top, provider_group)
            account_group = self.inventory.add_group('%s_account_%s' % (top, result['name']))
            self.inventory.add_child(provider_group, account_group)
            account_groups[result['name']] = account_group
        strict = self.get_option('strict')
        for host, host_vars in named:
            if not self._wanted(host, host_vars, strict):
                continue
            self.inventory.add_host(host, group=account_groups[host_vars['cdn_account']])
            for key, value in host_vars.items():
                self.inventory.set_variable(host, key, value)
            self._set_composite_vars(self.get_option('compose'), host_vars, host, strict=strict)
            self._add_host_to_composed_groups(self.get_option('groups'), host_vars, host, strict=strict)
            self._add_host_to_keyed_groups(self.get_option('keyed_groups'), host_vars, host, strict=strict)

    def _wanted(self, host, host_vars, strict):
        """include_filters (any true, when set) and then no exclude_filters true."""
        include = self.get_option('include_filters')
        if include and not any(self._condition(c, host, host_vars, strict) for c in include):
            return False
        return not any(self._condition(c, host, host_vars, strict) for c in self.get_option('exclude_filters'))

    def _condition(self, conditional, host, host_vars, strict):
        variables = combine_vars(host_vars, self._vars) if self.get_option('use_extra_vars') else host_vars
        self.templar.available_variables = variables
        try:
            return bool(self.templar.evaluate_conditional(conditional))
        except Exception as exc:  # an undefined variable or a syntax error of the user's conditional
            if strict:
                raise AnsibleError('edgeops.cdn.cdn_zones: could not evaluate the filter %r for host %s: %s'
                                   % (conditional, host, to_native(exc))) from None
            return False
