"""Pure tests of the CloudFlare adapter: normalisers, encoders, Dialect, capabilities."""


import pytest


from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnApiError,
    CdnAuthError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare as cf
from ansible_collections.edgeops.cdn.plugins.module_utils.compare import compare

# zone_settings objs[0] as CF-DOC shows it: strings and numbers mixed.
DOC_SETTINGS = {
    'userSecuritySetting': 'Medium', 'dev_mode': 0, 'ipv46': 3, 'ob': 0, 'cache_lvl': 'agg',
    'outboundLinks': 'disabled', 'async': '0', 'bic': '1', 'chl_ttl': '900', 'exp_ttl': '14400',
    'fpurge_ts': 0, 'hotlink': '0', 'img': '200', 'lazy': '0', 'minify': '0', 'outlink': '0',
    'preload': '0', 's404': '0', 'sec_lvl': 'med', 'spdy': '0', 'ssl': '0', 'waf_profile': 'off',
}
ZONE_OBJ = {'zone_id': '42', 'zone_name': 'Example.COM', 'zone_status': 'V', 'zone_status_class': 'status-active'}


def test_canonical_settings_from_doc_example():
    assert cf.canonical_settings(DOC_SETTINGS) == {
        'sec_lvl': 'med', 'cache_lvl': 'agg', 'devmode': False, 'ipv46': True,
        'async': '0', 'minify': 0, 'mirage2': False,
    }


@pytest.mark.parametrize('value, expected', [
    (0, False), ('0', False), (1379098800, True), ('1379098800', True), (None, None),
])
def test_dev_mode_timestamp_is_a_bool(value, expected):
    assert cf.devmode_on(value) is expected


@pytest.mark.parametrize('value, expected', [(0, False), ('0', False), (1, True), ('3', True), (5, True)])
def test_ipv46_any_non_zero_is_on(value, expected):
    assert cf.ipv46_on(value) is expected


@pytest.mark.parametrize('img, expected', [
    ('0', False), (1, True), ('170', False), ('171', True), (200, False), ('201', True),
])
def test_mirage_from_img(img, expected):
    assert cf.mirage_on({'img': img}) is expected


def test_mirage_field_wins_and_missing_is_unknown():
    assert cf.mirage_on({'mirage2': '1', 'img': '0'}) is True
    assert cf.mirage_on({}) is None
    assert cf.canonical_settings({}) == dict((k, None) for k in cf.SETTING_ORDER)


def test_async_and_minify_types():
    settings = cf.canonical_settings({'async': 0, 'minify': '7'})
    assert settings['async'] == '0' and settings['minify'] == 7
    assert cf.canonical_settings({'minify': 'weird'})['minify'] is None


def test_canonical_settings_compare_equal_to_validated_input():
    caps = cf.CAPABILITIES
    desired = caps.check_fields('zone', {'hostname': 'example.com', 'settings': {
        'sec_lvl': 'med', 'cache_lvl': 'agg', 'devmode': 'false', 'ipv46': 'yes', 'async': 0, 'minify': '0',
        'mirage2': False}})
    current = cf.canonical_zone(ZONE_OBJ, DOC_SETTINGS)
    assert compare(desired, current) == {}
    desired['settings']['minify'] = 3
    assert compare(desired, current) == {'settings': {'minify': 3}}


def test_canonical_zone():
    zone = cf.canonical_zone(ZONE_OBJ, DOC_SETTINGS)
    assert zone['id'] == '42' and zone['hostname'] == 'example.com'
    assert zone['cdn_domain'] is None and zone['status'] == 'active'
    assert zone['raw'] == {'zone': ZONE_OBJ, 'settings': DOC_SETTINGS}
    assert 'settings' not in cf.canonical_zone(ZONE_OBJ)
    assert cf.zone_status({'zone_status_class': 'status-dev-mode'}) == 'dev-mode'
    assert cf.zone_status({'zone_status': 'V'}) == 'V'


@pytest.mark.parametrize('name, value, sent', [
    ('ipv46', True, '3'), ('ipv46', False, '0'), ('devmode', True, '1'), ('mirage2', False, '0'),
    ('minify', 6, '6'), ('async', 'm', 'm'), ('sec_lvl', 'help', 'help'),
])
def test_encode_setting(name, value, sent):
    assert cf.encode_setting(name, value) == sent


