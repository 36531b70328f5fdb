# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlare client API: the action table, the Dialect, the one request helper and the one
pagination generator the resources share.

Section numbers are those of the "CloudFlare Client Interface API" document
(https://www.cloudflare.com/docs/client-api.html).

- Every call is one form-encoded POST to ``api_json.html`` (2 "Client Operations") carrying
  ``a`` (the action), ``tkn`` and ``email`` (2.1 "Basic Parameters"; the last two added by
  ApiClient's form_auth), made by ``Api.call`` and nowhere else.
- Success or failure is decided on the body's ``result`` field, not on the HTTP status:
  errors arrive as HTTP 200 ``{"result": "error", "msg": ..., "err_code": ...}`` (2.2 "Error
  Conditions"). ``E_UNAUTH`` is an authentication error; ``E_MAXAPI`` (1.2: "rate-limited to
  1200 every 5 minutes") is throttling, retried by the client with backoff.
- Ids, ``ttl`` and ``service_mode`` are strings; other numbers may come as strings or
  numbers, so every reader is liberal.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnApiError, CdnAuthError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_bool

DEFAULT_URL = 'https://www.cloudflare.com/api_json.html'

# 1.2 "General Issues Checklist": "All calls are rate-limited to 1200 every 5 minutes".
CALLS_PER_WINDOW = 1200
RATE_WINDOW_SECONDS = 300

# 3.3 rec_load_all: "By default, this call will list the first 180 records for a zone".
PAGE_SIZE = 180

# The action table (this API's one path takes the action in ``a``): every action the adapter sends,
# the section of the document defining it, and whether sending it twice has the effect of once.
# Reads, "set to a value" actions and single-file purges are safe to resend; rec_new would create
# a second record, fpurge_ts empties the whole cache (4.4: "used sparingly") and zone_grab works
# once a day (4.6), so a resend would be refused.
ACTIONS = {
    'stats': ('3.1', True),
    'zone_load_multi': ('3.2', True),
    'rec_load_all': ('3.3', True),
    'zone_check': ('3.4', True),
    'zone_ips': ('3.5', True),
    'ip_lkup': ('3.6', True),
    'zone_settings': ('3.7', True),
    'sec_lvl': ('4.1', True),
    'cache_lvl': ('4.2', True),
    'devmode': ('4.3', True),
    'fpurge_ts': ('4.4', False),
    'zone_file_purge': ('4.5', True),
    'zone_grab': ('4.6', False),
    'wl': ('4.7', True),
    'ban': ('4.7', True),
    'nul': ('4.7', True),
    'ipv46': ('4.8', True),
    'async': ('4.9', True),
    'minify': ('4.10', True),
    'mirage2': ('4.11', True),
    'rec_new': ('5.1', False),
    'rec_edit': ('5.2', True),
    'rec_delete': ('5.3', True),
}
IDEMPOTENT_ACTIONS = frozenset(action for action, (_section, safe) in ACTIONS.items() if safe)
# The actions of sections 3 ("Retrieve") only read; those of 4 ("Modify") and 5 (DNS records) write.
READ_ACTIONS = frozenset(action for action, (section, _safe) in ACTIONS.items() if section.startswith('3.'))

# The setting actions whose answer carries the updated zone (``response.zone.obj`` in the samples
# of 4.1, 4.2, 4.3 and 4.8); the others (4.9, 4.10, 4.11) answer only success.
ZONE_ANSWER_ACTIONS = ('sec_lvl', 'cache_lvl', 'devmode', 'ipv46')


def format_error(message, code):
    if code:
        return '%s (%s)' % (message, code)
    return str(message)


class CloudflareDialect(Dialect):
    """Errors travel in a 200 body (2.2); E_MAXAPI means slow down and try again."""

    def error_message(self, status, body, text):
        if isinstance(body, dict) and body.get('msg'):
            return format_error(body.get('msg'), body.get('err_code'))
        return super(CloudflareDialect, self).error_message(status, body, text)

    def body_error(self, body):
        if not isinstance(body, dict):
            return ('the answer is not a JSON object', None, CdnApiError)
        result = body.get('result')
        if result == 'success':
            return None
        if result == 'error':
            code = body.get('err_code') or None
            cls = CdnAuthError if code == 'E_UNAUTH' else CdnApiError
            return (format_error(body.get('msg') or 'unknown error', code), code, cls)
        return ('the answer has no result field (got %r)' % (result,), None, CdnApiError)

    def is_throttled(self, status, body):
        if status == 429:
            return True
        return isinstance(body, dict) and body.get('result') == 'error' and body.get('err_code') == 'E_MAXAPI'

    def request_name(self, method, path, form):
        # Every call goes to api_json.html: the action (field ``a``, 2 "Client Operations") names it.
        name = super(CloudflareDialect, self).request_name(method, path, form)
        return '%s (a=%s)' % (name, form['a']) if form.get('a') else name


class Api:
    """Requests and answer checks for the resource classes. Mixed into the Adapter, which gives
    ``client`` (the run's ApiClient) and ``run`` (RunOptions)."""

    client = None
    run = None

    @property
    def endpoint(self):
        # api_url is the full URL of api_json.html; ApiClient adds a trailing slash to base URLs.
        return self.client.base_url.rstrip('/')

    def call(self, action, operation=None, **fields):
        """POST one action of ACTIONS; return the success body (errors raise from the Dialect)."""
        _section, idempotent = ACTIONS[action]
        data = dict(a=action)
        data.update((k, v) for k, v in fields.items() if v is not None)
        response = self.client.request('POST', self.endpoint, operation or action, data=data, ok=(200,),
                                       idempotent=idempotent, write=action not in READ_ACTIONS)
        # The dialect let only {"result": "success", ...} objects through.
        return response.body

    # answers: the envelope is checked by the dialect, its ``response`` here

    def _response(self, body, operation, *keys, **options):
        """``response.<keys>`` of a success body, of the documented ``shape`` ('object' or 'list').

        With ``optional`` a missing part is None; a part of another type is always an error
        (a wrong shape never means "nothing there")."""
        shape = options.get('shape', 'object')
        value = body.get('response') if isinstance(body, dict) else None
        where = 'response'
        for key in keys + (None,):
            if value is None and options.get('optional'):
                return None
            wanted = shape if key is None else 'object'
            if not isinstance(value, dict if wanted == 'object' else list):
                raise self.client.answer_error(operation, '%s is %s where a JSON %s is documented'
                                               % (where, type_name(value), wanted), status=200)
            if key is not None:
                value = value.get(key)
                where += '.' + key
        return value

    def _object(self, value, operation, where, optional=True):
        """A nested part that must be a JSON object (None when optional and absent)."""
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self.client.answer_error(operation, '%s is %s where a JSON object is documented'
                                           % (where, type_name(value)), status=200)
        return value

    def _scalars(self, obj, operation, where, required=(), optional=()):
        """Fields read as text or numbers: present (required) and never an object or a list."""
        for key in required + optional:
            value = obj.get(key)
            if (value is None and key in required) or isinstance(value, (dict, list)):
                raise self.client.answer_error(operation, '%s has no usable %r (got %s)'
                                               % (where, key, type_name(value)), status=200)
        return obj

    def pages(self, action, key, ident, operation, **fields):
        """The one pagination generator of this API: yields each page's objects (``response.<key>.objs``,
        each with its id field ``ident``), offset ``o`` until ``has_more`` is false.

        3.3 rec_load_all answers the first 180 records and takes ``o=N`` "if the has_more parameter
        in the JSON response is true"; the offset advances by the number of objects actually
        returned (docs/providers/cloudflare.md, decisions). A page that repeats earlier objects,
        or more than limits.max_pages pages, fail instead of looping.
        """
        guard = self.client.pages(operation)
        offset = 0
        while True:
            page_operation = '%s (offset %d)' % (operation, offset)
            body = self.call(action, page_operation, o=str(offset) if offset else None, **fields)
            page = self._response(body, page_operation, key)
            objs = self.client.expect(page.get('objs'), ('list', (ident,)), page_operation,
                                      what='response.%s.objs' % key, status=200)
            guard.page(objs, key=lambda obj: obj[ident])
            yield objs
            if not to_bool(page.get('has_more')) or not objs:
                return
            offset += len(objs)
