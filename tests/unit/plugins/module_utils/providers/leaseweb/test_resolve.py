"""Leaseweb's origin check (providers/leaseweb/common.py): "Validate If Origin Can Be Resolved"
(GET origins/{origin_id}/resolve in Leaseweb's "Developer API" listing) shows no answer, so it is read
liberally; a fake client answers what the API might."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnNotFoundError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter

from ._fake import FakeClient


class AnswerClient(FakeClient):
    """Answers one status and body, or raises the error the real client raises for it."""

    def __init__(self, answer):
        super(AnswerClient, self).__init__([None])
        self.answer_ = answer

    def request(self, method, path, operation, **kwargs):
        self.calls.append((method, path, kwargs.get('ok')))
        if isinstance(self.answer_, Exception):
            raise self.answer_
        status, body = self.answer_
        return ApiResponse(status, {}, body, '')


def error(cls, status, message):
    return cls('request failed', provider='leaseweb', operation='resolve origin', status=status,
               provider_message=message)


@pytest.mark.parametrize('answer, expected', [
    ((200, {'resolvable': True, 'addresses': ['192.0.2.1']}), (True, None)),
    ((200, {}), (True, None)),
    ((200, []), (True, None)),
    ((204, None), (True, None)),
    ((200, {'resolvable': False, 'message': 'NXDOMAIN'}), (False, 'NXDOMAIN')),
    ((200, {'success': False}), (False, 'the answer says it cannot be resolved')),
    (error(CdnApiError, 400, 'The origin host x.invalid cannot be resolved.'),
     (False, 'The origin host x.invalid cannot be resolved.')),
    (error(CdnApiError, 422, None), (False, 'HTTP 422')),
])
def test_answers_read_liberally(answer, expected):
    client = AnswerClient(answer)
    assert Adapter(client).origin_resolution('or-1') == expected
    assert client.calls == [('GET', 'origins/or-1/resolve', (200, 202, 204))]


@pytest.mark.parametrize('answer', [
    error(CdnAuthError, 403, 'Forbidden'),
    error(CdnNotFoundError, 404, 'Resource not found.'),
    error(CdnApiError, 500, 'Internal error'),
])
def test_other_errors_stay_errors(answer):
    with pytest.raises(type(answer)):
        Adapter(AnswerClient(answer)).origin_resolution('or-1')


def test_a_no_names_the_option_the_origin_and_the_providers_words():
    adapter = Adapter(AnswerClient(error(CdnApiError, 400, 'The origin host x.invalid cannot be resolved.')))
    with pytest.raises(CdnValidationError) as raised:
        adapter.require_resolvable('or-1', 'origin_id', host='x.invalid')
    assert str(raised.value).startswith('option origin_id: origin or-1 (x.invalid) cannot be resolved by Leaseweb: '
                                        'The origin host x.invalid cannot be resolved.; allowed: ')
    assert raised.value.option == 'origin_id'
