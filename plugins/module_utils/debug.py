# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""cdn_debug_info's core: how each CDN provider behind a provider answers one URL.

The adapter contract (every adapter offering the resource ``debug``):
``debug_url(url)`` returns {'success': bool, 'providers': [{'type', 'success',
'ip', 'status_code', 'message', 'headers' (dict)}], 'raw': the answer}.
The request asks the provider to fetch the URL; it changes nothing, so check
mode sends it too.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import MAX_URL_LENGTH, split_url

URL_ALLOWED = 'an absolute http:// or https:// URL of 1 to %d characters on one of the zone\'s domains' % MAX_URL_LENGTH


def check_debug_url(value):
    """The URL to debug, checked before any request; raises CdnValidationError naming option url."""
    text = '' if value is None else str(value)
    if not 1 <= len(text) <= MAX_URL_LENGTH:
        raise CdnValidationError('url', 'is %d characters long' % len(text), allowed=URL_ALLOWED)
    if text != text.strip() or any(c.isspace() for c in text):
        raise CdnValidationError('url', 'contains white space', value=text, allowed=URL_ALLOWED)
    try:
        split_url(text)
    except ValueError as exc:
        raise CdnValidationError('url', 'is not an absolute http:// or https:// URL (it %s)' % exc, value=text,
                                 allowed=URL_ALLOWED)
    return text


def run_debug_info(cdn):
    caps = cdn.capabilities
    caps.require('debug', 'get')
    url = check_debug_url(cdn.params.get('url'))
    answer = cdn.adapter.debug_url(url)
    cdn.exit(changed=False, url=url, success=answer.get('success'), providers=answer.get('providers') or [],
             raw=answer.get('raw'))
