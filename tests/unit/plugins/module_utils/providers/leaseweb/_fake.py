"""Fake Leaseweb clients for the adapter tests: the real answer checks of ApiClient (expect, pages,
answer_error), canned bodies instead of HTTP."""

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb import wire

NOT_FOUND = 404


class FakeClient(ApiClient):
    """``bodies`` answered in turn, whatever is asked (the last one again once the others are used);
    NOT_FOUND answers 404 where the caller allows it."""

    def __init__(self, bodies, max_pages=1000):
        super(FakeClient, self).__init__('leaseweb', 'https://api.example/cdn/v2', max_pages=max_pages)
        self.bodies = list(bodies)
        self.calls = []

    def answer(self, method, path):
        return self.bodies.pop(0) if len(self.bodies) > 1 else self.bodies[0]

    def request(self, method, path, operation, params=None, expect=None, allow_not_found=False, json=None, **kwargs):
        self.calls.append((method, path, dict(params or {})))
        body = self.answer(method, path)
        if body == NOT_FOUND and allow_not_found:
            return None
        if expect is not None:
            self.expect(body, expect, operation, status=200)
        return ApiResponse(200, {}, body, '')


class RouteClient(FakeClient):
    """``routes``: {(method, path): a body, or a list of bodies answered in turn (the last one again)}."""

    def __init__(self, routes):
        super(RouteClient, self).__init__([None])
        self.routes = dict((key, list(value) if isinstance(value, list) else [value]) for key, value in routes.items())

    def answer(self, method, path):
        bodies = self.routes[(method, path)]
        return bodies.pop(0) if len(bodies) > 1 else bodies[0]

    def paths(self, method=None):
        return [c[1] for c in self.calls if method is None or c[0] == method]


def distribution(ident, **values):
    """An enveloped DISTRIBUTION_VOLUME with the id ``ident``."""
    return wire.encode_envelope('DISTRIBUTION_VOLUME', [('description', 'x'), ('id', ident)] + sorted(values.items()))
