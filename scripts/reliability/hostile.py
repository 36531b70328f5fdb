"""The hostile-server suite: the client as a trust boundary (make reliability, section "hostile").

Every probe runs a real module (a new interpreter, the module file executed as __main__ with an
args file, as Ansible does) against a small server of its own on loopback that misbehaves the way
real networks, proxies, WAFs and broken API versions do. Most probes use HostileProxy: it
forwards to the simulator and answers the requests a rule matches itself (a redirect, an HTML
page with status 200, a wrong shape, a huge, deep, endless or trickling body, a hostile
Retry-After, an error that echoes what was sent). Others use a catcher (the target of a
redirect), a port nobody listens on, or a server that accepts and never answers.

A probe is safe when the module ends with JSON and no traceback, fails (or succeeds, where that
is right) with a message that says what happened, sends no credential to another origin, leaks
no form of any secret, puts every id into a path as one segment, and writes nothing after a read
it could not understand. The figures (reports/reliability.json):

    hostile_probes, hostile_safe, redirect_credential_leaks, encoded_secret_leaks, tracebacks,
    writes_after_unreadable_read, path_escapes, max_module_rss_mb, slow_body_seconds,
    unreachable_fail_seconds {refused_port, silent_host}
"""

import base64
import html
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, quote_plus, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MODULES = os.path.join(REPO, 'plugins', 'modules')

from tests.simulator.client import API_PATHS
from tests.simulator.runner import args_file, module_env

PROVIDERS = tuple(sorted(API_PATHS))
USER = 'admin@example.com'
SIM_TOKEN = 'sim-token'
# A token with every character that changes under encoding (+ / = and a space-free tail).
HOSTILE_TOKEN = 'Tk+/=Hostile/Secret+Token=0123456789abcdefXYZ'
FTP_SECRET = 'Ftp+/=Hostile-Password/0123456789'
# CloudFlare reads go through POST: these actions change nothing.
CLOUDFLARE_READS = frozenset(['zone_load_multi', 'rec_load_all', 'stats', 'zone_check', 'ip_lkup', 'zone_ips',
                              'zone_settings', 'direct'])
ZONE_CREATE = {
    'cloakfusion': dict(hostname='static.example.com', origin='https://origin.example.com'),
    'ucdn': dict(hostname='cdn.example.com', origin='https://origin.example.com', cache_ttl=3600),
    'leaseweb': dict(hostname='media.example.com', origin='https://origin.example.com', cache_ttl=3600),
    'cloudflow': dict(hostname='assets.example.com', origin='https://origin.example.com'),
    'cloudflare': dict(hostname='example.com', settings=dict(sec_lvl='high')),
}
# The listing each provider reads before creating a zone: (method, path regex, CloudFlare action).
ZONE_LISTING = {
    'ucdn': ('GET', r'^/ucdn/v3/zones(\?|$)', None),
    'leaseweb': ('GET', r'^/leaseweb/cdn/v2/distributions(\?|$)', None),
    'cloudflow': ('GET', r'^/cloudflow/cdn_resources\.json(\?|$)', None),
    'cloakfusion': ('GET', r'^/cloakfusion/api/v1/vhosts/?(\?|$)', None),
    'cloudflare': ('POST', r'^/cloudflare/api_json\.html', 'zone_load_multi'),
}
MiB = 1024 * 1024
SPEED = 1000  # the simulator's clock: deployments and purge jobs finish at once (as in cases.py)


# --- running a module ---------------------------------------------------------------------------

def run(name, args, check=False, verbosity=0, timeout=300):
    """Run one module in a new interpreter; its JSON plus _rc, _out, _err, _seconds, _rss_mb, _json."""
    path = args_file(args, check=check, diff=True, verbosity=verbosity)
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    started = time.time()
    proc = subprocess.Popen([sys.executable, os.path.join(MODULES, name + '.py'), path], stdout=out, stderr=err,
                            env=module_env())
    rss_kb = 0
    deadline = started + timeout
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                rss_kb = usage.ru_maxrss
                rc = os.waitstatus_to_exitcode(status)
                proc.returncode = rc
                break
            if time.time() > deadline:
                proc.kill()
                _pid, status, usage = os.wait4(proc.pid, 0)
                rc = -9
                proc.returncode = rc
                break
            time.sleep(0.02)
    finally:
        os.unlink(path)
    seconds = time.time() - started
    out.seek(0)
    err.seek(0)
    stdout = out.read().decode('utf-8', 'replace')
    stderr = err.read().decode('utf-8', 'replace')
    result = {}
    try:
        result = json.loads(stdout[stdout.index('{'):])
        parsed = True
    except ValueError:
        parsed = False
    result.update(_rc=rc, _out=stdout, _err=stderr, _seconds=round(seconds, 2), _rss_mb=round(rss_kb / 1024.0, 1),
                  _json=parsed)
    return result


def traceback_in(result):
    """A run that crashed: no JSON, a Python traceback anywhere, or an exception in the result."""
    text = result['_out'] + result['_err']
    return (not result['_json'] or 'Traceback (most recent call last)' in text or 'exception' in result
            or 'MODULE FAILURE' in text)


def creds(provider, base, token=SIM_TOKEN, **extra):
    args = dict(provider=provider, api_url=base + API_PATHS[provider], api_token=token)
    if provider in ('cloudflare', 'cloudflow'):
        args['api_user'] = USER
    args.update(extra)
    return args


# --- the servers --------------------------------------------------------------------------------

class Seen:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path            # as received: the raw request target
        self.headers = headers
        self.body = body

    @property
    def action(self):
        """CloudFlare's ``a`` (form field), else None."""
        form = parse_qs(self.body.decode('utf-8', 'replace'))
        return (form.get('a') or [None])[0]

    def text(self):
        return '%s %s\n%s\n\n%s' % (self.method, self.path, '\n'.join('%s: %s' % kv for kv in self.headers.items()),
                                    self.body.decode('utf-8', 'replace'))

    @property
    def mutating(self):
        if self.method in ('GET', 'HEAD', 'OPTIONS'):
            return False
        if self.path.startswith('/cloudflare/'):
            return self.action not in CLOUDFLARE_READS
        return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    disable_nagle_algorithm = True

    def log_message(self, fmt, *args):
        return

    def _handle(self):
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(length) if length else b''
        seen = Seen(self.command, self.path, dict(self.headers.items()), body)
        seen.owner = self.server.owner
        self.server.owner.seen.append(seen)
        try:
            self.server.owner.answer(self, seen)
        except (BrokenPipeError, ConnectionResetError, socket.timeout, ssl.SSLError, OSError):
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # A refused or silent probe leaves threads blocked: never wait for them on close.
    block_on_close = False


