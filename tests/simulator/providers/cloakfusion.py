"""Cloakfusion (Warpcache) API v1, from seeds/cloakfusion.md.

Behaviour notes (see reference/provider-apis.md 5.2):
- Auth: DRF TokenAuthentication, header "Authorization: Token <key>"; 401 {"detail": ...}.
- Paths: vhosts/ (alias vhost/), vhostproperties/ (alias vhostproperty/), trailing slash optional.
- A new vhost is "in_progress" with no properties; its CNAME (a vhostproperty) appears
  up to 30 s later (seed "Vhosts / POST" notice). Simulated time drives it.
- Vhost creation takes form or JSON bodies; property updates accept PATCH and PUT.
- No DELETE for vhosts is documented: 405 like DRF.
"""

from ..core import ProviderApp, json_response

CNAME_DELAY = 30.0
BASE = 'https://my.cloakfusion.com/api/v1/'
VALID_TOKENS = ('sim-token',)
PROPERTY_KEYS = ('cname', 'ttl', 'gzip', 'ssl', 'override_hostheader', 'host_header')


def _bool(value):
    if isinstance(value, bool):
        return value
    return str(value).lower() in ('1', 'true', 'yes', 'on')


class CloakfusionApp(ProviderApp):
    name = 'cloakfusion'
    prefix = '/cloakfusion/api/v1/'
    routes = (
        ('GET', r'vhosts?/?', 'list_vhosts'),
        ('POST', r'vhosts?/?', 'create_vhost'),
        ('GET', r'vhosts?/(?P<vid>\d+)/?', 'get_vhost'),
        ('GET', r'vhostpropert(?:y|ies)/?', 'list_properties'),
        ('GET', r'vhostpropert(?:y|ies)/(?P<pid>\d+)/?', 'get_property'),
        (('PATCH', 'PUT'), r'vhostpropert(?:y|ies)/(?P<pid>\d+)/?', 'update_property'),
    )

    def reset(self):
        self.vhosts = {}
        self.properties = {}
        self.next_vhost = 1
        self.next_property = 1
        self.tokens = set(VALID_TOKENS)

    def seed(self, data):
        for token in data.get('tokens', []):
            self.tokens.add(token)
        created = []
        for spec in data.get('vhosts', []):
            vhost = self._new_vhost(spec['domain_name'], spec['origin_url'], spec.get('name', 'seeded'))
            if spec.get('active', True):
                vhost['ready_at'] = 0
            created.append(vhost['id'])
        return created

    def dump(self):
        self._advance()
        return {'vhosts': [self._render(v) for v in self.vhosts.values()],
                'properties': list(self.properties.values())}

    # DRF-style answers
    def authenticate(self, request):
        header = request.headers.get('Authorization') or ''
        if not header:
            return json_response({'detail': 'Authentication credentials were not provided.'}, 401)
        scheme, _sep, token = header.partition(' ')
        if scheme != 'Token' or token.strip() not in self.tokens:
            return json_response({'detail': 'Invalid token.'}, 401)
        return None

    def not_found(self, request):
        return json_response({'detail': 'Not found.'}, 404)

    def method_not_allowed(self, request):
        return json_response({'detail': 'Method "%s" not allowed.' % request.method}, 405)

    # state
    def _new_vhost(self, domain_name, origin_url, name):
        vid = self.next_vhost
        self.next_vhost += 1
        vhost = dict(id=vid, domain_name=domain_name, name=name, origin_url=origin_url.rstrip('/'),
                     profile={'id': 2, 'name': 'Standard'}, property_ids=[],
                     ready_at=self.now + CNAME_DELAY)
        self.vhosts[vid] = vhost
        return vhost

    def _advance(self):
        """Give every vhost whose time has come its CNAME property."""
        for vhost in self.vhosts.values():
            if not vhost['property_ids'] and self.now >= vhost['ready_at']:
                pid = self.next_property
                self.next_property += 1
                self.properties[pid] = dict(cname='%s.cdn.warpcache.com' % vhost['name'], gzip=False,
                                            host_header='', id=pid, override_hostheader=False,
                                            ssl=False, ttl=3600)
                vhost['property_ids'].append(pid)

    def _render(self, vhost):
        return dict(
            domain_name=vhost['domain_name'], id=vhost['id'], name=vhost['name'],
            origin_url=vhost['origin_url'], profile=vhost['profile'],
            properties=[self.properties[p] for p in vhost['property_ids']],
            state='active' if vhost['property_ids'] else 'in_progress',
            url='%svhosts/%s/' % (BASE, vhost['id']),
        )

    # handlers
    def list_vhosts(self, request):
        self._advance()
        return json_response([self._render(v) for v in self.vhosts.values()])

    def get_vhost(self, request, vid):
        self._advance()
        vhost = self.vhosts.get(int(vid))
        if vhost is None:
            return self.not_found(request)
        return json_response(self._render(vhost))

    def create_vhost(self, request):
        data = request.data() or {}
        errors = {}
        for field in ('domain_name', 'name', 'origin_url'):
            if not data.get(field):
                errors[field] = ['This field is required.']
        if data.get('origin_url') and '://' not in data['origin_url']:
            errors['origin_url'] = ['Enter a valid URL.']
        if not errors and any(v['domain_name'] == data['domain_name'] for v in self.vhosts.values()):
            errors['domain_name'] = ['vhost with this domain name already exists.']
        if errors:
            return json_response(errors, 400)
        vhost = self._new_vhost(data['domain_name'], data['origin_url'], data['name'])
        return json_response(self._render(vhost), 201)

    def list_properties(self, request):
        self._advance()
        return json_response(list(self.properties.values()))

    def get_property(self, request, pid):
        self._advance()
        prop = self.properties.get(int(pid))
        if prop is None:
            return self.not_found(request)
        return json_response(prop)

    def update_property(self, request, pid):
        self._advance()
        prop = self.properties.get(int(pid))
        if prop is None:
            return self.not_found(request)
        data = request.data() or {}
        errors = {}
        for key, value in data.items():
            if key not in PROPERTY_KEYS:
                continue
            if key == 'ttl':
                try:
                    prop_value = int(value)
                except (TypeError, ValueError):
                    errors[key] = ['A valid integer is required.']
                    continue
            elif key in ('gzip', 'ssl', 'override_hostheader'):
                prop_value = _bool(value)
            else:
                prop_value = str(value)
            data[key] = prop_value
        if errors:
            return json_response(errors, 400)
        for key in PROPERTY_KEYS:
            if key in data:
                prop[key] = data[key]
        return json_response(prop)


APP = CloakfusionApp
