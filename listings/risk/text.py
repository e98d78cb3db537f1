"""Text as the rules see it: normalised so the usual evasions still match (full-width characters,
letters spaced out ("微 信", "V X"), punctuation between characters, Chinese numerals in phone numbers)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九壹贰叁肆伍陆柒捌玖幺", "001234567891234567891")
# Everything that is not a letter, digit or CJK character: what evaders put between characters.
SEPARATORS = re.compile(r"[^0-9a-z\u3400-\u9fff]+")

# Identifier attributes are checked by their own rules; as text they would look like phone numbers.
IDENTIFIER_KEYS = {"imei", "mac", "vin", "plate", "serial", "isbn", "certificate"}


@dataclass(frozen=True)
class NormalisedText:
    plain: str  # NFKC, lower case, whitespace removed
    compact: str  # plain without any separators, Chinese numerals as digits
    spaced: str = ""  # NFKC, lower case, whitespace kept as single spaces (where Latin words end)


def normalise(text: str) -> NormalisedText:
    folded = unicodedata.normalize("NFKC", text or "").lower()
    plain = re.sub(r"\s+", "", folded)
    compact = SEPARATORS.sub("", plain.translate(CHINESE_DIGITS))
    return NormalisedText(plain=plain, compact=compact, spaced=re.sub(r"\s+", " ", folded).strip())


def listing_text(listing) -> str:
    """Title, description and the descriptive attributes of a listing, as one text."""
    attributes = listing.attributes or {}
    values = " ".join(str(v) for k, v in attributes.items() if k not in IDENTIFIER_KEYS)
    return f"{listing.title}\n{listing.description}\n{values}"


def keyword_match(term: str, text: NormalisedText) -> str | None:
    """Terms made only of letters, digits and CJK match the compact text, so "微 信" and "微-信"
    match "微信"; terms with punctuation ("1:1", "+v") match the plain text so "1:1" does not
    turn into "11" and match every eleven."""
    term_text = normalise(term)
    if not term_text.plain:
        return None
    if term_text.compact == term_text.plain.translate(CHINESE_DIGITS):
        return term if term_text.compact and term_text.compact in text.compact else None
    return term if term_text.plain in text.plain else None
