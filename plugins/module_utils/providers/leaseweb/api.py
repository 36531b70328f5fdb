# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2: the path table, the dialect, the answer checks and the one pagination generator.

Every answer is untrusted input (client.py): a listing page, an object read or the answer
to a create is checked against the shapes the Leaseweb CDN API v2 document
(https://developer.leaseweb.com/api-docs/cdn_v2.html) shows before anything is read from it
(LeasewebAPI.paginate, _checked, FIELDS), and every id put into a path is one encoded
segment (path). A read that cannot be understood is an error, never "nothing there", so it
never leads to a write; only a 404 means "not there".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, api_path, flatten_message, type_name
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnResponseError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_int
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import (
    CNAME_KEY,
    POLICY_SETTINGS,
    decode_envelope,
)

PROVIDER = 'leaseweb'

# The one path table (base https://api.leaseweb.com/cdn/v2), from Leaseweb's "Developer API"
# listing (OpenAPI 3.0.3, section "CDN"); the CDN v2 document itself shows the path parameters
# only (docs/providers/leaseweb.md, "Request paths"). Placeholders are filled by path(), each id
# one percent-encoded path segment.
PATHS = {
    'origins': 'origins',
    'origin': 'origins/{origin_id}',
    # "Validate If Origin Can Be Resolved": in the listing, not in the CDN v2 document; its answer
    # shape is not listed (common.LeasewebShared.origin_resolution reads it liberally)
    'origin_resolve': 'origins/{origin_id}/resolve',
    'origin_groups': 'originGroups',
    'origin_group': 'originGroups/{origin_group_id}',
    'origin_group_members': 'originGroups/{origin_group_id}/members',
    'origin_group_member': 'originGroups/{origin_group_id}/members/{origin_group_member_id}',
    'debug': 'debug',
    # "Do Invalidation": top level, not under a distribution; the files are full URLs whose host
    # names say which distribution they belong to
    'invalidations': 'invalidations',
    'certificates': 'certificates',
    'certificate': 'certificates/{certificate_id}',
    'actions': 'actions',
    'action': 'actions/{action_id}',
    'distributions': 'distributions',
    'distribution': 'distributions/{distribution_id}',
    'domains': 'distributions/{distribution_id}/domains',
    'domain': 'distributions/{distribution_id}/domains/{domain_id}',
    'policies': 'distributions/{distribution_id}/policies',
    'policy': 'distributions/{distribution_id}/policies/{policy_id}',
    'acls': 'distributions/{distribution_id}/policies/{policy_id}/acls',
    'acl': 'distributions/{distribution_id}/policies/{policy_id}/acls/{acl_id}',
    # "Get All Templates": in the listing, not in the CDN v2 document; its answer shape is not
    # listed, so it is read like the other "Get All ..." listings (limit/offset, _metadata)
    'policy_templates': 'policyTemplates',
    'statistics': 'statistics/customer',
    'statistics_total': 'statistics/customer/totals',
    # The reseller pair is not in the public listing (it lists the customer pair only); the CDN v2
    # document describes both. Inferred by symmetry with the customer pair; not in the public listing.
    'reseller_statistics': 'statistics/reseller',
    'reseller_statistics_total': 'statistics/reseller/totals',
}


# Leaseweb's API standards page (LSW-STD): "you may define a default limit of 25 and offset of 0".
PAGE_SIZE = 25


def path(name, **ids):
    """A path from PATHS with its ids filled in, each one percent-encoded segment (client.api_path):
    a missing, empty or dot-segment id (an answer without a usable id) is refused, never sent."""
    try:
        return api_path(PATHS[name], **ids)
    except CdnResponseError as exc:
        exc.provider = exc.provider or PROVIDER
        raise


# --- answers: the fields the code reads of each object, and their documented kinds ---------
#
# Every object read must be a JSON object with a non-empty string ``id`` (an enveloped one
# in its ``data``, where the document's samples show the server appending it); the fields
# below must be null or of their kind. Numbers may come as strings (docs/providers/leaseweb.md:
# liberal in what is accepted). Fields not listed are only shown or compared, never used to
# build a request.

ENVELOPED = ('origin', 'group', 'member', 'distribution')
# listing key (the "Get All ..." sections: {<key>: [...], _metadata}) -> the kind of its items
LIST_KINDS = {'origins': 'origin', 'originGroups': 'group', 'originGroupMembers': 'member',
              'distributions': 'distribution', 'domains': 'domain', 'policies': 'policy', 'acls': 'acl',
              'actions': 'action', 'certificates': 'certificate', 'policyTemplates': 'template'}
FIELDS = {
    'origin': {'host': 'str', 'description': 'str', 'path': 'str', 'httpPort': 'int', 'httpsPort': 'int'},
    'group': {'description': 'str', 'balancingMethod': 'str', 'failTimeOut': 'int', 'keepAliveSeconds': 'int'},
    'member': {'originId': 'str', 'status': 'str'},
    'distribution': dict([('description', 'str'), ('certificateId', 'str'), (CNAME_KEY, 'str')]),
    'domain': {'domain': 'str'},
    'policy': dict([(k, spec['type']) for k, spec in POLICY_SETTINGS.items() if spec['type'] in ('str', 'int')] + [
        ('originPullId', 'str'), ('originPullGroupId', 'str'), ('originPullProtocol', 'str'),
        ('originPullHostHeader', 'str'), ('cacheDefaultTtl', 'int'), ('securityIpAclDefault', 'str'),
        ('securityGeoAclDefault', 'str'), ('securityReferrerAclDefault', 'str')]),
    'acl': {'type': 'str', 'action': 'str', 'value': 'str'},
    # the INVALIDATION action of "Do Invalidation"; CREATE_DIST/UPDATE_DIST name their distribution
    # in resource.distribution_id (docs/providers/leaseweb.md; wire.action_distribution)
    'action': {'type': 'str', 'status': 'str', 'distributionId': 'str',
               'resource': {'distribution_id': 'str', 'distributionId': 'str', 'invalidation_id': 'str',
                            'status': 'str', 'url_status': 'list'}},
    # validFrom/validUntil: unix seconds ("Upload certificate" sample)
    'certificate': {'commonName': 'str', 'issuer': 'str', 'description': 'str', 'validFrom': 'time',
                    'validUntil': 'time'},
    # "Get All Templates": no shape is listed; a template is read as an object with an id (NUMBER_IDS),
    # everything else only shown
    'template': {},
}
# Kinds whose answer shape is not listed at all: a whole-number id is taken too (liberal in what is accepted).
NUMBER_IDS = ('template',)
INT_TEXT = re.compile(r'^\s*-?\d{1,18}\s*$')
MAX_UNIX = 253402300799  # 9999-12-31T23:59:59Z
KIND_TEXT = {'str': 'a string', 'int': 'a whole number', 'list': 'a JSON list',
             'time': 'unix seconds (a whole number up to the year 9999)'}


def of_kind(value, kind):
    """Whether a (non-null) answer value is of a documented kind (see FIELDS)."""
    if isinstance(kind, dict):
        return isinstance(value, dict)
    if kind == 'str':
        return isinstance(value, str)
    if kind == 'list':
        return isinstance(value, list)
    if isinstance(value, bool):
        return False
    whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer()) or \
        (isinstance(value, str) and bool(INT_TEXT.match(value)))
    if kind == 'time':
        return whole and 0 <= int(value) <= MAX_UNIX
    return whole