class Endpoint:
    """A loopback HTTP(S) server that records every request and answers through answer()."""

    def __init__(self, tls=None):
        self.seen = []
        self.server = _Server(('127.0.0.1', 0), _Handler)
        self.server.owner = self
        self.scheme = 'http'
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(tls['cert'], tls['key'])
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = 'https'
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self):
        return '%s://127.0.0.1:%d' % (self.scheme, self.port)

    @property
    def hostport(self):
        return '127.0.0.1:%d' % self.port

    def answer(self, handler, seen):
        send(handler, 200, b'[]')

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def send(handler, status, body, ctype='application/json', headers=None, length=True):
    if isinstance(body, str):
        body = body.encode('utf-8')
    handler.send_response(status)
    handler.send_header('Content-Type', ctype)
    if length:
        handler.send_header('Content-Length', str(len(body)))
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.end_headers()
    if handler.command != 'HEAD':
        handler.wfile.write(body)
        handler.wfile.flush()


class Catcher(Endpoint):
    """Where a hostile redirect points: records whatever arrives (no request should)."""


class HostileProxy(Endpoint):
    """Forwards to the simulator, except what a rule answers itself.

    A rule is (match(seen) -> bool, action(handler, seen, proxy)); the first that matches answers.
    Tokens are rewritten on the way to the simulator, so a probe can use a hostile token the
    simulator does not know.
    """

    def __init__(self, upstream, rules=(), tls=None, token=SIM_TOKEN):
        self.upstream = urlsplit(upstream)
        self.rules = list(rules)
        self.echoed = []
        self.token = token
        super(HostileProxy, self).__init__(tls=tls)

    def answer(self, handler, seen):
        for match, action in self.rules:
            if match(seen):
                return action(handler, seen, self)
        return self.forward(handler, seen)

    def _rewrite(self, text):
        if self.token == SIM_TOKEN:
            return text
        for form in (self.token, quote_plus(self.token), quote(self.token, safe='')):
            text = text.replace(form, SIM_TOKEN)
        return text

    def upstream_answer(self, seen):
        """(status, headers, body) of the simulator for a request as the module sent it."""
        import http.client
        headers = {}
        for key, value in seen.headers.items():
            if key.lower() in ('host', 'connection', 'accept-encoding', 'content-length', 'transfer-encoding'):
                continue
            if key.lower() == 'authorization' and value.startswith('Basic '):
                user, _sep, secret = base64.b64decode(value[6:]).decode('utf-8').partition(':')
                value = 'Basic ' + base64.b64encode(('%s:%s' % (user, self._rewrite(secret))).encode()).decode()
            headers[key] = self._rewrite(value)
        body = self._rewrite(seen.body.decode('utf-8')).encode('utf-8') if seen.body else None
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=30)
        try:
            conn.request(seen.method, seen.path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            return response.status, dict(response.getheaders()), data
        finally:
            conn.close()

    def forward(self, handler, seen):
        status, headers, data = self.upstream_answer(seen)
        extra = dict((k, v) for k, v in headers.items() if k.lower() in ('retry-after', 'location'))
        send(handler, status, data, ctype=headers.get('Content-Type', 'application/json'), headers=extra)


def request_to(method=None, path=None, action=None):
    """A rule matcher: method, a regex on the raw path, CloudFlare's action."""
    def match(seen):
        if method and seen.method != method:
            return False
        if path and not re.search(path, seen.path):
            return False
        if action and seen.action != action:
            return False
        return True
    return match


def anything(_seen):
    return True


# --- actions --------------------------------------------------------------------------------------

def answer(status, body, ctype='application/json', headers=None):
    def act(handler, _seen, _proxy):
        payload = body if isinstance(body, (bytes, str)) else json.dumps(body)
        send(handler, status, payload, ctype=ctype, headers=headers)
    return act


HTML_PAGE = ('<!DOCTYPE html><html><head><title>Service temporarily unavailable</title></head><body>'
             '<h1>We are down for maintenance</h1><p>Please come back later.</p></body></html>')


def html_page(status=200):
    return answer(status, HTML_PAGE, ctype='text/html; charset=utf-8')


def redirect(status, target_base, keep_path=True):
    def act(handler, seen, _proxy):
        location = target_base + (seen.path if keep_path else '/')
        send(handler, status, b'', headers={'Location': location})
    return act


def deep_json(depth):
    return answer(200, '[' * depth + ']' * depth)


def huge(total, declare_length=True, gzipped=False):
    """A JSON list of ``total`` bytes, streamed (never held in memory here)."""
    unit = b'{"id": 1, "padding": "' + b'x' * 4000 + b'"},'

    def act(handler, _seen, _proxy):
        handler.send_response(200)
        handler.send_header('Content-Type', 'application/json')
        if gzipped:
            handler.send_header('Content-Encoding', 'gzip')
        if declare_length and not gzipped:
            handler.send_header('Content-Length', str(total))
        else:
            handler.send_header('Transfer-Encoding', 'chunked')
        handler.end_headers()
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31) if gzipped else None
        sent = 0
        block = b'[' + unit * 256
        while sent < total:
            data = block if sent == 0 else unit * 256
            sent += len(data)
            if compressor:
                data = compressor.compress(data)
                if not data:
                    continue
            if declare_length and not gzipped:
                handler.wfile.write(data)
            else:
                handler.wfile.write(b'%x\r\n%s\r\n' % (len(data), data))
        if compressor or not declare_length:
            tail = compressor.flush() if compressor else b''
            if tail:
                handler.wfile.write(b'%x\r\n%s\r\n' % (len(tail), tail))
            handler.wfile.write(b'0\r\n\r\n')
        handler.close_connection = True
    return act


def trickle(body, interval):
    """Headers at once, then the body one byte every ``interval`` seconds."""
    def act(handler, _seen, _proxy):
        data = body.encode('utf-8')
        handler.send_response(200)
        handler.send_header('Content-Type', 'application/json')
        handler.send_header('Content-Length', str(len(data)))
        handler.end_headers()
        for i in range(len(data)):
            handler.wfile.write(data[i:i + 1])
            handler.wfile.flush()
            time.sleep(interval)
        handler.close_connection = True
    return act


def silence(seconds=120):
    def act(handler, _seen, _proxy):
        time.sleep(seconds)
        handler.close_connection = True
    return act


def error_shape(provider, message):
    """(status, body) of a provider's refusal carrying ``message`` (each dialect's documented error keys)."""
    if provider == 'cloudflare':
        return 200, {'result': 'error', 'msg': message, 'err_code': 'E_INVLDINPUT'}
    if provider == 'leaseweb':
        return 400, {'errorCode': '400', 'errorMessage': message, 'correlationId': 'probe'}
    if provider == 'cloudflow':
        return 422, {'errors': [message]}
    if provider == 'cloakfusion':
        return 400, {'detail': message}
    return 400, {'message': message}


ECHOES = {
    'raw': lambda text: text,
    'json-escaped': lambda text: json.dumps(text).replace('/', '\\/'),
    'url-encoded': quote_plus,
    'url-encoded-lower': lambda text: re.sub(r'%[0-9A-F]{2}', lambda m: m.group(0).lower(), quote(text, safe='')),
    'html-escaped': html.escape,
    # The secret where a 300-character cut of the message would split it.
    'cut-in-half': lambda text: 'x' * (295 - len('we could not process: ')) + text,
}


