# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The drift report filters: registered results of a check-mode run turned into one report.

- ``drift_report`` builds the report (a JSON-safe dict) from the results of the edgeops.cdn state modules:
  per zone, each planned action with the option paths it changes, their values before and after, in the
  modules' option shape; failed results as errors, never as drift.
- ``drift_report_markdown`` and ``drift_report_html`` render it for people (the HTML is one self-contained
  page: no script, no external font, image or style sheet; every value escaped).

Pure, no request. Secrets are masked again here, whatever the module did: a value under a secret key
(module_utils/redaction.py SECRET_KEYS) becomes the no_log marker and PEM text is left out.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import html
import json
import re

from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import PEM_OMITTED, REDACTED, SECRET_KEYS

# A value longer than this (as compact JSON) is shortened in the Markdown and HTML (never in the JSON).
SHORT_VALUE = 80
_PEM_BLOCK = re.compile(r'-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)', re.S)
# The lists of objects the multi-object modules diff (cdn_dns_record: records, cdn_access_rule: rules).
_LISTED = ('records', 'rules')


def plain(value):
    """A JSON-safe copy (dicts, lists, str, numbers, bools, None) of a registered result."""
    if isinstance(value, Mapping):
        return dict((u'%s' % k, plain(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    return u'%s' % (value,)


def scrub_text(text):
    """PEM blocks out of free text (an error message)."""
    return _PEM_BLOCK.sub(PEM_OMITTED, text) if '-----BEGIN ' in text else text


def redact(value):
    """Every value under a secret key masked (a key of SECRET_KEYS, any case, at any depth), PEM text left out.
    As redaction.redact, except that PEM inside other text (an error message) is cut out, not the whole text."""
    if isinstance(value, str):
        # A PEM value (a certificate, a key) whole; PEM inside other text (an error message) cut out of it.
        return PEM_OMITTED if value.lstrip().startswith('-----BEGIN ') else scrub_text(value)
    if isinstance(value, dict):
        return dict((k, REDACTED if is_secret_key(k) and v not in (None, '') else redact(v)) for k, v in value.items())
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def is_secret_key(key):
    return u'%s' % key.lower() in SECRET_KEYS if isinstance(key, str) else False


def flatten(value, prefix=''):
    """{dotted option path: value} of the leaves of nested dicts (a list is one value)."""
    if isinstance(value, dict) and value:
        found = {}
        for key, sub in value.items():
            found.update(flatten(sub, '%s.%s' % (prefix, key) if prefix else key))
        return found
    return {prefix: value} if prefix else {}


def lookup(document, path):
    for key in path.split('.'):
        if not isinstance(document, dict) or key not in document:
            return None
        document = document[key]
    return document


def resource_name(task, action):
    """What an action changes: its resource kind; a DNS record (its plan names no resource) by name and type."""
    if action.get('resource'):
        return action['resource']
    if 'record' in action and 'type' in action:
        return 'dns_record %s %s' % (action.get('record'), action.get('type'))
    return task


def current_object(action, before):
    """The current object an action updates, from the result's diff.before: the object itself, or, for a module
    that diffs a list (cdn_dns_record), the listed record the action names."""
    if not isinstance(before, dict):
        return None
    if 'records' in before:
        for record in before.get('records') or []:
            if isinstance(record, dict) and all(record.get(k) == action.get(k) for k in ('record', 'type', 'value')):
                return record
        return None
    if any(key in before for key in _LISTED):
        return None  # rules: the action carries the rule itself
    return before


def action_row(task, action, diff):
    """One planned action as a report row: which option paths, their values before and after."""
    changes = flatten(action.get('changes') if isinstance(action.get('changes'), dict) else {})
    kind = action.get('action') or 'change'
    if kind == 'create':
        before, after = dict.fromkeys(changes), changes
    elif kind == 'delete':
        before, after = changes, dict.fromkeys(changes)
    else:
        current = current_object(action, diff.get('before'))
        before, after = dict((path, lookup(current, path)) for path in changes), changes
    return dict(task=task, resource=resource_name(task, action), action=kind, id=action.get('id'),
                options=sorted(changes), before=masked(before), after=masked(after))


def masked(values):
    """{path: value} with a value whose path names a secret masked (defensive: redact() did it by key)."""
    return dict((path, REDACTED if value not in (None, '') and any(is_secret_key(k) for k in path.split('.'))
                 else value) for path, value in values.items())


def diff_row(task, diff):
    """A changed result without a plan: what its diff before and after differ in."""
    before, after = flatten(diff.get('before') or {}), flatten(diff.get('after') or {})
    paths = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
    return dict(task=task, resource=task, action='update' if before else 'create', id=None, options=paths,
                before=masked(dict((p, before.get(p)) for p in paths)),
                after=masked(dict((p, after.get(p)) for p in paths)))


def single_results(result):
    """The results of a registered task: itself, or each of a loop's results."""
    if not isinstance(result, dict):
        return []
    if isinstance(result.get('results'), list):
        return [r for r in result['results'] if isinstance(r, dict)]
    return [result]


def result_rows(task, result):
    """(change rows, error messages) of one registered result."""
    rows, errors = [], []
    for single in single_results(result):
        if single.get('skipped'):
            continue
        if single.get('failed'):
            message = single.get('msg') or 'failed (no message)'
            errors.append(dict(task=task, msg=scrub_text(u'%s' % message)))
            continue
        if not single.get('changed'):
            continue
        diff = single.get('diff') if isinstance(single.get('diff'), dict) else {}
        plan = [a for a in single.get('plan') or [] if isinstance(a, dict)]
        if plan:
            rows.extend(action_row(task, action, diff) for action in plan)
        elif diff.get('before') != diff.get('after'):
            rows.append(diff_row(task, diff))
        else:
            rows.append(dict(task=task, resource=task, action='change', id=None, options=[], before={}, after={}))
    return rows, errors


def entry_provider(entry, result):
    if entry.get('provider'):
        return u'%s' % entry['provider']
    for single in single_results(result):
        provider = lookup(single, 'invocation.module_args.provider')
        if provider:
            return provider
    return ''


def drift_report(entries, check_mode=True):
    """entries: a list of {zone, provider, task, result} (result: a registered edgeops.cdn module result)."""
    if not isinstance(entries, (list, tuple)):
        raise AnsibleFilterError('drift_report: expects a list of entries (dicts with zone, provider, task and result), '
                                 'got %s' % type(entries).__name__)
    zones = {}
    for index, entry in enumerate(plain(list(entries))):
        if not isinstance(entry, dict) or 'zone' not in entry:
            raise AnsibleFilterError('drift_report: entry %d must be a dict with zone, provider, task and result, got %r'
                                     % (index, entry if not isinstance(entry, dict) else sorted(entry)))
        result = redact(entry.get('result') or {})
        task = entry.get('task') or 'task'
        zone = zones.setdefault((entry_provider(entry, result), entry['zone']), dict(changes=[], errors=[]))
        rows, errors = result_rows(task, result)
        zone['changes'].extend(rows)
        zone['errors'].extend(errors)
    listed = [dict(zone=name, provider=provider, drift=bool(found['changes']), changes=found['changes'],
                   errors=found['errors']) for (provider, name), found in sorted(zones.items())]
    drifted = [z for z in listed if z['drift']]
    return dict(
        generated_at=datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        check_mode=bool(check_mode),
        drift=bool(drifted),
        summary=dict(zones=len(listed), zones_with_drift=len(drifted), changes=sum(len(z['changes']) for z in listed),
                     errors=sum(len(z['errors']) for z in listed)),
        zones=listed,
    )


# --- rendering --------------------------------------------------------------


def check_report(report, name):
    if not isinstance(report, Mapping) or not isinstance(report.get('zones'), list) or 'summary' not in report:
        raise AnsibleFilterError('%s: expects the report edgeops.cdn.drift_report returns (a dict with summary and '
                                 'zones), got %s' % (name, type(report).__name__))
    return plain(report)


def short(value, limit=SHORT_VALUE):
    """A value as compact JSON (text as it is), at most ``limit`` characters."""
    if value is None:
        return '(none)'
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, separators=(',', ': '))
    text = text.replace('\n', ' ')
    return text if len(text) <= limit else text[:limit - 3] + '...'


def summary_line(report):
    summary = report['summary']
    if not report.get('drift'):
        head = 'No drift in %d zone%s' % (summary['zones'], '' if summary['zones'] == 1 else 's')
    else:
        head = 'Drift in %d of %d zones (%d change%s)' % (
            summary['zones_with_drift'], summary['zones'], summary['changes'], '' if summary['changes'] == 1 else 's')
    errors = summary.get('errors') or 0
    return head + ('; %d error%s' % (errors, '' if errors == 1 else 's') if errors else '')


def mode_text(report):
    return 'check mode (nothing was changed)' if report.get('check_mode') else 'a real run (the changes were applied)'


def option_rows(change):
    """(option, before, after) of a change; one row without options for an action that names none."""
    if not change['options']:
        return [('', None, None)]
    return [(path, change['before'].get(path), change['after'].get(path)) for path in change['options']]


def action_title(change):
    ident = ' %s' % change['id'] if change.get('id') not in (None, '') else ''
    return '%s%s: %s (%s)' % (change['resource'], ident, change['action'], change['task'])


def md(text):
    """Text in Markdown inline code: a backtick in the value cannot end it."""
    text = u'%s' % text
    fence = '``' if '`' in text else '`'
    return '%s%s%s' % (fence, (' %s ' % text) if fence == '``' else text, fence)


def drift_report_markdown(report):
    report = check_report(report, 'drift_report_markdown')
    lines = ['# CDN drift report', '',
             '%s.' % summary_line(report), '',
             'Generated %s, %s. Values are in the modules\' option shape; secrets are masked.'
             % (report.get('generated_at'), mode_text(report)), '']
    for zone in report['zones']:
        if not zone['drift'] and not zone['errors']:
            continue
        lines.extend(['## %s (%s)' % (zone['zone'], zone['provider']), ''])
        for change in zone['changes']:
            lines.append('- %s' % action_title(change))
            for path, before, after in option_rows(change):
                if path:
                    lines.append('  - %s: %s -> %s' % (md(path), md(short(before)), md(short(after))))
        for error in zone['errors']:
            lines.append('- error (%s): %s' % (error['task'], short(error['msg'], 400)))
        lines.append('')
    quiet = [z for z in report['zones'] if not z['drift'] and not z['errors']]
    if quiet:
        lines.extend(['## Zones without drift', '',
                      ', '.join('%s (%s)' % (z['zone'], z['provider']) for z in quiet), ''])
    return '\n'.join(lines)


def esc(value):
    return html.escape(u'%s' % (value,), quote=True)


STYLE = u'''
body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .4em 0; } th, td { border: 1px solid #ccc; padding: .3em .7em;
text-align: left; vertical-align: top; } th { background: #f2f2f2; }
td.value { font-family: ui-monospace, monospace; font-size: .9em; max-width: 34em; overflow-wrap: anywhere; }
td.before { background: #fdecea; } td.after { background: #e8f5e9; }
.drift { color: #b71c1c; font-weight: 600; } .clean { color: #1b5e20; font-weight: 600; }
.errors li { color: #b71c1c; } .quiet { color: #555; }
'''


def html_change_rows(change):
    rows = []
    options = option_rows(change)
    for index, (path, before, after) in enumerate(options):
        cells = []
        if index == 0:
            span = u' rowspan="%d"' % len(options) if len(options) > 1 else u''
            cells.extend(u'<td%s>%s</td>' % (span, esc(text)) for text in (
                change['resource'], change['action'], change['id'] if change.get('id') is not None else u'', change['task']))
        cells.append(u'<td class="option">%s</td>' % esc(path))
        for kind, value in (('before', before), ('after', after)):
            cells.append(u'<td class="value %s" title="%s">%s</td>' % (kind, esc(short(value, 2000)), esc(short(value))))
        rows.append(u'<tr>%s</tr>' % u''.join(cells))
    return rows


def drift_report_html(report, title='CDN drift report'):
    report = check_report(report, 'drift_report_html')
    summary = report['summary']
    state = u'drift' if report.get('drift') else u'clean'
    body = [u'<h1>%s</h1>' % esc(title),
            u'<p class="%s" id="summary">%s.</p>' % (state, esc(summary_line(report))),
            u'<p>Generated %s, %s. Values are in the modules&#8217; option shape; secrets are masked.</p>' % (
                esc(report.get('generated_at')), esc(mode_text(report))),
            u'<table class="summary"><tbody>']
    for label, key in (('Zones', 'zones'), ('Zones with drift', 'zones_with_drift'), ('Changes', 'changes'),
                       ('Errors', 'errors')):
        body.append(u'<tr><th>%s</th><td>%s</td></tr>' % (esc(label), esc(summary.get(key, 0))))
    body.append(u'</tbody></table>')
    for zone in report['zones']:
        if not zone['drift'] and not zone['errors']:
            continue
        body.append(u'<section class="zone" data-zone="%s"><h2>%s <small>(%s)</small></h2>' % (
            esc(zone['zone']), esc(zone['zone']), esc(zone['provider'])))
        if zone['changes']:
            body.append(u'<table class="changes"><thead><tr><th>Resource</th><th>Action</th><th>Id</th><th>Task</th>'
                        u'<th>Option</th><th>Before</th><th>After</th></tr></thead><tbody>')
            for change in zone['changes']:
                body.extend(html_change_rows(change))
            body.append(u'</tbody></table>')
        if zone['errors']:
            body.append(u'<ul class="errors">%s</ul>' % u''.join(
                u'<li>%s: %s</li>' % (esc(e['task']), esc(e['msg'])) for e in zone['errors']))
        body.append(u'</section>')
    quiet = [z for z in report['zones'] if not z['drift'] and not z['errors']]
    if quiet:
        body.append(u'<h2>Zones without drift (%d)</h2><p class="quiet">%s</p>' % (len(quiet), u', '.join(
            u'%s <small>(%s)</small>' % (esc(z['zone']), esc(z['provider'])) for z in quiet)))
    return (u'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            u'<meta name="viewport" content="width=device-width, initial-scale=1">'
            u'<title>%s</title><style>%s</style></head><body>\n%s\n</body></html>\n' % (
                esc('%s: %s' % (title, summary_line(report))), STYLE, u'\n'.join(body)))


class FilterModule(object):

    def filters(self):
        return {
            'drift_report': drift_report,
            'drift_report_markdown': drift_report_markdown,
            'drift_report_html': drift_report_html,
        }
