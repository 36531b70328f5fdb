# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_purge's provider-agnostic core.

Input checks, deduplication, batching, a small thread pool, rate pacing and
waiting on jobs live here; the adapters only know how to send one batch
(``purge_batch``) and how to read one job back (``purge_job``).

What a provider implements is interfaces/purge.py (PurgeAPI).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnError,
    CdnValidationError,
    CdnWaitTimeout,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import MAX_URL_LENGTH, normalize_hostname
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import Plan
from ansible_collections.edgeops.cdn.plugins.module_utils.pool import check_concurrency, run_bounded
from ansible_collections.edgeops.cdn.plugins.module_utils.rate import MemoryStore, Window
from ansible_collections.edgeops.cdn.plugins.module_utils.recovery import send_recovering
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Waiter

MAX_CONCURRENCY = 16
WILDCARD = '*'
# An absolute URL after its scheme: the authority, then path, query and fragment.
AUTHORITY_RE = re.compile(r'^([^/?#]*)(.*)$', re.S)
# How often a batch whose answer was lost is sent at most (as ensure does for resources).
SEND_ATTEMPTS = 3
# Recent jobs read back to find a batch whose answer was lost.
RECOVERY_JOBS = 100
# Seconds a provider's job timestamp (whole seconds, another clock) may lag behind ours.
CLOCK_SLACK = 2


class PurgeTarget:
    """One URL to purge: the canonical absolute URL and its path (with query)."""

    def __init__(self, url, host, path):
        self.url = url
        self.host = host
        self.path = path

    def wire(self, form):
        return self.path if form == 'path' else self.url


# --- input ------------------------------------------------------------------------

def split_purge_url(value):
    """(scheme, host, path-with-query) of an absolute purge URL; raises ValueError."""
    text = str(value).strip() if value is not None else ''
    if not text:
        raise ValueError('is empty')
    if any(c.isspace() for c in text):
        raise ValueError('contains white space')
    if len(text) > MAX_URL_LENGTH:
        raise ValueError('is longer than %d characters' % MAX_URL_LENGTH)
    if '://' not in text:
        raise ValueError('is not an absolute http:// or https:// URL')
    scheme, rest = text.split('://', 1)
    scheme = scheme.lower()
    if scheme not in ('http', 'https'):
        raise ValueError('uses the scheme %s; only http and https can be purged' % scheme)
    match = AUTHORITY_RE.match(rest)
    hostport, path = match.group(1), match.group(2).split('#', 1)[0]
    if not path.startswith('/'):
        path = '/' + path
    host = hostport.rpartition('@')[2]
    if host.startswith('['):
        raise ValueError('has an IP literal host, not a zone host name')
    host = host.partition(':')[0]
    port = hostport.rpartition('@')[2].partition(':')[2]
    if port and not port.isdigit():
        raise ValueError('has an invalid port %r' % port)
    host = normalize_hostname(host)
    if not host:
        raise ValueError('has no host')
    return scheme, host, path


def check_path(value):
    text = str(value).strip() if value is not None else ''
    if not text:
        raise ValueError('is empty')
    if any(c.isspace() for c in text):
        raise ValueError('contains white space')
    if '://' in text:
        raise ValueError('is a URL; give it in urls, or give only the path here')
    if not text.startswith('/'):
        text = '/' + text
    return text.split('#', 1)[0]


def collect_inputs(urls, paths, wildcards=False):
    """Parse and deduplicate urls and paths; no request is sent.

    Returns (items, invalid): items are (scheme or None, host or None, path)
    in first-seen order, paths with host None; invalid are 'value: reason'.
    """
    def path_only(value):
        return (None, None, check_path(value))

    items = []
    seen = set()
    invalid = []
    entries = [(value, split_purge_url) for value in urls or []] + [(value, path_only) for value in paths or []]
    for value, parse in entries:
        try:
            key = parse(value)
        except ValueError as exc:
            invalid.append('%r %s' % (value, exc))
            continue
        if WILDCARD in key[2] and not wildcards:
            invalid.append('%r has a wildcard, which this provider does not support' % value)
            continue
        if key not in seen:
            seen.add(key)
            items.append(key)
    return items, invalid


