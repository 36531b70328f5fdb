# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The small interface a provider implements for each resource.

One file a resource: the methods its core (zone.py, origin.py, purge.py, ...) calls and
the canonical shapes they exchange. They live apart from the cores so that a provider
package implements them without importing a core (layers point one way: modules ->
cores -> these interfaces <- providers). Each method a provider does not override raises
CdnUnsupportedError naming what the provider does offer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnUnsupportedError


class ResourceAPI:
    """Shared by the interfaces: the error for an operation a provider does not implement."""

    capabilities = None

    def _unsupported(self, kind, operation):
        try:
            self.capabilities.require(kind, operation)
        except CdnUnsupportedError as exc:
            return exc
        return CdnUnsupportedError('%s: %s of a %s is not implemented' % (self.capabilities.title, operation, kind),
                                   provider=self.capabilities.name)
