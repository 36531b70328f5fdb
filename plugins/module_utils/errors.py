# -*- coding: utf-8 -*-
# Copyright: edgeops.cdn contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Typed errors raised by the client and the provider adapters.

Adapters never call fail_json; they raise one of these and the module turns
it into a single message naming the provider, the operation, the HTTP status
and the provider's own words.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class CdnError(Exception):
    """Base error: carries everything a user needs to understand a failure."""

    def __init__(self, message, provider=None, operation=None, status=None,
                 provider_message=None, request_id=None, details=None):
        super(CdnError, self).__init__(message)
        self.message = message
        self.provider = provider
        self.operation = operation
        self.status = status
        self.provider_message = provider_message
        self.request_id = request_id
        self.details = details or {}
        # True when a write may have been applied although no success came back.
        self.maybe_applied = False
        # True when the request timed out: the provider may still be working on it, so a
        # re-read that finds nothing does not prove it was not applied.
        self.in_flight = False
        # Seconds the provider may still take to apply an in-flight write (the request timeout):
        # how long a re-read may wait for it to appear.
        self.in_flight_for = 0
        # The request that failed, as "METHOD /path" without query or secrets (the client sets it on a 404).
        self.request = None

    def __str__(self):
        parts = []
        if self.provider:
            parts.append(self.provider)
        if self.operation:
            parts.append(self.operation)
        prefix = ' '.join(parts)
        text = self.message
        if self.status is not None:
            text = '%s (HTTP %s)' % (text, self.status)
        if self.request:
            text = '%s: %s' % (text, self.request)
        if self.provider_message and self.provider_message not in text:
            text = '%s%s%s' % (text, u' \u2014 ' if self.request else ': ', self.provider_message)
        if self.request_id:
            text = '%s [request id %s]' % (text, self.request_id)
        return '%s: %s' % (prefix, text) if prefix else text

    def as_dict(self):
        return dict(
            provider=self.provider,
            operation=self.operation,
            status=self.status,
            provider_message=self.provider_message,
            request_id=self.request_id,
        )


class CdnApiError(CdnError):
    """The provider answered with an error."""


class CdnAuthError(CdnApiError):
    """The provider rejected the credentials."""


class CdnNotFoundError(CdnApiError):
    """The provider says the object does not exist."""


class CdnTransportError(CdnError):
    """No usable answer arrived (connection refused, reset, timed out).

    ``maybe_applied`` is true when the request may have reached the provider:
    a write in that state is never re-sent blindly; the caller re-reads.
    """

    def __init__(self, message, maybe_applied=False, **kwargs):
        super(CdnTransportError, self).__init__(message, **kwargs)
        self.maybe_applied = maybe_applied


class CdnResponseError(CdnError):
    """An answer that cannot be used: not JSON, not the documented shape, too large, too deep,
    a listing that does not end, or a redirect the client will not follow.

    Raised instead of guessing: a read that cannot be understood never leads to a write.
    """


class CdnValidationError(CdnError):
    """The user's input is wrong; raised before any request is sent."""

    def __init__(self, option, problem, allowed=None, value=None, **kwargs):
        message = 'option %s: %s' % (option, problem)
        if value is not None:
            message = 'option %s: %r %s' % (option, value, problem)
        if allowed:
            message = '%s; allowed: %s' % (message, allowed)
        super(CdnValidationError, self).__init__(message, **kwargs)
        self.option = option


class CdnUnsupportedError(CdnError):
    """The provider does not offer this resource or operation."""


class CdnWaitTimeout(CdnError):
    """A waiter ran out of time."""


class CdnPlanChangedError(CdnError):
    """The plan computed now is not the plan that was approved (expected_plan_checksum): the state
    changed in between. Raised before any write."""


class CdnInternalError(CdnError):
    """The collection's own rule was broken (a write in check mode, a write before the plan was
    complete); the write is refused. A defect to report, never the user's fault."""
