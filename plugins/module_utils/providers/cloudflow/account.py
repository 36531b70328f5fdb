# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CloudFlow account (cdn_account_info): the user the e-mail and API key belong to.

CloudFlow's "API Guide" ("API Authentication") takes the account e-mail and the API key as HTTP
Basic credentials and documents no account call; OnApp, whose API it is, has one: ``GET
/profile.json``, the profile of the user who sends the request (the OnApp PHP wrapper's
Profile.php, https://github.com/virtuozzo/OnApp-PHP-Wrapper-External: route ``/profile``,
users#profile, root ``user``; its field list gives id, login, first_name, last_name, email,
time_zone, locale, status, the billing fields and the times). One request; a wrong e-mail or key
answers 401. The API has no trial flag: ``trial`` is None.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_int, to_number
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED, redact

# Profile fields that are credentials (OnApp users carry an api_key; Profile.php lists remember_token).
PROFILE_SECRETS = ('api_key', 'remember_token', 'password', 'password_confirmation')
# Profile.php fields shown under details: (field, reader).
PROFILE_DETAILS = (('status', str), ('locale', str), ('billing_plan_id', to_int), ('user_group_id', to_int),
                   ('outstanding_amount', to_number), ('total_amount', to_number), ('created_at', str),
                   ('activated_at', str), ('suspend_at', str))


def canonical_profile(user):
    """The account of a profile's ``user`` object."""
    name = ' '.join(str(user[k]).strip() for k in ('first_name', 'last_name') if user.get(k)) or None
    details = dict((field, read(user[field]) if user.get(field) is not None else None)
                   for field, read in PROFILE_DETAILS)
    raw = dict((k, REDACTED if k in PROFILE_SECRETS and v not in (None, '') else v) for k, v in user.items())
    return dict(id=str(user['id']), username=user.get('login'), name=name, email=user.get('email'),
                timezone=user.get('time_zone'), trial=None, details=details, raw=redact(raw))


class Account(api.Answers, AccountAPI):

    def get_account(self):
        operation = 'get profile'
        response = self.client.request('GET', api.path('profile'), operation, expect='object')
        return canonical_profile(self._object(response.body, 'user', operation, status=response.status))
