# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""One rate budget per provider account, shared by every task of a controller.

Modules run as separate processes (one per host and task, forks in parallel). Left alone, each
would find the account's limit through 429s (CloudFlare: E_MAXAPI). So before each request a
task takes a call from a sliding window kept in a small file per account and per kind of limit,
locked with flock: at most ``calls`` requests in any ``seconds``, counted over every process on
this machine (all forks, all plays running at once). A process waits when the window is full,
for at most ``max_wait`` seconds per call, then fails saying why.

- The window holds the times of the calls made in the last ``seconds``. A call is booked when
  it is taken and moved to the time its answer arrived (``done``), which is no earlier than the
  provider counted it: so the provider never sees more than ``calls`` in any of its windows,
  however late a booked request reached it.
- The file is named by the provider and a keyed hash (BLAKE2b, with a random key kept in the
  directory) of the API URL, user and token: never the token, and a name that cannot be
  turned back into one.
- The directory is E(EDGEOPS_CDN_RATE_DIR), else ``$XDG_RUNTIME_DIR/edgeops-cdn-rate``, else
  ``<temp dir>/edgeops-cdn-rate-<uid>``; it must belong to the user and be private (0700).
- ``rate_share`` (or EDGEOPS_CDN_RATE_SHARE) is the fraction of every window this run may
  use, for runs of one account on several machines at once (AWX job slices on several
  execution nodes): each machine keeps its own window.

What a provider documents is in its capabilities (Limits.api_rate, the whole API; Limits.purge_rate,
purge requests); the option rate_limit overrides the former or turns the shared budget off.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import bisect
import hashlib
import os
import stat
import tempfile
import threading
import time
from array import array

try:
    import fcntl
except ImportError:  # pragma: no cover - the controller is POSIX; without flock nothing is shared
    fcntl = None

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnWaitTimeout

ENV_DIR = 'EDGEOPS_CDN_RATE_DIR'
ENV_SHARE = 'EDGEOPS_CDN_RATE_SHARE'
# The default longest wait for one call: three of CloudFlare's 5-minute windows. A task only
# waits this long when the account's calls are spent for that long by other tasks.
MAX_WAIT = 900
# The shortest sleep while waiting (a window that frees a call in a microsecond still takes a loop).
MIN_SLEEP = 0.001
# A shared window is this fraction longer than the provider's: clocks and float rounding.
MARGIN = 0.001
SHARE_ALLOWED = 'a fraction greater than 0 and at most 1 (0.25: a quarter of the account\'s rate)'
_ITEM = array('d').itemsize


# --- the sliding window (pure) ------------------------------------------------------

def prune(times, now, window):
    """The times (sorted) still inside the window ending now; times more than a window ahead of
    now (the wall clock went back) are dropped too."""
    start = bisect.bisect_right(times, now - window)
    end = bisect.bisect_right(times, now + window)
    return times[start:end]


def free_in(times, now, calls, window):
    """Seconds until a call is free in a window holding ``times`` (sorted, pruned); 0 when one is."""
    if len(times) < calls:
        return 0.0
    return max(MIN_SLEEP, times[len(times) - calls] + window - now)


def moved(times, old, new):
    """``times`` with the booked time ``old`` moved to ``new`` (unchanged when ``old`` is gone)."""
    index = bisect.bisect_left(times, old)
    if index >= len(times) or times[index] != old:
        return times
    out = times[:index] + times[index + 1:]
    bisect.insort(out, new)
    return out


# --- where a window lives ---------------------------------------------------------

class MemoryStore:
    """A window in this process only (threads share it): the shared budget turned off."""

    def __init__(self):
        self.times = array('d')
        self.lock = threading.Lock()

    def update(self, change):
        """Run change(times) -> (new times or None, result) under the lock; return the result."""
        with self.lock:
            new, result = change(self.times)
            if new is not None:
                self.times = array('d', new)
            return result


class FileStore:
    """A window in a file, locked with flock for each update: shared by processes and threads."""

    def __init__(self, path):
        self.path = path

    def update(self, change):
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)
            data = _read_all(fd)
            times = array('d')
            # A torn or foreign tail (never written by this code) is ignored rather than trusted.
            times.frombytes(data[:len(data) - len(data) % _ITEM])
            new, result = change(times)
            if new is not None:
                payload = array('d', new).tobytes()
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, payload)
                os.ftruncate(fd, len(payload))
            return result
        finally:
            os.close(fd)  # releases the lock


def _read_all(fd):
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return b''.join(chunks)
        chunks.append(chunk)


