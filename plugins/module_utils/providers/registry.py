# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Adapter lookup by provider name.

Imports are static on purpose: Ansible ships a module with only the
module_utils it can see imported, so a dynamic import would be missing on the
managed host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.edgeops.cdn.plugins.module_utils.providers import cloakfusion, cloudflare, cloudflow, leaseweb, ucdn

# Ordered as PROVIDERS, so generated docs list them in a stable order.
ADAPTERS = dict(
    cloakfusion=cloakfusion.Adapter,
    cloudflow=cloudflow.Adapter,
    cloudflare=cloudflare.Adapter,
    ucdn=ucdn.Adapter,
    leaseweb=leaseweb.Adapter,
)


def adapter_class(provider):
    return ADAPTERS[provider]
