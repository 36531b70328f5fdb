"""A record create (CloudFlare rec_new) or a purge job create (UCDN POST purge/zone) whose
answer is lost -- a 5xx, a dropped connection, a timeout -- is read back, never blindly sent
again: found, it is used; not found after a 5xx or a drop, it is sent again; after a
timeout it is only re-read (the write may still land). Never a duplicate record or job."""

import pytest

CF = 'cloudflare'
ZONE = 'example.com'
HOST = 'cdn.example.com'
RECORDS = [
    dict(record='www', type='A', value='192.0.2.10'),
    dict(record='api', type='CNAME', value='edge.example.net', ttl=300),
    dict(record='@', type='TXT', value='v=recovery'),
]


def zone_records(sim):
    zone = next(z for z in sim.state(CF)['zones'] if z['zone_name'] == ZONE)
    return sorted((r['type'], r['name'], r['content']) for r in zone['records'])


def rec_news(sim):
    return [e.get('status') for e in sim.log(CF) if (e.get('body') or {}).get('a') == 'rec_new']


def run_records(sim, module, **extra):
    return module('cdn_dns_record', dict(sim.creds(CF), zone=ZONE, records=RECORDS, **extra))


WANTED = sorted([('A', 'www.example.com', '192.0.2.10'), ('CNAME', 'api.example.com', 'edge.example.net'),
                 ('TXT', 'example.com', 'v=recovery')])


@pytest.mark.parametrize('status', [500, 502, 504])
def test_record_create_5xx_not_applied_is_read_back_then_sent_again(sim, module, status):
    sim.fault(provider=CF, action='rec_new', nth=2, status=status)
    result = run_records(sim, module)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert zone_records(sim) == WANTED
    # three records, one create answered with the fault and sent once more: four rec_new
    assert sorted(str(s) for s in rec_news(sim)) == sorted(['200', '200', '200', str(status)])
    again = run_records(sim, module)
    assert again['_rc'] == 0 and again['changed'] is False, again


def test_record_create_dropped_before_apply_is_sent_again(sim, module):
    sim.fault(provider=CF, action='rec_new', nth=3, drop=True)
    result = run_records(sim, module)
    assert result['_rc'] == 0, result
    assert zone_records(sim) == WANTED


def test_record_create_applied_then_dropped_is_found_not_duplicated(sim, module):
    sim.fault(provider=CF, action='rec_new', nth=1, apply_then_drop=True)
    result = run_records(sim, module, concurrency=1)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert zone_records(sim) == WANTED
    assert len(rec_news(sim)) == 3
    # the record found by reading back is reported with its provider id
    assert all(r['id'] for r in result['records'])


def test_record_create_timed_out_is_adopted_when_it_lands(sim, module):
    # The create is answered after 1.5 s, the client gives up after 1 s: the record lands
    # while the module re-reads, and is never created twice.
    sim.fault(provider=CF, action='rec_new', nth=1, delay=1.5)
    result = module('cdn_dns_record', dict(sim.creds(CF), zone=ZONE, record='www', type='A', value='192.0.2.10',
                                           timeout=1, retries=3))
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert zone_records(sim) == [('A', 'www.example.com', '192.0.2.10')]
    assert len(rec_news(sim)) == 1


def test_record_create_refused_is_not_sent_again(sim, module):
    # A provider refusal (an error in a 200 answer) is final: no read-back, no second send.
    sim.fault(provider=CF, action='rec_new', status=200,
              body={'result': 'error', 'msg': 'Injected invalid input', 'err_code': 'E_INVLDINPUT'})
    result = module('cdn_dns_record', dict(sim.creds(CF), zone=ZONE, record='www', type='A', value='192.0.2.10'))
    assert result['_rc'] == 1 and 'Injected invalid input' in result['msg']
    assert len(rec_news(sim)) == 1 and zone_records(sim) == []


# --- UCDN purge jobs --------------------------------------------------------------------------

def seed_zone(sim):
    sim.seed('ucdn', {'zones': [{'custom_domains': [HOST]}]})
    sim.clear_log()


def purge(sim, module, **extra):
    args = dict(sim.creds('ucdn'), zone=HOST, paths=['/a.css', '/b.js'])
    args.update(extra)
    return module('cdn_purge', args)


def purge_posts(sim):
    return [e.get('status') for e in sim.log('ucdn') if e['method'] == 'POST' and e['path'].startswith('purge/')]


def jobs(sim):
    return sim.state('ucdn')['purge_jobs']


@pytest.mark.parametrize('status', [500, 502, 504])
def test_purge_5xx_not_applied_is_read_back_then_sent_again(sim, module, status):
    seed_zone(sim)
    sim.speed(100)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', status=status)
    result = purge(sim, module)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['purged'] == 2 and result['failed_urls'] == []
    assert [str(s) for s in purge_posts(sim)] == [str(status), '200']
    assert len(jobs(sim)) == 1
    assert sorted(f.split('/', 3)[3] for f in jobs(sim)[0]['files']) == ['a.css', 'b.js']


def test_purge_applied_then_dropped_is_found_not_sent_again(sim, module):
    seed_zone(sim)
    sim.speed(100)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', apply_then_drop=True)
    result = purge(sim, module)
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['purged'] == 2 and result['failed_urls'] == []
    assert len(purge_posts(sim)) == 1 and len(jobs(sim)) == 1
    assert result['jobs'][0]['id'] == jobs(sim)[0]['job_id']


def test_purge_applied_then_dropped_found_while_still_waiting(sim, module):
    # Real time: the job read back is still waiting; it is followed to the end like any other.
    seed_zone(sim)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', apply_then_drop=True)
    result = purge(sim, module, wait=False)
    assert result['_rc'] == 0, result
    assert len(purge_posts(sim)) == 1 and len(jobs(sim)) == 1
    assert result['jobs'][0]['id'] == jobs(sim)[0]['job_id'] and result['jobs'][0]['status'] == 'waiting'


def test_purge_dropped_before_apply_is_sent_again(sim, module):
    seed_zone(sim)
    sim.speed(100)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', drop=True)
    result = purge(sim, module)
    assert result['_rc'] == 0 and result['purged'] == 2, result
    assert len(purge_posts(sim)) == 2 and len(jobs(sim)) == 1


def test_purge_timed_out_is_adopted_when_it_lands(sim, module):
    seed_zone(sim)
    sim.speed(100)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', delay=1.5)
    result = purge(sim, module, timeout=1, retries=3)
    assert result['_rc'] == 0 and result['purged'] == 2, result
    assert len(purge_posts(sim)) == 1 and len(jobs(sim)) == 1


def test_an_older_finished_identical_purge_is_not_taken_for_this_one(sim, module):
    seed_zone(sim)
    sim.advance(-60)  # the first job is made a minute ago (its created_at), then the clock is back
    first = purge(sim, module, wait=False)
    assert first['_rc'] == 0
    sim.advance(60)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', status=502)
    second = purge(sim, module, wait=False)
    assert second['_rc'] == 0, second
    # The 502 answer applied nothing; the finished job of the first run is not this purge: sent again.
    assert [str(s) for s in purge_posts(sim)] == ['200', '502', '200']
    assert len(jobs(sim)) == 2 and second['jobs'][0]['id'] != first['jobs'][0]['id']


def test_purge_532_is_not_sent_again(sim, module):
    seed_zone(sim)
    sim.fault(provider='ucdn', method='POST', path='^purge/zone', status=532, body={'message': 'injected 532'})
    result = purge(sim, module)
    assert result['_rc'] == 1 and 'injected 532' in result['msg'], result
    assert len(purge_posts(sim)) == 1 and jobs(sim) == []
