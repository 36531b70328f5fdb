"""CloudFlare purge.py (cdn_purge): 4.5 zone_file_purge, one URL a call, and 4.4 fpurge_ts; both
answer at once."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflare import wire


def test_purge_capabilities_and_limits():
    caps = cloudflare.CAPABILITIES
    assert caps.require('purge', 'purge').operations == ('purge', 'purge_all')
    assert caps.limits.purge_batch == 1 and caps.limits.purge_form == 'url'
    assert caps.limits.purge_rate == (1200, 300) and caps.limits.purge_subdomains is True
    for missing in ('prefetch', 'list', 'get', 'delete'):
        with pytest.raises(CdnUnsupportedError):
            caps.require('purge', missing)


def test_purge_batch_sends_one_call_per_url_and_fpurge_ts_for_all(fake_client, zone_obj, doc_settings):
    client = fake_client([
        {'result': 'success', 'response': {'vtxt_match': None, 'url': 'http://example.com/a'}},
        {'result': 'success', 'response': {'vtxt_match': None, 'url': 'https://www.example.com/b'}},
        {'result': 'success', 'response': {'fpurge_ts': 7, 'zone': {'obj': zone_obj}}, 'attributes': {'cooldown': 20}},
    ])
    adapter = cloudflare.Adapter(client)
    zone = wire.canonical_zone(zone_obj, doc_settings)
    jobs = adapter.purge_batch(zone, ['http://example.com/a', 'https://www.example.com/b'], 'purge')
    assert [j['id'] for j in jobs] == ['http://example.com/a', 'https://www.example.com/b']
    assert adapter.purge_batch(zone, None, 'purge_all')[0]['id'] == '7'
    assert [s[3] for s in client.sent] == [
        {'a': 'zone_file_purge', 'z': 'Example.COM', 'url': 'http://example.com/a'},
        {'a': 'zone_file_purge', 'z': 'Example.COM', 'url': 'https://www.example.com/b'},
        {'a': 'fpurge_ts', 'z': 'Example.COM', 'v': '1'},
    ]
    assert adapter.purge_job(jobs[0]) is jobs[0]
    with pytest.raises(CdnUnsupportedError):
        adapter.purge_batch(zone, ['http://example.com/a'], 'prefetch')


@pytest.mark.parametrize('ssl, schemes', [('0', ('http',)), (0, ('http',)), ('1', ('http', 'https')),
                                          ('3', ('http', 'https')), (None, ('http',))])
def test_paths_are_purged_under_each_scheme_the_zone_serves(fake_client, zone_obj, doc_settings, ssl, schemes):
    zone = wire.canonical_zone(zone_obj, dict(doc_settings, ssl=ssl))
    assert cloudflare.Adapter(fake_client()).purge_schemes(zone) == schemes