def zone_hosts(zone):
    """Every host name a zone answers for: hostname, aliases and the CDN domain."""
    hosts = []
    for name in [zone.get('hostname')] + list(zone.get('aliases') or []) + [zone.get('cdn_domain')]:
        name = normalize_hostname(name)
        if name and name not in hosts:
            hosts.append(name)
    return hosts


def serves_host(hosts, host, subdomains=False):
    """True when ``host`` is one of ``hosts`` (or, for DNS zones, below one of them)."""
    return host in hosts or (subdomains and any(host.endswith('.' + name) for name in hosts))


def resolve_targets(items, zone, provider_title, scheme=None, subdomains=False):
    """PurgeTargets on the zone: paths become URLs on its hostname; foreign hosts are refused.

    ``scheme`` is one scheme or a tuple of them (each path then becomes one URL per scheme).
    """
    hosts = zone_hosts(zone)
    primary = zone.get('hostname') or zone.get('cdn_domain')
    if scheme is None:
        scheme = 'https' if zone.get('tls') else 'http'
    schemes = tuple(scheme) if isinstance(scheme, (list, tuple)) else (scheme,)
    foreign = []
    targets = []
    seen = set()
    for item_scheme, host, path in items:
        if host is None:
            if not primary:
                raise CdnValidationError('paths', 'cannot be turned into URLs: the %s zone %s has no host name'
                                         % (provider_title, zone.get('id')), allowed='urls')
            candidates = [(each, primary) for each in schemes]
        elif not serves_host(hosts, host, subdomains):
            foreign.append('%s://%s%s' % (item_scheme, host, path))
            continue
        else:
            candidates = [(item_scheme, host)]
        for item_scheme, host in candidates:
            url = '%s://%s%s' % (item_scheme, host, path)
            if url not in seen:
                seen.add(url)
                targets.append(PurgeTarget(url, host, path))
    if foreign:
        allowed = ', '.join(hosts) + (' and the names below it' if subdomains else '')
        raise CdnValidationError(
            'urls', 'names hosts that zone %s (%s) does not serve: %s'
            % (zone.get('id'), zone.get('hostname') or zone.get('cdn_domain'), ', '.join(sorted(foreign))),
            allowed='URLs on %s' % allowed)
    return targets


def wire_items(targets, form):
    """The provider's form of each target, deduplicated (http and https of one path are one path).

    Returns a list of (wire item, [targets]).
    """
    order = []
    grouped = {}
    for target in targets:
        item = target.wire(form)
        if item not in grouped:
            grouped[item] = []
            order.append(item)
        grouped[item].append(target)
    return [(item, grouped[item]) for item in order]


def make_batches(items, size):
    """Split a list into consecutive chunks of at most size."""
    size = max(1, int(size))
    return [items[i:i + size] for i in range(0, len(items), size)]


# --- pacing ---------------------------------------------------------------------------

def RateWindow(count, seconds, clock=time.time, sleep=time.sleep):  # pylint: disable=invalid-name
    """At most ``count`` requests in any ``seconds`` in this run alone: the documented purge limit when the
    shared rate budget is off (rate_limit.calls 0); with it, the account's purge window is shared (rate.py)."""
    return Window(MemoryStore(), count, seconds, clock=clock, sleep=sleep)


# --- sending and waiting ------------------------------------------------------------

def run_pool(tasks, concurrency):
    """Run callables with at most ``concurrency`` at once; return their results in order.

    A task's exception is returned in place of its result.
    """
    return [error if error is not None else result for result, error in run_bounded(tasks, concurrency)]


def _item_path(item):
    """The path (with query) of a wire item or of a file a provider lists: URLs and paths compare alike."""
    text = str(item).strip()
    try:
        return split_purge_url(text)[2] if '://' in text else check_path(text)
    except ValueError:
        return text


