"""User text is plain text."""

from __future__ import annotations

import html

import nh3


def plain_text(text: str) -> str:
    """User text is plain text: tags (and script bodies) are removed by nh3, the entities nh3 writes
    are turned back into characters, and templates escape everything on output."""
    return html.unescape(nh3.clean(text or "", tags=set())).strip()
