# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Desired versus current: which options differ, the state expected after a change, and the
checks of provider-native settings against what the provider declares. Pure functions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.edgeops.cdn.plugins.module_utils.errors import CdnValidationError
from ansible_collections.edgeops.cdn.plugins.module_utils.normalize import to_bool, to_int


# --- comparison ----------------------------------------------------------

def values_equal(desired, current, unordered=False):
    """Compare one option value; dicts compare only the keys desired sets."""
    if isinstance(desired, dict):
        if not isinstance(current, dict):
            return False
        return all(values_equal(v, current.get(k)) for k, v in desired.items() if v is not None)
    if isinstance(desired, (list, tuple)):
        if not isinstance(current, (list, tuple)):
            return not desired and not current
        if unordered:
            try:
                return sorted(desired) == sorted(current)
            except TypeError:
                return list(desired) == list(current)
        return list(desired) == list(current)
    if isinstance(desired, bool) or isinstance(current, bool):
        return to_bool(desired) == to_bool(current)
    if isinstance(desired, int) and not isinstance(desired, bool):
        return to_int(current) == desired
    return desired == current


def compare(desired, current, unordered=()):
    """Return {option: desired value} for every option set that differs.

    ``desired`` holds only what the user set (None means unspecified and is
    never compared). For a dict option only the differing keys are returned.
    """
    changes = {}
    current = current or {}
    for key, want in desired.items():
        if want is None:
            continue
        have = current.get(key)
        if isinstance(want, dict):
            sub = dict((k, v) for k, v in want.items()
                       if v is not None and not values_equal(v, (have or {}).get(k)))
            if sub:
                changes[key] = sub
        elif not values_equal(want, have, unordered=key in unordered):
            changes[key] = want
    return changes


def merge(current, changes):
    """The state expected after applying changes (used for check mode)."""
    result = copy.deepcopy(current or {})
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key].update(copy.deepcopy(value))
        else:
            result[key] = copy.deepcopy(value)
    return result


# --- option validation from capability declarations ----------------------

def validate_settings(provider, resource, settings, specs):
    """Check a provider-native ``settings`` dict against its declared specs.

    specs: {name: {'type': 'int'|'bool'|'str'|'list'|'dict', 'choices': [...],
    'min': n, 'max': n}}. Returns the settings coerced to the declared types.
    """
    if not settings:
        return settings
    result = {}
    for name, value in settings.items():
        spec = specs.get(name)
        if spec is None:
            hint = did_you_mean(name, specs)
            raise CdnValidationError(
                'settings', 'has key %r, which %s does not offer for a %s%s' % (name, provider, resource, hint),
                allowed=', '.join(sorted(specs)) or 'none')
        result[name] = coerce_setting(name, value, spec)
    return result


def did_you_mean(name, known):
    """'; did you mean X?' for a key that differs from a known one by case or a typo, else ''."""
    import difflib  # pylint: disable=import-outside-toplevel  # only on this error path: modules start faster
    text = str(name)
    same = [k for k in known if k.lower() == text.lower()]
    close = same or difflib.get_close_matches(text, list(known), n=1, cutoff=0.8)
    return '; did you mean %r?' % close[0] if close else ''


def range_text(low, high):
    """An allowed range in words: '0 to 10', 'at least 1', 'at most 5' (also the support matrix's words)."""
    if high is None:
        return 'at least %s' % low
    if low is None:
        return 'at most %s' % high
    return '%s to %s' % (low, high)


def coerce_setting(name, value, spec):
    kind = spec.get('type', 'str')
    option = 'settings.%s' % name
    if value is None:
        return None
    if kind == 'bool':
        if isinstance(value, bool) or str(value).lower() in ('0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'):
            return to_bool(value)
        raise CdnValidationError(option, 'is not a boolean', value=value, allowed='true or false')
    if kind == 'int':
        number = to_int(value)
        if not isinstance(number, int):
            raise CdnValidationError(option, 'is not an integer', value=value)
        low, high = spec.get('min'), spec.get('max')
        if (low is not None and number < low) or (high is not None and number > high):
            raise CdnValidationError(option, 'is out of range', value=value, allowed=range_text(low, high))
        value = number
    elif kind == 'list':
        if not isinstance(value, list):
            raise CdnValidationError(option, 'is not a list', value=value)
    elif kind == 'dict':
        if not isinstance(value, dict):
            raise CdnValidationError(option, 'is not a dictionary', value=value)
    elif kind == 'str':
        value = str(value)
    choices = spec.get('choices')
    if choices is not None and value not in choices:
        raise CdnValidationError(option, 'is not a valid choice', value=value,
                                 allowed=', '.join(str(c) for c in choices))
    return value


def check_range(option, value, low, high):
    if value is not None and not low <= value <= high:
        raise CdnValidationError(option, 'is out of range', value=value, allowed=range_text(low, high))
