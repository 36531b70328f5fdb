# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow certificates (cdn_certificate): ``cdn_ssl_certificates.json`` (+ ``/:id.json``), root
key ``cdn_ssl_certificate``; the API answers id, name, user_id, created_at, updated_at and
cdn_reference only (OnApp PHP wrapper, CDNSSL.php; "CDN SSL Certificates API" of the OnApp CDN
API documentation).

- Upload field names: OnApp does not publish them; the collection sends ``name``, ``cert`` and
  ``key``, and appends the chain to ``cert`` (a PEM bundle, leaf first) instead of guessing a
  third field (docs/providers/cloudflow.md). The choice is wire.CERTIFICATE_UPLOAD_FIELDS alone.
- Identity: the API shows neither PEM nor fingerprint nor validity, so the SHA-1 fingerprint is
  recorded in the certificate's name at upload: ``<name>-sha1-<40 hex>``
  (wire.CERTIFICATE_NAME_FORMAT). The canonical ``name`` is the part before the suffix and
  ``fingerprint`` the suffix, so a rerun with the same certificate matches it and reports no
  change, and a different certificate under the same name is a rotation (upload new, rebind,
  delete old). Without the module's ``name`` option the host name is the name. A certificate
  uploaded by other means (no suffix) has no fingerprint: with the same name it is treated as
  the old certificate of a rotation.
- Binding: ``cdn_ssl_certificate_id`` (and ``ssl_on``) on the resource, in one PUT, so a rebound
  resource goes straight from the old certificate to the new; a certificate's zones are the
  resources whose ``cdn_ssl_certificate_id`` is its id ("One certificate can serve many
  resources; a resource links to only one", "CDN SSL Certificates API").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.certificate import CertificateAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow import api
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.common import CdnResources
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import (
    bind_payload,
    canonical_certificate,
    certificate_payload,
    certificate_wire_name,
    is_scalar,
)


class Certificates(CdnResources, CertificateAPI):

    def validate_certificate(self, local):
        # The name carries the identity (the API shows nothing else to match on): default it to the host name.
        if not local.name:
            local.name = local.hostname
        if not local.name:
            raise CdnValidationError('name', 'is required: the certificate has no common name to name it by',
                                     allowed='a name for the certificate')

    def list_certificates(self):
        # Read before every upload, rebind and delete: root cdn_ssl_certificate, each with an id (CDNSSL.php).
        operation = 'list SSL certificates'
        response = self.client.request('GET', api.path('certificates'), operation, expect='list')
        items = self._items(response, 'cdn_ssl_certificate', operation)
        for index, item in enumerate(items):
            # The name carries the identity (CERTIFICATE_NAME_FORMAT): it must be a text.
            if not is_scalar(item.get('name')):
                raise self.client.answer_error(operation, 'the answer[%d].cdn_ssl_certificate.name is %s where a text '
                                                          'is documented' % (index, type_name(item['name'])),
                                               status=response.status)
        resources = self._list_basic() if items else []
        return [canonical_certificate(item, resources) for item in items]

    def upload_certificate(self, local):
        operation = 'upload SSL certificate'
        response = self.client.request('POST', api.path('certificates'), operation,
                                       json=certificate_payload(local), ok=api.CREATED)
        item = self._created(response, 'cdn_ssl_certificate', operation)
        if item is not None and item.get('id') is not None:
            return canonical_certificate(item)
        # No id answered: the certificate is found by the name it was uploaded under.
        wire = certificate_wire_name(local.name or local.hostname, local.info['fingerprint'])
        for cert in self.list_certificates():
            if cert['raw'].get('name') == wire:
                return cert
        error = self.client.answer_error(operation, 'it names no certificate id, and the certificate list does not '
                                                    'show %s' % wire, status=response.status)
        error.maybe_applied = True
        raise error

    def delete_certificate(self, current):
        self.client.request('DELETE', api.path('certificate', current['id']), 'delete SSL certificate',
                            ok=api.DELETED, allow_not_found=True)

    def bind_certificate(self, zone, certificate):
        if str(zone.get('certificate_id') or '') == str(certificate['id']) and zone.get('tls'):
            return False
        # One PUT switches the resource from its old certificate to the new one: never without one.
        self.client.request('PUT', api.path('resource', zone['id']), 'bind SSL certificate',
                            json=bind_payload(certificate['id']), ok=api.WRITTEN)
        return True
