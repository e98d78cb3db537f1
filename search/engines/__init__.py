"""Which engine runs: `SEARCH_ENGINE` picks it; if it does not answer, the database engine stands in."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

from .base import EngineUnavailable, SearchEngine
from .database import DatabaseEngine

__all__ = ["DatabaseEngine", "EngineUnavailable", "SearchEngine", "configured_engine", "database_engine"]


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=4)
def _remote(kind: str, url: str, prefix: str) -> SearchEngine:
    if kind == "opensearch":
        from .opensearch import OpenSearchEngine

        return OpenSearchEngine(url, prefix=prefix)
    from .elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(url, prefix=prefix)


def configured_engine() -> SearchEngine:
    if settings.SEARCH_ENGINE == "database" or not settings.SEARCH_URL:
        return database_engine()
    return _remote(settings.SEARCH_ENGINE, settings.SEARCH_URL, settings.SEARCH_INDEX_PREFIX)
