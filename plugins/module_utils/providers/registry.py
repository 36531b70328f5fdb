# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adapter lookup by provider name.

Each import is a literal ``from ... import`` statement, so Ansible ships every
adapter with the module (AnsiballZ finds imports anywhere in the source, also
inside functions); at run time only the chosen provider's adapter is imported,
which keeps a module's start-up cost to what it uses.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import PROVIDERS


def adapter_class(provider, kinds=None):
    """The Adapter class of one provider for the resource ``kinds`` a module manages (every resource
    when None), imported on first use."""
    # pylint: disable=import-outside-toplevel
    if provider == 'cloakfusion':
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloakfusion as adapter
    elif provider == 'cloudflow':
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflow as adapter
    elif provider == 'cloudflare':
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloudflare as adapter
    elif provider == 'ucdn':
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers import ucdn as adapter
    elif provider == 'leaseweb':
        from ansible_collections.edgeops.cdn.plugins.module_utils.providers import leaseweb as adapter
    else:
        raise KeyError('unknown provider %r; known: %s' % (provider, ', '.join(PROVIDERS)))
    return adapter.adapter_class(kinds)


def all_adapters():
    """Every provider's Adapter class, ordered as PROVIDERS (for generated docs)."""
    return [adapter_class(name) for name in PROVIDERS]
