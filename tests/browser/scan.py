"""Reading a rendered page as a person does: its visible text, its labels, the links it offers."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urlsplit

SNAKE_CASE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
# A raw timestamp: 2026-11-29T12:35, or seconds with a fraction or a UTC offset.
ISO_TIMESTAMP = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}|[ T]\d{2}:\d{2}:\d{2}(?:\.\d+|[+-]\d{2}:?\d{2}|Z))"
)
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[ ]+[A-Za-z][A-Za-z'’-]*)*")
# Words that are the same in a Chinese interface: brands, units, formats, standards.
ALLOWED_WORDS = {
    "apple",
    "iphone",
    "ipad",
    "macbook",
    "air",
    "pro",
    "max",
    "mini",
    "huawei",
    "xiaomi",
    "kindle",
    "nintendo",
    "switch",
    "sony",
    "canon",
    "nikon",
    "dell",
    "lenovo",
    "thinkpad",
    "oppo",
    "vivo",
    "honor",
    "dyson",
    "ikea",
    "kg",
    "km",
    "cm",
    "mm",
    "m",
    "g",
    "gb",
    "tb",
    "mah",
    "co2e",
    "co",
    "pdf",
    "csv",
    "json",
    "ics",
    "ical",
    "url",
    "api",
    "id",
    "imei",
    "totp",
    "stripe",
    "wagtail",
    "email",
    "e-mail",
    "qr",
    "ok",
    "app",
    "wifi",
    "usb",
    "ai",
    "english",
    "pipl",
    "gb/t",
    "x",
    "vs",
}
# Inputs whose value is data rather than interface, and code-like values the product shows on purpose.
ALLOWED_SNAKE = {"sk_test", "whsec_test"}
SKIP_PATHS = re.compile(
    r"(/accounts/logout/|/i18n/|\.(pdf|csv|json|ics|xlsx|zip|png|jpe?g|webp|svg)$|/export\.|/media/|/static/)"
)

VISIBLE_TEXT_JS = "() => document.body ? document.body.innerText : ''"
# Interface labels: navigation, form labels, buttons, headings of the page's own structure, table headers.
LABELS_JS = """() => {
  const seen = [];
  const pick = 'nav a, label, button, legend, th, summary, input[type=submit], h1, h2, h3, [role=tab]';
  for (const element of document.querySelectorAll(pick)) {
    if (!element.offsetParent && getComputedStyle(element).position !== 'fixed') continue;
    if (element.closest('[lang^="en"], .user-content, [data-user-content]')) continue;
    const text = (element.value && element.tagName === 'INPUT') ? element.value : element.innerText;
    if (text && text.trim()) seen.push([element.tagName.toLowerCase(), text.trim().slice(0, 120)]);
  }
  return seen;
}"""
LINKS_JS = "() => Array.from(document.querySelectorAll('a[href]'), a => a.href)"


def internal(href: str, base: str) -> str | None:
    """The same-site address of a link, without its fragment; None for other sites and downloads."""
    href, _fragment = urldefrag(href)
    parts, site = urlsplit(href), urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != site.netloc:
        return None
    if SKIP_PATHS.search(parts.path):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pattern(target: str) -> str:
    """One address stands for its kind: /listings/12/ and /listings/13/ are the same page to scan."""
    path, _, query = target.partition("?")
    keys = sorted({pair.split("=", 1)[0] for pair in query.split("&") if pair})
    return re.sub(r"\d+|[A-Z0-9]{8,}", "N", path) + ("?" + "&".join(keys) if keys else "")


def raw_codes(text: str) -> list[str]:
    """snake_case codes and ISO timestamps in visible text."""
    codes = [code for code in SNAKE_CASE.findall(text) if code not in ALLOWED_SNAKE]
    return sorted(set(codes + ISO_TIMESTAMP.findall(text)))


def english_labels(labels: list[list[str]]) -> list[str]:
    """Interface labels in English on a Chinese page: a run of two English words, or a label that is
    nothing but English; brand names, units and formats do not count."""
    found = []
    for tag, text in labels:
        if re.search(r"[\u4e00-\u9fff]", text) is None and re.fullmatch(r"[\W\d_]*", text):
            continue
        for run in ENGLISH_RUN.findall(text):
            # Acronyms (PID, IMEI, SKU) read the same in a Chinese interface.
            words = [
                w for w in run.split() if w.lower().strip("'’-") not in ALLOWED_WORDS and not w.isupper()
            ]
            whole_label = run.strip() == text.strip() and tag in (
                "button",
                "label",
                "th",
                "a",
                "legend",
                "input",
            )
            lower = [w for w in words if re.fullmatch(r"[a-z]{2,}", w)]
            if (len(run.split()) >= 2 and lower) or (
                whole_label and words and not any(c.isdigit() for c in run)
            ):
                found.append(f"<{tag}> {text}")
                break
    return sorted(set(found))
