"""HTTP front of the simulator: one process, every provider under its prefix.

Control endpoints under /_sim/ (JSON):
  POST   /_sim/reset                  forget all state, faults, log; clock back to real time
  POST   /_sim/seed                   {"provider": name, "data": {...}}: provider-specific seed data
  GET    /_sim/state/<provider>       the provider's state
  POST   /_sim/faults                 one fault or a list (see core.Fault)
  DELETE /_sim/faults                 drop all faults
  GET    /_sim/log                    every request served, in order (time: real, sim_time: the
                                       simulator clock; throttled: refused by an account rate limit)
  DELETE /_sim/log                    clear the log
  GET    /_sim/clock                  {"now": simulated unix time, "speed": x}
  POST   /_sim/clock                  {"advance": seconds} and/or {"speed": factor}
  GET    /_sim/health                 {"ok": true}
"""

import json
import socket
import ssl
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .core import Fault, Request, Response, Sim
from .providers import ALL_APPS


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    # TCP_NODELAY: headers and body go out in separate writes; without it every keep-alive
    # answer waits for the client's delayed ACK (~40 ms), which no real provider adds.
    disable_nagle_algorithm = True
    server_version = 'edgeops-cdn-simulator'

    def log_message(self, fmt, *args):  # keep test output quiet
        return

    def _read_body(self):
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''

    def _send(self, response):
        payload = response.payload()
        self.send_response(response.status)
        self.send_header('Content-Type', response.content_type + ('; charset=utf-8' if 'json' in response.content_type else ''))
        self.send_header('Content-Length', str(len(payload)))
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != 'HEAD':
            self.wfile.write(payload)

    def _drop(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _dispatch(self):
        sim = self.server.sim
        path, _sep, query = self.path.partition('?')
        body = self._read_body()
        if path.startswith('/_sim/'):
            return self._send(self._control(sim, self.command, path[len('/_sim/'):], body))
        request = Request(self.command, path, query, self.headers, body)
        app, subpath = sim.app_for(path)
        if app is None:
            return self._send(Response(404, {'message': 'no simulated provider at %s' % path}))
        request.path = subpath
        app.classify(request)
        with sim.lock:
            fault = next((f for f in sim.faults if f.take(app.name, request)), None)
        entry = dict(index=len(sim.log), provider=app.name, method=request.method, path=subpath,
                     query=request.query, body=request.data() if body else None,
                     mutating=request.mutating, time=time.time(), sim_time=sim.clock.now())
        with sim.lock:
            sim.log.append(entry)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.drop and not fault.apply_then_drop:
            entry['status'] = 'dropped'
            return self._drop()
        if fault is not None and fault.status and not fault.apply_then_drop:
            response = fault.response()
        else:
            with sim.lock:
                try:
                    response = app.handle(request)
                except Exception as exc:  # a simulator bug must be visible, not a hang
                    response = Response(500, {'message': 'simulator error: %r' % exc})
        entry['status'] = response.status
        entry['mutating'] = request.mutating
        entry['throttled'] = response.throttled
        if fault is not None and fault.apply_then_drop:
            entry['status'] = 'applied-then-dropped'
            return self._drop()
        return self._send(response)

    def _control(self, sim, method, what, body):
        data = json.loads(body.decode('utf-8')) if body else {}
        with sim.lock:
            if what == 'health':
                return Response(200, {'ok': True})
            if what == 'reset' and method == 'POST':
                sim.reset()
                return Response(200, {'ok': True})
            if what == 'seed' and method == 'POST':
                result = sim.apps[data['provider']].seed(data.get('data') or {})
                return Response(200, {'ok': True, 'result': result})
            if what.startswith('state/'):
                return Response(200, sim.apps[what.split('/', 1)[1]].dump())
            if what == 'faults':
                if method == 'DELETE':
                    sim.faults = []
                else:
                    specs = data if isinstance(data, list) else [data]
                    sim.faults.extend(Fault(s) for s in specs)
                return Response(200, {'faults': len(sim.faults)})
            if what == 'log':
                if method == 'DELETE':
                    sim.log = []
                    return Response(200, {'ok': True})
                return Response(200, sim.log)
            if what == 'clock':
                if method == 'POST':
                    if 'speed' in data:
                        sim.clock.set_speed(data['speed'])
                    if 'advance' in data:
                        sim.clock.advance(float(data['advance']))
                return Response(200, {'now': sim.clock.now(), 'speed': sim.clock.speed})
        return Response(404, {'message': 'unknown control endpoint %s' % what})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _dispatch


class SimServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, sim):
        super().__init__(address, Handler)
        self.sim = sim


def make_server(host='127.0.0.1', port=0, tls_cert=None, tls_key=None):
    sim = Sim(ALL_APPS)
    server = SimServer((host, port), sim)
    if tls_cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_cert, tls_key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    return server
