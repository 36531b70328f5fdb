"""Pure logic of the trust boundary: secret forms and scrubbing, path segments, URL and id checks,
Retry-After parsing of hostile values, JSON depth, answer shapes, the page guard."""

import base64
import json
import re
import threading
from urllib.parse import quote, quote_plus

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import client as c
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import REDACTED, Secrets

TOKEN = 'Tk+/=Secret/Value+0123456789abcdef'


def _secrets(*values):
    secrets = Secrets()
    for value in values:
        secrets.add(value)
    return secrets


@pytest.mark.parametrize('form', [
    TOKEN,
    quote(TOKEN, safe=''),
    re.sub('%[0-9A-F]{2}', lambda m: m.group(0).lower(), quote(TOKEN, safe='')),
    quote_plus(TOKEN),
    json.dumps(TOKEN)[1:-1],
    json.dumps(TOKEN)[1:-1].replace('/', '\\/'),
    base64.b64encode(TOKEN.encode()).decode(),
])
def test_every_wire_form_of_a_token_is_scrubbed(form):
    text = 'provider said: bad token "%s" (try again)' % form
    scrubbed = _secrets(TOKEN).scrub(text)
    assert form not in scrubbed
    assert REDACTED in scrubbed and scrubbed.startswith('provider said: bad token')


def test_basic_header_of_user_and_key_is_scrubbed():
    secrets = Secrets()
    secrets.add_basic('admin@example.com', TOKEN)
    header = base64.b64encode(('admin@example.com:%s' % TOKEN).encode()).decode()
    assert header not in secrets.scrub('Authorization: Basic %s' % header)


def test_scrubbing_happens_on_whole_values_and_leaves_other_text():
    assert _secrets(TOKEN).scrub('nothing secret here') == 'nothing secret here'
    assert Secrets().scrub('x %s' % TOKEN) == 'x %s' % TOKEN  # nothing registered, nothing changed


def _key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pkcs8 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()).decode()
    pkcs1 = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                              serialization.NoEncryption()).decode()
    return pkcs8, pkcs1


def _body(pem):
    return ''.join(line for line in pem.splitlines() if not line.startswith('-----'))


def test_a_key_is_scrubbed_in_every_encoding_escape_and_wrapping():
    pkcs8, pkcs1 = _key()
    secrets = _secrets(pkcs8)
    body1 = _body(pkcs1)  # the re-encoding UCDN uploads: never given to Secrets directly
    rewrapped = '\n'.join(body1[i:i + 76] for i in range(0, len(body1), 76))
    for echoed in (json.dumps(pkcs8), json.dumps(pkcs1).replace('/', '\\/'), quote_plus(pkcs1), rewrapped):
        scrubbed = secrets.scrub('upload refused: %s' % echoed)
        flat = scrubbed.replace('\\n', '').replace('\n', '').replace('\\/', '/')
        for start in range(0, len(body1) - 20, 10):
            assert body1[start:start + 20] not in flat.replace('%2B', '+').replace('%2F', '/').replace('%3D', '=')
        assert scrubbed.startswith('upload refused: ')


def test_scrub_value_walks_results():
    secrets = _secrets(TOKEN)
    result = secrets.scrub_value(dict(msg='a %s b' % quote_plus(TOKEN), items=[TOKEN, 3, None]))
    assert TOKEN not in json.dumps(result) and result['items'][1:] == [3, None]


@pytest.mark.parametrize('value, encoded', [
    ('../../account', '..%2F..%2Faccount'),
    ('1?admin=1&x=', '1%3Fadmin%3D1%26x%3D'),
    ('1#frag', '1%23frag'),
    ('50%', '50%25'),
    ('di-1a2b', 'di-1a2b'),
    (1234, '1234'),
])
def test_ids_are_one_encoded_segment(value, encoded):
    assert c.path_segment(value) == encoded
    assert c.api_path('zone/{}/ssl', value) == 'zone/%s/ssl' % encoded


@pytest.mark.parametrize('value', [None, '', ' ', '.', '..', 'a\nb', 'a\x00'])
def test_ids_no_api_issues_are_refused_in_paths(value):
    with pytest.raises(CdnResponseError, match='no usable id'):
        c.path_segment(value)


