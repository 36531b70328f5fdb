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

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.edgeops.cdn.plugins.module_utils import client as client_mod
from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnError
from ansible_collections.edgeops.cdn.plugins.module_utils.providers import PROVIDERS
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.registry import adapter_class


def provider_argument_spec():
    return dict(
        provider=dict(type='str', required=True, choices=list(PROVIDERS)),
        api_url=dict(type='str'),
        api_token=dict(type='str', no_log=True),
        api_user=dict(type='str'),
        validate_certs=dict(type='bool', default=True),
        ca_path=dict(type='path'),
        timeout=dict(type='int', default=30),
        retries=dict(type='int', default=5),
    )


class CdnModule:
    """AnsibleModule plus the adapter for the chosen provider."""

    def __init__(self, argument_spec, **kwargs):
        spec = provider_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        if not client_mod.HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib('requests'),
                                  exception=client_mod.REQUESTS_IMPORT_ERROR)
        self.params = self.module.params
        self.check_mode = self.module.check_mode
        self.adapter_class = adapter_class(self.params['provider'])
        self.capabilities = self.adapter_class.capabilities
        self._adapter = None
        self._hide_secret_settings()

    def _hide_secret_settings(self):
        """Settings a provider declares secret=True are as secret as no_log options."""
        settings = self.params.get('settings')
        if not isinstance(settings, dict):
            return
        for caps in self.capabilities.resources.values():
            for key, spec in caps.settings.items():
                value = settings.get(key)
                if spec.get('secret') and value not in (None, ''):
                    self.module.no_log_values.add(str(value))

    def _env(self, names):
        for name in names:
            value = os.environ.get(name)
            if value:
                return value
        return None

    def credentials(self):
        caps = self.capabilities
        prefix = caps.name.upper()
        url = (self.params.get('api_url') or self._env([caps.url_env, 'CDN_API_URL'])
               or caps.default_url)
        token = self.params.get('api_token') or self._env(list(caps.token_env) + ['CDN_API_TOKEN'])
        user = self.params.get('api_user') or self._env(list(caps.user_env) + ['CDN_API_USER'])
        if token:
            # A token from the environment is as secret as one from the option.
            self.module.no_log_values.add(token)
        if not url:
            self.module.fail_json(msg='option api_url: %s has no public default URL; set api_url or %s_API_URL'
                                  % (caps.title, prefix))
        if not token:
            self.module.fail_json(msg='option api_token: no credential for %s; set api_token, %s or CDN_API_TOKEN'
                                  % (caps.title, ' or '.join(caps.token_env)))
        if caps.needs_user and not user:
            self.module.fail_json(msg='option api_user: %s needs the account user (e-mail); set api_user, %s or CDN_API_USER'
                                  % (caps.title, ' or '.join(caps.user_env)))
        return url, token, user

    @property
    def adapter(self):
        if self._adapter is None:
            url, token, user = self.credentials()
            self._adapter = self.adapter_class.build(
                url=url, token=token, user=user, params=self.params,
                client_options=dict(timeout=self.params['timeout'], retries=self.params['retries'],
                                    validate_certs=self.params['validate_certs'],
                                    ca_path=self.params['ca_path']))
        return self._adapter

    def request_log(self):
        if self._adapter is None:
            return []
        return self._adapter.client.log

    def exit(self, **result):
        if self.module._verbosity >= 3:
            result['api_requests'] = self.request_log()
        self.module.exit_json(**result)

    def fail(self, error, **result):
        if self.module._verbosity >= 3:
            result['api_requests'] = self.request_log()
        if isinstance(error, CdnError):
            result['error'] = error.as_dict()
        self.module.fail_json(msg=str(error), **result)

    def run(self, body):
        """Call body(); any CdnError becomes one clear failure."""
        try:
            body()
        except CdnError as error:
            self.fail(error)
