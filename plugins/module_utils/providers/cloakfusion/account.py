# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Cloakfusion account (cdn_account_info): the credential check.

The Cloakfusion API Reference has no account or user endpoint. The cheapest read that needs the
token is "Vhosts / LIST" (one request, a bare list); "Errors" says a 401 means "No valid API key
provided" and a 403 that "The resource requested is unavailable for the API key provided". What
the listing tells about the account goes into ``details``: how many vhosts it has and the
profiles (plans, such as "Standard") they use.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloakfusion import api
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import redact


def account_facts(vhosts):
    """The account as the vhost listing describes it: no identity, only what the account holds."""
    profiles = []
    for vhost in vhosts:
        profile = vhost.get('profile')
        name = profile.get('name') if isinstance(profile, dict) else None
        if name is not None and str(name) not in profiles:
            profiles.append(str(name))
    return dict(id=None, username=None, name=None, email=None, timezone=None, trial=None,
                details=dict(vhosts=len(vhosts), profiles=sorted(profiles)), raw=dict(vhosts=redact(vhosts)))


class Account(AccountAPI):

    def get_account(self):
        operation = 'check credentials (list vhosts)'
        body = self.client.request('GET', api.path('vhosts'), operation, expect='list').body
        for index, vhost in enumerate(body):
            self.client.expect(vhost, 'object', operation, what='the answer[%d]' % index)
        return account_facts(body)
