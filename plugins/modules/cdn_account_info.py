#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r'''
module: cdn_account_info
short_description: Verify CDN credentials and read what the provider says about the account
version_added: 0.2.0
description:
  - Checks the credentials with one cheap read and reports whether the provider accepted them
    (RV(credentials_valid), and RV(credentials_message) in the provider's words when it did not).
    A rejected token is reported, not failed, so a job template can fail fast with a clear message.
  - Returns what each API can say about the account (RV(account)); what it cannot say is null.
  - UCDN reads C(account) (id, user name, name, e-mail, time zone, trial).
  - CloudFlow reads the OnApp user profile C(profile.json) (id, login, name, e-mail, time zone; status,
    locale, billing plan and amounts in RV(account.details)).
  - CloudFlare's client API has no account call, so it lists the zones (C(zone_load_multi)); the account
    is the user id they carry and the e-mail the key was accepted with, and RV(account.details) lists the zones.
  - Cloakfusion has no account call either, so it lists the vhosts (C(vhosts/)); RV(account.details) says
    how many and which profiles they use.
  - Leaseweb has no account call, so it reads the policy templates (C(policyTemplates)), given as
    C(policy_templates) in RV(account.details).
  - On UCDN only, lists the subaccounts (O(subaccounts)) and checks a user name or e-mail and password pair
    (O(login)) with the provider's login check; the token that check answers is never returned. On the
    other providers these options fail before any request.
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

# The key and e-mail come from CLOUDFLARE_API_TOKEN and CLOUDFLARE_API_EMAIL (an AWX credential sets them).
- name: Check the CloudFlare credentials before a job template changes anything
  edgeops.cdn.cdn_account_info:
    provider: cloudflare
  register: cf_account
  failed_when: not cf_account.credentials_valid

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
  description:
    - Why the credentials were rejected, in the provider's words (null when they were accepted). The
      credentials themselves are never shown.
  returned: always
  type: str
  sample: 'UCDN rejected the API token (HTTP 401): Invalid login credentials'
account:
  description: What the provider says about the account of the credentials (null when they were rejected).
  returned: always
  type: dict
  contains:
    id:
      description: The user id (null where the API does not say, as on Cloakfusion and Leaseweb).
      type: str
    username:
      description: The user name (UCDN; CloudFlow's login).
      type: str
    name:
      description: The account holder's name (UCDN, CloudFlow).
      type: str
    email:
      description: The contact e-mail (UCDN, CloudFlow; on CloudFlare the e-mail the API key was accepted with).
      type: str
    timezone:
      description: The time zone of the control panel's reports (UCDN, CloudFlow).
      type: str
    trial:
      description: Whether the account is in the free trial (UCDN; null elsewhere).
      type: bool
    details:
      description:
        - The provider's other facts about the account; V({}) on UCDN, whose account read has none beyond the keys above.
        - CloudFlow - C(status), C(locale), C(billing_plan_id), C(user_group_id), C(outstanding_amount),
          C(total_amount), C(created_at), C(activated_at), C(suspend_at) of the user profile.
        - CloudFlare - C(zones) (how many), C(zone_names), C(pro_zones) (how many are Pro).
        - Cloakfusion - C(vhosts) (how many) and C(profiles) (the profile names the vhosts use).
        - Leaseweb - C(policy_templates), the account's policy templates.
      type: dict
    raw:
      description:
        - What the provider answered, secrets masked (the account object; the listing read where the API
          has no account call).
      type: dict
  sample:
    id: '121'
    username: kusanagi
    name: Motoko Kusanagi
    email: major@section9.co.jp
    timezone: Asia/Tokyo
    trial: false
    details: {}
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
api_requests:
  description:
    - Every request the module sent to the provider API, in order, with the answer's status; for
      troubleshooting. Secrets are masked.
    - Returned only at Ansible verbosity 3 or more (C(-vvv)), also with most failures.
  returned: when Ansible runs with C(-vvv) or more
  type: list
  elements: dict
  contains:
    method:
      description: The HTTP method.
      type: str
    path:
      description: The path, relative to O(api_url).
      type: str
    operation:
      description: What the request was for, in words.
      type: str
    attempt:
      description: The try (1 for the first; retries count up).
      type: int
    params:
      description: The query parameters, secrets masked; null when none.
      type: dict
    body:
      description: The body sent, secrets masked; null when none.
      type: raw
    write:
      description: Whether the request changes something at the provider.
      type: bool
    status:
      description: The HTTP status of the answer; absent when none came (see C(error)).
      type: int
    elapsed:
      description: Seconds the try took.
      type: float
    error:
      description:
        - Why the try did not succeed - no usable answer (V(refused), V(dns), V(connect_timeout), V(timeout),
          V(dropped)), or V(answer) for an answer that refused the request in its body or could not be read.
        - Absent when the try succeeded.
      type: str
  sample:
    - method: GET
      path: zones/
      operation: list zones
      attempt: 1
      params: null
      body: null
      write: false
      status: 200
      elapsed: 0.042
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
