"""The filters playbooks/apply_account.yml is built on (plugins/filter/account_export.py)."""

import pytest

from ansible.errors import AnsibleFilterError
from ansible_collections.edgeops.cdn.plugins.filter.account_export import (
    certificate_bindings,
    drift_entries,
    missing_secrets,
    with_secrets,
)

ORIGIN = dict(zone='www.example.com', auth=dict(type='http_basic', username='cdn'),
              secrets={'auth.password': 'origin_pw'}, update_secrets='on_create')


def test_with_secrets_fills_nested_paths_and_drops_export_only_keys():
    filled = with_secrets(ORIGIN, dict(origin_pw='s3cret'))
    assert filled == dict(zone='www.example.com', auth=dict(type='http_basic', username='cdn', password='s3cret'),
                          update_secrets='on_create')
    # The export entry itself is not changed (it is the user's variable).
    assert 'password' not in ORIGIN['auth']
    cert = dict(name='c', files=dict(certificate='x.crt'), identity=dict(fingerprint='ab'), zones=[])
    assert with_secrets(cert) == dict(name='c', zones=[])


def test_with_secrets_leaves_out_what_is_not_filled():
    zone = dict(hostname='a.example.com', settings=dict(hash_algorithm='md5'),
                secrets={'settings.hash_secret': 'zone_hash'})
    assert with_secrets(zone, {}) == dict(hostname='a.example.com', settings=dict(hash_algorithm='md5'))
    assert with_secrets(zone, dict(zone_hash='t'))['settings'] == dict(hash_algorithm='md5', hash_secret='t')
    with pytest.raises(AnsibleFilterError):
        with_secrets('not an entry')
    with pytest.raises(AnsibleFilterError):
        with_secrets(zone, ['not', 'a', 'dict'])


def test_missing_secrets_names_only_required_unfilled_ones():
    needed = [dict(name='a', required=True), dict(name='b', required=False), dict(name='c', required=True)]
    assert missing_secrets(needed, dict(c='x')) == ['a']
    assert missing_secrets(needed, dict(a='', c='x')) == ['a']
    assert missing_secrets([], None) == []


def test_certificate_bindings_one_item_per_zone_and_one_for_none():
    certs = [dict(name='a', zones=['x.example.com', 'y.example.com']), dict(name='b', zones=[])]
    items = certificate_bindings(certs)
    assert [(i['certificate']['name'], i['zone']) for i in items] == [
        ('a', 'x.example.com'), ('a', 'y.example.com'), ('b', None)]


def test_drift_entries_label_each_item_result():
    loop = dict(results=[dict(item=dict(name='pool'), changed=True), dict(item=dict(zone=None), skipped=True)])
    entries = drift_entries(loop, 'cdn_origin', 'leaseweb', label='name', prefix='origin ')
    assert [(e['zone'], e['task'], e['provider']) for e in entries] == [
        ('origin pool', 'cdn_origin', 'leaseweb'), ('origin account', 'cdn_origin', 'leaseweb')]
    nested = drift_entries(dict(results=[dict(item=dict(certificate=dict(name='c'), zone='w.example.com'))]),
                           'cdn_certificate', 'ucdn')
    assert nested[0]['zone'] == 'w.example.com'
    assert drift_entries(dict(skipped=True), 'cdn_zone', 'ucdn') == []