def echo(provider, transform, html_answer=False, focus=None):
    """Refuse the request, echoing everything that was sent (headers and body) in a transformed form;
    with focus, from just before that text on (so that it falls within the message a module shows)."""
    def act(handler, seen, proxy):
        text = seen.text()
        if focus and focus in text:
            text = text[max(0, text.index(focus) - 40):]
        text = ECHOES[transform](text)
        proxy.echoed.append(text)
        if html_answer:
            send(handler, 400, '<html><body><h1>Bad request</h1><pre>%s</pre></body></html>' % text, ctype='text/html')
            return
        status, body = error_shape(provider, 'we could not process: %s' % text)
        send(handler, status, json.dumps(body))
    return act


def forwarded_then(mutate, first_page=None):
    """Forward to the simulator and change the JSON answer with mutate(body, seen) before passing it on;
    first_page(seen) -> (path, body) asks the simulator for its first page whatever page was asked."""
    def act(handler, seen, proxy):
        upstream = seen
        if first_page is not None:
            path, body = first_page(seen)
            upstream = Seen(seen.method, path, seen.headers, body)
        status, headers, data = proxy.upstream_answer(upstream)
        body = mutate(json.loads(data.decode('utf-8')), seen)
        send(handler, status, json.dumps(body), ctype=headers.get('Content-Type', 'application/json'))
    return act


# --- leak and escape detection (written independently of plugins/module_utils/redaction.py) ------

def token_forms(token, user=None):
    forms = {token, quote(token, safe=''), quote_plus(token), json.dumps(token)[1:-1],
             json.dumps(token)[1:-1].replace('/', '\\/'), html.escape(token),
             base64.b64encode(token.encode()).decode()}
    forms.add(re.sub(r'%[0-9A-F]{2}', lambda m: m.group(0).lower(), quote(token, safe='')))
    # A form field (CloudFlare's tkn) echoed URL-encoded again.
    forms.update({quote_plus(quote_plus(token)), quote(quote_plus(token), safe='')})
    if user:
        forms.add(base64.b64encode(('%s:%s' % (user, token)).encode()).decode())
    # What a cut would leave: the first 10 characters, raw and encoded.
    forms.update({token[:10], quote_plus(token[:10]), quote(token[:10], safe='')})
    return forms


def key_bodies(key):
    """Base64 bodies of the key in PKCS#8 and PKCS#1 (the re-encoding UCDN uploads)."""
    from cryptography.hazmat.primitives import serialization
    out = []
    for fmt in (serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL):
        der = key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
        out.append(base64.b64encode(der).decode('ascii'))
    return out


def public_texts(cert):
    """base64 of the certificate and its public key at every byte alignment: a private key's DER
    carries the public modulus too, and that part is no secret."""
    from cryptography.hazmat.primitives import serialization
    ders = [cert.public_bytes(serialization.Encoding.DER),
            cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo),
            cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.PKCS1)]
    return [base64.b64encode(der[k:]).decode('ascii') for der in ders for k in range(3)]


def output_of(result):
    return result['_out'] + result['_err']


def leaks(result, forms=(), bodies=(), public=()):
    """How many secret forms, and 20-character windows of a key (not also in its public material),
    appear in the module's output."""
    text = output_of(result)
    found = sum(1 for form in forms if form and form in text)
    if bodies:
        flat = re.sub(r'\\[nr]|\s|\\', '', text).replace('%2B', '+').replace('%2F', '/').replace('%3D', '=')
        for body in bodies:
            windows = (body[i:i + 20] for i in range(0, len(body) - 20, 8))
            found += sum(1 for w in windows if w in flat and not any(w in p for p in public))
    return found


def escapes(seen_list, injected_marker='9191'):
    """Requests whose raw path shows an id that was not one encoded segment."""
    bad = []
    for seen in seen_list:
        parts = urlsplit(seen.path)
        segments = parts.path.split('/')
        if '..' in segments or '.' in segments:
            bad.append(seen.path)
        elif 'admin' in parse_qs(parts.query):
            bad.append(seen.path)
        elif any(s == injected_marker or s.startswith(injected_marker + '.') for s in segments):
            bad.append(seen.path)
        elif 'account' in segments and not seen.path.startswith('/ucdn/v3/account'):
            bad.append(seen.path)
    return bad


# --- probes -------------------------------------------------------------------------------------

class Probe:
    def __init__(self, pid, klass, weight, fn):
        self.id = 'hostile/%s' % pid
        self.klass = klass
        self.section = 'hostile'
        self.weight = weight
        self.fn = fn

    def run(self, sim, run_module=None):
        sim.reset()
        sim.speed(SPEED)
        outcome = self.fn(sim, run_module) if getattr(self.fn, 'wants_runner', False) else self.fn(sim)
        outcome.setdefault('klass', self.klass)
        outcome.setdefault('hostile', 1)
        return outcome


def _verdict(result, must=(), expect_rc=1, **figures):
    """The common judgement: JSON, no traceback, the rc expected, the message saying what happened."""
    msg = result.get('msg') or ''
    problems = []
    tb = traceback_in(result)
    if tb:
        problems.append('traceback or no JSON: %s' % (result['_out'] + result['_err'])[-300:])
    if result['_rc'] != expect_rc:
        problems.append('rc=%s (expected %s)' % (result['_rc'], expect_rc))
    for word in must:
        if not re.search(word, msg, re.I):
            problems.append('message lacks %r' % word)
    for key in ('credential_leaks', 'secret_leaks', 'writes', 'escapes'):
        if figures.get(key):
            problems.append('%s=%s' % (key, figures[key]))
    out = dict(ok=not problems, traceback=1 if tb else 0, seconds=result['_seconds'], rss_mb=result['_rss_mb'],
               detail='%s; rc=%s %.1fs msg=%s' % ('; '.join(problems) or 'safe', result['_rc'],
                                                  result['_seconds'], msg[:240]))
    out.update(figures)
    return out


def _credentials_in(seen_list, token):
    """Requests that carried a credential (header, Basic, form field or query)."""
    count = 0
    for seen in seen_list:
        text = seen.text()
        auth = seen.headers.get('Authorization', '')
        if any(f in text for f in token_forms(token, USER)) or auth:
            count += 1
    return count


def redirect_probe(provider, status, downgrade=False, tls=None):
    def fn(sim):
        catcher = Catcher()
        target = catcher.base if not downgrade else 'http://localhost:%d' % catcher.port
        proxy = HostileProxy(sim.base, [(anything, redirect(status, target))], tls=tls)
        try:
            args = creds(provider, proxy.base, token=HOSTILE_TOKEN, timeout=10)
            if tls:
                args['ca_path'] = tls['ca']
            result = run('cdn_zone_info', args)
            leaked = _credentials_in(catcher.seen, HOSTILE_TOKEN)
            host = 'localhost:%d' % catcher.port if downgrade else catcher.hostport
            out = _verdict(result, must=[re.escape(host), 'api_url'] + (['https to http'] if downgrade else []),
                           credential_leaks=leaked, secret_leaks=leaks(result, token_forms(HOSTILE_TOKEN, USER)))
            if catcher.seen and not leaked:
                out.update(ok=False, detail='the redirect was followed (%d requests): %s' % (len(catcher.seen), out['detail']))
            return out
        finally:
            proxy.close()
            catcher.close()
    return fn


