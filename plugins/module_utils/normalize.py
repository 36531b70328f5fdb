# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Normalisers shared by the cores and the provider adapters: host names, URLs and ports,
booleans and numbers, country codes, and UTC times in ISO 8601. Pure functions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import datetime
import encodings.idna
import math
import re

# --- host names ----------------------------------------------------------

# Labels of letters, digits and inner hyphens, 253 characters at most; an underscore is accepted
# in any label but the last (service labels such as _dmarc or _sip._tcp), "*." in front of a wildcard.
HOSTNAME_RE = re.compile(r'^(?=.{1,253}$)(\*\.)?([a-z0-9_]([a-z0-9-_]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$')


# The label separators IDNA 2003 reads as dots (RFC 3490 3.1): full stop, ideographic full stop,
# fullwidth full stop, halfwidth ideographic full stop.
IDNA_DOTS_RE = re.compile(u'[.\u3002\uff0e\uff61]')


def hostname_to_ascii(text):
    """The one form host names are compared and sent in: every label that is not ASCII converted to
    its IDNA A-label (``bücher`` is ``xn--bcher-kva``), ASCII labels lower-cased as they are. Python's
    built-in ``idna`` codec (IDNA 2003, RFC 3490) converts, so no dependency is needed; it maps a few
    characters as IDNA 2003 does (ß becomes ss, where IDNA 2008 keeps it). Raises ValueError naming
    the label that has no A-label."""
    if all(ord(c) < 128 for c in text):
        return text.lower()
    labels = []
    for label in IDNA_DOTS_RE.split(text):
        if all(ord(c) < 128 for c in label):
            labels.append(label.lower())
            continue
        try:
            labels.append(encodings.idna.ToASCII(label).decode('ascii').lower())
        except UnicodeError as exc:
            raise ValueError('has the label %r, which is not a valid internationalised (IDNA) label: %s' % (label, exc))
    return '.'.join(labels)


def normalize_hostname(value):
    """Lower-case, no trailing dot, Unicode labels as IDNA A-labels (hostname_to_ascii). A name that
    cannot be converted comes back lower-cased, for is_hostname to refuse (hostname_problem says why)."""
    if value is None:
        return None
    text = str(value).strip()
    try:
        text = hostname_to_ascii(text)
    except ValueError:
        text = text.lower()
    return text.rstrip('.')


def hostname_problem(value):
    """Why ``value`` cannot be converted to A-labels (hostname_to_ascii), or None."""
    try:
        hostname_to_ascii(str(value).strip())
    except ValueError as exc:
        return str(exc)
    return None


def is_hostname(name, wildcard=False, min_labels=1):
    """Whether ``name`` (normalised) is a host name: ``wildcard`` accepts a leading "*.", and
    ``min_labels`` asks for that many labels at least after it (2: a domain, not a single label)."""
    match = HOSTNAME_RE.match(name or '')
    if match is None or (match.group(1) and not wildcard):
        return False
    return name.count('.') + 1 - (1 if match.group(1) else 0) >= min_labels


# --- URLs ----------------------------------------------------------------

DEFAULT_PORTS = {'http': 80, 'https': 443}
# The longest URL the modules send (browsers' limit; Leaseweb documents it for purge and debug URLs).
MAX_URL_LENGTH = 2083


def normalize_url(value):
    """Canonical origin URL: lower-case scheme and host, no default port, no bare trailing slash."""
    if value is None:
        return None
    value = str(value).strip()
    if '://' not in value:
        return value
    scheme, rest = value.split('://', 1)
    if '/' in rest:
        host, path = rest.split('/', 1)
        path = '/' + path
    else:
        host, path = rest, ''
    if path == '/':
        path = ''
    scheme = scheme.lower()
    host = _ascii_authority(host)
    default = ':%s' % DEFAULT_PORTS.get(scheme)
    if host.endswith(default):
        host = host[:-len(default)]
    return '%s://%s%s' % (scheme, host, path)


def split_url(value):
    """(scheme, host, port or None, path) of an origin URL; raises ValueError."""
    if not value or '://' not in value:
        raise ValueError('must be an absolute URL such as https://origin.example.com')
    scheme, rest = value.split('://', 1)
    scheme = scheme.lower()
    if scheme not in ('http', 'https'):
        raise ValueError('must use http or https, not %s' % scheme)
    hostport, _sep, path = rest.partition('/')
    host, _sep, port = hostport.partition(':')
    if not host:
        raise ValueError('has no host')
    if ' ' in host:
        raise ValueError('has white space in its host')
    port_number = None
    if port:
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError('has an invalid port %r' % port)
        port_number = int(port)
    return scheme, _ascii_authority(host), port_number, '/' + path if path else ''


