# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The base every edgeops.cdn module is built on.

It wires the shared options (doc fragment edgeops.cdn.provider), resolves
credentials from options and environment, builds the provider adapter on one
ApiClient, and turns typed errors into one clear failure.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.edgeops.cdn.plugins.module_utils import client as client_mod
from ansible_collections.edgeops.cdn.plugins.module_utils.credentials import credential_problem, resolve_credentials
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import (
    CdnError,
    CdnInternalError,
    CdnPlanChangedError,
    CdnResponseError,
)
from ansible_collections.edgeops.cdn.plugins.module_utils.plan import plan_checksum
from ansible_collections.edgeops.cdn.plugins.module_utils.redaction import Secrets
from ansible_collections.edgeops.cdn.plugins.module_utils.run import RunOptions
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import PROVIDERS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class


# rate.MAX_WAIT (rate.py is imported only by a module whose account has a rate: see CdnModule.rate_budget).
RATE_MAX_WAIT = 900


def provider_argument_spec():
    return dict(
        provider=dict(type='str', required=True, choices=list(PROVIDERS)),
        api_url=dict(type='str'),
        api_token=dict(type='str', no_log=True),
        api_user=dict(type='str'),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='int', default=30),
        connect_timeout=dict(type='int', default=client_mod.CONNECT_TIMEOUT),
        retries=dict(type='int', default=5),
        retry_budget=dict(type='int', default=client_mod.RETRY_BUDGET),
        limits=dict(type='dict', options=dict(
            max_response_mb=dict(type='int', default=client_mod.MAX_RESPONSE_MB),
            max_json_depth=dict(type='int', default=client_mod.MAX_JSON_DEPTH),
            max_pages=dict(type='int', default=client_mod.MAX_PAGES),
        )),
        rate_limit=dict(type='dict', options=dict(
            calls=dict(type='int'),
            seconds=dict(type='float'),
            max_wait=dict(type='int', default=RATE_MAX_WAIT),
        )),
        rate_share=dict(type='float'),
        expected_plan_checksum=dict(type='str'),
    )


def return_raw_argument_spec():
    """The return_raw option of the state modules (doc fragment edgeops.cdn.raw)."""
    return dict(type='bool', default=False)


# Options whose value goes into a URL path as an id (``zone`` is a host name or an id).
ID_OPTIONS = ('zone_id', 'origin_id', 'certificate_id', 'job_id', 'action_id', 'storage_id', 'zone')
ID_LIST_OPTIONS = ('job_ids',)
# Answer-reading failures that mean "the answer was not what the code was written for".
ANSWER_ERRORS = (KeyError, TypeError, AttributeError, IndexError, ValueError, RecursionError, UnicodeError)


def no_log_values(spec, params):
    """The values of every no_log option (suboptions included) the user set."""
    found = []
    if not isinstance(params, dict):
        return found
    for name, option in spec.items():
        value = params.get(name)
        if value is None:
            continue
        if option.get('no_log'):
            found.extend(value if isinstance(value, list) else [value])
        sub = option.get('options')
        if sub:
            for item in (value if isinstance(value, list) else [value]):
                found.extend(no_log_values(sub, item))
    return found


def positive_problems(params):
    """(option, problem) for the bounds options that are not positive."""
    limits = params.get('limits') or {}
    out = client_mod.bound_problems(params)
    out.extend(client_mod.bound_problems(dict(('limits.%s' % k, limits.get(k)) for k in client_mod.LIMIT_OPTIONS)))
    if params.get('rate_limit') or params.get('rate_share') is not None:
        # EDGEOPS_CDN_RATE_SHARE is checked where a budget is built (rate.account_budget), before any request.
        out.extend(_rate().settings_problems(params.get('rate_limit'), params.get('rate_share'), environ={}))
    return out


def _rate():
    # Imported on use: modules of providers without a rate start without it.
    from ansible_collections.edgeops.cdn.plugins.module_utils import rate  # pylint: disable=import-outside-toplevel
    return rate


