from marketplace.core.errors import DomainError


class AppraisalError(DomainError):
    """A refused appraisal action, with a message the user can read."""
