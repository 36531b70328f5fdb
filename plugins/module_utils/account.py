# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_account_info's provider-agnostic core: whether the provider accepts the credentials, and
what its API can say about the account they belong to.

Every provider that declares the resource 'account' offers ``get_account`` (operation 'get'): one
or two cheap authenticated reads, never a write. The account is a dict with ``id``, ``username``,
``name``, ``email``, ``timezone``, ``trial`` (None where the API cannot say), ``details`` (the
provider's other facts about the account) and ``raw``. UCDN also offers ``list_subaccounts``
(operation 'list') and ``check_login`` (operation 'check_login'); asking another provider for
them fails before any request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnAuthError,
    CdnUnsupportedError,
    CdnValidationError,
)

ACCOUNT_KEYS = ('id', 'username', 'name', 'email', 'timezone', 'trial')
# The options only some APIs can answer: (option, operation, what it asks for).
OPTIONAL_READS = (('subaccounts', 'list', 'list the subaccounts'),
                  ('login', 'check_login', 'check a user name or e-mail and password'))


def check_login_option(login):
    """The login option's e-mail and password, checked (no request sent)."""
    if login is None:
        return None
    email = str(login.get('email') or '').strip()
    password = login.get('password')
    if not email:
        raise CdnValidationError('login.email', 'is empty', allowed='the user name or e-mail to check')
    if password in (None, ''):
        raise CdnValidationError('login.password', 'is empty', allowed='the password to check')
    return dict(email=email, password=password)


def refuse_unoffered(caps, params):
    """subaccounts and login where the provider's API cannot answer them: one clear failure before
    any request, saying what the module can still do there."""
    operations = caps.require('account', 'get').operations
    for option, operation, asks in OPTIONAL_READS:
        if params.get(option) and operation not in operations:
            raise CdnUnsupportedError(
                'option %s: %s cannot %s (its API offers no such call); remove %s to check the credentials '
                'and read what %s says about the account' % (option, caps.title, asks, option, caps.title),
                provider=caps.name)


def rejected_message(caps, error):
    """Why the credentials were refused, in the provider's words (never the credentials)."""
    what = 'the API token and user (api_user)' if caps.needs_user else 'the API token'
    status = ' (HTTP %s)' % error.status if error.status is not None else ''
    return '%s rejected %s%s: %s' % (caps.title, what, status, error.provider_message or error.message)


def account_view(account):
    """The account as the module returns it: every documented key, None where the API cannot say."""
    view = dict((key, account.get(key)) for key in ACCOUNT_KEYS)
    view['details'] = dict(account.get('details') or {})
    view['raw'] = account.get('raw')
    return view


def run_account_info(cdn):
    params = cdn.params
    caps = cdn.capabilities
    refuse_unoffered(caps, params)
    login = check_login_option(params.get('login'))
    adapter = cdn.adapter
    result = dict(changed=False, credentials_valid=True, credentials_message=None, account=None, subaccounts=None)
    try:
        result['account'] = account_view(adapter.get_account())
    except CdnAuthError as exc:
        # The answer this module exists to give: report it rather than fail.
        result['credentials_valid'] = False
        result['credentials_message'] = rejected_message(caps, exc)
    if result['credentials_valid'] and params.get('subaccounts'):
        result['subaccounts'] = adapter.list_subaccounts()
    if login is not None:
        result['login'] = adapter.check_login(login['email'], login['password'])
    cdn.exit(**result)
