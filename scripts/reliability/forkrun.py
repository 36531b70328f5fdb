"""A module runner that pays Python's and Ansible's start-up once per worker, not once per run.

``python -m tests``-style spawning (tests/conftest.py run_module) starts a new interpreter for
every module run and imports ansible.module_utils.basic, requests and the collection each time:
~0.3 s of CPU, most of a fault case on a shared 2-core machine. Here one server process per
worker imports them once; every run is a fork of it in which the module file is executed as
``__main__`` with the args file in argv, exactly as Ansible's module wrapper does, with its own
stdout, stderr and exit status. Nothing is shared between runs: each child starts from the
server's untouched state (the server itself never runs a module).

    runner = ForkRunner()            # starts the server
    result = runner('cdn_zone', args, check=False, diff=True, verbosity=4)
    runner.close()

``result`` has the same shape as conftest.run_module's: the module's JSON plus _rc and _raw.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MODULES = os.path.join(REPO, 'plugins', 'modules')
RUN_TIMEOUT = 600


class ForkRunner:
    """Client side: one server process; calls from one thread at a time (one runner a worker)."""

    def __init__(self, env):
        self.lock = threading.Lock()
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--serve'], cwd=REPO, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        ready = self.proc.stdout.readline()
        if not ready.startswith('ready'):
            raise RuntimeError('module fork server did not start: %r' % ready)

    def __call__(self, name, args, check=False, diff=False, verbosity=0, env=None):
        # Client side only (the server runs this file as a script, without the repository on its path).
        from tests.simulator.runner import args_file  # pylint: disable=import-outside-toplevel
        path = args_file(args, check, diff, verbosity)
        try:
            with self.lock:
                self.proc.stdin.write(json.dumps(dict(module=os.path.join(MODULES, name + '.py'), args=path,
                                                      env=env or {})) + '\n')
                self.proc.stdin.flush()
                line = self.proc.stdout.readline()
        finally:
            os.unlink(path)
        if not line:
            raise RuntimeError('module fork server died')
        reply = json.loads(line)
        out = reply['stdout'].strip()
        try:
            result = json.loads(out[out.index('{'):])
        except ValueError:
            raise AssertionError('module %s printed no JSON: %s %s' % (name, reply['stdout'], reply['stderr']))
        result['_rc'] = reply['rc']
        result['_raw'] = reply['stdout']
        return result

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(10)
        except Exception:  # the server is gone already
            self.proc.kill()


# --- server side ------------------------------------------------------------------------------

def _preload():
    """Import what every module run imports, so a fork finds it loaded."""
    import importlib
    import pkgutil
    import ansible.module_utils.basic  # noqa: F401
    import requests  # noqa: F401
    base = 'ansible_collections.edgeops.cdn.plugins.module_utils'
    package = importlib.import_module(base)
    for info in pkgutil.walk_packages(package.__path__, base + '.'):
        try:
            importlib.import_module(info.name)
        except Exception:  # a module_utils file another helper is editing: the run imports it itself
            pass


def _child(request, out_path, err_path):
    import runpy
    import signal
    import traceback
    signal.alarm(RUN_TIMEOUT)
    out = os.open(out_path, os.O_WRONLY | os.O_TRUNC)
    err = os.open(err_path, os.O_WRONLY | os.O_TRUNC)
    os.dup2(out, 1)
    os.dup2(err, 2)
    os.environ.update(request['env'])
    sys.argv = [request['module'], request['args']]
    code = 0
    try:
        runpy.run_path(request['module'], run_name='__main__')
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # a crash is what Python would print and exit 1 with
        traceback.print_exc()
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def serve():
    # The protocol uses the original stdout; fd 1 is left for the children to replace.
    channel = os.fdopen(os.dup(1), 'w', buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    _preload()
    out_fd, out_path = tempfile.mkstemp(prefix='forkrun-out-')
    err_fd, err_path = tempfile.mkstemp(prefix='forkrun-err-')
    os.close(out_fd)
    os.close(err_fd)
    channel.write('ready\n')
    try:
        for line in sys.stdin:
            request = json.loads(line)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                _child(request, out_path, err_path)
            _pid, status = os.waitpid(pid, 0)
            rc = os.waitstatus_to_exitcode(status)
            with open(out_path) as handle:
                stdout = handle.read()
            with open(err_path) as handle:
                stderr = handle.read()
            channel.write(json.dumps(dict(rc=rc, stdout=stdout, stderr=stderr)) + '\n')
    finally:
        os.unlink(out_path)
        os.unlink(err_path)


if __name__ == '__main__' and sys.argv[1:] == ['--serve']:
    serve()
