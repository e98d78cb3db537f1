"""Reading the relevance data: the catalogue, the judged queries and the recorded floors."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

DATA_DIR = Path(settings.BASE_DIR) / "benchmarks" / "relevance"
SPLITS = ("tuning", "heldout", "all")
# Copies of a base listing differ as residents' listings do: an opening word and a pick-up note.
OPENERS = ["", "九成新 ", "自用 ", "闲置 ", "搬家出 ", "便宜出 ", "可小刀 "]
NOTES = ["南开大学附近自提", "天大北门可面交", "水上公园附近", "鼓楼地铁站可送", "华苑自提", "长虹公园旁"]


@dataclass(frozen=True)
class Item:
    key: str  # base key plus copy number, e.g. p-ip13-2
    base: str
    category: str  # category slug
    kind: str
    brand: str
    title: str
    description: str
    attributes: dict = field(default_factory=dict)


@dataclass
class Judgment:
    text: str
    split: str
    grades: dict[str, int]  # item key -> 2 (exact) or 1 (acceptable)


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("|")])
    return rows


def _attributes(cell: str) -> dict:
    pairs = (part.split("=", 1) for part in cell.split(";") if "=" in part)
    return {key.strip(): value.strip() for key, value in pairs}


def catalogue() -> list[Item]:
    items = []
    for index, row in enumerate(_rows("catalogue.txt")):
        row += [""] * (8 - len(row))
        base, category, kind, brand, title, description, attributes, copies = row[:8]
        for copy in range(int(copies or 3)):
            opener = OPENERS[(index + copy) % len(OPENERS)] if copy else ""
            note = NOTES[(index * 5 + copy) % len(NOTES)]
            items.append(
                Item(
                    key=f"{base}-{copy}",
                    base=base,
                    category=category,
                    kind=kind,
                    brand="" if brand == "-" else brand,
                    title=f"{opener}{title}"[:60],
                    description=f"{description}，{note}。",
                    attributes=_attributes(attributes),
                )
            )
    return items


def judgments(items: list[Item], category_paths: dict[str, str], *, split: str = "all") -> list[Judgment]:
    """The judged queries of a split, their selectors resolved to item keys."""
    result = []
    for row in _rows("judgments.txt"):
        row += [""] * (4 - len(row))
        text, part, exact, acceptable = row[:4]
        if split != "all" and part != split:
            continue
        grades: dict[str, int] = {}
        for grade, cell in ((1, acceptable), (2, exact)):
            for item in items:
                if any(_selects(term, item, category_paths) for term in cell.split()):
                    grades[item.key] = grade
        result.append(Judgment(text=text, split=part, grades=grades))
    return result


def _selects(term: str, item: Item, category_paths: dict[str, str]) -> bool:
    for condition in term.split("&"):
        name, _, value = condition.partition(":")
        if name == "cat":
            path, root = category_paths[item.category], category_paths[value]
            if path != root and not path.startswith(root + "/"):
                return False
        elif name == "key":
            if item.base != value:
                return False
        elif getattr(item, name) != value:
            return False
    return True


def floors() -> dict:
    """engine -> split -> {recall_at_24, ndcg_at_10, zero_result_rate}, as recorded with the data."""
    with (DATA_DIR / "floors.toml").open("rb") as handle:
        return tomllib.load(handle)
