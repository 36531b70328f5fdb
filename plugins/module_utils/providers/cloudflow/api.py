# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudFlow (OnApp CDN) API: the path table, the dialect, authentication and the answer
checks the resources share.

CloudFlow's "API Guide" (OnApp's generic API Guide) gives authentication ("API
Authentication": HTTP Basic, the account e-mail and the API key), the verbs ("HTTP Methods")
and the status codes ("HTTP response codes"). Paths end in ``.json``; request bodies and
single objects are wrapped in their root key (``{"cdn_resource": {...}}``, the OnApp PHP
wrapper github.com/OnApp/OnApp-PHP-Wrapper-External, Helper/Caster/JSON.php) and a listing is
a JSON list of wrapped objects. No OnApp CDN listing pages: each list comes whole, so there is
no pagination here (limits.max_response_mb bounds each answer).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import (
    Dialect,
    api_path,
    flatten_message,
    html_text,
    path_segment,
    type_name,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.wire import is_scalar, resource_problem

# Every request path, relative to the control panel's base URL (api_url). Pages of the OnApp CDN API
# documentation (https://docs.onapp.com) or files of the OnApp PHP wrapper (OnApp-PHP-Wrapper-External).
PATHS = dict(
    resources='cdn_resources.json',                                  # "Get List of CDN Resources", "Add HTTP CDN Resource"
    resource='cdn_resources/{}.json',                                # "Get CDN Resource Basic Details", "Edit ...", DELETE
    advanced='cdn_resources/{}/advanced.json',                       # PHP wrapper CDNResource/Advanced.php
    instructions='cdn_resources/{}/instructions.json',               # PHP wrapper CDNResource/Instructions.php
    caching_rules='cdn_resources/{}/http_caching_rules.json',        # PHP wrapper CDNResource/HTTPCachingRules.php
    caching_rule='cdn_resources/{}/http_caching_rules/{}.json',      # (the same)
    purge='cdn_resources/{}/purge.json',                             # PHP wrapper CDNResource.php purge()
    purge_all='cdn_resources/{}/purge_all.json',                     # PHP wrapper CDNResource.php (purge all route)
    prefetch='cdn_resources/{}/prefetch.json',                       # PHP wrapper CDNResource.php prefetch()
    edge_groups='cdn_resources/available_edge_groups.json',          # PHP wrapper CDNResource/AvailableEdgeGroup.php
    edge_ips='cdn_resources/edge_ips.json',                          # PHP wrapper CDNResource/EdgeIps.php (OnApp 6.0+)
    bandwidth='cdn_resources/bandwidth.json',                        # "View CDN Resource Bandwidth Statistics"
    usage='cdn_usage_statistics.json',                               # "CDN Usage Statistics API"
    certificates='cdn_ssl_certificates.json',                        # "CDN SSL Certificates API", PHP wrapper CDNSSL.php
    certificate='cdn_ssl_certificates/{}.json',                      # (the same)
    profile='profile.json',                                          # PHP wrapper Profile.php (route users#profile)
)

# Success codes of writes: "HTTP response codes" of the API Guide names 201 (scheduled) and 204 (PUT and
# DELETE); older OnApp answers 200 with {} (docs/providers/cloudflow.md): every one of them is accepted.
CREATED = (200, 201)
WRITTEN = (200, 201, 204)
DELETED = (200, 202, 204)
PURGED = (200, 201, 202, 204)


def path(name, *ids):
    """The request path ``name`` of PATHS, each id one encoded path segment."""
    return api_path(PATHS[name], *ids)


def auth_options(token, user):
    """HTTP Basic with the account e-mail and the API key ("API Authentication"), JSON bodies."""
    return dict(basic_auth=(user, token), headers={'Content-Type': 'application/json'})


class CloudflowDialect(Dialect):
    """OnApp error shapes: {"errors": [...]}, {"errors": {field: [...]}}, {"error": "..."}, HTML 500s
    (docs/providers/cloudflow.md). No throttling is documented: 429 and the 5xx codes of the default
    are retried; the purge rate limit is paced by the purge core (Limits.purge_rate)."""

    def error_message(self, status, body, text):
        if isinstance(body, dict):
            if body.get('errors'):
                return errors_text(body['errors'])
            if body.get('error'):
                return errors_text(body['error'])
        if isinstance(body, list) and body:
            return errors_text(body)
        if text and '<' in text:
            return html_text(text)
        return super(CloudflowDialect, self).error_message(status, body, text)


def errors_text(errors):
    """One line from the OnApp error shapes; a field hash reads like Rails' full messages."""
    if isinstance(errors, dict):
        parts = []
        for field, messages in sorted(errors.items()):
            if not isinstance(messages, (list, tuple)):
                messages = [messages]
            parts.extend('%s %s' % (field, flatten_message(m)) for m in messages)
        return '; '.join(parts)
    return flatten_message(errors)


class Answers:
    """Every answer is untrusted input, checked against the documented shape before use. Mixed into
    the Adapter, which gives ``client`` (the run's ApiClient)."""

    client = None

    def _object(self, value, root, operation, what='the answer', keys=('id',), status=None):
        """The object OnApp wraps in its root key ({root: {...}}), carrying ``keys``."""
        self.client.expect(value, 'object', operation, what=what, status=status)
        item = value.get(root)
        if not isinstance(item, dict):
            raise self.client.answer_error(operation, '%s has no %r object (got %s); OnApp wraps each object in '
                                                      'its root key' % (what, root, type_name(item)), status=status)
        if keys:
            self.client.expect(item, ('object', keys), operation, what='%s.%s' % (what, root), status=status)
        if 'id' in keys:
            self._usable_id(item['id'], operation, '%s.%s.id' % (what, root), status)
        return item

    def _items(self, response, root, operation, keys=('id',)):
        """The objects of a listing: a JSON list of wrapped objects ([{root: {...}}, ...])."""
        self.client.expect(response.body, 'list', operation, status=response.status)
        return [self._object(item, root, operation, 'the answer[%d]' % index, keys, response.status)
                for index, item in enumerate(response.body)]

    def _usable_id(self, value, operation, what, status=None):
        """An id the next request can name in its path; an API never issues another."""
        try:
            if isinstance(value, bool) or not is_scalar(value):
                raise CdnResponseError('a boolean, object or list is no id')
            path_segment(value)
        except CdnResponseError:
            raise self.client.answer_error(operation, '%s is %s, not an id a request can name'
                                           % (what, repr(value)[:40]), status=status)
        return value

    def _resource(self, value, operation, status, what='the answer', keys=('id', 'cdn_hostname')):
        """A CDN resource object ({"cdn_resource": {...}}) whose fields the adapter can read."""
        item = self._object(value, 'cdn_resource', operation, what, keys, status)
        problem = resource_problem(item)
        if problem:
            raise self.client.answer_error(operation, '%s.cdn_resource.%s' % (what, problem), status=status)
        return item

    def _created(self, response, root, operation):
        """The object a create answered ({root: {...}}), or None when it answered none (older OnApp:
        200 {}); the caller then finds the new object by name. Any other answer may follow a create
        that happened: the error says so (maybe_applied), so the core looks it up instead of re-sending."""
        if response.body is None or response.body == {}:
            return None
        try:
            item = self._object(response.body, root, operation, keys=(), status=response.status)
            if item.get('id') is not None:
                self._usable_id(item['id'], operation, 'the answer.%s.id' % root, response.status)
        except CdnResponseError as error:
            error.maybe_applied = True
            raise
        return item
