# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_stats_info's provider-agnostic core.

Every provider answers statistics in its own shape and takes dates in its own
format. The core parses the user's ISO dates once (UTC), checks the options
against what the adapter declares, and hands one query to the adapter, which
converts the dates and normalises the answer into ``series`` and ``totals``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import UTC, iso_utc, utc_now, utc_offset
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import STATS_NUMBERS

DEFAULT_PERIOD_DAYS = 7
CHOICE_OPTIONS = ('granularity', 'metric', 'report')

_ISO = re.compile(
    r'^(?P<date>\d{4}-\d{2}-\d{2})'
    r'(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?'
    r'(?P<zone>Z|[+-]\d{2}:?\d{2})?)?$')

ISO_ALLOWED = 'an ISO 8601 date or time such as 2026-11-01, 2026-11-01T06:00:00Z or 2026-11-01T07:00+01:00'


def parse_iso(option, value):
    """An aware UTC datetime from an ISO date or time; a date alone means midnight UTC."""
    text = str(value).strip()
    match = _ISO.match(text)
    if not match:
        raise CdnValidationError(option, 'is not an ISO 8601 date or time', value=value, allowed=ISO_ALLOWED)
    try:
        day = datetime.datetime.strptime(match.group('date'), '%Y-%m-%d')
        moment = day.replace(hour=int(match.group('hour') or 0), minute=int(match.group('minute') or 0),
                             second=int(match.group('second') or 0))
    except ValueError as exc:
        raise CdnValidationError(option, 'is not a valid date or time (%s)' % exc, value=value, allowed=ISO_ALLOWED)
    offset = utc_offset(match.group('zone'))
    if abs(offset) >= datetime.timedelta(days=1):
        raise CdnValidationError(option, 'has an impossible UTC offset', value=value, allowed=ISO_ALLOWED)
    return (moment - offset).replace(tzinfo=UTC)


def stats_period(params, now=None):
    """(start, end) as aware UTC datetimes from the options, checked."""
    now = now or utc_now()
    end = parse_iso('end', params['end']) if params.get('end') else now
    if params.get('start'):
        start = parse_iso('start', params['start'])
    else:
        start = end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS)
    if start >= end:
        raise CdnValidationError('start', 'must be before end (%s)' % iso_utc(end), value=params.get('start'),
                                 allowed='a start earlier than end')
    if start > now:
        raise CdnValidationError('start', 'is in the future', value=params.get('start'),
                                 allowed='a start before now (%s)' % iso_utc(now))
    return start, end


def stats_choices(params, caps):
    """granularity, metric and report: checked against the adapter's declaration, defaults filled."""
    chosen = {}
    for option in CHOICE_OPTIONS:
        value = params.get(option)
        allowed = caps.choices.get(option)
        if value is not None and option not in caps.fields:
            raise CdnValidationError(option, 'cannot be set for this provider\'s statistics',
                                     allowed='the options %s' % (', '.join(caps.fields) or 'none'))
        if value is None:
            chosen[option] = allowed[0] if allowed else None
            continue
        if allowed and value not in allowed:
            raise CdnValidationError(option, 'is not offered', value=value, allowed=', '.join(allowed))
        chosen[option] = value
    return chosen


def sum_series(series):
    totals = {}
    for point in series:
        for key in STATS_NUMBERS:
            value = point.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                continue
            totals[key] = totals.get(key, 0) + value
    return totals


def run_stats_info(cdn, now=None):
    params = cdn.params
    caps = cdn.capabilities
    stats_caps = caps.resource('stats')
    caps.require('stats', 'get')
    if params.get('zone') is not None and 'zone' not in stats_caps.fields:
        raise CdnValidationError('zone', 'cannot be set: %s statistics are account-wide' % caps.title,
                                 allowed='omit zone')
    if params.get('zone') is None and caps.limits.stats_zone_required:
        raise CdnValidationError('zone', 'is required: %s reports statistics per zone' % caps.title,
                                 allowed='a zone host name or id')
    start, end = stats_period(params, now=now)
    query = dict(start=start, end=end, zone=None)
    query.update(stats_choices(params, stats_caps))
    adapter = cdn.adapter
    if params.get('zone') is not None:
        query['zone'] = adapter.require_zone_ref(params['zone'], 'stats')
    answer = adapter.get_stats(query)
    series = list(answer.get('series') or [])
    totals = answer.get('totals')
    if totals is None:
        totals = sum_series(series)
    echo = dict(query, start=iso_utc(start), end=iso_utc(end),
                zone=query['zone']['id'] if query['zone'] else None)
    cdn.exit(changed=False, stats=dict(series=series, totals=totals, raw=answer.get('raw')), query=echo)