def same_origin_redirect_probe(kind):
    """Within the API host: a GET is followed (bounded); a loop ends; a write is never turned into a GET."""
    def fn(sim):
        rules = []
        if kind == 'get-followed':
            rules.append((request_to('GET', r'^/ucdn/v3/zones$'), lambda h, s, p: send(h, 301, b'', headers={
                'Location': '/ucdn/v3/zones?moved=1'})))
        elif kind == 'loop':
            rules.append((request_to('GET', r'^/ucdn/v3/zones'), lambda h, s, p: send(h, 302, b'', headers={
                'Location': '/ucdn/v3/zones?loop=%d' % len(p.seen)})))
        elif kind == 'write-302':
            rules.append((request_to('POST', r'^/ucdn/v3/zone$'), lambda h, s, p: send(h, 302, b'', headers={
                'Location': '/ucdn/v3/zones'})))
        proxy = HostileProxy(sim.base, rules)
        try:
            sim.clear_log()
            if kind == 'write-302':
                result = run('cdn_zone', creds('ucdn', proxy.base, **ZONE_CREATE['ucdn']))
                gets_after = [s for s in proxy.seen[proxy.seen.index(next(s for s in proxy.seen if s.method == 'POST')):]
                              if s.method == 'GET' and 'zones' in s.path] if any(s.method == 'POST' for s in proxy.seen) else []
                out = _verdict(result, must=['redirect', 'not re-sent'], writes=0)
                if gets_after and not result['_rc']:
                    out.update(ok=False, detail='a redirected write was followed as a GET: ' + out['detail'])
                return out
            result = run('cdn_zone_info', creds('ucdn', proxy.base))
            if kind == 'get-followed':
                return _verdict(result, expect_rc=0)
            return _verdict(result, must=['redirected more than'])
        finally:
            proxy.close()
    return fn


def wire_credential(provider, token):
    """The credential as it travels: a header value, HTTP Basic, or a form field."""
    if provider == 'cloudflow':
        return base64.b64encode(('%s:%s' % (USER, token)).encode()).decode()
    if provider == 'cloudflare':
        return quote_plus(token)
    return token


def echo_probe(provider, transform, html_answer=False):
    """The API refuses the first request, echoing what was sent (the credential included) transformed."""
    def fn(sim):
        wire = wire_credential(provider, HOSTILE_TOKEN)
        proxy = HostileProxy(sim.base, [(anything, echo(provider, transform, html_answer, focus=wire))],
                             token=HOSTILE_TOKEN)
        try:
            result = run('cdn_zone', creds(provider, proxy.base, token=HOSTILE_TOKEN, **ZONE_CREATE[provider]),
                         verbosity=4)
            forms = token_forms(HOSTILE_TOKEN, USER)
            found = leaks(result, forms)
            out = _verdict(result, must=['HTTP|request failed'], secret_leaks=found)
            # The control: what a module would show of the echo (300 characters) carries the secret, whole or cut.
            shown = ''.join(e[:300] for e in proxy.echoed)
            if not any(f in shown for f in forms | {wire[:10], ECHOES[transform](wire)[:10]}):
                out.update(ok=False, detail='the echo showed no form of the secret (probe not meaningful): ' + out['detail'])
            return out
        finally:
            proxy.close()
    return fn


CERT_UPLOAD = {
    'ucdn': ('POST', r'^/ucdn/v3/certificate/?$'),
    'cloudflow': ('POST', r'^/cloudflow/cdn_ssl_certificates\.json$'),
    'leaseweb': ('POST', r'^/leaseweb/cdn/v2/certificates$'),
}


def key_echo_probe(provider, transform):
    """A certificate upload refused with the request body (the private key, re-encoded for UCDN) echoed back."""
    def fn(sim):
        from tests.simulator.certgen import make_ca, make_cert
        host = ZONE_CREATE[provider]['hostname']
        ca = make_ca('Hostile Root')
        leaf = make_cert(ca, host, sans=[host])
        method, path = CERT_UPLOAD[provider]
        proxy = HostileProxy(sim.base, [(request_to(method, path), echo(provider, transform, focus='PRIVATE KEY'))])
        try:
            setup = run('cdn_zone', creds(provider, sim.base, **ZONE_CREATE[provider]))
            if setup['_rc'] != 0:
                return dict(ok=False, detail='setup failed: %s' % setup.get('msg'))
            result = run('cdn_certificate', creds(provider, proxy.base, zone=host, certificate=leaf.cert_pem,
                                                  private_key=leaf.key_pem, chain=ca.cert_pem), verbosity=4)
            bodies, public = key_bodies(leaf.key), public_texts(leaf.cert)
            found = leaks(result, bodies=bodies, public=public)
            # The control: the provider's message really carried key material within what a module shows.
            shown = ''.join(e[:300] for e in proxy.echoed)
            out = _verdict(result, must=['upload|certificate'], secret_leaks=found)
            if not leaks(dict(_out=shown, _err=''), bodies=bodies, public=public):
                out.update(ok=False, detail='the echo carried no key material (probe not meaningful): ' + out['detail'])
            return out
        finally:
            proxy.close()
    return fn


def ftp_echo_probe(transform):
    """CloudFlow storage create refused, echoing the FTP password it was sent."""
    def fn(sim):
        proxy = HostileProxy(sim.base, [(request_to('POST', r'^/cloudflow/cdn_resources\.json$'),
                                         echo('cloudflow', transform))])
        try:
            result = run('cdn_storage', creds('cloudflow', proxy.base, name='files.example.com', region='europe',
                                              ftp_password=FTP_SECRET), verbosity=4)
            return _verdict(result, must=['HTTP'], secret_leaks=leaks(result, token_forms(FTP_SECRET)))
        finally:
            proxy.close()
    return fn


def path_probe(module, provider, option, value, extra=None, refused_before_request=False):
    def fn(sim):
        proxy = HostileProxy(sim.base)
        try:
            args = creds(provider, proxy.base, **dict(extra or {}, **{option: value}))
            result = run(module, args)
            bad = escapes(proxy.seen)
            if refused_before_request:
                out = _verdict(result, must=['option %s' % option], escapes=len(bad))
                if proxy.seen:
                    out.update(ok=False, detail='%d requests were sent: %s' % (len(proxy.seen), out['detail']))
                return out
            # The id names nothing: a clean "not found" (rc 0 for info modules) or a clear failure.
            out = _verdict(result, expect_rc=result['_rc'] if result['_rc'] in (0, 1) else 1, escapes=len(bad))
            if bad:
                out['detail'] = 'escaped: %s; %s' % (bad[:3], out['detail'])
            return out
        finally:
            proxy.close()
    return fn


