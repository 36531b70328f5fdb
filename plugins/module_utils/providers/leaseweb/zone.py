# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 zones (cdn_zone, cdn_zone_info): a distribution, its custom domains and its one policy.

How a canonical zone maps onto Leaseweb objects (the pure mapping is wire.canonical_zone and
the payload builders next to it):

- the zone is a ``DISTRIBUTION_VOLUME`` distribution (key/value ``data`` envelope); ``tls``,
  ``certificate_id`` (``certificateId``) and ``enabled`` are distribution data keys, as are the
  settings ``ipv6``, ``logging`` and ``description`` (defaults to the host name on create);
- ``hostname`` and ``aliases`` are the distribution's custom domains (plain JSON, the domain id
  is the domain name). Looked up by host name, the zone's ``hostname`` is the domain asked for
  and ``aliases`` the others; listed without one, ``hostname`` is the first domain. ``aliases``
  given is authoritative: missing domains are added, others deleted;
- the rest lives on the distribution's single policy (plain JSON): ``origin_host_header`` =
  ``originPullHostHeader``, ``cache_ttl`` = ``cacheDefaultTtl``, ``compress`` =
  ``deliveryCompress``, and the settings named after the policy fields (``deliveryForceHttps``, ...);
- the security token (URL signing) is the policy's ``securityToken*`` fields, settings of the
  same names; ``securityTokenSecret``, ``securityTokenAesKey`` and ``securityTokenShaKey`` are
  secrets, kept in the adapter (``secrets``) while the settings hold the no_log marker
  (REDACTED), shown only masked, and compared only when the policy shows them; '' unsets one
  (null), as it does the nullable text fields (NULLABLE_TEXT_SETTINGS, ``originPullShieldId``
  among them);
- ``origin`` (a URL) is the policy's ``originPullProtocol`` (the URL scheme) plus the standalone
  origin object ``originPullId`` points at. Leaseweb origins are shared objects: a URL with only
  a host maps to a ``SIMPLE_ORIGIN``; a port or a path needs an ``ADVANCED_ORIGIN``. An existing
  origin with the same host, port and path is reused, else one is created (described
  ``edgeops.cdn <hostname>``). Origins no longer referenced are left in place (others may use
  them); cdn_origin manages them directly;
- ``origin_id`` names a standalone origin or an origin group, by id or by name (resolved with
  one read in validate_zone); it is the policy's ``originPullId``, or ``originPullGroupId`` for
  an ``og-`` group (the other one is cleared);
- before a distribution is pointed at another origin, Leaseweb is asked whether it can resolve
  that origin ("Validate If Origin Can Be Resolved", common.LeasewebShared.require_resolvable):
  an existing origin (``origin_id``, or an equal origin ``origin`` reuses) while planning, a read
  that check mode sends too, so the plan fails where the real run would; an origin this run
  creates for ``origin`` right after its create, before the distribution or its policy is
  written (it is deleted again when it cannot be resolved). Origin groups are not checked here
  (cdn_origin checks each member it adds);