def _ascii_authority(hostport):
    """host[:port] of a URL, lower-case, its host name in A-labels (hostname_to_ascii) where it can be."""
    if all(ord(c) < 128 for c in hostport):
        return hostport.lower()
    host, sep, port = hostport.partition(':')
    try:
        host = hostname_to_ascii(host)
    except ValueError:
        host = host.lower()
    return host + sep + port


def fill_default_ports(desired, current):
    """Origin endpoints without a port mean the protocol's default port (the one the desired,
    else the current, protocol implies), as adapters report it."""
    if not desired.get('endpoints'):
        return desired
    protocol = desired.get('protocol') or (current or {}).get('protocol') or 'http'
    filled = copy.deepcopy(desired)
    for endpoint in filled['endpoints']:
        if endpoint.get('port') is None:
            endpoint['port'] = DEFAULT_PORTS.get(protocol)
    return filled


# --- booleans and numbers --------------------------------------------------

def to_bool(value):
    """Providers send booleans as bools, 0/1, '0'/'1', 'true'/'false'."""
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return value != 0
    return str(value).strip().lower() in ('1', 'true', 'yes', 'on')


def to_int(value):
    """An int from an int or its text; None when missing, the value itself when it is no integer
    (so that a check can name what it got)."""
    if value is None or value == '':
        return None
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def to_number(value):
    """A count or an amount from an answer (APIs send numbers and numeric strings): an int when it is
    whole, else a float; None when missing or not a finite number. Callers that count a missing
    number as 0 say so (``to_number(v) or 0``)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value)  # exact where a float would round
        except ValueError:
            pass
    return int(number) if number.is_integer() else number


def to_bytes(amount, unit):
    """Whole bytes of an ``amount`` (a number or numeric text) counted in units of ``unit`` bytes
    (1024 for KiB, 10 ** 9 for GB); None when it is not a number, or too large to count."""
    number = to_number(amount)
    total = float(number) * unit if number is not None else None
    return int(round(total)) if total is not None and math.isfinite(total) else None


# --- country codes ---------------------------------------------------------

COUNTRY_CODE_RE = re.compile(r'^[A-Za-z]{2}$')


def country_code(value):
    """The ISO 3166-1 alpha-2 code ``value`` holds, upper-case; None when it holds none."""
    text = str(value if value is not None else '').strip()
    return text.upper() if COUNTRY_CODE_RE.match(text) else None


# --- UTC times -------------------------------------------------------------

UTC = datetime.timezone.utc
ISO_UTC_FORMAT = '%Y-%m-%dT%H:%M:%SZ'
EPOCH = datetime.datetime(1970, 1, 1)


def utc_now():
    return datetime.datetime.now(UTC).replace(microsecond=0)


def utc_naive(moment):
    """A naive UTC datetime from an aware one (a naive one is taken as UTC already)."""
    if moment.tzinfo is not None:
        moment = (moment - moment.utcoffset()).replace(tzinfo=None)
    return moment


def iso_utc(moment):
    """'YYYY-MM-DDTHH:MM:SSZ' for an aware (or naive UTC) datetime; fractions of a second are dropped."""
    return utc_naive(moment).strftime(ISO_UTC_FORMAT)


def iso_from_unix(value):
    """'YYYY-MM-DDTHH:MM:SSZ' of a Unix time (seconds, a number or numeric text; fractions dropped);
    None when it is none or lies beyond the years 1 to 9999."""
    seconds = to_number(value)
    if seconds is None:
        return None
    try:
        return iso_utc(EPOCH + datetime.timedelta(seconds=math.floor(seconds)))
    except (OverflowError, ValueError):
        return None


def utc_offset(zone):
    """The offset from UTC a time's zone suffix names ('Z', 'UTC', '+01:00', '-0530'; None: UTC)."""
    if not zone or zone in ('Z', 'UTC'):
        return datetime.timedelta(0)
    digits = zone[1:].replace(':', '')
    offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return -offset if zone[0] == '-' else offset
