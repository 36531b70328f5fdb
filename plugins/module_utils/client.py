# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one HTTP client every module uses, and the collection's trust boundary.

One requests.Session per module run. Authentication, timeouts, retries with
jittered exponential backoff (honouring Retry-After), error mapping and a
secret-free request log live here and nowhere else. Every answer is treated
as untrusted input:

- credentials go only to the configured API origin (scheme, host, port):
  redirects are followed by this client, never by requests, and only within
  that origin (MAX_REDIRECTS hops, a write only on 307/308);
- every id put into a URL path is one percent-encoded segment (api_path);
- a success answer must be JSON of the documented top-level shape, within a
  size and a nesting depth; listings stop at a page cap and on a repeated page;
- each try has a whole-request deadline (connect plus the full body), and a
  task spends at most ``retry_budget`` seconds on retrying;
- provider text is stripped of every form of every secret (redaction.Secrets)
  before it is shortened or put into an error.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json as jsonlib
import math
import random
import re
import threading
import time
import traceback

try:
    from urllib.parse import parse_qsl, quote, urljoin, urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported by the collection
    from urllib import quote
    from urlparse import parse_qsl, urljoin, urlsplit

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
    CdnError,
    CdnAuthError,
    CdnNotFoundError,
    CdnResponseError,
    CdnTransportError,
)
# redact, REDACTED, SECRET_KEYS and PEM_OMITTED are part of this module's interface (adapters use them).
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import (  # noqa: F401  pylint: disable=unused-import
    PEM_OMITTED,
    REDACTED,
    SECRET_KEYS,
    Secrets,
    redact,
)

