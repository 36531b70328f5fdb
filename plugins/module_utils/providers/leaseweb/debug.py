# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Leaseweb CDN v2 debug (cdn_debug_info): how each CDN provider behind a distribution answers a URL.

Leaseweb CDN API v2 "Debug Url": ``POST debug`` with ``{"url": ...}`` ("url required | string
<uri> (Url) [ 1 .. 2083 ] characters", checked by the core: normalize.MAX_URL_LENGTH); the answer
{success, providerResponses: [{providerType, success, ip, statusCode, message, headers:
[{name, value}]}]} is normalised per CDN provider (wire.canonical_debug).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.interfaces.debug import DebugAPI
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.api import LeasewebAPI, field_problem, path
from ansible_collections.edgeops.cdn.plugins.module_utils.providers.leaseweb.wire import canonical_debug


class Debug(LeasewebAPI, DebugAPI):
    """DebugAPI on Leaseweb's debug endpoint."""

    def debug_url(self, url):
        # a read through POST; the answer is checked before it is normalised
        operation = 'debug URL'
        body = self.client.request('POST', path('debug'), operation, json={'url': url}, ok=(200, 201),
                                   expect='object', write=False).body
        responses = self.client.expect(body.get('providerResponses'), 'list', operation,
                                       what='the answer\'s \'providerResponses\'')
        for index, item in enumerate(responses):
            what = 'the answer\'s \'providerResponses\'[%d]' % index
            self.client.expect(item, 'object', operation, what=what)
            problem = field_problem(item, {'statusCode': 'int', 'headers': 'list'}, what)
            if problem:
                raise self.client.answer_error(operation, problem)
        return canonical_debug(body)