class Window:
    """At most ``calls`` requests in any ``seconds``, kept in a store.

    ``take()`` books a call, waiting (``sleep``) while the window is full, and returns the booked
    time; ``done(slot)`` moves it to now, when the answer came. ``describe`` words the budget in
    the error raised when the wait for one call would pass ``max_wait`` seconds."""

    def __init__(self, store, calls, seconds, clock=time.time, sleep=time.sleep, max_wait=None, margin=0.0,
                 describe=None, provider=None):
        self.store = store
        self.calls = max(1, int(calls))
        self.seconds = float(seconds)
        self.window = self.seconds * (1.0 + margin)
        self.clock = clock
        self.sleep = sleep
        self.max_wait = max_wait
        self.describe = describe or (lambda: 'the rate budget (%d calls per %s s)' % (self.calls, _num(self.seconds)))
        self.provider = provider

    def _book(self, times):
        now = self.clock()
        current = prune(times, now, self.window)
        wait = free_in(current, now, self.calls, self.window)
        if wait > 0:
            # Only pruning to write: leave the file as it is (one write per call taken).
            return None, (None, wait)
        current.append(now)
        return current, (now, 0.0)

    def take(self, operation=None):
        started = self.clock()
        while True:
            slot, wait = self.store.update(self._book)
            if slot is not None:
                return slot
            waited = self.clock() - started
            if self.max_wait is not None and waited + wait > self.max_wait:
                raise CdnWaitTimeout(
                    'no call was free in %s within rate_limit.max_wait (%s s): other tasks are using the account '
                    'as fast as it allows; raise rate_limit.max_wait, run fewer forks at once, or give this run a '
                    'larger rate_share' % (self.describe(), _num(self.max_wait)),
                    provider=self.provider, operation=operation)
            self.sleep(wait)

    # The purge core's name for take (purge.py).
    acquire = take

    def done(self, slot):
        """The booked call at ``slot`` answered now: it counts from now on."""
        now = self.clock()

        def change(times):
            current = list(times)
            after = moved(current, slot, max(slot, now))
            return (after if after is not current else None), None
        self.store.update(change)


# --- one account's budget --------------------------------------------------------

class AccountBudget:
    """The windows of one account: the whole API's (``api_rate``) and per kind of request
    (``window(kind, rate)``, the purge core's purge window), each at ``share`` of its calls."""

    def __init__(self, provider, title, identity, api_rate=None, share=1.0, max_wait=MAX_WAIT,
                 directory=None, environ=None, clock=time.time, sleep=time.sleep):
        self.provider = provider
        self.title = title
        self._identity = identity  # (api_url, user, token): hashed into the file name, never kept in it
        self.share = float(share)
        self.max_wait = max_wait
        self.directory = directory
        self.environ = os.environ if environ is None else environ
        self.clock = clock
        self.sleep = sleep
        self._windows = {}
        self._lock = threading.Lock()
        self.api = self.window('api', api_rate) if api_rate else None

    def window(self, kind, rate):
        """The shared Window of one kind of request at (calls, seconds) (created on first use)."""
        with self._lock:
            if kind not in self._windows:
                calls, seconds = rate
                share = share_of(calls, self.share)
                self._windows[kind] = Window(
                    _LazyFileStore(self, kind), share, seconds, clock=self.clock, sleep=self.sleep,
                    max_wait=self.max_wait, margin=MARGIN, provider=self.provider,
                    describe=self._describer(kind, calls, seconds, share))
            return self._windows[kind]

    def _describer(self, kind, calls, seconds, share):
        def describe():
            what = 'the %s account\'s rate budget' % self.title if kind == 'api' else \
                'the %s account\'s %s budget' % (self.title, kind)
            if share == calls:
                return '%s (%d calls per %s s)' % (what, calls, _num(seconds))
            return '%s (%d calls per %s s: rate_share %s of %d)' % (what, share, _num(seconds), _num(self.share), calls)
        return describe

    def take(self, operation=None):
        """A call of the whole API's window (None when the API has none)."""
        return self.api.take(operation) if self.api is not None else None

    def done(self, slot):
        if self.api is not None and slot is not None:
            self.api.done(slot)

    def path(self, kind):
        """The file of one window (the directory made private on first use)."""
        directory = state_dir(self.directory, self.environ, self.provider)
        key = _directory_key(directory)
        digest = hashlib.blake2b('\0'.join(str(p or '') for p in (self.provider,) + tuple(self._identity)).encode('utf-8'),
                                 key=key, digest_size=16).hexdigest()
        return os.path.join(directory, '%s-%s-%s.window' % (self.provider, digest, kind))


class _LazyFileStore:
    """A FileStore whose directory is checked and whose file is named on the first update only, so a
    run that never takes a call of that window touches no file."""

    def __init__(self, budget, kind):
        self.budget = budget
        self.kind = kind
        self.store = None

    def update(self, change):
        try:
            if self.store is None:
                self.store = FileStore(self.budget.path(self.kind))
            return self.store.update(change)
        except OSError as exc:
            where = os.path.dirname(self.store.path) if self.store is not None else 'its directory'
            raise CdnError('the shared rate budget could not use its file in %s (%s); set %s to a private directory '
                           'of this user, or rate_limit.calls to 0 to send without the shared budget'
                           % (where, exc.strerror or exc, ENV_DIR), provider=self.budget.provider)


def share_of(calls, share):
    """This run's calls of a window: ``share`` of them, at least one."""
    return max(1, int(calls * share + 1e-9))