def _listing_rule(provider, action):
    method, path, cf_action = ZONE_LISTING[provider]
    return (request_to(method, path, cf_action), action)


def _cloudflare(response):
    return {'result': 'success', 'response': response}


WRONG_LISTINGS = {
    'html': dict((p, html_page()) for p in PROVIDERS),
    'object-for-list': {
        'ucdn': answer(200, {}), 'cloudflow': answer(200, {}), 'cloakfusion': answer(200, {'results': 'x'}),
        'leaseweb': answer(200, []), 'cloudflare': answer(200, _cloudflare([])),
    },
    'scalars': {
        'ucdn': answer(200, [1, 'a']), 'cloudflow': answer(200, [1, 'a']), 'cloakfusion': answer(200, [1, 'a']),
        'leaseweb': answer(200, {'distributions': [1, 'a'], '_metadata': {'totalCount': 2}}),
        'cloudflare': answer(200, _cloudflare({'zones': {'has_more': False, 'count': 2, 'objs': [1, 'a']}})),
    },
    'empty-objects': {
        'ucdn': answer(200, [{}]), 'cloudflow': answer(200, [{}]), 'cloakfusion': answer(200, [{}]),
        'leaseweb': answer(200, {'distributions': [{}], '_metadata': {'totalCount': 1}}),
        'cloudflare': answer(200, _cloudflare({'zones': {'has_more': False, 'count': 1, 'objs': [{}]}})),
    },
}


def shape_probe(provider, kind):
    """The listing read before a zone create answers something the API never documents: no write may follow."""
    def fn(sim):
        proxy = HostileProxy(sim.base, [_listing_rule(provider, WRONG_LISTINGS[kind][provider])])
        try:
            sim.clear_log()
            result = run('cdn_zone', creds(provider, proxy.base, **ZONE_CREATE[provider]))
            writes = len(sim.mutations(provider))
            return _verdict(result, must=['answer', 'HTTP 200'], writes=writes)
        finally:
            proxy.close()
    return fn


def waf_probe(provider, module='cdn_zone', args=None):
    """Every path answers an HTML page with status 200 (a captive portal, a WAF): nothing may be written."""
    def fn(sim):
        proxy = HostileProxy(sim.base, [(anything, html_page())])
        try:
            result = run(module, creds(provider, proxy.base, **(args or ZONE_CREATE[provider])))
            writes = sum(1 for s in proxy.seen if s.mutating)
            return _verdict(result, must=['not JSON', 'text/html'], writes=writes)
        finally:
            proxy.close()
    return fn


def read_before_write_probe(name, provider, module, args, rule, setup=None):
    """Another module's read before its first write answers a wrong shape: no write may follow."""
    def fn(sim):
        for setup_module, setup_args in setup or []:
            done = run(setup_module, creds(provider, sim.base, **setup_args))
            if done['_rc'] != 0:
                return dict(ok=False, detail='setup %s failed: %s' % (setup_module, done.get('msg')))
        proxy = HostileProxy(sim.base, [rule])
        try:
            sim.clear_log()
            result = run(module, creds(provider, proxy.base, **args))
            writes = len(sim.mutations(provider))
            return _verdict(result, must=['answer'], writes=writes)
        finally:
            proxy.close()
    return fn


def flipped(body):
    """The documented top-level shape turned into the other kind (CloudFlare: inside its envelope)."""
    if isinstance(body, dict) and body.get('result') == 'success' and 'response' in body:
        return dict(body, response=flipped(body['response']))
    return {'unexpected': [1, 'a']} if isinstance(body, list) else [1, 'a']


def nth_request(index):
    """A matcher for the index-th request a proxy sees (0-based)."""
    def match(seen):
        return len(seen.owner.seen) - 1 == index
    return match


def read_sweep(pair, max_reads=4):
    """Every read before a module's first write answered with an HTML page or the other JSON kind, in turn.

    The scenario runs once through a plain proxy to learn its requests; then, for each read before
    the first write, from the same starting state, that read alone is answered wrongly. Each such
    run must fail cleanly and send no write: a read that cannot be understood never leads to one.
    """
    name, module, provider, args, setup = pair[:5]
    extra = dict(pair[5]) if len(pair) > 5 else {}

    def prepare(sim, run_module):
        sim.reset()
        sim.speed(SPEED)
        if extra.get('seed'):
            sim.seed(provider, extra['seed'])
        for setup_module, setup_args in setup:
            done = run_module(setup_module, creds(provider, sim.base, **setup_args))
            if done['_rc'] != 0:
                raise RuntimeError('setup %s failed: %s' % (setup_module, done.get('msg')))
        sim.clear_log()

    def fn(sim, run_module):
        prepare(sim, run_module)
        proxy = HostileProxy(sim.base)
        try:
            first = run(module, creds(provider, proxy.base, **args))
        finally:
            proxy.close()
        if first['_rc'] != 0:
            return dict(ok=False, probes=1, unsafe=1, detail='the plain run failed: %s' % first.get('msg'))
        reads = []
        for index, seen in enumerate(proxy.seen):
            if seen.mutating:
                break
            reads.append(index)
        if len(reads) == len(proxy.seen):
            return dict(ok=True, probes=0, unsafe=0, detail='no write to precede (%d reads)' % len(reads))
        problems, writes, tracebacks = [], 0, 0
        chosen = reads[:max_reads]
        for turn, index in enumerate(chosen):
            prepare(sim, run_module)
            if turn % 2 == 0:
                action = html_page()
            else:
                action = forwarded_then(lambda body, _seen: flipped(body))
            proxy = HostileProxy(sim.base, [(nth_request(index), action)])
            try:
                result = run(module, creds(provider, proxy.base, **args))
            finally:
                proxy.close()
            made = len(sim.mutations(provider))
            writes += made
            verdict = _verdict(result, must=['answer'], writes=made)
            tracebacks += verdict['traceback']
            if not verdict['ok']:
                hit = proxy.seen[index] if len(proxy.seen) > index else None
                what = '%s %s' % (hit.method, urlsplit(hit.path).path) if hit else '?'
                kind = 'html' if turn % 2 == 0 else 'flipped'
                problems.append('read %d (%s, %s): %s' % (index, what, kind, verdict['detail']))
        return dict(ok=not problems, probes=len(chosen), unsafe=len(problems), writes=writes, traceback=tracebacks,
                    detail='%d of the %d reads before the first write answered wrongly, each failed cleanly with no write%s'
                    % (len(chosen), len(reads), ('; ' + '; '.join(problems[:3])) if problems else ''))
    fn.wants_runner = True
    return fn


