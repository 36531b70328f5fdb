"""cdn_origin against the simulated UCDN v3 API: the zone's upstream (UCDN API v3,
https://api.ucdn.com/docs/, "Create a new zone" examples), changed with PATCH ("Replace a single
zone parameter")."""

P = 'ucdn'
HOST = 'cdn.example.com'
UPSTREAM = {'endpoints': [{'host': 'o.example.com', 'port': 80}], 'type': 'own', 'proto': 'http',
            'host_header': 'o.example.com', 'auth': {'type': 'none'}}


def seed_zone(sim, upstream=None):
    ids = sim.seed(P, {'zones': [dict(custom_domains=[HOST], upstream=upstream or UPSTREAM)]})['result']
    sim.clear_log()
    return ids[0]


def run(sim, module, check=False, diff=False, verbosity=0, **args):
    params = sim.creds(P)
    params.update(args)
    return module('cdn_origin', params, check=check, diff=diff, verbosity=verbosity)


def patches(sim):
    return [e['body'] for e in sim.mutations(P) if (e['method'], e['path']) == ('PATCH', 'zone/1')]


def upstream(sim):
    return sim.state(P)['zones'][0]['upstream']


def test_endpoints_protocol_host_header(sim, module):
    seed_zone(sim)
    args = dict(zone=HOST, endpoints=[{'host': 'New.example.com'}], protocol='https', host_header='new.example.com')
    check = run(sim, module, check=True, diff=True, **args)
    assert check['_rc'] == 0, check
    assert check['changed'] is True and sim.mutations(P) == []
    assert check['diff']['before']['endpoints'] == [{'host': 'o.example.com', 'port': 80}]
    assert check['diff']['after']['endpoints'] == [{'host': 'new.example.com', 'port': 443}]

    first = run(sim, module, diff=True, **args)
    assert first['changed'] is True
    origin = first['origin']
    assert origin['id'] == '1' and origin['zone'] == '1' and origin['kind'] == 'origin' and origin['name'] == HOST
    assert origin['protocol'] == 'https' and origin['host_header'] == 'new.example.com'
    assert [e['method'] for e in sim.mutations(P)] == ['PATCH']
    assert patches(sim) == [{'upstream': {'endpoints': [{'host': 'new.example.com', 'port': 443}], 'type': 'own',
                                          'proto': 'https', 'host_header': 'new.example.com',
                                          'auth': {'type': 'none'}}}]
    assert upstream(sim)['endpoints'] == [{'host': 'new.example.com', 'port': 443}]

    sim.clear_log()
    explicit = dict(args)
    explicit['endpoints'] = [{'host': 'new.example.com', 'port': 443}]
    again = run(sim, module, **explicit)
    assert again['changed'] is False, again
    assert sim.mutations(P) == []


def test_basic_auth_secrets_never_shown_and_cleared_with_the_helper(sim, module):
    seed_zone(sim)
    secret = 'S3cr3t-pa55word'
    auth = dict(type='http_basic', username='puller', password=secret)
    first = run(sim, module, diff=True, verbosity=4, zone='1', auth=auth)
    assert first['_rc'] == 0, first
    assert first['changed'] is True
    assert secret not in first['_raw']
    assert first['origin']['auth'] == {'type': 'http_basic', 'username': 'puller'}
    assert upstream(sim)['auth'] == auth

    sim.clear_log()
    assert run(sim, module, zone='1', auth=auth)['changed'] is False
    assert sim.mutations(P) == []
    always = run(sim, module, zone='1', auth=auth, update_secrets='always', verbosity=4)
    assert always['changed'] is True and secret not in always['_raw']
    assert patches(sim)[0]['upstream']['auth'] == auth

    # Changing the endpoint alone resends the auth UCDN showed, secrets included.
    sim.clear_log()
    moved = run(sim, module, zone=HOST, endpoints=[{'host': 'o2.example.com', 'port': 8080}], verbosity=4)
    assert moved['changed'] is True and secret not in moved['_raw']
    assert upstream(sim)['auth'] == auth and upstream(sim)['endpoints'] == [{'host': 'o2.example.com', 'port': 8080}]

    sim.clear_log()
    off = run(sim, module, zone=HOST, auth={'type': 'none'})
    assert off['changed'] is True
    assert patches(sim) == [{'clear_origins_auth': True}]
    assert upstream(sim)['auth'] == {'type': 'none'}
    sim.clear_log()
    assert run(sim, module, zone=HOST, auth={'type': 'none'})['changed'] is False
    assert sim.mutations(P) == []


def test_aws_s3_upstream(sim, module):
    seed_zone(sim)
    args = dict(zone=HOST, endpoints=[{'host': 's3.eu-central-1.amazonaws.com', 'bucket': 'assets',
                                       'region': 'eu-central-1'}],
                auth=dict(type='aws_secret_key', access_key='AKIAEXAMPLE', secret_key='aws-secret-value'))
    first = run(sim, module, verbosity=4, return_raw=True, **args)
    assert first['_rc'] == 0, first
    assert 'aws-secret-value' not in first['_raw']
    stored = upstream(sim)
    # Like the aws-s3 examples of UCDN API v3 "Create a new zone": type aws-s3, no port on the endpoint.
    assert stored['type'] == 'aws-s3'
    assert stored['endpoints'] == [{'host': 's3.eu-central-1.amazonaws.com', 'bucket': 'assets',
                                    'region': 'eu-central-1'}]
    assert first['origin']['endpoints'] == [{'host': 's3.eu-central-1.amazonaws.com', 'port': 80,
                                             'bucket': 'assets', 'region': 'eu-central-1'}]
    assert first['origin']['raw']['auth']['secret_key'] == 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
    sim.clear_log()
    assert run(sim, module, **args)['changed'] is False
    assert sim.mutations(P) == []


def test_refusals_send_nothing(sim, module):
    seed_zone(sim)
    absent = run(sim, module, zone=HOST, state='absent')
    assert absent['_rc'] != 0 and 'delete' in absent['msg'] and 'cdn_zone' in absent['msg']
    no_zone = run(sim, module, name='backend', endpoints=[{'host': 'o.example.com'}])
    assert no_zone['_rc'] != 0 and 'option zone' in no_zone['msg']
    path = run(sim, module, zone=HOST, path='/static')
    assert path['_rc'] != 0 and 'option path: UCDN cannot manage it on an origin' in path['msg']
    bucket = run(sim, module, zone=HOST, endpoints=[{'host': 's3.example.com', 'bucket': 'b'}],
                 auth=dict(type='http_basic', username='puller', password='long-secret-value'))
    assert bucket['_rc'] != 0 and 'endpoints[0].bucket' in bucket['msg']
    assert sim.mutations(P) == []
    missing = run(sim, module, zone='nothere.example.com', protocol='https')
    assert missing['_rc'] != 0 and 'nothere.example.com not found' in missing['msg']
    assert sim.mutations(P) == []
