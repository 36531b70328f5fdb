"""Every ad-hoc command in README.md's "Ad-hoc use" section, run against the simulator.

The commands are taken from the README as written; only the environment differs:
it holds the simulator's URLs and credentials, as the README tells users to hold
theirs. Each command must succeed and have its effect, read back from the simulator.
"""

import json
import os
import re
import shlex
import subprocess
import sys

import pytest
from ansible.parsing.splitter import parse_kv

from tests.simulator.client import REPO
from tests.simulator.runner import ensure_collection_link, module_env

HOSTNAME = 'cdn.example.com'


def readme_commands():
    with open(os.path.join(REPO, 'README.md')) as handle:
        text = handle.read()
    section = re.search(r'^## Ad-hoc use\n(.*?)(?=^## )', text, re.M | re.S)
    assert section, 'README.md has no "## Ad-hoc use" section'
    commands = [line.strip() for line in section.group(1).splitlines() if line.startswith('ansible localhost ')]
    assert commands, 'the Ad-hoc use section shows no "ansible localhost" command'
    return commands


def parse(command):
    argv = shlex.split(command)
    module = argv[argv.index('-m') + 1]
    args = parse_kv(argv[argv.index('-a') + 1])
    return argv, module, args


def run_adhoc(sim, argv):
    env = module_env()
    env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0',
               UCDN_API_URL=sim.api_url('ucdn'), UCDN_API_TOKEN='sim-token',
               CLOUDFLARE_API_URL=sim.api_url('cloudflare'), CLOUDFLARE_API_EMAIL='admin@example.com',
               CLOUDFLARE_API_TOKEN='sim-token')
    binary = os.path.join(os.path.dirname(sys.executable), argv[0])
    proc = subprocess.run([binary] + argv[1:], capture_output=True, text=True, env=env, cwd=REPO, timeout=300, check=False)
    out = proc.stdout
    # "localhost | SUCCESS => {...}" or "localhost | CHANGED => {...}"; --diff output comes first.
    match = re.search(r'^localhost \| (\w+) => (\{.*)', out, re.M | re.S)
    assert proc.returncode == 0 and match, out + proc.stderr
    result = json.loads(match.group(2))
    assert match.group(1) in ('SUCCESS', 'CHANGED'), out
    assert 'sim-token' not in out + proc.stderr
    return result, out


def ucdn_zone(sim):
    zones = [z for z in sim.state('ucdn')['zones'] if HOSTNAME in z['custom_domains']]
    assert len(zones) == 1
    return zones[0]


def cnames(sim):
    zone = [z for z in sim.state('cloudflare')['zones'] if z['zone_name'] == 'example.com'][0]
    return dict((r['name'], r['content']) for r in zone['records'] if r['type'] == 'CNAME')


# The expected effect of each documented module, read back from the simulator.
def check_zone_info(sim, args, result, out):
    assert [z['hostname'] for z in result['zones']] == [args['hostname']]
    assert result['zones'][0]['cdn_domain'] == ucdn_zone(sim)['cdn_domain']


def check_purge(sim, args, result, out):
    assert result['changed']
    paths = args['paths'].split(',')
    jobs = sim.state('ucdn')['purge_jobs']
    assert len(jobs) == 1, jobs
    assert sorted(p.split(ucdn_zone(sim)['cdn_domain'], 1)[-1] for p in jobs[0]['files']) == sorted(paths)
    if args.get('wait') == 'true':
        assert [j['status'] for j in result['jobs']] == ['finished']


def check_zone_check_mode(sim, args, result, out):
    assert result['changed']
    assert sim.mutations() == []
    assert '"cache_ttl": ' + args['cache_ttl'] in out   # the diff shows the planned value


def check_dns_record_info(sim, args, result, out):
    listed = dict(('%s.%s' % (r['record'], args['zone']), r['value']) for r in result['records'])
    assert listed == cnames(sim) and listed


def check_dns_record(sim, args, result, out):
    assert result['changed']
    assert cnames(sim)['%s.%s' % (args['record'], args['zone'])] == args['value']


def check_stats_info(sim, args, result, out):
    assert result['changed'] is False and sim.mutations() == []
    assert result['query']['zone'] == str(ucdn_zone(sim)['id']) and result['query']['report'] == args['report']
    assert result['stats']['series'], result
    assert result['stats']['totals']['hits'] == sum(p.get('hits') or 0 for p in result['stats']['series'])


CHECKS = {
    'edgeops.cdn.cdn_stats_info': check_stats_info,
    'edgeops.cdn.cdn_zone_info': check_zone_info,
    'edgeops.cdn.cdn_purge': check_purge,
    'edgeops.cdn.cdn_zone': check_zone_check_mode,
    'edgeops.cdn.cdn_dns_record_info': check_dns_record_info,
    'edgeops.cdn.cdn_dns_record': check_dns_record,
}


@pytest.mark.parametrize('command', readme_commands(), ids=lambda c: parse(c)[1].rsplit('.', 1)[-1])
def test_readme_adhoc_example(sim, command):
    argv, module, args = parse(command)
    assert module in CHECKS, 'README shows %s ad hoc: add its expected effect to CHECKS' % module
    assert not any(key.startswith('api_') for key in args), 'credentials belong in the environment, not in -a'
    sim.speed(100)
    # A UCDN zone for the host name and a CNAME already pointing at it, as after the role ran.
    zone_id = sim.seed('ucdn', {'zones': [{'custom_domains': [HOSTNAME], 'ready': True}]})
    assert zone_id
    cdn_domain = ucdn_zone(sim)['cdn_domain']
    sim.seed('cloudflare', {'zones': [{'zone_name': 'example.com',
                                       'records': [{'type': 'CNAME', 'name': 'cdn', 'content': cdn_domain}]}]})
    sim.clear_log()
    result, out = run_adhoc(sim, argv)
    CHECKS[module](sim, args, result, out)
