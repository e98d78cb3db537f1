"""Pages laid out as people see them, in a real browser on a phone and on a desktop."""

import pytest
from django.urls import reverse

from tests.community_events.factories import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 800}])
def test_the_events_calendar_keeps_one_day_per_cell(browser, live_server, viewport):
    event = make_event()
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.goto(f"{reverse('community_events:calendar')}?month={event.starts_at:%Y-%m}")
    rows = page.locator("table.calendar tbody tr")
    assert rows.count() >= 4
    for row in range(rows.count()):
        cells = rows.nth(row).locator("td")
        assert cells.count() == 7
        displays = cells.evaluate_all("cells => cells.map(cell => getComputedStyle(cell).display)")
        tops = cells.evaluate_all("cells => cells.map(cell => Math.round(cell.getBoundingClientRect().top))")
        # Days of the neighbouring months sit in their own cells of the same row, not stacked in one.
        assert set(displays) == {"table-cell"}
        assert len(set(tops)) == 1
    assert page.get_by_role("link", name=event.title).count() == 1
    context.close()


def test_a_signed_in_resident_on_a_phone_has_the_menu_in_one_row_that_scrolls(signed_in_page):
    from tests.accounts.factories import UserFactory

    context, page = signed_in_page(UserFactory())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("listings:browse"))
    items = page.locator("header nav li")
    tops = items.evaluate_all("items => items.map(item => Math.round(item.getBoundingClientRect().top))")
    assert len(tops) >= 9 and len(set(tops)) == 1, tops  # one row, not three
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the page itself does not scroll
    page.get_by_role("link", name="我的收藏").click()  # off-screen at first: the row scrolls to it
    page.wait_for_url(f"**{reverse('listings:favourites')}")
    context.close()
