"""Pure tests of the Leaseweb adapter: envelope, payload builders, canonical form, errors
(paging and answer checks: test_leaseweb_answers.py)."""

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import leaseweb as lw


def test_envelope_round_trip_keeps_order_and_values():
    body = lw.encode_envelope('DISTRIBUTION_VOLUME', [('description', 'x'), ('enabled', True), ('certificateId', None)])
    assert body == {'resourceType': 'DISTRIBUTION_VOLUME', 'data': [
        {'key': 'description', 'value': 'x'}, {'key': 'enabled', 'value': True}, {'key': 'certificateId', 'value': None}]}
    assert lw.decode_envelope(body) == ('DISTRIBUTION_VOLUME', {'description': 'x', 'enabled': True, 'certificateId': None})


def test_decode_is_liberal():
    assert lw.decode_envelope(None) == (None, {})
    assert lw.decode_envelope({'resourceType': 'SIMPLE_ORIGIN', 'data': {'host': 'h'}}) == ('SIMPLE_ORIGIN', {'host': 'h'})
    assert lw.decode_envelope({'id': 'di-1', 'tls': True}) == (None, {'id': 'di-1', 'tls': True})
    assert lw.decode_envelope({'data': [{'key': 'a'}, 'junk']}) == (None, {'a': None})


def test_create_distribution_payload_has_seed_defaults_and_set_values():
    body = lw.create_distribution_payload(dict(hostname='cdn.example.com', tls=True, certificate_id='ce-1',
                                               settings={'ipv6': True}))
    kind, values = lw.decode_envelope(body)
    assert kind == 'DISTRIBUTION_VOLUME'
    assert values == {'description': 'cdn.example.com', 'enabled': True, 'tls': True, 'certificateId': 'ce-1', 'ipv6': True}
    assert [d['key'] for d in body['data']][:3] == ['description', 'enabled', 'tls']


def test_distribution_values_only_what_is_set():
    assert lw.distribution_values({'tls': False, 'cache_ttl': 5, 'settings': {'logging': True, 'cacheStale': True}}) == {
        'tls': False, 'logging': True}
    assert lw.distribution_values({'enabled': None}) == {}


def test_policy_values_only_what_is_set():
    changes = {'cache_ttl': 60, 'compress': False, 'tls': True,
               'settings': {'deliveryForceHttps': True, 'ipv6': True, 'allowedMethods': None}}
    assert lw.policy_values(changes) == {'cacheDefaultTtl': 60, 'deliveryCompress': False, 'deliveryForceHttps': True}
    assert lw.policy_values({'origin_host_header': 'o.example.com'}) == {'originPullHostHeader': 'o.example.com'}


def test_policy_values_security_token_secrets_come_from_secrets():
    settings = {'securityToken': True, 'securityTokenSecret': lw.REDACTED, 'securityTokenAesKey': '',
                'securityTokenParam': '', 'originPullShieldId': 'sh-1', 'securityTokenNumberOfPathComponents': -1}
    assert lw.policy_values({'settings': settings}, {'securityTokenSecret': 'tok', 'securityTokenAesKey': ''}) == {
        'securityToken': True, 'securityTokenSecret': 'tok', 'securityTokenAesKey': None, 'securityTokenParam': None,
        'originPullShieldId': 'sh-1', 'securityTokenNumberOfPathComponents': -1}


@pytest.mark.parametrize('stored, secrets, shown', [
    (None, None, 'absent'),
    (None, {'securityTokenSecret': ''}, ''),
    ('tok', None, lw.REDACTED),
    ('tok', {'securityTokenSecret': 'tok'}, lw.REDACTED),
    ('tok', {'securityTokenSecret': 'new'}, lw.SECRET_DIFFERS),
    ('tok', {'securityTokenSecret': ''}, lw.SECRET_DIFFERS),
])
def test_canonical_zone_secret_settings(stored, secrets, shown):
    policy = {'id': 'po-1', 'securityToken': stored is not None, 'securityTokenSecret': stored}
    zone = lw.canonical_zone(dist(), [{'domain': 'cdn.example.com'}], policy, secrets=secrets)
    assert zone['settings'].get('securityTokenSecret', 'absent') == shown
    assert 'tok' not in repr(zone['settings']) and "'tok'" not in repr(zone['raw'])