def field_problem(values, fields, what):
    """The first field of ``values`` (an object of an answer) that is neither null nor of its kind."""
    for field, kind in sorted(fields.items()):
        value = values.get(field)
        if value is None:
            continue
        if not of_kind(value, kind):
            return '%s: %r is %s where %s is documented' % (what, field, type_name(value),
                                                            'a JSON object' if isinstance(kind, dict) else KIND_TEXT[kind])
        if isinstance(kind, dict):
            problem = field_problem(value, kind, '%s %r' % (what, field))
            if problem:
                return problem
    return None


class LeasewebDialect(Dialect):
    """Errors (Leaseweb CDN API v2 "Errors" and the error samples of every section):
    {correlationId, errorCode, errorMessage, errorDetails} (errorDetails per field, LSW-STD);
    request id = correlationId, else the APIGW-CORRELATION-ID header (LSW-STD)."""

    def error_message(self, status, body, text):
        if isinstance(body, dict) and (body.get('errorMessage') or body.get('errorDetails')):
            message = str(body.get('errorMessage') or 'error')
            if body.get('errorDetails'):
                message = '%s (%s)' % (message, flatten_message(body['errorDetails']))
            code = body.get('errorCode')
            if code not in (None, '') and str(code) != str(status):
                message = '%s [%s]' % (message, code)
            return message
        return super(LeasewebDialect, self).error_message(status, body, text)

    def request_id(self, headers, body):
        if isinstance(body, dict) and body.get('correlationId'):
            return body['correlationId']
        return (headers or {}).get('APIGW-CORRELATION-ID')


