"""Leaseweb's account facts (providers/leaseweb/account.py): "Get All Templates" (GET policyTemplates in
Leaseweb's "Developer API" listing) shows no answer, so a template needs only an id, a string or a whole
number; everything else is only shown."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter

from ._fake import FakeClient


def listing(*templates):
    return {'policyTemplates': list(templates), '_metadata': {'totalCount': len(templates), 'limit': 25, 'offset': 0}}


def test_templates_with_string_or_number_ids_and_extra_fields():
    client = FakeClient([listing({'id': 'pt-1', 'name': 'Static', 'ttl': 86400}, {'id': 7, 'name': 5})])
    account = Adapter(client).get_account()
    assert account['details']['policy_templates'] == [
        {'id': 'pt-1', 'name': 'Static', 'description': None, 'ttl': 86400},
        {'id': '7', 'name': 5, 'description': None}]
    assert account['raw'] == {'policyTemplates': [{'id': 'pt-1', 'name': 'Static', 'ttl': 86400}, {'id': 7, 'name': 5}]}
    assert [account[k] for k in ('id', 'username', 'name', 'email', 'timezone', 'trial')] == [None] * 6
    assert client.calls == [('GET', 'policyTemplates', {'limit': 25, 'offset': 0})]


@pytest.mark.parametrize('template, text', [
    ({'name': 'no id'}, 'has no usable template id'),
    ({'id': True}, 'has no usable template id'),
    ({'id': ''}, 'has no usable template id'),
    ('pt-1', 'is a JSON string where a JSON object'),
])
def test_a_template_that_cannot_be_read_is_an_error(template, text):
    with pytest.raises(CdnResponseError) as raised:
        Adapter(FakeClient([listing(template)])).get_account()
    assert text in str(raised.value)
