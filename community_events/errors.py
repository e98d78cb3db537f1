from marketplace.core.errors import DomainError


class EventError(DomainError):
    """A refused event action, with a message the user can read."""