IDEMPOTENT_METHODS = frozenset(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'])
# Methods that only read; anything else is a write unless the caller says otherwise (APIs that read through POST).
READ_METHODS = frozenset(['GET', 'HEAD', 'OPTIONS'])
# A POST that got one of these was not processed: it is safe to send again.
POST_RETRY_STATUSES = frozenset([429, 503])

# Defaults of the bounds (options of the doc fragment edgeops.cdn.provider; docs/limits.md).
CONNECT_TIMEOUT = 10
RETRY_BUDGET = 45
MAX_RESPONSE_MB = 32
MAX_JSON_DEPTH = 100
MAX_PAGES = 1000
# Same-origin redirects followed per request; more is a loop or a misconfigured api_url.
MAX_REDIRECTS = 3
# A refused or unresolvable connection rarely heals within seconds: at most this many retries.
REFUSED_RETRIES = 2
# A try that timed out cost a whole timeout; one more try is all a slow or silent host gets.
TIMEOUT_RETRIES = 1
# The longest provider message put into an error, after secrets are removed.
MAX_MESSAGE = 300
READ_CHUNK = 65536
# The longest Retry-After taken literally (a year); anything longer reads as this.
MAX_RETRY_AFTER = 365 * 24 * 3600.0
_CONTROL = re.compile(r'[\x00-\x1f\x7f]')


# The client's bounds as options: at least 1 (POSITIVE_OPTIONS, and limits.<LIMIT_OPTIONS>) or 0 and more.
POSITIVE_OPTIONS = ('timeout', 'connect_timeout')
LIMIT_OPTIONS = ('max_response_mb', 'max_json_depth', 'max_pages')
NON_NEGATIVE_OPTIONS = ('retries', 'retry_budget')


def bound_problems(options):
    """(option, problem) for each bounds option out of range; ``options`` maps option names (limits
    as 'limits.<name>') to whole numbers or None. Modules and the inventory plugin check with it."""
    out = []
    for name, value in options.items():
        if value is None:
            continue
        if (name in POSITIVE_OPTIONS or name.startswith('limits.')) and value <= 0:
            out.append((name, '%s is not allowed; allowed: a whole number of 1 or more' % value))
        elif name in NON_NEGATIVE_OPTIONS and value < 0:
            out.append((name, '%s is not allowed; allowed: 0 or more' % value))
    return out


def parse_retry_after(value, cap=None):
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date); None when absent or unreadable.

    ``cap`` bounds the result when given; hostile values (negative, huge, dates out of range) never raise."""
    if not value:
        return None
    try:
        seconds = float(value)
        if math.isnan(seconds):
            return None
    except (TypeError, ValueError):
        try:
            parsed = email.utils.parsedate_tz(str(value))
            if parsed is None:
                return None
            seconds = email.utils.mktime_tz(parsed) - time.time()
        except (TypeError, ValueError, OverflowError, IndexError):
            return None
    # Bounded so that arithmetic and messages stay finite (inf, 1e999, dates in year 9999).
    seconds = min(max(0.0, seconds), MAX_RETRY_AFTER)
    return min(seconds, cap) if cap is not None else seconds


def backoff_delay(attempt, base, cap, rand=random.random):
    """Full-jitter exponential backoff: between half and all of base * 2**attempt."""
    ceiling = min(cap, base * (2 ** min(attempt, 30)))
    return ceiling / 2.0 + rand() * ceiling / 2.0


def path_segment(value):
    """One id as one percent-encoded URL path segment: nothing is safe (/ ? # % all encoded).

    An id no API ever issues (missing, empty, dot segments, control characters) is refused:
    such a value only comes from an answer that is not what the API documents."""
    text = '' if value is None else str(value)
    if text.strip() in ('', '.', '..') or _CONTROL.search(text):
        raise CdnResponseError('an answer held no usable id (got %r) where an id is needed for the next request'
                               % (value if value is None else text[:40]))
    return quote(text, safe='')


def api_path(template, *ids, **named):
    """A request path from a template with ``{}`` / ``{name}`` placeholders, each id one encoded segment."""
    return template.format(*[path_segment(v) for v in ids], **dict((k, path_segment(v)) for k, v in named.items()))


def check_id_option(option, value):
    """The problem with an id given by the user (None when it can be sent)."""
    text = str(value)
    if not text.strip():
        return 'is empty'
    if text in ('.', '..') or text.strip() in ('.', '..'):
        return 'is a path segment (. or ..), not an id'
    if _CONTROL.search(text):
        return 'contains a control character (line break, tab, NUL)'
    if len(text) > 512:
        return 'is longer than any id the providers issue (512 characters)'
    return None


def origin_of(url):
    """(scheme, host, port) of a URL, the port made explicit."""
    parts = urlsplit(url)
    scheme = (parts.scheme or '').lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = {'http': 80, 'https': 443}.get(scheme)
    return scheme, (parts.hostname or '').lower(), port


def url_query_secrets(url):
    """The values of secret-looking query parameters of a URL (``?token=...``)."""
    return [value.rstrip('/') for key, value in parse_qsl(urlsplit(str(url or '')).query)
            if key.lower() in SECRET_KEYS and value.rstrip('/')]


def check_api_url(url):
    """The problem with an api_url (None when it can be used): scheme, host, no credentials or spaces."""
    text = str(url)
    if _CONTROL.search(text) or ' ' in text:
        return 'contains spaces or control characters'
    parts = urlsplit(text)
    if parts.scheme.lower() not in ('http', 'https'):
        return 'has no http:// or https:// scheme'
    if not parts.hostname:
        return 'has no host name'
    if parts.username is not None or parts.password is not None:
        return 'carries credentials (user:password@); put them in api_user and api_token'
    if parts.fragment:
        return 'has a fragment (#...)'
    if parts.query:
        # Paths are joined to api_url, so a query string would end up inside the path; a token belongs in
        # api_token, where it is sent as the API's header and kept out of URLs and logs.
        return 'has a query string (?...); put a token in api_token (not in the URL) and leave other parameters out'
    try:
        parts.port
    except ValueError:
        return 'has an invalid port'
    return None


def json_depth_exceeds(value, limit):
    """True when value nests deeper than limit (iterative: deep input cannot exhaust the stack)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


_TYPE_NAMES = {dict: 'a JSON object', list: 'a JSON list', str: 'a JSON string', bool: 'a JSON boolean',
               int: 'a JSON number', float: 'a JSON number', type(None): 'null'}


def type_name(value):
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class ApiResponse:
    def __init__(self, status, headers, body, text, content_type=''):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = text
        self.content_type = content_type


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
        if text and text.strip():
            if '<' in text and HTML_TAG.search(text):
                return html_text(text)
            return text.strip()
        return None

    def body_error(self, body):
        """An error carried in a 2xx body (None when the body is a success)."""
        return None

    def is_throttled(self, status, body):
        return status == 429

    def request_id(self, headers, body):
        return None

    def request_name(self, method, path, form):
        """How a request is named in an error: its method and path (``form``: the form fields sent,
        for APIs that name the call in a field)."""
        return '%s %s' % (method, path)


def flatten_message(value):
    """Turn the many error shapes (str, list, {field: [msg]}) into one line."""
    if isinstance(value, dict):
        return '; '.join('%s: %s' % (k, flatten_message(v)) for k, v in sorted(value.items(), key=lambda kv: str(kv[0])))
    if isinstance(value, (list, tuple)):
        return '; '.join(flatten_message(v) for v in value)
    return str(value)


HTML_HEADING = re.compile(r'<(h1|title)[^>]*>(.*?)</\1>', re.I | re.S)
HTML_TAG = re.compile(r'<[^>]+>')


def html_text(text):
    """The heading (or else the text) of an HTML error page, without tags."""
    match = HTML_HEADING.search(text[:MAX_MESSAGE * 100])
    found = match.group(2) if match else text[:MAX_MESSAGE * 10]
    return ' '.join(HTML_TAG.sub(' ', found).split())[:MAX_MESSAGE] or None


def _printable(text, limit):
    text = re.sub(r'\s+', ' ', _CONTROL.sub(' ', text or '')).strip()
    return text[:limit] + ('...' if len(text) > limit else '')


class _Failure(Exception):
    """A try that brought no usable answer: its kind decides whether it is retried."""

    def __init__(self, kind, sent, detail=''):
        super(_Failure, self).__init__(kind)
        self.kind = kind      # refused, dns, connect_timeout, timeout, dropped
        self.sent = sent      # the request may have reached the server
        self.detail = detail


class ApiClient:
    """HTTP access to one provider for one module run."""

    def __init__(self, provider, base_url, timeout=30, retries=5, validate_certs=True,
                 ca_path=None, headers=None, basic_auth=None, form_auth=None,
                 dialect=None, backoff_base=0.5, backoff_cap=30.0, sleep=time.sleep,
                 connect_timeout=CONNECT_TIMEOUT, retry_budget=RETRY_BUDGET, max_response_mb=MAX_RESPONSE_MB,
                 max_json_depth=MAX_JSON_DEPTH, max_pages=MAX_PAGES, secrets=None, clock=time.monotonic, rate=None):
        self.provider = provider
        self.base_url = base_url.rstrip('/') + '/' if base_url else base_url
        self.origin = origin_of(self.base_url) if base_url else None
        self.timeout = float(timeout)
        self.connect_timeout = float(min(connect_timeout, timeout))
        self.retries = max(0, int(retries))
        self.retry_budget = max(0.0, float(retry_budget))
        self.max_response_bytes = int(max_response_mb * 1024 * 1024)
        self.max_json_depth = int(max_json_depth)
        self.max_pages = int(max_pages)
        self.form_auth = dict(form_auth or {})
        self.dialect = dialect or Dialect()
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.sleep = sleep
        self.clock = clock
        self.log = []
        # Called with the operation before every write is sent; it raises to refuse the write (check mode,
        # a plan not approved yet). The module sets it: the client is the one place every write passes.
        self.write_gate = None
        # The account's shared rate budget (rate.AccountBudget): every try takes a call from it first.
        self.rate = rate
        self.secrets = secrets if secrets is not None else Secrets()
        for value in self.form_auth.values():
            if value and value != self.form_auth.get('email'):
                self.secrets.add(value)
        # A token put in api_url's query string (UCDN documents ?token=) is a secret like the others.
        for value in url_query_secrets(self.base_url):
            self.secrets.add(value)
        self._budget_lock = threading.Lock()
        # The status of the last answer read, per thread (purges and record sets run in threads).
        self._last = threading.local()
        self._budget_spent = 0.0
        self.session = requests.Session()
        self.session.headers.update({'Accept': 'application/json',
                                     'User-Agent': 'edgeops.cdn (ansible collection)'})
        self.session.headers.update(headers or {})
        for name, value in (headers or {}).items():
            if name.lower() in SECRET_KEYS:
                self.secrets.add(value)
                # "Token <key>" style headers: the key alone is the secret too.
                self.secrets.add(str(value).split(' ', 1)[-1])
        if basic_auth:
            self.session.auth = basic_auth
            self.secrets.add(basic_auth[1])
            self.secrets.add_basic(basic_auth[0], basic_auth[1])
        # Passed on every request: a session-level verify loses to REQUESTS_CA_BUNDLE.
        self.verify = ca_path if ca_path else validate_certs

    # --- building requests -------------------------------------------------

    def url(self, path):
        """The absolute URL of a path; an absolute URL must be on the API origin."""
        if path.startswith('http://') or path.startswith('https://'):
            if origin_of(path) != self.origin:
                raise CdnResponseError('refusing to send credentials to %s: it is not the API host %s'
                                       % (self._host(path), self._host(self.base_url)), provider=self.provider)
            return path
        return self.base_url + path.lstrip('/')

    def pages(self, operation, max_pages=None):
        """A PageGuard for one paginated listing (see PageGuard)."""
        return PageGuard(self, operation, max_pages or self.max_pages)

    def expect(self, value, shape, operation, what='the answer', status=None):
        """Check a (part of a) decoded answer against a shape; raise CdnResponseError when it differs.

        shape: 'object', 'list', 'object|list', or (kind, keys): a list of objects (kind 'list')
        or an object (kind 'object') that each carry the keys, with a value that is not null."""
        keys = ()
        if isinstance(shape, tuple):
            shape, keys = shape
        allowed = shape.split('|')
        kinds = dict(object=dict, list=list)
        if not any(isinstance(value, kinds[k]) for k in allowed):
            raise self.answer_error(operation, '%s is %s where %s is documented'
                                    % (what, type_name(value), ' or '.join('a JSON ' + k for k in allowed)),
                                    status=status)
        if keys:
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                where = '%s[%d]' % (what, index) if isinstance(value, list) else what
                if not isinstance(item, dict):
                    raise self.answer_error(operation, '%s is %s where a JSON object is documented'
                                            % (where, type_name(item)), status=status)
                for key in keys:
                    if item.get(key) is None or isinstance(item.get(key), (dict, list)):
                        raise self.answer_error(operation, '%s has no usable %r (got %s)'
                                                % (where, key, type_name(item.get(key))), status=status)
        return value

    def answer_error(self, operation, problem, status=None):
        """A CdnResponseError naming the problem; the status defaults to that of the last answer read
        in this thread (adapters check an answer right after its request)."""
        if status is None:
            status = getattr(self._last, 'status', None)
        return CdnResponseError('the answer could not be used: %s' % self.secrets.scrub(problem),
                                provider=self.provider, operation=operation, status=status)

    # --- sending -------------------------------------------------------------

    def request(self, method, path, operation, params=None, json=None, data=None,
                ok=(200, 201, 202, 204), allow_not_found=False, idempotent=None, expect=None, write=None):
        """Send one logical request; return an ApiResponse or raise a CdnError.

        ``idempotent`` overrides the verb's default (APIs such as CloudFlare's
        read through POST; such reads are safe to send again).

        ``write`` overrides the verb's default (a write unless GET, HEAD or OPTIONS): a POST that only
        reads passes False. Every write goes through ``write_gate`` first and is marked in the log.

        ``allow_not_found`` turns a 404 into a None return for reads.

        ``expect`` is the documented top-level shape of a success body (see expect()).
        """
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        if write is None:
            write = method not in READ_METHODS
        url = self.url(path)
        if write and self.write_gate is not None:
            self.write_gate(operation)
        kwargs = dict(params=params, verify=self.verify, allow_redirects=False, stream=True)
        if json is not None:
            kwargs['json'] = json
        if data is not None or self.form_auth:
            form = dict(data or {})
            form.update(self.form_auth)
            kwargs['data'] = form
        attempt = 0
        hops = 0
        first_started = self.clock()
        counts = {}
        while True:
            slot = self.rate.take(operation) if self.rate is not None else None
            started = self.clock()
            deadline = started + self._try_seconds(attempt)
            entry = dict(method=method, path=path if hops == 0 else self._display_path(url),
                         operation=operation, attempt=attempt + 1,
                         params=redact(params) if params else None,
                         body=redact(json if json is not None else data), write=write)
            self.log.append(entry)
            try:
                response = self._paced_try(method, url, kwargs, deadline, operation, slot)
            except _Failure as failure:
                entry['error'] = failure.kind
                entry['elapsed'] = round(self.clock() - started, 3)
                counts[failure.kind] = counts.get(failure.kind, 0) + 1
                by_budget = False
                if self._may_retry(failure, attempt, idempotent, counts):
                    delay = backoff_delay(attempt, self.backoff_base, self.backoff_cap)
                    if self._spend(self.clock() - started, delay):
                        self.sleep(delay)
                        attempt += 1
                        continue
                    by_budget = True
                raise self._transport_error(failure, url, operation, idempotent, attempt + 1, first_started, by_budget)
            entry['status'] = response.status
            entry['elapsed'] = round(self.clock() - started, 3)
            if 300 <= response.status < 400 and response.status != 304:
                url, method, kwargs = self._follow(response, url, method, kwargs, operation, hops)
                hops += 1
                continue
            if self._should_retry(idempotent, response) and attempt < self.retries:
                delay = self._retry_delay(response, attempt, operation)
                if self._spend(self.clock() - started, delay):
                    self.sleep(delay)
                    attempt += 1
                    continue
                if delay > self._budget_left():
                    raise self._retry_after_error(response, delay, operation)
            try:
                return self._finish(response, idempotent, operation, ok, allow_not_found, expect,
                                    sent=(method, url, kwargs.get('data')))
            except CdnError:
                # Refused in the body (an error envelope with HTTP 200) or unreadable: not an applied write.
                entry['error'] = 'answer'
                raise

    # --- one try -------------------------------------------------------------

    def _try_seconds(self, attempt):
        """How long a try may take: the timeout; a retry at most what is left of the retry budget."""
        if attempt == 0:
            return self.timeout
        return max(1.0, min(self.timeout, self._budget_left()))

    def _paced_try(self, method, url, kwargs, deadline, operation, slot):
        """One try; its call of the rate budget then counts from when the answer came (no earlier
        than the provider counted it)."""
        try:
            return self._try(method, url, kwargs, deadline, operation)
        finally:
            if slot is not None:
                self.rate.done(slot)

    def _try(self, method, url, kwargs, deadline, operation):
        """Send once and read the whole answer by the deadline; an ApiResponse or a _Failure."""
        left = max(0.05, deadline - self.clock())
        try:
            raw = self.session.request(method, url, timeout=(min(self.connect_timeout, left), left), **kwargs)
        except Exception as exc:  # requests raises several families; classified here
            raise self._classify(exc, url, operation)
        try:
            return self._read(raw, deadline, operation)
        finally:
            raw.close()

    def _classify(self, exc, url, operation):
        if rexc is None:  # pragma: no cover
            raise exc
        if isinstance(exc, rexc.SSLError):
            # Retrying cannot fix a certificate the client does not trust.
            raise CdnTransportError(
                'TLS verification of %s failed; set ca_path to the CA bundle that signed it '
                '(or validate_certs: false for a test endpoint): %s' % (self._host(url), self.secrets.scrub(str(exc))[:MAX_MESSAGE]),
                provider=self.provider, operation=operation)
        if isinstance(exc, (rexc.InvalidURL, rexc.MissingSchema, rexc.InvalidSchema, rexc.InvalidHeader)):
            raise CdnTransportError('the request could not be built (%s); check api_url and the credentials'
                                    % type(exc).__name__, provider=self.provider, operation=operation)
        if isinstance(exc, rexc.ConnectTimeout):
            return _Failure('connect_timeout', sent=False)
        if isinstance(exc, rexc.Timeout):
            return _Failure('timeout', sent=True)
        text = repr(exc)
        if isinstance(exc, rexc.ConnectionError):
            if 'NameResolutionError' in text or 'Name or service not known' in text or 'getaddrinfo' in text:
                return _Failure('dns', sent=False)
            if 'Connection refused' in text or 'ConnectionRefusedError' in text or 'NewConnectionError' in text:
                return _Failure('refused', sent=False)
            return _Failure('dropped', sent=True)
        if isinstance(exc, (rexc.ChunkedEncodingError, rexc.ContentDecodingError)):
            return _Failure('dropped', sent=True)
        if isinstance(exc, rexc.RequestException):
            return _Failure('dropped', sent=True)
        raise exc

    def _read(self, raw, deadline, operation):
        """The whole body within the deadline and the size limit, decoded."""
        status = raw.status_code
        length = raw.headers.get('Content-Length')
        try:
            declared = int(length) if length is not None else None
        except ValueError:
            declared = None
        if declared is not None and declared > self.max_response_bytes:
            raise self._too_big(operation, status, declared)
        chunks = []
        size = 0
        sock = self._socket(raw)
        stream = raw.raw
        while True:
            left = deadline - self.clock()
            if left <= 0:
                raise _Failure('timeout', sent=True, detail='the answer did not complete')
            if sock is not None:
                try:
                    sock.settimeout(left)
                except (OSError, ValueError):
                    sock = None
            try:
                chunk = stream.read1(READ_CHUNK, decode_content=True) if hasattr(stream, 'read1') \
                    else stream.read(READ_CHUNK, decode_content=True)
            except Exception as exc:  # urllib3 timeout, reset, decode errors
                name = type(exc).__name__
                if 'Timeout' in name or 'timeout' in str(exc).lower():
                    raise _Failure('timeout', sent=True, detail='the answer did not complete')
                if 'Decode' in name:
                    raise self.answer_error(operation, 'its compressed body could not be decoded', status=status)
                raise _Failure('dropped', sent=True, detail='the answer was cut off')
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_response_bytes:
                raise self._too_big(operation, status, None)
            chunks.append(chunk)
        content = b''.join(chunks)
        charset = re.search(r'charset=["\']?([\w.:-]+)', raw.headers.get('Content-Type') or '', re.I)
        encoding = charset.group(1) if charset else 'utf-8'
        try:
            text = content.decode(encoding, 'replace')
        except LookupError:
            text = content.decode('utf-8', 'replace')
        content_type = (raw.headers.get('Content-Type') or '').split(';')[0].strip().lower()
        body = None
        problem = None
        if text.strip():
            try:
                body = jsonlib.loads(text)
            except RecursionError:
                problem = 'it is JSON nested deeper than limits.max_json_depth (%d)' % self.max_json_depth
            except ValueError:
                beginning = _printable(self.secrets.scrub(text), 60)
                problem = 'it is not JSON (%s, beginning %r)' % (content_type or 'no content type', beginning)
            else:
                if json_depth_exceeds(body, self.max_json_depth):
                    body = None
                    problem = 'it is JSON nested deeper than limits.max_json_depth (%d)' % self.max_json_depth
        response = ApiResponse(status, raw.headers, body, text, content_type)
        response.problem = problem
        return response

    @staticmethod
    def _socket(raw):
        """The socket under a streamed answer, to bound each read by the try's deadline."""
        try:
            return raw.raw.connection.sock
        except AttributeError:
            return None

    def _too_big(self, operation, status, declared):
        what = '%d bytes' % declared if declared is not None else 'more than %d bytes' % self.max_response_bytes
        return self.answer_error(operation, 'it is %s, over limits.max_response_mb (%d MiB)'
                                 % (what, self.max_response_bytes // (1024 * 1024)), status=status)

    # --- redirects -----------------------------------------------------------

    def _follow(self, response, url, method, kwargs, operation, hops):
        """The next (url, method, kwargs) of a same-origin redirect, or a clear refusal."""
        location = response.headers.get('Location')
        if not location:
            raise self.answer_error(operation, 'HTTP %d without a Location' % response.status, status=response.status)
        target = urljoin(url, location.strip())
        here = self._host(self.base_url)
        there = self._host(target)
        if origin_of(target) != self.origin:
            scheme_change = ''
            if origin_of(target)[0] != self.origin[0]:
                scheme_change = ' (from %s to %s)' % (self.origin[0], origin_of(target)[0] or '?')
            raise CdnResponseError(
                'the API redirected to another host, %s%s; credentials are sent only to %s, so the '
                'redirect was not followed. If the API has moved, set api_url to its new address'
                % (there, scheme_change, here),
                provider=self.provider, operation=operation, status=response.status)
        if hops >= MAX_REDIRECTS:
            raise CdnResponseError('the API redirected more than %d times; set api_url to the final address'
                                   % MAX_REDIRECTS, provider=self.provider, operation=operation, status=response.status)
        if response.status in (307, 308):
            return target, method, kwargs
        if method in ('GET', 'HEAD'):
            return target, method, kwargs
        # 301/302/303 turn a write into a GET: the write would silently not happen.
        raise CdnResponseError(
            'the API answered %s with a redirect to %s; a write is not re-sent to a redirected '
            'address. Set api_url to the address the API expects' % (method, self._display_path(target)),
            provider=self.provider, operation=operation, status=response.status)

    def _display_path(self, url):
        return urlsplit(url).path

    # --- retries -------------------------------------------------------------

    def _may_retry(self, failure, attempt, idempotent, counts):
        if attempt >= self.retries:
            return False
        if failure.kind in ('refused', 'dns'):
            return counts.get(failure.kind, 0) <= REFUSED_RETRIES
        if failure.kind in ('timeout', 'connect_timeout'):
            if counts.get('timeout', 0) + counts.get('connect_timeout', 0) > TIMEOUT_RETRIES:
                return False
        return not failure.sent or idempotent

    def _retry_delay(self, response, attempt, operation):
        delay = parse_retry_after(response.headers.get('Retry-After'))
        if delay is None:
            delay = backoff_delay(attempt, self.backoff_base, self.backoff_cap)
        return delay

    def _budget_left(self):
        with self._budget_lock:
            return max(0.0, self.retry_budget - self._budget_spent)

    def _spend(self, lost, wait):
        """Draw a failed try's time and the wait before the next one from the task's retry budget;
        False (nothing drawn) when the wait does not fit in what is left."""
        with self._budget_lock:
            if self._budget_spent + lost + wait > self.retry_budget:
                self._budget_spent += lost
                return False
            self._budget_spent += lost + wait
            return True

    def _retry_after_error(self, response, delay, operation):
        error = self._status_error(response, operation, idempotent=True)
        asked = 'a year or more' if delay >= MAX_RETRY_AFTER else '%d s' % int(delay)
        error.message = ('request failed; the API asked to wait %s before retrying (Retry-After), more than the '
                         '%d s left of retry_budget' % (asked, int(self._budget_left())))
        return error

    def _transport_error(self, failure, url, operation, idempotent, tries, first_started, by_budget=False):
        host = self._host(url)
        spent = self.clock() - first_started
        what = {
            'refused': 'connection refused by %s' % host,
            'dns': 'cannot resolve the host name %s' % host.split(':')[0],
            'connect_timeout': 'could not connect to %s within %s s (connect_timeout)' % (host, _num(self.connect_timeout)),
            'timeout': 'no complete answer from %s within %s s (timeout)' % (host, _num(self.timeout)),
            'dropped': 'the connection to %s closed without a complete answer' % host,
        }[failure.kind]
        budget = '; retry_budget of %s s spent' % _num(self.retry_budget) if by_budget else ''
        error = CdnTransportError('%s (%d %s in %.1f s%s)' % (what, tries, 'try' if tries == 1 else 'tries', spent, budget),
                                  provider=self.provider, operation=operation,
                                  maybe_applied=failure.sent and not idempotent)
        error.in_flight = failure.kind == 'timeout'
        error.in_flight_for = self.timeout if error.in_flight else 0
        return error

    @staticmethod
    def _host(url):
        parts = urlsplit(url)
        host = parts.hostname or url
        try:
            port = parts.port
        except ValueError:
            port = None
        return '%s:%d' % (host, port) if port else host

    def _should_retry(self, idempotent, response):
        if response.problem:
            return False
        throttled = self.dialect.is_throttled(response.status, response.body)
        if throttled:
            return True
        if response.status not in self.dialect.retry_statuses:
            return False
        return idempotent or response.status in POST_RETRY_STATUSES

    # --- answers -------------------------------------------------------------

    def _message(self, response):
        """The provider's own words for an error answer: secrets removed, then shortened."""
        # Secrets out first: dialects shorten what they return, which would cut a secret's form apart.
        message = self.dialect.error_message(response.status, self.secrets.scrub_value(response.body),
                                             self.secrets.scrub(response.text))
        if message is None:
            return None
        return _shorten(' '.join(self.secrets.scrub(str(message)).split()))

    def _status_error(self, response, operation, idempotent, sent=None):
        status = response.status
        if status in (401, 403):
            cls = CdnAuthError
        elif status == 404:
            cls = CdnNotFoundError
        else:
            cls = CdnApiError
        error = cls('not found' if status == 404 else 'request failed', provider=self.provider, operation=operation,
                    status=status, provider_message=self._message(response),
                    request_id=self.secrets.scrub(self.dialect.request_id(response.headers, response.body)))
        error.maybe_applied = not idempotent and status >= 500
        if status == 404 and sent is not None:
            # A 404 is most often a wrong api_url or an endpoint this API version lacks: the request says which.
            error.request = self.request_name(*sent)
        return error

    def request_name(self, method, url, form=None):
        """A request as an error names it: the method and the path as sent, without the query string
        (where a token may travel, such as UCDN's ?token=) and with every secret removed."""
        path = urlsplit(url).path or '/'
        return self.secrets.scrub(self.dialect.request_name(method, path, form or {}))

    def _finish(self, response, idempotent, operation, ok, allow_not_found, expect, sent=None):
        status = response.status
        self._last.status = status
        if status == 404 and allow_not_found:
            return None
        if status not in ok:
            raise self._status_error(response, operation, idempotent, sent)
        if response.problem:
            error = self.answer_error(operation, response.problem, status=status)
            # A write whose answer cannot be read may have been applied: callers re-read, never re-send blindly.
            error.maybe_applied = not idempotent
            raise error
        embedded = self.dialect.body_error(response.body)
        if embedded:
            message, code, cls = embedded
            # The API's own words and code say what went wrong; its HTTP status (200 on CloudFlare's client
            # API) would only mislead in the message, so it is kept in details alone.
            raise cls('request failed', provider=self.provider, operation=operation,
                      status=None, provider_message=_shorten(' '.join(self.secrets.scrub(str(message)).split())),
                      request_id=self.dialect.request_id(response.headers, response.body),
                      details=dict(code=code, http_status=status))
        if expect is not None:
            try:
                self.expect(response.body, expect, operation, status=status)
            except CdnResponseError as error:
                # A write answered in a shape that cannot be read may still have been applied.
                error.maybe_applied = not idempotent
                raise
        return response


class PageGuard:
    """Bounds one paginated listing: at most max_pages pages, and a page that repeats an
    earlier one (the same items again) or brings nothing new ends it with an error rather
    than a loop.

        guard = client.pages('list zones')
        while True:
            page = ...read...
            guard.page(items, key=lambda item: item['id'])
    """

    def __init__(self, client, operation, max_pages):
        self.client = client
        self.operation = operation
        self.max_pages = max_pages
        self.count = 0
        self.seen = set()

    def page(self, items, key=None):
        """Account for one page of items; raise CdnResponseError when the listing runs away."""
        self.count += 1
        if self.count > self.max_pages:
            raise self.client.answer_error(self.operation, 'the listing did not end within limits.max_pages (%d pages)'
                                           % self.max_pages)
        if not items:
            return
        idents = set()
        for item in items:
            try:
                ident = key(item) if key else jsonlib.dumps(item, sort_keys=True, default=str)
            except (KeyError, TypeError, AttributeError, ValueError):
                ident = None
            idents.add(str(ident))
        if idents <= self.seen:
            raise self.client.answer_error(self.operation, 'page %d repeats items of earlier pages (the listing does not advance)'
                                           % self.count)
        self.seen.update(idents)


def _shorten(message):
    return message[:MAX_MESSAGE] + '...' if len(message) > MAX_MESSAGE else message


def _num(value):
    return ('%d' % value) if float(value).is_integer() else ('%.1f' % value)
