"""Every module's EXAMPLES block, and the tasks of every provider guide (docs/providers/*.md), run
as written through ansible-playbook against the simulator, so an example cannot rot.

Each module's examples run in order, as the tasks of one play (an example may use what an
earlier one registered). Only these differ from the documentation:

- credentials and API URLs: every provider's come from the environment (<PROVIDER>_API_URL and
  the token and user variables each provider reads, as a user or an AWX credential sets them);
  an ``api_url`` an example sets is replaced by the simulator's URL of that task's provider, and
  the variables the examples use for secrets (``{{ ucdn_token }}`` ...) are given as extra vars;
- preconditions: what an example assumes exists (a zone, a finished purge job, certificate files
  next to the playbook) is made first by its entry in SETUP, keyed by module and example name;
  where an example names a provider's id literally (a job id, a zone id), the entry replaces that
  literal with the id of what it made.

Every example task must succeed, and must run (a ``when:`` that skips it means its precondition
is missing). SKIP lists the few whose precondition the simulator cannot provide, each with a reason.
"""

import ast
import importlib
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from tests.simulator.certgen import make_ca, make_cert
from tests.simulator.client import REPO, TOKENS
from tests.simulator.runner import ensure_collection_link, module_env, run_module

MODULES_DIR = os.path.join(REPO, 'plugins', 'modules')
PROVIDERS = ('cloakfusion', 'cloudflow', 'cloudflare', 'ucdn', 'leaseweb')
SECRET = 'sim-token'

# The variables the examples take secrets and earlier results from.
EXTRA_VARS = {
    'ucdn_token': SECRET, 'cloudflare_token': SECRET, 'cloudflare_key': SECRET, 'cloakfusion_token': SECRET,
    'leaseweb_api_key': SECRET, 'cloudflow_key': SECRET,
    'ucdn_password': 'password',  # the simulator's UCDN control panel login (major@section9.co.jp)
    's3_access_key': 'AKIAEXAMPLEEXAMPLE', 's3_secret_key': 'example-secret-key',
    'vault_cloudflow_ftp_password': 'Example-FTP-pass1',
    # The provider guides' vault variables.
    'vault_ucdn_token': SECRET, 'vault_cloakfusion_token': SECRET, 'vault_cloudflare_key': SECRET,
    'vault_cloudflow_key': SECRET, 'vault_leaseweb_key': SECRET, 'vault_leaseweb_api_key': SECRET,
    # cdn_dns_record's first example points www at "the CNAME target cdn_zone returns" (registered as cdn).
    'cdn': {'zone': {'cdn_domain': 'a1-42.so.clients.cdn13.com'}},
}

# (module, example name) -> why the simulator cannot run it. Keep this short: an example that
# cannot run is an example nobody checks.
SKIP = {}
MAX_SKIPS = 2


def guide_names():
    return sorted('docs/providers/' + name for name in os.listdir(os.path.join(REPO, 'docs', 'providers'))
                  if name.endswith('.md'))


def guide_tasks(guide):
    """The tasks of the guide's YAML blocks (blocks of settings alone are not tasks), named
    ``guide task N`` where they have no name."""
    with open(os.path.join(REPO, guide)) as handle:
        blocks = [yaml.safe_load(text) for text in re.findall(r'^```ya?ml\n(.*?)^```', handle.read(), re.M | re.S)]
    tasks = [task for block in blocks if isinstance(block, list) for task in block]
    return [dict(task, name=task.get('name') or 'guide task %d' % number) for number, task in enumerate(tasks, 1)]


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES_DIR) if name.startswith('cdn_') and name.endswith('.py'))


def examples(module):
    """The module's EXAMPLES, parsed: a list of tasks."""
    with open(os.path.join(MODULES_DIR, module + '.py')) as handle:
        tree = ast.parse(handle.read())
    text = next(node.value.value for node in tree.body if isinstance(node, ast.Assign)
                and any(getattr(target, 'id', None) == 'EXAMPLES' for target in node.targets))
    tasks = yaml.safe_load(text)
    assert isinstance(tasks, list) and tasks, '%s: EXAMPLES is not a list of tasks' % module
    names = [task.get('name') for task in tasks]
    assert all(names), '%s: every example task needs a name (the test and the reader refer to it)' % module
    assert len(set(names)) == len(names), '%s: example names repeat: %s' % (module, names)
    return tasks


# --- preconditions ----------------------------------------------------------------------------

def make_zone(sim, provider, hostname, **args):
    """A zone as a user would have it, made with cdn_zone (CloudFlare zones are seeded: its
    client API cannot create one). Returns the zone's id."""
    if provider == 'cloudflare':
        sim.seed('cloudflare', {'zones': [{'zone_name': hostname}]})
        return hostname
    params = dict(sim.creds(provider), hostname=hostname, origin='https://origin.example.com', wait=True)
    params.update(args)
    result = run_module('cdn_zone', params)
    assert result['_rc'] == 0, 'setup: cdn_zone %s %s failed: %s' % (provider, hostname, result.get('msg'))
    return result['zone']['id']


