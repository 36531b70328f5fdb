"""Shared data and the fake client of the CloudFlare adapter's unit tests."""

import pytest

# 3.7 zone_settings objs[0] as the "CloudFlare Client Interface API" document shows it: strings and numbers mixed.
DOC_SETTINGS = {
    'userSecuritySetting': 'Medium', 'dev_mode': 0, 'ipv46': 3, 'ob': 0, 'cache_lvl': 'agg',
    'outboundLinks': 'disabled', 'async': '0', 'bic': '1', 'chl_ttl': '900', 'exp_ttl': '14400',
    'fpurge_ts': 0, 'hotlink': '0', 'img': '200', 'lazy': '0', 'minify': '0', 'outlink': '0',
    'preload': '0', 's404': '0', 'sec_lvl': 'med', 'spdy': '0', 'ssl': '0', 'waf_profile': 'off',
}
ZONE_OBJ = {'zone_id': '42', 'zone_name': 'Example.COM', 'zone_status': 'V', 'zone_status_class': 'status-active'}


class FakeClient:
    """What the adapter uses of ApiClient: base_url and request(); answers are given in order."""

    base_url = 'https://sim.example/cloudflare/api_json.html/'

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.sent = []

    def request(self, method, path, operation, data=None, ok=None, idempotent=None, write=None):
        self.sent.append((method, path, operation, data))

        class Answer:
            body = self.answers.pop(0)
        return Answer


@pytest.fixture
def doc_settings():
    return dict(DOC_SETTINGS)


@pytest.fixture
def zone_obj():
    return dict(ZONE_OBJ)


@pytest.fixture
def fake_client():
    """The FakeClient class: fake_client([answer, ...])."""
    return FakeClient