def same_items(job, items):
    """True when a job read back holds exactly the wire items of a batch."""
    files = job.get('files')
    if not isinstance(files, list) or not items:
        return False
    return set(_item_path(f) for f in files) == set(_item_path(i) for i in items)


def job_view(job):
    return dict(id=job.get('id'), kind=job.get('kind'), status=job.get('status'), urls=job.get('urls'),
                batch=job.get('batch'), failed=job.get('failed'))


class Purger:
    """One cdn_purge run on one adapter."""

    def __init__(self, adapter, params, check_mode=False, clock=time.time, sleep=time.sleep):
        self.adapter = adapter
        self.caps = adapter.capabilities
        self.params = params
        self.check_mode = check_mode
        self.clock = clock
        self.sleep = sleep
        limits = self.caps.limits
        self.batch_size = limits.purge_batch
        self.form = limits.purge_form
        rate = limits.purge_rate
        budget = getattr(getattr(adapter, 'client', None), 'rate', None)
        if not rate:
            self.rate = None
        elif budget is not None:
            # The account's purge window, shared with every task of this controller (at this run's share).
            self.rate = budget.window('purge', rate)
        else:
            self.rate = RateWindow(rate[0], rate[1], clock=clock, sleep=sleep)

    # the plan

    def plan(self, wired):
        """[(kind, [wire items])] in sending order, and the Plan shown to the user."""
        work = []
        if self.params.get('purge_all'):
            work.append(('purge_all', None))
        if wired:
            for chunk in make_batches(wired, self.batch_size):
                work.append(('purge', chunk))
        if wired and self.params.get('prefetch'):
            for chunk in make_batches(wired, self.batch_size):
                work.append(('prefetch', chunk))
        plan = Plan()
        for index, (kind, chunk) in enumerate(work):
            plan.add(kind, 'purge', index + 1, dict(urls=len(chunk) if chunk else 'all'))
        return work, plan

    def send(self, zone, work, concurrency):
        """Send the batches (purges first, then prefetches); return (jobs, errors by batch)."""
        jobs = []
        failed = []

        def task(number, kind, chunk):
            def call():
                slot = self.rate.take('purge') if self.rate is not None and kind != 'prefetch' else None
                try:
                    items = [item for item, targets in chunk] if chunk else None
                    return self.send_batch(zone, items, kind)
                finally:
                    if slot is not None:
                        self.rate.done(slot)
            return call

        for phase in ('purge_all', 'purge', 'prefetch'):
            numbered = [(n + 1, kind, chunk) for n, (kind, chunk) in enumerate(work) if kind == phase]
            if not numbered:
                continue
            results = run_pool([task(n, k, c) for n, k, c in numbered], concurrency)
            for (number, kind, chunk), result in zip(numbered, results):
                if isinstance(result, CdnError):
                    failed.append((number, kind, chunk, result))
                    continue
                for job in result:
                    job.setdefault('kind', kind)
                    job['batch'] = number
                    job['targets'] = [t for item, targets in (chunk or []) for t in targets]
                    jobs.append(job)
        return jobs, failed

    def send_batch(self, zone, items, kind):
        """Send one batch; when its answer is lost (5xx, dropped connection), read the jobs back
        instead of sending again, as ensure does for resources.

        A job holding exactly these items and created since the send is ours (or an identical
        purge still to run, which serves as well). None found after a 5xx or a dropped
        connection: nothing was applied and the batch is sent again (at most SEND_ATTEMPTS
        times). A timed-out batch may still land, so it is never sent again: the jobs are re-read
        for up to the request timeout, then the error stands. Providers whose jobs cannot be
        matched to a batch (no job list, or no files in it) keep the error.
        """
        if kind == 'purge_all' or not self._can_read_back():
            return self.adapter.purge_batch(zone, items, kind)
        sent_at = [self.clock()]

        def send():
            sent_at[0] = self.clock()
            return self.adapter.purge_batch(zone, items, kind)

        def find():
            found = self._find_jobs(items, sent_at[0])
            if found is None:
                # send_recovering answers a failed read with the send's own error.
                raise CdnError('the purge jobs listed do not say which files they hold')
            return found or None

        resend_paced = self.rate.acquire if self.rate is not None and kind != 'prefetch' else None
        return send_recovering(send, find, attempts=SEND_ATTEMPTS, sleep=self.sleep, clock=self.clock,
                               before_resend=resend_paced)

    def _can_read_back(self):
        return 'list' in self.caps.resource('purge').operations

    def _find_jobs(self, items, since):
        """The newest job holding exactly ``items``: one still waiting or running, else one
        finished or failed since ``since``. Returns [job], [] (none) or None when the jobs
        listed do not say which files they hold (the batch cannot be recognised)."""
        # UCDN lists waiting, running and failed jobs unless asked for finished ones (UCDN API v3,
        # "List purge jobs"), so a job that finished at once needs the second read.
        for status in (None, 'finished'):
            for job in self.adapter.list_purge_jobs(status=status, limit=RECOVERY_JOBS):
                if not isinstance(job.get('files'), list):
                    return None
                if not same_items(job, items):
                    continue
                created = job.get('created')
                if not job.get('done') or (isinstance(created, (int, float)) and created >= since - CLOCK_SLACK):
                    return [dict(job, urls=len(items))]
        return []

    def wait(self, jobs, timeout):
        pending = [j for j in jobs if not j.get('done')]
        if not pending:
            return jobs
        latest = dict((id(j), j) for j in jobs)

        def fetch():
            for job in jobs:
                current = latest[id(job)]
                if current.get('done'):
                    continue
                fresh = self.adapter.purge_job(current)
                for key in ('kind', 'batch', 'targets'):
                    fresh[key] = current.get(key)
                latest[id(job)] = fresh
            return [latest[id(j)] for j in jobs]

        waiter = Waiter('%s purge jobs' % self.caps.title, fetch=fetch,
                        ready=lambda current: all(j.get('done') for j in current),
                        timeout=timeout, sleep=self.sleep, clock=self.clock)
        try:
            return waiter.wait()
        except CdnWaitTimeout:
            still = [j for j in latest.values() if not j.get('done')]
            raise CdnWaitTimeout(
                'timed out after %ss waiting for %d %s purge job(s) still pending: %s'
                % (timeout, len(still), self.caps.title,
                   ', '.join('%s (%s, %d URLs)' % (j.get('id'), j.get('status'), j.get('urls') or 0) for j in still)),
                provider=self.caps.name, operation='wait for purge jobs',
                details=dict(pending=[job_view(j) for j in still]))


