# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Keeping secrets out of everything a module returns or logs.

Two mechanisms, both applied by the module base (module.py) and the client:

- ``redact`` masks values under secret-looking keys and leaves PEM text out of
  request logs, ``raw`` objects and diffs (structure-based);
- ``Secrets`` knows every secret of one run — registered once, in every form it
  can take on the wire or in an echo (url-encoded, JSON-escaped, base64 of a
  Basic header, each line of a PEM key and of every re-encoding of the key) —
  and removes them from any text (value-based): provider error messages before
  they are shortened, results, warnings and the -vvv request log.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import json
import re

try:
    from urllib.parse import quote, quote_plus
except ImportError:  # pragma: no cover - Python 2 is not supported by the collection
    from urllib import quote, quote_plus

# Keys whose values never appear in a log line, a diff or an error.
SECRET_KEYS = frozenset([
    'api_token', 'token', 'tkn', 'password', 'ftp_password', 'private_key',
    'privatekey', 'key', 'secret_key', 'signing_key', 'url_signing_key',
    'security_token', 'securitytokensecret', 'securitytokenaeskey', 'securitytokenshakey', 'hash_secret',
    'x-ucdn-token', 'x-lsw-auth',
    'authorization', 'pass', 'form_pass',
])
# The marker Ansible itself uses for no_log values: one marker everywhere.
REDACTED = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER'
PEM_OMITTED = '(PEM omitted)'

# The shortest form worth registering: shorter strings are too common to mask in free text
# (Ansible's own no_log masking still hides the exact value, whatever its length).
MIN_FORM_LENGTH = 4
# A run of base64 text this long that occurs inside a private key is part of the key, whatever
# the line wrapping or escaping around it.
MIN_KEY_RUN = 16
# Line breaks as they appear escaped in JSON, URL-encoded, or both: they separate runs of base64.
_BREAK = r'\\[nrt]|%0[AaDd]|%5[Cc][nrt]'
# base64 characters, also as JSON ("\/") and URL ("%2B", "%2F", "%3D") escapes; an escaped line
# break is matched first so that its letter never starts a run.
_KEY_RUN = re.compile(r'%s|(?:[A-Za-z0-9+/=]|\\/|%%2[BbFf]|%%3[Dd])+' % _BREAK)
_KEY_TAIL = re.compile(r'(%s)((?:\s|%s)+)([A-Za-z0-9+/=]{1,%d})(?![A-Za-z0-9+/=])' % (REDACTED, _BREAK, MIN_KEY_RUN - 1))
_PEM_BLOCK = re.compile(r'-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----', re.S)


def redact(value):
    """A copy of value with every secret-looking key masked, and PEM text
    (certificates, chains, keys under any name) left out: results and logs
    show fingerprints, never PEM."""
    if isinstance(value, str) and '-----BEGIN ' in value:
        return PEM_OMITTED
    if isinstance(value, dict):
        return dict(
            (k, REDACTED if str(k).lower() in SECRET_KEYS and v not in (None, '') else redact(v))
            for k, v in value.items()
        )
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _b64(raw):
    encoded = base64.b64encode(raw).decode('ascii')
    urlsafe = base64.urlsafe_b64encode(raw).decode('ascii')
    return set([encoded, encoded.rstrip('='), urlsafe, urlsafe.rstrip('=')])


def text_forms(secret):
    """Every form a secret string can take in a request or in an echo of one."""
    forms = set([secret])
    quoted_forms = set([quote(secret, safe=''), quote(secret), quote_plus(secret)])
    # A form body (CloudFlare's tkn) echoed URL-encoded once more.
    quoted_forms.update([quote(q, safe='') for q in list(quoted_forms)] + [quote_plus(q) for q in list(quoted_forms)])
    for quoted in quoted_forms:
        forms.add(quoted)
        forms.add(re.sub(r'%[0-9A-F]{2}', lambda m: m.group(0).lower(), quoted))
    for escaped in (json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1]):
        forms.add(escaped)
        forms.add(escaped.replace('/', '\\/'))
    forms.add(repr(secret)[1:-1])
    forms.add(secret.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
              .replace('"', '&quot;').replace("'", '&#x27;'))  # as html.escape writes it
    forms.update(_b64(secret.encode('utf-8')))
    return forms