def zones(*specs):
    """Setup: make each (provider, hostname) zone."""
    def setup(sim, ctx):
        for provider, hostname in specs:
            make_zone(sim, provider, hostname)
    return setup


def finished_purge(provider, hostname, literal):
    """Setup: a zone with a finished purge job, whose id replaces ``literal``."""
    def setup(sim, ctx):
        make_zone(sim, provider, hostname)
        result = run_module('cdn_purge', dict(sim.creds(provider), zone=hostname, paths=['/index.html'], wait=True))
        assert result['_rc'] == 0, 'setup: cdn_purge %s failed: %s' % (provider, result.get('msg'))
        return {literal: result['jobs'][0]['id']}
    return setup


def leaseweb_action(literal):
    """Setup: a Leaseweb distribution (its creation is an action), whose action id replaces ``literal``."""
    def setup(sim, ctx):
        make_zone(sim, 'leaseweb', 'cdn.example.com')
        result = run_module('cdn_action_info', dict(sim.creds('leaseweb'), limit=1))
        assert result['_rc'] == 0 and result['actions'], 'setup: cdn_action_info leaseweb: %s' % result.get('msg')
        return {literal: result['actions'][0]['id']}
    return setup


def certificate_files(sim, ctx):
    """Setup: a Leaseweb distribution for www.example.com and the PEM files the example reads."""
    make_zone(sim, 'leaseweb', 'www.example.com')
    root = make_ca('Examples Root')
    inter = make_ca('Examples Intermediate', issuer=root)
    leaf = make_cert(inter, 'www.example.com', sans=['www.example.com'])
    certs = ctx['dir'] / 'certs'
    certs.mkdir(exist_ok=True)
    (certs / 'www.crt').write_text(leaf.cert_pem)
    (certs / 'www.key').write_text(leaf.key_pem)
    (certs / 'intermediate.crt').write_text(inter.cert_pem)


def unused_ucdn_certificate(literal):
    """Setup: a UCDN certificate no zone serves, whose id replaces ``literal``."""
    def setup(sim, ctx):
        inter = make_ca('Examples UCDN CA')
        leaf = make_cert(inter, 'unused.example.com')
        result = run_module('cdn_certificate', dict(sim.creds('ucdn'), certificate=leaf.cert_pem,
                                                    private_key=leaf.rsa_key_pem, chain=inter.cert_pem))
        assert result['_rc'] == 0, 'setup: cdn_certificate ucdn failed: %s' % result.get('msg')
        return {literal: result['certificate']['id']}
    return setup


def cloudflow_zone_by_id(literal, hostname='files.example.com'):
    """Setup: a CloudFlow CDN resource whose id replaces ``literal``, and the paths file the example reads."""
    def setup(sim, ctx):
        zone_id = make_zone(sim, 'cloudflow', hostname)
        (ctx['dir'] / 'changed-paths.txt').write_text('/index.html\n/app.js\n/app.css\n')
        return {literal: zone_id}
    return setup


def cloudflare_visitors(sim, ctx):
    """Setup: threat scores and a visitor that is a threat on example.com."""
    sim.seed('cloudflare', {'ip_scores': {'192.0.2.10': 'SCAN', '2001:db8::1': 'CLEAN'},
                            'zones': [{'zone_name': 'example.com', 'visitors': [
                                {'ip': '198.51.100.7', 'classification': 'threat', 'hits': 40}]}]})


def guide_user(provider, email):
    """Setup: the account e-mail a guide shows, with the simulator's key."""
    def setup(sim, ctx):
        users = [{'email': email, 'tkn': SECRET}] if provider == 'cloudflare' else {email: SECRET}
        sim.seed(provider, {'users': users})
    return setup


