"""The search dictionary every engine shares: synonyms, narrower words, category words and brands.

Built from the `Synonym` rows platform staff edit and from the category tree. Each process keeps one
copy and looks for edits at most every `REFRESH_SECONDS`; jieba learns every word so product words
are not split. OpenSearch receives the same expansions as synonym-graph rules (`rules()`).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError
from django.db.models import Count, Max

from . import text

REFRESH_SECONDS = 30
SEED_FILE = Path(__file__).resolve().parent / "seed" / "dictionary.txt"


@dataclass(frozen=True)
class Entry:
    term: str
    synonyms: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    category: str = ""  # category path
    is_brand: bool = False


@dataclass
class Dictionary:
    expansions: dict[str, frozenset[str]] = field(default_factory=dict)
    intents: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> category paths
    brands: dict[str, tuple[str, ...]] = field(default_factory=dict)  # any brand word -> its names
    category_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # path -> names, synonyms
    pinyin: dict[str, str] = field(default_factory=dict)  # full pinyin (or initials) -> word
    vocabulary: frozenset[str] = frozenset()

    def expand(self, word: str) -> frozenset[str]:
        word = self.pinyin.get(word, word) if word.isascii() and word not in self.expansions else word
        return self.expansions.get(word, frozenset({word}))

    def intent(self, word: str) -> frozenset[str]:
        word = self.pinyin.get(word, word) if word.isascii() and word not in self.intents else word
        return self.intents.get(word, frozenset())

    def rules(self) -> list[str]:
        """Solr-format explicit mappings for OpenSearch's synonym_graph filter (one per word)."""
        keys = {**{word: word for word in self.expansions}, **self.pinyin}
        return [
            f"{key} => {', '.join(sorted(self.expansions[word] | {key}))}"
            for key, word in sorted(keys.items())
            if word in self.expansions and len(self.expansions[word] | {key}) > 1
        ]


def _norm(word: str) -> str:
    return "".join(text.words(word)) if word else ""


def build(entries: list[Entry], categories: list[tuple[str, str, str]]) -> Dictionary:
    """From dictionary entries and (path, Chinese name, English name) of every category."""
    groups: dict[str, set[str]] = {}
    narrower: dict[str, set[str]] = defaultdict(set)
    intents: dict[str, set[str]] = defaultdict(set)
    brands: dict[str, tuple[str, ...]] = {}
    category_words: dict[str, set[str]] = defaultdict(set)
    vocabulary: set[str] = set()
    text.add_words(word for entry in entries for word in (entry.term, *entry.synonyms, *entry.narrower))
    text.add_words(name for _path, name, _en in categories)
    own_names = {path: _norm(name) for path, name, _en in categories}
    for path, name, name_en in categories:
        # English names that are one word ("books") name a category; phrases and the catch-all do not.
        english = name_en.lower().replace("-", "") if " " not in name_en and path != "other" else ""
        for word in (_norm(name), english):
            if word:
                intents[word].add(path)
                category_words[path].add(word)
    for entry in entries:
        same = {w for w in (_norm(entry.term), *map(_norm, entry.synonyms)) if w}
        lower = {w for w in map(_norm, entry.narrower) if w}
        vocabulary |= same | lower
        group = set(same)
        for word in same:
            group |= groups.get(word, set())
        for word in group:
            groups[word] = group
        for word in same:
            narrower[word] |= lower
            if entry.category:
                intents[word].add(entry.category)
        # Only words naming the category itself (家电 for 家用电器) go into its listings' documents;
        # a word that merely points to it (冰箱) ranks it first but is not written into every listing.
        if entry.category and any(word in own_names.get(entry.category, "") for word in same):
            category_words[entry.category] |= same
        if entry.is_brand:
            names = tuple(sorted(same))
            for word in same | lower:
                brands[word] = names
    expansions = {}
    for word, group in groups.items():
        expanded = set(group)
        for member in group:
            expanded |= narrower[member]
        expansions[word] = frozenset(expanded)
    for words in intents.values():
        vocabulary |= words
    vocabulary |= set(intents)
    pinyin: dict[str, str] = {}
    clashes: set[str] = set()
    for word in sorted(vocabulary):
        if not text.CJK.search(word):
            continue
        keys = [text.full_pinyin(word)] + ([text.initials(word)] if len(word) >= 3 else [])
        for key in keys:
            if key in pinyin and pinyin[key] != word:
                clashes.add(key)
            pinyin.setdefault(key, word)
    for key in clashes:
        pinyin.pop(key, None)
    return Dictionary(
        expansions=expansions,
        intents={word: frozenset(paths) for word, paths in intents.items()},
        brands=brands,
        category_words={path: tuple(sorted(words)) for path, words in category_words.items()},
        pinyin=pinyin,
        vocabulary=frozenset(vocabulary),
    )


def seed_entries(path: Path = SEED_FILE) -> list[dict]:
    """The seed file as rows: term, synonyms, narrower, category slug, is_brand."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("|")] + [""] * 5
        rows.append(
            {
                "term": cells[0],
                "synonyms": cells[1],
                "narrower": cells[2],
                "category": cells[3],
                "is_brand": cells[4] == "brand",
            }
        )
    return rows


_lock = threading.Lock()
_state: dict = {"dictionary": None, "version": None, "checked": 0.0}


def _version():
    from listings.models import Category

    from .models import Synonym

    synonyms = Synonym.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    # Categories carry no change time, and a renamed one changes the words that mean it: their names
    # are part of the version (a few hundred short rows, read once per REFRESH_SECONDS).
    names = hash(tuple(Category.objects.order_by("pk").values_list("pk", "path", "name", "name_en")))
    return synonyms["n"], synonyms["at"], names


def _load() -> Dictionary:
    from listings.models import Category

    from .models import Synonym

    entries = [
        Entry(
            term=row.term,
            synonyms=tuple(row.words("synonyms")),
            narrower=tuple(row.words("narrower")),
            category=row.category.path if row.category_id else "",
            is_brand=row.is_brand,
        )
        for row in Synonym.objects.select_related("category")
    ]
    return build(entries, list(Category.objects.values_list("path", "name", "name_en")))


def current() -> Dictionary:
    """This process's dictionary, reloaded when staff have edited it (checked every REFRESH_SECONDS)."""
    now = time.monotonic()
    if _state["dictionary"] is not None and now - _state["checked"] < REFRESH_SECONDS:
        return _state["dictionary"]
    with _lock:
        try:
            version = _version()
            if _state["dictionary"] is None or version != _state["version"]:
                _state["dictionary"], _state["version"] = _load(), version
        except DatabaseError:  # before migrations: search as plain text
            return _state["dictionary"] or Dictionary()
        _state["checked"] = now
    return _state["dictionary"]


def forget() -> None:
    """Reload on the next use (after an edit in this process, and between tests)."""
    _state["checked"] = 0.0
