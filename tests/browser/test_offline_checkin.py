"""Door check-in on a phone with a poor connection, in a real browser."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from community_events import services
from community_events.models import Registration
from tests.accounts.factories import UserFactory
from tests.community_events.factories import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_check_ins_queue_while_offline_and_sync_when_back(signed_in_page, street_staff):
    event = make_event(starts_in=dt.timedelta(hours=1))  # the door is open
    tickets = [services.register(event, user=UserFactory(), kind="visitor") for _ in range(2)]
    context, page = signed_in_page(street_staff)
    page.goto(reverse("community_events:check_in", args=[event.pk]))
    assert page.locator("h1").inner_text() == "签到"

    context.set_offline(True)
    for ticket in tickets:
        page.fill("#code", ticket.ticket_code.lower())
        page.click("[data-form] button[type=submit]")
    expect(page.locator("[data-queued]")).to_have_text("2")
    assert not Registration.objects.filter(event=event, checked_in_at__isnull=False).exists()

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("[data-queued]")).to_have_text("0", timeout=15000)
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 2
    assert page.locator("[data-count=checked_in]").inner_text() == "2"
    assert "✓ 已签到" in page.locator("[data-log]").inner_text()
    assert page.locator("[data-status]").inner_text() == "在线"
    context.close()


def test_the_home_page_renders_in_chinese_with_the_site_font_stack(browser, live_server):
    page = browser.new_page(locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert page.locator(".skip-link").count() == 1
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"  # keyboard users can jump past the navigation
    page.close()