def validate_params(caps, params):
    """Everything that can be refused before any request: returns the parsed items."""
    caps.require('purge', 'purge')
    if params.get('purge_all'):
        caps.require('purge', 'purge_all')
        if params.get('urls') or params.get('paths'):
            raise CdnValidationError('purge_all', 'cannot be combined with urls or paths',
                                     allowed='purge_all alone, or urls/paths')
    if params.get('prefetch'):
        caps.require('purge', 'prefetch')
    check_concurrency(params.get('concurrency'), MAX_CONCURRENCY)
    if params.get('wait_timeout') is not None and params['wait_timeout'] < 0:
        raise CdnValidationError('wait_timeout', 'must not be negative', value=params['wait_timeout'])
    items, invalid = collect_inputs(params.get('urls'), params.get('paths'),
                                    wildcards=caps.limits.purge_wildcards)
    if invalid:
        raise CdnValidationError('urls/paths', 'has entries %s cannot purge: %s' % (caps.title, '; '.join(invalid)))
    return items


def purge(cdn, clock=time.time, sleep=time.sleep):
    """The whole cdn_purge run; returns the result dict (raises CdnError on failure)."""
    started = clock()
    params = cdn.params
    caps = cdn.capabilities
    items = validate_params(caps, params)
    if not items and not params.get('purge_all'):
        cdn.commit_plan([])
        return dict(changed=False, jobs=[], purged=0, failed_urls=[], batches=0,
                    duration=round(clock() - started, 3), msg='nothing to purge')
    adapter = cdn.adapter
    zone = adapter.require_zone_ref(params['zone'], 'purge')
    schemes = adapter.purge_schemes(zone)
    targets = resolve_targets(items, zone, caps.title, scheme=schemes,
                              subdomains=caps.limits.purge_subdomains)
    purger = Purger(adapter, params, check_mode=cdn.check_mode, clock=clock, sleep=sleep)
    wired = wire_items(targets, purger.form)
    work, plan = purger.plan(wired)
    zone_view = dict(id=zone.get('id'), hostname=zone.get('hostname'), cdn_domain=zone.get('cdn_domain'))
    cdn.commit_plan(plan.as_list())
    result = dict(changed=True, zone=zone_view, batches=len(work), url_count=len(targets))
    if cdn.check_mode:
        result.update(jobs=[], purged=0, failed_urls=[], duration=round(clock() - started, 3))
        return result
    jobs, errors = purger.send(zone, work, check_concurrency(params.get('concurrency'), MAX_CONCURRENCY))
    sent_jobs = list(jobs)
    failed_urls = []
    for number, kind, chunk, error in errors:
        for item, batch_targets in chunk or [(None, [])]:
            for target in batch_targets or [None]:
                failed_urls.append(dict(url=target.url if target else 'all', batch=number, kind=kind,
                                        reason=str(error)))
    timeout_error = None
    if params.get('wait', True) and jobs:
        try:
            jobs = purger.wait(jobs, params.get('wait_timeout') or 0)
        except CdnWaitTimeout as exc:
            timeout_error = exc
    purged = 0
    for job in jobs:
        targets_of_job = job.get('targets') or []
        if job.get('failed'):
            for target in targets_of_job:
                failed_urls.append(dict(url=target.url, batch=job.get('batch'), kind=job.get('kind'),
                                        job=job.get('id'), reason=job['failed']))
        elif job.get('kind') != 'prefetch' and (job.get('done') or not params.get('wait', True)):
            purged += len(targets_of_job) if targets_of_job else 0
    result.update(changed=bool(sent_jobs), jobs=[job_view(j) for j in jobs], purged=purged,
                  failed_urls=failed_urls, duration=round(clock() - started, 3))
    if timeout_error is not None:
        result['msg'] = str(timeout_error)
        result['failed'] = True
    elif failed_urls:
        reasons = sorted(set(f['reason'] for f in failed_urls))
        result['msg'] = '%d of %d URLs were not purged: %s' % (
            len(set(f['url'] for f in failed_urls)), len(targets) or 1, '; '.join(reasons))
        result['failed'] = True
    return result


