from marketplace.core.errors import DomainError


class OrderError(DomainError):
    """A refused order action, with a message the user can read."""
