"""CloudFlare dns_record.py (cdn_dns_record): what rec_new/rec_edit take (5.1, 5.2) and the records they answer.

The DNS core's own tests (tests/unit/plugins/module_utils/test_dns.py) also run this adapter's
record_fields and record_from_api."""

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare


def test_record_caps_list_types_and_apex_flattening():
    caps = cloudflare.CAPABILITIES.resource('dns_record')
    assert caps.record_types == ('A', 'AAAA', 'CNAME', 'MX', 'TXT', 'SPF', 'NS', 'SRV', 'LOC')
    assert caps.apex_cname_flattening is True
    assert (caps.ttl_auto, caps.ttl_min, caps.ttl_max) == (1, 120, 86400)


def test_created_record_comes_from_the_answer(fake_client):
    # The 5.1 sample answer: response.rec.obj with the new rec_id.
    obj = {'rec_id': '23734516', 'zone_name': 'example.com', 'name': 'test.example.com', 'display_name': 'test',
           'type': 'A', 'prio': None, 'content': '96.126.126.36', 'ttl': '1', 'service_mode': '0'}
    client = fake_client([{'result': 'success', 'response': {'rec': {'obj': obj}}}])
    rec = dict(record='test', type='A', value='96.126.126.36', ttl=1, proxied=False, priority=None)
    created = cloudflare.Adapter(client).create_record('example.com', rec)
    assert client.sent[0][3] == {'a': 'rec_new', 'z': 'example.com', 'type': 'A', 'name': 'test.example.com',
                                 'content': '96.126.126.36', 'ttl': '1', 'service_mode': '0'}
    assert (created['id'], created['record'], created['value'], created['proxied']) == ('23734516', 'test', '96.126.126.36', False)
