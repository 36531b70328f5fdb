# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2: what several resource classes of the package share.

- the standalone origins and origin groups, and the lookup of one by id or name (cdn_zone's
  ``origin_id`` and cdn_origin's group members name them);
- the distribution's one policy, created by cdn_zone (with the zone) and by cdn_access_rule
  (before a distribution's first ACL), never twice;
- the origin check ("Validate If Origin Can Be Resolved", ``GET origins/{origin_id}/resolve``
  in Leaseweb's "Developer API" listing, section "CDN"), asked before a distribution is pointed
  at another origin (cdn_zone) or a group gains a member or a replaced origin (cdn_origin).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError, CdnAuthError, CdnError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import canonical_group, canonical_origin
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering

# An answer to "Validate If Origin Can Be Resolved" that means "no" (its shape is not listed):
# a 4xx other than 401/403/404 (then the provider's message says why), or a 200 whose object sets
# one of these keys to false.
UNRESOLVED_STATUSES = (400, 409, 412, 422)
VERDICT_KEYS = ('resolvable', 'resolved', 'canBeResolved', 'valid', 'success')
MESSAGE_KEYS = ('errorMessage', 'message', 'reason', 'error')


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

    # --- the origin check -------------------------------------------------------------

    def origin_resolution(self, origin_id):
        """(resolvable, the provider's message) from GET origins/{origin_id}/resolve, read liberally
        since the listing shows no answer: any 2xx is yes unless its object says false under one
        of VERDICT_KEYS; an error answer in UNRESOLVED_STATUSES is no, with the provider's words.
        Anything else (401/403, a 404 for an origin that is gone, 5xx) stays an error."""
        try:
            response = self.client.request('GET', path('origin_resolve', origin_id=origin_id), 'resolve origin',
                                           ok=(200, 202, 204))
        except CdnApiError as exc:
            if isinstance(exc, CdnAuthError) or exc.status not in UNRESOLVED_STATUSES:
                raise
            return False, exc.provider_message or 'HTTP %s' % exc.status
        body = response.body if isinstance(response.body, dict) else {}
        if any(body.get(key) is False for key in VERDICT_KEYS):
            words = [str(body[key]) for key in MESSAGE_KEYS if body.get(key) not in (None, '')]
            return False, words[0] if words else 'the answer says it cannot be resolved'
        return True, None

    def require_resolvable(self, origin_id, option, host=None):
        """Raise CdnValidationError naming ``option`` when Leaseweb cannot resolve the origin (a read)."""
        resolvable, message = self.origin_resolution(origin_id)
        if not resolvable:
            label = '%s (%s)' % (origin_id, host) if host else origin_id
            raise CdnValidationError(option, 'origin %s cannot be resolved by Leaseweb: %s' % (label, message),
                                     allowed='an origin whose host name Leaseweb can resolve ("Validate If Origin '
                                             'Can Be Resolved")')

    def require_resolvable_new(self, origin_id, option, host=None):
        """The check for an origin this run has just created (the check needs an origin id, so a new
        host cannot be checked before it exists): when it cannot be resolved the new origin is deleted
        again, before anything is pointed at it, and the error says so."""
        try:
            self.require_resolvable(origin_id, option, host)
        except CdnValidationError as exc:
            try:
                self.client.request('DELETE', path('origin', origin_id=origin_id), 'delete origin', ok=(200, 202, 204),
                                    allow_not_found=True)
            except CdnError as cleanup:
                exc.message = '%s; the new origin %s could not be removed again (%s): delete it by hand' % (
                    exc.message, origin_id, cleanup)
                raise exc
            exc.message = '%s; the new origin %s was removed again, nothing points at it' % (exc.message, origin_id)
            raise

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
