"""docs/endpoints.md maps every documented provider endpoint to the module that
reaches it: every module it names exists, every module is named at least once,
and every provider has its section."""

import os
import re

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAP = os.path.join(REPO, 'docs', 'endpoints.md')
PROVIDERS = ('Cloakfusion', 'CloudFlow', 'CloudFlare', 'UCDN', 'Leaseweb')
NOT_REACHED = ('—', '-')


def modules():
    folder = os.path.join(REPO, 'plugins', 'modules')
    return set(name[:-3] for name in os.listdir(folder) if name.endswith('.py') and not name.startswith('_'))


def rows_by_section():
    sections = {}
    current = None
    with open(MAP) as handle:
        for line in handle:
            heading = re.match(r'^## (.+?)\s*$', line)
            if heading:
                current = heading.group(1)
                sections[current] = []
                continue
            cells = [c.strip() for c in line.strip().strip('|').split('|')] if line.startswith('|') else None
            if not cells or current is None or set(cells[0]) <= set('-: ') or cells[0].lower() == 'endpoint':
                continue
            sections[current].append(cells)
    return sections


def test_every_provider_has_a_section_with_rows():
    sections = rows_by_section()
    for provider in PROVIDERS:
        titles = [t for t in sections if t.split()[0] == provider]
        assert titles, 'docs/endpoints.md has no "## %s" section' % provider
        assert sections[titles[0]], 'the %s section lists no endpoint' % provider


def test_every_named_module_exists_and_unreached_endpoints_say_why():
    known = modules()
    problems = []
    for section, rows in rows_by_section().items():
        for cells in rows:
            assert len(cells) >= 3, '%s: a row needs endpoint | module | how: %r' % (section, cells)
            module = cells[1].strip('`')
            if module in NOT_REACHED:
                if not cells[2]:
                    problems.append('%s: %s is not reached and says not why' % (section, cells[0]))
            elif module not in known:
                problems.append('%s: %s names %r, which is not a module' % (section, cells[0], module))
    assert not problems, '\n'.join(problems)


def test_every_module_reaches_some_endpoint():
    named = set(cells[1].strip('`') for rows in rows_by_section().values() for cells in rows)
    assert not modules() - named, 'modules no endpoint row names: %s' % ', '.join(sorted(modules() - named))
