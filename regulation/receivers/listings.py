"""Receivers for listings's signals."""


def connect() -> None:
    pass
