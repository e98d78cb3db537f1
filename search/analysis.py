"""What a query asks for, the same for every engine: its words, each with the alternatives the
dictionary allows (synonyms, narrower words, the word a pinyin spelling stands for), and the
categories it names. Also the rewrites tried when nothing matches: a correction, or a word dropped.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from . import dictionary, text


@dataclass(frozen=True)
class Analysed:
    words: list[str]  # as typed (after segmentation); a listing holding all of them ranks higher
    groups: list[frozenset[str]]  # every group must match; any word of a group will do
    categories: frozenset[str]  # category paths the query names


def query_words(query_text: str, terms: dictionary.Dictionary) -> list[str]:
    """The query's words; a compound the dictionary does not know is split into the words it is made
    of (苹果电脑 → 苹果, 电脑), which listings carry and the dictionary can expand."""
    words: list[str] = []
    for word in text.query_tokens(query_text):
        unknown = text.CJK.search(word) and len(word) > 2 and word not in terms.vocabulary
        words += (text.split_compound(word) if unknown else []) or [word]
    return list(dict.fromkeys(words))


def analyse(query_text: str) -> Analysed:
    terms = dictionary.current()
    words = query_words(query_text, terms)
    categories: set[str] = set()
    for word in words + text.latin_variants(query_text):
        categories |= terms.intent(word)
    return Analysed(words=words, groups=[terms.expand(w) for w in words], categories=frozenset(categories))


def correction(query_text: str) -> str | None:
    """The query with misspelt words replaced by dictionary words (iphnoe → iphone, 电恼 → 电脑)."""
    terms = dictionary.current()
    known = terms.vocabulary | set(terms.pinyin)
    latin = sorted(word for word in terms.vocabulary if word.isascii() and len(word) > 2)

    def fix(match: re.Match) -> str:
        run = match.group(0)
        if run in known:
            return run
        if text.CJK.search(run):
            return terms.pinyin.get(text.full_pinyin(run), run)
        close = difflib.get_close_matches(run, latin, n=1, cutoff=0.75) if len(run) > 3 else []
        return close[0] if close else run

    cleaned = text.clean(query_text)
    corrected = re.sub(r"[\u3400-\u9fff]+|(?<![0-9a-z])[a-z]+(?![0-9a-z])", fix, cleaned)
    return corrected if corrected != cleaned else None


def relaxations(query_text: str) -> list[tuple[str, str]]:
    """(dropped word, the query without it) for each word of a query of several words."""
    words = query_words(query_text, dictionary.current())
    if len(words) == 1:
        words = text.split_compound(words[0])
    if len(words) < 2:
        return []
    terms = dictionary.current()
    # Words naming a category (空调 in 格力空调) say what the resident wants: they are dropped last;
    # otherwise earlier words first, as a Chinese compound ends in its head (蓝牙音箱 is an 音箱).
    order = sorted(words, key=lambda word: bool(terms.intent(word)))
    return [(word, " ".join(w for w in words if w != word)) for word in order]


def broader(query_text: str) -> list[str]:
    """Words whose narrower words include the query (挂机 → 空调), for filling a short result list."""
    terms = dictionary.current()
    words = query_words(query_text, terms)
    if len(words) != 1:
        return []
    return sorted(w for w, expanded in terms.expansions.items() if words[0] in expanded and w != words[0])
