"""A fake UCDN client for the adapter tests: the real answer checks of ApiClient (expect,
answer_error), canned bodies served by (method, path) instead of HTTP."""

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions

NOT_FOUND = object()


class FakeClient(ApiClient):
    """``routes``: {(method, path): a body, or (status, body)}; NOT_FOUND answers 404."""

    def __init__(self, routes=None):
        super(FakeClient, self).__init__('ucdn', 'https://api.ucdn.com/v3/', headers={'X-UCDN-Token': 'tok'},
                                         dialect=ucdn.UcdnDialect())
        self.routes = dict(routes or {})
        self.calls = []

    def request(self, method, path, operation, params=None, json=None, ok=(200, 201, 202, 204),
                allow_not_found=False, expect=None, **kwargs):
        self.calls.append((method, path, params, json))
        served = self.routes[(method, path)]
        status, body = served if isinstance(served, tuple) else (200, served)
        if body is NOT_FOUND:
            if allow_not_found:
                return None
            raise AssertionError('unexpected 404 for %s %s' % (method, path))
        if expect is not None:
            self.expect(body, expect, operation, status=status)
        return ApiResponse(status, {}, body, '')

    def writes(self):
        return [c for c in self.calls if c[0] != 'GET']


def adapter(routes=None, **run):
    """An Adapter over a FakeClient; ``run``: RunOptions keywords."""
    return ucdn.Adapter(FakeClient(routes), run=RunOptions(**run))
