"""Chinese text for search: segmentation (jieba) and pinyin (pypinyin), shared by every engine.

"shouji" and "sj" must find 手机, so every CJK word is also indexed as full pinyin and initials.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import jieba
from pypinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)
WORD = re.compile(r"[0-9a-z\u3400-\u9fff]+")
CJK = re.compile(r"[\u3400-\u9fff]")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


@lru_cache(maxsize=50_000)
def _pinyin(word: str) -> tuple[str, str]:
    return "".join(lazy_pinyin(word)), "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))


def words(text: str, *, for_index: bool = False) -> list[str]:
    """Segmented words; the index also keeps the finer sub-words jieba finds ("九成新" → 九成, 九成新)."""
    cut = jieba.cut_for_search if for_index else jieba.cut
    return [w for w in cut(_clean(text)) if WORD.fullmatch(w)]


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin and initials of each Chinese word: 手机 → shouji, sj."""
    forms: list[str] = []
    for word in words(text, for_index=True):
        if CJK.search(word):
            forms.extend(_pinyin(word))
    return forms


def index_tokens(*texts: str) -> list[str]:
    """Every token a document is findable by: words, sub-words, single characters, pinyin."""
    tokens: dict[str, None] = {}
    for text in texts:
        for word in words(text, for_index=True):
            tokens[word] = None
            if CJK.search(word) and len(word) > 1:
                for char in word:
                    tokens[char] = None
        for form in pinyin_forms(text):
            tokens[form] = None
    return list(tokens)


def query_tokens(text: str) -> list[str]:
    """Words a query must match. Chinese typed as pinyin stays one token and meets the pinyin forms."""
    return list(dict.fromkeys(words(text)))


def query_pinyin(text: str) -> list[str]:
    """The query's words as pinyin, so a homophone typo (手鸡 for 手机) still finds the listing."""
    return ["".join(lazy_pinyin(w)) if CJK.search(w) else w for w in query_tokens(text)]


def query_pinyin_runs(text: str) -> list[str]:
    """Each run of Chinese characters as one pinyin string (手鸡 → shouji), Latin words unchanged."""
    runs = re.findall(r"[\u3400-\u9fff]+|[0-9a-z]+", _clean(text))
    return ["".join(lazy_pinyin(run)) if CJK.search(run) else run for run in runs]
