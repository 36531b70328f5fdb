"""Cloakfusion purges (providers/cloakfusion/purge.py) over a fake client: flush answers checked
before use, flush statuses read back, flush requests joined over DRF pages."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError

from ._fake import NOT_FOUND, Sequence, adapter


def status(ident, flush, state='finished', ready=True):
    return {'id': 'https://my.cloakfusion.com/api/v1/flushstatus/%d/' % ident, 'flushrequest': flush,
            'url': 'https://my.cloakfusion.com/api/v1/flush/%d/' % flush, 'error': '', 'state': state,
            'result': {'ready': ready, 'results': [['CDN Provider', 'flushed']]},
            'vhost': 'https://my.cloakfusion.com/api/v1/vhosts/1/'}


def test_purge_batch_makes_one_job_per_flushstatus():
    cf, client = adapter({('POST', 'flush/'): dict(id=3, flushes=[5], urls=['http://cdn.example.com/a'])})
    jobs = cf.purge_batch(None, ['http://cdn.example.com/a'], 'purge')
    assert [(j['id'], j['flush_id'], j['done']) for j in jobs] == [('5', 3, False)]
    assert client.calls == [('POST', 'flush/', None, dict(urls=['http://cdn.example.com/a']))]


@pytest.mark.parametrize('body', [[], dict(id=3), dict(id=3, flushes=[{}]), dict(id=3, flushes=[True])])
def test_an_unreadable_flush_answer_may_have_been_applied(body):
    cf, _client = adapter({('POST', 'flush/'): body})
    with pytest.raises(CdnResponseError) as err:
        cf.purge_batch(None, ['http://cdn.example.com/a'], 'purge')
    assert err.value.maybe_applied is True


def test_purge_job_reads_the_flushstatus():
    cf, _client = adapter({('GET', 'flushstatus/5/'): status(5, 3, state='in_progress', ready=False),
                           ('GET', 'flushstatus/6/'): NOT_FOUND})
    job = cf.purge_job(dict(id='5', urls=1))
    assert (job['id'], job['done'], job['urls']) == ('5', False, 1)
    gone = cf.purge_job(dict(id='6', urls=1))
    assert gone['done'] is True and gone['failed'] == 'Cloakfusion flushstatus 6 not found'


def test_list_purge_jobs_joins_the_urls_over_every_page():
    cf, client = adapter({
        ('GET', 'flushstatus/'): [status(2, 2), status(1, 1, state='failed')],
        ('GET', 'flush/'): Sequence(
            {'count': 2, 'next': 'https://my.cloakfusion.com/api/v1/flush/?page=2', 'previous': None,
             'results': [{'id': 2, 'flushes': [2], 'urls': ['http://cdn.example.com/b'], 'owner': 1}]},
            {'count': 2, 'next': None, 'previous': 'https://my.cloakfusion.com/api/v1/flush/',
             'results': [{'id': 1, 'flushes': [1], 'urls': ['http://cdn.example.com/a'], 'owner': 1}]}),
    })
    jobs = cf.list_purge_jobs()
    assert [(j['id'], j['files']) for j in jobs] == [('2', ['http://cdn.example.com/b']),
                                                     ('1', ['http://cdn.example.com/a'])]
    assert [c[2] for c in client.calls if c[1] == 'flush/'] == [dict(page=1), dict(page=2)]
    assert [j['id'] for j in cf.list_purge_jobs(status='failed')] == ['1']


def test_a_flush_listing_that_repeats_itself_fails():
    page = {'count': 9, 'next': 'https://my.cloakfusion.com/api/v1/flush/?page=2',
            'results': [{'id': 1, 'flushes': [1], 'urls': []}]}
    cf, _client = adapter({('GET', 'flushstatus/'): [status(1, 1)], ('GET', 'flush/'): page})
    with pytest.raises(CdnResponseError, match='repeats items'):
        cf.list_purge_jobs()


def test_get_purge_job_with_the_urls_of_its_flush_request():
    cf, _client = adapter({('GET', 'flushstatus/2/'): status(2, 7),
                           ('GET', 'flush/7/'): {'id': 7, 'flushes': [2], 'urls': ['http://cdn.example.com/x']},
                           ('GET', 'flushstatus/3/'): NOT_FOUND})
    job = cf.get_purge_job('2')
    assert (job['id'], job['flush_id'], job['files']) == ('2', 7, ['http://cdn.example.com/x'])
    assert cf.get_purge_job('3') is None


@pytest.mark.parametrize('body, text', [
    (dict(status(1, 1), result=[]), 'result is a JSON list'),
    (dict(status(1, 1), result={'results': [['only one']]}), 'where [provider, state] pairs are documented'),
    (dict(status(1, 1), flushrequest={'id': 1}), 'flushrequest is a JSON object where an id is documented'),
])
def test_flushstatus_shapes_not_documented_are_refused(body, text):
    cf, _client = adapter({('GET', 'flushstatus/1/'): body})
    with pytest.raises(CdnResponseError) as err:
        cf.purge_job(dict(id='1'))
    assert text in str(err.value)