class CdnModule:
    """AnsibleModule plus the adapter for the chosen provider."""

    def __init__(self, argument_spec, resources=None, **kwargs):
        """``resources``: the resource kinds the module's core uses (interfaces/); only their provider
        code is loaded. None loads every resource."""
        spec = provider_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        if not client_mod.HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'),
                                  exception=client_mod.REQUESTS_IMPORT_ERROR)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.adapter_class = adapter_class(self.params['provider'], resources)
        self.capabilities = self.adapter_class.capabilities
        self._adapter = None
        # Set by a core before the first request when its module shows a zone's extras (cdn_zone_info).
        self.details = False
        # The whole plan (list of actions), set by the core through commit_plan before its first write,
        # and the current values it was computed against (part of plan_checksum, not shown).
        self.plan = None
        self._plan_basis = []
        # Every secret of the run in every form (redaction.Secrets): removed from all output.
        self.secrets = Secrets()
        for value in no_log_values(spec, self.params):
            self.add_secret(value)
        self._hide_secret_settings()
        self._check_ids_and_bounds()

    def add_secret(self, value):
        """Register a secret (all its forms) for removal from results, errors and logs."""
        if value in (None, ''):
            return
        self.secrets.add(value)
        self.module.no_log_values.update(self.secrets.forms)

    def _hide_secret_settings(self):
        """Settings a provider declares secret=True are as secret as no_log options."""
        settings = self.params.get('settings')
        if not isinstance(settings, dict):
            return
        for caps in self.capabilities.resources.values():
            for key, spec in caps.settings.items():
                value = settings.get(key)
                if spec.get('secret') and value not in (None, ''):
                    self.add_secret(str(value))

    def _check_ids_and_bounds(self):
        """Ids go into URL paths: refuse what no provider issues before any request is sent."""
        for option in ID_OPTIONS:
            value = self.params.get(option)
            if value is not None:
                self._refuse_id(option, value)
        for option in ID_LIST_OPTIONS:
            for value in self.params.get(option) or []:
                self._refuse_id(option, value)
        for option, problem in positive_problems(self.params):
            self.module.fail_json(msg='option %s: %s' % (option, problem))

    def _refuse_id(self, option, value):
        problem = client_mod.check_id_option(option, value)
        if problem:
            self.module.fail_json(msg='option %s: %r %s; allowed: an id as %s issues it (the *_info modules return them)'
                                  % (option, str(value)[:80], problem, self.capabilities.title))

    def credentials(self):
        caps = self.capabilities
        url, token, user = resolve_credentials(caps, self.params.get('api_url'), self.params.get('api_token'),
                                               self.params.get('api_user'))
        if token:
            # A token from the environment is as secret as one from the option.
            self.add_secret(token)
            if user:
                self.secrets.add_basic(user, token)
                self.module.no_log_values.update(self.secrets.forms)
        for value in client_mod.url_query_secrets(url):
            # A token pasted into api_url (refused below) is as secret as api_token: never echoed back.
            self.add_secret(value)
        problem = credential_problem(caps, url, token, user)
        if problem:
            self.module.fail_json(msg=problem)
        return url, token, user

    @property
    def adapter(self):
        if self._adapter is None:
            url, token, user = self.credentials()
            limits = self.params.get('limits') or {}
            options = dict(timeout=self.params['timeout'], retries=self.params['retries'],
                           validate_certs=self.params['validate_certs'], ca_path=self.params['ca_path'],
                           connect_timeout=self.params.get('connect_timeout') or client_mod.CONNECT_TIMEOUT,
                           retry_budget=self.params.get('retry_budget'),
                           secrets=self.secrets)
            if self.params.get('retry_budget') is None:
                options['retry_budget'] = client_mod.RETRY_BUDGET
            for key in ('max_response_mb', 'max_json_depth', 'max_pages'):
                if limits.get(key) is not None:
                    options[key] = limits[key]
            options['rate'] = self.rate_budget(url, token, user)
            self._adapter = self.adapter_class.build(url=url, token=token, user=user, run=self.run_options(),
                                                     client_options=options)
            self._adapter.client.write_gate = self._write_gate
            self.module.no_log_values.update(self.secrets.forms)
        return self._adapter

    def rate_budget(self, url, token, user):
        """The account's shared rate budget (rate.AccountBudget), or None: when the provider documents no
        rate and rate_limit sets none, or rate_limit.calls is 0. Raises CdnError on a bad EDGEOPS_CDN_RATE_SHARE."""
        limits = self.capabilities.limits
        wanted = self.params.get('rate_limit') or {}
        if not (wanted.get('calls') or limits.api_rate or limits.purge_rate):
            return None
        return _rate().account_budget(self.capabilities, url, token, user, wanted, self.params.get('rate_share'))

    def run_options(self):
        """The one explicit input a provider gets about this run (never the module's parameters)."""
        return RunOptions(check_mode=self.check_mode, wait=self.params.get('wait'),
                          wait_timeout=self.params.get('wait_timeout'), details=self.details)

    def request_log(self):
        if self._adapter is None:
            return []
        return self._adapter.client.log

    # --- the plan ------------------------------------------------------------

    def commit_plan(self, actions, basis=None):
        """The core's whole plan, computed before its first write (in check mode as in a real run).

        It is what the result shows as ``plan`` and ``plan_checksum``, what a failure after a write
        reports, and what O(expected_plan_checksum) is held against: a different plan fails here,
        before anything is written. Returns the plan as shown (secrets masked)."""
        self.plan = self.secrets.scrub_value([dict(a) for a in actions])
        self._plan_basis = self.secrets.scrub_value(basis or [])
        expected = self.params.get('expected_plan_checksum')
        if expected:
            checksum = plan_checksum(self.plan, self._plan_basis)
            if expected.strip().lower() != checksum:
                raise CdnPlanChangedError(
                    'option expected_plan_checksum: the plan is not the approved one (approved %s, planned now '
                    '%s): what the task would change is different since the plan was approved; nothing was '
                    'changed. Run the task in check mode again, review its plan and approve the new '
                    'plan_checksum' % (expected.strip(), checksum), provider=self.capabilities.name)
        return self.plan

    def _write_gate(self, operation):
        """Called by the client before every write: the last guard of the plan's rules."""
        if self.check_mode:
            raise CdnInternalError('%s was about to be sent in check mode and was refused; nothing was written. '
                                   'This is a defect of edgeops.cdn: please report it' % operation,
                                   provider=self.capabilities.name)
        if self.plan is None and self.params.get('expected_plan_checksum'):
            raise CdnInternalError('%s was about to be sent before the plan was complete, so it could not be '
                                   'held against expected_plan_checksum; refused, nothing was written. This is '
                                   'a defect of edgeops.cdn: please report it' % operation,
                                   provider=self.capabilities.name)

    def _with_plan(self, result):
        """Every result carries the plan (once committed) and its checksum (of no actions for a task
        that plans none, such as the info modules)."""
        if self.plan is not None:
            result['plan'] = self.plan
        result['plan_checksum'] = plan_checksum(self.secrets.scrub_value(result.get('plan') or []), self._plan_basis)
        return result

    def applied_writes(self):
        """The operations of the writes the provider accepted during this run (from the request log)."""
        return [e.get('operation') for e in self.request_log()
                if e.get('write') and not e.get('error') and e.get('status') is not None and 200 <= e['status'] < 300]

    def _report_applied(self, error, result):
        """A failure after a write never hides it: changed, the plan, and what was applied."""
        applied = self.applied_writes()
        maybe = isinstance(error, CdnError) and error.maybe_applied
        if not applied and not maybe and not result.get('changed'):
            result['changed'] = False
            return ''
        result['changed'] = True
        applied = result.setdefault('applied', applied)
        if maybe:
            result['maybe_applied'] = error.operation or 'the last write'
        if applied:
            more = ' and %d more' % (len(applied) - 5) if len(applied) > 5 else ''
            return ' (changed before this failure: %s%s; see applied and plan)' % (
                ', '.join(str(a) for a in applied[:5]), more)
        return ' (the last write may have been applied; see plan)' if maybe else ''

    # --- results -------------------------------------------------------------

    def shown(self, view):
        """A result object as the module returns it: without the provider's own representation
        (``raw``, several KB that Ansible prints with every -v) unless return_raw asks for it.
        Modules without the option (the info modules) always return it."""
        if not isinstance(view, dict) or self.params.get('return_raw', True):
            return view
        return dict((k, v) for k, v in view.items() if k != 'raw')

    def exit(self, **result):
        if self.module._verbosity >= 3:
            result['api_requests'] = self.request_log()
        self.module.exit_json(**self.secrets.scrub_value(self._with_plan(result)))

    def fail(self, error, **result):
        if self.module._verbosity >= 3:
            result['api_requests'] = self.request_log()
        if isinstance(error, CdnResponseError) and not error.provider:
            # Raised below the client (an id an answer did not carry): the last request's answer is the one.
            last = (self.request_log() or [{}])[-1]
            error.provider = self.capabilities.name
            error.operation = error.operation or last.get('operation')
        if isinstance(error, CdnError) and any(v is not None for v in error.as_dict().values()):
            # Only with content: a refused input (raised before any request) has no provider side.
            result['error'] = error.as_dict()
        result['msg'] = str(error) + self._report_applied(error, result)
        self.module.fail_json(**self.secrets.scrub_value(self._with_plan(result)))

    def fail_result(self, **result):
        """Fail with a result the module assembled itself (msg included)."""
        if self.module._verbosity >= 3:
            result['api_requests'] = self.request_log()
        result['msg'] = result.get('msg', '') + self._report_applied(None, result)
        self.module.fail_json(**self.secrets.scrub_value(self._with_plan(result)))

    def run(self, body):
        """Call body(); any CdnError becomes one clear failure, and so does an answer the code
        could not read (a wrong shape that slipped past the client's checks): never a traceback."""
        try:
            body()
        except CdnError as error:
            self.fail(error)
        except ANSWER_ERRORS as exc:
            log = self.request_log()
            if not log:
                raise
            self.fail(self.unreadable_answer(exc, log[-1]))

    def unreadable_answer(self, exc, last):
        """A CdnResponseError for an exception raised while using the answer to the last request."""
        where = ''
        tb = sys.exc_info()[2]
        while tb is not None and tb.tb_next is not None:
            tb = tb.tb_next
        if tb is not None:
            filename = tb.tb_frame.f_code.co_filename
            marker = 'module_utils' + os.sep
            short = filename.split(marker, 1)[-1] if marker in filename else os.path.basename(filename)
            where = ' in %s line %d' % (short, tb.tb_lineno)
        detail = '%s: %s' % (type(exc).__name__, str(exc)[:120]) if not isinstance(exc, RecursionError) \
            else 'RecursionError (nested too deep)'
        return CdnResponseError('the answer could not be used: it is not the shape the API documents (%s%s)'
                                % (detail, where), provider=self.capabilities.name, operation=last.get('operation'),
                                status=last.get('status'))
