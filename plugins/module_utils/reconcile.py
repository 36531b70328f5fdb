# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired-versus-current comparison, plans, diffs, waiters.

Everything here is provider-agnostic and pure except ``ensure`` and
``Waiter``, which call the adapter callbacks they are given.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import time

try:
    from concurrent.futures import ThreadPoolExecutor
except ImportError:  # pragma: no cover - without it the tasks run one by one
    ThreadPoolExecutor = None

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnError,
    CdnValidationError,
    CdnWaitTimeout,
)

REDACTED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'


# --- normalisers ---------------------------------------------------------

def normalize_hostname(value):
    """Lower-case, no trailing dot."""
    if value is None:
        return None
    return str(value).strip().rstrip('.').lower()


DEFAULT_PORTS = {'http': 80, 'https': 443}
# The longest URL the modules send (browsers' limit; Leaseweb documents it for purge and debug URLs).
MAX_URL_LENGTH = 2083


def normalize_url(value):
    """Canonical origin URL: lower-case scheme and host, no default port, no bare trailing slash."""
    if value is None:
        return None
    value = str(value).strip()
    if '://' not in value:
        return value
    scheme, rest = value.split('://', 1)
    if '/' in rest:
        host, path = rest.split('/', 1)
        path = '/' + path
    else:
        host, path = rest, ''
    if path == '/':
        path = ''
    scheme = scheme.lower()
    host = host.lower()
    default = ':%s' % DEFAULT_PORTS.get(scheme)
    if host.endswith(default):
        host = host[:-len(default)]
    return '%s://%s%s' % (scheme, host, path)


def split_url(value):
    """(scheme, host, port or None, path) of an origin URL; raises ValueError."""
    if not value or '://' not in value:
        raise ValueError('must be an absolute URL such as https://origin.example.com')
    scheme, rest = value.split('://', 1)
    scheme = scheme.lower()
    if scheme not in ('http', 'https'):
        raise ValueError('must use http or https, not %s' % scheme)
    hostport, _sep, path = rest.partition('/')
    host, _sep, port = hostport.partition(':')
    if not host:
        raise ValueError('has no host')
    if ' ' in host:
        raise ValueError('has white space in its host')
    port_number = None
    if port:
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError('has an invalid port %r' % port)
        port_number = int(port)
    return scheme, host.lower(), port_number, '/' + path if path else ''


