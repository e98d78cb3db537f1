"""Chinese text for search: segmentation (jieba) and pinyin (pypinyin), shared by every engine.

"shouji" and "sj" must find 手机, so every CJK word is also indexed as full pinyin and initials.
Specifications are written many ways ("8+256", "8G+256G"; "26 寸", "26英寸"): each becomes one
canonical token, in documents and queries alike.
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
_NUMBER = r"(?<![\d.])(\d{1,3}(?:\.\d)?)\s*"
SPECS = [
    # memory + storage: 8+256, 8G+256G, 12gb+512gb
    (re.compile(r"(?<![\d.])(\d{1,2})\s*(?:gb|g)?\s*\+\s*(\d{2,4})\s*(?:gb|g)?(?![a-z\d])"), "{0}g{1}g"),
    (re.compile(r"(?<![\d.a-z])(\d{1,4})\s*(?:gb|g)(?![a-z])"), "{0}g"),
    (re.compile(r"(?<![\d.a-z])(\d{1,2})\s*(?:tb|t)(?![a-z])"), "{0}t"),
    (re.compile(_NUMBER + r"(?:英寸|寸|吋|inch)"), "{0}寸"),
    (re.compile(_NUMBER + r"匹"), "{0}匹"),
    (re.compile(_NUMBER + r"(?:公斤|千克|kg)(?![a-z])"), "{0}kg"),
    (re.compile(r"(?<![\d.a-z])(\d{2,3}|xs|s|m|l|xl|xxl|xxxl)\s*码"), "{0}码"),
    (re.compile(r"(?<![\d.])(\d{2,3})\s*键"), "{0}键"),
]
_LATIN_RUN = re.compile(r"[a-z0-9]+(?:[ \t]+[a-z0-9]+)+")
_MIXED = re.compile(r"[a-z]+\d[a-z\d]*|\d+[a-z][a-z\d]*")
_added_words: set[str] = set()


def clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


@lru_cache(maxsize=50_000)
def _pinyin(word: str) -> tuple[str, str]:
    return "".join(lazy_pinyin(word)), "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))


def add_words(new_words) -> None:
    """Teach jieba product words (婴儿推车, 机械表) so they are not split; idempotent."""
    for word in new_words:
        word = clean(word)
        if word not in _added_words and CJK.search(word) and len(word) > 1 and WORD.fullmatch(word):
            jieba.add_word(word)
            _added_words.add(word)


def specs(text: str) -> tuple[list[str], str]:
    """Canonical specification tokens of `text`, and the text without them."""
    text = clean(text)
    found: list[str] = []
    for pattern, form in SPECS:
        for match in pattern.finditer(text):
            found.append(form.format(*(group.replace(".", "p") for group in match.groups())))
        text = pattern.sub(" ", text)
    return found, text


def words(text: str, *, for_index: bool = False) -> list[str]:
    """Segmented words; the index also keeps the finer sub-words jieba finds ("九成新" → 九成, 九成新)."""
    cut = jieba.cut_for_search if for_index else jieba.cut
    return [w for w in cut(clean(text)) if WORD.fullmatch(w)]


def latin_variants(text: str) -> list[str]:
    """Model names written apart or together meet: "mate 40" gives mate40, "mate40" gives mate and 40."""
    text = clean(text)
    variants = []
    for run in _LATIN_RUN.findall(text):
        parts = run.split()
        variants += [a + b for a, b in zip(parts, parts[1:], strict=False) if not (a + b).isdigit()]
    for mixed in _MIXED.findall(text):
        variants += [p for p in re.findall(r"[a-z]{2,}|\d{2,}", mixed) if p != mixed]
    return variants


def pinyin_forms(text: str) -> list[str]:
    """Full pinyin and initials of each Chinese word: 手机 → shouji, sj."""
    forms: list[str] = []
    for word in words(text, for_index=True):
        if CJK.search(word):
            forms.extend(_pinyin(word))
    return forms


def full_pinyin(word: str) -> str:
    return _pinyin(word)[0]


def initials(word: str) -> str:
    return _pinyin(word)[1]


def known_words(text: str, vocabulary) -> list[str]:
    """Dictionary words inside runs of Chinese that jieba cut elsewhere (席梦思床|垫 still holds 床垫)."""
    found = []
    for run in re.findall(r"[\u3400-\u9fff]{3,}", clean(text)):
        for size in range(2, min(len(run), 6) + 1):
            found += [
                run[i : i + size] for i in range(len(run) - size + 1) if run[i : i + size] in vocabulary
            ]
    return found


def split_compound(word: str) -> list[str]:
    """Two words a compound is made of (苹果电脑 → 苹果, 电脑), or [] if jieba knows no such pair."""
    parts = [part for part in words(word, for_index=True) if len(part) > 1 and part != word]
    for index, first in enumerate(parts):
        for second in parts[index + 1 :]:
            if first + second == word:
                return [first, second]
    return []


def index_tokens(*texts: str, whole=(), vocabulary=frozenset()) -> list[str]:
    """Every token a document is findable by: specs, words, sub-words, single characters, pinyin.
    `whole` words (category names) are kept as they are: 手机数码 is no 手机."""
    tokens: dict[str, None] = {}
    for word in map(clean, whole):
        if WORD.fullmatch(word):
            # Full pinyin only: initials of a name (书籍 → sj) would take "sj" (手机) elsewhere.
            tokens.update(dict.fromkeys([word, *([_pinyin(word)[0]] if CJK.search(word) else [])]))
    for text in texts:
        found, _rest = specs(text)
        for token in found + latin_variants(text) + known_words(text, vocabulary):
            tokens[token] = None
        for word in words(text, for_index=True):
            tokens[word] = None
            if CJK.search(word) and len(word) > 1:
                for char in word:
                    tokens[char] = None
    for text in texts:
        for form in pinyin_forms(text):
            tokens[form] = None
    return list(tokens)


def query_tokens(text: str) -> list[str]:
    """Words a query must match. Chinese typed as pinyin stays one token and meets the pinyin forms."""
    found, rest = specs(text)
    return list(dict.fromkeys(found + words(rest)))


def query_pinyin(text: str) -> list[str]:
    """The query's words as pinyin, so a homophone typo (手鸡 for 手机) still finds the listing."""
    return ["".join(lazy_pinyin(w)) if CJK.search(w) else w for w in query_tokens(text)]


def query_pinyin_runs(text: str) -> list[str]:
    """Each run of Chinese characters as one pinyin string (手鸡 → shouji), Latin words unchanged."""
    found, rest = specs(text)
    runs = re.findall(r"[\u3400-\u9fff]+|[0-9a-z]+", rest)
    return found + ["".join(lazy_pinyin(run)) if CJK.search(run) else run for run in runs]
