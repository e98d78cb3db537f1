"""What a search asks for and what it returns, independent of the engine behind it."""

from __future__ import annotations

import base64
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal

SORTS = ("relevance", "newest", "price_asc", "price_desc", "distance")
FACETS = ("category", "condition", "trade_mode", "street", "appraised", "has_photos")


@dataclass
class SearchQuery:
    text: str = ""
    category: str = ""  # a category path; matches the whole subtree
    conditions: list[str] = field(default_factory=list)
    trade_modes: list[str] = field(default_factory=list)
    street: str = ""  # street code
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    appraised_only: bool = False
    has_photos: bool = False
    sort: str = "relevance"
    origin: tuple[float, float] | None = None  # (latitude, longitude) for distance sort
    size: int = 24
    after: list | None = None  # search_after cursor from the previous page

    def to_json(self) -> dict:
        data = asdict(self)
        for key in ("price_min", "price_max"):
            if data[key] is not None:
                data[key] = str(data[key])
        data.pop("after")
        return data

    @classmethod
    def from_json(cls, data: dict) -> SearchQuery:
        data = dict(data)
        for key in ("price_min", "price_max"):
            if data.get(key) is not None:
                data[key] = Decimal(data[key])
        if data.get("origin"):
            data["origin"] = tuple(data["origin"])
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Hit:
    listing_id: int
    score: float | None = None
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]]
    next_after: list | None = None
    engine: str = ""
    degraded: bool = False  # the configured engine did not answer; the database engine stood in
    corrected_text: str = ""  # nothing matched the query as typed; these are results for this text
    dropped_words: list[str] = field(default_factory=list)  # nothing matched every word; without these
    similar_from: int | None = None  # hits from here on match the query only in part (after a short list)


def encode_cursor(values: list | None) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode() if values else ""


def decode_cursor(token: str) -> list | None:
    if not token:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(token.encode()))
    except (ValueError, json.JSONDecodeError):
        return None
    return values if isinstance(values, list) else None