def to_bool(value):
    """Providers send booleans as bools, 0/1, '0'/'1', 'true'/'false'."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return value != 0
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def to_int(value):
    if value is None or value == '':
        return None
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


# --- comparison ----------------------------------------------------------

def values_equal(desired, current, unordered=False):
    """Compare one option value; dicts compare only the keys desired sets."""
    if isinstance(desired, dict):
        if not isinstance(current, dict):
            return False
        return all(values_equal(v, current.get(k)) for k, v in desired.items() if v is not None)
    if isinstance(desired, (list, tuple)):
        if not isinstance(current, (list, tuple)):
            return not desired and not current
        if unordered:
            try:
                return sorted(desired) == sorted(current)
            except TypeError:
                return list(desired) == list(current)
        return list(desired) == list(current)
    if isinstance(desired, bool) or isinstance(current, bool):
        return to_bool(desired) == to_bool(current)
    if isinstance(desired, int) and not isinstance(desired, bool):
        return to_int(current) == desired
    return desired == current


def compare(desired, current, unordered=()):
    """Return {option: desired value} for every option set that differs.

    ``desired`` holds only what the user set (None means unspecified and is
    never compared). For a dict option only the differing keys are returned.
    """
    changes = {}
    current = current or {}
    for key, want in desired.items():
        if want is None:
            continue
        have = current.get(key)
        if isinstance(want, dict):
            sub = dict((k, v) for k, v in want.items()
                       if v is not None and not values_equal(v, (have or {}).get(k)))
            if sub:
                changes[key] = sub
        elif not values_equal(want, have, unordered=key in unordered):
            changes[key] = want
    return changes


def merge(current, changes):
    """The state expected after applying changes (used for check mode)."""
    result = copy.deepcopy(current or {})
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key].update(copy.deepcopy(value))
        else:
            result[key] = copy.deepcopy(value)
    return result


# --- option validation from capability declarations ----------------------

def validate_settings(provider, resource, settings, specs):
    """Check a provider-native ``settings`` dict against its declared specs.

    specs: {name: {'type': 'int'|'bool'|'str'|'list'|'dict', 'choices': [...],
    'min': n, 'max': n}}. Returns the settings coerced to the declared types.
    """
    if not settings:
        return settings
    result = {}
    for name, value in settings.items():
        spec = specs.get(name)
        if spec is None:
            raise CdnValidationError(
                'settings', 'has key %r, which %s does not offer for a %s' % (name, provider, resource),
                allowed=', '.join(sorted(specs)) or 'none')
        result[name] = coerce_setting(name, value, spec)
    return result


def range_text(low, high):
    if high is None:
        return 'at least %s' % low
    if low is None:
        return 'at most %s' % high
    return '%s to %s' % (low, high)


def coerce_setting(name, value, spec):
    kind = spec.get('type', 'str')
    option = 'settings.%s' % name
    if value is None:
        return None
    if kind == 'bool':
        if isinstance(value, bool) or str(value).lower() in ('0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'):
            return to_bool(value)
        raise CdnValidationError(option, 'is not a boolean', value=value, allowed='true or false')
    if kind == 'int':
        number = to_int(value)
        if not isinstance(number, int):
            raise CdnValidationError(option, 'is not an integer', value=value)
        low, high = spec.get('min'), spec.get('max')
        if (low is not None and number < low) or (high is not None and number > high):
            raise CdnValidationError(option, 'is out of range', value=value, allowed=range_text(low, high))
        value = number
    elif kind == 'list':
        if not isinstance(value, list):
            raise CdnValidationError(option, 'is not a list', value=value)
    elif kind == 'dict':
        if not isinstance(value, dict):
            raise CdnValidationError(option, 'is not a dictionary', value=value)
    elif kind == 'str':
        value = str(value)
    choices = spec.get('choices')
    if choices is not None and value not in choices:
        raise CdnValidationError(option, 'is not a valid choice', value=value,
                                 allowed=', '.join(str(c) for c in choices))
    return value


def check_range(option, value, low, high):
    if value is not None and not low <= value <= high:
        raise CdnValidationError(option, 'is out of range', value=value, allowed='%s to %s' % (low, high))


# --- plans and diffs -----------------------------------------------------

class Plan:
    """The whole change, computed before anything is written."""

    def __init__(self):
        self.actions = []

    def add(self, action, resource, ident=None, changes=None):
        self.actions.append(dict(action=action, resource=resource, id=ident,
                                 changes=changes or {}))

    @property
    def changed(self):
        return bool(self.actions)

    def ordered(self):
        """Deletes, then updates, then creates."""
        rank = {'delete': 0, 'update': 1, 'create': 2}
        return sorted(self.actions, key=lambda a: rank.get(a['action'], 3))

    def as_list(self, secret_keys=()):
        return [redact_secrets(a, secret_keys) for a in self.ordered()]


def redact_secrets(value, secret_keys):
    if isinstance(value, dict):
        return dict((k, REDACTED if k in secret_keys and v not in (None, '') else redact_secrets(v, secret_keys))
                    for k, v in value.items())
    if isinstance(value, list):
        return [redact_secrets(v, secret_keys) for v in value]
    return value


def option_view(state, keys, secret_keys=()):
    """The part of a canonical object a user sees in a diff (option shape)."""
    if state is None:
        return {}
    view = dict((k, state.get(k)) for k in keys if k in state)
    return redact_secrets(view, secret_keys)


def make_diff(before, after, keys, secret_keys=()):
    return dict(before=option_view(before, keys, secret_keys),
                after=option_view(after, keys, secret_keys))


# --- bounded concurrency -------------------------------------------------

def run_bounded(tasks, concurrency):
    """Run callables with at most ``concurrency`` at once.

    Returns (result, error) per task, in order; a CdnError is caught and
    returned so one failure never hides what the other tasks did.
    """
    def guarded(task):
        try:
            return task(), None
        except CdnError as exc:
            return None, exc

    if concurrency <= 1 or len(tasks) <= 1 or ThreadPoolExecutor is None:
        return [guarded(t) for t in tasks]
    with ThreadPoolExecutor(max_workers=min(concurrency, len(tasks))) as pool:
        return list(pool.map(guarded, tasks))


# --- waiting -------------------------------------------------------------

class Waiter:
    """Declarative polling: what to fetch, when it is done, when it failed."""

    def __init__(self, description, fetch, ready, failed=None, timeout=300,
                 interval=0.5, max_interval=5.0, sleep=time.sleep, clock=time.time):
        self.description = description
        self.fetch = fetch
        self.ready = ready
        self.failed = failed
        self.timeout = timeout
        self.interval = interval
        self.max_interval = max_interval
        self.sleep = sleep
        self.clock = clock

    def wait(self):
        deadline = self.clock() + self.timeout
        interval = self.interval
        last = None
        while True:
            last = self.fetch()
            if self.failed is not None:
                reason = self.failed(last)
                if reason:
                    raise CdnError('%s failed: %s' % (self.description, reason))
            if self.ready(last):
                return last
            if self.clock() >= deadline:
                raise CdnWaitTimeout('timed out after %ss waiting for %s' % (self.timeout, self.description),
                                     details=dict(last=last))
            self.sleep(min(interval, max(0.0, deadline - self.clock())))
            interval = min(self.max_interval, interval * 1.5)


# --- the generic ensure loop ---------------------------------------------

class ResourceOps:
    """Callbacks ``ensure`` drives; adapters provide them per resource."""

    def __init__(self, kind, find, create, update, delete, ready=None, predict=None):
        self.kind = kind
        self.find = find
        self.create = create
        self.update = update
        self.delete = delete
        self.ready = ready
        self.predict = predict


def ensure(ops, desired, state, check_mode=False, wait=False, wait_timeout=300,
           unordered=(), sleep=time.sleep, differ=None, create_attempts=3):
    """Bring one resource to the desired state; return a result dict.

    Result keys: changed, before, after, plan (a Plan), changes.
    ``differ(desired, current)`` replaces the plain ``compare`` where a
    resource needs more (defaults that depend on the current object, secrets).
    """
    if differ is None:
        def differ(wanted, have):
            return compare(wanted, have, unordered)
    plan = Plan()
    current = ops.find()
    if state == 'absent':
        if current is None:
            return dict(changed=False, before=None, after=None, plan=plan, changes={})
        plan.add('delete', ops.kind, current.get('id'))
        if not check_mode:
            ops.delete(current)
        return dict(changed=True, before=current, after=None, plan=plan, changes={})

    if current is None:
        wanted = dict((k, v) for k, v in desired.items() if v is not None)
        plan.add('create', ops.kind, None, wanted)
        if check_mode:
            after = ops.predict(wanted) if ops.predict else wanted
            return dict(changed=True, before=None, after=after, plan=plan, changes=wanted)
        after = _create(ops, desired, differ, create_attempts, sleep)
        after = _maybe_wait(ops, after, wait, wait_timeout, sleep)
        return dict(changed=True, before=None, after=after, plan=plan, changes=wanted)

    changes = differ(desired, current)
    if not changes:
        after = _maybe_wait(ops, current, wait and not check_mode, wait_timeout, sleep)
        return dict(changed=False, before=current, after=after, plan=plan, changes={})
    plan.add('update', ops.kind, current.get('id'), changes)
    if check_mode:
        return dict(changed=True, before=current, after=merge(current, changes), plan=plan, changes=changes)
    after = ops.update(current, changes, desired)
    after = _maybe_wait(ops, after, wait, wait_timeout, sleep)
    return dict(changed=True, before=current, after=after, plan=plan, changes=changes)


# None: no answer at all (dropped connection).
TRANSIENT_STATUSES = (None, 500, 502, 503, 504)


def send_recovering(send, find, on_found=None, attempts=3, sleep=time.sleep, clock=time.monotonic,
                    before_resend=None):
    """Send a write (``send()``) that must not happen twice, and recover a lost answer.

    When the answer is lost (5xx, dropped connection, timeout) read back with
    ``find()`` instead of sending again: found, ``on_found(found)`` (or the
    found object) is the result; not found after a 5xx or a dropped connection,
    nothing was applied and the write is sent again (at most ``attempts`` times,
    ``before_resend()`` first). A timed-out write may still be running at the
    provider, so it is never re-sent: it is looked for until it appears or the
    request timeout has passed once more (find_after_failure).
    """
    attempt = 1
    while True:
        try:
            return send()
        except CdnError as exc:
            if not exc.maybe_applied:
                raise
            found = find_after_failure(find, exc, sleep, clock)
            if found is not None:
                return on_found(found) if on_found else found
            # Only a transient failure is worth another try; a provider's own refusal
            # (UCDN's 532 "Fail message") would only repeat.
            if exc.in_flight or exc.status not in TRANSIENT_STATUSES or attempt >= attempts:
                raise
            attempt += 1
            sleep(0.5 * attempt)
            if before_resend is not None:
                before_resend()


def create_recovering(ops, desired, differ=None, attempts=3, sleep=time.sleep):
    """ops.create(desired) with the recovery of a lost answer, for cores that create
    outside ensure(); ``differ`` defaults to "nothing more to change"."""
    return _create(ops, desired, differ or (lambda wanted, have: {}), attempts, sleep)


def _create(ops, desired, differ, attempts, sleep, clock=time.monotonic):
    """Create once (send_recovering); a resource found after a lost answer is reconciled."""
    def reconciled(found):
        remaining = differ(desired, found)
        return ops.update(found, remaining, desired) if remaining else found

    return send_recovering(lambda: ops.create(desired), ops.find, on_found=reconciled, attempts=attempts,
                           sleep=sleep, clock=clock)


def find_after_failure(find, exc, sleep=time.sleep, clock=time.monotonic):
    """What a write whose answer was lost (``exc``) made, by reading with ``find``;
    for an in-flight write keep looking (0.5 s, doubling up to 4 s) for up to
    ``exc.in_flight_for`` seconds. None when nothing appeared."""
    deadline = clock() + (exc.in_flight_for if exc.in_flight else 0)
    pause = 0.5
    while True:
        try:
            found = find()
        except CdnError:
            # The read failed (or could not tell): the write's own error says more.
            raise exc
        if found is not None or clock() >= deadline:
            return found
        sleep(min(pause, max(0.0, deadline - clock())))
        pause = min(pause * 2, 4.0)


def _maybe_wait(ops, obj, wait, wait_timeout, sleep):
    if not wait or ops.ready is None or obj is None:
        return obj
    if ops.ready(obj):
        return obj
    ident = obj.get('id')
    waiter = Waiter('%s %s to be deployed' % (ops.kind, ident),
                    fetch=ops.find, ready=lambda o: o is not None and ops.ready(o),
                    timeout=wait_timeout, sleep=sleep)
    return waiter.wait()
