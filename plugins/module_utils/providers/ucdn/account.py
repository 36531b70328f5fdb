# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The UCDN account (cdn_account_info): UCDN API v3 "Fetch account info", "Fetch
subaccounts list" and "Check user credentials" (https://api.ucdn.com/docs/)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_bool
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import (
    LOGIN_FIELDS,
    account_problem,
    field_problem,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import TOKEN_HEADER, UcdnApi, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    as_dict,
    canonical_account,
    canonical_subaccount,
    subaccount_bodies,
)


class Account(UcdnApi, AccountAPI):

    def get_account(self):
        body = self.client.request('GET', path('account'), 'get account', expect='object').body
        self._check(account_problem(body), 'get account')
        # The six documented fields are all common account keys: UCDN has no details beyond them
        # (undocumented extras stay in raw).
        return dict(canonical_account(body), details={})

    def list_subaccounts(self):
        # "Fetch subaccounts list": "Returns all accounts", yet "200 object" and one bare
        # account in the example: a list, one account, or an object of accounts ({} or [] for none).
        body = self.client.request('GET', path('subaccounts'), 'list subaccounts', expect='object|list').body
        items = [body] if isinstance(body, dict) and 'id' in body else body
        if isinstance(items, dict):
            items = list(items.values())
        self.client.expect(items, ('list', ('id',)), 'list subaccounts')
        for item in items:
            self._check(account_problem(item), 'list subaccounts')
        return [canonical_subaccount(b) for b in subaccount_bodies(body)]

    def check_login(self, email, password):
        """POST check/login/: whether the e-mail (or user name) and password
        belong to a user. It changes nothing (sent again safely); 401 is
        "Invalid login credentials". The token it answers is never returned:
        only whether it is the token this module runs with."""
        response = self.client.request('POST', path('check_login'), 'check login',
                                       json=dict(email=email, password=password), ok=(200, 401), idempotent=True,
                                       write=False)
        if response.status == 200:
            # "Check user credentials": an object; a 401 may carry a bare message.
            self.client.expect(response.body, 'object', 'check login', status=200)
            self._check(field_problem(response.body, 'the answer', LOGIN_FIELDS), 'check login', status=200)
        body = as_dict(response.body)
        authenticated = response.status == 200 and to_bool(body.get('authenticated'))
        token = self.client.session.headers.get(TOKEN_HEADER)
        reason = body.get('reason') or body.get('message')
        if reason is None and response.status == 401:
            reason = 'Invalid login credentials'
        return dict(
            authenticated=bool(authenticated),
            user_id=str(body['user_id']) if authenticated and body.get('user_id') is not None else None,
            reason=reason,
            same_account=(body.get('token') == token) if authenticated and body.get('token') else None,
        )
