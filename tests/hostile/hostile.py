"""Hostile values and the driver that throws them at a page: no 500, refusals in words, nothing half-saved.

Values are sent as a browser or a script could send them: percent-encoded UTF-8, with lone surrogates as
the invalid bytes they would be on the wire and NUL bytes as %00.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote_plus, urlsplit

from bs4 import BeautifulSoup
from django.contrib.messages import ERROR
from django.core.cache import cache
from django.db import transaction
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# What a hostile client tries first; hypothesis mixes these with arbitrary text.
SPECIMENS = [
    "",
    " ",
    "\x00",
    "abc\x00def",
    "\ud800",
    "x\udfffy",
    "-1",
    "-99999999999999999999999",
    "9" * 40,
    "9" * 5000,  # more digits than int() accepts
    "1e309",
    "NaN",
    "-Infinity",
    "0.000000000000000000001",
    "１２３",  # full-width digits
    "٣",  # Arabic-Indic digit
    "раураl.com",  # Cyrillic look-alikes
    "ⅰⅱⅲ",
    "\u202egnp.exe",
    "\ufeff",
    "\r\n\r\n",
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "{{ 7*7 }}{% now 'Y' %}",
    "../../../../etc/passwd",
    "%00%2e%2e",
    "2026-02-30",
    "9999-12-31",
    "0000-00-00",
    "2026-13",
    "http://evil.example/",
    "@" * 300,
    "测" * 10_000,
    "a" * 10_000,
]

hostile_text = st.one_of(
    st.sampled_from(SPECIMENS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Cs", "Cc", "Zs", "Mn", "Cf"]), max_size=12),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

HYPOTHESIS = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CJK = re.compile(r"[\u3400-\u9fff]")
tried: Counter = Counter()  # examples per target, printed at the end of the session


def encode(pairs: dict[str, str] | list[tuple[str, str]]) -> str:
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return "&".join(
        f"{quote_plus(key)}={quote_plus(value.encode('utf-8', 'surrogatepass'))}" for key, value in items
    )


def page_forms(html: str, page_url: str) -> dict[str, dict[str, list[str]]]:
    """The page's POST forms, by the URL each posts to, with their field names and the values a person
    could pick: a text box's current value, each option, each radio or checkbox value."""
    soup = BeautifulSoup(html, "html.parser")
    forms: dict[str, dict[str, list[str]]] = {}
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = form.get("action") or page_url
        if not action.startswith("/") or action.startswith(("/i18n/", "/accounts/logout")):
            continue  # the language switch and sign-out are not this page's business
        fields = forms.setdefault(action, {})
        for element in form.find_all(["input", "textarea", "select", "button"]):
            name = element.get("name")
            kind = (element.get("type") or "").lower()
            if not name or name == "csrfmiddlewaretoken" or kind == "file":
                continue
            choices = fields.setdefault(name, [])
            if element.name == "select":
                choices += [o.get("value", o.text) for o in element.find_all("option") if o.get("value")]
            elif element.name == "textarea":
                choices.append(element.text or "邻居说的话")
            else:
                choices.append(element.get("value") or _plausible(kind))
    return forms


def form_fields(html: str, page_url: str) -> dict[str, list[str]]:
    """All fields of the page's POST forms, merged."""
    merged: dict[str, list[str]] = {}
    for fields in page_forms(html, page_url).values():
        for name, choices in fields.items():
            merged.setdefault(name, []).extend(choices)
    return merged


def _plausible(kind: str) -> str:
    return {"number": "12", "date": "2026-12-01", "email": "a@example.com", "checkbox": "on"}.get(
        kind, "一张旧书桌"
    )


def values_for(fields: dict[str, list[str]], keep=()):
    """Per field: one of the values a person could send, or a hostile one; sometimes the field is left out.
    Fields in `keep` get only what a person could send."""
    return st.fixed_dictionaries(
        {
            name: st.sampled_from(choices or [""])
            if name in keep
            else st.one_of(st.sampled_from(choices or [""]), hostile_text, st.just(None))
            for name, choices in fields.items()
        }
    ).map(lambda data: {k: v for k, v in data.items() if v is not None})


