#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_account_info
short_description: Verify CDN credentials and read the account and its subaccounts
version_added: 0.2.0
description:
  - Reads the account the API token belongs to and reports whether the provider accepted the token
    (RV(credentials_valid)). A rejected token is reported, not failed, so a play can assert on it.
  - Lists the subaccounts (O(subaccounts)) and checks a user name or e-mail and password pair (O(login))
    with the provider's login check; the token that check answers is never returned.
  - Offered by UCDN only (C(account), C(subaccounts), C(check/login)). The other providers fail before any
    request with a message saying they do not offer the resource C(account).
  - Never changes anything.
author:
  - edgeops.cdn maintainers (@edgeops)
extends_documentation_fragment:
  - edgeops.cdn.provider
  - edgeops.cdn.attributes
  - edgeops.cdn.attributes.info_module
attributes:
  check_mode:
    details: Sends the same reads in check mode, and the login check (O(login)) too, which changes nothing either.
options:
  subaccounts:
    description:
      - Also list the accounts with the same parent as this account (RV(subaccounts)).
    type: bool
    default: false
  login:
    description:
      - Check whether this user name or e-mail and password belong to a valid user (RV(login)).
      - UCDN's login check needs no token, so it runs even when the token is rejected.
    type: dict
    suboptions:
      email:
        description:
          - The user name or e-mail.
        type: str
        required: true
      password:
        description:
          - The password; never shown in results or logs.
        type: str
        required: true
'''

EXAMPLES = r'''
- name: Fail early when the UCDN token is wrong
  edgeops.cdn.cdn_account_info:
    provider: ucdn
    api_token: "{{ ucdn_token }}"
  register: ucdn_account
  failed_when: not ucdn_account.credentials_valid

- name: The account and its subaccounts
  edgeops.cdn.cdn_account_info:
    provider: ucdn
    subaccounts: true
  register: ucdn_accounts

- name: Check a control panel login and that it is the token's account
  edgeops.cdn.cdn_account_info:
    provider: ucdn
    login:
      email: major@section9.co.jp
      password: "{{ ucdn_password }}"
  register: checked
  failed_when: not (checked.login.authenticated and checked.login.same_account)
'''

RETURN = r'''
plan_checksum:
  description:
    - SHA-256 of an empty plan (this module changes nothing); given for the same check, approve,
      apply workflow as the modules that change things.
  returned: always
  type: str
  sample: 643d5437104296e21d906ecb15b2c96ad278f20cfc4af53b12bb6069bd853726
credentials_valid:
  description: Whether the provider accepted the API token.
  returned: always
  type: bool
  sample: true
credentials_message:
  description: Why the token was rejected (null when it was accepted).
  returned: always
  type: str
  sample: null
account:
  description: The token's account (null when the token was rejected).
  returned: always
  type: dict
  contains:
    id:
      description: The user id.
      type: str
    username:
      description: The user name.
      type: str
    name:
      description: The account holder's name.
      type: str
    email:
      description: The contact e-mail.
      type: str
    timezone:
      description: The time zone of the control panel's reports.
      type: str
    trial:
      description: Whether the account is in the free trial.
      type: bool
    raw:
      description: The provider's own object.
      type: dict
  sample:
    id: '121'
    username: kusanagi
    name: Motoko Kusanagi
    email: major@section9.co.jp
    timezone: Asia/Tokyo
    trial: false
subaccounts:
  description:
    - The accounts with the same parent, with O(subaccounts=true) (null otherwise). API keys, secrets and
      password hashes are masked in RV(subaccounts[].raw).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The user id.
      type: str
    parent_id:
      description: The parent account's id.
      type: str
    username:
      description: The user name.
      type: str
    name:
      description: The account's name.
      type: str
    email:
      description: The contact e-mail.
      type: str
    status:
      description: The provider's status, such as C(active).
      type: str
    suspended:
      description: Whether the account is suspended.
      type: bool
    max_zones:
      description: How many zones the account may have.
      type: int
    created:
      description: When the account was created (Unix time).
      type: int
    timezone:
      description: The time zone of the control panel's reports.
      type: str
    trial:
      description: Whether the account is in the free trial.
      type: bool
    raw:
      description: The provider's own object, credentials masked.
      type: dict
login:
  description: The result of the login check.
  returned: when O(login) is set
  type: dict
  contains:
    authenticated:
      description: Whether the user name or e-mail and password are valid.
      type: bool
    user_id:
      description: The user id they belong to (null when not authenticated).
      type: str
    reason:
      description: The provider's explanation.
      type: str
    same_account:
      description: Whether the login belongs to the account of the API token (null when not authenticated).
      type: bool
  sample:
    authenticated: true
    user_id: '121'
    reason: Login credentials are valid
    same_account: true
'''

from ansible_collections.edgeops.cdn.plugins.module_utils.account import run_account_info
from ansible_collections.edgeops.cdn.plugins.module_utils.module import CdnModule


def main():
    cdn = CdnModule(
        resources=('account',),
        argument_spec=dict(
            subaccounts=dict(type='bool', default=False),
            login=dict(type='dict', options=dict(
                email=dict(type='str', required=True),
                password=dict(type='str', required=True, no_log=True),
            )),
        ),
        supports_check_mode=True,
    )
    cdn.run(lambda: run_account_info(cdn))


if __name__ == '__main__':
    main()
