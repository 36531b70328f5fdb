# -*- coding: utf-8 -*-
"""Pure logic of input taken as users write it and of the errors users read: host names in one
form (IDNA A-labels), record names and types, capability refusals in the user's words, and the
request a 404 names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import client as c
from ansible_collections.edgeops.cdn.plugins.module_utils.dns import desired_record, desired_records, record_type
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnNotFoundError, CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.names import covers, normalize_rule_value
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    hostname_problem,
    hostname_to_ascii,
    is_hostname,
    normalize_hostname,
    normalize_url,
    split_url,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import registry
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import Capabilities, ResourceCaps, operation_words
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare.api import CloudflareDialect
from ansible_collections.edgeops.cdn.plugins.module_utils.purge import split_purge_url
from ansible_collections.edgeops.cdn.plugins.module_utils.records import RecordCaps, normalize_value, relative_name
from ansible_collections.edgeops.cdn.plugins.module_utils.zone_view import check_hostname

ACE = 'xn--bcher-kva.example'


# --- host names -------------------------------------------------------------------

@pytest.mark.parametrize('given', [u'bücher.example', u'BÜCHER.Example.', u' bücher.example ', ACE, ACE.upper() + '.',
                                   u'bücher\u3002example'])
def test_every_spelling_of_a_host_name_is_one_form(given):
    assert normalize_hostname(given) == ACE
    assert check_hostname('hostname', given) == ACE


def test_only_labels_that_need_it_are_converted():
    assert hostname_to_ascii(u'*.Bücher.example') == '*.' + ACE
    assert hostname_to_ascii(u'_sip._tcp.bücher.example') == '_sip._tcp.' + ACE
    assert normalize_hostname('Cdn.Example.COM.') == 'cdn.example.com'
    assert is_hostname(normalize_hostname(u'*.bücher.example'), wildcard=True)


def test_a_label_without_an_a_label_is_refused_naming_it():
    long_label = u'ü' * 70
    assert hostname_problem(long_label + '.example').startswith("has the label '%s', which is not a valid " % long_label)
    assert hostname_problem(u'bücher.example') is None
    # normalize_hostname never raises (it reads API answers too); the check names the problem.
    assert normalize_hostname(long_label + '.example') == long_label + '.example'
    with pytest.raises(CdnValidationError, match='option hostname: .* not a valid internationalised'):
        check_hostname('hostname', long_label + '.example')
    with pytest.raises(CdnValidationError, match='is not a valid host name'):
        check_hostname('hostname', 'a..b')


def test_urls_carry_their_host_in_a_labels():
    assert normalize_url(u'https://Bücher.example:8443/Pfad') == 'https://%s:8443/Pfad' % ACE
    assert normalize_url(u'http://bücher.example:80/') == 'http://' + ACE
    assert split_url(u'https://bücher.example/x') == ('https', ACE, None, '/x')
    assert split_purge_url(u'HTTPS://www.Bücher.example/a.png?v=1') == ('https', 'www.' + ACE, '/a.png?v=1')


def test_certificate_names_and_referrers_compare_in_one_form():
    assert covers(['*.' + ACE], u'www.bücher.example')
    assert normalize_rule_value('referrer', u'*.Bücher.example') == '*.' + ACE


# --- DNS record names and types ---------------------------------------------------------

CAPS = RecordCaps(operations=('list', 'create', 'update', 'delete'), record_types=('A', 'CNAME', 'MX'))


@pytest.mark.parametrize('name, label', [
    (u'www.bücher.example.', 'www'), (u'www.Bücher.Example', 'www'), (u'bücher.example', '@'),
    (u'shöp', 'xn--shp-tna'), (u'Shöp.' + ACE, 'xn--shp-tna'),
])
def test_record_names_relative_to_an_idn_zone(name, label):
    assert relative_name(name, u'bücher.example') == label


def test_record_outside_the_zone_is_refused():
    with pytest.raises(ValueError, match='is not inside the zone ' + ACE):
        relative_name(u'www.other.example.', u'bücher.example')


def test_host_values_are_a_labels():
    assert normalize_value('CNAME', u'Ziel.Bücher.Example.') == 'ziel.' + ACE
    with pytest.raises(ValueError, match='not a valid internationalised'):
        normalize_value('MX', u'ü' * 70 + '.example')


@pytest.mark.parametrize('given', ['cname', 'CNAME', 'Cname', ' cname '])
def test_record_types_are_case_insensitive(given):
    assert record_type(given, 'type', CAPS) == 'CNAME'
    rec = desired_record(dict(record='www', type=given, value='t.example.com'), 'example.com', CAPS)
    assert rec['type'] == 'CNAME'


def test_an_unknown_type_names_the_option_and_what_is_allowed():
    with pytest.raises(CdnValidationError) as info:
        desired_records([dict(record='www', type='cnam', value='x.example.com')], 'example.com', CAPS)
    assert str(info.value) == "option records[0].type: 'cnam' is not a record type this provider offers; allowed: A, CNAME, MX (in any case)"


def test_ignored_types_are_case_insensitive_too():
    with pytest.raises(CdnValidationError, match='lists www CNAME both to manage and to ignore'):
        desired_records([dict(record='www', type='CNAME', value='x.example.com'),
                         dict(record='www', type='cname', ignore=True)], 'example.com', CAPS)


# --- capability refusals --------------------------------------------------------------

def caps(**resources):
    return Capabilities('prov', 'Prov', resources=resources)


def test_a_refusal_says_what_to_do_instead_and_never_the_notes():
    prov = caps(purge=ResourceCaps(operations=('purge',), notes='purge/zone/{id} with newline-separated paths',
                                   instead={'purge_all': 'list the paths to purge in paths'}))
    with pytest.raises(CdnUnsupportedError) as info:
        prov.require('purge', 'purge_all')
    assert str(info.value) == 'prov: Prov cannot purge a whole zone (purge_all); instead, list the paths to purge in paths'


def test_without_advice_a_refusal_lists_what_is_possible_in_words():
    prov = caps(zone=ResourceCaps(operations=('list', 'get', 'update'), notes='internal'))
    with pytest.raises(CdnUnsupportedError) as info:
        prov.require('zone', 'delete')
    assert str(info.value) == 'prov: Prov cannot delete a zone; with zones it can: list zones, read a zone, change a zone'


def test_a_resource_without_operations_never_says_it_supports_nothing():
    bare = caps(certificate=ResourceCaps(operations=()))
    with pytest.raises(CdnUnsupportedError) as info:
        bare.require('certificate', 'create')
    assert str(info.value) == 'prov: Prov cannot create a certificate; its API offers nothing for certificates'
    hinted = caps(certificate=ResourceCaps(operations=(), instead={'*': 'set tls: true on the zone'}))
    with pytest.raises(CdnUnsupportedError, match='cannot bind a certificate to a zone; instead, set tls: true on the zone$'):
        hinted.require('certificate', 'bind')


def test_an_unsupported_option_is_named_with_advice():
    prov = caps(zone=ResourceCaps(operations=('get',), fields=('hostname', 'settings'),
                                  instead={'origin': 'point the DNS records at the origin'}))
    with pytest.raises(CdnUnsupportedError) as info:
        prov.check_fields('zone', {'hostname': 'a.example', 'origin': 'https://o.example'})
    assert str(info.value) == ('prov: option origin: Prov cannot manage it on a zone; instead, point the DNS records at '
                               'the origin (the options Prov manages on a zone: hostname, settings)')
    with pytest.raises(CdnUnsupportedError, match='option tls: Prov cannot manage it on a zone; remove it'):
        prov.check_fields('zone', {'tls': True})


def test_an_unknown_resource_names_its_module():
    with pytest.raises(CdnUnsupportedError) as info:
        caps(zone=ResourceCaps(operations=('get',))).resource('storage')
    assert str(info.value) == "prov: Prov does not offer the resource 'storage' (edgeops.cdn.cdn_storage); it offers: zone"


def test_operation_words():
    assert operation_words('purge', 'list') == 'list past purges'
    assert operation_words('dns_record', 'update') == 'change a DNS record'
    assert operation_words('widget', 'get') == 'read a widget'


@pytest.mark.parametrize('adapter', registry.all_adapters(), ids=lambda a: a.capabilities.name)
def test_no_provider_refusal_carries_notes_or_says_supports(adapter):
    capabilities = adapter.capabilities
    for kind, res in capabilities.resources.items():
        for operation in ('list', 'get', 'create', 'update', 'delete', 'purge_all', 'prefetch', 'acme', 'bind'):
            if operation in res.operations:
                continue
            with pytest.raises(CdnUnsupportedError) as info:
                capabilities.require(kind, operation)
            text = str(info.value)
            assert 'supports' not in text
            assert not res.notes or res.notes not in text
        for key in res.instead:
            assert key == '*' or key not in res.operations, '%s %s: advice for what it can do' % (kind, key)


# --- the request a 404 names ----------------------------------------------------------

def test_a_404_names_the_path_without_query_or_secret():
    api = c.ApiClient('ucdn', 'https://api.example.net/v3/?token=url-secret-1', headers={'X-UCDN-Token': 'hdr-secret-1'})
    assert api.request_name('GET', 'https://api.example.net/v3/zones/42/?token=url-secret-1&x=1') == 'GET /v3/zones/42/'
    assert api.request_name('GET', 'https://api.example.net/v3/hdr-secret-1/') == 'GET /v3/%s/' % c.REDACTED
    answer = c.ApiResponse(404, {}, {'message': 'no zone 42 for url-secret-1'}, '')
    error = api._status_error(answer, 'get zone', True, ('GET', 'https://api.example.net/v3/zones/42/', None))
    assert isinstance(error, CdnNotFoundError)
    assert str(error) == u'ucdn get zone: not found (HTTP 404): GET /v3/zones/42/ \u2014 no zone 42 for %s' % c.REDACTED


def test_a_cloudflare_404_names_the_action_not_the_token():
    api = c.ApiClient('cloudflare', 'https://www.cloudflare.com/api_json.html', dialect=CloudflareDialect(),
                      form_auth={'tkn': 'tkn-secret-1', 'email': 'a@example.com'})
    name = api.request_name('POST', 'https://www.cloudflare.com/api_json.html',
                            {'a': 'rec_load_all', 'tkn': 'tkn-secret-1', 'z': 'example.com'})
    assert name == 'POST /api_json.html (a=rec_load_all)'


def test_other_errors_keep_their_shape():
    api = c.ApiClient('ucdn', 'https://api.example.net/v3/')
    error = api._status_error(c.ApiResponse(422, {}, {'message': 'bad'}, ''), 'create zone', False,
                              ('POST', 'https://api.example.net/v3/zones/', None))
    assert str(error) == 'ucdn create zone: request failed (HTTP 422): bad'