def state_dir(directory=None, environ=None, provider=None):
    """The directory of the windows, created private (0700) when missing; refused (CdnError) when it
    belongs to another user or others may enter it: they could read the names or spend the budget."""
    environ = os.environ if environ is None else environ
    path = directory or environ.get(ENV_DIR)
    if not path:
        runtime = environ.get('XDG_RUNTIME_DIR')
        if runtime and os.path.isdir(runtime):
            path = os.path.join(runtime, 'edgeops-cdn-rate')
        else:
            path = os.path.join(tempfile.gettempdir(), 'edgeops-cdn-rate-%d' % os.getuid())
    try:
        os.makedirs(path, 0o700, exist_ok=True)
        info = os.lstat(path)
    except OSError as exc:
        raise CdnError('the shared rate budget needs a directory it can write, and %s is not one (%s); set %s to '
                       'one, or rate_limit.calls to 0 to send without the shared budget'
                       % (path, exc.strerror or exc, ENV_DIR), provider=provider)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise CdnError('the shared rate budget\'s directory %s is not a private directory of this user (it must be '
                       'owned by uid %d with mode 0700); fix it, set %s to another one, or rate_limit.calls to 0 to '
                       'send without the shared budget' % (path, os.getuid(), ENV_DIR), provider=provider)
    return path


_KEYS = {}
_KEYS_LOCK = threading.Lock()


def _directory_key(directory):
    """The random key of the file names' hash, made once per directory (32 bytes, mode 0600)."""
    with _KEYS_LOCK:
        if directory not in _KEYS:
            _KEYS[directory] = _read_or_make_key(os.path.join(directory, 'key'))
        return _KEYS[directory]


def _read_or_make_key(path):
    try:
        with open(path, 'rb') as handle:
            key = handle.read()
        if len(key) == 32:
            return key
    except FileNotFoundError:
        pass
    # Written aside and linked in: processes making it at once all end up with the one linked first.
    temp = '%s.%d.%s' % (path, os.getpid(), os.urandom(6).hex())
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, os.urandom(32))
    finally:
        os.close(fd)
    try:
        os.link(temp, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temp)
    with open(path, 'rb') as handle:
        return handle.read()


# --- options -----------------------------------------------------------------------

def settings_problems(rate_limit, rate_share, environ=None):
    """(option, problem) for the options rate_limit and rate_share and EDGEOPS_CDN_RATE_SHARE."""
    environ = os.environ if environ is None else environ
    out = []
    limit = rate_limit or {}
    calls, seconds, max_wait = limit.get('calls'), limit.get('seconds'), limit.get('max_wait')
    if calls is not None and calls < 0:
        out.append(('rate_limit.calls', '%s is not allowed; allowed: 0 (no shared budget) or a whole number of 1 '
                                        'or more' % calls))
    if seconds is not None and not seconds > 0:
        out.append(('rate_limit.seconds', '%s is not allowed; allowed: a number of seconds greater than 0' % _num(seconds)))
    if calls and seconds is None:
        out.append(('rate_limit.seconds', 'is missing; allowed: with calls, the seconds in which the account allows '
                                          'them (for example calls: 1200, seconds: 300)'))
    if seconds is not None and calls is None:
        out.append(('rate_limit.calls', 'is missing; allowed: with seconds, how many calls the account allows in them '
                                        '(for example calls: 1200, seconds: 300)'))
    if max_wait is not None and max_wait < 0:
        out.append(('rate_limit.max_wait', '%s is not allowed; allowed: 0 or more seconds' % max_wait))
    if rate_share is not None:
        if not 0 < rate_share <= 1:
            out.append(('rate_share', '%s is not allowed; allowed: %s' % (_num(rate_share), SHARE_ALLOWED)))
    elif environ.get(ENV_SHARE, '').strip():
        value = environ[ENV_SHARE].strip()
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not 0 < number <= 1:
            out.append(('rate_share', 'the environment variable %s is %r, which is not allowed; allowed: %s'
                        % (ENV_SHARE, value[:40], SHARE_ALLOWED)))
    return out


def share_setting(rate_share, environ=None):
    """This run's share: the option, else EDGEOPS_CDN_RATE_SHARE, else 1; CdnError when it is not allowed."""
    environ = os.environ if environ is None else environ
    for option, problem in settings_problems(None, rate_share, environ):
        raise CdnError('option %s: %s' % (option, problem))
    if rate_share is not None:
        return float(rate_share)
    value = environ.get(ENV_SHARE, '').strip()
    return float(value) if value else 1.0


def account_budget(caps, url, token, user, rate_limit=None, rate_share=None, environ=None):
    """The AccountBudget of one account (provider Capabilities, resolved credentials), or None when
    rate_limit.calls is 0 (no shared budget). Options are checked first (settings_problems)."""
    limit = rate_limit or {}
    if limit.get('calls') == 0:
        return None
    api_rate = caps.limits.api_rate
    if limit.get('calls'):
        api_rate = (limit['calls'], limit['seconds'])
    max_wait = limit.get('max_wait')
    return AccountBudget(caps.name, caps.title, (str(url or '').rstrip('/'), user, token), api_rate=api_rate,
                         share=share_setting(rate_share, environ), max_wait=MAX_WAIT if max_wait is None else max_wait,
                         environ=environ)


def _num(value):
    value = float(value)
    return ('%d' % value) if value.is_integer() else ('%g' % value)
