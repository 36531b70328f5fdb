# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_account_info's provider-agnostic core: the account a token belongs to.

Providers that declare the resource 'account' (UCDN) offer ``get_account``,
``list_subaccounts`` (operation 'list') and ``check_login`` (operation
'check_login'); the others fail before any request with "<provider> does not
offer the resource 'account'".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnAuthError, CdnValidationError


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


def run_account_info(cdn):
    params = cdn.params
    caps = cdn.capabilities
    caps.require('account', 'get')
    if params.get('subaccounts'):
        caps.require('account', 'list')
    login = check_login_option(params.get('login'))
    if login is not None:
        caps.require('account', 'check_login')
    adapter = cdn.adapter
    result = dict(changed=False, credentials_valid=True, credentials_message=None, account=None, subaccounts=None)
    try:
        result['account'] = adapter.get_account()
    except CdnAuthError as exc:
        # The answer this module exists to give: report it rather than fail.
        result['credentials_valid'] = False
        result['credentials_message'] = str(exc)
    if result['credentials_valid'] and params.get('subaccounts'):
        result['subaccounts'] = adapter.list_subaccounts()
    if login is not None:
        result['login'] = adapter.check_login(login['email'], login['password'])
    cdn.exit(**result)
