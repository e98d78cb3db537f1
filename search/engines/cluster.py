"""What OpenSearch and Elasticsearch engines share: index layout, alias switching, parsing.

Layout: listings live in `<prefix>-listings-<stamp>` behind the alias `<prefix>-listings`; saved
searches are percolator queries in `<prefix>-saved-searches`. A rebuild fills a new index while
searches keep reading the old one through the alias, then moves the alias in one atomic call.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable

from elasticsearch.dsl import Search
from elasticsearch.dsl.response import Response

from search import dsl
from search.query import Hit, SearchQuery, SearchResult

from .base import EngineUnavailable


class ClusterEngine:
    name = "cluster"
    #: exception classes of the client library that mean "the cluster did not answer"
    unavailable_errors: tuple[type[BaseException], ...] = ()
    not_found_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, client, *, prefix: str):
        self.client = client
        self.prefix = prefix
        self.alias = f"{prefix}-listings"
        self.saved_index = f"{prefix}-saved-searches"

    # --- plumbing ----------------------------------------------------------------------------------

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except self.unavailable_errors as exc:
            raise EngineUnavailable(str(exc)) from exc
        except Exception as exc:
            # While the dictionary is reloaded the index is closed for a moment: the database answers.
            if "index_closed_exception" in str(exc):
                raise EngineUnavailable(str(exc)) from exc
            raise

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False

    def _create_index(self, name: str, mapping: dict) -> None:
        self._call(
            self.client.indices.create,
            index=name,
            body={"settings": dsl.index_settings(), "mappings": mapping},
        )

    def _alias_targets(self) -> list[str]:
        try:
            return list(self._call(self.client.indices.get_alias, name=self.alias).keys())
        except self.not_found_errors:
            return []

    def ensure_index(self) -> None:
        if not self._alias_targets():
            name = f"{self.alias}-{int(time.time() * 1000)}"
            self._create_index(name, dsl.listing_mapping())
            self._call(self.client.indices.put_alias, index=name, name=self.alias)
        if not self._call(self.client.indices.exists, index=self.saved_index):
            self._create_index(self.saved_index, dsl.percolator_mapping())

    def reload_dictionary(self) -> None:
        """Give the indices the current search dictionary without reindexing: the synonym graph is a
        search-time filter, so closing, updating and reopening each index is enough (a moment)."""
        body = {"analysis": {"filter": {"dictionary": dsl.dictionary_filter()}}}
        for index in [*self._alias_targets(), self.saved_index]:
            self._call(self.client.indices.close, index=index)
            try:
                self._call(self.client.indices.put_settings, index=index, body=body)
            finally:
                self._call(self.client.indices.open, index=index, wait_for_active_shards=1)

    def drop_indices(self) -> None:
        """Delete every index under this engine's prefix (throwaway prefixes: tests, measurements)."""
        for name in (self.alias, self.saved_index):
            for index in self._call(self.client.indices.get, index=f"{name}*", ignore_unavailable=True):
                self._call(self.client.indices.delete, index=index)

    # --- writes ------------------------------------------------------------------------------------

    def index(self, documents: list[dict]) -> None:
        if documents:
            self._bulk(self.alias, documents, refresh=True)

    def _bulk(self, index: str, documents: list[dict], *, refresh: bool) -> None:
        lines: list[dict] = []
        for document in documents:
            lines.append({"index": {"_index": index, "_id": str(document["listing_id"])}})
            lines.append(dsl.indexed_body(document))
        response = self._call(self.client.bulk, body=lines, refresh="true" if refresh else "false")
        if response.get("errors"):
            failed = [item for item in response["items"] if item.get("index", {}).get("error")]
            raise EngineUnavailable(f"{len(failed)} documents refused: {failed[0]['index']['error']}")

    def delete(self, listing_ids: list[int]) -> None:
        if not listing_ids:
            return
        lines = [{"delete": {"_index": self.alias, "_id": str(pk)}} for pk in listing_ids]
        self._call(self.client.bulk, body=lines, refresh="true")

    def rebuild(self, documents: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> dict:
        old = self._alias_targets()
        name = f"{self.alias}-{int(time.time() * 1000)}"
        self._create_index(name, dsl.listing_mapping())
        count, batch = 0, []
        for document in documents:
            batch.append(document)
            if len(batch) == 500:
                self._bulk(name, batch, refresh=False)
                count += len(batch)
                batch = []
                if progress:
                    progress(count)
        if batch:
            self._bulk(name, batch, refresh=False)
            count += len(batch)
        self._call(self.client.indices.refresh, index=name)
        actions = [{"add": {"index": name, "alias": self.alias}}]
        actions += [{"remove": {"index": index, "alias": self.alias}} for index in old]
        self._call(self.client.indices.update_aliases, body={"actions": actions})
        for index in old:
            self._call(self.client.indices.delete, index=index)
        if progress:
            progress(count)
        return {"indexed": count, "index": name, "replaced": old}

    # --- reads -------------------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        raw = self._call(self.client.search, index=self.alias, body=dsl.search_body(query))
        response = Response(Search(), raw if isinstance(raw, dict) else raw.body)
        hits = []
        last_sort = None
        for hit in response.hits:
            meta = hit.meta
            distance = meta.sort[0] if query.sort == "distance" and query.origin else None
            hits.append(Hit(listing_id=int(hit.listing_id), score=meta.score, distance_km=distance))
            last_sort = list(meta.sort)
        facets = {
            name: {
                str(bucket.get("key_as_string", bucket["key"])): bucket["doc_count"]
                for bucket in response.aggregations.to_dict()[name]["buckets"]
            }
            for name in response.aggregations.to_dict()
        }
        total = response.hits.total.value
        next_after = last_sort if len(hits) == query.size else None
        return SearchResult(hits=hits, total=total, facets=facets, next_after=next_after, engine=self.name)

    def suggest(self, prefix: str, size: int = 8) -> list[str]:
        if not prefix.strip():
            return []
        raw = self._call(self.client.search, index=self.alias, body=dsl.suggest_body(prefix, size))
        raw = raw if isinstance(raw, dict) else raw.body
        options = raw.get("suggest", {}).get("titles", [{}])[0].get("options", [])
        return list(dict.fromkeys(option["_source"]["title"] for option in options))[:size]

    def indexed_versions(self) -> dict[int, str]:
        versions: dict[int, str] = {}
        after = None
        while True:
            body = {
                "size": 1000,
                "sort": [{"listing_id": "asc"}],
                "_source": ["listing_id", "updated_at"],
                "query": {"match_all": {}},
            }
            if after:
                body["search_after"] = after
            raw = self._call(self.client.search, index=self.alias, body=body)
            raw = raw if isinstance(raw, dict) else raw.body
            hits = raw["hits"]["hits"]
            for hit in hits:
                versions[int(hit["_source"]["listing_id"])] = hit["_source"]["updated_at"]
            if len(hits) < 1000:
                return versions
            after = hits[-1]["sort"]

    # --- saved searches as percolator queries ---------------------------------------------------------

    def save_search(self, saved_search_id: int, query: SearchQuery) -> None:
        self._call(
            self.client.index,
            index=self.saved_index,
            id=str(saved_search_id),
            body={"query": dsl.saved_search_query(query), "saved_search_id": saved_search_id},
            refresh="true",
        )

    def forget_search(self, saved_search_id: int) -> None:
        with contextlib.suppress(self.not_found_errors):
            self._call(self.client.delete, index=self.saved_index, id=str(saved_search_id), refresh="true")

    def matching_saved_searches(self, document: dict) -> list[int]:
        raw = self._call(self.client.search, index=self.saved_index, body=dsl.percolate_body(document))
        raw = raw if isinstance(raw, dict) else raw.body
        return [int(hit["_source"]["saved_search_id"]) for hit in raw["hits"]["hits"]]
