"""Cloakfusion (Warpcache) API v1, from the "Cloakfusion API Reference" (https://my.cloakfusion.com/api/;
"the API reference" below), by its section headings.

Behaviour notes (where the API reference is silent or contradicts itself, the project's decisions are
in docs/providers/cloakfusion.md, "Decisions where the API document is silent"):
- Auth: DRF TokenAuthentication, header "Authorization: Token <key>"; 401 {"detail": ...}.
- Paths: vhosts/ (alias vhost/), vhostproperties/ (alias vhostproperty/), trailing slash optional.
- A new vhost is "in_progress" with no properties; its CNAME (a vhostproperty) appears
  up to 30 s later (API reference "Vhosts / POST" notice). Simulated time drives it.
- Vhost creation takes form or JSON bodies; property updates accept PATCH and PUT.
- No DELETE for vhosts is documented: 405 like DRF.

Flush, Flushstatus, Traffic (API reference sections of those names; decisions in docs/providers/cloakfusion.md):
- POST flush/ takes {"urls": [...]} as JSON (the "Flush / POST" example) or form
  (repeated "urls" fields). Each URL must be absolute (http/https) and its host
  one of the account's vhost domain names or CNAMEs (API reference "Flush" notice: "You
  can flush the URLs that you're using on your properties"). Failures are DRF
  400 {"urls": ["..."]}. Answers 201 (DRF create) with {id, flushes, urls, owner}.
- "flushes" lists flushstatus ids: one flushstatus per vhost the URLs touch
  (a flushstatus has a single "vhost"); for one vhost that is the "Flush / POST" example's [id].
- flush/ alone is paginated, DRF PageNumberPagination {count, next, previous,
  results}, FLUSH_PAGE_SIZE a page, newest first ("Flush / LIST" sample lists id 2 then 1);
  ?page=N or "last"; a bad page is 404 {"detail": "Invalid page."}; like DRF,
  the link back to page 1 carries no page parameter.
- A flushstatus is not ready at first: each CDN provider (CDNS, the "Flushstatus" samples' "CDN
  Provider", "CDN Provider 2") answers FLUSH_STEP simulated seconds after the
  previous one. While pending, state is "in_progress" (undocumented for flushes;
  the only documented values are the final "finished" / "failed", so clients
  should decide on result.ready). Providers named in seed data "failing_cdns"
  report [name, "failed"] and make the state "failed" with the "Flushstatus" samples' error
  text; the "Flushstatus / LIST" sample shows a failed flush whose pairs all say "flushed", and
  its done 2 / total 1 — both treated as doc errors (a decision of this project).
- flushstatus "url" and "id" are URLs, "vhost" is the vhost URL, "filenames" is
  a Python-repr string of the URL paths (Python 3 repr: no u'' prefixes, which
  the "Flushstatus" samples mix in as a Python 2 artefact).
- traffic/ and traffic/{vhost_id}/: {usage, quantity: "gb", text, vhost}.
  start_date / end_date are dd-mm-yyyy (400 DRF field error otherwise, and when
  the end is before the start); defaults are the first of the current month and
  today (sim clock, UTC), from a later revision of the API reference's source (commit 5e59380 of
  source/index.md in https://github.com/Cloakfusion/docs; earlier revisions of its "Traffic" section
  give no defaults). Usage is deterministic: the sum over the days of the range of
  a per-vhost, per-day figure (seed data "traffic": {"<vhost id>": daily_gb}
  pins it), so adjacent ranges add up.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

from ..core import ProviderApp, json_response

CNAME_DELAY = 30.0
FLUSH_STEP = 5.0
FLUSH_PAGE_SIZE = 10
BASE = 'https://my.cloakfusion.com/api/v1/'
VALID_TOKENS = ('sim-token',)
PROPERTY_KEYS = ('cname', 'ttl', 'gzip', 'ssl', 'override_hostheader', 'host_header')
CDNS = ('CDN Provider', 'CDN Provider 2')
OWNER = 1
FLUSH_ERROR = 'one or more cdns have failed to flush'
DATE_FORMAT = '%d-%m-%Y'
DATE_ERROR = 'Date has wrong format. Use one of these formats instead: dd-mm-yyyy.'


def _timestamp(when):
    return datetime.datetime.fromtimestamp(when, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def _daily_hundredths(vid, day):
    """Deterministic traffic of one vhost on one day, in 1/100 GB (0 .. 4999)."""
    return (vid * 7919 + day.toordinal() * 104729) % 5000


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
        ('GET', r'flush/?', 'list_flushes'),
        ('POST', r'flush/?', 'create_flush'),
        ('GET', r'flush/(?P<fid>\d+)/?', 'get_flush'),
        ('GET', r'flushstatus/?', 'list_flushstatus'),
        ('GET', r'flushstatus/(?P<sid>\d+)/?', 'get_flushstatus'),
        ('GET', r'traffic/?', 'list_traffic'),
        ('GET', r'traffic/(?P<vid>\d+)/?', 'get_traffic'),
        ('GET', r'vhostpropert(?:y|ies)/(?P<pid>\d+)/?', 'get_property'),
        (('PATCH', 'PUT'), r'vhostpropert(?:y|ies)/(?P<pid>\d+)/?', 'update_property'),
    )

    def reset(self):
        self.vhosts = {}
        self.properties = {}
        self.next_vhost = 1
        self.next_property = 1
        self.tokens = set(VALID_TOKENS)
        self.flushes = {}
        self.statuses = {}
        self.next_flush = 1
        self.next_status = 1
        self.cdns = list(CDNS)
        self.failing_cdns = set()
        self.daily_traffic = {}

    def seed(self, data):
        for token in data.get('tokens', []):
            self.tokens.add(token)
        created = []
        for spec in data.get('vhosts', []):
            vhost = self._new_vhost(spec['domain_name'], spec['origin_url'], spec.get('name', 'seeded'))
            if spec.get('active', True):
                vhost['ready_at'] = 0
            created.append(vhost['id'])
        if 'cdns' in data:
            self.cdns = list(data['cdns'])
        for cdn in data.get('failing_cdns', []):
            self.failing_cdns.add(cdn)
        for vid, daily_gb in (data.get('traffic') or {}).items():
            self.daily_traffic[int(vid)] = int(round(float(daily_gb) * 100))
        return created

    def dump(self):
        self._advance()
        return {'vhosts': [self._render(v) for v in self.vhosts.values()],
                'properties': list(self.properties.values()),
                'flushes': [self.flushes[k] for k in sorted(self.flushes)],
                'flushstatus': [self._render_status(self.statuses[k]) for k in sorted(self.statuses)],
                'cdns': list(self.cdns), 'failing_cdns': sorted(self.failing_cdns),
                'traffic': dict((str(k), v / 100.0) for k, v in sorted(self.daily_traffic.items()))}

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

    # flush
    def _vhost_for_host(self, host):
        """The vhost whose domain name, else whose CNAME, is host (API reference "Flush" notice)."""
        for vhost in self.vhosts.values():
            if vhost['domain_name'].lower() == host:
                return vhost
        for vhost in self.vhosts.values():
            if any(self.properties[p]['cname'].lower() == host for p in vhost['property_ids']):
                return vhost
        return None

    @staticmethod
    def _flush_urls(request):
        """The "urls" field: a JSON value, or every repeated form field (DRF QueryDict.getlist)."""
        parsed = None if request.content_type == 'application/x-www-form-urlencoded' else request.json()
        if isinstance(parsed, dict):
            return parsed.get('urls')
        if parsed is None and request.body:
            values = parse_qs(request.body.decode('utf-8'), keep_blank_values=True).get('urls')
            return values if values else None
        return None

    def _check_flush_urls(self, urls):
        """A list of (url, vhost, path), or a DRF 400 error message."""
        if urls is None:
            return 'This field is required.'
        if not isinstance(urls, list):
            return 'Expected a list of items but got type "%s".' % type(urls).__name__
        if not urls:
            return 'This list may not be empty.'
        checked = []
        for url in urls:
            parts = urlsplit(url) if isinstance(url, str) else None
            if parts is None or parts.scheme not in ('http', 'https') or not parts.hostname:
                return 'Enter a valid URL.'
            vhost = self._vhost_for_host(parts.hostname.lower())
            if vhost is None:
                return 'URL %s does not belong to any of your vhosts.' % url
            path = (parts.path or '/') + ('?' + parts.query if parts.query else '')
            checked.append((url, vhost, path))
        return checked

    def _render_status(self, status):
        """A flushstatus as the API reference's "Flushstatus" samples show it, at the current sim time."""
        results = []
        finished_at = status['created']
        for index, cdn in enumerate(status['cdns']):
            done_at = status['created'] + FLUSH_STEP * (index + 1)
            if self.now < done_at:
                break
            finished_at = done_at
            results.append([cdn, 'failed' if cdn in status['failing'] else 'flushed'])
        ready = len(results) == len(status['cdns'])
        failed = any(pair[1] == 'failed' for pair in results)
        if not ready:
            state = 'in_progress'
        else:
            state = 'failed' if failed else 'finished'
        return {
            'url': '%sflush/%s/' % (BASE, status['flushrequest']),
            'id': '%sflushstatus/%s/' % (BASE, status['id']),
            'flushrequest': status['flushrequest'],
            'error': FLUSH_ERROR if failed else '',
            'result': {'ready': ready, 'total': len(status['cdns']), 'done': len(results), 'results': results},
            'state': state,
            'filenames': repr(status['paths']),
            'created': _timestamp(status['created']),
            'updated': _timestamp(finished_at),
            'vhost': '%svhosts/%s/' % (BASE, status['vhost']),
        }

    def create_flush(self, request):
        self._advance()
        if request.content_type == 'application/json' and request.body and request.json() is None:
            return json_response({'detail': 'JSON parse error - request body is not valid JSON'}, 400)
        checked = self._check_flush_urls(self._flush_urls(request))
        if isinstance(checked, str):
            return json_response({'urls': [checked]}, 400)
        fid = self.next_flush
        self.next_flush += 1
        by_vhost = {}
        for item in checked:
            by_vhost.setdefault(item[1]['id'], []).append(item[2])
        status_ids = []
        for vid, paths in by_vhost.items():
            sid = self.next_status
            self.next_status += 1
            self.statuses[sid] = dict(id=sid, flushrequest=fid, vhost=vid, paths=paths, created=self.now,
                                      cdns=list(self.cdns), failing=sorted(self.failing_cdns))
            status_ids.append(sid)
        flush = dict(id=fid, flushes=status_ids, urls=[item[0] for item in checked], owner=OWNER)
        self.flushes[fid] = flush
        return json_response(flush, 201)

    def list_flushes(self, request):
        """DRF PageNumberPagination over the flush requests, newest first."""
        ordered = [self.flushes[k] for k in sorted(self.flushes, reverse=True)]
        pages = max(1, (len(ordered) + FLUSH_PAGE_SIZE - 1) // FLUSH_PAGE_SIZE)
        asked = request.query.get('page') or '1'
        if asked == 'last':
            page = pages
        else:
            try:
                page = int(asked)
            except ValueError:
                page = 0
        if not 1 <= page <= pages:
            return json_response({'detail': 'Invalid page.'}, 404)
        url = BASE + 'flush/'
        previous = None
        if page == 2:
            previous = url
        elif page > 2:
            previous = '%s?page=%d' % (url, page - 1)
        return json_response({
            'count': len(ordered),
            'next': '%s?page=%d' % (url, page + 1) if page < pages else None,
            'previous': previous,
            'results': ordered[(page - 1) * FLUSH_PAGE_SIZE:page * FLUSH_PAGE_SIZE],
        })

    def get_flush(self, request, fid):
        flush = self.flushes.get(int(fid))
        if flush is None:
            return self.not_found(request)
        return json_response(flush)

    def list_flushstatus(self, request):
        return json_response([self._render_status(self.statuses[k]) for k in sorted(self.statuses, reverse=True)])

    def get_flushstatus(self, request, sid):
        status = self.statuses.get(int(sid))
        if status is None:
            return self.not_found(request)
        return json_response(self._render_status(status))

    # traffic
    def _date_range(self, request):
        """(start, end) dates from the query, or a DRF 400 error body."""
        today = datetime.datetime.fromtimestamp(self.now, datetime.timezone.utc).date()
        dates = {'start_date': today.replace(day=1), 'end_date': today}
        errors = {}
        for key in dates:
            value = request.query.get(key)
            if not value:
                continue
            try:
                dates[key] = datetime.datetime.strptime(value, DATE_FORMAT).date()
            except ValueError:
                errors[key] = [DATE_ERROR]
        if not errors and dates['end_date'] < dates['start_date']:
            errors['end_date'] = ['end_date must not be before start_date.']
        if errors:
            return errors
        return dates['start_date'], dates['end_date']

    def _traffic(self, vhost, start, end):
        vid = vhost['id']
        days = (end - start).days + 1
        if vid in self.daily_traffic:
            hundredths = self.daily_traffic[vid] * days
        else:
            hundredths = sum(_daily_hundredths(vid, start + datetime.timedelta(days=n)) for n in range(days))
        usage = '%d.%02d' % divmod(hundredths, 100)
        return {'usage': usage, 'quantity': 'gb', 'text': '%s gb' % usage, 'vhost': self._render(vhost)}

    def list_traffic(self, request):
        self._advance()
        dates = self._date_range(request)
        if isinstance(dates, dict):
            return json_response(dates, 400)
        return json_response([self._traffic(v, dates[0], dates[1]) for v in self.vhosts.values()])

    def get_traffic(self, request, vid):
        self._advance()
        vhost = self.vhosts.get(int(vid))
        if vhost is None:
            return self.not_found(request)
        dates = self._date_range(request)
        if isinstance(dates, dict):
            return json_response(dates, 400)
        return json_response(self._traffic(vhost, dates[0], dates[1]))


APP = CloakfusionApp
