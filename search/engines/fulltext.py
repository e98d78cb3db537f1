"""The text part of the database engine's queries, for PostgreSQL full-text search and SQLite FTS5.

Groups come from `search.analysis`: every group must match, any word of a group will do.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.expressions import RawSQL


def fts5_matches(expression: str) -> RawSQL:
    # Constant SQL; the query expression is a bound parameter.
    return RawSQL(FTS_MATCH, [expression])  # noqa: S611  # nosec B611


def fts5_rank(expression: str) -> RawSQL:
    return RawSQL(FTS_RANK, [expression], output_field=FloatField())  # noqa: S611  # nosec B611


def stored_vector() -> RawSQL:
    """An entry's tsvector as PostgreSQL stores it (migration 0006): read, not parsed from `tokens`."""
    return RawSQL(STORED_VECTOR, [], output_field=SearchVectorField())  # noqa: S611  # nosec B611


def tsquery(groups: list[frozenset[str]]) -> str:
    return " & ".join("(" + " | ".join(map(tsquery_lexeme, sorted(group))) + ")" for group in groups)


def fts5_query(groups: list[frozenset[str]]) -> str:
    return " AND ".join("(" + " OR ".join(map(fts5_phrase, sorted(group))) + ")" for group in groups)


FTS_MATCH = "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s"
# bm25 is lower (negative) for better matches; as x/(1+x) of its negation it is, as ts_rank on
# PostgreSQL, a score between 0 and 1 where higher is better.
FTS_RANK = (
    "(SELECT -bm25(search_entry_fts) / (1.0 - bm25(search_entry_fts)) FROM search_entry_fts "
    "WHERE search_entry_fts MATCH %s AND rowid = search_searchentry.listing_id)"
)
# Constant SQL, looked up by primary key for each row ranked.
STORED_VECTOR = (
    "(SELECT v.vector FROM search_entry_vector v WHERE v.listing_id = search_searchentry.listing_id)"
)
INTENT_BOOST = 10.0  # above any text score: category words rank their category first


def intent_boost(categories: frozenset[str]):
    if not categories:
        return Value(0.0, output_field=FloatField())
    named = Q()
    for path in categories:
        named |= Q(category_path=path) | Q(category_path__startswith=path + "/")
    return Case(When(named, then=Value(INTENT_BOOST)), default=Value(0.0), output_field=FloatField())


def exact_bonus(words) -> Value | Case:
    if not words:
        return Value(0.0, output_field=FloatField())
    holds_all = Q()
    for word in words:
        holds_all &= Q(tokens__contains=f" {word} ")
    return Case(When(holds_all, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


def fts5_phrase(token: str) -> str:
    # FTS5 string: double quotes, doubled inside; tokens are [0-9a-z] or CJK (search.text.WORD).
    return '"' + token.replace('"', '""') + '"'


def tsquery_lexeme(token: str) -> str:
    # Tokens are [0-9a-z] or CJK only (see search.text.WORD), so quoting is enough for to_tsquery.
    return "'" + token.replace("'", "") + "'"