def refusals(response) -> list[str]:
    """The error texts a person sees on the page: form errors and messages."""
    if "html" not in response.get("Content-Type", ""):
        return []
    soup = BeautifulSoup(response.content.decode(errors="replace"), "html.parser")
    return [
        li.get_text(" ", strip=True)
        for li in soup.select("ul.errorlist li, ul.messages li.error, ul.messages li.warning")
    ]


def queued_errors(response) -> list[str]:
    """Error messages the view queued for the next page (a refusal answered with a redirect)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    return [str(m) for m in getattr(storage, "_queued_messages", []) if m.level >= ERROR]


def check_answer(response, target: str) -> list[str]:
    """No server error, and each refusal shown to a Chinese-speaking resident is in Chinese."""
    assert response.status_code < 500, (target, response.status_code)
    shown = refusals(response) + queued_errors(response)
    for text in shown:
        assert CJK.search(text), f"{target}: untranslated refusal {text!r}"
    return shown


def post(client, url: str, data: dict, target: str, *, unchanged=()):
    """POST in a savepoint rolled back afterwards, so every example starts from the same state.
    When the answer is a refusal, the tables in `unchanged` must not have gained or lost a row."""
    tried[target] += 1
    cache.clear()  # the rate limits would otherwise answer 429 after the first few examples
    with transaction.atomic():
        before = {model: model.objects.count() for model in unchanged}
        response = client.post(
            url,
            encode(data),
            content_type="application/x-www-form-urlencoded",
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        shown = check_answer(response, target)
        if response.status_code != 302 or shown:
            after = {model: model.objects.count() for model in unchanged}
            assert after == before, f"{target}: refused, yet rows changed: {before} -> {after}"
        transaction.set_rollback(True)
    return response


def specimen_queries(names) -> list[dict[str, str]]:
    """Each known-bad value in every parameter at once."""
    return [dict.fromkeys(names, specimen) for specimen in SPECIMENS]


def get(client, url: str, params: dict, target: str):
    tried[target] += 1
    cache.clear()
    query = encode(params)
    with transaction.atomic():
        response = client.get(f"{url}?{query}" if query else url, HTTP_ACCEPT_LANGUAGE="zh-hans")
        transaction.set_rollback(True)
    check_answer(response, target)
    return response


def target_name(url: str) -> str:
    match = resolve(urlsplit(url).path)
    return match.view_name or match.url_name or url


def fuzz_forms(client, page_url: str, *, only: str | None = None, unchanged=(), keep=()) -> list[str]:
    """Every POST form on the page (or the one posting to `only`): its fields, each valid or hostile or
    left out, posted back. Fields in `keep` hold a value a person could pick when every other field gets
    the same known-bad value (for a known defect elsewhere, tested on its own). Returns the targets tried."""
    forms = page_forms(client.get(page_url).content.decode(), page_url)
    if only is not None:
        forms = {only: forms.get(only, {})}
    assert forms, f"no form on {page_url}"
    for action, fields in forms.items():
        _fuzz_one(client, action, fields, unchanged, keep)
        for specimen in SPECIMENS:  # each known-bad value in every field at once, whatever hypothesis chose
            data = {
                name: choices[0] if name in keep and choices else specimen for name, choices in fields.items()
            }
            post(client, action, data, f"POST {target_name(action)}", unchanged=unchanged)
    return [f"POST {target_name(action)}" for action in forms]


def _fuzz_one(client, action: str, fields: dict[str, list[str]], unchanged, keep) -> None:
    target = f"POST {target_name(action)}"

    @given(data=values_for(fields, keep))
    @HYPOTHESIS
    def run(data):
        post(client, action, data, target, unchanged=unchanged)

    run()
