"""Turns the lower apps' signals into flags and audit entries, synchronously, inside the sender's
transaction: a flag and its audit entry commit or roll back with the change that caused them.
Connected by `RegulationConfig.ready()` through `connect()`."""

from . import appraisal, listings, orders


def connect() -> None:
    listings.connect()
    appraisal.connect()
    orders.connect()
