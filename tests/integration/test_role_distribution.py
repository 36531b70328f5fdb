"""roles/distribution end to end through ansible-playbook against the simulator:
check mode writes nothing, provisioning creates origin, zone, certificate and DNS,
a second run changes nothing, tear-down leaves nothing behind, and no secret is
printed at -vvvv. The fact cdn_distribution shows the records the role manages (not
the rest of the DNS zone), the certificate (uploaded or Let's Encrypt), and has the
same keys after tear-down; the zone waits run as async tasks."""

import json

import pytest

from tests.simulator.certgen import make_ca, make_cert
from test_playbook import run_playbook

CF_USER = 'admin@example.com'


def play(sim, provider, state='present', **extra):
    role_vars = dict(
        distribution_state=state,
        distribution_provider=provider,
        distribution_api_url=sim.api_url(provider),
        distribution_api_token='sim-token',
        distribution_dns_zone='example.com',
        distribution_dns_api_url=sim.api_url('cloudflare'),
        distribution_dns_api_user=CF_USER,
        distribution_dns_api_token='sim-token',
        # Async waits poll every second here (default 5), to keep the tests short.
        distribution_poll_interval=1,
    )
    if provider == 'cloudflow':
        role_vars['distribution_api_user'] = CF_USER
    role_vars.update(extra)
    return '''
- hosts: localhost
  gather_facts: false
  tasks:
    - name: the role
      ansible.builtin.include_role:
        name: edgeops.cdn.distribution
      vars: %s
    - name: the result fact
      ansible.builtin.debug:
        msg: "RESULT {{ cdn_distribution | to_json }}"
''' % json.dumps(role_vars)


def result_fact(out):
    line = [part for part in out.splitlines() if '"msg": "RESULT ' in part][-1]
    return json.loads(json.loads('{' + line.strip().rstrip(',') + '}')['msg'][len('RESULT '):])


# The keys of cdn_distribution, whatever distribution_state.
FACT_KEYS = {'state', 'provider', 'zone_id', 'removed_zone_id', 'hostname', 'hostnames', 'cdn_domain', 'origin_id',
             'certificate', 'dns_records', 'plan_checksums', 'plan_checksum', 'changed'}


def other_records(sim):
    """Records of example.com the role does not manage, which its fact must not list."""
    sim.seed('cloudflare', {'zones': [{'zone_name': 'example.com', 'records': [
        {'type': 'A', 'name': 'www.example.com', 'content': '192.0.2.80'},
        {'type': 'CNAME', 'name': 'shop.example.com', 'content': 'shops.example.net'},
        {'type': 'TXT', 'name': 'example.com', 'content': 'v=spf1 -all'}]}]})


def cnames(sim):
    """{name: content} of the CNAME records in the simulator's example.com zone."""
    zone = [z for z in sim.state('cloudflare')['zones'] if z['zone_name'] == 'example.com'][0]
    return dict((r['name'], r['content']) for r in zone['records'] if r['type'] == 'CNAME')


@pytest.fixture
def leaf():
    ca = make_ca('Role Test CA')
    inter = make_ca('Role Test Intermediate', issuer=ca)
    return inter, make_cert(inter, 'cdn.example.com', sans=['cdn.example.com', 'img.example.com'])


def test_ucdn_with_certificate_and_dns_full_cycle(sim, tmp_path, leaf):
    sim.speed(100)
    other_records(sim)
    inter, cert = leaf
    extra = dict(distribution_hostname='cdn.example.com', distribution_aliases=['img.example.com'],
                 distribution_origin='https://origin.example.com', distribution_certificate=cert.cert_pem,
                 distribution_private_key=cert.key_pem, distribution_chain=inter.cert_pem)

    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra), '--check')
    assert rc == 0, out
    assert sim.mutations() == []
    assert 'once the zone exists' in out

    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra))
    assert rc == 0, out
    # The zone waits (creation, and again after the certificate) ran as async tasks.
    assert out.count('ASYNC OK on localhost') == 2, out
    fact = result_fact(out)
    assert set(fact) == FACT_KEYS
    assert fact['hostnames'] == ['cdn.example.com', 'img.example.com']
    assert fact['cdn_domain']
    assert fact['certificate']['fingerprint'] == cert.sha1
    assert cnames(sim) == {'cdn.example.com': fact['cdn_domain'], 'img.example.com': fact['cdn_domain'],
                           'shop.example.com': 'shops.example.net'}
    # Only the records of the role's host names, not the rest of the zone.
    assert sorted((r['record'], r['type'], r['value']) for r in fact['dns_records']) == [
        ('cdn', 'CNAME', fact['cdn_domain']), ('img', 'CNAME', fact['cdn_domain'])]
    ucdn = sim.state('ucdn')
    assert [c['fingerprint'] for c in ucdn['certificates']] == [cert.sha1]

    sim.clear_log()
    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra), '-vvvv')
    assert rc == 0, out
    assert 'changed=0' in out
    assert sim.mutations() == []
    assert 'PRIVATE KEY' not in out
    assert cert.key_pem.splitlines()[1] not in out
    assert 'sim-token' not in out

    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', state='absent', **extra), '--check')
    assert rc == 0, out
    assert sim.mutations() == []

    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', state='absent', **extra))
    assert rc == 0, out
    ucdn = sim.state('ucdn')
    assert ucdn['zones'] == [] and ucdn['certificates'] == []
    assert cnames(sim) == {'shop.example.com': 'shops.example.net'}
    gone = result_fact(out)
    assert set(gone) == FACT_KEYS
    assert gone['changed'] is True and gone['removed_zone_id'] == fact['zone_id']
    assert gone['zone_id'] is None and gone['certificate'] is None and gone['dns_records'] == []
    assert gone['hostnames'] == fact['hostnames'] and gone['plan_checksums']['zone'] != 'skipped'