def test_validate_zone_keeps_secrets_out_of_the_settings():
    adapter = lw.Adapter(None)
    desired = {'hostname': 'cdn.example.com', 'settings': {'securityTokenSecret': 'tok', 'securityTokenShaKey': '',
                                                           'securityTokenAesKey': lw.REDACTED}}
    adapter.validate_zone(desired, 'present')
    assert desired['settings'] == {'securityTokenSecret': lw.REDACTED, 'securityTokenShaKey': '',
                                   'securityTokenAesKey': None}
    assert adapter.secrets == {'securityTokenSecret': 'tok', 'securityTokenShaKey': ''}


def test_origin_payload_simple_and_advanced():
    body, protocol = lw.origin_payload('https://o.example.com', 'edgeops.cdn x')
    assert protocol == 'HTTPS'
    assert lw.decode_envelope(body) == ('SIMPLE_ORIGIN', {'host': 'o.example.com', 'description': 'edgeops.cdn x', 'enabled': True})
    body, protocol = lw.origin_payload('http://o.example.com:8080/static', 'd')
    kind, values = lw.decode_envelope(body)
    assert (kind, protocol) == ('ADVANCED_ORIGIN', 'HTTP')
    assert (values['path'], values['httpPort'], values['httpsPort']) == ('/static', 8080, 443)


@pytest.mark.parametrize('url', ['https://o.example.com', 'http://o.example.com:8080/static', 'https://o.example.com/x'])
def test_origin_url_inverts_origin_payload(url):
    body, protocol = lw.origin_payload(url, 'd')
    assert lw.origin_url(body, protocol) == url


def test_origin_url_hides_default_ports_and_handles_missing_host():
    advanced = lw.encode_envelope('ADVANCED_ORIGIN', {'host': 'H.example.com', 'path': '/', 'httpPort': 80, 'httpsPort': 8443})
    assert lw.origin_url(advanced, 'HTTP') == 'http://h.example.com'
    assert lw.origin_url(advanced, 'HTTPS') == 'https://h.example.com:8443'
    assert lw.origin_url(lw.encode_envelope('SIMPLE_ORIGIN', {}), 'HTTP') is None


def test_latest_actions_per_distribution():
    actions = [
        {'type': 'CREATE_DIST', 'resource': {'distribution_id': 'di-a'}, 'status': 'FINISHED', 'created': '2024-01-01T00:00:00Z'},
        {'type': 'INVALIDATION', 'resource': {'invalidation_id': 'in-1'}, 'status': 'PENDING', 'created': '2024-01-03T00:00:00Z'},
        {'type': 'UPDATE_DIST', 'resource': {'distributionId': 'di-a'}, 'status': 'PENDING', 'created': '2024-01-02T00:00:00Z'},
        {'type': 'CREATE_DIST', 'resource': {'distribution_id': 'di-b'}, 'status': 'IN_PROGRESS', 'created': '2024-01-02T00:00:00Z'},
        {'type': 'DELETE_DIST', 'resource': {'distribution_id': 'di-b'}, 'status': 'PENDING', 'created': '2024-01-04T00:00:00Z'},
    ]
    latest = lw.latest_actions(actions)
    assert latest['di-a']['status'] == 'PENDING' and latest['di-b']['status'] == 'IN_PROGRESS'
    assert lw.latest_actions(actions, ('DELETE_DIST',))['di-b']['type'] == 'DELETE_DIST'


def dist(**values):
    base = dict(description='d', enabled=True, ipv6=False, tls=False, tlsType=None, certificateId=None, logging=False,
                id='di-1', customerId='cu-1', created='2024-01-01T00:00:00', updated=None, cname='di-1.lswcdn.net')
    base.update(values)
    return lw.encode_envelope('DISTRIBUTION_VOLUME', base)


