# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN API v3: answer checks, what the adapter reads of an answer, of the kind documented.

Pure functions (no I/O): each ``*_problem`` names, as a sentence, the first thing in an
answer that is not of the kind the "UCDN API v3" documentation (https://api.ucdn.com/docs/)
gives it, or returns None; the resource classes turn that into a CdnResponseError before
the answer steers any write.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_number


# The JSON kinds field_problem tells apart.
KINDS = dict(object='a JSON object', list='a JSON list', strings='a JSON list of strings', string='a JSON string',
             scalar='a string or a number', names='a list of strings or a comma-separated string')
# "Fetch a zone" (the list has the same fields, "Fetch all zones"). geo_filter and limit_rate
# are never shown non-empty: their inner values are read liberally (names).
ZONE_FIELDS = (('cdn_domain', 'scalar'), ('object_size', 'scalar'), ('is_active', 'scalar'), ('storage_id', 'scalar'),
               ('upstream', 'object'), ('custom_domains', 'strings'), ('referers', 'strings'),
               ('geo_filter', 'object'), ('limit_rate', 'object'), ('error_pages', 'object'),
               ('cache_reuse_from', 'scalar'), ('expiration', 'scalar'), ('hash_secret', 'scalar'),
               ('hash_algorithm', 'scalar'), ('hash_ttl', 'scalar'), ('reconfig_status', 'scalar'),
               ('ssl_type', 'scalar'))
UPSTREAM_FIELDS = (('endpoints', 'list'), ('auth', 'object'), ('type', 'scalar'), ('proto', 'scalar'),
                   ('host_header', 'scalar'))
ENDPOINT_FIELDS = (('host', 'scalar'), ('port', 'scalar'), ('bucket', 'scalar'), ('region', 'scalar'))
GEO_FILTER_FIELDS = (('allow', 'names'), ('deny', 'names'))
LIMIT_RATE_FIELDS = (('global', 'scalar'), ('security', 'scalar'))
# "Single certificate information"; used_in_zones entries as its example shows them.
CERTIFICATE_FIELDS = (('hostname', 'scalar'), ('fingerprint', 'scalar'), ('used_in_zones', 'list'))
CERTIFICATE_USE_FIELDS = (('domain', 'scalar'), ('cdn_domain', 'scalar'))
# "List storages", "Storage FTP": a storage is found by its container (its name).
STORAGE_FIELDS = (('container', 'string'), ('region', 'scalar'), ('ftp_host', 'scalar'), ('ftp_user', 'scalar'),
                  ('ftp_password', 'scalar'), ('synchronized_with_storage', 'scalar'))
# "View purge job", "List purge jobs".
PURGE_JOB_FIELDS = (('files', 'strings'), ('created_at', 'scalar'))
PURGE_STATUSES = ('waiting', 'running', 'finished', 'failed')
# "Fetch account info", "Fetch subaccounts list".
ACCOUNT_FIELDS = (('username', 'scalar'), ('name', 'scalar'), ('email', 'scalar'), ('timezone', 'scalar'),
                  ('trial', 'scalar'), ('parent_id', 'scalar'), ('status', 'scalar'), ('suspended', 'scalar'),
                  ('max_zones', 'scalar'), ('create_ts', 'scalar'))
# "Check user credentials".
LOGIN_FIELDS = (('authenticated', 'scalar'), ('user_id', 'scalar'), ('reason', 'scalar'), ('token', 'scalar'))
# Unix timestamps before year 10000 (iso_from_unix turns them into dates).
MAX_TIMESTAMP = 253402300800


def shown(value):
    return repr(value)[:40]


def is_kind(value, kind):
    if kind == 'object':
        # PHP encodes an empty object as [] ("Fetch all zones" shows error_pages [] where "Fetch a zone"
        # shows {}: docs/providers/ucdn.md).
        return isinstance(value, dict) or value == []
    if kind == 'scalar':
        return not isinstance(value, (dict, list))
    if kind == 'string':
        return isinstance(value, str)
    if kind == 'names':
        return isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
    return isinstance(value, list) and (kind == 'list' or all(isinstance(v, str) for v in value))


def field_problem(item, what, fields):
    """The first field of ``item`` (an object of an answer) that is not of the kind
    the document gives it, as a sentence; None when all are usable. null or absent
    is no problem here: "Fetch a zone" says null means the feature is off."""
    for key, kind in fields:
        value = item.get(key)
        if value is not None and not is_kind(value, kind):
            return '%s has %r as %s where %s is documented' % (what, key, type_name(value), KINDS[kind])
    return None


def items_problem(items, what, fields, key):
    """The first entry of a list in an answer that is not an object with a usable
    ``key`` and ``fields`` of their documented kinds, as a sentence; None when all are."""
    for index, item in enumerate(items or []):
        where = '%s[%d]' % (what, index)
        if not isinstance(item, dict):
            return '%s is %s where a JSON object is documented' % (where, type_name(item))
        if item.get(key) is None or not is_kind(item[key], 'scalar'):
            return '%s has no usable %r (got %s)' % (where, key, type_name(item.get(key)))
        problem = field_problem(item, where, fields)
        if problem:
            return problem
    return None


def zone_problem(raw):
    """What in a zone object (``id`` already checked) the adapter cannot read, or None."""
    what = 'zone %s' % shown(raw['id'])
    problem = field_problem(raw, what, ZONE_FIELDS)
    upstream = raw.get('upstream')
    if problem is None and isinstance(upstream, dict):
        problem = (field_problem(upstream, what + ' upstream', UPSTREAM_FIELDS)
                   or items_problem(upstream.get('endpoints'), what + ' upstream endpoints', ENDPOINT_FIELDS, 'host'))
    if problem is None and isinstance(raw.get('geo_filter'), dict):
        problem = field_problem(raw['geo_filter'], what + ' geo_filter', GEO_FILTER_FIELDS)
    if problem is None and isinstance(raw.get('limit_rate'), dict):
        problem = field_problem(raw['limit_rate'], what + ' limit_rate', LIMIT_RATE_FIELDS)
    if problem is None and isinstance(raw.get('error_pages'), dict):
        # {"404": url}: the document shows error_pages empty only (docs/providers/ucdn.md).
        bad = sorted(k for k, v in raw['error_pages'].items() if not isinstance(v, str))
        if bad:
            problem = '%s has error_pages[%r] as %s where a URL is documented' % (
                what, bad[0], type_name(raw['error_pages'][bad[0]]))
    return problem


def certificate_problem(body):
    """What in a certificate object (``id`` already checked) the adapter cannot read, or None."""
    what = 'certificate %s' % shown(body['id'])
    return (field_problem(body, what, CERTIFICATE_FIELDS)
            or items_problem(body.get('used_in_zones'), what + ' used_in_zones', CERTIFICATE_USE_FIELDS, 'zone_id'))


def storage_problem(body):
    return field_problem(body, 'storage %s' % shown(body['id']), STORAGE_FIELDS)


def size_problem(body):
    """UCDN API v3 "Storage consumed size": bytes and objects, both ints. Deleting a storage
    depends on them (it must be empty), so neither may be missing."""
    for key in ('bytes', 'objects'):
        if not is_number(body.get(key)):
            return '%r is %s where an int is documented' % (key, type_name(body.get(key)))
    return None


def purge_job_problem(body):
    """What in a purge job (``job_id`` already checked) the adapter cannot read, or None.
    A status the document does not list would never count as done."""
    what = 'purge job %s' % shown(body['job_id'])
    problem = field_problem(body, what, PURGE_JOB_FIELDS)
    if problem is None and body.get('status') not in PURGE_STATUSES:
        problem = '%s has the status %s; UCDN API v3 "View purge job" documents %s' % (
            what, shown(body.get('status')), ', '.join(PURGE_STATUSES))
    return problem


def account_problem(body):
    what = 'account %s' % shown(body.get('id'))
    if not is_kind(body.get('id'), 'scalar'):
        return '%s has an id that is %s' % (what, type_name(body.get('id')))
    return field_problem(body, what, ACCOUNT_FIELDS)


def is_number(value):
    """A finite number, or a string holding one (UCDN sends numbers as strings too)."""
    return to_number(value) is not None


def stats_problem(name, body):
    """What makes a report answer unusable (None when it is usable): usage answers
    the numbers "hits" and "bytes_served"; the others "elements", a list of time
    slots [timestamp, value, ...] (UCDN API v3 "Bytes served" .. "Storages"), or for
    countries and status codes an object of such lists by country or code."""
    if name == 'usage':
        for key in ('hits', 'bytes_served'):
            if not is_number(body.get(key)):
                return '%r is %s where an int is documented' % (key, type_name(body.get(key)))
        return None
    elements = body.get('elements')
    if name in ('countries', 'status_codes'):
        # An empty object may arrive as [] (PHP's encoding: docs/providers/ucdn.md).
        if not is_kind(elements, 'object'):
            return "'elements' is %s where a JSON object is documented" % type_name(elements)
        groups = sorted(elements.items()) if isinstance(elements, dict) else []
    elif not isinstance(elements, list):
        return "'elements' is %s where a JSON list is documented" % type_name(elements)
    else:
        groups = [(None, elements)]
    # The values read of a slot: countries [time, hits, bytes]; all others [time, value].
    width = 3 if name == 'countries' else 2
    for label, slots in groups:
        where = "'elements'" if label is None else "'elements'[%r]" % label
        if name == 'status_codes' and not re.match(r'^[0-9]{3}$', label):
            return '%s: %s is not an HTTP status code' % (where, shown(label))
        if not isinstance(slots, list):
            return '%s is %s where a JSON list of time slots is documented' % (where, type_name(slots))
        for slot in slots:
            if not (isinstance(slot, list) and len(slot) >= width and all(is_number(v) for v in slot[:width])
                    and 0 <= float(slot[0]) < MAX_TIMESTAMP):
                return '%s holds the time slot %s where [unix timestamp, number%s] is documented' % (
                    where, shown(slot), ', number' if width == 3 else '')
    return None


def same_id(asked, got):
    """Whether an answer's id is the id asked for (digits compared as numbers: 01 is 1)."""
    asked, got = str(asked).strip(), str(got).strip()
    if asked == got:
        return True
    return bool(re.match(r'^[0-9]+$', asked) and re.match(r'^[0-9]+$', got)) and int(asked) == int(got)
