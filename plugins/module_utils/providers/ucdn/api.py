# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""UCDN API v3: the path table, the dialect, and what every resource class shares.

Source: the "UCDN API v3" documentation, https://api.ucdn.com/docs/ (section titles
are quoted as written there, e.g. "Fetch a zone"); where it is silent the project's
decisions are in docs/providers/ucdn.md ("Decisions where the API document is silent").

- the token travels in the ``X-UCDN-Token`` header ("Authentication": "HTTP Header
  Token"), JSON bodies;
- paths exactly as documented: singular for one object, plural for lists (PATHS);
- 532 is UCDN's own "Fail message" status, retried by client.py like a 5xx;
- no listing pages: zones, certificates, storages and purge jobs come whole.

Answers are untrusted input (client.py): every id goes into a path through
``api_path``; every read whose answer is used names its documented shape
(``expect``) and the fields the code reads are checked (answers.py), so an answer
that cannot be understood fails the task before any write. An unusable answer to a
write is flagged ``maybe_applied``: the core reads back instead of sending it again.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.client import Dialect, api_path
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.answers import (
    same_id,
    shown,
    storage_problem,
    zone_problem,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.ucdn.wire import canonical_zone

# The documented alternative to ?token= ("Authentication"): keeps the secret out of URLs and logs.
TOKEN_HEADER = 'X-UCDN-Token'

# Every request path, by what it reaches, with the section of the document that gives it.
# ``{}`` is an id, filled by api_path (one encoded segment). The report paths depend on the
# report asked for: wire.STATS_REPORTS ("Usage report" .. "Status codes").
PATHS = {
    'zones': 'zones',                          # "Fetch all zones"
    'zone_create': 'zone',                     # "Create a new zone"
    'zone': 'zone/{}',                         # "Fetch a zone", "Replace a single zone parameter", "Delete a zone"
    'purge': 'purge/zone/{}/',                 # "Purge files"
    'purge_job': 'purge/job/{}/',              # "View purge job", "Delete a purge job"
    'purge_jobs': 'purge/',                    # "List purge jobs"
    'certificates': 'certificates',            # "List all certificates"
    'certificate': 'certificate/{}',           # "Single certificate information", "Delete certificate"
    'certificate_upload': 'certificate/',      # "Upload certificate"
    'letsencrypt': 'letsencrypt/{}',           # "Add Letsencrypt for zone"
    'storages': 'storages',                    # "List storages", "Reconfigure storages"
    'storage_create': 'storage',               # "Create storage"
    'storage': 'storage/{}',                   # "Storage FTP", "Remove storage"
    'storage_size': 'storage/{}/size',         # "Storage consumed size"
    'account': 'account',                      # "Fetch account info"
    'subaccounts': 'subaccounts',              # "Fetch subaccounts list"
    'check_login': 'check/login/',             # "Check user credentials"
}


def path(name, *ids):
    """The request path ``name`` of PATHS, with ``ids`` filled in as encoded path segments."""
    return api_path(PATHS[name], *ids)


class UcdnDialect(Dialect):
    """UCDN errors: {"message": ...} like its success messages, or a bare JSON string
    (the document never shows an error body: docs/providers/ucdn.md)."""

    retry_statuses = Dialect.retry_statuses | frozenset([532])

    def error_message(self, status, body, text):
        if isinstance(body, str) and body.strip():
            return body.strip()
        return super(UcdnDialect, self).error_message(status, body, text)


class UcdnApi:
    """What the resource classes of this package share: checking answers, the one way
    a zone is read and PATCHed, the zones read so far, and the storage listing (a zone
    may pull from a storage; a storage used by a zone cannot be deleted).

    Mixed into the Adapter (__init__.py) together with ProviderAdapter, which holds
    ``client``, ``run`` and ``secrets``. A resource class reaches another resource only
    through this class or the adapter's interfaces (e.g. ZoneAPI.require_zone_ref, a zone
    by host name or id).
    """

    def __init__(self, client, run=None):
        super(UcdnApi, self).__init__(client, run=run)
        # The provider's own zone objects by id, secrets included: used to resend an
        # upstream's auth unchanged and to know a zone's custom domains and ssl_type,
        # never returned.
        self._raw = {}
        # Storage FTP passwords by storage id: returned only when the user asks.
        self._storage_secrets = {}

    # answers

    def _check(self, problem, operation, status=None):
        if problem:
            raise self.client.answer_error(operation, problem, status=status)

    def _check_id(self, asked, got, what, operation):
        """An answer about another object than the one asked for must not steer the next request."""
        if not same_id(asked, got):
            raise self.client.answer_error(operation, 'it describes %s %s, not %s %s, which was asked for'
                                           % (what, shown(got), what, shown(asked)))

    def _written(self, response, shape, operation):
        """The body of a write's answer, of its documented shape. A write whose answer
        cannot be used may have been applied: the error says so, so the core reads
        back (recovery.send_recovering) rather than sending the write again."""
        try:
            return self.client.expect(response.body, shape, operation, status=response.status)
        except CdnError as exc:
            exc.maybe_applied = True
            raise

    # zones, as every resource reads them

    def _remember(self, raw, hostname=None):
        self._raw[str(raw['id'])] = raw
        return canonical_zone(raw, hostname, self.secrets)

    def _list_raw(self):
        # "Fetch all zones": an array of zone objects, each as "Fetch a zone" describes it.
        body = self.client.request('GET', path('zones'), 'list zones', expect=('list', ('id',))).body
        for raw in body:
            self._check(zone_problem(raw), 'list zones')
        return body

    def _read_zone(self, zone_id, hostname=None):
        """The zone ``zone_id`` read afresh ("Fetch a zone"), canonical; None when UCDN has none."""
        response = self.client.request('GET', path('zone', zone_id), 'get zone', allow_not_found=True,
                                       expect=('object', ('id',)))
        if response is None:
            return None
        self._check_id(zone_id, response.body['id'], 'zone', 'get zone')
        self._check(zone_problem(response.body), 'get zone')
        return self._remember(response.body, hostname)

    # storages, as zones (a storage origin) and storages read them

    def _storage_bodies(self):
        """Every storage as UCDN shows it ("List storages": an array of storage objects), checked;
        their FTP passwords are kept aside for storage_password."""
        body = self.client.request('GET', path('storages'), 'list storages', expect=('list', ('id', 'container'))).body
        for item in body:
            self._check(storage_problem(item), 'list storages')
        for item in body:
            self._storage_secrets[str(item['id'])] = item.get('ftp_password')
        return body

    def _patch(self, zone, body):
        """PATCH zone/{id} ("Replace a single zone parameter": "You may pass one or many of the parameters")."""
        self.client.request('PATCH', path('zone', zone['id']), 'update zone', json=body, ok=(200, 204))
