# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion (Warpcache) API v1 adapter.

Source of truth: seeds/cloakfusion.md; path drift settled in
reference/provider-apis.md section A and 5.2 (``vhosts/``, ``vhostproperties/``,
PATCH with a partial JSON body, trailing slashes always).

cdn_origin (origin_scope 'zone'): the vhost's ``origin_url`` ("Contains
protocol, domain name (fqdn), port (optional) and the full path", seed "Vhosts /
POST") as one endpoint {host, port}, protocol and path, plus the vhost property
``host_header`` (the same mapping as cdn_zone's origin_host_header). The API
has no vhost update, so origin_url is fixed when cdn_zone creates the vhost: a
different endpoint, protocol or path is refused before any write; host_header
is PATCHed on the vhost property. ``override_hostheader`` stays a cdn_zone
setting.

cdn_certificate: the API has no certificate upload; TLS is the vhost property
``ssl`` (cdn_zone ``tls``), so the resource is declared without operations and
its note says what to use.

cdn_stats_info: ``traffic/`` (account, one entry per vhost) and
``traffic/{id}/`` (one vhost) with start_date / end_date as dd-mm-yyyy (seed
"Traffic"); both days are included. The API gives one usage figure per vhost
and period with a ``quantity`` unit, no time series: the series has one point
per vhost, stamped with the period's start.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.edgeops.cdn.plugins.module_utils.client import api_path, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.compare import compare
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnResponseError,
    CdnUnsupportedError,
    CdnValidationError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
    fill_default_ports,
    iso_utc,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_bytes,
    to_int,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.base import (
    Capabilities,
    Limits,
    ProviderAdapter,
    ResourceCaps,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.waiter import Waiter

CERTIFICATE_NOTE = 'Cloakfusion has no certificate upload; use cdn_zone tls: true (the vhost ssl property)'
# The cdn_origin options that are parts of origin_url.
ORIGIN_URL_PARTS = ('endpoints', 'protocol', 'path')
# What the vhost has no API to change once created (seed: vhosts offer LIST, GET and POST only).
FIXED_VHOST_MESSAGE = ('Cloakfusion cannot change %s of an existing vhost: its API offers no vhost update '
                       '(only vhost properties gzip, ssl, ttl, host_header, override_hostheader)')

CAPABILITIES = Capabilities(
    name='cloakfusion',
    title='Cloakfusion',
    default_url='https://my.cloakfusion.com/api/v1/',
    token_env=('CLOAKFUSION_API_TOKEN',),
    resources={
        'zone': ResourceCaps(
            operations=('list', 'get', 'create', 'update'),
            fields=('hostname', 'origin', 'origin_host_header', 'tls', 'compress', 'settings'),
            settings={
                # vhostproperty "ttl": lifetime of the CNAME's DNS record, not a cache TTL.
                'ttl': dict(type='int', min=0, max=86400),
                'override_hostheader': dict(type='bool'),
                # The vhost's "nice name"; also the CNAME label (<name>.cdn.warpcache.com).
                'name': dict(type='str'),
            },
            notes='the API documents no vhost delete and no vhost update; '
                  'vhost properties (gzip, ssl, ttl, host header) can change',
        ),
        'origin': ResourceCaps(
            operations=('get', 'update'),
            fields=('endpoints', 'protocol', 'path', 'host_header'),
            notes='the vhost origin_url (one endpoint, protocol, path), set when cdn_zone creates the vhost and '
                  'fixed after (the API has no vhost update), and the vhost property host_header',
        ),
        'certificate': ResourceCaps(
            operations=(),
            notes=CERTIFICATE_NOTE,
        ),
        'purge': ResourceCaps(
            operations=('purge', 'list', 'get'),
            notes='flush/ with absolute URLs on the vhost domain or CNAME, one flushstatus per vhost; '
                  'no purge-all and no wildcards',
        ),
        'stats': ResourceCaps(
            operations=('get',),
            fields=('zone',),
            notes='traffic/ usage per vhost for whole days (dd-mm-yyyy), no time series and no hit counts',
        ),
    },
    limits=Limits(
        origin_scope='zone',
        origin_endpoints=1,
        origin_endpoint_ports=True,
        # The seed documents no limit on "urls": a conservative 100 URLs per flush request.
        purge_batch=100,
        purge_form='url',
    ),
)

# vhostproperty fields and the canonical options they carry.
PROPERTY_FIELDS = (('compress', 'gzip'), ('tls', 'ssl'), ('origin_host_header', 'host_header'))
PROPERTY_SETTINGS = ('ttl', 'override_hostheader')


TRAFFIC_DATE_FORMAT = '%d-%m-%Y'
# Units of traffic "quantity" (seed sample: "gb"); decimal, as CDN traffic is billed.
# An unknown unit leaves bytes unset and the figure in raw.
TRAFFIC_UNITS = {'b': 1, 'kb': 10 ** 3, 'mb': 10 ** 6, 'gb': 10 ** 9, 'tb': 10 ** 12}


def traffic_dates(start, end):
    """start_date and end_date (dd-mm-yyyy, both days included) for a period [start, end).

    An end at midnight is the end of the day before: 2026-10-01 .. 2026-11-01
    is 01-10-2026 .. 31-10-2026.
    """
    last = end - datetime.timedelta(seconds=1)
    if last < start:
        last = start
    return dict(start_date=start.strftime(TRAFFIC_DATE_FORMAT), end_date=last.strftime(TRAFFIC_DATE_FORMAT))


def traffic_bytes(entry):
    """Bytes from a traffic entry's usage and quantity, or None when the unit is unknown."""
    unit = TRAFFIC_UNITS.get(str(entry.get('quantity') or '').strip().lower())
    return to_bytes(entry.get('usage'), unit) if unit else None


def traffic_point(entry, start):
    vhost = entry.get('vhost') or {}
    return dict(timestamp=iso_utc(start), zone=str(vhost.get('id')) if vhost.get('id') is not None else None,
                hostname=vhost.get('domain_name'), bytes=traffic_bytes(entry))


def trailing_id(value):
    """The id at the end of a DRF hyperlink (https://.../flushstatus/2/ -> '2'), or the value itself."""
    text = str(value if value is not None else '').rstrip('/')
    return text.rsplit('/', 1)[-1] if text else None


def canonical_flushstatus(body, urls=None):
    """A purge job from a flushstatus: done when result.ready, failed naming the CDNs that failed."""
    result = body.get('result') or {}
    pairs = [p for p in result.get('results') or [] if isinstance(p, (list, tuple)) and len(p) > 1]
    state = body.get('state')
    failed = None
    if state == 'failed':
        failing = [str(p[0]) for p in pairs if str(p[1]).lower() != 'flushed']
        failed = 'Cloakfusion flush %s failed on %s: %s' % (
            trailing_id(body.get('id')), ', '.join(failing) or 'one or more CDNs',
            body.get('error') or 'failed')
    return dict(
        id=trailing_id(body.get('id')),
        flush_id=to_int(body.get('flushrequest')),
        status=state,
        done=bool(to_bool(result.get('ready'))) or state in ('finished', 'failed'),
        failed=failed,
        urls=urls,
        cdns=dict((str(p[0]), p[1]) for p in pairs),
        vhost_id=trailing_id(body.get('vhost')),
        created=body.get('created'),
        raw=body,
    )


def default_vhost_name(hostname):
    return hostname.replace('.', '-')


def canonical_vhost(vhost):
    props = (vhost.get('properties') or [None])[0] or {}
    zone = dict(
        id=str(vhost['id']),
        hostname=normalize_hostname(vhost.get('domain_name')),
        origin=normalize_url(vhost.get('origin_url')),
        cdn_domain=props.get('cname') or None,
        status=vhost.get('state'),
        settings=dict(name=vhost.get('name')),
        property_id=props.get('id'),
        raw=vhost,
    )
    if props:
        zone['compress'] = to_bool(props.get('gzip'))
        zone['tls'] = to_bool(props.get('ssl'))
        zone['origin_host_header'] = props.get('host_header') or None
        zone['settings']['ttl'] = to_int(props.get('ttl'))
        zone['settings']['override_hostheader'] = to_bool(props.get('override_hostheader'))
    return zone


def canonical_origin(zone):
    """The cdn_origin view of a canonical zone: origin_url split up, and the host header property."""
    endpoints, protocol, path = [], None, None
    if zone.get('origin'):
        try:
            protocol, host, port, path = split_url(zone['origin'])
        except ValueError:
            host = None
        if host:
            endpoints = [dict(host=host, port=port or DEFAULT_PORTS.get(protocol))]
    return dict(
        id=zone['id'],
        name=zone.get('hostname'),
        zone=zone['id'],
        kind='origin',
        endpoints=endpoints,
        protocol=protocol,
        path=path or '/',
        host_header=zone.get('origin_host_header'),
        property_id=zone.get('property_id'),
        raw=dict(origin_url=(zone.get('raw') or {}).get('origin_url'), host_header=zone.get('origin_host_header')),
    )


def fixed_vhost_error(fields, provider, extra=''):
    return CdnUnsupportedError(FIXED_VHOST_MESSAGE % ', '.join(fields) + extra, provider=provider,
                               operation='update vhost')


class Adapter(ProviderAdapter):
    capabilities = CAPABILITIES

    @classmethod
    def auth_options(cls, token, user):
        return dict(headers={'Authorization': 'Token %s' % token})

    def get_stats(self, query):
        params = traffic_dates(query['start'], query['end'])
        if query.get('zone'):
            operation = 'get vhost traffic'
            body = self.client.request('GET', api_path('traffic/{}/', query['zone']['id']), operation,
                                       params=params, expect='object').body
            entries = [('the answer', body)]
        else:
            operation = 'list traffic'
            body = self.client.request('GET', 'traffic/', operation, params=params, expect='list').body
            entries = [('the answer[%d]' % i, e) for i, e in enumerate(body)]
        for what, entry in entries:
            self.client.expect(entry, 'object', operation, what=what)
            self._optional(entry.get('vhost'), 'object', operation, '%s vhost' % what)
        return dict(series=[traffic_point(e, query['start']) for _what, e in entries], totals=None, raw=body)

    def list_zones(self):
        body = self.client.request('GET', 'vhosts/', 'list vhosts', expect='list').body
        return [self._vhost(v, 'list vhosts', 'the answer[%d]' % i) for i, v in enumerate(body)]

    def get_zone(self, zone_id):
        response = self.client.request('GET', api_path('vhosts/{}/', zone_id), 'get vhost', allow_not_found=True)
        return self._vhost(response.body, 'get vhost') if response is not None else None

    def zone_ready(self, zone):
        return zone.get('status') == 'active' and bool(zone.get('cdn_domain'))

    def create_zone(self, desired):
        settings = desired.get('settings') or {}
        if not desired.get('origin'):
            raise CdnValidationError('origin', 'is required to create a Cloakfusion vhost',
                                     allowed='an http:// or https:// URL')
        payload = dict(domain_name=desired['hostname'], origin_url=desired['origin'],
                       name=settings.get('name') or default_vhost_name(desired['hostname']))
        response = self.client.request('POST', 'vhosts/', 'create vhost', json=payload, ok=(200, 201))
        try:
            zone = self._vhost(response.body, 'create vhost', status=response.status)
        except CdnResponseError as error:
            # The vhost was created, but its answer names none: re-read it, never send again.
            error.maybe_applied = True
            raise
        patch = self._property_patch(desired, zone)
        if patch:
            zone = self._patch_properties(zone, patch)
        return zone

    def update_zone(self, current, changes, desired):
        fixed = [k for k in ('hostname', 'origin') if k in changes]
        if 'name' in (changes.get('settings') or {}):
            fixed.append('settings.name')
        if fixed:
            raise fixed_vhost_error(fixed, self.name)
        patch = self._property_patch(changes, current)
        if not patch:
            return current
        return self._patch_properties(current, patch)

    def predict_zone(self, desired):
        zone = super(Adapter, self).predict_zone(desired)
        zone['settings'] = dict(zone.get('settings') or {})
        zone['settings'].setdefault('name', default_vhost_name(desired['hostname']))
        return zone

    # origin: the vhost's origin_url (fixed) and host_header property

    def find_origin(self, desired):
        current = canonical_origin(self.require_zone_ref(desired['zone'], 'find zone', prerequisite=True))
        # Refused here, at the read, so check mode fails like the real run instead of planning it.
        wanted = fill_default_ports(dict((k, desired.get(k)) for k in ORIGIN_URL_PARTS), current)
        self._refuse_origin_url(compare(wanted, current), current)
        return current

    def update_origin(self, current, changes, desired):
        self._refuse_origin_url(changes, current)
        # The zone mapping: host_header is the zone's origin_host_header.
        patch = self._property_patch({'origin_host_header': changes.get('host_header')},
                                     {'origin_host_header': current.get('host_header')})
        if not patch:
            return current
        return canonical_origin(self._patch_properties(current, patch))

    def _refuse_origin_url(self, changes, current):
        fixed = [k for k in ORIGIN_URL_PARTS if k in changes]
        if fixed:
            raise fixed_vhost_error(['the origin_url (%s)' % ', '.join(fixed)], self.name,
                                    extra='; its origin_url is %s, set when the vhost was created'
                                    % (current.get('raw') or {}).get('origin_url'))

    # purge (flush/ and flushstatus/)

    def purge_batch(self, zone, items, kind):
        operation = 'flush URLs'
        response = self.client.request('POST', 'flush/', operation, json=dict(urls=list(items)), ok=(200, 201))
        body = response.body
        try:
            self.client.expect(body, 'object', operation, status=response.status)
            statuses = self.client.expect(body.get('flushes'), 'list', operation, what='its flushes',
                                          status=response.status)
            for status_id in statuses:
                # Each one is a flushstatus id, put into the next request's path.
                self._scalar(status_id, operation, 'an entry of its flushes', status=response.status)
        except CdnResponseError as error:
            # The flush was accepted: the purge core reads the jobs back instead of flushing again.
            error.maybe_applied = True
            raise
        jobs = []
        for status_id in statuses:
            jobs.append(dict(id=str(status_id), flush_id=to_int(body.get('id')), status='submitted',
                             done=False, failed=None, urls=len(items), raw=body))
        if not jobs:
            # No flushstatus to follow: the request was accepted, nothing more is known.
            jobs.append(dict(id=None, flush_id=to_int(body.get('id')), status='submitted', done=True,
                             failed=None, urls=len(items), raw=body))
        return jobs

    def purge_job(self, job):
        response = self.client.request('GET', api_path('flushstatus/{}/', job['id']), 'get flush status',
                                       allow_not_found=True, expect='object')
        if response is None:
            return dict(job, status='not found', done=True, failed='Cloakfusion flushstatus %s not found' % job['id'])
        return self._flushstatus(response.body, 'get flush status', job.get('urls'))

    def list_purge_jobs(self, status=None, limit=None):
        operation = 'list flush statuses'
        body = self.client.request('GET', 'flushstatus/', operation, expect='list').body
        jobs = [self._flushstatus(b, operation, what='the answer[%d]' % i) for i, b in enumerate(body)]
        if status:
            jobs = [j for j in jobs if j['status'] == status]
        jobs = jobs[:limit] if limit else jobs
        if jobs:
            # The URLs live on the flush request (seed "Flush / LIST", DRF pages),
            # the state on its flushstatuses: join them.
            files = self._flush_request_urls()
            for job in jobs:
                job['files'] = files.get(job.get('flush_id'))
        return jobs

    def get_purge_job(self, job_id):
        response = self.client.request('GET', api_path('flushstatus/{}/', job_id), 'get flush status',
                                       allow_not_found=True, expect='object')
        if response is None:
            return None
        job = self._flushstatus(response.body, 'get flush status')
        if job.get('flush_id') is not None:
            operation = 'get flush request'
            request = self.client.request('GET', api_path('flush/{}/', job['flush_id']), operation,
                                          allow_not_found=True, expect='object')
            if request is not None:
                job['files'] = self._flush_urls(request.body, operation, 'the flush request')
        return job

    def _flush_request_urls(self):
        """{flush request id: [urls]} over every page of flush/ (DRF pages {count, next, previous, results})."""
        operation = 'list flush requests'
        guard = self.client.pages(operation)
        found = {}
        page = 1
        while True:
            body = self.client.request('GET', 'flush/', operation, params=dict(page=page), expect='object').body
            results = self.client.expect(body.get('results'), ('list', ('id',)), operation,
                                         what='page %d results' % page)
            # A page that repeats earlier flushes, or pages without end, fail instead of looping.
            guard.page(results, key=lambda flush: flush['id'])
            for index, flush in enumerate(results):
                found[to_int(flush['id'])] = self._flush_urls(flush, operation, 'page %d result %d' % (page, index))
            if not body.get('next') or not results:
                return found
            page += 1

    # answers: checked against the seed's shapes before anything is read from them

    def _optional(self, value, shape, operation, what, status=None):
        """A nested part the answer may leave out (null): checked only when present."""
        if value is None:
            return None
        return self.client.expect(value, shape, operation, what=what, status=status)

    def _scalar(self, value, operation, what, status=None):
        """An id the next request uses: a JSON string or number."""
        if value is None or isinstance(value, (bool, dict, list)):
            raise self.client.answer_error(operation, '%s is %s where an id is documented' % (what, type_name(value)),
                                           status=status)
        return value

    def _vhost(self, vhost, operation, what='the vhost', status=None):
        """canonical_vhost of a vhost object with an id and properties that are objects with ids."""
        self.client.expect(vhost, ('object', ('id',)), operation, what=what, status=status)
        # A property's id goes into the vhostproperties/{id}/ path of every property update.
        props = self._optional(vhost.get('properties'), ('list', ('id',)), operation, '%s properties' % what,
                               status=status)
        cname = props[0].get('cname') if props else None
        if cname is not None and not isinstance(cname, str):
            # The CNAME is what DNS records get pointed at (the distribution role).
            raise self.client.answer_error(operation, '%s properties[0] cname is %s where a host name is documented'
                                           % (what, type_name(cname)), status=status)
        return canonical_vhost(vhost)

    def _flushstatus(self, body, operation, urls=None, what='the flushstatus'):
        """canonical_flushstatus of a checked flushstatus (result.results: [provider, state] pairs)."""
        self.client.expect(body, 'object', operation, what=what)
        result = self._optional(body.get('result'), 'object', operation, '%s result' % what) or {}
        pairs = self._optional(result.get('results'), 'list', operation, '%s result.results' % what) or []
        for pair in pairs:
            if not isinstance(pair, list) or len(pair) < 2:
                raise self.client.answer_error(operation, '%s result.results holds %s where [provider, state] '
                                               'pairs are documented' % (what, type_name(pair)))
        if body.get('flushrequest') is not None:
            # The flush request id goes into the flush/{id}/ path.
            self._scalar(body['flushrequest'], operation, '%s flushrequest' % what)
        return canonical_flushstatus(body, urls)

    def _flush_urls(self, flush, operation, what):
        """The urls of a flush request (a list)."""
        return list(self._optional(flush.get('urls'), 'list', operation, '%s urls' % what) or [])

    # internals

    @staticmethod
    def _property_patch(wanted, current):
        patch = {}
        for option, field in PROPERTY_FIELDS:
            if wanted.get(option) is not None and wanted[option] != current.get(option):
                patch[field] = wanted[option]
        settings = wanted.get('settings') or {}
        for key in PROPERTY_SETTINGS:
            if settings.get(key) is not None and settings[key] != (current.get('settings') or {}).get(key):
                patch[key] = settings[key]
        return patch

    def _patch_properties(self, zone, patch):
        if not zone.get('property_id'):
            # A new vhost has no properties until its CNAME exists (up to 30 s, seed "POST").
            zone = Waiter('Cloakfusion vhost %s to get its properties (CNAME)' % zone['id'],
                          fetch=lambda: self.get_zone(zone['id']),
                          ready=lambda z: z is not None and bool(z.get('property_id')),
                          timeout=self.params.get('wait_timeout') or 600).wait()
        self.client.request('PATCH', api_path('vhostproperties/{}/', zone['property_id']),
                            'update vhost properties', json=patch, ok=(200,))
        return self.get_zone(zone['id'])
