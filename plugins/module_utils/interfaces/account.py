# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""AccountAPI: what a provider tells about the account (cdn_account_info; module_utils/account.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class AccountAPI(ResourceAPI):

    def get_account(self):
        raise self._unsupported('account', 'get')

    def list_subaccounts(self):
        raise self._unsupported('account', 'list')

    def check_login(self, email, password):
        raise self._unsupported('account', 'check_login')
