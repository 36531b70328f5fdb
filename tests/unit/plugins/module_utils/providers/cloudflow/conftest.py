# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A CloudFlow adapter on a fake client: the real answer checks of ApiClient (expect, answer_error),
canned answers by (verb, path), and the list of requests sent."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.cloudflow.api import CloudflowDialect
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions


class FakeClient(ApiClient):
    """Answers ``routes[(verb, path)]`` (a body, or 404: None where the adapter allows it, else the client's
    own not-found error); anything not routed answers 200 {}."""

    def __init__(self, routes=None):
        super(FakeClient, self).__init__('cloudflow', 'https://cp.example.net/', dialect=CloudflowDialect())
        self.routes = dict(routes or {})
        self.calls = []

    def request(self, method, path, operation, params=None, json=None, expect=None, allow_not_found=False, **kwargs):
        self.calls.append((method, path, json))
        # A fresh copy each time, as a real answer is: adapters may build on what they read.
        body = copy.deepcopy(self.routes.get((method, path), {}))
        if body == 404:
            if allow_not_found:
                return None
            answer = ApiResponse(404, {}, {'errors': ['Resource not found']}, '')
            raise self._status_error(answer, operation, True, (method, self.url(path), None))
        if expect is not None:
            self.expect(body, expect, operation, status=200)
        return ApiResponse(200, {}, body, '')

    def paths(self, method=None):
        return [p for m, p, _j in self.calls if method is None or m == method]


@pytest.fixture
def adapter():
    """adapter(routes, **run_options): a CloudFlow Adapter whose client answers ``routes``."""
    def build(routes=None, **run):
        return cloudflow.Adapter(FakeClient(routes), run=RunOptions(**run))
    return build
