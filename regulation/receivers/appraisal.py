"""Receivers for appraisal's signals."""


def connect() -> None:
    pass
