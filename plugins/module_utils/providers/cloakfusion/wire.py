# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion: pure translation between the API's shapes and the modules' option shapes.

No I/O: the canonical_* readers, the payload builders, the traffic dates and units.
Shapes are those of the "Cloakfusion API Reference" (https://my.cloakfusion.com/api/);
where it is silent, docs/providers/cloakfusion.md ("Decisions where the API document is
silent") says what the collection does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import (
    DEFAULT_PORTS,
    iso_utc,
    normalize_hostname,
    normalize_url,
    split_url,
    to_bool,
    to_bytes,
    to_int,
)

# --- vhosts and their property ---------------------------------------------

# vhostproperty fields ("Vhostproperties / PATCH", Query Parameters) and the canonical options they carry.
PROPERTY_FIELDS = (('compress', 'gzip'), ('tls', 'ssl'), ('origin_host_header', 'host_header'))
# vhostproperty fields that are cdn_zone settings of the same name.
PROPERTY_SETTINGS = ('ttl', 'override_hostheader')
# The cdn_origin options that are parts of origin_url.
ORIGIN_URL_PARTS = ('endpoints', 'protocol', 'path')


def default_vhost_name(hostname):
    """The vhost's nice name when settings.name is not given ("Vhosts / POST" requires one):
    the host name with dashes for dots (docs/providers/cloakfusion.md)."""
    return hostname.replace('.', '-')


def vhost_payload(desired):
    """The "Vhosts / POST" body for a desired zone (hostname and origin set)."""
    settings = desired.get('settings') or {}
    return dict(domain_name=desired['hostname'], origin_url=desired['origin'],
                name=settings.get('name') or default_vhost_name(desired['hostname']))


def canonical_vhost(vhost):
    """The canonical zone of a vhost ("Vhosts / GET"); its first property carries the CNAME and the
    gzip, ssl, host_header, ttl and override_hostheader fields (none until the CNAME exists)."""
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


def property_patch(wanted, current):
    """The partial "Vhostproperties / PATCH" body that turns ``current`` (a canonical zone) into
    ``wanted`` (desired options or changes): only the fields set and different."""
    patch = {}
    for option, field in PROPERTY_FIELDS:
        if wanted.get(option) is not None and wanted[option] != current.get(option):
            patch[field] = wanted[option]
    settings = wanted.get('settings') or {}
    for key in PROPERTY_SETTINGS:
        if settings.get(key) is not None and settings[key] != (current.get('settings') or {}).get(key):
            patch[key] = settings[key]
    return patch


# --- the vhost's origin (cdn_origin) ---------------------------------------

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


def origin_url_changes(changes):
    """The cdn_origin options in ``changes`` that are parts of the (fixed) origin_url."""
    return [k for k in ORIGIN_URL_PARTS if k in changes]


# --- flushes ---------------------------------------------------------------

def trailing_id(value):
    """The id at the end of a DRF hyperlink (https://.../flushstatus/2/ -> '2'), or the value itself."""
    text = str(value if value is not None else '').rstrip('/')
    return text.rsplit('/', 1)[-1] if text else None


def flush_jobs(body, statuses, count):
    """The purge jobs of a "Flush / POST" answer: one per flushstatus id in its ``flushes``; none to
    follow means accepted and done (docs/providers/cloakfusion.md)."""
    jobs = [dict(id=str(status_id), flush_id=to_int(body.get('id')), status='submitted',
                 done=False, failed=None, urls=count, raw=body)
            for status_id in statuses]
    if not jobs:
        jobs.append(dict(id=None, flush_id=to_int(body.get('id')), status='submitted', done=True,
                         failed=None, urls=count, raw=body))
    return jobs


def canonical_flushstatus(body, urls=None):
    """A purge job from a flushstatus ("Flushstatus / GET"): done when result.ready (or the state is
    finished or failed), failed naming the CDNs that failed."""
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


# --- traffic ---------------------------------------------------------------

# "Traffic / GET", Query Parameters: start_date and end_date as dd-mm-yyyy.
TRAFFIC_DATE_FORMAT = '%d-%m-%Y'
# Units of traffic "quantity" (the "Traffic / LIST" example: "gb"); decimal, as CDN traffic is
# billed (docs/providers/cloakfusion.md). An unknown unit leaves bytes unset and the figure in raw.
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
    """The one series point of a traffic entry (one usage figure per vhost and period), stamped with
    the period's start."""
    vhost = entry.get('vhost') or {}
    return dict(timestamp=iso_utc(start), zone=str(vhost.get('id')) if vhost.get('id') is not None else None,
                hostname=vhost.get('domain_name'), bytes=traffic_bytes(entry))
