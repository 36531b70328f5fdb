"""The shared rate budget (module_utils/rate.py): the sliding window with a fake clock, its file shared
by several budgets as by several processes, the file names, the private directory and the options."""

import os
import stat
import threading
import time

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import purge as purge_core
from ansible_collections.edgeops.cdn.plugins.module_utils import rate
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnWaitTimeout
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import Capabilities, Limits, ResourceCaps

TOKEN = 'tok-3f9a7c1e55d0'
URL = 'https://www.cloudflare.com/api_json.html'


class FakeTime:
    """A clock that only sleep moves."""

    def __init__(self, now=1000.0):
        self.now = now
        self.slept = []

    def clock(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(round(seconds, 6))
        self.now += seconds


def window(store, calls, seconds, fake, **kwargs):
    return rate.Window(store, calls, seconds, clock=fake.clock, sleep=fake.sleep, **kwargs)


def test_prune_keeps_the_window_and_drops_far_future_times():
    times = [1.0, 5.0, 10.0, 10.5, 40.0]
    assert rate.prune(times, 15.0, 10.0) == [10.0, 10.5]   # 5.0 is exactly one window old: gone
    assert rate.prune(times, 20.0, 10.0) == [10.5]
    assert rate.prune(times, 10.5, 10.0) == [1.0, 5.0, 10.0, 10.5]
    assert rate.prune([50.0], 20.0, 10.0) == []             # the clock went back more than a window


def test_free_in_is_when_the_oldest_counted_call_leaves():
    assert rate.free_in([1.0, 2.0], 5.0, 3, 10.0) == 0.0
    assert rate.free_in([1.0, 2.0, 3.0], 5.0, 3, 10.0) == 6.0
    assert rate.free_in([1.0, 2.0, 3.0], 5.0, 2, 10.0) == 7.0   # a smaller share: the second oldest
    assert rate.free_in([1.0, 2.0, 3.0], 11.0 - 1e-12, 3, 10.0) == rate.MIN_SLEEP


def test_moved_books_a_call_at_its_answer():
    assert rate.moved([1.0, 2.0, 3.0], 1.0, 4.0) == [2.0, 3.0, 4.0]
    assert rate.moved([1.0, 2.0], 1.5, 4.0) == [1.0, 2.0]       # gone (pruned): unchanged


def test_window_paces_calls_and_counts_from_the_answer():
    fake = FakeTime(0.0)
    win = window(rate.MemoryStore(), 2, 10, fake)
    first = win.take()
    fake.now = 0.5
    win.done(first)                       # answered at 0.5: counts until 10.5, not 10
    win.take()
    assert fake.slept == []
    fake.now = 2.0
    third = win.take()
    assert fake.slept == [8.5] and third == 10.5   # 8 s had the first call counted from its booking
    assert list(win.store.times) == [10.5]


def test_window_fails_when_the_wait_passes_max_wait_and_says_why():
    fake = FakeTime(0.0)
    win = window(rate.MemoryStore(), 1, 300, fake, max_wait=60, provider='cloudflare',
                 describe=lambda: "the CloudFlare account's rate budget (1 calls per 300 s)")
    win.take()
    with pytest.raises(CdnWaitTimeout) as err:
        win.take('list zones')
    text = str(err.value)
    assert text.startswith('cloudflare list zones: no call was free in the CloudFlare account\'s rate budget')
    assert 'rate_limit.max_wait (60 s)' in text and 'rate_share' in text and 'fewer forks' in text
    assert fake.slept == []               # it did not sleep first to fail later
    assert len(win.store.times) == 1      # nothing booked


def test_two_budgets_on_one_file_share_the_window(tmp_path):
    """Two processes of one controller: each its own Window object, one file."""
    fake = FakeTime(100.0)
    path = str(tmp_path / 'w')
    one = window(rate.FileStore(path), 3, 60, fake)
    two = window(rate.FileStore(path), 3, 60, fake)
    one.take()
    one.take()
    two.take()
    assert fake.slept == []
    fake.now = 130.0
    one.take()                            # the window is full: waits for the oldest call to leave
    assert fake.slept == [30.0]
    assert os.path.getsize(path) == 8     # the three left the window; one call in it
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_threads_on_one_file_never_exceed_the_window(tmp_path):
    """Real clock and real locks: 4 threads x 6 calls at 4 calls per 0.25 s."""
    win = rate.Window(rate.FileStore(str(tmp_path / 'w')), 4, 0.25)
    slots = []
    lock = threading.Lock()

    def worker():
        for dummy in range(6):
            slot = win.take()
            with lock:
                slots.append(slot)
            win.done(slot)

    started = time.time()
    threads = [threading.Thread(target=worker) for dummy in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(slots) == 24
    slots.sort()
    assert all(len([t for t in slots if start <= t < start + 0.25]) <= 4 for start in slots)
    assert time.time() - started >= 5 * 0.25 - 0.01   # 24 calls need 6 windows


CAPS = Capabilities('cloudflare', 'CloudFlare', limits=Limits(api_rate=(1200, 300)),
                    resources={'purge': ResourceCaps(operations=('purge',))})


def budget(tmp_path, token=TOKEN, user='ops@example.com', **kwargs):
    directory = str(tmp_path / 'rate')
    return rate.account_budget(CAPS, URL, token, user, environ={rate.ENV_DIR: directory}, **kwargs)


def test_budget_file_is_named_by_a_keyed_hash_never_a_credential(tmp_path):
    first = budget(tmp_path)
    name = os.path.basename(first.path('api'))
    assert name.startswith('cloudflare-') and name.endswith('-api.window')
    for secret in (TOKEN, 'ops', 'example.com', 'cloudflare.com', TOKEN[:8]):
        assert secret not in name.split('-', 1)[1]
    directory = tmp_path / 'rate'
    assert stat.S_IMODE(os.stat(str(directory)).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(str(directory / 'key')).st_mode) == 0o600
    assert budget(tmp_path).path('api') == first.path('api')                  # one account, one file
    assert budget(tmp_path, token='other').path('api') != first.path('api')   # another token, another
    assert budget(tmp_path, user='b@example.com').path('api') != first.path('api')
    first.take('list zones')
    assert sorted(os.listdir(str(directory))) == sorted(['key', name])
    assert TOKEN.encode() not in open(first.path('api'), 'rb').read()


def test_budget_uses_the_documented_rate_an_override_or_none(tmp_path):
    assert budget(tmp_path).api.calls == 1200 and budget(tmp_path).api.seconds == 300
    override = budget(tmp_path, rate_limit=dict(calls=60, seconds=10, max_wait=20))
    assert (override.api.calls, override.api.seconds, override.api.max_wait) == (60, 10, 20)
    assert budget(tmp_path, rate_limit=dict(calls=0)) is None
    quarter = budget(tmp_path, rate_share=0.25)
    assert quarter.api.calls == 300 and quarter.window('purge', (40, 300)).calls == 10
    assert "rate_share 0.25 of 1200" in quarter.api.describe()
    unlimited = rate.account_budget(Capabilities('ucdn', 'UCDN'), 'https://api.ucdn.com/v3/', TOKEN, None,
                                    environ={rate.ENV_DIR: str(tmp_path / 'rate')})
    assert unlimited.api is None and unlimited.take('list zones') is None
    assert not (tmp_path / 'rate').exists()   # no window used: no file touched


def test_share_comes_from_the_option_then_the_environment():
    assert rate.share_setting(0.5, {rate.ENV_SHARE: '0.25'}) == 0.5
    assert rate.share_setting(None, {rate.ENV_SHARE: ' 0.25 '}) == 0.25
    assert rate.share_setting(None, {}) == 1.0
    assert rate.share_of(1200, 0.25) == 300 and rate.share_of(40, 0.01) == 1 and rate.share_of(3, 1 / 3.0) == 1
    with pytest.raises(CdnError) as err:
        rate.share_setting(None, {rate.ENV_SHARE: 'half'})
    assert 'EDGEOPS_CDN_RATE_SHARE' in str(err.value) and "'half'" in str(err.value)


@pytest.mark.parametrize('rate_limit,share,env,option,words', [
    (dict(calls=-1, seconds=5), None, {}, 'rate_limit.calls', '-1 is not allowed; allowed: 0 (no shared budget)'),
    (dict(calls=10), None, {}, 'rate_limit.seconds', 'is missing; allowed: with calls'),
    (dict(seconds=10), None, {}, 'rate_limit.calls', 'is missing; allowed: with seconds'),
    (dict(calls=10, seconds=0), None, {}, 'rate_limit.seconds', '0 is not allowed; allowed: a number of seconds'),
    (dict(calls=10, seconds=5, max_wait=-1), None, {}, 'rate_limit.max_wait', '-1 is not allowed'),
    (None, 0, {}, 'rate_share', '0 is not allowed; allowed: a fraction greater than 0 and at most 1'),
    (None, 1.5, {}, 'rate_share', '1.5 is not allowed'),
    (None, None, {rate.ENV_SHARE: '2'}, 'rate_share', "the environment variable EDGEOPS_CDN_RATE_SHARE is '2'"),
])
def test_settings_problems_name_the_option_the_problem_and_what_is_allowed(rate_limit, share, env, option, words):
    problems = rate.settings_problems(rate_limit, share, env)
    assert len(problems) == 1 and problems[0][0] == option and words in problems[0][1], problems


def test_settings_accept_what_is_allowed():
    assert rate.settings_problems(None, None, {}) == []
    assert rate.settings_problems(dict(calls=0), 1, {rate.ENV_SHARE: '0.5'}) == []
    assert rate.settings_problems(dict(calls=20, seconds=0.5, max_wait=0), None, {rate.ENV_SHARE: '1'}) == []


def test_a_directory_others_can_enter_is_refused(tmp_path):
    shared = tmp_path / 'open'
    shared.mkdir()
    os.chmod(str(shared), 0o755)
    with pytest.raises(CdnError) as err:
        rate.state_dir(environ={rate.ENV_DIR: str(shared)}, provider='cloudflare')
    assert 'not a private directory' in str(err.value) and rate.ENV_DIR in str(err.value)
    blocked = tmp_path / 'file'
    blocked.write_text('')
    with pytest.raises(CdnError) as err:
        rate.state_dir(environ={rate.ENV_DIR: str(blocked / 'sub')})
    assert 'needs a directory it can write' in str(err.value)


def test_default_directory_is_private_per_user(tmp_path):
    runtime = tmp_path / 'run'
    runtime.mkdir()
    assert rate.state_dir(environ={'XDG_RUNTIME_DIR': str(runtime)}) == str(runtime / 'edgeops-cdn-rate')
    assert rate.state_dir(environ={}).endswith('edgeops-cdn-rate-%d' % os.getuid())


class FakeClient:
    def __init__(self, budget):
        self.rate = budget


class FakeAdapter:
    capabilities = Capabilities('cloudflow', 'CloudFlow', limits=Limits(purge_rate=(40, 300)),
                                resources={'purge': ResourceCaps(operations=('purge',))})

    def __init__(self, budget=None):
        self.client = FakeClient(budget)


def test_purges_use_the_accounts_shared_purge_window(tmp_path):
    env = {rate.ENV_DIR: str(tmp_path / 'rate')}
    shared = rate.account_budget(FakeAdapter.capabilities, 'https://cdn.example.net/', TOKEN, 'u', rate_share=0.5,
                                 environ=env)
    purger = purge_core.Purger(FakeAdapter(shared), {})
    assert purger.rate is shared.window('purge', (40, 300)) and purger.rate.calls == 20
    assert isinstance(purger.rate.store, rate._LazyFileStore)  # pylint: disable=protected-access
    # The budget off (rate_limit.calls 0): this run alone, as before.
    alone = purge_core.Purger(FakeAdapter(None), {})
    assert isinstance(alone.rate.store, rate.MemoryStore) and alone.rate.calls == 40


def test_the_modules_document_the_same_default_wait():
    from ansible_collections.edgeops.cdn.plugins.module_utils import module as module_core

    spec = module_core.provider_argument_spec()['rate_limit']['options']
    assert spec['max_wait']['default'] == module_core.RATE_MAX_WAIT == rate.MAX_WAIT
