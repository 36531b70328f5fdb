# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # What each attribute means. Every module uses it, together with one of the variants below
    # (edgeops.cdn.attributes.resource_module or edgeops.cdn.attributes.info_module) or with
    # support levels of its own. The action_group attribute is in edgeops.cdn.provider.
    # A module's own attributes entries are merged over these key by key: a module states only
    # the support or details where it differs.
    DOCUMENTATION = r'''
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without changing anything at the provider.
  diff_mode:
    description: Will return details on what has changed (or would change in C(check_mode)), when in diff mode.
  idempotent:
    description:
      - When run twice in a row outside check mode, with the same arguments, the second run reports no change.
      - This assumes that nothing else changed the provider's state in between.
'''

    # Modules that bring a resource (a zone, an origin, a certificate, records, rules) to a desired state.
    # Use together with the standard fragment.
    RESOURCE_MODULE = r'''
attributes:
  check_mode:
    support: full
    details: Reads the current state, returns the plan (RV(plan)) and the result as it would be, and sends no mutating request.
  diff_mode:
    support: full
    details: Shows what the task manages before and after, as the module returns it; secrets are never shown.
  idempotent:
    support: full
'''

    # Modules that only read. Use together with the standard fragment.
    INFO_MODULE = r'''
attributes:
  check_mode:
    support: full
    details: The module only reads; in check mode it sends the same reads and returns the same result.
  diff_mode:
    support: N/A
    details: The module changes nothing, so there is no before and after to show.
  idempotent:
    support: full
    details: The module only reads.
'''
