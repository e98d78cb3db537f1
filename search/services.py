"""Searching, keeping the index in step with the database, saved searches and their digests."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import replace

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from listings.models import Listing

from . import signals
from .analysis import analyse, broader, correction, relaxations
from .documents import indexable, listing_document, listings_for_index
from .engines import EngineUnavailable, configured_engine, database_engine
from .models import IndexOutbox, SavedSearch, SavedSearchMatch
from .query import SearchQuery, SearchResult

logger = logging.getLogger(__name__)


def search_listings(query: SearchQuery) -> SearchResult:
    """Ask the configured engine; if it does not answer, the database engine answers instead."""
    engine = configured_engine()
    try:
        return search_with_recovery(engine, query)
    except EngineUnavailable:
        logger.warning("search engine %s unavailable; answering from the database", engine.name)
        result = search_with_recovery(database_engine(), query)
        result.degraded = True
        return result


def search_with_recovery(engine, query: SearchQuery) -> SearchResult:
    """Search; when nothing matches, try the query corrected, then with one word dropped; when less
    than a page matches, add similar listings after them. The result says what was done, so the page
    can tell the resident."""
    result = engine.search(query)
    if not query.text or query.after:
        return result
    if not result.total:
        return _recovered(engine, query) or result
    if result.total < query.size:
        _add_similar(engine, query, result)
    return result


def _recovered(engine, query: SearchQuery) -> SearchResult | None:
    corrected = correction(query.text)
    if corrected:
        retried = engine.search(replace(query, text=corrected))
        if retried.total:
            retried.corrected_text = corrected
            return retried
    relaxed = _best_relaxation(engine, replace(query, text=corrected or query.text))
    return relaxed


# Recovery costs one search per try: a long query (or a hostile one) gets no more tries than this.
MAX_RELAXATIONS = 6
MAX_CATEGORY_FILLS = 2


def _best_relaxation(engine, query: SearchQuery) -> SearchResult | None:
    """The query without one word, preferring to keep words that name a category, then most results."""
    best = None
    for dropped, rest in list(relaxations(query.text))[:MAX_RELAXATIONS]:
        if best is not None and analyse(dropped).categories:
            break  # a word naming a category is dropped only if nothing else helped
        retried = engine.search(replace(query, text=rest))
        if retried.total and (best is None or retried.total > best.total):
            retried.dropped_words = [dropped]
            best = retried
    return best


def _add_similar(engine, query: SearchQuery, result: SearchResult) -> None:
    """Fill the first page: listings matching the query corrected, or all but one word, or a broader
    word (挂机 → 空调), then listings of the category the query names."""
    seen = {hit.listing_id for hit in result.hits}
    similar = []
    corrected = correction(query.text)
    if corrected:  # a misspelt brand may have met a few titles by fuzzy matching only
        similar += engine.search(replace(query, text=corrected)).hits
    relaxed = _best_relaxation(engine, query)
    if relaxed:
        similar += relaxed.hits
    for word in broader(query.text)[:3]:
        similar += engine.search(replace(query, text=word)).hits
    if not query.category:
        for path in sorted(analyse(query.text).categories)[:MAX_CATEGORY_FILLS]:
            similar += engine.search(replace(query, text="", category=path)).hits
    result.similar_from = len(result.hits)
    for hit in similar:
        if len(result.hits) >= query.size:
            break
        if hit.listing_id not in seen:
            seen.add(hit.listing_id)
            result.hits.append(hit)


def suggest(prefix: str) -> list[str]:
    try:
        return configured_engine().suggest(prefix)
    except EngineUnavailable:
        return database_engine().suggest(prefix)


def process_outbox(*, limit: int = 500) -> dict[str, int]:
    """Apply pending listing changes to the index. Rows are deleted only once the engine took them;
    if it is down they stay (with the error) and the next run tries again."""
    engines = [configured_engine()]
    if engines[0].name != "database":
        engines.append(database_engine())  # the fallback must be current when it is needed
    with transaction.atomic():
        rows = list(IndexOutbox.objects.select_for_update(skip_locked=True).order_by("pk")[:limit])
        if not rows:
            return {"indexed": 0, "deleted": 0, "failed": 0}
        listing_ids = sorted({row.listing_id for row in rows})
        listings = {listing.pk: listing for listing in listings_for_index().filter(pk__in=listing_ids)}
        documents = [listing_document(listing) for listing in listings.values() if indexable(listing)]
        gone = [pk for pk in listing_ids if pk not in listings]
        try:
            for engine in engines:
                engine.index(documents)
                engine.delete(gone)
        except EngineUnavailable as exc:
            IndexOutbox.objects.filter(pk__in=[row.pk for row in rows]).update(
                attempts=F("attempts") + 1, last_error=str(exc)[:300]
            )
            return {"indexed": 0, "deleted": 0, "failed": len(listing_ids)}
        IndexOutbox.objects.filter(pk__in=[row.pk for row in rows]).delete()
    _record_saved_search_matches(documents, engines[0])
    return {"indexed": len(documents), "deleted": len(gone), "failed": 0}


def _record_saved_search_matches(documents: list[dict], engine) -> None:
    for document in documents:
        try:
            ids = engine.matching_saved_searches(document)
        except EngineUnavailable:
            ids = database_engine().matching_saved_searches(document)
        for saved_id in ids:
            SavedSearchMatch.objects.get_or_create(
                saved_search_id=saved_id, listing_id=document["listing_id"]
            )


def reload_dictionary() -> str:
    """Give the configured engine the current search dictionary (no reindex); its name for the log."""
    from .dictionary import forget

    forget()
    engine = configured_engine()
    engine.reload_dictionary()
    return engine.name


def rebuild_index(*, progress=None) -> dict:
    engine = configured_engine()
    engine.ensure_index()
    documents = (listing_document(listing) for listing in listings_for_index().iterator(chunk_size=500))
    return engine.rebuild(documents, progress=progress)


def index_drift() -> dict[str, list[int]]:
    """Listings missing from the index, stale in it, or in it but no longer on offer."""
    expected = {
        pk: updated.isoformat()
        for pk, updated in Listing.objects.filter(status=Listing.Status.PUBLISHED).values_list(
            "pk", "updated_at"
        )
    }
    indexed = configured_engine().indexed_versions()
    return {
        "missing": sorted(set(expected) - set(indexed)),
        "stale": sorted(pk for pk in set(expected) & set(indexed) if expected[pk] != indexed[pk]),
        "extra": sorted(set(indexed) - set(expected)),
    }


# --- Saved searches ------------------------------------------------------------------------------


def save_search(user, *, name: str, query: SearchQuery) -> SavedSearch:
    saved = SavedSearch.objects.create(
        user=user, name=name[:60] or query.text or _("My search"), query=query.to_json()
    )
    try:
        configured_engine().save_search(saved.pk, query)
    except EngineUnavailable:
        logger.warning("saved search %s not registered with the engine yet", saved.pk)
    return saved


def delete_saved_search(saved: SavedSearch, *, user) -> None:
    if saved.user_id != user.pk:
        raise PermissionError
    with contextlib.suppress(EngineUnavailable):
        configured_engine().forget_search(saved.pk)
    saved.delete()


def send_saved_search_digests(*, now: dt.datetime | None = None) -> int:
    """One email per saved search with new matches, at most once per SAVED_SEARCH_DIGEST_HOURS."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(hours=settings.SAVED_SEARCH_DIGEST_HOURS)
    sent = 0
    due = SavedSearch.objects.filter(matches__notified_at__isnull=True).distinct().select_related("user")
    for saved in due:
        if saved.last_digest_at and saved.last_digest_at > cutoff:
            continue
        with transaction.atomic():
            matches = list(
                saved.matches.select_for_update().filter(notified_at__isnull=True).select_related("listing")
            )
            listings = [m.listing for m in matches if m.listing.status == Listing.Status.PUBLISHED]
            if listings:
                # Notifications puts the digest in the inbox and mails it (after this commits).
                signals.digest_ready.send(sender=SavedSearch, saved=saved, listings=listings)
                sent += 1
            SavedSearchMatch.objects.filter(pk__in=[m.pk for m in matches]).update(notified_at=now)
            SavedSearch.objects.filter(pk=saved.pk).update(last_digest_at=now)
    return sent