def test_ucdn_with_lets_encrypt_shows_the_issued_certificate(sim, tmp_path):
    sim.speed(100)
    extra = dict(distribution_hostname='le.example.com', distribution_origin='https://origin.example.com',
                 distribution_acme=True)
    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra), '--check')
    assert rc == 0, out
    assert sim.mutations() == []
    assert result_fact(out)['certificate'] is None

    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra))
    assert rc == 0, out
    fact = result_fact(out)
    issued = [c for c in sim.state('ucdn')['certificates'] if c['hostname'] == 'le.example.com']
    assert len(issued) == 1, sim.state('ucdn')['certificates']
    # UCDN shows a certificate's fingerprint, not its validity.
    assert fact['certificate'] == {'id': str(issued[0]['id']), 'fingerprint': issued[0]['fingerprint'], 'not_after': None}
    assert ('POST', 'letsencrypt/%s' % fact['zone_id']) in [(e['method'], e['path'].strip('/'))
                                                            for e in sim.mutations('ucdn')]
    assert cnames(sim) == {'le.example.com': fact['cdn_domain']}

    sim.clear_log()
    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra))
    assert rc == 0 and 'changed=0' in out, out
    assert sim.mutations() == []
    assert result_fact(out)['certificate'] == fact['certificate']


def test_lets_encrypt_not_issued_in_time_fails_saying_what_to_do(sim, tmp_path):
    # A deployed zone (no zone wait) and the simulator's clock at real time: Let's Encrypt takes
    # 60 seconds there, longer than the 2 the role is given.
    sim.seed('ucdn', {'zones': [{'custom_domains': ['slow.example.com'], 'upstream': {
        'endpoints': [{'host': 'origin.example.com', 'port': 443}], 'type': 'own', 'proto': 'https',
        'host_header': 'origin.example.com', 'auth': {'type': 'none'}}}]})
    extra = dict(distribution_hostname='slow.example.com', distribution_origin='https://origin.example.com',
                 distribution_acme=True, distribution_wait_timeout=2)
    rc, out = run_playbook(tmp_path, play(sim, 'ucdn', **extra))
    assert rc != 0, out
    assert 'distribution_acme: no Let\'s Encrypt certificate serves slow.example.com after 2 seconds' in out, out
    assert 'run the role again later' in out
    # The request was sent once, and the DNS step was done (the provider needs it to issue).
    assert [e['path'].strip('/') for e in sim.mutations('ucdn')] == ['letsencrypt/1']
    assert list(cnames(sim)) == ['slow.example.com']


def test_leaseweb_with_standalone_origin(sim, tmp_path):
    sim.speed(100)
    extra = dict(distribution_hostname='media.example.com', distribution_origin='https://media-origin.example.com',
                 distribution_origin_name='media-origin')
    rc, out = run_playbook(tmp_path, play(sim, 'leaseweb', **extra))
    assert rc == 0, out
    fact = result_fact(out)
    assert fact['origin_id'].startswith('or-')
    assert cnames(sim) == {'media.example.com': fact['cdn_domain']}
    sim.clear_log()
    rc, out = run_playbook(tmp_path, play(sim, 'leaseweb', **extra))
    assert rc == 0 and 'changed=0' in out, out
    assert sim.mutations() == []
    rc, out = run_playbook(tmp_path, play(sim, 'leaseweb', state='absent', **extra))
    assert rc == 0, out
    leaseweb = sim.state('leaseweb')
    assert leaseweb['distributions'] == [] and leaseweb['origins'] == []
    assert cnames(sim) == {}


@pytest.mark.parametrize('provider,hostname', [('cloudflow', 'assets.example.com'), ('cloakfusion', 'static.example.com')])
def test_other_cdn_providers_converge(sim, tmp_path, provider, hostname):
    sim.speed(100)
    extra = dict(distribution_hostname=hostname, distribution_origin='https://origin.example.com')
    rc, out = run_playbook(tmp_path, play(sim, provider, **extra))
    assert rc == 0, out
    assert result_fact(out)['cdn_domain']
    sim.clear_log()
    rc, out = run_playbook(tmp_path, play(sim, provider, **extra))
    assert rc == 0 and 'changed=0' in out, out
    assert sim.mutations() == []
