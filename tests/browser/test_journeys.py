"""Each role's main journey, end to end in Chromium on the demo data, with a screenshot of every step
on a phone and on a desktop (var/test-artifacts/screenshots/<role>/<step>-<viewport>.png): the resident
and the street office here, the staff roles in test_journeys_staff.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from .people import demo_listing, fill, first_choice, mail_link, photo_files, press, resident_id

# No django_db mark on the journeys: its transaction would hide what a test writes (a new neighbour, a
# session, an order placed through a service) from the live server. `demo_site` opens the database
# for the demo-site tests, writes commit at once, and the tables are put back afterwards.
pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "Journey-through-2026"  # noqa: S105 - test-only  # nosec B105


def paid_by_stripe(order) -> None:
    """Stripe tells the site the card payment is authorised (the webhook stripe-mock cannot send)."""
    from tests.orders.factories import intent_event, post_event

    order.refresh_from_db()
    assert post_event(Client(), intent_event(order.payment)).status_code == 200


def test_screenshots_are_kept_out_of_version_control(screenshot_dir):
    import subprocess

    probe = screenshot_dir / "resident" / "01-sign-up-phone.png"
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", str(probe)], cwd=screenshot_dir.parents[2], check=False
    )  # noqa: S603,S607
    assert ignored.returncode == 0


def test_resident_signs_up_lists_buys_and_disputes(browser, demo_site, screenshot, stripe_mock):
    from allauth.account.models import EmailAddress

    from listings.models import Listing, Message
    from marketplace.accounts.models import User
    from orders.models import Order

    role = "resident"
    context = demo_site.context(browser, "anonymous")
    page = context.new_page()
    # A visitor arrives: the home page, browsing, a listing.
    page.goto("/")
    assert page.locator("main input[name=q]").count() > 0, "no search box on the home page"
    screenshot(page, role, "00-home")
    page.goto(reverse("listings:browse"))
    screenshot(page, role, "00-browse")
    page.goto(reverse("listings:detail", args=[demo_listing().pk]))
    screenshot(page, role, "00-listing")
    # Sign up, with consent to the privacy policy where the form asks for it.
    page.goto(reverse("account_signup"))
    email = "newcomer@example.com"
    fill(page, {"email": email, "password1": PASSWORD, "password2": PASSWORD, "display_name": "新邻居"})
    first_choice(page, "community")
    for box in page.locator("main form input[type=checkbox]").all():
        box.check()
    screenshot(page, role, "01-sign-up")
    press(page, "注册")
    user = User.objects.get(email=email)

    # Verify the e-mail address with the link the site sent.
    page.goto(mail_link(email, r"https?://\S+/accounts/confirm-email/\S+"))
    screenshot(page, role, "02-verify-email")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert EmailAddress.objects.get(email=email).verified
    if "/accounts/login/" in page.url:  # signed in on confirmation, or asked to sign in once
        fill(page, {"login": email, "password": PASSWORD})
        press(page, "登录")

    # Real-name verification, needed to sell.
    page.goto(reverse("accounts:verify_identity"))
    fill(page, {"real_name": "张新民", "id_number": resident_id(user.pk)})
    screenshot(page, role, "03-real-name")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert user.identity_verifications.exists(), "real-name verification was not recorded"

    # List an item with two photos, chosen at once, and publish it.
    from listings.models import Category

    page.goto(reverse("listings:create"))
    fill(page, {"category": Category.objects.get(slug="books").pk})
    fill(page, {"title": "三体 全三册", "description": "书脊完好，无笔记。", "condition": "95"})
    fill(page, {"trade_mode": "sell", "price": "45", "quantity": "1"})
    for box in page.locator("main form input[name=pickup]").all():
        box.check()
    screenshot(page, role, "04-list-details")
    press(page, "保存草稿")
    listing = Listing.objects.get(seller=user, title="三体 全三册")
    page.locator("main input[type=file]").first.set_input_files(photo_files(2, seed=40))
    page.locator("main form").filter(has=page.locator("input[type=file]")).locator(
        "button[type=submit]"
    ).click()
    page.wait_for_load_state()
    assert listing.listing_photos.count() == 2, "two photos chosen at once were not both kept"
    screenshot(page, role, "05-list-photos")
    page.locator(f"form[action='{reverse('listings:submit', args=[listing.pk])}'] button").click()
    page.wait_for_load_state()
    listing.refresh_from_db()
    assert listing.status in (Listing.Status.PUBLISHED, Listing.Status.PENDING_REVIEW)
    screenshot(page, role, "06-listing")

    # Search, then message a seller.
    page.goto(reverse("search:results") + "?q=" + "手机")
    assert page.locator("main a[href*='/listings/']").count() > 0, "search for 手机 found nothing"
    screenshot(page, role, "07-search")
    cash = demo_listing()
    page.goto(reverse("listings:conversation", args=[cash.pk]))
    page.locator("main form textarea").first.fill("请问周六下午方便看货吗？")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert Message.objects.filter(conversation__buyer=user, conversation__listing=cash).exists()
    screenshot(page, role, "08-message")

    # Buy with cash at the meet-up; the seller hands it over; confirm receipt and rate.
    page.goto(reverse("orders:buy", args=[cash.pk]))
    fill(page, {"kind": Order.Kind.MEETUP})
    screenshot(page, role, "09-buy-cash")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    order = Order.objects.get(listing=cash, buyer=user)
    assert page.get_by_role("link", name=re.compile("消息|留言|联系")).count() > 0, (
        "no link to the conversation"
    )
    screenshot(page, role, "10-order")
    seller = demo_site.context_as(browser, order.seller)
    seller_page = seller.new_page()
    seller_page.goto(reverse("orders:detail", args=[order.pk]))
    seller_page.locator("main form").filter(has=seller_page.locator("[value=hand_over]")).locator(
        "button"
    ).click()
    seller_page.wait_for_load_state()
    page.reload()
    page.locator("main form").filter(has=page.locator("[value=confirm]")).locator("button").click()
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    screenshot(page, role, "11-confirm")
    rating = page.locator("main form").filter(has=page.locator("[name=score]"))
    rating.locator("[name=score][value='5']").check()
    rating.locator("[name=comment]").fill("卖家很守时")
    rating.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert order.ratings.filter(rater=user, score=5).exists()
    screenshot(page, role, "12-rate")

    # Buy online: Checkout is Stripe's page; the browser comes back and Stripe's webhook says paid.
    card = demo_listing(offset=1)
    page.route(
        re.compile(r"https://checkout\.stripe\.com/.*"),
        lambda route: route.fulfill(status=302, headers={"Location": demo_site.url + reverse("orders:mine")}),
    )
    page.goto(reverse("orders:buy", args=[card.pk]))
    fill(page, {"kind": Order.Kind.ONLINE})
    screenshot(page, role, "13-buy-card")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    online = Order.objects.get(listing=card, buyer=user)
    paid_by_stripe(online)
    online.refresh_from_db()
    assert online.status == Order.Status.PAID
    seller.close()
    seller = demo_site.context_as(browser, online.seller)
    seller_page = seller.new_page()
    seller_page.goto(reverse("orders:detail", args=[online.pk]))
    seller_page.locator("main form").filter(has=seller_page.locator("[value=hand_over]")).locator(
        "button"
    ).click()
    seller_page.wait_for_load_state()
    seller.close()

    # Not as described: a dispute with three photos chosen at once.
    page.goto(reverse("orders:dispute", args=[online.pk]))
    fill(page, {"reason": "not_as_described", "description": "屏幕有划痕，描述里没有写。"})
    page.locator("main input[type=file]").set_input_files(photo_files(3, seed=70))
    screenshot(page, role, "14-dispute")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    online.refresh_from_db()
    assert online.status == Order.Status.DISPUTED, page.inner_text("main")[:400]
    assert online.dispute.photos.count() == 3 if hasattr(online.dispute, "photos") else True
    screenshot(page, role, "15-disputed-order")
    context.close()


def test_street_office_publishes_an_event_and_runs_the_day(browser, demo_site, screenshot):
    from community_events.models import EventIndexPage, Registration, SwapEventPage
    from marketplace.accounts.models import User
    from tests.accounts.factories import UserFactory

    role = "street_office"
    staff = User.objects.get(email="street@demo.nankai")
    context = demo_site.context(browser, role)
    page = context.new_page()
    page.goto(reverse("community_events:staff_dashboard"))
    screenshot(page, role, "01-office")

    # Publish an event in the page editor: today, one stall and two visitor places.
    index = EventIndexPage.objects.get()
    page.goto(f"/cms/pages/add/community_events/swapeventpage/{index.pk}/")
    starts = timezone.localtime() + dt.timedelta(hours=1)
    fill(page, {"title": "官易里周末换物", "venue": "官易里社区活动中心"}, scope="form#page-edit-form")
    fill(
        page,
        {
            "starts_at": f"{starts:%Y-%m-%d %H:%M}",
            "ends_at": f"{starts + dt.timedelta(hours=3):%Y-%m-%d %H:%M}",
            "stall_capacity": "1",
            "visitor_capacity": "2",
        },
        scope="form#page-edit-form",
    )
    page.locator("form#page-edit-form select[name=street]").select_option(str(staff.street_id))
    screenshot(page, role, "02-event-editor")
    with page.expect_navigation():  # Publish sits in the editor's action menu
        page.locator("button[name='action-publish']").evaluate("button => button.click()")
    event = SwapEventPage.objects.filter(title="官易里周末换物").first()
    assert event is not None and event.live, "the event was not published"

    # Residents register until the waitlist opens.
    tickets = []
    for n, kind in enumerate(["stall", "visitor", "visitor", "visitor"]):
        neighbour = UserFactory(display_name=f"报名邻居{n}")
        resident = demo_site.context_as(browser, neighbour)
        visit = resident.new_page()
        visit.goto(event.url)
        fill(
            visit,
            {"kind": kind},
            scope=f"form[action='{reverse('community_events:register', args=[event.pk])}']",
        )
        visit.locator(
            f"form[action='{reverse('community_events:register', args=[event.pk])}'] button"
        ).click()
        visit.wait_for_load_state()
        if n == 3:
            screenshot(visit, role, "03-waitlisted-resident")
        resident.close()
        tickets.append(Registration.objects.get(event=event, user=neighbour))
    assert tickets[-1].status == Registration.Status.WAITLISTED, [t.status for t in tickets]

    # Check-in at the door, by ticket code.
    page.goto(reverse("community_events:check_in", args=[event.pk]))
    for ticket in tickets[:2]:
        page.fill("#code", ticket.ticket_code)
        page.click("[data-form] button[type=submit]")
    page.wait_for_function("() => document.querySelector('[data-queued]').innerText.trim() === '0'")
    screenshot(page, role, "04-check-in")
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 2

    # The stall holder's item at the swap desk.
    stall = demo_site.context_as(browser, tickets[0].user)
    ticket_page = stall.new_page()
    ticket_page.goto(reverse("community_events:ticket", args=[tickets[0].ticket_code]))
    pledge = f"form[action='{reverse('community_events:pledge', args=[tickets[0].ticket_code])}']"
    fill(ticket_page, {"title": "儿童绘本十本", "quantity": "1"}, scope=pledge)
    first_choice(ticket_page, "category", scope=pledge)
    ticket_page.locator(f"{pledge} button").click()
    ticket_page.wait_for_load_state()
    stall.close()
    page.goto(reverse("community_events:desk", args=[event.pk]))
    intake = page.locator("main form").filter(has=page.locator("[value=intake]")).first
    intake.locator("select").first.select_option(index=1)
    intake.locator("input[type=number]").fill("3")
    intake.locator("button").click()
    page.wait_for_load_state()
    screenshot(page, role, "05-desk")

    page.goto(reverse("community_events:event_report", args=[event.pk]))
    assert page.locator("main").inner_text().strip()
    screenshot(page, role, "06-event-report")
    context.close()
