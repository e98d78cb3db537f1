"""The search cluster's entry in /healthz; the database engine is covered by the database check."""

from .engines import configured_engine


def check_search() -> dict | None:
    engine = configured_engine()
    if engine.name == "database":
        return None
    return {"ok": engine.ping(), "engine": engine.name}
