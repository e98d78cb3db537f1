"""Receivers for orders's signals."""


def connect() -> None:
    pass
