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
      - No credentials and no query string in the URL (a C(?token=) is refused before any request); the token
        goes in O(api_token).
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
      - Deadline of one try of a request, in seconds, from connecting to the last byte of the answer.
        It bounds the whole try, not each socket read, so an answer trickling in slowly ends at it too.
    type: int
    default: 30
  connect_timeout:
    description:
      - Seconds to wait for a connection to the API (TCP and TLS), within O(timeout).
    type: int
    default: 10
  retries:
    description:
      - How often a request is retried on HTTP 429, 5xx, UCDN's 532, CloudFlare's E_MAXAPI
        and connection errors, with jittered exponential backoff that honours Retry-After.
      - A refused or unresolvable connection is retried at most twice, and a try that timed out at most once.
      - A create whose answer was lost is never sent again blindly; the module reads the
        provider's state instead.
    type: int
    default: 5
  retry_budget:
    description:
      - The most seconds one task spends on retrying, over all its requests; tries that failed and
        the waits between tries count.
      - When it is spent the next failure is final. A C(Retry-After) asking for a longer wait than
        what is left fails at once, saying so.
      - V(0) disables retries.
    type: int
    default: 45
  limits:
    description:
      - Bounds on what the module accepts from the API. An answer beyond one of them fails the
        task with a message naming the limit; nothing is written after such an answer.
    type: dict
    suboptions:
      max_response_mb:
        description:
          - The largest answer body read, in MiB (after decompression).
        type: int
        default: 32
      max_json_depth:
        description:
          - How deeply JSON answers may nest.
        type: int
        default: 100
      max_pages:
        description:
          - The most pages one paginated listing may take. A listing also ends with an error when a
            page repeats earlier items.
        type: int
        default: 1000
  rate_limit:
    description:
      - The account's rate budget, shared by every task of this controller at once (all forks, all
        plays). Before each request a task takes a call from it, and waits while the account's calls
        of the last O(rate_limit.seconds) are spent. So many forks stay within the provider's limit
        together instead of each running into it.
      - When not set, the limit the provider documents is used. V(cloudflare) allows 1,200 calls per
        5 minutes (client API, 1.2 "General Issues Checklist"); V(cloudflow) 40 purge requests per
        5 minutes (OnApp CDN administration guide, "Purge Content"), which stays in force beside
        this option. V(cloakfusion), V(ucdn) and V(leaseweb) document none, so nothing is paced
        unless this option is set.
      - An HTTP 429 or V(E_MAXAPI) answer (calls made from elsewhere) is still retried, see O(retries).
      - The budget lives in small files in E(EDGEOPS_CDN_RATE_DIR), else C($XDG_RUNTIME_DIR/edgeops-cdn-rate),
        else a directory C(edgeops-cdn-rate-<uid>) in the system temporary directory; each is named by a
        keyed hash of the API URL and credentials, never by a credential.
    type: dict
    suboptions:
      calls:
        description:
          - How many calls the account allows in O(rate_limit.seconds); overrides the documented rate.
          - V(0) turns the shared budget off (the documented purge limit then holds within each task only).
        type: int
      seconds:
        description:
          - The window of O(rate_limit.calls), in seconds.
        type: float
      max_wait:
        description:
          - The most seconds a task waits for one call. Past it the task fails, saying so; nothing is sent.
        type: int
        default: 900
  rate_share:
    description:
      - The fraction of each of the account's rates this run may use, greater than 0 and at most 1.
      - For runs of one account on several machines at once, such as AWX job slices on several execution
        nodes; each machine keeps its own budget, so four slices at V(0.25) stay within the limit together.
      - When not set, E(EDGEOPS_CDN_RATE_SHARE), then V(1).
    type: float
  expected_plan_checksum:
    description:
      - The RV(plan_checksum) of an approved plan, usually returned by the same task in check
        mode. The task computes its plan again and fails before anything is written when it differs,
        that is when what the task would change, or the state it would change it from, is different
        since the approval. The failure shows the new plan and its checksum.
      - Use it for check job, approval, apply job workflows (AWX/Tower); see docs/awx.md in the collection.
      - Without it nothing is compared; every result still carries RV(plan_checksum).
    type: str
notes:
  - Every result carries RV(plan_checksum), a SHA-256 digest of the planned actions and of the
    current values they were planned against (never of a secret). The same task from the same
    state gives the same checksum, in check mode and for real.
  - A failure after a write reports C(changed=true), the plan and C(applied) (the writes the provider
    accepted), so nothing applied is hidden.
  - Credentials are sent only to the scheme, host and port of O(api_url). A redirect elsewhere
    (another host, or https to http) is not followed and fails naming the target host; redirects
    within the API host are followed up to three times (a write only on HTTP 307 or 308).
  - Every answer is checked before it is used (JSON of the documented shape, within O(limits));
    ids are sent as single URL path segments, and ids no provider issues (empty, V(..), control
    characters) are refused before any request.
  - Credentials may come from the environment, which is how an AWX/Tower custom credential type
    injects them. Use O(provider) with C(module_defaults) and the action group C(group/edgeops.cdn.cdn)
    to set them once for a play.
requirements:
  - requests
'''
