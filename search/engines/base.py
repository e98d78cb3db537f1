"""The one interface every search engine implements; views and tasks never know which runs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from search.query import SearchQuery, SearchResult


class EngineUnavailable(RuntimeError):
    """The engine did not answer (down, unreachable, timing out)."""


class SearchEngine(Protocol):
    name: str

    def ping(self) -> bool: ...

    def ensure_index(self) -> None: ...

    def reload_dictionary(self) -> None:
        """Apply edits of the search dictionary to the index's search-time analysis."""

    def index(self, documents: list[dict]) -> None:
        """Insert or replace documents (by listing_id)."""

    def delete(self, listing_ids: list[int]) -> None: ...

    def search(self, query: SearchQuery) -> SearchResult: ...

    def suggest(self, prefix: str, size: int = 8) -> list[str]: ...

    def indexed_versions(self) -> dict[int, str]:
        """listing_id → updated_at of what the index holds, for the drift check."""

    def rebuild(self, documents: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> dict:
        """Build a fresh index from `documents` and switch to it with no moment without results."""

    def save_search(self, saved_search_id: int, query: SearchQuery) -> None: ...

    def forget_search(self, saved_search_id: int) -> None: ...

    def matching_saved_searches(self, document: dict) -> list[int]:
        """Saved searches a new document matches (percolation)."""
