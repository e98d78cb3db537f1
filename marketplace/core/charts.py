"""Labelled bar charts as inline SVG drawn on the server: no JavaScript, read by screen readers through
role="img", <title> and <desc>, and printed by WeasyPrint, which draws inline SVG into the PDF.

Labels come from what people typed (event titles, category names): every piece of text goes through
`format_html`, never into the markup as it is.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

Number = Decimal | int | float

WIDTH = 360
ROW = 50  # a label line above its bar, and room under it for a range
TOP = 4
LABEL_CHARS = 22
COLOURS = ("#0b6e4f", "#1d4ed8", "#b45309", "#7c3aed", "#be123c", "#0e7490")
RANGE_COLOUR = "#1f2933"


@dataclass(frozen=True)
class Chart:
    """A chart and its title, for a caption people can see above it."""

    title: str
    svg: SafeString

    @property
    def data_uri(self) -> str:
        """The chart as an image address: a printed page then carries it without SVG markup in its HTML."""
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode()).decode("ascii")


@dataclass(frozen=True)
class Bar:
    """One row: a label, its value and, for a ranged bar, the low and high ends of the estimate."""

    label: str
    value: Number
    low: Number | None = None
    high: Number | None = None


def bar_chart(
    bars: Sequence[Bar],
    *,
    key: str,
    title: str,
    decimals: int = 0,
    font_family: str | None = None,
) -> SafeString:
    """Horizontal bars, one per row, each with its number printed after it."""
    return _chart(bars, key=key, title=title, decimals=decimals, font_family=font_family, ranged=False)


def range_chart(
    bars: Sequence[Bar],
    *,
    key: str,
    title: str,
    decimals: int = 2,
    font_family: str | None = None,
) -> SafeString:
    """Bars for a central estimate with a whisker from its low to its high value, numbers printed."""
    return _chart(bars, key=key, title=title, decimals=decimals, font_family=font_family, ranged=True)


def _number(value: Number, decimals: int) -> str:
    return number_format(value, decimal_pos=decimals, use_l10n=True)


def _shown(bar: Bar, decimals: int, ranged: bool) -> str:
    text = _number(bar.value, decimals)
    if ranged and bar.low is not None and bar.high is not None:
        text += f" ({_number(bar.low, decimals)}–{_number(bar.high, decimals)})"
    return text


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _chart(bars, *, key, title, decimals, font_family, ranged) -> SafeString:
    bars = list(bars)
    height = TOP * 2 + max(len(bars), 1) * ROW
    # What is left of the width once the longest number is printed after its bar (≈ 0.6 em a digit).
    room = WIDTH - max([len(_shown(b, decimals, ranged)) * 8.5 + 10 for b in bars] + [40])
    top = max([float(b.high if ranged and b.high is not None else b.value) for b in bars] + [0.0])
    scale = room / top if top > 0 else 0.0
    rows = [_row(i, bar, scale, decimals, ranged) for i, bar in enumerate(bars)]
    if not bars:
        rows = [
            format_html('<text x="0" y="{}" fill="#52606d">{}</text>', TOP + 20, _("Nothing to chart yet."))
        ]
    summary = "; ".join(f"{b.label}: {_shown(b, decimals, ranged)}" for b in bars) or _(
        "Nothing to chart yet."
    )
    font = format_html(' font-family="{}"', font_family) if font_family else ""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart"'
        ' aria-labelledby="{key}-title {key}-desc" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        ' font-size="14"{font}>'
        '<title id="{key}-title">{title}</title><desc id="{key}-desc">{summary}</desc>{rows}</svg>',
        key=key,
        w=WIDTH,
        h=height,
        font=font,
        title=title,
        summary=summary,
        rows=format_html_join("", "{}", ((row,) for row in rows)),
    )


def _row(i: int, bar: Bar, scale: float, decimals: int, ranged: bool) -> SafeString:
    y = TOP + i * ROW
    colour = COLOURS[0] if ranged else COLOURS[i % len(COLOURS)]
    width = max(float(bar.value), 0.0) * scale
    end = width
    shown = _shown(bar, decimals, ranged)
    parts = [
        format_html('<text x="0" y="{}" fill="#1f2933">{}</text>', y + 15, _short(bar.label)),
        format_html(
            '<rect x="0" y="{}" width="{}" height="15" fill="{}"><title>{}: {}</title></rect>',
            y + 21,
            f"{width:.1f}",
            colour,
            bar.label,
            shown,
        ),
    ]
    if ranged and bar.low is not None and bar.high is not None:
        # The sensitivity range as a whisker just under the bar, so it stays visible over any bar length.
        low, high = (f"{max(float(v), 0.0) * scale:.1f}" for v in (bar.low, bar.high))
        end = max(end, float(high))
        mid = y + 42
        parts.append(
            format_html(
                '<path d="M{} {}H{}M{} {}V{}M{} {}V{}" stroke="{}" stroke-width="1.5" fill="none"/>',
                low,
                mid,
                high,
                low,
                mid - 4,
                mid + 4,
                high,
                mid - 4,
                mid + 4,
                RANGE_COLOUR,
            )
        )
    parts.append(format_html('<text x="{}" y="{}" fill="#1f2933">{}</text>', f"{end + 6:.1f}", y + 34, shown))
    return format_html_join("", "{}", ((p,) for p in parts))
