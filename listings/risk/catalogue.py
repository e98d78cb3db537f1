"""The prohibited-goods catalogue (`ProhibitedItem`) as the risk engine reads it.

A `check` rule named "catalogue" runs the active entries of one family (its `family` parameter, or its
own family): prohibited goods, counterfeit slang, famous goods at an unusual price. The rule gives the
hit its family; the most severe matching entry gives the outcome, and every matching entry with its
legal basis goes into the evidence, so the seller, the moderator and the regulator read why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from ..models import SEVERITY, Listing, ProhibitedItem, RiskRule
from .findings import Finding
from .text import CHINESE_DIGITS, NormalisedText, listing_text, normalise

MASK = "#"


COMPACT, PLAIN, SPACED = "compact", "plain", "spaced"


@dataclass(frozen=True)
class Needle:
    """A term as it is searched: in the compact text (letters, digits, CJK only), the plain text (terms
    with punctuation, "1:1"), or the spaced text (short Latin words, whose ends only spaces show)."""

    pattern: re.Pattern
    form: str


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


@lru_cache(maxsize=4096)
def needle(term: str) -> Needle | None:
    """Digits and Latin letters at a term's edge must not run on in the text: "1:1" is not in "1:18",
    "lv" is not in "lvyou". Latin words of four letters or more are distinctive enough to find even
    with the spaces taken out ("L O U I S V U I T T O N")."""
    normal = normalise(term)
    if not normal.plain:
        return None
    if normal.compact != normal.plain.translate(CHINESE_DIGITS):
        form, text = PLAIN, normal.plain
    else:
        form, text = COMPACT, normal.compact
        latin_edge = _latin(text[0]) or _latin(text[-1])
        if latin_edge and sum(map(_latin, text)) < 4:
            form, text = SPACED, normal.spaced
    if not text:
        return None
    before = r"(?<![0-9])" if text[0].isdigit() else ""
    after = r"(?![0-9])" if text[-1].isdigit() else ""
    if form == SPACED:
        before += r"(?<![a-z])" if _latin(text[0]) else ""
        after += r"(?![a-z])" if _latin(text[-1]) else ""
    return Needle(re.compile(before + re.escape(text) + after), form)


def find(term: str, text: NormalisedText) -> bool:
    found = needle(term)
    return found is not None and bool(found.pattern.search(getattr(text, found.form)))


def blank_out(text: NormalisedText, phrases: list[str]) -> NormalisedText:
    """The text with each phrase replaced by a mask in every form, so no keyword matches inside it."""
    compact, plain, spaced = text.compact, text.plain, text.spaced
    for phrase in phrases:
        normal = normalise(phrase)
        if normal.compact:
            compact = compact.replace(normal.compact, MASK)
        if normal.plain:
            plain = plain.replace(normal.plain, MASK)
        if normal.spaced:
            spaced = spaced.replace(normal.spaced, MASK)
    return NormalisedText(plain=plain, compact=compact, spaced=spaced)


def joined(*texts: str) -> NormalisedText:
    """Title, description and details normalised one by one and joined by a mask: a word never runs
    from the end of the title into the description."""
    parts = [normalise(text) for text in texts]
    return NormalisedText(
        plain=MASK.join(p.plain for p in parts),
        compact=MASK.join(p.compact for p in parts),
        spaced=MASK.join(p.spaced for p in parts),
    )


def matched_terms(line: str, text: NormalisedText) -> list[str]:
    """The terms of one keyword line found in the text, or [] unless every “&” part is present."""
    found = []
    for part in line.split("&"):
        hit = next((alt.strip() for alt in part.split("|") if alt.strip() and find(alt.strip(), text)), None)
        if hit is None:
            return []
        found.append(hit)
    return found


@dataclass(frozen=True)
class EntryMatch:
    item: ProhibitedItem
    matched: list[str]


def _in_scope(item: ProhibitedItem, listing: Listing) -> bool:
    paths = [category.path for category in item.categories.all()]
    if not paths:
        return True
    own = listing.category.path if listing.category_id else ""
    return any(own == path or own.startswith(path + "/") for path in paths)


def _unusual_terms(item: ProhibitedItem, listing: Listing) -> bool:
    """Famous goods are held only far below their price or in trade quantities; other entries always apply."""
    if item.price_below is None and item.quantity_at_least is None:
        return True
    cheap = (
        item.price_below is not None
        and listing.trade_mode == "sell"
        and listing.price is not None
        and Decimal(listing.price) < item.price_below
    )
    bulk = item.quantity_at_least is not None and (listing.quantity or 1) >= item.quantity_at_least
    return cheap or bulk


def match_item(item: ProhibitedItem, listing: Listing) -> EntryMatch | None:
    title = normalise(listing.title)
    if any(find(term, title) for term in item.lines(item.not_when)):
        return None
    if not _in_scope(item, listing) or not _unusual_terms(item, listing):
        return None
    text = title if item.title_only else joined(*listing_text(listing).split("\n"))
    text = blank_out(text, item.lines(item.exceptions))
    matched: list[str] = []
    for line in item.lines(item.keywords):
        matched += [term for term in matched_terms(line, text) if term not in matched]
    return EntryMatch(item, matched) if matched else None


def match_listing(listing: Listing, *, family: str | None = None) -> list[EntryMatch]:
    """Every active catalogue entry (of one family, if given) that the listing matches."""
    items = ProhibitedItem.objects.filter(is_active=True).prefetch_related("categories")
    if family:
        items = items.filter(family=family)
    return [found for item in items if (found := match_item(item, listing))]


def _basis(item: ProhibitedItem) -> str:
    return item.lines(item.legal_basis)[0] if item.legal_basis.strip() else ""


def check_catalogue(rule: RiskRule, listing: Listing, now) -> Finding | None:
    matches = match_listing(listing, family=(rule.parameters or {}).get("family") or rule.family)
    if not matches:
        return None
    outcome = max((m.item.outcome for m in matches), key=lambda o: SEVERITY[o])
    reason = "; ".join(
        _("%(item)s: contains “%(terms)s” (%(basis)s)")
        % {"item": m.item.name, "terms": "”, “".join(m.matched), "basis": _basis(m.item)}
        for m in matches
    )
    evidence = {
        "matched": [term for m in matches for term in m.matched],
        "entries": [
            {
                "code": m.item.code,
                "name": m.item.name,
                "version": m.item.version,
                "outcome": m.item.outcome,
                "matched": m.matched,
                "legal_basis": m.item.legal_basis,
            }
            for m in matches
        ],
    }
    return Finding(rule, outcome, reason, evidence)