def test_canonical_zone_maps_every_part():
    domains = [{'domain': 'cdn.example.com', 'id': 'cdn.example.com'}, {'domain': 'b.example.com', 'id': 'b.example.com'},
               {'domain': 'a.example.com', 'id': 'a.example.com'}]
    policy = {'id': 'po-1', 'originPullId': 'or-1', 'originPullProtocol': 'HTTPS', 'originPullHostHeader': 'O.example.com',
              'cacheDefaultTtl': 86400, 'deliveryCompress': True, 'deliveryForceHttps': False,
              'securityTokenSecret': 's3cret', 'securityTokenAesKey': None}
    origin = lw.encode_envelope('SIMPLE_ORIGIN', {'id': 'or-1', 'host': 'o.example.com'})
    action = {'id': 'u-1', 'type': 'CREATE_DIST', 'status': 'IN_PROGRESS'}
    zone = lw.canonical_zone(dist(tls=True, certificateId='ce-1'), domains, policy, origin, action)
    assert zone['id'] == 'di-1' and zone['cdn_domain'] == 'di-1.lswcdn.net'
    assert zone['hostname'] == 'cdn.example.com' and zone['aliases'] == ['a.example.com', 'b.example.com']
    assert zone['origin'] == 'https://o.example.com' and zone['origin_host_header'] == 'o.example.com'
    assert (zone['tls'], zone['certificate_id'], zone['enabled']) == (True, 'ce-1', True)
    assert (zone['cache_ttl'], zone['compress']) == (86400, True)
    assert zone['settings']['deliveryForceHttps'] is False and zone['settings']['ipv6'] is False
    assert zone['settings']['description'] == 'd'
    # secrets are shown only when the policy has them, masked
    assert set(zone['settings']) == set(lw.ZONE_SETTINGS) - set(['securityTokenAesKey', 'securityTokenShaKey'])
    assert zone['settings']['securityTokenSecret'] == lw.REDACTED
    assert zone['settings']['originPullShieldId'] == '' and zone['settings']['securityTokenMethod'] == ''
    assert (zone['status'], zone['action_id'], zone['policy_id'], zone['origin_id']) == ('IN_PROGRESS', 'u-1', 'po-1', 'or-1')
    assert zone['raw']['policy']['securityTokenSecret'] == lw.REDACTED
    assert zone['raw']['policy']['securityTokenAesKey'] is None


def test_canonical_zone_identity_is_the_domain_asked_for():
    domains = [{'domain': 'cdn.example.com'}, {'domain': 'www.example.com'}]
    zone = lw.canonical_zone(dist(), domains, hostname='WWW.example.com.')
    assert zone['hostname'] == 'www.example.com' and zone['aliases'] == ['cdn.example.com']
    assert zone['status'] == 'FINISHED' and zone['origin'] is None and zone['cache_ttl'] is None


def test_path_table_quotes_ids():
    assert lw.path('domain', distribution_id='di-1', domain_id='a.example.com') == 'distributions/di-1/domains/a.example.com'
    assert lw.path('action', action_id='a/b') == 'actions/a%2Fb'


def test_dialect_reads_leaseweb_errors():
    dialect = lw.LeasewebDialect()
    body = {'correlationId': 'c-1', 'errorCode': 'APP00900', 'errorMessage': 'Validation failed.',
            'errorDetails': {'domain': ['already used']}}
    assert dialect.error_message(400, body, '') == 'Validation failed. (domain: already used) [APP00900]'
    assert dialect.error_message(401, {'errorCode': '401', 'errorMessage': 'No.', 'errorDetails': {}}, '') == 'No.'
    assert dialect.request_id({}, body) == 'c-1'
    assert dialect.request_id({'APIGW-CORRELATION-ID': 'h-1'}, None) == 'h-1'
    assert dialect.error_message(500, None, 'boom') == 'boom'


def test_validate_zone_normalises_and_refuses():
    adapter = lw.Adapter(None)
    desired = {'hostname': 'cdn.example.com', 'origin': 'https://o.example.com:443', 'aliases': ['a.example.com']}
    adapter.validate_zone(desired, 'present')
    assert desired['origin'] == 'https://o.example.com'
    with pytest.raises(CdnValidationError, match='repeats hostname'):
        adapter.validate_zone({'hostname': 'a.example.com', 'aliases': ['a.example.com']}, 'present')
    with pytest.raises(CdnValidationError, match='storage origin'):
        adapter.validate_zone({'origin': 'storage:x'}, 'present')


def test_capabilities_declare_the_settings():
    caps = lw.CAPABILITIES.resource('zone')
    assert 'delete' in caps.operations and 'aliases' in caps.fields
    assert caps.settings['deliveryTtlOverride'] == dict(type='int', min=0, max=31536000)
    assert [k for k, v in caps.settings.items() if v.get('secret')] == list(lw.POLICY_SECRETS)
    assert caps.settings['securityTokenNumberOfPathComponents'] == dict(type='int', min=-1, max=10)
    assert lw.Adapter.auth_options('k', None) == {'headers': {'X-LSW-Auth': 'k'}}


# --- origins, origin groups, members -------------------------------------------------

