"""Pure logic of reconcile.py: comparison, normalisers, plans, diffs, waiters."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import reconcile as r
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError, CdnValidationError, CdnWaitTimeout


@pytest.mark.parametrize('value, expected', [
    ('HTTP://Origin.Example.com/', 'http://origin.example.com'),
    ('https://o.example.com/path/', 'https://o.example.com/path/'),
    ('https://o.example.com:8443', 'https://o.example.com:8443'),
    (None, None),
])
def test_normalize_url(value, expected):
    assert r.normalize_url(value) == expected


@pytest.mark.parametrize('value', ['not a url', 'ftp://o.example.com', 'http://', 'http://o.example.com:99999'])
def test_split_url_rejects(value):
    with pytest.raises(ValueError):
        r.split_url(value)


def test_normalize_url_drops_only_the_scheme_default_port():
    assert r.normalize_url('https://o.example.com:443/a') == 'https://o.example.com/a'
    assert r.normalize_url('http://o.example.com:80') == 'http://o.example.com'
    assert r.normalize_url('http://o.example.com:443') == 'http://o.example.com:443'


def test_split_url_parts():
    assert r.split_url('https://O.example.com:8443/a/b') == ('https', 'o.example.com', 8443, '/a/b')


def test_compare_only_options_set():
    desired = dict(origin='http://a', cache_ttl=None, tls=True)
    current = dict(origin='http://a', cache_ttl=60, tls=False)
    assert r.compare(desired, current) == {'tls': True}


def test_compare_tolerates_provider_types():
    assert r.compare(dict(cache_ttl=3600, tls=True), dict(cache_ttl='3600', tls='1')) == {}


def test_compare_dict_option_reports_only_differing_keys():
    desired = dict(settings=dict(a=1, b=2))
    current = dict(settings=dict(a=1, b=3, c=4))
    assert r.compare(desired, current) == {'settings': {'b': 2}}


def test_compare_unordered_lists():
    assert r.compare(dict(aliases=['b', 'a']), dict(aliases=['a', 'b']), unordered=('aliases',)) == {}
    assert r.compare(dict(aliases=[]), dict(aliases=['a'])) == {'aliases': []}


def test_merge_predicts_state():
    assert r.merge(dict(a=1, s=dict(x=1)), dict(a=2, s=dict(y=2))) == dict(a=2, s=dict(x=1, y=2))


def test_validate_settings_unknown_key_names_allowed():
    with pytest.raises(CdnValidationError) as err:
        r.validate_settings('UCDN', 'zone', dict(colour='red'), dict(size=dict(type='str')))
    assert "option settings: has key 'colour'" in str(err.value)
    assert 'allowed: size' in str(err.value)


def test_validate_settings_coerces_and_checks_range():
    specs = dict(ttl=dict(type='int', min=0, max=10), on=dict(type='bool'), lvl=dict(type='str', choices=['a', 'b']))
    assert r.validate_settings('X', 'zone', dict(ttl='5', on='yes', lvl='a'), specs) == dict(ttl=5, on=True, lvl='a')
    with pytest.raises(CdnValidationError, match='out of range'):
        r.validate_settings('X', 'zone', dict(ttl=11), specs)
    with pytest.raises(CdnValidationError, match='allowed: a, b'):
        r.validate_settings('X', 'zone', dict(lvl='c'), specs)


def test_plan_orders_deletes_updates_creates_and_redacts():
    plan = r.Plan()
    plan.add('create', 'zone', None, dict(password='s3cret'))
    plan.add('update', 'zone', '1')
    plan.add('delete', 'zone', '2')
    ordered = plan.as_list(secret_keys=('password',))
    assert [a['action'] for a in ordered] == ['delete', 'update', 'create']
    assert ordered[2]['changes']['password'] == r.REDACTED


def test_make_diff_uses_option_keys_and_hides_secrets():
    diff = r.make_diff(None, dict(origin='http://a', raw={'x': 1}, key='k'), ('origin', 'key'), secret_keys=('key',))
    assert diff == dict(before={}, after=dict(origin='http://a', key=r.REDACTED))


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
    waiter = r.Waiter('thing', fetch=lambda: next(states), ready=lambda s: s == 'ready', sleep=t.sleep, clock=t.clock)
    assert waiter.wait() == 'ready'


def test_waiter_times_out_naming_what_it_waited_for():
    t = FakeTime()
    waiter = r.Waiter('zone 7 to deploy', fetch=lambda: 'busy', ready=lambda s: False, timeout=10, sleep=t.sleep, clock=t.clock)
    with pytest.raises(CdnWaitTimeout, match='timed out after 10s waiting for zone 7 to deploy'):
        waiter.wait()
    assert t.now == pytest.approx(10, abs=0.01)


def test_ensure_recovers_from_lost_create():
    from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnTransportError
    store = {}

    def create(desired):
        store['zone'] = dict(id='1', hostname='a')
        raise CdnTransportError('lost', maybe_applied=True)

    ops = r.ResourceOps('zone', find=lambda: store.get('zone'), create=create,
                        update=lambda c, ch, d: c, delete=None)
    result = r.ensure(ops, dict(hostname='a'), 'present')
    assert result['changed'] is True and result['after'] == dict(id='1', hostname='a')


def timed_out(seconds):
    from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnTransportError
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

    ops = r.ResourceOps('zone', find=lambda: next(finds, dict(id='9', hostname='a')), create=create,
                        update=lambda c, ch, d: c, delete=None)
    # ensure's own first find answers None (nothing there yet), then the create times out.
    result = r._create(ops, dict(hostname='a'), lambda d, c: {}, 3, t.sleep, clock=t.clock)
    assert result == dict(id='9', hostname='a') and len(sent) == 1
    assert 0 < t.now < 30


def test_timed_out_create_that_never_lands_fails_after_the_timeout_without_resending():
    t = FakeTime()
    sent = []

    def create(desired):
        sent.append(desired)
        raise timed_out(12)

    ops = r.ResourceOps('zone', find=lambda: None, create=create, update=None, delete=None)
    with pytest.raises(CdnError, match='ReadTimeout'):
        r._create(ops, dict(hostname='a'), lambda d, c: {}, 3, t.sleep, clock=t.clock)
    assert len(sent) == 1 and t.now == pytest.approx(12, abs=0.01)
