# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 certificates (cdn_certificate): uploaded certificates, bound through the distribution.

The API answers "Hidden for security reasons" for the PEMs (Leaseweb CDN API v2 "Upload
certificate"), so a certificate is known by ``commonName``, ``issuer`` and
``validFrom``/``validUntil`` (unix time, reported as ISO 8601 UTC); the fingerprint and SANs
are reported only for the certificate matching the local PEM (computed from it). ``caBundle``
is marked required: the chain is sent, or an empty string when there is none. A distribution
serves a certificate with ``tls`` true and ``certificateId``; the zones of a certificate are the
distributions whose ``certificateId`` it is.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.certificate import CertificateAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    DISTRIBUTION_TYPE,
    canonical_certificate,
    certificate_payload,
    decode_envelope,
    encode_envelope,
)


class Certificates(LeasewebAPI, CertificateAPI):
    """CertificateAPI on Leaseweb's uploaded certificates."""

    # the local certificate's description (validate_certificate), to report the fingerprint and
    # SANs of the uploaded certificate that matches it
    _local_info = None

    def validate_certificate(self, local):
        # kept to report the fingerprint and SANs of the uploaded certificate that matches it
        self._local_info = local.info

    def list_certificates(self):
        zones = self._certificate_zones()
        info = self._local_info
        return [canonical_certificate(c, zones.get(c.get('id'), ()), info)
                for c in self.paginate(path('certificates'), 'certificates', 'list certificates')]

    def get_certificate(self, certificate_id):
        cert = self._read(path('certificate', certificate_id=certificate_id), 'certificate', 'get certificate')
        if cert is None:
            return None
        return canonical_certificate(cert, self._certificate_zones().get(certificate_id, ()), self._local_info)

    def upload_certificate(self, local):
        response = self.client.request('POST', path('certificates'), 'upload certificate',
                                       json=certificate_payload(local), ok=(200, 201))
        # the certificate is bound by this id next; without it the core looks for the upload
        return canonical_certificate(self._created(response, 'certificate', 'upload certificate'), (), local.info)

    def bind_certificate(self, zone, certificate):
        if str(zone.get('certificate_id') or '') == str(certificate['id']) and zone.get('tls'):
            return False
        # one PUT switches tls and certificateId together: the distribution is never without a certificate
        self.client.request('PUT', path('distribution', distribution_id=zone['id']), 'bind certificate',
                            json=encode_envelope(zone.get('resource_type') or DISTRIBUTION_TYPE,
                                                 [('tls', True), ('certificateId', certificate['id'])]),
                            ok=(200, 202))
        return True

    def delete_certificate(self, current):
        # Re-read: after a rotation the zones listed in ``current`` serve the new certificate.
        # Distributions still serving this one (only with force) are switched to plain HTTP first.
        for dist_id in self._certificate_zones().get(current['id'], ()):
            self.client.request('PUT', path('distribution', distribution_id=dist_id), 'unbind certificate',
                                json=encode_envelope(DISTRIBUTION_TYPE, [('tls', False), ('certificateId', None)]),
                                ok=(200, 202))
        self.client.request('DELETE', path('certificate', certificate_id=current['id']), 'delete certificate',
                            ok=(200, 202, 204))
        return None

    def _certificate_zones(self):
        """{certificate id: [ids of the distributions whose certificateId it is]}."""
        zones = {}
        for dist in self._distributions():
            values = decode_envelope(dist)[1]
            if values.get('certificateId'):
                zones.setdefault(values['certificateId'], []).append(values['id'])
        return zones
