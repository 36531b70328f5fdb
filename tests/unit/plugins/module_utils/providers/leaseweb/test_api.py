"""Leaseweb CDN v2, providers/leaseweb/api.py: the path table, the dialect, and answers checked before use
(paginate follows totalCount, stops on a short page, and turns every shape the document does not show into
a CdnResponseError: real ApiClient checks, canned bodies)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter, api, wire

from ._fake import FakeClient, distribution as dist


def test_path_table_quotes_ids():
    assert api.path('domain', distribution_id='di-1', domain_id='a.example.com') == 'distributions/di-1/domains/a.example.com'
    assert api.path('action', action_id='a/b') == 'actions/a%2Fb'


def test_dialect_reads_leaseweb_errors():
    dialect = api.LeasewebDialect()
    body = {'correlationId': 'c-1', 'errorCode': 'APP00900', 'errorMessage': 'Validation failed.',
            'errorDetails': {'domain': ['already used']}}
    assert dialect.error_message(400, body, '') == 'Validation failed. (domain: already used) [APP00900]'
    assert dialect.error_message(401, {'errorCode': '401', 'errorMessage': 'No.', 'errorDetails': {}}, '') == 'No.'
    assert dialect.request_id({}, body) == 'c-1'
    assert dialect.request_id({'APIGW-CORRELATION-ID': 'h-1'}, None) == 'h-1'
    assert dialect.error_message(500, None, 'boom') == 'boom'


def test_paginate_follows_total_count():
    client = FakeClient([
        {'distributions': [dist('di-%d' % i) for i in range(25)], '_metadata': {'totalCount': 30, 'limit': 25, 'offset': 0}},
        {'distributions': [dist('di-%d' % i) for i in range(25, 30)], '_metadata': {'totalCount': '30'}},
    ])
    got = list(Adapter(client).paginate('distributions', 'distributions', 'list'))
    assert [wire.decode_envelope(d)[1]['id'] for d in got] == ['di-%d' % i for i in range(30)]
    assert [c[2] for c in client.calls] == [{'limit': 25, 'offset': 0}, {'limit': 25, 'offset': 25}]


def test_paginate_without_metadata_stops_on_short_page():
    client = FakeClient([{'domains': [{'domain': 'a.example', 'id': 'a.example'}]}])
    assert len(list(Adapter(client).paginate('x', 'domains', 'list'))) == 1
    client = FakeClient([{'domains': [], '_metadata': {'totalCount': 5}}])
    assert list(Adapter(client).paginate('x', 'domains', 'list')) == []


@pytest.mark.parametrize('body, text', [
    ([], 'the answer is a JSON list where a JSON object is documented'),
    ({}, "the answer's 'distributions' is null where a JSON list is documented"),
    ({'distributions': {}}, "'distributions' is a JSON object where a JSON list"),
    ({'distributions': [{}]}, "'distributions'[0] has no usable distribution id (got null)"),
    ({'distributions': ['di-1']}, "'distributions'[0] is a JSON string where a JSON object"),
    ({'distributions': [wire.encode_envelope('DISTRIBUTION_VOLUME', [('id', ['di-1'])])]}, 'got a JSON list'),
    ({'distributions': [wire.encode_envelope('DISTRIBUTION_VOLUME', [('id', '')])]}, "got ''"),
    ({'distributions': [wire.encode_envelope('DISTRIBUTION_VOLUME', [('id', 'di-1'), ('certificateId', {})])]},
     "'certificateId' is a JSON object where a string is documented"),
    ({'distributions': [dist('di-1')], '_metadata': []}, "'_metadata' is a JSON list"),
    ({'distributions': [dist('di-1')], '_metadata': {'totalCount': 1e999}}, 'totalCount is a JSON number'),
])
def test_paginate_refuses_what_the_document_does_not_show(body, text):
    with pytest.raises(CdnResponseError) as err:
        list(Adapter(FakeClient([body])).paginate('distributions', 'distributions', 'list distributions'))
    assert text in str(err.value)


def test_paginate_stops_a_listing_that_never_ends():
    page = {'policies': [{'id': 'po-%d' % i} for i in range(25)], '_metadata': {'totalCount': 10 ** 9}}
    with pytest.raises(CdnResponseError, match='repeats items'):
        list(Adapter(FakeClient([page])).paginate('p', 'policies', 'list policies'))
    pages = [{'policies': [{'id': 'po-%d-%d' % (n, i)} for i in range(25)]} for n in range(5)]
    with pytest.raises(CdnResponseError, match='max_pages'):
        list(Adapter(FakeClient(pages, max_pages=3)).paginate('p', 'policies', 'list policies'))


@pytest.mark.parametrize('ident', [None, '', ' ', '.', '..', 'a\nb'])
def test_path_refuses_ids_no_api_issues(ident):
    with pytest.raises(CdnResponseError, match='no usable id'):
        api.path('domains', distribution_id=ident)


def test_path_encodes_every_id_as_one_segment():
    assert api.path('acl', distribution_id='di-1', policy_id='a/b?c#d', acl_id='%2e') == \
        'distributions/di-1/policies/a%2Fb%3Fc%23d/acls/%252e'


def test_create_answer_without_id_is_maybe_applied_with_its_status():
    adapter = Adapter(FakeClient([{}]))
    with pytest.raises(CdnResponseError) as err:
        adapter._created(ApiResponse(201, {}, {'resourceType': 'SIMPLE_ORIGIN', 'data': []}, ''), 'origin', 'create origin')
    assert err.value.maybe_applied is True and err.value.status == 201
