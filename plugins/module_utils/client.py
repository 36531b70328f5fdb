# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every module uses.

One requests.Session per module run. Authentication, timeouts, retries with
jittered exponential backoff (honouring Retry-After), error mapping and a
secret-free request log all live here and nowhere else.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json as jsonlib
import random
import time
import traceback

try:
    import requests
    from requests import exceptions as rexc
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the missing_required_lib path
    requests = None
    rexc = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnNotFoundError,
    CdnTransportError,
)

# Keys whose values never appear in a log line, a diff or an error.
SECRET_KEYS = frozenset([
    'api_token', 'token', 'tkn', 'password', 'ftp_password', 'private_key',
    'privatekey', 'key', 'secret_key', 'signing_key', 'url_signing_key',
    'security_token', 'securitytokensecret', 'securitytokenaeskey', 'securitytokenshakey', 'hash_secret',
    'x-ucdn-token', 'x-lsw-auth',
    'authorization', 'pass', 'form_pass',
])
REDACTED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'

IDEMPOTENT_METHODS = frozenset(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'])
# A POST that got one of these was not processed: it is safe to send again.
POST_RETRY_STATUSES = frozenset([429, 503])


PEM_OMITTED = '(PEM omitted)'


def redact(value):
    """Return a copy of value with every secret-looking key masked, and PEM
    text (certificates, chains, keys under any name) left out: results and
    logs show fingerprints, never PEM."""
    if isinstance(value, str) and '-----BEGIN ' in value:
        return PEM_OMITTED
    if isinstance(value, dict):
        return dict(
            (k, REDACTED if str(k).lower() in SECRET_KEYS and v not in (None, '') else redact(v))
            for k, v in value.items()
        )
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def parse_retry_after(value, cap):
    """Seconds to wait from a Retry-After header (delta or HTTP date), capped."""
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        if parsed is None:
            return None
        seconds = email.utils.mktime_tz(parsed) - time.time()
    return max(0.0, min(seconds, cap))


def backoff_delay(attempt, base, cap, rand=random.random):
    """Full-jitter exponential backoff: between half and all of base * 2**attempt."""
    ceiling = min(cap, base * (2 ** attempt))
    return ceiling / 2.0 + rand() * ceiling / 2.0


class ApiResponse:
    def __init__(self, status, headers, body, text):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = text


class Dialect:
    """How one provider shapes errors; adapters subclass it.

    The default reads the usual JSON error keys.
    """

    retry_statuses = frozenset([429, 500, 502, 503, 504])

    def error_message(self, status, body, text):
        if isinstance(body, dict):
            for key in ('message', 'detail', 'error', 'errorMessage', 'msg', 'errors'):
                if body.get(key):
                    return flatten_message(body[key])
            if body:
                return flatten_message(body)
        if text:
            return text.strip()[:300]
        return None

    def body_error(self, body):
        """An error carried in a 2xx body (None when the body is a success)."""
        return None

    def is_throttled(self, status, body):
        return status == 429

    def request_id(self, headers, body):
        return None


def flatten_message(value):
    """Turn the many error shapes (str, list, {field: [msg]}) into one line."""
    if isinstance(value, dict):
        return '; '.join('%s: %s' % (k, flatten_message(v)) for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return '; '.join(flatten_message(v) for v in value)
    return str(value)


class ApiClient:
    """HTTP access to one provider for one module run."""

    def __init__(self, provider, base_url, timeout=30, retries=5, validate_certs=True,
                 ca_path=None, headers=None, basic_auth=None, form_auth=None,
                 dialect=None, backoff_base=0.5, backoff_cap=30.0, sleep=time.sleep):
        self.provider = provider
        self.base_url = base_url.rstrip('/') + '/' if base_url else base_url
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.form_auth = dict(form_auth or {})
        self.dialect = dialect or Dialect()
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.sleep = sleep
        self.log = []
        self.session = requests.Session()
        self.session.headers.update({'Accept': 'application/json',
                                     'User-Agent': 'edgeops.cdn (ansible collection)'})
        self.session.headers.update(headers or {})
        if basic_auth:
            self.session.auth = basic_auth
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE.
        self.verify = ca_path if ca_path else validate_certs

    def url(self, path):
        if path.startswith('http://') or path.startswith('https://'):
            return path
        return self.base_url + path.lstrip('/')

    def request(self, method, path, operation, params=None, json=None, data=None,
                ok=(200, 201, 202, 204), allow_not_found=False, idempotent=None):
        """Send one logical request; return an ApiResponse or raise a CdnError.

        ``idempotent`` overrides the verb's default (APIs such as CloudFlare's
        read through POST; such reads are safe to send again).

        ``allow_not_found`` turns a 404 into a None return for reads.
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        url = self.url(path)
        kwargs = dict(params=params, timeout=self.timeout, verify=self.verify)
        if json is not None:
            kwargs['json'] = json
        if data is not None or self.form_auth:
            form = dict(data or {})
            form.update(self.form_auth)
            kwargs['data'] = form
        attempt = 0
        while True:
            started = time.time()
            entry = dict(method=method, path=path, operation=operation, attempt=attempt + 1,
                         params=redact(params) if params else None,
                         body=redact(json if json is not None else data))
            self.log.append(entry)
            try:
                raw = self.session.request(method, url, **kwargs)
            except Exception as exc:  # requests raises several families; classify below
                entry['error'] = type(exc).__name__
                entry['elapsed'] = round(time.time() - started, 3)
                if rexc is not None and isinstance(exc, rexc.SSLError):
                    # Retrying cannot fix a certificate the client does not trust.
                    raise CdnTransportError(
                        'TLS verification of %s failed; set ca_path to the CA bundle that signed it '
                        '(or validate_certs: false for a test endpoint): %s' % (self._host(url), exc),
                        provider=self.provider, operation=operation)
                sent = not self._never_sent(exc)
                if attempt < self.retries and (not sent or idempotent):
                    self.sleep(backoff_delay(attempt, self.backoff_base, self.backoff_cap))
                    attempt += 1
                    continue
                error = CdnTransportError(
                    'no answer from %s (%s)' % (self._host(url), type(exc).__name__),
                    provider=self.provider, operation=operation,
                    maybe_applied=sent and not idempotent)
                error.in_flight = rexc is not None and isinstance(exc, rexc.Timeout)
                error.in_flight_for = self.timeout if error.in_flight else 0
                raise error
            response = self._wrap(raw)
            entry['status'] = response.status
            entry['elapsed'] = round(time.time() - started, 3)
            if self._should_retry(idempotent, response) and attempt < self.retries:
                delay = parse_retry_after(response.headers.get('Retry-After'), self.backoff_cap)
                if delay is None:
                    delay = backoff_delay(attempt, self.backoff_base, self.backoff_cap)
                self.sleep(delay)
                attempt += 1
                continue
            return self._finish(response, idempotent, operation, ok, allow_not_found)

    # internals -----------------------------------------------------------

    @staticmethod
    def _host(url):
        return url.split('/')[2] if '://' in url else url

    @staticmethod
    def _never_sent(exc):
        """True when the request provably never reached the server."""
        if rexc is not None and isinstance(exc, rexc.ConnectTimeout):
            return True
        if rexc is not None and isinstance(exc, rexc.ConnectionError):
            text = repr(exc)
            return 'NewConnectionError' in text or 'Connection refused' in text
        return False

    def _wrap(self, raw):
        text = raw.text or ''
        body = None
        if text.strip():
            try:
                body = jsonlib.loads(text)
            except ValueError:
                body = None
        return ApiResponse(raw.status_code, raw.headers, body, text)

    def _should_retry(self, idempotent, response):
        throttled = self.dialect.is_throttled(response.status, response.body)
        if throttled:
            return True
        if response.status not in self.dialect.retry_statuses:
            return False
        return idempotent or response.status in POST_RETRY_STATUSES

    def _finish(self, response, idempotent, operation, ok, allow_not_found):
        status = response.status
        request_id = self.dialect.request_id(response.headers, response.body)
        if status == 404 and allow_not_found:
            return None
        if status not in ok:
            message = self.dialect.error_message(status, response.body, response.text)
            if status in (401, 403):
                cls = CdnAuthError
            elif status == 404:
                cls = CdnNotFoundError
            else:
                cls = CdnApiError
            error = cls('request failed', provider=self.provider, operation=operation,
                        status=status, provider_message=message, request_id=request_id)
            error.maybe_applied = not idempotent and status >= 500
            raise error
        embedded = self.dialect.body_error(response.body)
        if embedded:
            message, code, cls = embedded
            raise cls('request failed', provider=self.provider, operation=operation,
                      status=status, provider_message=message,
                      request_id=request_id, details=dict(code=code))
        return response
