# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CertificateAPI: what a provider implements for certificates (cdn_certificate; module_utils/certificate.py).

A canonical certificate is a dict with ``id``, ``name``, ``hostname``, ``fingerprint``
(SHA-1, lowercase hex without colons) when the API reveals it, ``common_name``, ``issuer``,
``not_before``/``not_after`` (ISO 8601 UTC, 'YYYY-MM-DDTHH:MM:SSZ') when the API reveals
them, ``sans`` when known, ``zones`` (ids of the zones serving it) and ``raw`` (PEMs and
keys never included). ``local`` is a certificate.LocalCertificate: .certificate_pem,
.private_key_pem, .chain_pem, .name, .hostname, .info.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces import ResourceAPI


class CertificateAPI(ResourceAPI):

    def validate_certificate(self, local):
        """Provider-specific checks of a local certificate (e.g. key type); raise CdnValidationError."""

    def list_certificates(self):
        raise self._unsupported('certificate', 'list')

    def upload_certificate(self, local):
        """Upload ``local`` and return the canonical certificate."""
        raise self._unsupported('certificate', 'create')

    def delete_certificate(self, current):
        raise self._unsupported('certificate', 'delete')

    def bind_certificate(self, zone, certificate):
        """Serve ``zone`` (canonical zone) with ``certificate``; return True when a write was sent."""
        raise self._unsupported('certificate', 'bind')

    def certificate_zones(self, certificate):
        """Ids of the zones serving ``certificate`` (the certificate's ``zones`` by default)."""
        return list(certificate.get('zones') or [])

    def acme_needed(self, zone):
        """Whether a Let's Encrypt request for ``zone`` would change something (reads only): the
        plan, in check mode and in the real run alike. Raises when the zone cannot have one."""
        raise self._unsupported('certificate', 'acme')

    def request_acme(self, zone):
        """Ask for a Let's Encrypt certificate for ``zone``; return True when the provider started
        something, False when it answered "nothing changed"."""
        raise self._unsupported('certificate', 'acme')