def test_response_of_is_liberal():
    body = {'response': {'zones': {'objs': [1]}}}
    assert cf.response_of(body, 'zones', 'objs') == [1]
    assert cf.response_of({'result': 'success', 'msg': None}, 'zone', 'obj') is None
    assert cf.response_of(None, 'zones') is None
    assert cf.response_of({'response': {'zone': []}}, 'zone', 'obj') is None


# --- Dialect -----------------------------------------------------------------

DIALECT = cf.CloudflareDialect()


def test_success_body_is_no_error():
    assert DIALECT.body_error({'result': 'success', 'msg': None}) is None


def test_unauth_is_an_auth_error():
    message, code, cls = DIALECT.body_error({'result': 'error', 'msg': 'Unknown token or email', 'err_code': 'E_UNAUTH'})
    assert message == 'Unknown token or email (E_UNAUTH)'
    assert code == 'E_UNAUTH' and cls is CdnAuthError


def test_error_without_code():
    message, code, cls = DIALECT.body_error({'request': {'act': 'rec_edit'}, 'result': 'error', 'msg': 'Invalid record id.'})
    assert message == 'Invalid record id.' and code is None and cls is CdnApiError


@pytest.mark.parametrize('body', [None, [], 'text', {'response': {}}])
def test_not_an_envelope_is_an_error(body):
    message, _code, cls = DIALECT.body_error(body)
    assert cls is CdnApiError and message


def test_throttling():
    maxapi = {'result': 'error', 'msg': 'You have exceeded your allowed number of API calls.', 'err_code': 'E_MAXAPI'}
    assert DIALECT.is_throttled(200, maxapi) is True
    assert DIALECT.is_throttled(429, None) is True
    assert DIALECT.is_throttled(200, {'result': 'error', 'msg': 'x', 'err_code': 'E_INVLDINPUT'}) is False
    assert DIALECT.is_throttled(200, {'result': 'success'}) is False


def test_error_message_on_http_error():
    assert DIALECT.error_message(500, {'result': 'error', 'msg': 'boom'}, '') == 'boom'
    # HTML error pages are reduced to their text (client.html_text).
    assert DIALECT.error_message(502, None, '<html>bad gateway</html>') == 'bad gateway'


# --- capabilities ------------------------------------------------------------

def test_create_and_delete_are_refused_clearly():
    caps = cf.CAPABILITIES
    for operation in ('create', 'delete'):
        with pytest.raises(CdnUnsupportedError) as info:
            caps.require('zone', operation)
        assert 'CloudFlare does not support %s of a zone' % operation in str(info.value)
        assert 'list, get, update' in str(info.value)
    caps.require('zone', 'update')


@pytest.mark.parametrize('settings', [
    {'sec_lvl': 'max'}, {'cache_lvl': 'none'}, {'async': 'auto'}, {'minify': -1}, {'minify': 8},
    {'devmode': 'maybe'}, {'ipv46': 3}, {'ssl': 1},
])
def test_bad_settings_are_refused(settings):
    with pytest.raises(CdnValidationError):
        cf.CAPABILITIES.check_fields('zone', {'hostname': 'example.com', 'settings': dict(settings)})


def test_only_hostname_and_settings():
    with pytest.raises(CdnUnsupportedError):
        cf.CAPABILITIES.check_fields('zone', {'hostname': 'example.com', 'origin': 'https://o.example.com'})


def test_auth_is_form_fields():
    assert cf.Adapter.auth_options('key', 'me@example.com') == {'form_auth': {'tkn': 'key', 'email': 'me@example.com'}}


class FakeClient:
    base_url = 'https://sim.example/cloudflare/api_json.html/'

    def __init__(self, answers):
        self.answers = list(answers)
        self.sent = []

    def request(self, method, path, operation, data=None, ok=None, idempotent=None):
        self.sent.append((method, path, operation, data))

        class Answer:
            body = self.answers.pop(0)
        return Answer


def test_update_sends_one_action_per_changed_setting_in_order():
    zone_after = dict(ZONE_OBJ, zone_status_class='status-dev-mode')
    client = FakeClient([
        {'result': 'success', 'response': {'expires_on': 1, 'zone': {'obj': zone_after}}},
        {'result': 'success', 'msg': None},
        {'result': 'success', 'response': {'result': {'objs': [dict(DOC_SETTINGS, dev_mode=1, minify='5')]}}},
    ])
    adapter = cf.Adapter(client)
    current = cf.canonical_zone(ZONE_OBJ, DOC_SETTINGS)
    after = adapter.update_zone(current, {'settings': {'minify': 5, 'devmode': True}}, {})
    assert [(s[0], s[1], s[3]) for s in client.sent] == [
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'devmode', 'z': 'Example.COM', 'v': '1'}),
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'minify', 'z': 'Example.COM', 'v': '5'}),
        ('POST', 'https://sim.example/cloudflare/api_json.html', {'a': 'zone_settings', 'z': 'Example.COM'}),
    ]
    assert after['status'] == 'dev-mode'
    assert after['settings']['devmode'] is True and after['settings']['minify'] == 5


