# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2: what several resource classes of the package share.

- the standalone origins and origin groups, and the lookup of one by id or name (cdn_zone's
  ``origin_id`` and cdn_origin's group members name them);
- the distribution's one policy, created by cdn_zone (with the zone) and by cdn_access_rule
  (before a distribution's first ACL), never twice.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import canonical_group, canonical_origin
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering


class LeasewebShared(LeasewebAPI):
    """Lookups and writes more than one resource class needs (see the module docstring)."""

    # --- standalone origins and origin groups ---------------------------------------

    def _raw_origins(self):
        return list(self.paginate(path('origins'), 'origins', 'list origins'))

    def _raw_groups(self):
        return list(self.paginate(path('origin_groups'), 'originGroups', 'list origin groups'))

    def resolve_origin_ref(self, ref, option):
        """The id of the origin or origin group ``ref`` names (an id, or a unique name)."""
        return self._resolve_in(ref, [canonical_origin(o) for o in self._raw_origins()],
                                [canonical_group(g, None) for g in self._raw_groups()], option, with_groups=True)

    def _resolve_in(self, ref, origins, groups, option, with_groups=False):
        ref = str(ref).strip()
        known = origins + groups
        for item in known:
            if item['id'] == ref:
                return ref
        named = [item for item in known if item['name'] == ref]
        what = 'origin or origin group' if with_groups else 'origin'
        if not named:
            raise CdnValidationError(option, 'names no Leaseweb %s' % what, value=ref,
                                     allowed='the id or name of an existing %s (create it with edgeops.cdn.cdn_origin)' % what)
        if len(named) > 1:
            raise CdnValidationError(option, 'is the name of %d Leaseweb objects (%s)' % (
                len(named), ', '.join(item['id'] for item in named)), value=ref, allowed='one of their ids')
        return named[0]['id']

    # --- the distribution's policy ---------------------------------------------------

    def _post_policy(self, dist_id, body):
        """POST the distribution's policy; after a lost answer the policy found is this one
        (a volume distribution holds one: Leaseweb CDN API v2 "Create Policy"), so it is never
        posted twice."""
        def existing():
            return next(iter(self._policies(dist_id)), None)

        def send():
            response = self.client.request('POST', path('policies', distribution_id=dist_id), 'create policy',
                                           json=body, ok=(200, 201))
            # the answer is the policy, whose id the ACLs go under (an answer without it: looked up)
            return self._created(response, 'policy', 'create policy')

        return send_recovering(send, existing, attempts=1)