def deep_probe(provider, depth):
    def fn(sim):
        proxy = HostileProxy(sim.base, [_listing_rule(provider, deep_json(depth))])
        try:
            sim.clear_log()
            result = run('cdn_zone', creds(provider, proxy.base, **ZONE_CREATE[provider]))
            return _verdict(result, must=['max_json_depth'], writes=len(sim.mutations(provider)))
        finally:
            proxy.close()
    return fn


def huge_probe(provider, declare_length, gzipped=False):
    def fn(sim):
        proxy = HostileProxy(sim.base, [_listing_rule(provider, huge(200 * MiB, declare_length, gzipped))])
        try:
            sim.clear_log()
            result = run('cdn_zone', creds(provider, proxy.base, **ZONE_CREATE[provider]))
            out = _verdict(result, must=['max_response_mb'], writes=len(sim.mutations(provider)))
            out['rss_probe'] = 1
            if result['_rss_mb'] > 100:
                out.update(ok=False, detail='RSS %.0f MB > 100: %s' % (result['_rss_mb'], out['detail']))
            return out
        finally:
            proxy.close()
    return fn


def _endless_mutator(provider, repeat):
    """Turn a real first page into a listing that never ends (new items each page, or the same again)."""
    def mutate(body, seen):
        query = parse_qs(urlsplit(seen.path).query)
        form = parse_qs(seen.body.decode('utf-8', 'replace'))
        if provider == 'leaseweb':
            offset = int((query.get('offset') or ['0'])[0])
            for n, item in enumerate(body['origins']):
                for pair in item['data']:  # the key/value envelope of Leaseweb's objects
                    if pair['key'] == 'id':
                        pair['value'] = '%s-%d' % (pair['value'], 0 if repeat else offset + n)
            body['_metadata']['totalCount'] = 10 ** 9
        elif provider == 'cloakfusion':
            page = int((query.get('page') or ['1'])[0])
            for n, item in enumerate(body['results']):
                item['id'] = item['id'] if repeat else page * 1000 + n
            body['next'] = 'http://%s/cloakfusion/api/v1/flush/?page=%d' % (seen.headers.get('Host'), page + 1)
            body['count'] = 10 ** 9
        elif provider == 'cloudflare':
            offset = int((form.get('o') or ['0'])[0])
            recs = body['response']['recs']
            for n, item in enumerate(recs['objs']):
                item['rec_id'] = str(item['rec_id']) if repeat else str(10 ** 6 + offset + n)
            recs['has_more'] = True
        return body
    return mutate


ENDLESS = {
    # provider: (module, args, setup, matcher of the paginated read)
    # The origins listing (read before an origin is created): distributions would cost a domains read each.
    'leaseweb': ('cdn_origin', dict(name='hostile-origin', endpoints=[dict(host='origin2.example.com')]),
                 [('cdn_zone', ZONE_CREATE['leaseweb'])], request_to('GET', r'^/leaseweb/cdn/v2/origins\?')),
    'cloakfusion': ('cdn_purge_info', {}, [('cdn_zone', ZONE_CREATE['cloakfusion']),
                                           ('cdn_purge', dict(zone='static.example.com', paths=['/a.css']))],
                    request_to('GET', r'^/cloakfusion/api/v1/flush/(\?|$)')),
    'cloudflare': ('cdn_dns_record', dict(zone='example.com', record='www', type='A', value='192.0.2.1'),
                   [('cdn_dns_record', dict(zone='example.com', record='api', type='A', value='192.0.2.2'))],
                   request_to('POST', r'^/cloudflare/', 'rec_load_all')),
}


def _first_page(seen):
    """The same listing request, for its first page (the simulator's real listing is short)."""
    parts = urlsplit(seen.path)
    query = re.sub(r'(^|&)(offset|page)=\d+', r'\1\2=%s' % ('0' if 'offset=' in parts.query else '1'), parts.query)
    body = re.sub(rb'(^|&)o=\d+', rb'\1o=0', seen.body)
    return parts.path + ('?' + query if query else ''), body


def endless_probe(provider, repeat, max_pages=None):
    def fn(sim):
        module, args, setup, match = ENDLESS[provider]
        for setup_module, setup_args in setup:
            done = run(setup_module, creds(provider, sim.base, **setup_args))
            if done['_rc'] != 0:
                return dict(ok=False, detail='setup %s failed: %s' % (setup_module, done.get('msg')))
        proxy = HostileProxy(sim.base, [(match, forwarded_then(_endless_mutator(provider, repeat), _first_page))])
        try:
            sim.clear_log()
            extra = dict(limits=dict(max_pages=max_pages)) if max_pages else {}
            result = run(module, creds(provider, proxy.base, **dict(args, **extra)), timeout=240)
            pages = sum(1 for s in proxy.seen if match(s))
            out = _verdict(result, must=['repeats' if repeat else 'max_pages'], writes=len(sim.mutations(provider)))
            out['detail'] = '%d pages read; %s' % (pages, out['detail'])
            return out
        finally:
            proxy.close()
    return fn


def slow_body_probe():
    def fn(sim):
        proxy = HostileProxy(sim.base, [_listing_rule('ucdn', trickle('[' + ' ' * 200 + ']', 2.0))])
        try:
            result = run('cdn_zone', creds('ucdn', proxy.base, timeout=5, **ZONE_CREATE['ucdn']))
            out = _verdict(result, must=['within 5 s'], writes=len(sim.mutations('ucdn')))
            out['slow_body_seconds'] = result['_seconds']
            if result['_seconds'] > 15:
                out.update(ok=False, detail='took %.1f s > 15: %s' % (result['_seconds'], out['detail']))
            return out
        finally:
            proxy.close()
    return fn


def retry_after_probe(value, must, status=503, max_seconds=10, retries=None):
    def fn(sim):
        refusal = answer(status, {'message': 'slow down'}, headers={'Retry-After': value})
        proxy = HostileProxy(sim.base, [_listing_rule('ucdn', refusal)])
        try:
            extra = dict(retries=retries) if retries is not None else {}
            result = run('cdn_zone', creds('ucdn', proxy.base, **dict(ZONE_CREATE['ucdn'], **extra)))
            out = _verdict(result, must=must, writes=len(sim.mutations('ucdn')))
            if result['_seconds'] > max_seconds:
                out.update(ok=False, detail='took %.1f s > %d: %s' % (result['_seconds'], max_seconds, out['detail']))
            return out
        finally:
            proxy.close()
    return fn


def refused_probe():
    def fn(_sim):
        sock = socket.socket()
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
        sock.close()  # nothing listens there now
        result = run('cdn_zone_info', creds('ucdn', 'http://127.0.0.1:%d' % port))
        out = _verdict(result, must=['connection refused', '3 tries', r'in \d+(\.\d)? s'])
        out['refused_seconds'] = result['_seconds']
        if result['_seconds'] > 10:
            out.update(ok=False, detail='took %.1f s > 10: %s' % (result['_seconds'], out['detail']))
        return out
    return fn


