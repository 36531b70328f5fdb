"""CloudFlare api.py: the Dialect (2.2 "Error Conditions": errors in a 200 body, E_MAXAPI is
throttling), the action table and the one request helper, with a fake client."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError, CdnAuthError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare import api

DIALECT = api.CloudflareDialect()


def test_success_body_is_no_error():
    assert DIALECT.body_error({'result': 'success', 'msg': None}) is None


def test_unauth_is_an_auth_error():
    message, code, cls = DIALECT.body_error({'result': 'error', 'msg': 'Unknown token or email', 'err_code': 'E_UNAUTH'})
    assert message == 'Unknown token or email (E_UNAUTH)'
    assert code == 'E_UNAUTH' and cls is CdnAuthError


def test_error_without_code():
    message, code, cls = DIALECT.body_error({'request': {'act': 'rec_edit'}, 'result': 'error', 'msg': 'Invalid record id.'})
    assert message == 'Invalid record id.' and code is None and cls is CdnApiError


@pytest.mark.parametrize('body', [None, [], 'text', {'response': {}}])
def test_not_an_envelope_is_an_error(body):
    message, _code, cls = DIALECT.body_error(body)
    assert cls is CdnApiError and message


def test_throttling():
    maxapi = {'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.', 'err_code': 'E_MAXAPI'}
    assert DIALECT.is_throttled(200, maxapi) is True
    assert DIALECT.is_throttled(429, None) is True
    assert DIALECT.is_throttled(200, {'result': 'error', 'msg': 'x', 'err_code': 'E_INVLDINPUT'}) is False
    assert DIALECT.is_throttled(200, {'result': 'success'}) is False


def test_error_message_on_http_error():
    assert DIALECT.error_message(500, {'result': 'error', 'msg': 'boom'}, '') == 'boom'
    # HTML error pages are reduced to their text (client.html_text).
    assert DIALECT.error_message(502, None, '<html>bad gateway</html>') == 'bad gateway'


def test_auth_is_form_fields():
    assert cloudflare.Adapter.auth_options('key', 'me@example.com') == {'form_auth': {'tkn': 'key', 'email': 'me@example.com'}}


def test_single_file_purges_are_safe_to_resend_but_purge_all_is_not():
    assert 'zone_file_purge' in api.IDEMPOTENT_ACTIONS and 'fpurge_ts' not in api.IDEMPOTENT_ACTIONS


def test_action_table():
    # Every action names its section of the document; what would act twice when resent is not idempotent.
    assert all(section[0] in '345' for section, _safe in api.ACTIONS.values())
    assert set(api.ACTIONS) - api.IDEMPOTENT_ACTIONS == set(['rec_new', 'fpurge_ts', 'zone_grab'])


def test_only_the_retrieve_actions_are_reads():
    # Section 3 ("Retrieve") reads; the client logs and gates everything else as a write.
    assert api.READ_ACTIONS == set(['stats', 'zone_load_multi', 'rec_load_all', 'zone_check', 'zone_ips',
                                    'ip_lkup', 'zone_settings'])


def test_call_posts_the_action_to_api_json_without_unset_fields(fake_client):
    client = fake_client([{'result': 'success', 'msg': None}])
    body = cloudflare.Adapter(client).call('minify', 'set minify', z='example.com', v='3', o=None)
    assert body == {'result': 'success', 'msg': None}
    assert client.sent == [('POST', 'https://sim.example/cloudflare/api_json.html', 'set minify',
                            {'a': 'minify', 'z': 'example.com', 'v': '3'})]