@pytest.mark.parametrize('value, problem', [
    ('', 'empty'), ('..', 'path segment'), ('.', 'path segment'), ('1\r\n2', 'control character'),
    ('x' * 600, 'longer'),
])
def test_id_options_are_checked_before_any_request(value, problem):
    assert problem in c.check_id_option('zone_id', value)


def test_normal_ids_pass_the_option_check():
    for value in ('123', 'di-abc', '0533396e-e5c6-4de2-bd08-06dfa91a3ab6', 'a.b', '1?x'):
        assert c.check_id_option('zone_id', value) is None


@pytest.mark.parametrize('url, problem', [
    ('127.0.0.1:8080/ucdn', 'scheme'),
    ('ftp://example.com/', 'scheme'),
    ('https:///v3/', 'host'),
    ('https://u:p@example.com/', 'credentials'),
    ('https://example.com/a b', 'spaces'),
    ('https://example.com/\r\n', 'control'),
    ('https://example.com:99999/', 'port'),
])
def test_api_url_problems(url, problem):
    assert problem in c.check_api_url(url)


def test_api_url_accepted():
    assert c.check_api_url('https://api.ucdn.com/v3/') is None
    assert c.check_api_url('http://127.0.0.1:8080/cloudflare/api_json.html') is None


def test_origin_includes_default_ports():
    assert c.origin_of('https://Example.com/x') == ('https', 'example.com', 443)
    assert c.origin_of('https://example.com:443/y') == c.origin_of('https://example.com/')
    assert c.origin_of('http://example.com/') != c.origin_of('https://example.com/')


@pytest.mark.parametrize('value, expected', [
    ('2', 2.0), ('-5', 0.0), ('nan', None), ('soon', None), ('', None),
    ('Mon, 01 Jan 0001 00:00:00 GMT', 0.0),
])
def test_retry_after_hostile_values_never_raise(value, expected):
    assert c.parse_retry_after(value) == expected


@pytest.mark.parametrize('value', ['1e999', 'inf', 'Fri, 31 Dec 9999 23:59:59 GMT', '99999999999999999999'])
def test_retry_after_huge_values_are_bounded(value):
    assert c.parse_retry_after(value) == c.MAX_RETRY_AFTER


def test_json_depth():
    assert not c.json_depth_exceeds({'a': [1, {'b': [2]}]}, 4)  # object, list, object, list
    assert c.json_depth_exceeds({'a': [1, {'b': [2]}]}, 3)
    deep = []
    for _level in range(5000):
        deep = [deep]
    assert c.json_depth_exceeds(deep, 100)  # iterative: no RecursionError


class _Client(c.ApiClient):
    def __init__(self):  # pylint: disable=super-init-not-called  # no session: only the pure helpers are used
        self.provider = 'ucdn'
        self.secrets = Secrets()
        self._last = threading.local()


def test_expect_shapes():
    client = _Client()
    assert client.expect([{'id': 1}], ('list', ('id',)), 'list zones') == [{'id': 1}]
    for wrong, words in (({}, 'a JSON object where a JSON list'), ([1, 'a'], r'\[0\] is a JSON number'),
                         ([{}], "no usable 'id'"), ([{'id': None}], "no usable 'id'"),
                         ([{'id': {'x': 1}}], "no usable 'id'"), (None, 'null where')):
        with pytest.raises(CdnResponseError, match=words):
            client.expect(wrong, ('list', ('id',)), 'list zones')
    assert client.expect({'id': 'x'}, 'object|list', 'get zone') == {'id': 'x'}


def test_page_guard_stops_runaway_listings():
    client = _Client()
    guard = c.PageGuard(client, 'list things', max_pages=3)
    guard.page([{'id': 1}], key=lambda i: i['id'])
    with pytest.raises(CdnResponseError, match='repeats'):
        guard.page([{'id': 1}], key=lambda i: i['id'])
    guard = c.PageGuard(client, 'list things', max_pages=3)
    for n in range(3):
        guard.page([{'id': n}], key=lambda i: i['id'])
    with pytest.raises(CdnResponseError, match='max_pages'):
        guard.page([{'id': 9}], key=lambda i: i['id'])


def test_retry_budget_is_shared_and_bounded():
    client = _Client()
    client.retry_budget = 10.0
    client._budget_spent = 0.0
    client._budget_lock = threading.Lock()
    assert client._spend(2.0, 3.0)
    assert not client._spend(1.0, 5.0)  # 5 + 1 + 5 > 10: refused, the failed try still counts
    assert client._budget_left() == 4.0
