"""The simulator's shared pieces: requests, responses, clock, faults, log.

Each provider lives in providers/<name>.py as a ProviderApp subclass with a
route table; server.py dispatches to it by path prefix.
"""

import json
import re
import threading
import time
from urllib.parse import parse_qs


class Request:
    def __init__(self, method, path, query, headers, body):
        self.method = method
        self.path = path
        self.query = dict((k, v[-1]) for k, v in parse_qs(query, keep_blank_values=True).items())
        self.headers = headers
        self.body = body or b''
        self.mutating = method not in ('GET', 'HEAD', 'OPTIONS')
        self.params = {}

    @property
    def content_type(self):
        return (self.headers.get('Content-Type') or '').split(';')[0].strip().lower()

    def json(self):
        if not self.body:
            return None
        try:
            return json.loads(self.body.decode('utf-8'))
        except ValueError:
            return None

    def form(self):
        return dict((k, v[-1]) for k, v in parse_qs(self.body.decode('utf-8'), keep_blank_values=True).items())

    def data(self):
        """The body as a dict, whether JSON or form encoded."""
        if self.content_type == 'application/x-www-form-urlencoded':
            return self.form()
        parsed = self.json()
        if parsed is None and self.body:
            return self.form()
        return parsed


class Response:
    def __init__(self, status=200, body=None, headers=None, raw=None, content_type='application/json', throttled=False):
        self.status = status
        self.body = body
        self.headers = dict(headers or {})
        self.raw = raw
        self.content_type = content_type
        # Refused by an account rate limit (a 429, or CloudFlare's E_MAXAPI in a 200): marked in the log.
        self.throttled = throttled

    def payload(self):
        if self.raw is not None:
            return self.raw.encode('utf-8') if isinstance(self.raw, str) else self.raw
        if self.body is None:
            return b''
        return json.dumps(self.body).encode('utf-8')


def json_response(body, status=200, headers=None, throttled=False):
    return Response(status, body, headers, throttled=throttled)


class Clock:
    """Simulated time: real time times a speed, plus whatever tests skip ahead."""

    def __init__(self):
        self.reset()

    def reset(self):
        self._base_real = time.time()
        self._base_sim = self._base_real
        self.speed = 1.0

    def now(self):
        return self._base_sim + (time.time() - self._base_real) * self.speed

    def advance(self, seconds):
        now = self.now()
        self._base_real = time.time()
        self._base_sim = now + seconds

    def set_speed(self, speed):
        now = self.now()
        self._base_real = time.time()
        self._base_sim = now
        self.speed = float(speed)


class Fault:
    """Misbehave on matching requests: by provider, method, path regex, Nth match."""

    def __init__(self, spec):
        self.provider = spec.get('provider')
        self.method = (spec.get('method') or '').upper() or None
        self.path = re.compile(spec['path']) if spec.get('path') else None
        self.action = spec.get('action')  # CloudFlare's "a" form field
        self.nth = int(spec.get('nth', 1))
        self.count = int(spec.get('count', 1))
        self.status = spec.get('status')
        self.body = spec.get('body')
        self.retry_after = spec.get('retry_after')
        self.delay = float(spec.get('delay', 0))
        self.drop = bool(spec.get('drop'))
        self.apply_then_drop = bool(spec.get('apply_then_drop'))
        self.seen = 0
        self.fired = 0

    def matches(self, provider, request):
        if self.provider and self.provider != provider:
            return False
        if self.method and self.method != request.method:
            return False
        if self.path and not self.path.search(request.path):
            return False
        if self.action and (request.data() or {}).get('a', request.query.get('a')) != self.action:
            return False
        return True

    def take(self, provider, request):
        """True when this request is one the fault hits."""
        if not self.matches(provider, request):
            return False
        self.seen += 1
        if self.seen >= self.nth and self.fired < self.count:
            self.fired += 1
            return True
        return False

    def response(self):
        headers = {}
        if self.retry_after is not None:
            headers['Retry-After'] = str(self.retry_after)
        body = self.body if self.body is not None else {'message': 'injected fault'}
        if isinstance(body, str):
            return Response(self.status or 503, raw=body, headers=headers, content_type='text/plain')
        return Response(self.status or 503, body, headers)


class ProviderApp:
    """Base of one provider's fake API: routes, state, auth."""

    name = None
    prefix = None
    routes = ()

    def __init__(self, sim):
        self.sim = sim
        self._compiled = [(m, re.compile('^' + p + '$'), h) for m, p, h in self.routes]
        self.reset()

    def reset(self):
        raise NotImplementedError

    def seed(self, data):
        raise NotImplementedError

    def dump(self):
        raise NotImplementedError

    def authenticate(self, request):
        """Return None when authorised, else the provider's error Response."""
        return None

    def not_found(self, request):
        return json_response({'message': 'not found'}, 404)

    def method_not_allowed(self, request):
        return json_response({'message': 'method not allowed'}, 405)

    def classify(self, request):
        """Hook: mark request.mutating for APIs that write through POST-only endpoints."""

    def handle(self, request):
        denied = self.authenticate(request)
        if denied is not None:
            return denied
        path_matched = False
        for method, pattern, handler in self._compiled:
            match = pattern.match(request.path)
            if not match:
                continue
            path_matched = True
            if method != request.method and not (isinstance(method, tuple) and request.method in method):
                continue
            request.params = match.groupdict()
            return getattr(self, handler)(request, **request.params)
        if path_matched:
            return self.method_not_allowed(request)
        return self.not_found(request)

    @property
    def now(self):
        return self.sim.clock.now()


class Sim:
    """All state of one simulator process."""

    def __init__(self, app_classes, tokens=None):
        self.lock = threading.RLock()
        self.clock = Clock()
        self.log = []
        self.faults = []
        self.tokens = tokens or {}
        self.apps = dict((cls.name, cls(self)) for cls in app_classes)

    def reset(self):
        with self.lock:
            self.clock.reset()
            self.log = []
            self.faults = []
            for app in self.apps.values():
                app.reset()

    def app_for(self, path):
        for app in self.apps.values():
            if path.startswith(app.prefix):
                return app, path[len(app.prefix):]
        return None, path
