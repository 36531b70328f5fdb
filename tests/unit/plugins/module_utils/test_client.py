"""Pure helpers of client.py: backoff, Retry-After, redaction, error flattening."""

import email.utils
import time

from ansible_collections.edgeops.cdn.plugins.module_utils import client as c


def test_backoff_is_jittered_exponential_and_capped():
    assert c.backoff_delay(0, 1.0, 30, rand=lambda: 0.0) == 0.5
    assert c.backoff_delay(0, 1.0, 30, rand=lambda: 1.0) == 1.0
    assert c.backoff_delay(3, 1.0, 30, rand=lambda: 1.0) == 8.0
    assert c.backoff_delay(10, 1.0, 30, rand=lambda: 1.0) == 30


def test_retry_after_seconds_and_date_are_capped():
    assert c.parse_retry_after('2', 30) == 2.0
    assert c.parse_retry_after('120', 30) == 30
    assert c.parse_retry_after(None, 30) is None
    future = email.utils.formatdate(time.time() + 10, usegmt=True)
    assert 8 <= c.parse_retry_after(future, 30) <= 10


def test_redact_masks_nested_secrets_only():
    body = dict(name='z', upstream=dict(auth=dict(password='p', username='u')), tkn='t', items=[dict(key='k')])
    red = c.redact(body)
    assert red['upstream']['auth'] == dict(password=c.REDACTED, username='u')
    assert red['tkn'] == c.REDACTED and red['items'][0]['key'] == c.REDACTED and red['name'] == 'z'


def test_dialect_flattens_error_shapes():
    d = c.Dialect()
    assert d.error_message(400, {'domain_name': ['This field is required.']}, '') == 'domain_name: This field is required.'
    assert d.error_message(404, {'errors': ['Resource not found']}, '') == 'Resource not found'
    assert d.error_message(500, None, '<html><h1>Bad gateway</h1><p>x</p></html>') == 'Bad gateway'
    assert d.error_message(500, None, 'plain words') == 'plain words'


def test_redact_leaves_pem_out_under_any_name():
    pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'
    red = c.redact(dict(certificate=pem, caBundle=pem, cert=[pem], description='www'))
    assert red == dict(certificate=c.PEM_OMITTED, caBundle=c.PEM_OMITTED, cert=[c.PEM_OMITTED], description='www')
