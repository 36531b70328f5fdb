"""cdn_origin (the vhost's origin_url and host_header) and the cdn_certificate refusal on the simulated Cloakfusion API."""

from tests.simulator.certgen import make_ca, make_cert

P = 'cloakfusion'
ORIGIN = 'https://o.example.com:8443/static'


def seed(sim, origin_url=ORIGIN, active=True):
    sim.seed(P, {'vhosts': [{'domain_name': 'cdn.example.com', 'origin_url': origin_url, 'name': 'cdn',
                             'active': active}]})
    sim.clear_log()


def run(sim, module, check=False, diff=False, **args):
    params = sim.creds(P)
    params.setdefault('zone', 'cdn.example.com')
    params.update(args)
    return module('cdn_origin', params, check=check, diff=diff)


def test_origin_url_read_as_endpoint_protocol_path_and_unchanged(sim, module):
    seed(sim)
    result = run(sim, module, endpoints=[{'host': 'o.example.com', 'port': 8443}], protocol='https', path='/static')
    assert result['_rc'] == 0 and result['changed'] is False, result
    origin = result['origin']
    assert origin['endpoints'] == [{'host': 'o.example.com', 'port': 8443}]
    assert origin['protocol'] == 'https' and origin['path'] == '/static' and origin['zone'] == '1'
    assert origin['host_header'] is None
    assert sim.mutations(P) == []


def test_default_port_of_the_protocol(sim, module):
    seed(sim, origin_url='http://o.example.com')
    result = run(sim, module, endpoints=[{'host': 'o.example.com'}], protocol='http', path='/')
    assert result['_rc'] == 0 and result['changed'] is False, result
    assert result['origin']['endpoints'] == [{'host': 'o.example.com', 'port': 80}]


def test_host_header_is_the_vhost_property(sim, module):
    seed(sim)
    first = run(sim, module, diff=True, host_header='Www.Example.com')
    assert first['_rc'] == 0 and first['changed'] is True, first
    assert [(w['method'], w['path'], w['body']) for w in sim.mutations(P)] == [
        ('PATCH', 'vhostproperties/1/', {'host_header': 'www.example.com'})]
    assert sim.state(P)['properties'][0]['host_header'] == 'www.example.com'
    assert first['diff']['before']['host_header'] is None
    assert first['diff']['after']['host_header'] == 'www.example.com'
    assert first['origin']['host_header'] == 'www.example.com'

    sim.clear_log()
    again = run(sim, module, host_header='www.example.com', endpoints=[{'host': 'o.example.com', 'port': 8443}])
    assert again['changed'] is False and sim.mutations(P) == []

    # the same field cdn_zone manages as origin_host_header
    params = sim.creds(P)
    params.update(hostname='cdn.example.com', origin_host_header='www.example.com')
    assert module('cdn_zone', params)['changed'] is False


def test_host_header_waits_for_the_new_vhost_properties(sim, module):
    seed(sim, active=False)
    sim.speed(100)  # the CNAME property appears 30 s after the vhost
    result = run(sim, module, host_header='www.example.com')
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert sim.state(P)['properties'][0]['host_header'] == 'www.example.com'


def test_check_mode_sends_no_write(sim, module):
    seed(sim)
    result = run(sim, module, check=True, diff=True, host_header='www.example.com')
    assert result['_rc'] == 0 and result['changed'] is True, result
    assert result['plan'] == [{'action': 'update', 'resource': 'origin', 'id': '1',
                               'changes': {'host_header': 'www.example.com'}}]
    assert sim.mutations(P) == []
    assert sim.state(P)['properties'][0]['host_header'] == ''


def test_origin_url_cannot_change_and_nothing_is_written(sim, module):
    seed(sim)
    for args in (dict(endpoints=[{'host': 'n.example.com', 'port': 8443}]), dict(protocol='http'), dict(path='/v2')):
        result = run(sim, module, host_header='www.example.com', **args)
        assert result['_rc'] != 0, result
        assert 'no vhost update' in result['msg'] and ORIGIN in result['msg'], result['msg']
        assert list(args)[0] in result['msg']
        # check mode fails the same way instead of planning a change the API cannot make
        checked = run(sim, module, check=True, **args)
        assert checked['_rc'] != 0 and 'no vhost update' in checked['msg'], checked
    assert sim.mutations(P) == []


def test_limits_and_absent_refused_before_any_request(sim, module):
    seed(sim)
    two = run(sim, module, endpoints=[{'host': 'a.example.com'}, {'host': 'b.example.com'}])
    assert two['_rc'] != 0 and 'at most 1' in two['msg']
    auth = run(sim, module, auth={'type': 'http_basic', 'username': 'u', 'password': 'p'})
    assert auth['_rc'] != 0 and 'auth: Cloakfusion cannot manage it on an origin' in auth['msg']
    assert sim.log(P) == []
    absent = run(sim, module, state='absent')
    assert absent['_rc'] != 0 and 'delete' in absent['msg']
    assert sim.mutations(P) == []


def test_certificate_upload_refused_with_the_alternative_and_no_request(sim, module):
    seed(sim)
    ca = make_ca('Test Root')
    leaf = make_cert(ca, 'cdn.example.com')
    params = sim.creds(P)
    params.update(certificate=leaf.cert_pem, private_key=leaf.key_pem, zone='cdn.example.com')
    for extra in ({}, dict(state='absent', certificate_id='1')):
        result = module('cdn_certificate', dict(params, **extra))
        assert result['_rc'] != 0, result
        assert 'instead, set tls: true on the zone with edgeops.cdn.cdn_zone' in result['msg'], result['msg']
        assert 'PRIVATE KEY' not in result['_raw']
    assert sim.log(P) == []
