"""Recall@24, NDCG@10 and the zero-result rate of a run over judged queries."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass
class Outcome:
    text: str
    ranked: list[str]  # item keys in result order
    total: int
    grades: dict[str, int]

    @property
    def recall(self) -> float:
        """Share of the relevant listings in the first 24, out of at most 24 (one results page)."""
        relevant = [key for key, grade in self.grades.items() if grade > 0]
        if not relevant:
            return 1.0
        found = sum(1 for key in self.ranked[:24] if self.grades.get(key, 0) > 0)
        return found / min(len(relevant), 24)

    @property
    def ndcg(self) -> float:
        gains = [self.grades.get(key, 0) for key in self.ranked[:10]]
        ideal = sorted(self.grades.values(), reverse=True)[:10]
        best = _dcg(ideal)
        return _dcg(gains) / best if best else 1.0


def _dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


@dataclass
class Figures:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def queries(self) -> int:
        return len(self.outcomes)

    @property
    def recall_at_24(self) -> float:
        return sum(o.recall for o in self.outcomes) / max(1, self.queries)

    @property
    def ndcg_at_10(self) -> float:
        return sum(o.ndcg for o in self.outcomes) / max(1, self.queries)

    @property
    def zero_result_rate(self) -> float:
        return sum(1 for o in self.outcomes if o.total == 0) / max(1, self.queries)

    def as_dict(self) -> dict[str, float]:
        return {
            "recall_at_24": round(self.recall_at_24, 4),
            "ndcg_at_10": round(self.ndcg_at_10, 4),
            "zero_result_rate": round(self.zero_result_rate, 4),
        }