SETUP = {
    ('cdn_access_rule', 'Only Germany and Austria may fetch from this Leaseweb distribution'):
        zones(('leaseweb', 'cdn.example.com')),
    ('cdn_access_rule', 'On UCDN, only pages of example.com may embed the files, and one country is refused'): zones(('ucdn', 'static.example.com')),
    ('cdn_access_rule', 'Remove every rule of a CloudFlow resource'): zones(('cloudflow', 'cdn.example.com')),
    ('cdn_action_info', 'One action'): leaseweb_action('50ea5204-4827-41d2-a940-cb5afdfb2426'),
    ('cdn_certificate', 'Upload and bind a certificate to a Leaseweb distribution'): certificate_files,
    ('cdn_certificate', "Let's Encrypt for a UCDN zone"): zones(('ucdn', 'cdn.example.com')),
    ('cdn_certificate', 'Remove a certificate no zone uses any more'): unused_ucdn_certificate('35'),
    ('cdn_debug_info', 'Headers of one file on every Leaseweb CDN provider'): zones(('leaseweb', 'cdn.example.com')),
    ('cdn_dns_record', 'Apply them'): zones(('cloudflare', 'example.org')),
    ('cdn_ip_info', 'Threat scores of two addresses'): cloudflare_visitors,
    ('cdn_origin', 'UCDN zone pulling from an S3 bucket'): zones(('ucdn', 'cdn.example.com')),
    ('cdn_origin', 'CloudFlow resource with two origins'): zones(('cloudflow', 'static.example.com')),
    ('cdn_purge', 'Purge two images after a deploy'): zones(('ucdn', 'cdn.example.com')),
    ('cdn_purge', 'Purge full URLs on a Cloakfusion vhost and do not wait'): zones(('cloakfusion', 'static.example.com')),
    ('cdn_purge', 'Purge everything on a CloudFlow CDN resource'): zones(('cloudflow', 'cdn.example.com')),
    ('cdn_purge', 'Delete a finished UCDN purge job'):
        finished_purge('ucdn', 'old.example.com', '3cfb478531097f1830056a828752cbdd'),
    ('cdn_purge', 'Purge and re-warm a long list of paths, eight batches at a time'): cloudflow_zone_by_id('42'),
    ('cdn_purge_info', 'One Leaseweb invalidation'):
        finished_purge('leaseweb', 'cdn.example.com', '0533396e-e5c6-4de2-bd08-06dfa91a3ab6'),
    ('cdn_stats_info', 'Bytes served by one UCDN zone in October, per day'): zones(('ucdn', 'cdn.example.com')),
    ('cdn_zone_info', 'One Cloakfusion vhost'): zones(('cloakfusion', 'static.example.com')),
    # The guides' accounts use their own e-mail addresses.
    ('docs/providers/cloudflare.md', 'guide task 1'): guide_user('cloudflare', 'ops@example.com'),
    ('docs/providers/cloudflow.md', 'guide task 1'): guide_user('cloudflow', 'ops@example.com'),
}


# --- the playbook -----------------------------------------------------------------------------

def provider_env(sim):
    """Every provider's API URL and credentials, under the names each provider reads."""
    env = module_env()
    for provider in PROVIDERS:
        caps = importlib.import_module('ansible_collections.edgeops.cdn.plugins.module_utils.providers.' + provider).CAPABILITIES
        env[caps.url_env] = sim.api_url(provider)
        for name in caps.token_env:
            env[name] = TOKENS[provider]['api_token']
        for name in caps.user_env:
            env[name] = TOKENS[provider].get('api_user', '')
    env.update(ANSIBLE_COLLECTIONS_PATH=ensure_collection_link(), ANSIBLE_NOCOLOR='1', ANSIBLE_LOCALHOST_WARNING='0',
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_DEPRECATION_WARNINGS='0')
    return env


def point_at_simulator(node, sim):
    """Replace each api_url an example sets (next to its provider) with the simulator's."""
    if isinstance(node, list):
        return [point_at_simulator(item, sim) for item in node]
    if not isinstance(node, dict):
        return node
    node = dict((key, point_at_simulator(value, sim)) for key, value in node.items())
    if 'api_url' in node and node.get('provider') in PROVIDERS:
        node['api_url'] = sim.api_url(node['provider'])
    return node


def substitute(task, literals):
    text = json.dumps(task)
    for literal, value in literals.items():
        assert literal in text, 'SETUP replaces %r, which the example %r no longer shows' % (literal, task['name'])
        text = text.replace(literal, str(value))
    return json.loads(text)


def label(index, task):
    return 'E%02d %s' % (index, task['name'])


def labelled(index, task):
    """The example with the names its tasks report under: its own, or for a block each inner
    task's, prefixed with the example's."""
    task = dict(task, name=label(index, task))
    if 'block' in task:
        task['block'] = [dict(inner, name='%s / %s' % (task['name'], inner.get('name', number)))
                         for number, inner in enumerate(task['block'])]
    return task


def reported_names(task):
    return [inner['name'] for inner in task['block']] if 'block' in task else [task['name']]


def build_play(module, tasks, sim, ctx):
    play_tasks = []
    for index, task in enumerate(tasks):
        literals = {}
        setup = SETUP.get((module, task['name']))
        if setup is not None:
            literals = setup(sim, ctx) or {}
        # Each example is named for the report and keeps going after a failure, so every failing
        # example of the module is reported at once.
        task = labelled(index, point_at_simulator(substitute(task, literals), sim))
        if (module, tasks[index]['name']) in SKIP:
            task['when'] = False
        else:
            task['ignore_errors'] = True
        play_tasks.append(task)
    return [{'hosts': 'localhost', 'gather_facts': False, 'tasks': play_tasks}]


