"""Running a module file the way Ansible does (a new interpreter, the args file in argv),
with the collection on the path and no credentials inherited from the environment.
"""

import json
import os
import subprocess
import sys
import tempfile

from tests.simulator.client import REPO

COLLECTIONS = os.path.join(REPO, '.tmp', 'collections')
LINK = os.path.join(COLLECTIONS, 'ansible_collections', 'edgeops', 'cdn')


def ensure_collection_link():
    if not os.path.exists(LINK):
        os.makedirs(os.path.dirname(LINK), exist_ok=True)
        os.symlink(REPO, LINK)
    return COLLECTIONS


def module_env():
    env = dict(os.environ)
    env['PYTHONPATH'] = ensure_collection_link()
    for key in list(env):
        if key.endswith(('_API_TOKEN', '_API_KEY', '_API_USER', '_API_EMAIL', '_API_URL')) or key.startswith('CDN_API'):
            env.pop(key)
    return env


def args_file(args, check=False, diff=False, verbosity=0):
    """The module's arguments written as Ansible passes them (ANSIBLE_MODULE_ARGS); the file's path,
    which the caller removes."""
    payload = dict(args)
    payload.update(_ansible_check_mode=check, _ansible_diff=diff, _ansible_verbosity=verbosity)
    with tempfile.NamedTemporaryFile('w', suffix='.json', delete=False) as handle:
        json.dump({'ANSIBLE_MODULE_ARGS': payload}, handle)
        return handle.name


def run_module(name, args, check=False, diff=False, verbosity=0, env=None):
    """Execute plugins/modules/<name>.py the way Ansible does; return its JSON result."""
    path = args_file(args, check, diff, verbosity)
    try:
        run_env = module_env()
        run_env.update(env or {})
        proc = subprocess.run([sys.executable, os.path.join(REPO, 'plugins', 'modules', name + '.py'), path],
                              capture_output=True, text=True, env=run_env, timeout=600, check=False)
    finally:
        os.unlink(path)
    out = proc.stdout.strip()
    try:
        result = json.loads(out[out.index('{'):])
    except ValueError:
        raise AssertionError('module %s printed no JSON: %s %s' % (name, proc.stdout, proc.stderr))
    result['_rc'] = proc.returncode
    result['_raw'] = proc.stdout
    return result
