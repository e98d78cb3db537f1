"""Turning a sale or an item into numbers a model can learn from.

A record is a dict with the documented columns: category, brand, model, attributes (dict), new_price
(number or None), age_days, condition ("" when unknown); sales also carry sold_price and sold_at.
Attributes are numbers, yes/no values or a few repeated words (an operating system, a colour).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

# 成色 as a number; unknown condition stays missing rather than being guessed.
CONDITION_SCORE = {"like_new": 100.0, "99": 99.0, "95": 95.0, "90": 90.0, "80": 80.0, "70": 70.0}
YES = {"yes", "y", "true", "1", "是", "有"}
NO = {"no", "n", "false", "0", "否", "无"}
MAX_LEVELS = 200  # a categorical feature keeps its most frequent values; HistGradientBoosting allows 255
MIN_SHARE = 0.3  # an attribute becomes a feature when at least this share of the sales carry it
NUMBER = re.compile(r"^\s*(-?\d+(?:\.\d+)?)")


def number(value) -> float | None:
    """A number, a yes/no value as 1/0, or a leading number ("128G" → 128); None otherwise."""
    if value is None or isinstance(value, bool):
        return None if value is None else float(value)
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().lower()
    if text in YES:
        return 1.0
    if text in NO:
        return 0.0
    match = NUMBER.match(text)
    return float(match.group(1)) if match else None


def family(model: str) -> str:
    """The model family: the model name without case, spaces or storage ("iPhone 13 128G" → "iphone13")."""
    text = re.sub(r"\s+", "", str(model or "").lower())
    return re.sub(r"\d+(g|gb|t|tb)$", "", text)


@dataclass
class Schema:
    """Which columns a fitted model reads, learnt from its training sales."""

    numeric: list[str] = field(default_factory=list)
    words: dict[str, list[str]] = field(default_factory=dict)  # attribute → its known values
    brands: list[str] = field(default_factory=list)
    families: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)  # of condition, age_days, new_price: those known

    @classmethod
    def learn(cls, records: list[dict]) -> Schema:
        counts: Counter = Counter()
        words: dict[str, Counter] = {}
        for record in records:
            for key, value in (record.get("attributes") or {}).items():
                if value in (None, ""):
                    continue
                if number(value) is not None:
                    counts[key] += 1
                else:
                    words.setdefault(key, Counter())[str(value).strip()] += 1
        enough = MIN_SHARE * len(records)
        numeric = sorted(k for k, n in counts.items() if n >= enough and k not in words)
        kept = {
            k: [w for w, _ in c.most_common(MAX_LEVELS)]
            for k, c in words.items()
            if sum(c.values()) >= enough and len(c) <= MAX_LEVELS and k not in counts
        }
        brands = Counter(r.get("brand", "") for r in records)
        families = Counter(family(r.get("model", "")) for r in records)
        fixed = [
            name
            for name, known in (
                ("condition", lambda r: r.get("condition")),
                ("age_days", lambda r: r.get("age_days") is not None),
                ("new_price", lambda r: r.get("new_price")),
            )
            if len({str(known(r) and r.get(name)) for r in records}) > 1 or all(known(r) for r in records)
        ]
        return cls(
            fixed=fixed,
            numeric=numeric,
            words=kept,
            brands=[b for b, _ in brands.most_common(MAX_LEVELS)],
            families=[f for f, _ in families.most_common(MAX_LEVELS)],
        )

    @property
    def columns(self) -> list[str]:
        return ["brand", "model", *self.words, *self.fixed, *self.numeric]

    @property
    def categorical(self) -> list[int]:
        return list(range(2 + len(self.words)))

    def matrix(self, records: list[dict]) -> np.ndarray:
        """One row per record; missing values are NaN (the model learns where they go)."""
        brand_code = {b: i for i, b in enumerate(self.brands)}
        family_code = {f: i for i, f in enumerate(self.families)}
        word_codes = [(k, {w: i for i, w in enumerate(v)}) for k, v in self.words.items()]
        out = np.full((len(records), len(self.columns)), np.nan)
        for i, r in enumerate(records):
            attributes = r.get("attributes") or {}
            fixed = {
                "condition": CONDITION_SCORE.get(r.get("condition") or "", np.nan),
                "age_days": float(r["age_days"]) if r.get("age_days") is not None else np.nan,
                "new_price": math.log(r["new_price"]) if r.get("new_price") else np.nan,
            }
            row = [
                brand_code.get(r.get("brand", ""), np.nan),
                family_code.get(family(r.get("model", "")), np.nan),
                *(codes.get(str(attributes.get(k, "")).strip(), np.nan) for k, codes in word_codes),
                *(fixed[name] for name in self.fixed),
                *(number(attributes.get(k)) for k in self.numeric),
            ]
            out[i] = [np.nan if v is None else v for v in row]
        return out