def test_create_origin_payload_simple_unless_a_path_or_port_needs_advanced():
    simple = lw.create_origin_payload(dict(name='a', endpoints=[{'host': 'a.example.com', 'port': None}],
                                           path='/', http_port=80))
    assert simple == {'resourceType': 'SIMPLE_ORIGIN', 'data': [
        {'key': 'host', 'value': 'a.example.com'}, {'key': 'description', 'value': 'a'}, {'key': 'enabled', 'value': True}]}
    advanced = lw.create_origin_payload(dict(name='a', endpoints=[{'host': 'a.example.com'}], enabled=False,
                                             https_port=8443))
    assert advanced['resourceType'] == 'ADVANCED_ORIGIN'
    assert lw.decode_envelope(advanced)[1] == {'host': 'a.example.com', 'description': 'a', 'enabled': False,
                                               'path': '/', 'httpPort': 80, 'httpsPort': 8443}
    assert [d['key'] for d in advanced['data']] == ['host', 'description', 'enabled', 'path', 'httpPort', 'httpsPort']


def test_origin_values_sends_only_what_is_set_and_advanced_keys_only_on_advanced():
    assert lw.origin_values({'enabled': False, 'path': '/x'}, advanced=False) == [('enabled', False)]
    assert lw.origin_values({'path': '/x', 'https_port': 1}, advanced=True) == [('path', '/x'), ('httpsPort', 1)]
    assert lw.needs_advanced({'path': '/', 'http_port': 80, 'https_port': 443}) is False
    assert lw.needs_advanced({'path': '/x'}) is True


def test_canonical_origin_reports_simple_as_its_effective_path_and_ports():
    simple = lw.canonical_origin(lw.encode_envelope('SIMPLE_ORIGIN', [
        ('id', 'or-1'), ('host', 'A.example.com'), ('description', 'a'), ('enabled', True)]))
    assert simple['endpoints'] == [{'host': 'a.example.com', 'port': None}]
    assert (simple['name'], simple['kind'], simple['type']) == ('a', 'origin', 'SIMPLE_ORIGIN')
    assert (simple['path'], simple['http_port'], simple['https_port']) == ('/', 80, 443)
    advanced = lw.canonical_origin(lw.encode_envelope('ADVANCED_ORIGIN', [
        ('id', 'or-2'), ('host', 'b.example.com'), ('path', 'test'), ('httpPort', '8080'), ('httpsPort', None)]))
    assert (advanced['path'], advanced['http_port'], advanced['https_port']) == ('/test', 8080, 443)


def test_group_values_follow_the_seed_order_and_types():
    values = lw.group_values({'keep_alive_seconds': 27, 'keep_alive': 1, 'balancing_method': 'CONSISTENT',
                              'fail_timeout': 8}, name='LSW Origin Group', enabled=True)
    assert values == [('balancingMethod', 'CONSISTENT'), ('description', 'LSW Origin Group'), ('failTimeOut', 8),
                      ('keepAlive', True), ('keepAliveSeconds', 27), ('enabled', True)]
    assert lw.group_values({'enabled': False}, enabled=True) == [('enabled', False)]
    assert lw.group_values({}) == []


def test_canonical_group_labels_and_sorts_members():
    group = lw.encode_envelope('ORIGIN_GROUP', [('balancingMethod', 'ROUNDROBIN'), ('description', 'pool'),
                                                ('failTimeOut', 1), ('keepAlive', True), ('keepAliveSeconds', 30),
                                                ('enabled', True), ('id', 'og-1')])
    members = [lw.encode_envelope('ORIGIN_GROUP_MEMBER', [('originId', 'or-b'), ('status', 'backup'), ('id', 'or-m2')]),
               lw.encode_envelope('ORIGIN_GROUP_MEMBER', [('originId', 'or-a'), ('status', 'active'), ('id', 'or-m1')])]
    found = lw.canonical_group(group, members, lambda ident: {'or-a': 'alpha'}.get(ident, ident))
    assert (found['id'], found['name'], found['kind'], found['enabled']) == ('og-1', 'pool', 'group', True)
    assert found['group']['members'] == [{'origin': 'alpha', 'status': 'active'}, {'origin': 'or-b', 'status': 'backup'}]
    assert found['group']['keep_alive'] is True and found['group']['fail_timeout'] == 1
    assert lw.canonical_group(group, members)['group']['members'][0] == {'origin': 'or-a', 'status': 'active'}
    assert lw.member_payload('or-a', 'backup') == {'resourceType': 'ORIGIN_GROUP_MEMBER', 'data': [
        {'key': 'originId', 'value': 'or-a'}, {'key': 'status', 'value': 'backup'}]}