def test_update_refuses_rename():
    adapter = cf.Adapter(FakeClient([]))
    with pytest.raises(CdnUnsupportedError):
        adapter.update_zone(cf.canonical_zone(ZONE_OBJ, DOC_SETTINGS), {'hostname': 'other.example'}, {})


def test_predict_refuses_create():
    with pytest.raises(CdnUnsupportedError) as info:
        cf.Adapter(FakeClient([])).predict_zone({'hostname': 'new.example'})
    assert 'does not support create of a zone' in str(info.value)


# --- purge (zone_file_purge, fpurge_ts) -------------------------------------------

def test_purge_payloads_as_the_seed_shows_them():
    assert cf.fpurge_fields('example.com') == {'z': 'example.com', 'v': '1'}
    assert cf.file_purge_fields('example.com', 'http://www.example.com/style.css') == {
        'z': 'example.com', 'url': 'http://www.example.com/style.css'}


def test_purge_answers_become_finished_jobs():
    # CF-DOC / PYFLARE bodies: zone_file_purge echoes the URL; fpurge_ts answers its time and a cooldown.
    file_body = {'request': {'act': 'zone_file_purge'}, 'response': {'vtxt_match': None, 'url': 'http://example.com/a.css'},
                 'result': 'success', 'msg': None}
    job = cf.purge_job_of(file_body, 'purge', 'http://example.com/a.css')
    assert job == dict(id='http://example.com/a.css', status='finished', done=True, failed=None, urls=1,
                       raw=dict(url='http://example.com/a.css', vtxt_match=None))
    all_body = {'response': {'fpurge_ts': 1345757991, 'zone': {'obj': ZONE_OBJ}}, 'result': 'success',
                'msg': None, 'attributes': {'cooldown': 20}}
    everything = cf.purge_job_of(all_body, 'purge_all', None)
    assert everything['id'] == '1345757991' and everything['done'] is True and everything['urls'] is None
    assert everything['raw'] == {'fpurge_ts': 1345757991, 'cooldown': 20}
    # Liberal: an answer without response still reports the URL sent.
    assert cf.purge_job_of({'result': 'success'}, 'purge', 'http://example.com/b')['id'] == 'http://example.com/b'


def test_purge_capabilities_and_limits():
    caps = cf.CAPABILITIES
    assert caps.require('purge', 'purge').operations == ('purge', 'purge_all')
    assert caps.limits.purge_batch == 1 and caps.limits.purge_form == 'url'
    assert caps.limits.purge_rate == (1200, 300) and caps.limits.purge_subdomains is True
    for missing in ('prefetch', 'list', 'get', 'delete'):
        with pytest.raises(CdnUnsupportedError):
            caps.require('purge', missing)


def test_purge_batch_sends_one_call_per_url_and_fpurge_ts_for_all():
    client = FakeClient([
        {'result': 'success', 'response': {'vtxt_match': None, 'url': 'http://example.com/a'}},
        {'result': 'success', 'response': {'vtxt_match': None, 'url': 'https://www.example.com/b'}},
        {'result': 'success', 'response': {'fpurge_ts': 7, 'zone': {'obj': ZONE_OBJ}}, 'attributes': {'cooldown': 20}},
    ])
    adapter = cf.Adapter(client)
    zone = cf.canonical_zone(ZONE_OBJ, DOC_SETTINGS)
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
def test_paths_are_purged_under_each_scheme_the_zone_serves(ssl, schemes):
    zone = cf.canonical_zone(ZONE_OBJ, dict(DOC_SETTINGS, ssl=ssl))
    assert cf.Adapter(FakeClient([])).purge_schemes(zone) == schemes


def test_single_file_purges_are_safe_to_resend_but_purge_all_is_not():
    assert 'zone_file_purge' in cf.IDEMPOTENT_ACTIONS and 'fpurge_ts' not in cf.IDEMPOTENT_ACTIONS


def test_record_caps_list_types_and_apex_flattening():
    caps = cf.CAPABILITIES.resource('dns_record')
    assert caps.record_types == ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SRV', 'LOC')
    assert caps.apex_cname_flattening is True
