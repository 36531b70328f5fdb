"""Pure tests of cdn_purge's core: input checks, deduplication, host checks, batching, pacing."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import purge as core
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import Capabilities, Limits, ResourceCaps

ZONE = dict(id='7', hostname='cdn.example.com', aliases=['img.example.com'], cdn_domain='a7.cdn.net', tls=False)


def test_collect_inputs_dedupes_and_normalises():
    items, invalid = core.collect_inputs(
        ['http://CDN.example.com/a.png', 'http://cdn.example.com/a.png', 'https://cdn.example.com/a.png',
         'http://cdn.example.com:8080/b?x=1#frag', 'http://cdn.example.com'],
        ['/a.png', 'a.png', '/c'])
    assert invalid == []
    assert items == [('http', 'cdn.example.com', '/a.png'), ('https', 'cdn.example.com', '/a.png'),
                     ('http', 'cdn.example.com', '/b?x=1'), ('http', 'cdn.example.com', '/'),
                     (None, None, '/a.png'), (None, None, '/c')]


@pytest.mark.parametrize('value,reason', [
    ('', 'is empty'), ('   ', 'is empty'), ('ftp://h/x', 'scheme ftp'), ('cdn.example.com/x', 'not an absolute'),
    ('http:///x', 'has no host'), ('http://h/a b', 'white space'), ('http://h:port/x', 'invalid port'),
    ('http://h/' + 'x' * 2100, 'longer than'),
])
def test_invalid_urls_are_named_with_a_reason(value, reason):
    items, invalid = core.collect_inputs([value], [])
    assert items == [] and len(invalid) == 1 and reason in invalid[0]


def test_invalid_paths_and_wildcards():
    items, invalid = core.collect_inputs([], ['', 'http://h/x', '/img/*.jpg', '/ok'])
    assert items == [(None, None, '/ok')]
    assert [i.split(' ', 1)[1] for i in invalid] == [
        'is empty', 'is a URL; give it in urls, or give only the path here',
        'has a wildcard, which this provider does not support']
    items, invalid = core.collect_inputs(['http://h/*'], ['/d/*'], wildcards=True)
    assert invalid == [] and len(items) == 2


def test_zone_hosts():
    assert core.zone_hosts(ZONE) == ['cdn.example.com', 'img.example.com', 'a7.cdn.net']
    assert core.zone_hosts(dict(hostname='A.example.com.', aliases=None, cdn_domain=None)) == ['a.example.com']


def test_resolve_targets_turns_paths_into_urls_and_dedupes():
    items, dummy = core.collect_inputs(['http://cdn.example.com/a', 'http://img.example.com/a',
                                        'http://a7.cdn.net/z'], ['/a', '/b'])
    targets = core.resolve_targets(items, ZONE, 'Sim')
    assert [t.url for t in targets] == ['http://cdn.example.com/a', 'http://img.example.com/a',
                                        'http://a7.cdn.net/z', 'http://cdn.example.com/b']
    tls = core.resolve_targets([(None, None, '/x')], dict(ZONE, tls=True), 'Sim')
    assert tls[0].url == 'https://cdn.example.com/x'


def test_resolve_targets_refuses_and_names_foreign_hosts():
    items, dummy = core.collect_inputs(['http://cdn.example.com/a', 'https://evil.example.org/x',
                                        'http://example.com/y'], [])
    with pytest.raises(CdnValidationError) as err:
        core.resolve_targets(items, ZONE, 'Sim')
    text = str(err.value)
    assert 'https://evil.example.org/x' in text and 'http://example.com/y' in text
    assert 'cdn.example.com/a' not in text.split('allowed', 1)[0]
    assert 'allowed: URLs on cdn.example.com, img.example.com, a7.cdn.net' in text


def test_wire_items_dedupe_in_the_provider_form():
    targets = core.resolve_targets([('http', 'cdn.example.com', '/a'), ('https', 'cdn.example.com', '/a'),
                                    ('http', 'img.example.com', '/a')], ZONE, 'Sim')
    as_paths = core.wire_items(targets, 'path')
    assert [(item, len(group)) for item, group in as_paths] == [('/a', 3)]
    as_urls = core.wire_items(targets, 'url')
    assert [item for item, group in as_urls] == ['http://cdn.example.com/a', 'https://cdn.example.com/a',
                                                 'http://img.example.com/a']


@pytest.mark.parametrize('count,size,expected', [
    (0, 1300, []), (1, 1300, [1]), (1300, 1300, [1300]), (1301, 1300, [1300, 1]),
    (2700, 1300, [1300, 1300, 100]), (5, 1, [1] * 5), (3, 0, [1, 1, 1]),
])
def test_make_batches(count, size, expected):
    batches = core.make_batches(list(range(count)), size)
    assert [len(b) for b in batches] == expected
    assert [x for b in batches for x in b] == list(range(count))


def test_rate_window_paces_requests():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    window = core.RateWindow(2, 300, clock=lambda: now[0], sleep=sleep)
    window.acquire()
    window.acquire()
    assert slept == []
    now[0] = 10.0
    window.acquire()
    assert slept == [290.0] and now[0] == 300.0


def test_run_pool_keeps_order_and_returns_errors():
    from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError

    def boom():
        raise CdnApiError('no')

    results = core.run_pool([lambda: 1, boom, lambda: 3], 2)
    assert results[0] == 1 and isinstance(results[1], CdnApiError) and results[2] == 3


class FakeAdapter:
    def __init__(self, limits, operations=('purge',)):
        self.capabilities = Capabilities('sim', 'Sim', resources={'purge': ResourceCaps(operations=operations)},
                                         limits=Limits(**limits))


def test_plan_uses_the_declared_batch_limit_and_default():
    params = dict(purge_all=False, prefetch=True)
    purger = core.Purger(FakeAdapter({'purge_batch': 2, 'purge_form': 'path'}), params)
    work, plan = purger.plan([('/a', []), ('/b', []), ('/c', [])])
    assert [(kind, len(chunk)) for kind, chunk in work] == [('purge', 2), ('purge', 1), ('prefetch', 2), ('prefetch', 1)]
    assert [a['id'] for a in plan.as_list()] == [1, 2, 3, 4]
    default = core.Purger(FakeAdapter({}), dict(purge_all=False))
    assert default.batch_size == 100 and default.form == 'url'


def test_validate_params_refuses_before_any_request():
    caps = FakeAdapter({}).capabilities
    base = dict(urls=None, paths=None, purge_all=False, prefetch=False, concurrency=4, wait_timeout=10)
    with pytest.raises(CdnUnsupportedError) as err:
        core.validate_params(caps, dict(base, purge_all=True))
    assert 'purge_all' in str(err.value)
    with pytest.raises(CdnUnsupportedError):
        core.validate_params(caps, dict(base, prefetch=True))
    with pytest.raises(CdnValidationError) as err:
        core.validate_params(caps, dict(base, urls=['nope']))
    assert "'nope' is not an absolute" in str(err.value)
    assert core.validate_params(caps, dict(base, paths=['/a', '/a'])) == [(None, None, '/a')]
    none = Capabilities('x', 'X', resources={})
    with pytest.raises(CdnUnsupportedError) as err:
        core.validate_params(none, base)
    assert "X does not offer the resource 'purge'" in str(err.value)


def test_waiter_timeout_names_pending_jobs():
    now = [0.0]

    class Slow(FakeAdapter):
        def purge_job(self, job):
            return dict(job, status='running', done=False)

    purger = core.Purger(Slow({}), {}, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    jobs = [dict(id='j1', status='waiting', done=False, urls=3), dict(id='j2', status='finished', done=True, urls=1)]
    with pytest.raises(core.CdnWaitTimeout) as err:
        purger.wait(jobs, 5)
    assert 'j1 (running, 3 URLs)' in str(err.value) and 'j2' not in str(err.value)


def test_resolve_targets_for_dns_zones_and_several_schemes():
    zone = dict(hostname='example.com', aliases=None, cdn_domain=None)
    items, dummy = core.collect_inputs(['http://www.example.com/a', 'https://example.com/b'], ['/c'])
    targets = core.resolve_targets(items, zone, 'Sim', scheme=('http', 'https'), subdomains=True)
    assert [t.url for t in targets] == ['http://www.example.com/a', 'https://example.com/b',
                                        'http://example.com/c', 'https://example.com/c']
    with pytest.raises(CdnValidationError) as err:
        core.resolve_targets(items, zone, 'Sim')
    assert 'http://www.example.com/a' in str(err.value)
    bad, dummy = core.collect_inputs(['http://notexample.com/a', 'http://example.com.evil.org/b'], [])
    with pytest.raises(CdnValidationError) as err:
        core.resolve_targets(bad, zone, 'Sim', subdomains=True)
    assert 'notexample.com/a' in str(err.value) and 'example.com.evil.org/b' in str(err.value)
    assert 'example.com and the names below it' in str(err.value)
