# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CloudFlare account (cdn_account_info): the credential check.

The client API v1 ("CloudFlare Client Interface API", https://www.cloudflare.com/docs/client-api.html)
has no user or account read. Every call carries the API key (``tkn``) and "The e-mail address
associated with the API key" (2.1 "Basic Parameters"), and a wrong pair answers ``E_UNAUTH``
(2.2); the cheapest call is 3.2 zone_load_multi ("This lists all domains in a CloudFlare
account"), one request. Its zone objects carry the account's ``user_id``; the e-mail is the one
the key was accepted with. What else it tells goes into ``details``: the zones and how many are Pro.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.account import AccountAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.common import ZoneLookup
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import redact


def account_facts(zone_objects, email):
    """The account as zone_load_multi describes it: the user id its zones name (None when it has no
    zone, or they name several), the e-mail accepted, and the zones."""
    user_ids = sorted(set(str(z['user_id']) for z in zone_objects if z.get('user_id') not in (None, '')))
    names = sorted(normalize_hostname(z.get('zone_name')) for z in zone_objects)
    pro = [z for z in zone_objects if to_int((z.get('props') or {}).get('pro')) == 1]
    return dict(id=user_ids[0] if len(user_ids) == 1 else None, username=None, name=None, email=email,
                timezone=None, trial=None, details=dict(zones=len(names), zone_names=names, pro_zones=len(pro)),
                raw=dict(zones=redact(zone_objects)))


class Account(ZoneLookup, AccountAPI):

    def get_account(self):
        return account_facts(self._zone_objects(), self.client.form_auth.get('email'))
