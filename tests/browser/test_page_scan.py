"""Every page each role can reach from the navigation, two links deep, on the demo data, in Chinese.

A page fails the scan on a server error, on a link it shows that answers 404 or 403 to the same person,
on a raw code (snake_case, an ISO timestamp) in its visible text, or on an English interface label.
"""

from __future__ import annotations

import html as markup
import re
from collections import deque

import pytest

from .scan import LABELS_JS, LINKS_JS, VISIBLE_TEXT_JS, english_labels, internal, pattern, raw_codes
from .site import DEMO_ROLES

# The demo data is loaded once (`demo_site`); each test only reads it through the browser.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]

RENDERED_PER_ROLE = 18  # kinds of page opened in the browser per role (the 2-core CI machine's budget)
FETCHED_PER_ROLE = 60  # pages fetched without rendering: kinds another role rendered, and the third level
# Kinds of page already rendered for an earlier role in this run: a later role fetches them (their
# status, their links) without rendering, and spends its rendering on the pages only it can reach.
RENDERED_KINDS: set[str] = set()
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#][^"]*)"')


def check_rendered(page, path: str) -> list[str]:
    """What is wrong with the visible text of the page in the browser."""
    problems = []
    codes = raw_codes(page.evaluate(VISIBLE_TEXT_JS))
    if codes:
        problems.append(f"{path}: raw codes in the visible text: {codes[:8]}")
    english = english_labels(page.evaluate(LABELS_JS))
    if english:
        problems.append(f"{path}: English labels on a zh-hans page: {english[:8]}")
    return problems


def crawl(context, base: str) -> tuple[list[str], list[str]]:
    """Visit the pages two links deep from the home page; return the pages visited and the problems.

    One address per kind of page (see `pattern`), so the caps cover more of the product; a page is
    rendered in the browser unless an earlier role rendered its kind, then only fetched."""
    page = context.new_page()
    queue, seen, visited, problems = deque([("/", 0, "(start)")]), {pattern("/")}, [], []
    rendered = fetched = 0
    while queue:
        path, depth, source = queue.popleft()
        render = pattern(path) not in RENDERED_KINDS and rendered < RENDERED_PER_ROLE
        if not render and fetched >= FETCHED_PER_ROLE:
            if rendered >= RENDERED_PER_ROLE:
                break
            continue
        if render:
            response = page.goto(base + path, wait_until="domcontentloaded")
            status, final = (response.status if response else 0), page.url
            links = page.evaluate(LINKS_JS) if final.startswith(base) else []
            rendered += 1
            RENDERED_KINDS.add(pattern(path))
        else:
            response = context.request.get(base + path, max_redirects=5, fail_on_status_code=False)
            status, final = response.status, response.url
            html = response.text() if "html" in response.headers.get("content-type", "") else ""
            hrefs = (markup.unescape(href) for href in HREF.findall(html))
            links = [base + href if href.startswith("/") else href for href in hrefs]
            fetched += 1
        visited.append(f"{status} {path}{'' if render else ' (fetched)'}")
        if status >= 500 or status in (403, 404):
            problems.append(f"{path}: answers {status} (linked from {source})")
            continue
        if render and final.startswith(base):
            problems += check_rendered(page, path)
        if depth >= 2:
            continue
        for href in links:
            target = internal(href, base)
            if target is not None and pattern(target) not in seen:
                seen.add(pattern(target))
                queue.append((target, depth + 1, path))
    page.close()
    return visited, problems


@pytest.mark.parametrize("role", list(DEMO_ROLES))
def test_every_page_a_role_reaches_is_whole_and_in_chinese(browser, demo_site, role):
    context = demo_site.context(browser, role)
    try:
        visited, problems = crawl(context, demo_site.url)
    finally:
        context.close()
    print(f"\n[page scan] {role}: {len(visited)} pages")
    for line in visited:
        print(f"  {line}")
    for problem in problems:
        print(f"  PROBLEM {problem}")
    assert len(visited) > 3, "the navigation leads nowhere"
    # Known defects in other areas are listed in the report and in the failure message, one per line.
    assert not problems, f"{role}: {len(problems)} problem(s):\n" + "\n".join(problems)
