# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN certificates (cdn_certificate): UCDN API v3 "List all certificates" ..
"Delete certificate", and "Add Letsencrypt for zone" (https://api.ucdn.com/docs/).

Certificates have no name and no binding call. UCDN takes the host name from the
certificate and "UCDN ssl servers will start to use this certificate for this hostname"
("Upload certificate"): a zone serves it when one of its custom domains is that host
name and the zone uses its own SSL (``ssl_type`` "own"; with shared SSL
"custom_domains ... does not have any effect").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.certificate import CertificateAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.names import zone_hostnames
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import normalize_hostname, to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import certificate_problem
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.api import UcdnApi, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import (
    as_list,
    canonical_certificate,
    certificate_payload,
    ucdn_hostname,
    zone_serves,
)


class Certificates(UcdnApi, CertificateAPI):

    def __init__(self, client, run=None):
        super(Certificates, self).__init__(client, run=run)
        # What the local certificate's PEM says, by fingerprint (UCDN shows only the fingerprint).
        self._known = {}

    def validate_certificate(self, local):
        """UCDN's checks of the certificate the user gave. ``local.hostname_given`` tells
        whether the user set ``hostname`` and ``local.zone`` is the ``zone`` option (both
        set by the core, module_utils/certificate.py)."""
        if 'RSA' not in (local.key_type or ''):
            raise CdnValidationError(
                'private_key', 'is not an RSA key (%s); UCDN: "We support only base64 encoded RSA keys"'
                % (local.key_type or 'unknown type'), allowed='an RSA private key and a certificate issued for it')
        if local.name:
            raise CdnValidationError('name', 'is not supported: UCDN certificates have no name; the host name in '
                                     'the certificate identifies them', allowed='hostname, or leave both unset')
        filed_as = ucdn_hostname(local.info)
        if local.hostname_given and local.hostname != filed_as:
            raise CdnValidationError(
                'hostname', 'is %s, but UCDN files this certificate under %s (its common name, or first DNS '
                'name without one)' % (local.hostname, filed_as), allowed='%s, or leave hostname unset' % filed_as)
        # Rotation finds the certificate this one replaces by the host name UCDN shows.
        local.hostname = filed_as
        zone = local.zone
        if zone and '.' in str(zone) and not zone_serves([normalize_hostname(zone)], filed_as):
            raise CdnValidationError(
                'zone', '%s would not be served with this certificate: UCDN uses it for the custom domain %s only'
                % (normalize_hostname(zone), filed_as), allowed='a zone whose custom domains include %s' % filed_as)
        self._known[local.info['fingerprint']] = local.info
        if zone:
            # Reads only: whether the zone can serve it at all (its custom domains
            # and ssl_type), so check mode fails as the real run would.
            found = self.find_zone_ref(zone)
            if found is not None:
                self._check_serves(self._raw[str(found['id'])], filed_as)

    def _certificate(self, body):
        return canonical_certificate(body, self._known)

    def list_certificates(self):
        # "List all certificates": "an array with objects", each as "Single certificate information".
        body = self.client.request('GET', path('certificates'), 'list certificates', expect=('list', ('id',))).body
        for cert in body:
            self._check(certificate_problem(cert), 'list certificates')
        return [self._certificate(c) for c in body]

    def get_certificate(self, cert_id):
        response = self.client.request('GET', path('certificate', cert_id), 'get certificate',
                                       allow_not_found=True, expect=('object', ('id',)))
        if response is None:
            return None
        self._check_id(cert_id, response.body['id'], 'certificate', 'get certificate')
        self._check(certificate_problem(response.body), 'get certificate')
        return self._certificate(response.body)

    def _by_fingerprint(self, fingerprint):
        return next((c for c in self.list_certificates() if c.get('fingerprint') == fingerprint), None)

    def upload_certificate(self, local):
        fingerprint = local.info['fingerprint']
        try:
            response = self.client.request('POST', path('certificate_upload'), 'upload certificate',
                                           json=certificate_payload(local), ok=(200, 201))
        except CdnError as exc:
            if exc.maybe_applied:
                # A lost answer: the fingerprint tells whether the upload happened.
                found = self._by_fingerprint(fingerprint)
                if found is not None:
                    return found
            if exc.status == 409:
                # The only upload error documented ("409 string Error message"): UCDN's words are the explanation.
                raise CdnApiError('UCDN refused the certificate for %s (fingerprint %s)' % (local.hostname, fingerprint),
                                  provider=self.name, operation='upload certificate', status=409,
                                  provider_message=exc.provider_message, request_id=exc.request_id)
            raise
        # "Upload certificate" example: {"message": "Certificate saved", "id": 41}.
        body = self._written(response, ('object', ('id',)), 'upload certificate')
        cert = self.get_certificate(body['id'])
        return cert or self._by_fingerprint(fingerprint) or dict(
            id=str(body['id']), name=None, hostname=local.hostname, fingerprint=fingerprint, zones=[], raw=body)

    def delete_certificate(self, current):
        # 404 "certificate did not exists": already gone is what was wanted.
        self.client.request('DELETE', path('certificate', current['id']), 'delete certificate', ok=(200, 204),
                            allow_not_found=True)

    def _check_serves(self, raw, hostname):
        """Refuse (before any write) a zone that cannot serve a certificate for ``hostname``."""
        if 'ssl_type' not in raw:
            # Only the single-zone answer carries ssl_type ("Fetch a zone").
            self._read_zone(raw['id'])
            raw = self._raw.get(str(raw['id']), raw)
        if raw.get('ssl_type') not in (None, '', 'own'):
            raise CdnUnsupportedError(
                'zone %s uses UCDN\'s shared SSL (ssl_type %s), where custom domains and uploaded certificates have '
                'no effect; the API cannot change ssl_type' % (raw['id'], raw.get('ssl_type')),
                provider=self.name, operation='bind certificate')
        domains = [normalize_hostname(d) for d in as_list(raw.get('custom_domains'))]
        served = zone_serves(domains, hostname)
        if not served:
            raise CdnValidationError(
                'zone', 'zone %s (custom domains: %s) would not be served with the certificate for %s: UCDN uses a '
                'certificate for the custom domain of its host name' % (raw['id'], ', '.join(domains) or 'none', hostname),
                allowed='add %s to the zone with edgeops.cdn.cdn_zone aliases, or pick the zone that has it' % hostname)
        return served

    def bind_certificate(self, zone, certificate):
        """Nothing to send: UCDN serves a certificate on the zone's custom domain
        of its host name. Refuse a zone that cannot serve it."""
        if str(zone['id']) in [str(z) for z in certificate.get('zones') or []]:
            return False
        raw = self._raw.get(str(zone['id'])) or dict(id=zone['id'], custom_domains=zone_hostnames(zone))
        self._check_serves(raw, certificate.get('hostname'))
        other = next((c for c in self.list_certificates()
                      if str(zone['id']) in c['zones'] and c['id'] != str(certificate['id'])), None)
        if other is not None:
            raise CdnUnsupportedError(
                'zone %s serves certificate %s (%s) rather than %s: UCDN picks one certificate per host name and the '
                'API has no binding call; delete certificate %s (state=absent) to serve %s'
                % (zone['id'], other['id'], other.get('hostname'), certificate['id'], other['id'], certificate['id']),
                provider=self.name, operation='bind certificate')
        return False

    def acme_needed(self, zone):
        """"Add Letsencrypt for zone" answers 200 "Nothing changed" when every custom domain of the
        zone already has a certificate in use: a request is planned unless that holds. (A request
        still running shows no certificate yet, so the plan may hold one UCDN then reports as none.)"""
        domains = zone_hostnames(zone)
        if not domains:
            raise CdnValidationError('zone', 'zone %s has no custom domains; UCDN requests Let\'s Encrypt '
                                     'certificates for the additional domains of the zone' % zone['id'],
                                     allowed='add them with edgeops.cdn.cdn_zone hostname and aliases first')
        served = set()
        for cert in self.list_certificates():
            for use in as_list(cert['raw'].get('used_in_zones')):
                if isinstance(use, dict) and str(use.get('zone_id')) == str(zone['id']):
                    served.add(normalize_hostname(use.get('domain')))
        return any(d not in served for d in domains)

    def request_acme(self, zone):
        """POST letsencrypt/{zone_id} ("Add Letsencrypt for zone"): 202 started, 200 "Nothing changed"."""
        response = self.client.request('POST', path('letsencrypt', zone['id']), 'request letsencrypt',
                                       json=dict(zone_id=to_int(zone['id'])), ok=(200, 202))
        return response.status == 202
