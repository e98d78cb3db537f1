from marketplace.core.errors import DomainError


class ListingError(DomainError):
    """A refused listing action, with a message the user can read."""
