"""The ensure loop (ensure.py), waiting (waiter.py) and the recovery of a lost create answer (recovery.py)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.ensure import ResourceOps, ensure
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnTransportError, CdnWaitTimeout
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import create_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Waiter


class FakeTime:
    def __init__(self):
        self.now = 0.0

    def sleep(self, seconds):
        self.now += seconds

    def clock(self):
        return self.now


def test_waiter_returns_when_ready():
    t = FakeTime()
    states = iter(['a', 'b', 'ready'])
    waiter = Waiter('thing', fetch=lambda: next(states), ready=lambda s: s == 'ready', sleep=t.sleep, clock=t.clock)
    assert waiter.wait() == 'ready'


def test_waiter_times_out_naming_what_it_waited_for():
    t = FakeTime()
    waiter = Waiter('zone 7 to deploy', fetch=lambda: 'busy', ready=lambda s: False, timeout=10, sleep=t.sleep, clock=t.clock)
    with pytest.raises(CdnWaitTimeout, match='timed out after 10s waiting for zone 7 to deploy'):
        waiter.wait()
    assert t.now == pytest.approx(10, abs=0.01)


def test_ensure_recovers_from_lost_create():
    store = {}

    def create(desired):
        store['zone'] = dict(id='1', hostname='a')
        raise CdnTransportError('lost', maybe_applied=True)

    ops = ResourceOps('zone', find=lambda: store.get('zone'), create=create,
                      update=lambda c, ch, d: c, delete=None)
    result = ensure(ops, dict(hostname='a'), 'present')
    assert result['changed'] is True and result['after'] == dict(id='1', hostname='a')


def timed_out(seconds):
    error = CdnTransportError('no answer (ReadTimeout)', maybe_applied=True)
    error.in_flight, error.in_flight_for = True, seconds
    return error


def test_timed_out_create_is_looked_for_until_it_lands_and_never_resent():
    t = FakeTime()
    sent = []
    finds = iter([None, None, None, dict(id='9', hostname='a')])

    def create(desired):
        sent.append(desired)
        raise timed_out(30)

    ops = ResourceOps('zone', find=lambda: next(finds, dict(id='9', hostname='a')), create=create,
                      update=lambda c, ch, d: c, delete=None)
    # ensure's own first find answers None (nothing there yet), then the create times out.
    result = create_recovering(ops, dict(hostname='a'), lambda d, c: {}, 3, t.sleep, clock=t.clock)
    assert result == dict(id='9', hostname='a') and len(sent) == 1
    assert 0 < t.now < 30


def test_timed_out_create_that_never_lands_fails_after_the_timeout_without_resending():
    t = FakeTime()
    sent = []

    def create(desired):
        sent.append(desired)
        raise timed_out(12)

    ops = ResourceOps('zone', find=lambda: None, create=create, update=None, delete=None)
    with pytest.raises(CdnError, match='ReadTimeout'):
        create_recovering(ops, dict(hostname='a'), lambda d, c: {}, 3, t.sleep, clock=t.clock)
    assert len(sent) == 1 and t.now == pytest.approx(12, abs=0.01)


def test_ensure_commits_the_whole_plan_before_any_write_and_in_check_mode():
    events = []
    current = dict(id='1', ttl=600)
    ops = ResourceOps('zone', find=lambda: current, create=None,
                      update=lambda cur, changes, desired: events.append('update') or dict(cur, **changes),
                      delete=None)

    def commit(plan, found):
        events.append(('commit', [a['action'] for a in plan.as_list()], plan.basis(), found['id']))

    for check_mode in (True, False):
        del events[:]
        result = ensure(ops, dict(ttl=900), 'present', check_mode=check_mode, commit=commit)
        assert result['changed'] is True
        assert events[0] == ('commit', ['update'], [dict(ttl=600)], '1')
        assert events[1:] == ([] if check_mode else ['update'])
