"""Pure tests of cdn_purge_info's core: provider times as ISO 8601 UTC, the common status vocabulary
and the status option."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils import purge_view as view
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError

LEASEWEB = (('PENDING', 'queued'), ('IN_PROGRESS', 'running'), ('FINISHED', 'done'), ('FAILED', 'failed'),
            ('ERROR', 'failed'), ('CANCELLED', 'failed'))
ZONE = dict(id='7', hostname='cdn.example.com', aliases=['img.example.com'], cdn_domain='a7.cdn.net')


@pytest.mark.parametrize('value,expected', [
    (1435318980, '2015-06-26T11:43:00Z'),                 # UCDN created_at (Unix seconds)
    ('1435318980', '2015-06-26T11:43:00Z'),
    ('2015-07-13T08:49:03Z', '2015-07-13T08:49:03Z'),     # Cloakfusion, Leaseweb actions
    ('2024-07-11T12:14:41', '2024-07-11T12:14:41Z'),      # Leaseweb resource times: no zone, UTC
    ('2024-07-11T14:14:41.123+02:00', '2024-07-11T12:14:41Z'),
    ('2024-07-11 12:14', '2024-07-11T12:14:00Z'),
    ('', None), (None, None), ('soon', None), ('2024-13-45T00:00:00Z', None),
])
def test_iso_time(value, expected):
    assert view.iso_time(value) == expected


def test_common_status_maps_words_in_any_case_and_falls_back_on_the_flags():
    assert view.common_status(dict(status='in_progress'), LEASEWEB + (('in_progress', 'running'),)) == 'running'
    assert view.common_status(dict(status='finished'), LEASEWEB) == 'done'
    assert view.common_status(dict(status='cancelled'), LEASEWEB) == 'failed'
    # A word no document names: what the job's flags say.
    assert view.common_status(dict(status='weird', done=True, failed='broke'), LEASEWEB) == 'failed'
    assert view.common_status(dict(status='weird', done=True), LEASEWEB) == 'done'
    assert view.common_status(dict(status=None), LEASEWEB) == 'running'


def test_status_filter_common_native_and_refused():
    assert view.status_filter(None, 'Leaseweb', LEASEWEB) == (None, None)
    # One provider word: the API is asked for it.
    ask, wanted = view.status_filter(' Done ', 'Leaseweb', LEASEWEB)
    assert ask == 'FINISHED' and wanted(dict(status='FINISHED')) and not wanted(dict(status='FAILED'))
    # Several words: nothing to ask the API for; each job is tested.
    ask, wanted = view.status_filter('failed', 'Leaseweb', LEASEWEB)
    assert ask is None and wanted(dict(status='ERROR')) and wanted(dict(status='CANCELLED'))
    # A provider word selects that word only.
    ask, wanted = view.status_filter('error', 'Leaseweb', LEASEWEB)
    assert ask == 'ERROR' and wanted(dict(status='ERROR')) and not wanted(dict(status='FAILED'))
    with pytest.raises(CdnValidationError) as caught:
        view.status_filter('complete', 'Leaseweb', LEASEWEB)
    assert str(caught.value) == ("option status: 'complete' is not a purge job status Leaseweb knows; allowed: "
                                 "queued, running, done, failed, or Leaseweb's own PENDING, IN_PROGRESS, "
                                 "FINISHED, FAILED, ERROR, CANCELLED (any case)")


def test_files_on_zone_by_host_name():
    assert view.files_on_zone(['http://a7.cdn.net/x.png'], ZONE)
    assert view.files_on_zone(['/x.png', 'https://IMG.example.com/y'], ZONE)
    assert not view.files_on_zone(['http://other.example.com/x.png', '/x.png'], ZONE)
    assert not view.files_on_zone(None, ZONE)


def test_job_info_shows_both_words_times_and_zone():
    job = dict(id='a', status='FINISHED', done=True, failed=None, created='2024-07-10T13:10:15Z',
               finished='2024-08-08T12:52:09Z', targets=['x'], raw={})
    shown = view.job_info(job, LEASEWEB, zone=ZONE)
    assert shown == dict(id='a', status='done', native_status='FINISHED', done=True, failed=None,
                         created='2024-07-10T13:10:15Z', finished='2024-08-08T12:52:09Z', zone_id='7', raw={})
    assert view.job_info(dict(job, zone_id='9'), LEASEWEB, zone=ZONE)['zone_id'] == '9'
    assert view.job_info(dict(id='b', status='PENDING'), LEASEWEB)['zone_id'] is None
