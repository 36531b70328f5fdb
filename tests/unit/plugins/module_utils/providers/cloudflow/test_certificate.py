# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow certificates (certificate.Certificates): naming, listing with the zones serving them, binding."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError, CdnValidationError

FP = 'ab' * 20


class Local:
    def __init__(self, name=None):
        self.certificate_pem = '-----BEGIN CERTIFICATE-----\nLEAF\n-----END CERTIFICATE-----\n'
        self.private_key_pem = '-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n'
        self.chain_pem = None
        self.info = {'fingerprint': FP, 'common_name': 'www.example.com'}
        self.name = name
        self.hostname = 'www.example.com'


def test_validate_certificate_names_by_host_name(adapter):
    cf = adapter()
    local = Local()
    cf.validate_certificate(local)
    assert local.name == 'www.example.com'
    named = Local(name='mine')
    cf.validate_certificate(named)
    assert named.name == 'mine'
    nameless = Local()
    nameless.hostname = None
    with pytest.raises(CdnValidationError, match='option name'):
        cf.validate_certificate(nameless)


def test_list_certificates_with_their_zones(adapter):
    cf = adapter({
        ('GET', 'cdn_ssl_certificates.json'): [{'cdn_ssl_certificate': {'id': 5, 'name': 'www-sha1-' + FP}}],
        ('GET', 'cdn_resources.json'): [{'cdn_resource': {'id': 7, 'cdn_hostname': 'cdn.example.com',
                                                          'cdn_ssl_certificate_id': 5}}],
    })
    [cert] = cf.list_certificates()
    assert cert['id'] == '5' and cert['name'] == 'www' and cert['fingerprint'] == FP and cert['zones'] == ['7']


def test_list_certificates_refuses_a_name_that_is_no_text(adapter):
    cf = adapter({('GET', 'cdn_ssl_certificates.json'): [{'cdn_ssl_certificate': {'id': 5, 'name': ['x']}}]})
    with pytest.raises(CdnResponseError, match='name is .* where a text is documented'):
        cf.list_certificates()


def test_upload_without_an_id_finds_the_certificate_by_its_name(adapter):
    cf = adapter({
        ('POST', 'cdn_ssl_certificates.json'): {},
        ('GET', 'cdn_ssl_certificates.json'): [{'cdn_ssl_certificate': {'id': 6, 'name': 'www.example.com-sha1-' + FP}}],
        ('GET', 'cdn_resources.json'): [],
    })
    local = Local()
    cf.validate_certificate(local)
    assert cf.upload_certificate(local)['id'] == '6'


def test_bind_is_one_put_and_nothing_when_bound(adapter):
    cf = adapter()
    assert cf.bind_certificate({'id': '7', 'certificate_id': '5', 'tls': True}, {'id': '5'}) is False
    assert cf.client.calls == []
    assert cf.bind_certificate({'id': '7', 'certificate_id': '4', 'tls': True}, {'id': '5'}) is True
    assert cf.client.calls == [('PUT', 'cdn_resources/7.json', {'cdn_resource': {'cdn_ssl_certificate_id': 5, 'ssl_on': 1}})]
