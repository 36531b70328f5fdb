"""Collection metadata agrees with the code: every module is in the ``cdn`` action
group of meta/runtime.yml (and says so in its documentation when it documents the
``action_group`` attribute), and docs/support-matrix.md is what scripts/support_matrix.py
generates from the adapters' capabilities."""

import ast
import importlib.util
import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def module_names():
    folder = os.path.join(REPO, 'plugins', 'modules')
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and not name.startswith('_'))


def documentation(name):
    """The module's DOCUMENTATION, parsed without importing the module."""
    with open(os.path.join(REPO, 'plugins', 'modules', name + '.py')) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DOCUMENTATION' for t in node.targets):
            return yaml.safe_load(node.value.value)
    raise AssertionError('%s has no DOCUMENTATION' % name)


def load_support_matrix_script():
    spec = importlib.util.spec_from_file_location('support_matrix', os.path.join(REPO, 'scripts', 'support_matrix.py'))
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def fragment_attributes():
    """The attributes every module inherits from the doc fragment edgeops.cdn.provider."""
    with open(os.path.join(REPO, 'plugins', 'doc_fragments', 'provider.py')) as handle:
        tree = ast.parse(handle.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(getattr(t, 'id', None) == 'DOCUMENTATION' for t in node.targets):
            return yaml.safe_load(node.value.value).get('attributes') or {}
    return {}


def test_every_module_is_in_the_cdn_action_group():
    with open(os.path.join(REPO, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    group = (runtime.get('action_groups') or {}).get('cdn') or []
    missing = [name for name in module_names() if name not in group and 'edgeops.cdn.' + name not in group]
    assert module_names(), 'no modules found in plugins/modules'
    assert not missing, 'meta/runtime.yml action_groups.cdn lacks: %s' % ', '.join(missing)


def test_documented_action_group_is_the_cdn_group():
    # validate-modules does not compare attributes.action_group.membership with
    # meta/runtime.yml, so a wrong group name would reach the docs unnoticed.
    wrong = []
    fragment = fragment_attributes().get('action_group')
    for name in module_names():
        attribute = (documentation(name).get('attributes') or {}).get('action_group') or fragment
        if attribute is not None and 'edgeops.cdn.cdn' not in (attribute.get('membership') or []):
            wrong.append('%s (%s)' % (name, attribute.get('membership')))
    assert not wrong, 'attributes.action_group.membership must list edgeops.cdn.cdn: %s' % ', '.join(wrong)


def test_support_matrix_matches_the_capabilities():
    script = load_support_matrix_script()
    wanted = script.render(script.load_capabilities())
    with open(script.TARGET) as handle:
        current = handle.read()
    assert current == wanted, 'docs/support-matrix.md is out of date: run scripts/support_matrix.py'