def test_origin_pull_points_at_an_origin_or_a_group():
    assert lw.origin_pull('or-1') == {'originPullId': 'or-1', 'originPullGroupId': None}
    assert lw.origin_pull('og-1') == {'originPullGroupId': 'og-1', 'originPullId': None}
    zone = lw.canonical_zone(dist(), [], {'originPullId': None, 'originPullGroupId': 'og-1'})
    assert zone['origin_id'] == 'og-1' and zone['origin_group_id'] == 'og-1'


def test_validate_origin_checks_the_group():
    adapter = lw.Adapter(None)
    desired = {'group': {'keep_alive': 1}}
    adapter.validate_origin(desired, 'present')
    assert desired['group']['keep_alive'] is True
    with pytest.raises(CdnValidationError, match='group.keep_alive'):
        adapter.validate_origin({'group': {'keep_alive': 4}}, 'present')
    with pytest.raises(CdnValidationError, match='option path: is an option of a single origin'):
        adapter.validate_origin({'group': {}, 'path': '/x'}, 'present')
    with pytest.raises(CdnValidationError, match='contradicts enabled'):
        adapter.validate_origin({'group': {'enabled': True}, 'enabled': False}, 'present')


# --- certificates ----------------------------------------------------------------------

SEED_CERT = {'description': 'Main LSW Certificate 2024', 'certificate': 'Hidden for security reasons',
             'privateKey': 'Hidden for security reasons', 'caBundle': 'Hidden for security reasons',
             'validation': True, 'id': 'ce-5g8wbh25', 'commonName': 'c1', 'issuer': 'c1', 'valid': True,
             'trusted': True, 'daysLeft': 364, 'validFrom': 1723118047, 'validUntil': 1754646847,
             'created': '2024-03-19T08:15:23', 'updated': '2024-03-19T08:15:23'}


def test_canonical_certificate_from_the_seed_sample():
    cert = lw.canonical_certificate(SEED_CERT, ['di-2', 'di-1'])
    assert (cert['id'], cert['name']) == ('ce-5g8wbh25', 'Main LSW Certificate 2024')
    assert (cert['common_name'], cert['issuer']) == ('c1', 'c1')
    assert cert['not_before'] == '2024-08-08T11:54:07Z' and cert['not_after'] == '2025-08-08T09:54:07Z'
    assert cert['fingerprint'] is None and cert['zones'] == ['di-1', 'di-2']
    assert not set(lw.CERTIFICATE_HIDDEN) & set(cert['raw'])
    assert lw.iso_from_unix(None) is None and lw.iso_from_unix('x') is None


def test_canonical_certificate_takes_fingerprint_only_from_the_matching_local_pem():
    info = dict(common_name='c1', issuer='CN=c1', not_before='2024-08-08T11:54:07Z', not_after='2025-08-08T09:54:07Z',
                fingerprint='ab' * 20, sans=['c1'], sha256_fingerprint='cd' * 32)
    assert lw.canonical_certificate(SEED_CERT, (), info)['fingerprint'] == 'ab' * 20
    other = dict(info, not_after='2026-01-01T00:00:00Z')
    assert lw.canonical_certificate(SEED_CERT, (), other)['fingerprint'] is None
    assert lw.canonical_certificate(SEED_CERT, (), dict(info, issuer='CN=other'))['fingerprint'] is None


class Local:
    certificate_pem = 'CERT'
    private_key_pem = 'KEY'
    chain_pem = None
    name = None
    hostname = 'www.example.com'


def test_certificate_payload_sends_the_chain_or_an_empty_bundle():
    body = lw.certificate_payload(Local())
    assert body == {'description': 'www.example.com', 'certificate': 'CERT', 'privateKey': 'KEY', 'caBundle': '',
                    'validation': True}
    local = Local()
    local.chain_pem, local.name = 'CHAIN', 'main'
    assert lw.certificate_payload(local)['caBundle'] == 'CHAIN'
    assert lw.certificate_payload(local)['description'] == 'main'


def test_capabilities_declare_origin_and_certificate():
    caps = lw.CAPABILITIES
    assert caps.limits.origin_scope == 'account' and caps.limits.origin_endpoint_ports is False
    assert 'origin_id' in caps.resource('zone').fields
    assert 'protocol' not in caps.resource('origin').fields
    assert 'bind' in caps.resource('certificate').operations
    assert 'acme' not in caps.resource('certificate').operations
