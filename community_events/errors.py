class EventError(Exception):
    """A refused event action, with a message the user can read."""

    def __init__(self, message, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.code = code