def _key_bodies(pem):
    """The base64 body (no line breaks) of a PEM key and of every re-encoding of it
    the collection makes (PKCS#1 for UCDN, PKCS#8, DER)."""
    bodies = set()
    for match in _PEM_BLOCK.finditer(pem):
        if 'PRIVATE KEY' in match.group(1):
            bodies.add(re.sub(r'\s', '', match.group(2)))
    try:
        from cryptography.hazmat.primitives import serialization
        key = serialization.load_pem_private_key(pem.encode('ascii'), password=None)
    except Exception:  # pylint: disable=broad-except  # not a key cryptography reads: the text forms stay
        return bodies
    formats = [serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL]
    for fmt in formats:
        try:
            der = key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
        except ValueError:  # some key types have no PKCS#1 form
            continue
        bodies.add(base64.b64encode(der).decode('ascii'))
    return bodies


class Secrets:
    """The secrets of one module run, each in all its forms, and the scrubber that removes them."""

    def __init__(self):
        self._forms = set()
        self._sorted = []
        self._key_bodies = set()

    def __bool__(self):
        return bool(self._forms or self._key_bodies)

    __nonzero__ = __bool__

    def add(self, secret):
        """Register a secret string (token, password, signing key...) or a PEM private key."""
        if secret is None:
            return
        if not isinstance(secret, str):
            secret = str(secret)
        if not secret:
            return
        if '-----BEGIN ' in secret and 'PRIVATE KEY' in secret:
            self._add_key(secret)
        new = set(f for f in text_forms(secret) if len(f) >= MIN_FORM_LENGTH)
        if secret and len(secret) < MIN_FORM_LENGTH:
            new.add(secret)
        self._register(new)

    def add_basic(self, user, secret):
        """The Authorization header of HTTP Basic: base64 of ``user:secret``."""
        if user is None or not secret:
            return
        self._register(_b64(('%s:%s' % (user, secret)).encode('utf-8')))

    def _add_key(self, pem):
        bodies = _key_bodies(pem)
        self._key_bodies.update(bodies)
        lines = set()
        for body in bodies:
            for width in (64, 76):
                lines.update(body[i:i + width] for i in range(0, len(body), width))
        self._register(set(line for line in lines if len(line) >= MIN_KEY_RUN))

    def _register(self, forms):
        if not forms - self._forms:
            return
        self._forms.update(forms)
        self._sorted = sorted(self._forms, key=len, reverse=True)

    @property
    def forms(self):
        """Every registered form, longest first (for Ansible's no_log_values)."""
        return list(self._sorted)

    def scrub(self, text):
        """text with every form of every secret replaced by the no_log marker."""
        if not isinstance(text, str) or not text or not self:
            return text
        for form in self._sorted:
            if form in text:
                text = text.replace(form, REDACTED)
        if self._key_bodies:
            text = _KEY_RUN.sub(self._key_run, text)
            text = _KEY_TAIL.sub(self._key_tail, text)
        return text

    def _in_key(self, run):
        return any(run in body for body in self._key_bodies)

    def _key_run(self, match):
        run = match.group(0)
        if len(run) < MIN_KEY_RUN:  # escaped line breaks are shorter too
            return run
        plain = run.replace('\\/', '/')
        plain = re.sub(r'%2[Bb]', '+', plain)
        plain = re.sub(r'%2[Ff]', '/', plain)
        plain = re.sub(r'%3[Dd]', '=', plain)
        return REDACTED if self._in_key(plain) else run

    def _key_tail(self, match):
        # The last line of a re-wrapped key can be shorter than MIN_KEY_RUN: it follows a masked line.
        if self._in_key(match.group(3)):
            return match.group(1) + match.group(2) + REDACTED
        return match.group(0)

    def scrub_value(self, value):
        """A copy of a result (dicts, lists, strings) with every secret form removed."""
        if not self:
            return value
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, dict):
            # Keys are names the code chose (or an API's field names), not values: left as they are.
            return dict((k, self.scrub_value(v)) for k, v in value.items())
        if isinstance(value, (list, tuple)):
            return [self.scrub_value(v) for v in value]
        return value
