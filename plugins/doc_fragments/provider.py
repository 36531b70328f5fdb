# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r'''
attributes:
  action_group:
    support: full
    membership:
      - edgeops.cdn.cdn
    description: Use C(group/edgeops.cdn.cdn) in C(module_defaults) to set the shared options once.
options:
  provider:
    description:
      - Which CDN provider API to talk to.
    type: str
    required: true
    choices: [cloakfusion, cloudflow, cloudflare, ucdn, leaseweb]
  api_url:
    description:
      - Base URL of the provider API, with or without a trailing slash.
      - For V(cloudflare) the full URL of C(api_json.html).
      - Defaults to the provider's public URL; V(cloudflow) has none and needs this option.
      - When not set, the environment variable E(<PROVIDER>_API_URL), then E(CDN_API_URL), is used.
    type: str
  api_token:
    description:
      - The API token or key.
      - When not set, the provider's environment variable is used (E(CLOAKFUSION_API_TOKEN),
        E(CLOUDFLOW_API_KEY), E(CLOUDFLARE_API_TOKEN), E(UCDN_API_TOKEN), E(LEASEWEB_API_KEY)),
        then E(CDN_API_TOKEN).
    type: str
  api_user:
    description:
      - The account e-mail or user name, for providers that need one
        (V(cloudflare) C(email), V(cloudflow) HTTP basic user).
      - When not set, E(CLOUDFLARE_API_EMAIL) or E(CLOUDFLOW_API_USER), then E(CDN_API_USER), is used.
    type: str
  validate_certs:
    description:
      - Verify the provider's TLS certificate.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle to verify the provider's TLS certificate with.
    type: path
  timeout:
    description:
      - Timeout of one HTTP request, in seconds.
    type: int
    default: 30
  retries:
    description:
      - How often a request is retried on HTTP 429, 5xx, UCDN's 532, CloudFlare's E_MAXAPI
        and connection errors, with jittered exponential backoff that honours Retry-After.
      - A create whose answer was lost is never sent again blindly; the module reads the
        provider's state instead.
    type: int
    default: 5
notes:
  - Credentials may come from the environment, which is how an AWX/Tower custom credential type
    injects them. Use O(provider) with C(module_defaults) and the action group C(group/edgeops.cdn.cdn)
    to set them once for a play.
requirements:
  - requests
'''