def task_outcomes(out):
    """{task name: [status, ...]} from the default callback's output, with the failure's result
    (ok, changed, skipping, or the failed result's msg)."""
    outcomes = {}
    sections = re.split(r'^TASK \[(.*)\] \*+$', out, flags=re.M)
    for name, body in zip(sections[1::2], sections[2::2]):
        found = []
        for line in body.splitlines():
            # fatal: the task failed; failed: one item of a loop did.
            match = re.match(r'^(ok|changed|skipping|fatal|failed): \[localhost\]', line)
            if not match:
                continue
            if match.group(1) in ('fatal', 'failed'):
                payload = line.split('=> ', 1)[-1]
                try:
                    found.append('failed: %s' % json.loads(payload).get('msg'))
                except ValueError:
                    found.append('failed: %s' % payload)
            else:
                found.append(match.group(1))
        outcomes[name] = found
    return outcomes


def test_the_skip_list_stays_small_and_current():
    assert len(SKIP) <= MAX_SKIPS, 'SKIP holds %d examples; make them runnable instead' % len(SKIP)
    for module, name in list(SKIP) + list(SETUP):
        tasks = guide_tasks(module) if module.startswith('docs/') else examples(module)
        assert name in [task['name'] for task in tasks], \
            '%s has no example %r any more; update SETUP/SKIP in this test' % (module, name)


def test_readme_puts_in_module_defaults_only_options_every_module_has():
    """README.md says which options belong in module_defaults for the action group: each must be an
    option of every module (one that is not makes that module fail), and the counter-examples it
    names must be missing from some module."""
    with open(os.path.join(REPO, 'README.md')) as handle:
        text = ' '.join(handle.read().split())
    shared = re.search(r'only the options every module has: (.*?)\. ', text)
    others = re.search(r'An option only some modules have \((.*?)\)', text)
    assert shared and others, 'README.md no longer says which options belong in module_defaults'
    shared, others = re.findall(r'`(\w+)', shared.group(1)), re.findall(r'`(\w+)', others.group(1))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=ensure_collection_link())
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-doc'), '-j']
                          + ['edgeops.cdn.' + name for name in module_names()],
                          capture_output=True, text=True, env=env, timeout=300, check=True)
    options = dict((name, set(doc['doc']['options'])) for name, doc in json.loads(proc.stdout).items())
    assert len(options) == len(module_names())
    for option in shared:
        lacking = sorted(name for name, names in options.items() if option not in names)
        assert not lacking, 'README.md: %s is not an option of %s' % (option, ', '.join(lacking))
    for option in others:
        assert any(option not in names for names in options.values()), 'README.md: every module has %s' % option


@pytest.mark.parametrize('module', module_names())
def test_examples_run_as_written(sim, tmp_path, module):
    run_examples(sim, tmp_path, module, examples(module))


@pytest.mark.parametrize('guide', guide_names())
def test_provider_guide_tasks_run_as_written(sim, tmp_path, guide):
    tasks = guide_tasks(guide)
    assert tasks, '%s shows no task' % guide
    run_examples(sim, tmp_path, guide, tasks)


def run_examples(sim, tmp_path, module, tasks):
    """Run ``tasks`` (the examples of ``module``, a module or a guide) as one play; assert each ran
    and succeeded."""
    sim.speed(100)
    play = build_play(module, tasks, sim, dict(dir=tmp_path))
    (tmp_path / 'play.yml').write_text(yaml.safe_dump(play, sort_keys=False))
    (tmp_path / 'vars.json').write_text(json.dumps(EXTRA_VARS))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), 'ansible-playbook'), '-i', 'localhost,',
                           '-c', 'local', '-e', '@' + str(tmp_path / 'vars.json'), str(tmp_path / 'play.yml')],
                          capture_output=True, text=True, env=provider_env(sim), cwd=str(tmp_path), timeout=600,
                          check=False)
    out = proc.stdout + proc.stderr
    outcomes = task_outcomes(out)
    problems = []
    for index, task in enumerate(tasks):
        if (module, task['name']) in SKIP:
            continue
        for name in reported_names(labelled(index, task)):
            seen = outcomes.get(name)
            if not seen:
                problems.append('%r did not run' % name)
            elif any(status not in ('ok', 'changed') for status in seen):
                problems.append('%r: %s' % (name, '; '.join(s for s in seen if s not in ('ok', 'changed'))))
    assert not problems, '%s examples, run against the simulator:\n  %s\n\n%s' % (module, '\n  '.join(problems), out)
    assert proc.returncode == 0, out
    assert SECRET not in out