class LeasewebAPI:
    """The request helpers every resource class of the package shares (through the Adapter, one
    ApiClient in ``self.client``): checked reads, create answers, and the one pagination generator."""

    def _checked(self, obj, kind, operation, what='the answer', status=None):
        """The {key: value} of one object of an answer (an enveloped one decoded), after checking
        that it is an object with a usable string id and that the FIELDS of its kind are null or
        of their kind; anything else is a CdnResponseError (never an object of nulls)."""
        self.client.expect(obj, 'object', operation, what=what, status=status)
        values = decode_envelope(obj)[1] if kind in ENVELOPED else obj
        ident = values.get('id')
        if kind in NUMBER_IDS and of_kind(ident, 'int'):
            ident = str(ident)
        if not isinstance(ident, str) or not ident.strip():
            # the document's ids are strings: "or-...", "di-...", a UUID, the domain name
            got = repr(ident) if isinstance(ident, str) else type_name(ident)
            problem = '%s has no usable %s id (got %s)' % (what, kind, got)
        elif kind in ENVELOPED and not isinstance(obj.get('resourceType'), (str, type(None))):
            problem = '%s: resourceType is %s where a string is documented' % (what, type_name(obj['resourceType']))
        else:
            problem = field_problem(values, FIELDS[kind], what)
        if problem:
            raise self.client.answer_error(operation, problem, status=status)
        return values

    def _read(self, object_path, kind, operation, missing_ok=True):
        """GET one object, checked (_checked); None on 404 (it is not there) when ``missing_ok``."""
        response = self.client.request('GET', object_path, operation, ok=(200,), allow_not_found=missing_ok,
                                       expect='object')
        if response is None:
            return None
        self._checked(response.body, kind, operation, status=response.status)
        return response.body

    def _created(self, response, kind, operation):
        """The {key: value} of the object a create answered (the new id is read from it).

        An answer without it is an error marked maybe applied with its 2xx status: the create
        went through, so a caller recovering a lost answer (send_recovering) looks for what it
        made instead of sending it again, and does not send it again when nothing is found."""
        try:
            return self._checked(response.body, kind, operation, status=response.status)
        except CdnResponseError as exc:
            exc.maybe_applied = True
            raise

    # --- the one pagination generator (limit/offset with _metadata) ---------

    def paginate(self, list_path, key, operation, params=None):
        """Every item of a limit/offset listing. The "Get All ..." sections: each page is an object
        {<key>: [objects], "_metadata": {totalCount, limit, offset}}; every item is checked
        (_checked, by LIST_KINDS). A listing that does not end (page cap, a page repeating
        earlier items) is an error (client.pages)."""
        kind = LIST_KINDS[key]
        guard = self.client.pages(operation)
        offset = 0
        while True:
            query = dict(params or {})
            query.update(limit=PAGE_SIZE, offset=offset)
            body = self.client.request('GET', list_path, operation, params=query, ok=(200,), expect='object').body
            items = self.client.expect(body.get(key), 'list', operation, what='the answer\'s %r' % key)
            ids = [self._checked(item, kind, operation, what='the answer\'s %r[%d]' % (key, index))['id']
                   for index, item in enumerate(items)]
            guard.page(ids)
            meta = body.get('_metadata')
            if meta is not None:
                self.client.expect(meta, 'object', operation, what='the answer\'s \'_metadata\'')
            total = meta.get('totalCount') if meta else None
            if total is not None and not of_kind(total, 'int'):
                raise self.client.answer_error(operation, 'the answer\'s _metadata.totalCount is %s where a whole '
                                               'number is documented' % type_name(total))
            yield from items
            offset += len(items)
            total = to_int(total)
            if not items or (isinstance(total, int) and offset >= total):
                return
            if not isinstance(total, int) and len(items) < PAGE_SIZE:
                return

    # --- listings several resources read ------------------------------------

    def _distributions(self):
        return self.paginate(path('distributions'), 'distributions', 'list distributions')

    def _domains(self, dist_id):
        return list(self.paginate(path('domains', distribution_id=dist_id), 'domains', 'list domains'))

    def _policies(self, dist_id):
        return self.paginate(path('policies', distribution_id=dist_id), 'policies', 'list policies')

    def _action(self, action_id):
        """One action (background job) by id, checked; None when it is not there."""
        return self._read(path('action', action_id=action_id), 'action', 'get action')

    def _actions(self, params=None):
        return self.paginate(path('actions'), 'actions', 'list actions', params=params)