def silent_probe():
    def fn(_sim):
        listener = socket.socket()
        listener.bind(('127.0.0.1', 0))
        listener.listen(16)  # accepts (the kernel completes the handshake) and never answers
        port = listener.getsockname()[1]
        try:
            result = run('cdn_zone_info', creds('ucdn', 'http://127.0.0.1:%d' % port))
        finally:
            listener.close()
        out = _verdict(result, must=['no complete answer', 'tries'])
        out['silent_seconds'] = result['_seconds']
        if result['_seconds'] > 60:
            out.update(ok=False, detail='took %.1f s > 60: %s' % (result['_seconds'], out['detail']))
        return out
    return fn


def config_probe(kind):
    """Bad configuration is refused before any request, naming the option."""
    def fn(sim):
        proxy = HostileProxy(sim.base)
        try:
            if kind == 'no-scheme':
                args = creds('ucdn', proxy.base, api_url=proxy.hostport + '/ucdn/v3/')
                must = ['option api_url', 'scheme']
            elif kind == 'crlf-token':
                args = creds('leaseweb', proxy.base, token='abc\r\nX-Injected: 1')
                must = ['option api_token', 'line break']
            elif kind == 'userinfo-url':
                args = creds('ucdn', proxy.base, api_url=proxy.base.replace('://', '://user:pw@') + '/ucdn/v3/')
                must = ['option api_url', 'credentials']
            else:  # bad limit
                args = creds('ucdn', proxy.base, limits=dict(max_pages=0))
                must = ['limits.max_pages', '1 or more']
            result = run('cdn_zone_info', args)
            out = _verdict(result, must=must)
            if proxy.seen:
                out.update(ok=False, detail='%d requests were sent: %s' % (len(proxy.seen), out['detail']))
            return out
        finally:
            proxy.close()
    return fn


def tls_material():
    from tests.simulator.certgen import make_ca_and_server_cert
    return make_ca_and_server_cert(tempfile.mkdtemp(prefix='hostile-tls-'))


def probes():
    out = []
    tls = tls_material()
    for p in PROVIDERS:
        for status in (301, 302, 307, 308):
            out.append(Probe('redirect/%s/%d-cross-host' % (p, status), 'redirect', 2, redirect_probe(p, status)))
    out.append(Probe('redirect/ucdn/307-https-to-http', 'redirect', 2, redirect_probe('ucdn', 307, True, tls)))
    out.append(Probe('redirect/cloudflare/308-https-to-http', 'redirect', 2, redirect_probe('cloudflare', 308, True, tls)))
    out.append(Probe('redirect/leaseweb/301-https-to-http', 'redirect', 2, redirect_probe('leaseweb', 301, True, tls)))
    for kind in ('get-followed', 'loop', 'write-302'):
        out.append(Probe('redirect/ucdn/same-origin-%s' % kind, 'redirect', 2, same_origin_redirect_probe(kind)))

    for p in PROVIDERS:
        for transform in ('raw', 'json-escaped', 'url-encoded', 'cut-in-half'):
            out.append(Probe('echo/%s/token-%s' % (p, transform), 'echo', 2, echo_probe(p, transform)))
    out.append(Probe('echo/cloudflow/token-url-encoded-lower', 'echo', 2, echo_probe('cloudflow', 'url-encoded-lower')))
    out.append(Probe('echo/ucdn/token-html-page', 'echo', 2, echo_probe('ucdn', 'html-escaped', html_answer=True)))
    for p in ('ucdn', 'cloudflow', 'leaseweb'):
        out.append(Probe('echo/%s/private-key-json-escaped' % p, 'echo', 3, key_echo_probe(p, 'json-escaped')))
    out.append(Probe('echo/ucdn/private-key-url-encoded', 'echo', 3, key_echo_probe('ucdn', 'url-encoded')))
    out.append(Probe('echo/cloudflow/ftp-password-json-escaped', 'echo', 2, ftp_echo_probe('json-escaped')))

    for p in ('ucdn', 'leaseweb', 'cloudflow', 'cloakfusion'):
        for label, value in (('dotdot', '../../account'), ('query', '9191?admin=1&x='), ('fragment', '9191#frag')):
            out.append(Probe('path/%s/cdn_zone_info-zone_id-%s' % (p, label), 'path', 2,
                             path_probe('cdn_zone_info', p, 'zone_id', value)))
    for p in ('ucdn', 'cloakfusion', 'leaseweb'):
        out.append(Probe('path/%s/cdn_purge_info-job_id-dotdot' % p, 'path', 2,
                         path_probe('cdn_purge_info', p, 'job_id', '../../account')))
    out.append(Probe('path/ucdn/cdn_zone-zone_id-query', 'path', 2,
                     path_probe('cdn_zone', 'ucdn', 'zone_id', '9191?admin=1&x=', dict(cache_ttl=60))))
    out.append(Probe('path/leaseweb/cdn_action_info-action_id-dotdot', 'path', 2,
                     path_probe('cdn_action_info', 'leaseweb', 'action_id', '../../account')))
    out.append(Probe('path/ucdn/cdn_certificate-certificate_id-slash', 'path', 2,
                     path_probe('cdn_certificate', 'ucdn', 'certificate_id', '../9191', dict(state='absent'))))
    for label, value in (('dotdot', '..'), ('empty', ''), ('newline', '12\n34')):
        out.append(Probe('path/ucdn/zone_id-%s-refused' % label, 'path', 1,
                         path_probe('cdn_zone_info', 'ucdn', 'zone_id', value, refused_before_request=True)))
    out.append(Probe('path/cloudflow/purge_job_ids-dot-refused', 'path', 1,
                     path_probe('cdn_purge', 'ucdn', 'job_ids', ['.'], dict(state='absent'), refused_before_request=True)))

    from scripts.reliability import cases
    swept = set()
    for pair in cases.check_pairs():
        name, module, provider = pair[:3]
        # One scenario a (module, provider) that writes; info modules write nothing to precede.
        if module.endswith('_info') or (module, provider) in swept:
            continue
        swept.add((module, provider))
        out.append(Probe('sweep/%s' % name, 'shape', 12, read_sweep(pair)))
    for module, provider, extra in (('cdn_purge', 'ucdn', dict(paths=['/a.css'])),
                                    ('cdn_origin', 'cloudflow', dict(endpoints=[dict(host='o2.example.com')])),
                                    ('cdn_access_rule', 'leaseweb', dict(rules=[dict(type='ip', action='deny', value='192.0.2.1')])),
                                    ('cdn_stats_info', 'cloakfusion', {}),
                                    ('cdn_certificate', 'ucdn', dict(state='absent', certificate_id='1'))):
        for label, value in (('query', '9191?admin=1&x='), ('fragment', '9191#frag')):
            out.append(Probe('path/%s/%s-zone-%s' % (provider, module, label), 'path', 2,
                             path_probe(module, provider, 'zone', value, extra)))
    for p in PROVIDERS:
        for kind in sorted(WRONG_LISTINGS):
            out.append(Probe('shape/%s/zone-listing-%s' % (p, kind), 'shape', 2, shape_probe(p, kind)))
        out.append(Probe('shape/%s/html-on-every-path' % p, 'shape', 2, waf_probe(p)))
    out.append(Probe('shape/cloudflare/dns-records-empty-objects', 'shape', 2, read_before_write_probe(
        'dns', 'cloudflare', 'cdn_dns_record', dict(zone='example.com', record='www', type='A', value='192.0.2.1'),
        (request_to('POST', r'^/cloudflare/', 'rec_load_all'),
         answer(200, _cloudflare({'recs': {'has_more': False, 'count': 1, 'objs': [{}]}}))))))
    out.append(Probe('shape/ucdn/certificates-object', 'shape', 2, read_before_write_probe(
        'cert', 'ucdn', 'cdn_storage', dict(name='hostile-files', region='europe'),
        (request_to('GET', r'^/ucdn/v3/storages'), answer(200, {'storages': 'none'})))))
    out.append(Probe('shape/leaseweb/origins-scalars', 'shape', 2, read_before_write_probe(
        'origin', 'leaseweb', 'cdn_origin', dict(name='hostile-origin', endpoints=[dict(host='origin.example.com')]),
        (request_to('GET', r'^/leaseweb/cdn/v2/origins'), answer(200, {'origins': [1, 2], '_metadata': {'totalCount': 2}})))))
    out.append(Probe('shape/ucdn/zone-object-list', 'shape', 2, read_before_write_probe(
        'zone-get', 'ucdn', 'cdn_zone', dict(zone_id='1', cache_ttl=60),
        (request_to('GET', r'^/ucdn/v3/zone/'), answer(200, ['not', 'a', 'zone'])))))

    for p, depth in (('ucdn', 100000), ('cloudflow', 5000), ('leaseweb', 150)):
        out.append(Probe('bounds/%s/json-depth-%d' % (p, depth), 'bounds', 2, deep_probe(p, depth)))
    out.append(Probe('bounds/ucdn/200MB-declared', 'bounds', 3, huge_probe('ucdn', True)))
    out.append(Probe('bounds/cloudflow/200MB-chunked', 'bounds', 5, huge_probe('cloudflow', False)))
    out.append(Probe('bounds/leaseweb/200MB-gzip-bomb', 'bounds', 5, huge_probe('leaseweb', False, gzipped=True)))
    for p in ('leaseweb', 'cloakfusion', 'cloudflare'):
        out.append(Probe('bounds/%s/endless-pages' % p, 'bounds', 8, endless_probe(p, repeat=False)))
        out.append(Probe('bounds/%s/repeating-page' % p, 'bounds', 2, endless_probe(p, repeat=True)))
    out.append(Probe('bounds/leaseweb/endless-pages-max_pages-20', 'bounds', 2, endless_probe('leaseweb', False, 20)))
    out.append(Probe('bounds/ucdn/slow-body-timeout-5', 'bounds', 12, slow_body_probe()))
    out.append(Probe('bounds/ucdn/retry-after-999999', 'bounds', 2,
                     retry_after_probe('999999', ['Retry-After', 'retry_budget'])))
    out.append(Probe('bounds/ucdn/retry-after-date-year-9999', 'bounds', 2,
                     retry_after_probe('Fri, 31 Dec 9999 23:59:59 GMT', ['Retry-After', 'retry_budget'])))
    out.append(Probe('bounds/ucdn/retry-after-inf', 'bounds', 2, retry_after_probe('1e999', ['Retry-After'])))
    out.append(Probe('bounds/ucdn/retry-after-past-date', 'bounds', 3,
                     retry_after_probe('Mon, 01 Jan 0001 00:00:00 GMT', ['HTTP 503', 'slow down'], retries=2)))
    out.append(Probe('bounds/ucdn/retry-after-garbage', 'bounds', 3,
                     retry_after_probe('soon, maybe', ['HTTP 503'], retries=2)))
    out.append(Probe('bounds/ucdn/429-retry-after-120', 'bounds', 2,
                     retry_after_probe('120', ['Retry-After', 'retry_budget'], status=429)))

    out.append(Probe('unreachable/ucdn/refused-port', 'unreachable', 3, refused_probe()))
    out.append(Probe('unreachable/ucdn/silent-host', 'unreachable', 50, silent_probe()))
    for kind in ('no-scheme', 'crlf-token', 'userinfo-url', 'bad-limit'):
        out.append(Probe('unreachable/config-%s' % kind, 'unreachable', 1, config_probe(kind)))
    return out


