"""The modules' RETURN blocks document what CdnModule adds to every result: api_requests (at -vvv), and,
on the state modules that take return_raw (doc fragment edgeops.cdn.raw), raw only with that option.
Ansible has no RETURN doc fragments, so each module repeats the entry; this keeps them alike."""

import ast
import os

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(REPO, 'plugins', 'modules')


def module_names():
    return sorted(name[:-3] for name in os.listdir(MODULES) if name.endswith('.py') and not name.startswith('_'))


def blocks(name):
    """DOCUMENTATION and RETURN of a module, parsed without importing it; and its source."""
    with open(os.path.join(MODULES, name + '.py')) as handle:
        source = handle.read()
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if getattr(target, 'id', None) in ('DOCUMENTATION', 'RETURN'):
                    found[target.id] = yaml.safe_load(node.value.value)
    return found['DOCUMENTATION'], found['RETURN'], source


def raw_entries(returns, path=''):
    """(path, entry) of every ``raw`` key documented, at any depth of contains."""
    for key, entry in (returns or {}).items():
        where = '%s.%s' % (path, key) if path else key
        if key == 'raw':
            yield where, entry
        yield from raw_entries(entry.get('contains'), where)


def test_every_module_documents_api_requests():
    wrong = []
    for name in module_names():
        entry = blocks(name)[1].get('api_requests')
        if not entry or '-vvv' not in str(entry.get('returned')) or entry.get('type') != 'list':
            wrong.append(name)
            continue
        fields = set(entry.get('contains') or {})
        if not {'method', 'path', 'operation', 'status', 'write', 'error'} <= fields:
            wrong.append('%s (contains %s)' % (name, sorted(fields)))
    assert module_names() and not wrong, 'RETURN lacks api_requests (returned at -vvv): %s' % ', '.join(wrong)


def test_return_raw_on_state_modules_only_and_raw_documented_with_it():
    with_option = []
    for name in module_names():
        doc, returns, source = blocks(name)
        fragment = 'edgeops.cdn.raw' in (doc.get('extends_documentation_fragment') or [])
        spec = 'return_raw=return_raw_argument_spec()' in source
        assert fragment == spec, '%s: the edgeops.cdn.raw fragment and the return_raw option go together' % name
        if name.endswith('_info'):
            assert not fragment, '%s: info modules always return raw, they take no return_raw' % name
            continue
        if fragment:
            with_option.append(name)
            entries = list(raw_entries(returns))
            assert entries, '%s takes return_raw but documents no raw' % name
            for where, entry in entries:
                assert 'return_raw=true' in str(entry.get('returned')), \
                    '%s: RETURN %s must say it is returned only with O(return_raw=true)' % (name, where)
        else:
            assert not list(raw_entries(returns)), '%s documents raw without the return_raw option' % name
    assert sorted(with_option) == ['cdn_certificate', 'cdn_origin', 'cdn_purge', 'cdn_storage', 'cdn_zone']


def test_api_requests_entries_are_one_text():
    """The entry is repeated (no RETURN fragments in Ansible): one module's text is the reference, so a change
    made in one module and not the others fails here instead of drifting."""
    entries = dict((name, blocks(name)[1].get('api_requests')) for name in module_names())
    reference = entries['cdn_zone']
    differing = sorted(name for name, entry in entries.items() if entry != reference)
    assert not differing, 'api_requests differs from cdn_zone\'s in: %s' % ', '.join(differing)
