"""Mappings and query bodies for the cluster engines, built once with elasticsearch-dsl.

The same `to_dict()` bodies go to OpenSearch and Elasticsearch; responses are read back with the
DSL's Response class.
"""

from __future__ import annotations

from django.conf import settings
from elasticsearch.dsl import A, Mapping, Q, Search

from search import dictionary, text
from search.analysis import analyse
from search.query import SearchQuery

WHITESPACE = "whitespace"  # tokens and pinyin are segmented before indexing
QUERY_WORDS = "query_words"  # search-time: the dictionary's expansions as a synonym graph
INTENT_BOOST = 100.0  # above any text score: category words rank their category first


def dictionary_filter() -> dict:
    """The search dictionary as a synonym_graph filter; updatable on a closed index (no reindex)."""
    return {"type": "synonym_graph", "synonyms": dictionary.current().rules() or ["a => a"], "lenient": True}


def index_settings() -> dict:
    return {
        # One shard and no replica on one node; a cluster spreads shards and keeps a copy of each
        # on another node, so losing a node loses no listing and searches keep answering.
        "number_of_shards": settings.SEARCH_INDEX_SHARDS,
        "number_of_replicas": settings.SEARCH_INDEX_REPLICAS,
        "analysis": {
            "filter": {"dictionary": dictionary_filter()},
            "analyzer": {
                QUERY_WORDS: {"type": "custom", "tokenizer": "whitespace", "filter": ["dictionary"]}
            },
        },
    }


def listing_mapping() -> dict:
    m = Mapping()
    m.field("listing_id", "long")
    m.field("title", "text", analyzer="cjk", fields={"raw": {"type": "keyword"}})
    m.field("description", "text", analyzer="cjk")
    m.field("attributes_text", "text", analyzer="cjk")
    m.field("tokens", "text", analyzer=WHITESPACE, search_analyzer=QUERY_WORDS)
    m.field("pinyin", "text", analyzer=WHITESPACE)
    m.field("suggest", "completion", analyzer="simple", preserve_separators=False)
    for keyword in (
        "category_path",
        "category_ancestors",
        "top_category",
        "condition",
        "trade_mode",
        "street",
        "appraisal_grade",
        "updated_at",
    ):
        m.field(keyword, "keyword")
    m.field("community_id", "long")
    m.field("price", "float")
    m.field("seller_rating", "float")
    m.field("location", "geo_point")
    m.field("appraised", "boolean")
    m.field("has_photos", "boolean")
    m.field("published_at", "date")
    return m.to_dict()


def percolator_mapping() -> dict:
    mapping = listing_mapping()
    mapping["properties"]["query"] = {"type": "percolator"}
    mapping["properties"]["saved_search_id"] = {"type": "long"}
    return mapping


def indexed_body(document: dict) -> dict:
    """The stored document: what the mapping expects, plus suggestion inputs (title, its pinyin)."""
    body = dict(document)
    body["tokens"] = " ".join(document["tokens"])
    body["suggest"] = {"input": [document["title"], *document["pinyin"].split()]}
    return body


def filters(query: SearchQuery) -> list:
    clauses = []
    if query.category:
        clauses.append(Q("term", category_ancestors=query.category))
    if query.conditions:
        clauses.append(Q("terms", condition=query.conditions))
    if query.trade_modes:
        clauses.append(Q("terms", trade_mode=query.trade_modes))
    if query.street:
        clauses.append(Q("term", street=query.street))
    price = {}
    if query.price_min is not None:
        price["gte"] = float(query.price_min)
    if query.price_max is not None:
        price["lte"] = float(query.price_max)
    if price:
        clauses.append(Q("range", price=price))
    if query.appraised_only:
        clauses.append(Q("term", appraised=True))
    if query.has_photos:
        clauses.append(Q("term", has_photos=True))
    return clauses


