"""What a person reads on a page: its text outside tags, scripts and styles."""

import re
from html.parser import HTMLParser

SNAKE_CASE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def snake_case_codes(html: str) -> list[str]:
    """Codes such as "handed_over" that leaked into the text a person reads."""
    return SNAKE_CASE.findall(visible_text(html))
