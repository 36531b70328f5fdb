# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Where a provider's credentials come from, and what is wrong with them, without an AnsibleModule.

Shared by the modules (module.py, CdnModule.credentials) and the inventory plugin
(inventory.py): the option, then the provider's environment variables, then the generic
``CDN_API_*`` ones; the URL last falls back to the provider's public default. No message
ever shows a credential.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.edgeops.cdn.plugins.module_utils import client as client_mod


def _first_set(names, environ):
    for name in names:
        value = environ.get(name)
        if value:
            return value
    return None


def resolve_credentials(caps, api_url=None, api_token=None, api_user=None, environ=None):
    """(url, token, user) of a provider (Capabilities): each from its option, else the environment."""
    environ = os.environ if environ is None else environ
    url = api_url or _first_set([caps.url_env, 'CDN_API_URL'], environ) or caps.default_url
    token = api_token or _first_set(list(caps.token_env) + ['CDN_API_TOKEN'], environ)
    user = api_user or _first_set(list(caps.user_env) + ['CDN_API_USER'], environ)
    return url, token, user


def credential_problem(caps, url, token, user):
    """The first problem with resolved credentials as 'option <name>: ...; <what to do>', or None."""
    if url:
        problem = client_mod.check_api_url(url)
        if problem:
            return ('option api_url: the URL %s; allowed: http:// or https:// and a host name, for example %s'
                    % (problem, caps.default_url or 'https://cdn.example.com/api/'))
    for option, value in (('api_token', token), ('api_user', user)):
        if value and client_mod._CONTROL.search(value):
            return ('option %s: the value contains a line break or another control character (the value is not '
                    'shown); check how the credential was pasted or injected' % option)
    if not url:
        return ('option api_url: %s has no public default URL; set api_url or %s_API_URL'
                % (caps.title, caps.name.upper()))
    if not token:
        return ('option api_token: no credential for %s; set api_token, %s or CDN_API_TOKEN'
                % (caps.title, ' or '.join(caps.token_env)))
    if caps.needs_user and not user:
        return ('option api_user: %s needs the account user (e-mail); set api_user, %s or CDN_API_USER'
                % (caps.title, ' or '.join(caps.user_env)))
    return None