- ``cdn_domain`` is the server-set data key ``cname`` and ``status`` the status of the
  distribution's latest CREATE_DIST or UPDATE_DIST action (``FINISHED`` when it has none): the
  document shows neither (docs/providers/leaseweb.md, "Decisions where the API document is
  silent").

Waiting: zone_ready says a zone is deployed when that action has finished; the core's ensure
waits with it when the user sets ``wait``. Deleting a distribution records a DELETE_DIST action
that no zone read shows any more (the core does not wait after a delete), so with ``wait``
delete_zone follows that action itself, through ``run.wait_for``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError, CdnError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.zone import ZoneAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname, normalize_url
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.common import LeasewebShared
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    ADVANCED_ORIGIN,
    DIST_ACTION_TYPES,
    DISTRIBUTION_TYPE,
    FAILED_STATUSES,
    GROUP_PREFIX,
    POLICY_SECRETS,
    READY_STATUSES,
    SIMPLE_ORIGIN,
    canonical_zone,
    create_distribution_payload,
    decode_envelope,
    distribution_values,
    domain_names,
    encode_envelope,
    latest_actions,
    origin_payload,
    origin_pull,
    origin_url,
    policy_values,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Follow


class Zones(LeasewebShared, ZoneAPI):
    """ZoneAPI on Leaseweb distributions."""

    # domain name -> distribution id, filled while find_zone scans (create_zone refuses taken domains).
    _domain_owner = None

    def validate_zone(self, desired, state):
        origin = desired.get('origin')
        if origin is not None:
            if str(origin).startswith('storage:'):
                raise CdnValidationError('origin', 'is a storage origin, which Leaseweb CDN does not offer',
                                         value=origin, allowed='an http:// or https:// URL')
            desired['origin'] = normalize_url(origin)
        if desired.get('hostname') and desired.get('aliases') and desired['hostname'] in desired['aliases']:
            raise CdnValidationError('aliases', 'repeats hostname %s' % desired['hostname'],
                                     allowed='the extra host names only')
        if desired.get('origin_id') is not None and state != 'absent':
            # compared as an id: a name is resolved now, with reads only
            desired['origin_id'] = self.resolve_origin_ref(desired['origin_id'], 'origin_id')
        if desired.get('settings'):
            for key in POLICY_SECRETS:
                self.take_secret_setting(desired['settings'], key)

    def list_zones(self):
        actions = self._latest_actions()
        # Distributions often share one origin: a listing reads each origin once (the inventory's cost).
        origins = {}
        return [self._complete(d, actions=actions, origins=origins) for d in self._distributions()]

    def get_zone(self, zone_id, hostname=None):
        distribution = self._read(path('distribution', distribution_id=zone_id), 'distribution', 'get distribution')
        if distribution is None:
            return None
        return self._complete(distribution, hostname=hostname)

    def check_zone_references(self, changes):
        # A distribution's certificateId names an uploaded certificate ("Certificates"): looked up
        # while planning, so a wrong id fails before any write.
        cert_id = changes.get('certificate_id')
        if cert_id not in (None, '') and \
                self._read(path('certificate', certificate_id=cert_id), 'certificate', 'get certificate') is None:
            raise CdnValidationError('certificate_id', 'names no Leaseweb certificate (no certificate has id %s)'
                                     % cert_id, allowed='the id of an uploaded certificate (edgeops.cdn.cdn_certificate)')
        # The origin the distribution is about to be pointed at, when it exists already: can
        # Leaseweb resolve it? (reads only; a new origin is checked right after its create)
        origin_id = changes.get('origin_id')
        if origin_id not in (None, '') and not str(origin_id).startswith(GROUP_PREFIX):
            self.require_resolvable(origin_id, 'origin_id')
        if changes.get('origin'):
            found = self._equal_origin(changes['origin'])
            if found is not None:
                self.require_resolvable(found[0], 'origin', host=found[1])

    def find_zone(self, hostname=None, zone_id=None):
        if zone_id is not None:
            return self.get_zone(zone_id, hostname=hostname)
        hostname = normalize_hostname(hostname)
        self._domain_owner = {}
        for dist in self._distributions():
            dist_id = decode_envelope(dist)[1]['id']
            domains = self._domains(dist_id)
            for name in domain_names(domains):
                self._domain_owner[name] = dist_id
            if hostname in domain_names(domains):
                return self._complete(dist, hostname=hostname, domains=domains)
        return None

    def zone_ready(self, zone):
        status = zone.get('status')
        if status in FAILED_STATUSES:
            raise CdnApiError('action %s of distribution %s ended %s' % (zone.get('action_id'), zone.get('id'), status),
                              provider=self.name, operation='wait for distribution')
        return status in READY_STATUSES

    def predict_zone(self, desired):
        zone = super(Zones, self).predict_zone(desired)
        zone.setdefault('aliases', [])
        zone.setdefault('status', None)
        return zone

    def create_zone(self, desired):
        names = [desired['hostname']] + list(desired.get('aliases') or [])
        owners = self._domain_owner or {}
        taken = ['%s (distribution %s)' % (n, owners[n]) for n in names if n in owners]
        if taken:
            raise CdnValidationError('aliases', 'names domains another distribution already serves: %s'
                                     % ', '.join(taken))
        if desired.get('origin'):
            origin_id, protocol = self._ensure_origin(desired['origin'], desired['hostname'])
            pull = {'originPullId': origin_id, 'originPullProtocol': protocol}
        else:
            # the protocol keeps the policy's default (HTTP)
            pull = origin_pull(desired['origin_id'])
        dist_id = self._post_distribution(desired)
        try:
            for name in names:
                self._add_domain(dist_id, name)
            body = {'description': 'edgeops.cdn %s' % desired['hostname']}
            body.update(pull)
            body.update(policy_values(desired, self.secrets))
            self._post_policy(dist_id, body)
        except CdnError as exc:
            # A distribution is found by its domain: one left without it (or without its policy)
            # would be invisible to the next run, which would create a second one. Remove it.
            self._remove_half_created(dist_id, exc)
            raise
        # Waiting for the CREATE_DIST action is the core's (zone_ready), when the user asks for it.
        return self.get_zone(dist_id, hostname=desired['hostname'])

    def _remove_half_created(self, dist_id, exc):
        try:
            self.client.request('DELETE', path('distribution', distribution_id=dist_id), 'delete distribution',
                                ok=(200, 202, 204), allow_not_found=True)
        except CdnError as cleanup:
            exc.message = '%s; the new distribution %s could not be removed again (%s): delete it by hand' % (
                exc.message, dist_id, cleanup)
            exc.maybe_applied = False
            return
        exc.message = '%s; the new distribution %s was removed again' % (exc.message, dist_id)

    def _post_distribution(self, desired):
        """Create the distribution; if the answer was lost, find the one it made instead of posting twice.

        A new distribution has no domain yet, so the generic re-read by host name cannot see it:
        look for a domain-less distribution carrying the description this create sent.
        """
        payload = create_distribution_payload(desired)
        description = decode_envelope(payload)[1].get('description')
        # A create that timed out in an earlier run may have landed after it gave up: adopt
        # that domain-less distribution instead of making a second one.
        orphan = self._orphan_distribution(description)
        if orphan is not None:
            return orphan
        # An answer without the new id is looked up the same way (_created), never posted again.
        return send_recovering(
            lambda: self._created(self.client.request('POST', path('distributions'), 'create distribution',
                                                      json=payload, ok=(200, 201, 202)),
                                  'distribution', 'create distribution')['id'],
            lambda: self._orphan_distribution(description), attempts=1)

    def _orphan_distribution(self, description):
        """A distribution carrying this create's description and no domain yet, or None."""
        for dist in self._distributions():
            data = decode_envelope(dist)[1]
            if data.get('description') == description and not domain_names(self._domains(data['id'])):
                return data['id']
        return None

    def update_zone(self, current, changes, desired):
        dist_id = current['id']
        hostname = desired.get('hostname') or current['hostname']
        adds, deletes = [], []
        if 'aliases' in changes or 'hostname' in changes:
            have = [n for n in [current.get('hostname')] + list(current.get('aliases') or []) if n]
            if desired.get('aliases') is not None:
                want = set([hostname]) | set(desired['aliases'])
            else:
                # a new hostname replaces the old identity domain; the aliases stay
                want = (set(have) - set([current.get('hostname')])) | set([hostname])
            deletes = [n for n in have if n not in want]
            adds = sorted(want - set(have))
        # deletes, then updates, then creates
        for name in deletes:
            self.client.request('DELETE', path('domain', distribution_id=dist_id, domain_id=name), 'delete domain',
                                ok=(200, 202, 204))
        dist_changes = distribution_values(changes)
        if dist_changes:
            self.client.request('PUT', path('distribution', distribution_id=dist_id), 'update distribution',
                                json=encode_envelope(current.get('resource_type') or DISTRIBUTION_TYPE, dist_changes),
                                ok=(200, 202))
        policy_changes = policy_values(changes, self.secrets)
        if 'origin' in changes:
            origin_id, protocol = self._ensure_origin(changes['origin'], hostname)
            policy_changes.update(originPullId=origin_id, originPullProtocol=protocol)
            if current.get('origin_group_id'):
                policy_changes['originPullGroupId'] = None
        if 'origin_id' in changes:
            policy_changes.update(origin_pull(changes['origin_id']))
        if policy_changes:
            if current.get('policy_id'):
                self.client.request('PUT', path('policy', distribution_id=dist_id, policy_id=current['policy_id']),
                                    'update policy', json=policy_changes, ok=(200, 202))
            else:
                policy_changes.setdefault('description', 'edgeops.cdn %s' % hostname)
                self.client.request('POST', path('policies', distribution_id=dist_id), 'create policy',
                                    json=policy_changes, ok=(200, 201))
        for name in adds:
            self._add_domain(dist_id, name)
        # An UPDATE_DIST action (a distribution key changed) is waited for by the core (zone_ready).
        return self.get_zone(dist_id, hostname=hostname)

    def delete_zone(self, current):
        dist_id = current['id']
        self.client.request('DELETE', path('distribution', distribution_id=dist_id), 'delete distribution',
                            ok=(200, 202, 204))
        return None

    def zone_deleting(self, zone):
        # The distribution is gone from every read: only its DELETE_DIST action tells when it is done.
        action = self._latest_actions(types=('DELETE_DIST',)).get(zone['id'])
        if not action or action.get('status') in READY_STATUSES:
            return None
        return self._action_job(action, zone['id'])

    # --- internals --------------------------------------------------------------

    def _add_domain(self, dist_id, name):
        # A lost answer: the domain may have been added (a second add would be refused as taken).
        send_recovering(lambda: self.client.request('POST', path('domains', distribution_id=dist_id), 'add domain',
                                                    json={'domain': name}, ok=(200, 201)),
                        lambda: name if name in domain_names(self._domains(dist_id)) else None, attempts=1)

    def _latest_actions(self, types=DIST_ACTION_TYPES):
        return latest_actions(list(self._actions()), types)

    def _complete(self, distribution, hostname=None, domains=None, actions=None, origins=None):
        """Read what a zone needs besides the (checked) distribution: domains, policy, origin, latest action
        (``origins``: origins already read in this listing, by id)."""
        dist_id = decode_envelope(distribution)[1]['id']
        if domains is None:
            domains = self._domains(dist_id)
        policies = list(self._policies(dist_id))
        policy = policies[0] if policies else None
        origin = None
        if policy and policy.get('originPullId'):
            origin_id = str(policy['originPullId'])
            if origins is not None and origin_id in origins:
                origin = origins[origin_id]
            else:
                # 404: the origin was deleted; the zone then shows no origin
                origin = self._read(path('origin', origin_id=origin_id), 'origin', 'get origin')
                if origins is not None:
                    origins[origin_id] = origin
        if actions is None:
            actions = self._latest_actions()
        return canonical_zone(distribution, domains, policy, origin, actions.get(dist_id), hostname, self.secrets)

    def _equal_origin(self, url):
        """(id, host) of an existing standalone origin serving ``url`` (same host, port and path), or None."""
        protocol = origin_payload(url, '')[1]
        for origin in self.paginate(path('origins'), 'origins', 'list origins'):
            resource_type, values = decode_envelope(origin)
            if resource_type in (SIMPLE_ORIGIN, ADVANCED_ORIGIN) and origin_url(origin, protocol) == url:
                return values['id'], values.get('host')
        return None

    def _ensure_origin(self, url, hostname):
        """(origin id, protocol) of an origin serving url: an equal one reused (checked while planning,
        check_zone_references), else a new one, checked before anything is pointed at it."""
        payload, protocol = origin_payload(url, 'edgeops.cdn %s' % hostname)
        found = self._equal_origin(url)
        if found is not None:
            return found[0], protocol
        # A lost answer (or one without the new id): the origin may exist; reuse it rather
        # than create a second one.
        created = send_recovering(
            lambda: self._created(self.client.request('POST', path('origins'), 'create origin', json=payload,
                                                      ok=(200, 201)), 'origin', 'create origin')['id'],
            lambda: (self._equal_origin(url) or (None,))[0], attempts=1)
        self.require_resolvable_new(created, 'origin', host=decode_envelope(payload)[1].get('host'))
        return created, protocol

    def _action_job(self, action, dist_id):
        """One action of the distribution as a job to follow until it is FINISHED (or failed)."""
        description = 'Leaseweb %s action %s of distribution %s to finish' % (action.get('type'), action['id'], dist_id)
        return Follow(description,
                      fetch=lambda: self._action(action['id']),
                      ready=lambda a: a is not None and a.get('status') in READY_STATUSES,
                      failed=lambda a: a is not None and a.get('status') in FAILED_STATUSES and a['status'])
