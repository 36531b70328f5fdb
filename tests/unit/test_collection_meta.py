"""Collection metadata agrees with the code: every module is in the ``cdn`` action
group of meta/runtime.yml, and docs/support-matrix.md is what scripts/support_matrix.py
generates from the adapters' capabilities."""

import importlib.util
import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def module_names():
    folder = os.path.join(REPO, 'plugins', 'modules')
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and not name.startswith('_'))


def load_support_matrix_script():
    spec = importlib.util.spec_from_file_location('support_matrix', os.path.join(REPO, 'scripts', 'support_matrix.py'))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_every_module_is_in_the_cdn_action_group():
    with open(os.path.join(REPO, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    group = (runtime.get('action_groups') or {}).get('cdn') or []
    missing = [name for name in module_names() if name not in group and 'edgeops.cdn.' + name not in group]
    assert module_names(), 'no modules found in plugins/modules'
    assert not missing, 'meta/runtime.yml action_groups.cdn lacks: %s' % ', '.join(missing)


def test_support_matrix_matches_the_capabilities():
    script = load_support_matrix_script()
    wanted = script.render(script.load_capabilities())
    with open(script.TARGET) as handle:
        current = handle.read()
    assert current == wanted, 'docs/support-matrix.md is out of date: run scripts/support_matrix.py'
