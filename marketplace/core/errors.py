"""The one shape of a refused action.

Every app subclasses `DomainError` once (`ListingError`, `OrderError` …). Services raise it with a
message a user can read; `DomainErrorMiddleware` turns any that a view did not catch into that message,
so a refusal never becomes a 500.
"""

from __future__ import annotations


class DomainError(Exception):
    """A refused action, with a translated message and a short machine code."""

    def __init__(self, message, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code

    @classmethod
    def require(cls, condition: object, message, code: str = "invalid") -> None:
        """Raise this error with `message` unless `condition` holds."""
        if not condition:
            raise cls(message, code=code)
