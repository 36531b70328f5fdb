# -*- coding: utf-8 -*-
"""Errors that help and input taken as users write it, over HTTP to the simulator:

- a 404 names the method and the path as sent, never a query string or a secret;
- what a provider cannot do is said in the user's words with what to do instead, never with
  internal API notes or "it supports: nothing";
- internationalised host names (bücher.example) are taken wherever a host name is, and compared
  and sent in one form, their IDNA A-labels (xn--bcher-kva.example);
- DNS record types are case-insensitive (cname is CNAME).
"""

import json

import pytest

IDN = u'bücher.example'
ACE = 'xn--bcher-kva.example'


def test_a_404_names_the_request_as_sent(sim, module):
    sim.fault(provider='cloudflow', method='GET', path=r'^cdn_resources\.json$', status=404,
              body={'errors': ['Resource not found']})
    result = module('cdn_zone_info', sim.creds('cloudflow'))
    assert result['_rc'] != 0
    assert result['msg'] == (u'cloudflow list CDN resources: not found (HTTP 404): GET /cloudflow/cdn_resources.json'
                             u' \u2014 Resource not found'), result['msg']
    assert result['error']['status'] == 404


def test_a_token_in_the_api_url_is_refused_before_any_request_and_never_shown(sim, module):
    """UCDN documents ?token= as an alternative to its header; the collection sends the header (api_token), so a
    token pasted into api_url is refused before any request, and neither it nor the real token is shown."""
    url_token = 'url-token-4af9c1d2'
    params = sim.creds('ucdn')
    params['api_url'] = params['api_url'] + '?token=' + url_token
    result = module('cdn_zone_info', params, verbosity=3)
    assert result['_rc'] != 0
    assert result['msg'].startswith('option api_url: the URL has a query string (?...); put a token in api_token'), \
        result['msg']
    assert url_token not in result['_raw'] and 'sim-token' not in result['_raw']
    assert sim.log('ucdn') == []


def test_a_404_never_shows_a_token_the_answer_echoes(sim, module):
    """The answer may echo the request back: the API's own words are shown with every secret taken out."""
    sim.fault(provider='ucdn', status=404, count=10, body={'message': 'no route /v3/zones/ (key sim-token)'})
    result = module('cdn_zone_info', sim.creds('ucdn'), verbosity=3)
    assert result['_rc'] != 0
    assert result['msg'].startswith(u'ucdn list zones: not found (HTTP 404): GET /ucdn/v3/zones \u2014 no route '), \
        result['msg']
    assert 'sim-token' not in result['_raw']


def test_a_cloudflare_404_names_the_action(sim, module):
    params = sim.creds('cloudflare')
    params['api_url'] = params['api_url'].replace('api_json.html', 'api_json.htm')
    result = module('cdn_zone_info', params)
    assert result['_rc'] != 0
    assert ': not found (HTTP 404): POST /cloudflare/api_json.htm (a=zone_load_multi)' in result['msg'], result['msg']
    assert 'sim-token' not in result['_raw']


@pytest.mark.parametrize('provider, module_name, args, expected', [
    ('ucdn', 'cdn_purge', dict(zone='cdn.example.com', purge_all=True),
     'ucdn: UCDN cannot purge a whole zone (purge_all); instead, list the paths (or URLs) to purge in paths or urls'),
    ('cloakfusion', 'cdn_zone', dict(hostname='cdn.example.com', state='absent'),
     'cloakfusion: Cloakfusion cannot delete a zone; instead, delete the vhost in the Cloakfusion control panel '
     '(my.cloakfusion.com)'),
    ('cloakfusion', 'cdn_certificate', dict(name='site', certificate='x', private_key='y'),
     'cloakfusion: Cloakfusion cannot create a certificate; instead, set tls: true on the zone with '
     'edgeops.cdn.cdn_zone (the vhost is then served over HTTPS too)'),
    ('ucdn', 'cdn_origin', dict(zone='cdn.example.com', state='absent'),
     "ucdn: UCDN cannot delete an origin; instead, delete the zone (edgeops.cdn.cdn_zone state=absent): the origin "
     "is the zone's upstream and goes with it"),
])
def test_capability_refusals_say_what_to_do_instead(sim, module, provider, module_name, args, expected):
    sim.seed('ucdn', {'zones': [{'custom_domains': ['cdn.example.com']}]})
    sim.seed('cloakfusion', {'vhosts': [{'domain_name': 'cdn.example.com', 'origin_url': 'http://o.example.com'}]})
    sim.clear_log()
    result = module(module_name, dict(sim.creds(provider), **args))
    assert result['_rc'] != 0
    assert result['msg'] == expected, result['msg']
    # None of the internal notes the messages used to carry.
    for note in ('purge/zone', 'newline', 'documents no', 'vhost update', 'supports', 'nothing'):
        assert note not in result['msg']
    assert sim.mutations(provider) == []


