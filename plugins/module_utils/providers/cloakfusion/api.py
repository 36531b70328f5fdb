# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cloakfusion API v1: the path table, the dialect, pagination and the answer checks the
resources share.

The "Cloakfusion API Reference" (https://my.cloakfusion.com/api/) spells some paths and
verbs two ways; the collection sends the forms the server's own hyperlinks use (``vhosts/``,
``vhostproperties/``, PATCH, a trailing slash always): see "Decisions where the API document
is silent" in docs/providers/cloakfusion.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, api_path, type_name

# Every request path, relative to the base URL (https://my.cloakfusion.com/api/v1/).
PATHS = dict(
    vhosts='vhosts/',                          # "Vhosts / LIST", "Vhosts / POST"
    vhost='vhosts/{}/',                        # "Vhosts / GET"
    vhost_property='vhostproperties/{}/',      # "Vhostproperties / PATCH"
    flushes='flush/',                          # "Flush / LIST" (DRF pages), "Flush / POST"
    flush='flush/{}/',                         # "Flush / GET"
    flushstatuses='flushstatus/',              # "Flushstatus / LIST"
    flushstatus='flushstatus/{}/',             # "Flushstatus / GET"
    traffic='traffic/',                        # "Traffic / LIST"
    vhost_traffic='traffic/{}/',               # "Traffic / GET" (id = vhost id)
)


def path(name, *ids):
    """The request path ``name`` of PATHS, each id one encoded path segment."""
    return api_path(PATHS[name], *ids)


def auth_headers(token):
    """The token in the Authorization header, prefixed by the literal "Token" ("Authentication")."""
    return {'Authorization': 'Token %s' % token}


class CloakfusionDialect(Dialect):
    """Errors: the conventional HTTP codes of "Errors" (400 often a missing parameter, 401 no valid
    API key, 403, 404, 405, 406, 500, 503), with Django REST framework bodies ``{"detail": ...}``
    or, for a 400, ``{"field": ["message"]}`` (the document shows no error body: see
    docs/providers/cloakfusion.md), which the default reading already turns into one line. No
    throttling is documented: 429 and the 5xx codes of the default are retried."""


def optional(client, value, shape, operation, what, status=None):
    """A nested part the answer may leave out (null): checked only when present."""
    if value is None:
        return None
    return client.expect(value, shape, operation, what=what, status=status)


def scalar(client, value, operation, what, status=None):
    """An id the next request uses: a JSON string or number."""
    if value is None or isinstance(value, (bool, dict, list)):
        raise client.answer_error(operation, '%s is %s where an id is documented' % (what, type_name(value)),
                                  status=status)
    return value


def drf_pages(client, name, operation):
    """Each page's results, in order, of a listing that pages the Django REST framework way
    ({count, next, previous, results}; "Flush / LIST"), as (page number, results). A page that
    repeats earlier items, or pages without end, fail (limits.max_pages) instead of looping."""
    guard = client.pages(operation)
    page = 1
    while True:
        body = client.request('GET', path(name), operation, params=dict(page=page), expect='object').body
        results = client.expect(body.get('results'), ('list', ('id',)), operation, what='page %d results' % page)
        guard.page(results, key=lambda item: item['id'])
        yield page, results
        if not body.get('next') or not results:
            return
        page += 1