def text_query(query_text: str):
    """Every segmented word must match (as a word or one of its dictionary alternatives, its pinyin,
    or in the title and description), with fuzziness for Latin words so "iphnoe" still finds iPhone.
    Listings of a category the query names rank first."""
    analysed = analyse(query_text)
    if not analysed.words:
        return None
    per_word = []
    for word in analysed.words:
        per_word.append(
            Q(
                "bool",
                should=[
                    Q("term", tokens={"value": word, "boost": 2.0}),
                    Q("match", tokens={"query": word}),  # expanded by the synonym graph
                    Q("match_phrase", title={"query": word, "boost": 3.0}),
                    Q("match_phrase", description=word),
                    Q(
                        "match",
                        pinyin={"query": text.query_pinyin(word)[0] if text.CJK.search(word) else word},
                    ),
                    # Fuzzy on the title only: on the pinyin tokens it would take shouji for chouti (抽屉).
                    *(
                        [Q("match", title={"query": word, "fuzziness": "AUTO", "prefix_length": 1})]
                        if word.isascii() and not word.isdigit()
                        else []
                    ),
                ],
                minimum_should_match=1,
            )
        )
    # A homophone typo (手鸡 for 手机) still meets the listing through the pinyin of the whole run.
    runs = text.query_pinyin_runs(query_text)
    matcher = Q(
        "bool",
        should=[Q("bool", must=per_word), Q("match", pinyin={"query": " ".join(runs), "operator": "and"})],
        minimum_should_match=1,
    )
    if not analysed.categories:
        return matcher
    intent = Q(
        "constant_score",
        filter=Q("terms", category_ancestors=sorted(analysed.categories)),
        boost=INTENT_BOOST,
    )
    return Q("bool", must=[matcher], should=[intent])


SORTS = {
    "newest": [{"published_at": {"order": "desc"}}, {"listing_id": {"order": "desc"}}],
    "price_asc": [{"price": {"order": "asc", "missing": "_first"}}, {"listing_id": {"order": "asc"}}],
    "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, {"listing_id": {"order": "desc"}}],
    "relevance": [
        {"_score": {"order": "desc"}},
        {"published_at": {"order": "desc"}},
        {"listing_id": {"order": "desc"}},
    ],
}


def search_body(query: SearchQuery) -> dict:
    search = Search()
    matcher = text_query(query.text) if query.text else None
    search = search.query(Q("bool", must=[matcher] if matcher else [Q("match_all")], filter=filters(query)))
    if query.sort == "distance" and query.origin:
        lat, lon = query.origin
        search = search.filter("exists", field="location").sort(
            {"_geo_distance": {"location": {"lat": lat, "lon": lon}, "order": "asc", "unit": "km"}},
            {"listing_id": {"order": "asc"}},
        )
    else:
        sort = query.sort if query.sort in SORTS else "newest"
        if sort == "relevance" and not query.text:
            sort = "newest"  # nothing to rank by
        search = search.sort(*SORTS[sort])
    search = search.extra(size=query.size, track_total_hits=True)
    if query.after:
        search = search.extra(search_after=query.after)
    search.aggs.bucket("category", A("terms", field="category_path", size=100))
    search.aggs.bucket("top_category", A("terms", field="top_category", size=50))
    for field in ("condition", "trade_mode", "street", "appraised", "has_photos"):
        search.aggs.bucket(field, A("terms", field=field, size=50))
    return search.to_dict()


def suggest_body(prefix: str, size: int) -> dict:
    return {
        "_source": ["title"],
        "suggest": {
            "titles": {
                "prefix": prefix.lower(),
                "completion": {"field": "suggest", "size": size, "skip_duplicates": True},
            }
        },
    }


def percolate_body(document: dict) -> dict:
    return {
        "query": {"percolate": {"field": "query", "document": indexed_body(document)}},
        "size": 1000,
        "_source": ["saved_search_id"],
    }


def saved_search_query(query: SearchQuery) -> dict:
    """A saved search as a stored percolator query: its text and filters, no sort or paging."""
    matcher = text_query(query.text) if query.text else None
    return Q("bool", must=[matcher] if matcher else [Q("match_all")], filter=filters(query)).to_dict()
