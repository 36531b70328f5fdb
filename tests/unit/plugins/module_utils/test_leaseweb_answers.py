"""Leaseweb answers checked before use: paginate follows totalCount, stops on a short page, and turns
every shape the API does not document into a CdnResponseError (real ApiClient checks, canned bodies)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import leaseweb as lw


class FakeClient(ApiClient):
    """The real answer checks (expect, pages, answer_error); request() serves canned bodies."""

    def __init__(self, bodies, max_pages=1000):
        super(FakeClient, self).__init__('leaseweb', 'https://api.example/cdn/v2', max_pages=max_pages)
        self.bodies = list(bodies)
        self.calls = []

    def request(self, method, path, operation, params=None, expect=None, allow_not_found=False, **kwargs):
        self.calls.append((method, path, dict(params or {})))
        body = self.bodies.pop(0) if len(self.bodies) > 1 else self.bodies[0]
        if body == 404 and allow_not_found:
            return None
        if expect is not None:
            self.expect(body, expect, operation, status=200)
        return ApiResponse(200, {}, body, '')


def dist(ident):
    return lw.encode_envelope('DISTRIBUTION_VOLUME', [('description', 'x'), ('id', ident)])


def test_paginate_follows_total_count():
    client = FakeClient([
        {'distributions': [dist('di-%d' % i) for i in range(25)], '_metadata': {'totalCount': 30, 'limit': 25, 'offset': 0}},
        {'distributions': [dist('di-%d' % i) for i in range(25, 30)], '_metadata': {'totalCount': '30'}},
    ])
    got = list(lw.Adapter(client).paginate('distributions', 'distributions', 'list'))
    assert [lw.decode_envelope(d)[1]['id'] for d in got] == ['di-%d' % i for i in range(30)]
    assert [c[2] for c in client.calls] == [{'limit': 25, 'offset': 0}, {'limit': 25, 'offset': 25}]


def test_paginate_without_metadata_stops_on_short_page():
    client = FakeClient([{'domains': [{'domain': 'a.example', 'id': 'a.example'}]}])
    assert len(list(lw.Adapter(client).paginate('x', 'domains', 'list'))) == 1
    client = FakeClient([{'domains': [], '_metadata': {'totalCount': 5}}])
    assert list(lw.Adapter(client).paginate('x', 'domains', 'list')) == []


@pytest.mark.parametrize('body, text', [
    ([], 'the answer is a JSON list where a JSON object is documented'),
    ({}, "the answer's 'distributions' is null where a JSON list is documented"),
    ({'distributions': {}}, "'distributions' is a JSON object where a JSON list"),
    ({'distributions': [{}]}, "'distributions'[0] has no usable distribution id (got null)"),
    ({'distributions': ['di-1']}, "'distributions'[0] is a JSON string where a JSON object"),
    ({'distributions': [lw.encode_envelope('DISTRIBUTION_VOLUME', [('id', ['di-1'])])]}, 'got a JSON list'),
    ({'distributions': [lw.encode_envelope('DISTRIBUTION_VOLUME', [('id', '')])]}, "got ''"),
    ({'distributions': [lw.encode_envelope('DISTRIBUTION_VOLUME', [('id', 'di-1'), ('certificateId', {})])]},
     "'certificateId' is a JSON object where a string is documented"),
    ({'distributions': [dist('di-1')], '_metadata': []}, "'_metadata' is a JSON list"),
    ({'distributions': [dist('di-1')], '_metadata': {'totalCount': 1e999}}, 'totalCount is a JSON number'),
])
def test_paginate_refuses_what_the_seed_does_not_document(body, text):
    with pytest.raises(CdnResponseError) as err:
        list(lw.Adapter(FakeClient([body])).paginate('distributions', 'distributions', 'list distributions'))
    assert text in str(err.value)


def test_paginate_stops_a_listing_that_never_ends():
    page = {'policies': [{'id': 'po-%d' % i} for i in range(25)], '_metadata': {'totalCount': 10 ** 9}}
    with pytest.raises(CdnResponseError, match='repeats items'):
        list(lw.Adapter(FakeClient([page])).paginate('p', 'policies', 'list policies'))
    pages = [{'policies': [{'id': 'po-%d-%d' % (n, i)} for i in range(25)]} for n in range(5)]
    with pytest.raises(CdnResponseError, match='max_pages'):
        list(lw.Adapter(FakeClient(pages, max_pages=3)).paginate('p', 'policies', 'list policies'))


@pytest.mark.parametrize('ident', [None, '', ' ', '.', '..', 'a\nb'])
def test_path_refuses_ids_no_api_issues(ident):
    with pytest.raises(CdnResponseError, match='no usable id'):
        lw.path('domains', distribution_id=ident)


def test_path_encodes_every_id_as_one_segment():
    assert lw.path('acl', distribution_id='di-1', policy_id='a/b?c#d', acl_id='%2e') == \
        'distributions/di-1/policies/a%2Fb%3Fc%23d/acls/%252e'


def test_find_zone_never_builds_a_path_from_a_missing_id():
    client = FakeClient([{'distributions': [{}]}])
    with pytest.raises(CdnResponseError, match='no usable distribution id'):
        lw.Adapter(client).find_zone(hostname='cdn.example.com')
    assert [c[1] for c in client.calls] == ['distributions']


def test_get_zone_object_and_404():
    assert lw.Adapter(FakeClient([404])).get_zone('di-1') is None
    with pytest.raises(CdnResponseError, match='JSON list where a JSON object'):
        lw.Adapter(FakeClient([[]])).get_zone('di-1')
    with pytest.raises(CdnResponseError, match='no usable distribution id'):
        lw.Adapter(FakeClient([{'resourceType': 'DISTRIBUTION_VOLUME', 'data': 'x'}])).get_zone('di-1')


@pytest.mark.parametrize('policy, text', [
    ({'id': 'po-1', 'originPullId': '..'}, 'no usable id'),
    ({'id': 'po-1', 'originPullId': ['or-1']}, "'originPullId' is a JSON list where a string"),
    ({'id': 'po-1', 'cacheDefaultTtl': 'a day'}, "'cacheDefaultTtl' is a JSON string where a whole number"),
])
def test_a_policy_that_cannot_be_read_stops_the_zone(policy, text):
    client = FakeClient([{'domains': [{'domain': 'cdn.example.com', 'id': 'cdn.example.com'}]},
                         {'policies': [policy]}, {'actions': []}])
    with pytest.raises(CdnResponseError) as err:
        lw.Adapter(client)._complete(dist('di-1'))
    assert text in str(err.value)


def test_create_answer_without_id_is_maybe_applied_with_its_status():
    adapter = lw.Adapter(FakeClient([{}]))
    with pytest.raises(CdnResponseError) as err:
        adapter._created(ApiResponse(201, {}, {'resourceType': 'SIMPLE_ORIGIN', 'data': []}, ''), 'origin', 'create origin')
    assert err.value.maybe_applied is True and err.value.status == 201


@pytest.mark.parametrize('body, text', [
    ({'series': 'junk'}, "'series' is a JSON string where a JSON list"),
    ({'series': [{'all': {}}]}, "'series'[0]['all'] is a JSON object where a JSON list"),
    ({'series': [{'all': [{'2024-07-13T14:45:00Z': 'lots'}]}]}, 'holds a JSON string'),
    ({'series': [{'all': [{'2024-07-13T14:45:00Z': 1e999}]}]}, 'holds a JSON number'),
])
def test_stats_answers_are_checked(body, text):
    import datetime
    utc = datetime.timezone.utc
    query = dict(start=datetime.datetime(2024, 7, 13, tzinfo=utc), end=datetime.datetime(2024, 7, 14, tzinfo=utc),
                 zone=None, granularity='5MIN', metric='DATATRANSFER', report='customer')
    with pytest.raises(CdnResponseError) as err:
        lw.Adapter(FakeClient([body])).get_stats(query)
    assert text in str(err.value)
