"""A fake Cloakfusion client for the adapter tests: the real answer checks of ApiClient (expect,
pages, answer_error), canned bodies served by (method, path) instead of HTTP."""

from ansible_collections.edgeops.cdn.plugins.module_utils.client import ApiClient, ApiResponse
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloakfusion
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions

NOT_FOUND = object()


class FakeClient(ApiClient):
    """``routes``: {(method, path): a body, or a Sequence of bodies answered in turn}; NOT_FOUND answers 404."""

    def __init__(self, routes, max_pages=1000):
        super(FakeClient, self).__init__('cloakfusion', 'https://my.cloakfusion.com/api/v1/', max_pages=max_pages)
        self.routes = dict(routes)
        self.calls = []

    def request(self, method, path, operation, params=None, json=None, ok=(200, 201, 202, 204),
                allow_not_found=False, expect=None, **kwargs):
        self.calls.append((method, path, params, json))
        served = self.routes[(method, path)]
        if isinstance(served, Sequence):
            body = served.next()
        else:
            body = served
        if body is NOT_FOUND:
            if allow_not_found:
                return None
            raise AssertionError('unexpected 404 for %s %s' % (method, path))
        if expect is not None:
            self.expect(body, expect, operation, status=200)
        return ApiResponse(200, {}, body, '')

    def writes(self):
        return [c for c in self.calls if c[0] != 'GET']


class Sequence:
    """Bodies answered in turn; the last one again once the others are used."""

    def __init__(self, *items):
        self.items = list(items)

    def next(self):
        return self.items.pop(0) if len(self.items) > 1 else self.items[0]


class RecordingRun(RunOptions):
    """RunOptions that records what the adapter asked to follow, and never sleeps."""

    def __init__(self, **kwargs):
        kwargs.setdefault('sleep', lambda seconds: None)
        super(RecordingRun, self).__init__(**kwargs)
        self.waits = []

    def wait_for(self, description, fetch, ready, failed=None, timeout=None):
        self.waits.append(description)
        return super(RecordingRun, self).wait_for(description, fetch, ready, failed=failed, timeout=timeout)


def adapter(routes, run=None, **kwargs):
    """A Cloakfusion Adapter over a FakeClient; it never gets the module's parameters."""
    client = FakeClient(routes, **kwargs)
    return cloakfusion.Adapter(client, run=run or RecordingRun()), client


def vhost(ident=1, domain='cdn.example.com', origin='http://o.example.com', name='example', props=True, **prop):
    """A vhost as "Vhosts / GET" shows it; props=False: a new one, before its CNAME exists."""
    body = dict(id=ident, domain_name=domain, name=name, origin_url=origin, state='in_progress',
                profile=dict(id=2, name='Standard'), properties=[],
                url='https://my.cloakfusion.com/api/v1/vhosts/%s/' % ident)
    if props:
        fields = dict(cname='%s.cdn.warpcache.com' % name, gzip=False, host_header='', id=10 + ident,
                      override_hostheader=False, ssl=False, ttl=3600)
        fields.update(prop)
        body['properties'] = [fields]
        body['state'] = 'active'
    return body
