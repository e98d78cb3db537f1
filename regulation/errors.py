from marketplace.core.errors import DomainError


class RegulationError(DomainError):
    """A refused regulator-side action, with a message the user can read."""
