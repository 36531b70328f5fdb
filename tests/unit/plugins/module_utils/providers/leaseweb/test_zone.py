"""Leaseweb CDN v2 zones (providers/leaseweb/zone.py) with a fake client."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError, CdnError, CdnResponseError, CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import Adapter, wire
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions

from ._fake import FakeClient, RouteClient, distribution as dist

ACTION_ID = '50ea5204-4827-41d2-a940-cb5afdfb2426'
DOMAINS = {'domains': [{'domain': 'cdn.example.com', 'id': 'cdn.example.com'}]}
ORIGIN = wire.encode_envelope('SIMPLE_ORIGIN', [('host', 'o.example.com'), ('description', 'edgeops.cdn cdn.example.com'),
                                                ('enabled', True), ('id', 'or-1')])


def action(kind, status, dist_id='di-1'):
    return {'id': ACTION_ID, 'type': kind, 'status': status, 'resource': {'distribution_id': dist_id},
            'created': '2024-07-10T13:10:14Z'}


def zone_routes(actions, extra=None):
    """What reading zone di-1 (cdn.example.com, pulling from or-1) asks, and ``extra`` routes."""
    routes = {
        ('GET', 'distributions/di-1'): dist('di-1'),
        ('GET', 'distributions/di-1/domains'): DOMAINS,
        ('GET', 'distributions/di-1/policies'): {'policies': [{'id': 'po-1', 'originPullId': 'or-1',
                                                               'originPullProtocol': 'HTTPS'}]},
        ('GET', 'origins/or-1'): ORIGIN,
        ('GET', 'actions'): {'actions': actions},
    }
    routes.update(extra or {})
    return routes


class RecordingRun(RunOptions):
    """RunOptions that records what the adapter asks it to follow (and never sleeps)."""

    def __init__(self, **kwargs):
        super(RecordingRun, self).__init__(sleep=lambda seconds: None, **kwargs)
        self.followed = []

    def wait_for(self, description, fetch, ready, failed=None, timeout=None):
        self.followed.append(description)
        return super(RecordingRun, self).wait_for(description, fetch, ready, failed, timeout)


def test_validate_zone_keeps_secrets_out_of_the_settings():
    adapter = Adapter(None)
    desired = {'hostname': 'cdn.example.com', 'settings': {'securityTokenSecret': 'tok', 'securityTokenShaKey': '',
                                                           'securityTokenAesKey': wire.REDACTED}}
    adapter.validate_zone(desired, 'present')
    assert desired['settings'] == {'securityTokenSecret': wire.REDACTED, 'securityTokenShaKey': '',
                                   'securityTokenAesKey': None}
    assert adapter.secrets == {'securityTokenSecret': 'tok', 'securityTokenShaKey': ''}


def test_validate_zone_normalises_and_refuses():
    adapter = Adapter(None)
    desired = {'hostname': 'cdn.example.com', 'origin': 'https://o.example.com:443', 'aliases': ['a.example.com']}
    adapter.validate_zone(desired, 'present')
    assert desired['origin'] == 'https://o.example.com'
    with pytest.raises(CdnValidationError, match='repeats hostname'):
        adapter.validate_zone({'hostname': 'a.example.com', 'aliases': ['a.example.com']}, 'present')
    with pytest.raises(CdnValidationError, match='storage origin'):
        adapter.validate_zone({'origin': 'storage:x'}, 'present')


def test_find_zone_never_builds_a_path_from_a_missing_id():
    client = FakeClient([{'distributions': [{}]}])
    with pytest.raises(CdnResponseError, match='no usable distribution id'):
        Adapter(client).find_zone(hostname='cdn.example.com')
    assert [c[1] for c in client.calls] == ['distributions']


def test_get_zone_object_and_404():
    assert Adapter(FakeClient([404])).get_zone('di-1') is None
    with pytest.raises(CdnResponseError, match='JSON list where a JSON object'):
        Adapter(FakeClient([[]])).get_zone('di-1')
    with pytest.raises(CdnResponseError, match='no usable distribution id'):
        Adapter(FakeClient([{'resourceType': 'DISTRIBUTION_VOLUME', 'data': 'x'}])).get_zone('di-1')


@pytest.mark.parametrize('policy, text', [
    ({'id': 'po-1', 'originPullId': '..'}, 'no usable id'),
    ({'id': 'po-1', 'originPullId': ['or-1']}, "'originPullId' is a JSON list where a string"),
    ({'id': 'po-1', 'cacheDefaultTtl': 'a day'}, "'cacheDefaultTtl' is a JSON string where a whole number"),
])
def test_a_policy_that_cannot_be_read_stops_the_zone(policy, text):
    client = FakeClient([{'domains': [{'domain': 'cdn.example.com', 'id': 'cdn.example.com'}]},
                         {'policies': [policy]}, {'actions': []}])
    with pytest.raises(CdnResponseError) as err:
        Adapter(client)._complete(dist('di-1'))
    assert text in str(err.value)


# --- waiting: zone_ready is what the core waits with; the adapter itself only follows a delete --------

def test_zone_ready_is_the_latest_action_finished():
    adapter = Adapter(None)
    assert adapter.zone_ready({'status': 'FINISHED'}) is True
    assert adapter.zone_ready({'status': 'PENDING'}) is False
    with pytest.raises(CdnApiError, match='action u-1 of distribution di-1 ended FAILED'):
        adapter.zone_ready({'status': 'FAILED', 'action_id': 'u-1', 'id': 'di-1'})


def test_create_returns_the_new_zone_without_waiting_even_when_the_run_waits():
    client = RouteClient(zone_routes([action('CREATE_DIST', 'PENDING')], {
        ('GET', 'origins'): {'origins': []},
        ('POST', 'origins'): ORIGIN,
        # the new origin is checked before the distribution points at it (common.require_resolvable_new)
        ('GET', 'origins/or-1/resolve'): {'resolvable': True},
        ('GET', 'distributions'): {'distributions': []},
        ('POST', 'distributions'): dist('di-1'),
        ('POST', 'distributions/di-1/domains'): DOMAINS['domains'][0],
        ('POST', 'distributions/di-1/policies'): {'id': 'po-1'},
    }))
    run = RecordingRun(wait=True)
    zone = Adapter(client, run=run).create_zone({'hostname': 'cdn.example.com', 'origin': 'https://o.example.com'})
    assert (zone['id'], zone['status'], zone['origin']) == ('di-1', 'PENDING', 'https://o.example.com')
    assert client.paths('POST') == ['origins', 'distributions', 'distributions/di-1/domains', 'distributions/di-1/policies']
    # the CREATE_DIST action is the core's to wait for (zone_ready), not followed here
    assert run.followed == [] and not [p for p in client.paths() if p.startswith('actions/')]


def test_update_of_a_distribution_key_leaves_the_wait_to_the_core():
    client = RouteClient(zone_routes([action('UPDATE_DIST', 'PENDING')], {('PUT', 'distributions/di-1'): dist('di-1')}))
    run = RecordingRun(wait=True)
    adapter = Adapter(client, run=run)
    current = adapter.get_zone('di-1', hostname='cdn.example.com')
    zone = adapter.update_zone(current, {'tls': True}, {'hostname': 'cdn.example.com', 'tls': True})
    assert zone['status'] == 'PENDING' and adapter.zone_ready(zone) is False
    assert client.paths('PUT') == ['distributions/di-1']
    assert run.followed == [] and not [p for p in client.paths() if p.startswith('actions/')]


def delete_routes(*statuses):
    return {('DELETE', 'distributions/di-1'): None,
            ('GET', 'actions'): {'actions': [action('DELETE_DIST', 'PENDING')]},
            ('GET', 'actions/' + ACTION_ID): [action('DELETE_DIST', status) for status in statuses]}


def test_delete_declares_its_action_as_the_job_the_core_follows():
    client = RouteClient(delete_routes('IN_PROGRESS', 'FINISHED'))
    adapter = Adapter(client, run=RecordingRun(wait=True))
    assert adapter.delete_zone({'id': 'di-1'}) is None
    assert client.paths() == ['distributions/di-1']  # the adapter itself follows nothing
    job = adapter.zone_deleting({'id': 'di-1'})
    assert job.description == 'Leaseweb DELETE_DIST action %s of distribution di-1 to finish' % ACTION_ID
    assert job.wait(timeout=5, sleep=lambda s: None)['status'] == 'FINISHED'
    assert client.paths() == ['distributions/di-1', 'actions', 'actions/' + ACTION_ID, 'actions/' + ACTION_ID]

    client = RouteClient(delete_routes('FAILED'))
    with pytest.raises(CdnError, match='DELETE_DIST action .* to finish failed: FAILED'):
        Adapter(client).zone_deleting({'id': 'di-1'}).wait(timeout=5, sleep=lambda s: None)


def test_a_finished_delete_leaves_nothing_to_follow():
    client = RouteClient({('GET', 'actions'): {'actions': [action('DELETE_DIST', 'FINISHED')]}})
    assert Adapter(client).zone_deleting({'id': 'di-1'}) is None