def summarise(results):
    """The figures of the hostile section for reports/reliability.json."""
    hostile = [r for r in results if r.get('hostile')]
    # A sweep case holds several probes (one module run each); other cases are one probe.
    count = sum(r.get('probes', 1) for r in hostile)
    safe = sum(r.get('probes', 1) - r.get('unsafe', 0 if r['ok'] else 1) for r in hostile)
    rss = [r.get('rss_mb', 0) for r in hostile if r.get('rss_probe')]
    slow = [r['slow_body_seconds'] for r in hostile if 'slow_body_seconds' in r]
    refused = [r['refused_seconds'] for r in hostile if 'refused_seconds' in r]
    silent = [r['silent_seconds'] for r in hostile if 'silent_seconds' in r]
    classes = {}
    for r in hostile:
        entry = classes.setdefault(r['klass'], dict(probes=0, safe=0))
        entry['probes'] += r.get('probes', 1)
        entry['safe'] += r.get('probes', 1) - r.get('unsafe', 0 if r['ok'] else 1)
    return dict(
        hostile_probes=count,
        hostile_safe=safe,
        hostile_classes=classes,
        redirect_credential_leaks=sum(r.get('credential_leaks', 0) for r in hostile),
        encoded_secret_leaks=sum(r.get('secret_leaks', 0) for r in hostile),
        tracebacks=sum(r.get('traceback', 0) for r in hostile),
        writes_after_unreadable_read=sum(r.get('writes', 0) for r in hostile),
        path_escapes=sum(r.get('escapes', 0) for r in hostile),
        max_module_rss_mb=max(rss) if rss else None,
        slow_body_seconds=max(slow) if slow else None,
        unreachable_fail_seconds=dict(refused_port=max(refused) if refused else None,
                                      silent_host=max(silent) if silent else None),
    )


if __name__ == '__main__':
    # Run the hostile section alone: python -m scripts.reliability.hostile [regex]
    from tests.simulator.client import start_simulator
    from tests.simulator.runner import run_module
    pattern = sys.argv[1] if len(sys.argv) > 1 else None
    chosen = [p for p in probes() if not pattern or re.search(pattern, p.id)]
    proc, simulator = start_simulator()
    try:
        results = []
        for probe in chosen:
            outcome = probe.run(simulator, run_module)
            outcome['id'] = probe.id
            results.append(outcome)
            print('%-4s %s: %s' % ('ok' if outcome['ok'] else 'FAIL', probe.id, outcome.get('detail')))
        print(json.dumps(summarise(results), indent=1))
    finally:
        proc.terminate()
