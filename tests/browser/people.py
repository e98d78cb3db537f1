"""What a person does on a page: fill a form by its fields' names, send it, read mail, pay."""

from __future__ import annotations

import re

from django.core import mail

from tests.media.images import make_image

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id(serial: int) -> str:
    """A well-formed resident ID number (GB 11643 check digit) born in Nankai in 1992."""
    body = f"120104199205{serial % 28 + 1:02d}{serial % 900 + 100:03d}"
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]
    return body + check


def fill(page, values: dict[str, str | bool], *, scope: str = "main form") -> None:
    """Fill the fields named in `values` as a person would: type, choose, tick."""
    form = page.locator(scope)
    for name, value in values.items():
        field = form.locator(f"[name='{name}']")
        kind = field.first.evaluate("el => el.tagName === 'SELECT' ? 'select' : (el.type || 'text')")
        if kind == "select":
            field.first.select_option(str(value))
        elif kind == "radio":
            form.locator(f"[name='{name}'][value='{value}']").check()
        elif kind == "checkbox":
            field.first.set_checked(bool(value))
        else:
            field.first.fill(str(value))


def first_choice(page, name: str, *, scope: str = "main form") -> None:
    """Choose the first real option of a select (past an empty '---------')."""
    select = page.locator(f"{scope} select[name='{name}']").first
    value = select.evaluate("el => Array.from(el.options).find(o => o.value && !o.disabled).value")
    select.select_option(value)


def press(page, name_pattern: str) -> None:
    """Click the button whose visible name matches `name_pattern` and wait for the next page."""
    page.get_by_role("button", name=re.compile(name_pattern)).first.click()
    page.wait_for_load_state()


def photo_files(count: int, *, seed: int = 0) -> list[dict]:
    """JPEG photos as a browser's file chooser hands them over."""
    return [
        {"name": f"photo-{seed + n}.jpg", "mimeType": "image/jpeg", "buffer": make_image(seed=seed + n)}
        for n in range(count)
    ]


def mail_link(to: str, pattern: str = r"https?://\S+") -> str:
    """The first link in the latest email sent to `to` (the live server shares this process's outbox)."""
    messages = [m for m in mail.outbox if to in m.to]
    assert messages, f"no email sent to {to}"
    text = messages[-1].body
    for alternative, kind in getattr(messages[-1], "alternatives", []):
        if kind == "text/html":
            text += alternative
    match = re.search(pattern, text)
    assert match, f"no link in the email to {to}: {text[:300]}"
    return match.group(0).rstrip(".,)\"'>")


def demo_listing(*, exclude_ordered=True, offset=0):
    """A published demo listing for sale, nobody's order yet."""
    from listings.models import Listing

    listings = Listing.objects.filter(status=Listing.Status.PUBLISHED, trade_mode="sell").order_by("pk")
    if exclude_ordered:
        listings = listings.filter(orders__isnull=True)
    return listings[offset]
