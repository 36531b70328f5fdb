# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Guards on authoritative lists (doc fragment edgeops.cdn.safety): a list the module makes exact
(DNS records with prune, access rules with purge_rules, origin group members, zone aliases) may
not empty what exists, nor delete or update more than a share of it, unless the task says so.

The thresholds follow octoDNS's safety checks (its Plan refuses to update or delete more than
30 % of a zone's records when the zone has at least 10, unless forced; octoDNS documentation,
"Safety thresholds"). They are checked while planning, so check mode refuses what the real run
refuses, before any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError

DEFAULTS = dict(max_delete_percent=30, max_update_percent=30, min_existing=10, allow_empty=False)


def safety_argument_spec():
    return dict(type='dict', options=dict(
        max_delete_percent=dict(type='int', default=DEFAULTS['max_delete_percent']),
        max_update_percent=dict(type='int', default=DEFAULTS['max_update_percent']),
        min_existing=dict(type='int', default=DEFAULTS['min_existing']),
        allow_empty=dict(type='bool', default=DEFAULTS['allow_empty']),
    ))


def safety_options(params):
    """The task's safety options with the defaults filled in, checked (no request sent)."""
    options = dict(DEFAULTS)
    options.update((k, v) for k, v in (params.get('safety') or {}).items() if v is not None)
    for key in ('max_delete_percent', 'max_update_percent'):
        if not 0 <= options[key] <= 100:
            raise CdnValidationError('safety.%s' % key, 'is out of range', value=options[key],
                                     allowed='0 to 100 (100 lets every change through)')
    if options['min_existing'] < 0:
        raise CdnValidationError('safety.min_existing', 'is negative', value=options['min_existing'],
                                 allowed='0 or more')
    return options


def _percent(part, whole):
    return 100.0 * part / whole if whole else 0.0


def check_authoritative(options, option, what, existing, deletes, updates=0, listed=None, mode=None):
    """Refuse a planned change of an authoritative list that the safety options do not allow.

    option: the list option (named in the failure); what: the things and where, such as
    "records of zone example.com"; existing: how many there are now (in the scope the list is exact
    for); deletes, updates: how many the plan deletes and updates; listed: how many the list names
    (0 is the empty list); mode: what makes the list exact, such as "prune=true" (for the message).
    """
    how = ' with %s' % mode if mode else ''
    if listed == 0 and deletes and not options['allow_empty']:
        raise CdnValidationError(
            option, 'is empty%s: this would delete all %d %s; nothing was changed' % (how, deletes, what),
            allowed='the %s to keep, or safety.allow_empty=true to delete them all' % what.split(' ')[0])
    if listed == 0 and options['allow_empty']:
        return  # emptying the list was asked for in so many words
    if existing < max(options['min_existing'], 1):
        return
    for count, verb, key in ((deletes, 'delete', 'max_delete_percent'), (updates, 'update', 'max_update_percent')):
        share = _percent(count, existing)
        if count and share > options[key]:
            raise CdnValidationError(
                option, '%s would %s %d of %d %s (%d%%), more than safety.%s allows (%d%% when there are %d or '
                'more); nothing was changed' % (how.strip() or 'the plan', verb, count, existing, what, round(share),
                                                key, options[key], max(options['min_existing'], 1)),
                allowed='a smaller change, or safety.%s: %d (or more) for this task' % (key, min(100, int(share) + 1)))