def test_idn_zone_created_rerun_unchanged_found_and_purged_on_ucdn(sim, module):
    sim.speed(100)  # UCDN's reconfiguration passes at once
    params = dict(sim.creds('ucdn'), hostname=IDN, aliases=[u'WWW.Bücher.Example.', ACE],
                  origin=u'https://Ursprung.bücher.example', wait=True)
    first = module('cdn_zone', params)
    assert first['_rc'] == 0 and first['changed'] is True, first
    assert first['zone']['hostname'] == ACE and first['zone']['aliases'] == ['www.' + ACE]
    assert first['zone']['origin'] == 'https://ursprung.' + ACE
    # The API got (and keeps) the A-label form only.
    [raw] = sim.state('ucdn')['zones']
    assert raw['custom_domains'] == [ACE, 'www.' + ACE]
    assert raw['upstream']['endpoints'][0]['host'] == 'ursprung.' + ACE

    sim.clear_log()
    again = module('cdn_zone', params)
    assert again['_rc'] == 0 and again['changed'] is False, again
    assert sim.mutations('ucdn') == []
    # Either form names the same zone.
    ace = module('cdn_zone', dict(params, hostname=ACE, aliases=['www.' + ACE], origin='https://ursprung.' + ACE))
    assert ace['_rc'] == 0 and ace['changed'] is False, ace
    info = module('cdn_zone_info', dict(sim.creds('ucdn'), hostname=u'BÜCHER.example'))
    assert [z['id'] for z in info['zones']] == [first['zone']['id']], info

    purged = module('cdn_purge', dict(sim.creds('ucdn'), zone=IDN, urls=[u'https://www.bücher.example/a.png'],
                                      paths=['/b.png'], wait=False))
    assert purged['_rc'] == 0 and purged['changed'] is True, purged
    [job] = sim.state('ucdn')['purge_jobs']
    assert sorted('/' + f.split('/', 3)[3] for f in job['files']) == ['/a.png', '/b.png']


def test_idn_zone_on_cloudflow_is_stored_as_a_labels(sim, zone_cloudflow):
    created = zone_cloudflow(hostname=u'cdn.bücher.example', origin='http://origin.example.com')
    assert created['_rc'] == 0, created
    [resource] = sim.state('cloudflow')['cdn_resources']
    assert resource['cdn_hostname'] == 'cdn.' + ACE
    sim.clear_log()
    assert zone_cloudflow(hostname=u'CDN.Bücher.example', origin='http://origin.example.com')['changed'] is False
    assert sim.mutations('cloudflow') == []


@pytest.fixture
def zone_cloudflow(sim, module):
    def run(**args):
        return module('cdn_zone', dict(sim.creds('cloudflow'), wait=False, **args))
    return run


def test_a_host_name_that_has_no_a_label_is_refused_naming_the_label(sim, module):
    bad = u'ü' * 70 + '.example'
    result = module('cdn_zone', dict(sim.creds('ucdn'), hostname=bad, origin='https://o.example.com'))
    assert result['_rc'] != 0
    assert result['msg'].startswith('option hostname: '), result['msg']
    assert 'not a valid internationalised (IDNA) label' in result['msg'] and 'label empty or too long' in result['msg']
    assert sim.log('ucdn') == []


def test_record_types_in_any_case_and_idn_names_on_cloudflare(sim, module):
    sim.seed('cloudflare', {'zones': [{'zone_name': ACE}]})
    sim.clear_log()
    params = dict(sim.creds('cloudflare'), zone=IDN, record=u'www.bücher.example.', type='cname',
                  value=u'Ziel.Bücher.Example.')
    created = module('cdn_dns_record', params)
    assert created['_rc'] == 0 and created['changed'] is True, created
    zone = next(z for z in sim.state('cloudflare')['zones'] if z['zone_name'] == ACE)
    [record] = [r for r in zone['records'] if r['type'] == 'CNAME']
    assert record['name'] == 'www.' + ACE and record['content'] == 'ziel.' + ACE
    assert created['records'] == [dict(record='www', type='CNAME', value='ziel.' + ACE, ttl=1, proxied=False,
                                       priority=None, id=record['rec_id'])]

    sim.clear_log()
    for spelling in ('CNAME', 'Cname'):
        again = module('cdn_dns_record', dict(params, type=spelling, zone=ACE, value='ziel.' + ACE))
        assert again['_rc'] == 0 and again['changed'] is False, again
    many = module('cdn_dns_record', dict(sim.creds('cloudflare'), zone=IDN, records=[
        dict(record='www', type='cname', value=u'ziel.bücher.example')]))
    assert many['_rc'] == 0 and many['changed'] is False, many
    assert sim.mutations('cloudflare') == []

    info = module('cdn_dns_record_info', dict(sim.creds('cloudflare'), zone=IDN, type='cname'))
    assert info['_rc'] == 0 and [r['value'] for r in info['records']] == ['ziel.' + ACE], info
    bad = module('cdn_dns_record_info', dict(sim.creds('cloudflare'), zone=IDN, type='cnam'))
    assert bad['_rc'] != 0
    assert bad['msg'] == ("option type: 'cnam' is not a record type this provider offers; allowed: A, AAAA, CNAME, "
                          "MX, TXT, SPF, NS, SRV, LOC (in any case)"), bad['msg']
    assert json.dumps(bad).count('sim-token') == 0