def run_purge(cdn):
    """cdn_purge's body: exit with the result, or fail with it when URLs were not purged."""
    if cdn.params.get('state') == 'absent':
        return run_purge_job_delete(cdn)
    result = purge(cdn)
    if result.pop('failed', False):
        cdn.fail_result(**result)
    cdn.exit(**result)


def info_view(job):
    """A job as cdn_purge state=absent shows it (the provider's own object under raw); cdn_purge_info's
    view is purge_view.job_info."""
    view = dict((k, v) for k, v in job.items() if k not in ('targets', 'done'))
    view['done'] = bool(job.get('done'))
    return view


def run_purge_job_delete(cdn):
    """cdn_purge with state=absent: delete purge jobs by id where the API allows it (UCDN)."""
    caps = cdn.capabilities
    caps.require('purge', 'delete')
    plan = Plan()
    found = []
    for job_id in cdn.params['job_ids']:
        job = cdn.adapter.get_purge_job(job_id)
        if job is not None:
            plan.add('delete', 'purge job', job_id)
            found.append(job)
    cdn.commit_plan(plan.as_list())
    if not cdn.check_mode:
        for job in found:
            cdn.adapter.delete_purge_job(job)
    cdn.exit(changed=bool(found), jobs=[cdn.shown(info_view(j)) for j in found], purged=0, failed_urls=[], batches=0)
