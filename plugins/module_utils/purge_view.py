# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_purge_info's provider-agnostic core: purge jobs in one vocabulary on every provider.

Each provider names the states of a job its own way (UCDN ``waiting``, Leaseweb ``PENDING``, ...).
cdn_purge_info shows one common ``status`` (COMMON_STATUSES), keeps the provider's word as
``native_status``, and gives the times as ISO 8601 UTC text. A provider declares how its words map
(PurgeAPI.purge_statuses, in its own package with the document section that names them); its
job listing filters by zone and status (server-side where its API can, otherwise client-side).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import re

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import iso_from_unix, iso_utc, to_number, utc_offset
from ansible_collections.edgeops.cdn.plugins.module_utils.purge import split_purge_url, zone_hosts

# The common vocabulary, in a job's order of life: sent but not started, being applied, applied
# everywhere, ended without being applied everywhere.
COMMON_STATUSES = ('queued', 'running', 'done', 'failed')
MAX_LIMIT = 500
# A time as providers write it: a date and time, optional fractions, 'Z', an offset or nothing (UTC).
TIME_RE = re.compile(r'^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$')


def iso_time(value):
    """'YYYY-MM-DDTHH:MM:SSZ' of a provider's time (Unix seconds, or date-and-time text with or
    without a zone, no zone meaning UTC); None when there is none or it cannot be read."""
    if value in (None, ''):
        return None
    if to_number(value) is not None and not isinstance(value, bool):
        return iso_from_unix(value)
    match = TIME_RE.match(str(value).strip())
    if not match:
        return None
    date, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime.strptime('%s %s:%s:%s' % (date, hour, minute, second or '00'), '%Y-%m-%d %H:%M:%S')
        return iso_utc(moment - utc_offset(zone))
    except (ValueError, OverflowError):
        return None


def common_status(job, statuses):
    """The common status of a job: the provider's word mapped by ``statuses`` (case-insensitive),
    or, for a word the provider never documented, what the job's own flags say."""
    native = str(job.get('status') or '').lower()
    for word, common in statuses:
        if word.lower() == native:
            return common
    if job.get('failed'):
        return 'failed'
    return 'done' if job.get('done') else 'running'


def allowed_statuses(title, statuses):
    return '%s, or %s\'s own %s (any case)' % (
        ', '.join(COMMON_STATUSES), title, ', '.join(word for word, _common in statuses) or 'none')


def status_filter(value, title, statuses):
    """The status option as (provider word to ask the API for, or None; test of a job), or
    (None, None) when unset. A common status selects every job that maps to it; a provider's own
    word selects the jobs of exactly that word. Anything else fails naming the allowed values."""
    if value is None:
        return None, None
    text = str(value).strip().lower()
    if text in COMMON_STATUSES:
        words = [word for word, common in statuses if common == text]
        # One word: the API can filter on it (UCDN's listing does, "List purge jobs" ?status=).
        return (words[0] if len(words) == 1 else None), (lambda job: common_status(job, statuses) == text)
    for word, _common in statuses:
        if word.lower() == text:
            return word, (lambda job: str(job.get('status') or '').lower() == text)
    raise CdnValidationError('status', 'is not a purge job status %s knows' % title, value=value,
                             allowed=allowed_statuses(title, statuses))


def files_on_zone(files, zone):
    """Whether a job's files (absolute URLs) are on the zone's host names; paths say nothing."""
    hosts = zone_hosts(zone)
    for item in files or []:
        try:
            if split_purge_url(item)[1] in hosts:
                return True
        except ValueError:
            continue
    return False


def job_info(job, statuses, zone=None):
    """A job as cdn_purge_info shows it: the common status with the provider's word beside it,
    ISO 8601 UTC times, the zone where known, then the provider's other facts and raw."""
    view = dict((k, v) for k, v in job.items() if k not in ('targets', 'done'))
    zone_id = job.get('zone_id')
    if zone_id is None and zone is not None:
        # Filtered to this zone: every job listed is of it.
        zone_id = zone.get('id')
    view.update(status=common_status(job, statuses), native_status=job.get('status'), done=bool(job.get('done')),
                created=iso_time(job.get('created')), finished=iso_time(job.get('finished')),
                zone_id=str(zone_id) if zone_id is not None else None)
    return view


def run_purge_info(cdn):
    """cdn_purge_info's body: one job by id, or the provider's recent jobs (of one zone, in one status)."""
    params = cdn.params
    caps = cdn.capabilities
    adapter_class = cdn.adapter_class
    statuses = tuple(adapter_class.purge_statuses)
    if params.get('job_id'):
        caps.require('purge', 'get')
        job = cdn.adapter.get_purge_job(params['job_id'])
        cdn.exit(changed=False, jobs=[job_info(job, statuses)] if job else [])
        return
    caps.require('purge', 'list')
    limit = params.get('limit')
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise CdnValidationError('limit', 'is out of range', value=limit, allowed='1 to %d' % MAX_LIMIT)
    ask, wanted = status_filter(params.get('status'), caps.title, statuses)
    adapter = cdn.adapter
    zone = adapter.require_zone_ref(params['zone'], 'list purge jobs') if params.get('zone') else None
    # A common status the API cannot filter on is tested here: the listing must not stop at limit before.
    jobs = adapter.list_purge_jobs(status=ask, limit=limit if ask or not wanted else None, zone=zone)
    if wanted is not None:
        jobs = [job for job in jobs if wanted(job)]
    if limit:
        jobs = jobs[:limit]
    cdn.exit(changed=False, jobs=[job_info(job, statuses, zone) for job in jobs])
