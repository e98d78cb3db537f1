"""Browsing on a phone as second-hand apps have taught people to: two cards per row, more cards as you
scroll, and photos sized for the screen."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory, add_photos

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 390, "height": 844}


def test_browse_on_a_phone_shows_two_cards_a_row_and_loads_more_on_scroll(browser, live_server):
    seller = UserFactory()
    listings = ListingFactory.create_batch(30, published=True, seller=seller)  # more than one page (24)
    add_photos(listings[-1], 1)
    context = browser.new_context(
        base_url=live_server.url, locale="zh-CN", viewport=PHONE, device_scale_factor=2
    )
    page = context.new_page()
    page.goto(reverse("listings:browse"))
    cards = page.locator(".listing-card")
    assert cards.count() == 24
    boxes = [cards.nth(index).bounding_box() for index in range(4)]
    # Cards 1 and 2 share a row, side by side; card 3 starts the next row.
    assert round(boxes[0]["y"]) == round(boxes[1]["y"])
    assert boxes[1]["x"] > boxes[0]["x"] + boxes[0]["width"] - 1
    assert boxes[2]["y"] > boxes[0]["y"]
    assert boxes[0]["width"] < PHONE["width"] / 2
    # The newest card has a photo: a WebP rendition chosen for a half-screen card at twice the density.
    image = cards.first.locator("img")
    assert image.get_attribute("loading") == "lazy"
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.currentSrc", arg=image.element_handle())
    assert image.evaluate("img => img.currentSrc").endswith(".webp")
    # Scrolling to the end fetches the next page in place: all 30, none twice.
    page.mouse.wheel(0, 20000)
    page.wait_for_function("() => document.querySelectorAll('.listing-card').length === 30")
    hrefs = cards.locator("a.card-link").evaluate_all("links => links.map(link => link.getAttribute('href'))")
    assert len(set(hrefs)) == 30
    assert page.url.endswith(reverse("listings:browse"))
    context.close()


def test_the_home_page_search_box_leads_to_results(browser, live_server):
    from demo.seed import seed_pages

    seed_pages()
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    page.goto("/")
    page.get_by_role("combobox", name="搜索").fill("自行车")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/**")
    assert page.get_by_role("combobox", name="搜索").input_value() == "自行车"
    context.close()


def test_on_a_phone_search_results_come_before_the_folded_filters(browser, live_server):
    from search.services import rebuild_index

    ListingFactory.create_batch(3, published=True, title="九成新 自行车")
    rebuild_index()
    for viewport, folded in ((PHONE, True), ({"width": 1280, "height": 900}, False)):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=viewport)
        page = context.new_page()
        page.goto(reverse("search:results") + "?q=自行车")
        first_card = page.locator(".listing-card").first.bounding_box()
        assert first_card["y"] < viewport["height"], "the first result is below the first screen"
        every_category = page.get_by_role("radio", name="全部")
        assert every_category.is_visible() is not folded
        if folded:
            page.get_by_text("筛选", exact=True).click()
            assert every_category.is_visible()
        context.close()
