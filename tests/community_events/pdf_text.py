"""Read back what a WeasyPrint PDF prints: its text (through each font's ToUnicode map), its fonts, and its
drawing operators, with nothing but zlib, so tests can check what a reader of the PDF sees."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

OBJECT = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\r?\n(.*?)\r?\nendstream", re.S)
TYPE0 = re.compile(r"/Type /Font/Subtype /Type0/BaseFont /(\w+)\+([^/]+)/ToUnicode (\d+) 0 R")
# A font switch, a TJ array (hex strings and kerning numbers only) or a single Tj string.
SHOW = re.compile(r"/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj")


@dataclass
class PdfContent:
    text: str  # every text run, in drawing order, one per line
    fonts: set[str]  # base font names, e.g. "Noto-Sans-CJK-SC"
    drawing: str  # the pages' content streams (vector operators)


def _cmap(data: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    text = data.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            found[code.lower()] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, start in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                found[f"{code:04x}"] = chr(first + offset)
    return found


def read_pdf(pdf: bytes) -> PdfContent:
    streams: dict[str, bytes] = {}
    for number, header, body in OBJECT.findall(pdf):
        streams[number.decode()] = zlib.decompress(body) if b"FlateDecode" in header else body
    objects = "\n".join(s.decode("latin-1") for s in streams.values() if s.lstrip()[:1].isdigit())
    maps, fonts = {}, set()
    for tag, name, unicode_ref in TYPE0.findall(objects):
        maps[tag] = _cmap(streams[unicode_ref])
        fonts.add(name)
    pages = [streams[ref].decode("latin-1") for ref in re.findall(r"/Contents (\d+) 0 R", objects)]
    runs, font = [], {}
    for page in pages:
        for tag, array, single in SHOW.findall(page):
            if tag:
                font = maps.get(tag, {})
                continue
            hexes = re.findall(r"<([0-9a-fA-F]*)>", array) if array else [single]
            codes = "".join(hexes).lower()
            runs.append("".join(font.get(codes[i : i + 4], "\ufffd") for i in range(0, len(codes), 4)))
    return PdfContent(text="\n".join(runs), fonts=fonts, drawing="\n".join(pages))
