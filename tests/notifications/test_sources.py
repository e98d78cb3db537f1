"""Each thing a person should hear of puts an entry in their inbox — theirs only, with a link to it."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from appraisal import services as appraisal
from community_events import services as events
from listings.services import social
from notifications.models import Notification
from notifications.rendering import render
from orders import services as orders
from orders.models import Order
from regulation import services as regulation
from search import services as search
from search.models import SavedSearch, SavedSearchMatch
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory, AppraiserFactory, issued_report
from tests.community_events.factories import make_event
from tests.listings.factories import ListingFactory, category
from tests.regulation.factories import FlagFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db


def inbox(user) -> list[tuple[str, str]]:
    """(message, title in Chinese) of each of the user's entries, oldest first."""
    with translation.override("zh-hans"):
        return [(n.message, render(n)[0]) for n in Notification.objects.filter(recipient=user).order_by("pk")]


def words(notification) -> tuple[str, str]:
    with translation.override("zh-hans"):
        return render(notification)


def test_a_new_order_tells_the_seller_and_a_status_change_tells_the_other_party(seller, buyer, outsider):
    listing = ListingFactory(seller=seller, published=True, title="旧台灯", price="30.00")
    order = orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    assert inbox(seller) == [("order_placed", "新订单：“旧台灯”")]
    assert inbox(buyer) == []  # the buyer placed it

    orders.mark_handed_over(order, actor=seller)
    [(message, title)] = inbox(buyer)
    assert message == "order_status" and order.reference in title and "已交付" in title
    assert len(inbox(seller)) == 1  # the seller made the change
    assert Notification.objects.filter(recipient=outsider).count() == 0
    assert Notification.objects.get(recipient=buyer).url == reverse("orders:detail", args=[order.pk])


def test_a_message_tells_the_other_side_of_the_conversation(seller, buyer, outsider):
    listing = ListingFactory(seller=seller, published=True, title="自行车")
    thread = social.open_conversation(listing, buyer=buyer)
    social.send_message(thread, sender=buyer, body="还在吗？")
    [to_seller] = Notification.objects.filter(recipient=seller)
    assert to_seller.url == reverse("listings:conversation", args=[listing.pk]) + f"?buyer={buyer.pk}"
    social.send_message(thread, sender=seller, body="在的")
    [to_buyer] = Notification.objects.filter(recipient=buyer)
    assert to_buyer.url == reverse("listings:conversation", args=[listing.pk])
    assert "自行车" in words(to_buyer)[0]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_swap_offer_tells_the_owner_and_its_acceptance_tells_the_proposer(seller, buyer, outsider):
    listing = ListingFactory(seller=seller, published=True, trade_mode="swap", title="儿童绘本")
    offer = orders.propose_swap(listing, proposer=buyer, offer="一套乐高")
    assert inbox(seller) == [("swap_offer", "“儿童绘本”的换物提议")]
    orders.accept_swap(offer, actor=seller)
    assert [m for m, _ in inbox(buyer)] == ["swap_decided"]
    assert "已接受" in inbox(buyer)[0][1]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_appraisal_steps_tell_the_owner(seller, outsider):
    appraiser = AppraiserFactory(specialities=("electronics",))
    case = AppraisalCaseFactory(
        listing=ListingFactory(seller=seller, published=True, category=category("phones"))
    )
    appraisal.assign_case(case, appraiser=appraiser, actor=appraiser.user)
    assert [m for m, _ in inbox(seller)] == ["appraisal_accepted"]
    assert not Notification.objects.filter(recipient=appraiser.user).exists()

    other = ListingFactory(
        seller=outsider,
        published=True,
        category=category("phones"),
        title="iPhone 13",
        attributes={"imei": "490154203237518", "brand": "Apple", "model": "iPhone 13"},
    )
    report = issued_report(other, AppraiserFactory(specialities=("electronics",)))
    [issued] = Notification.objects.filter(recipient=outsider, message="appraisal_issued")
    assert report.number in words(issued)[0]
    assert issued.url == reverse("appraisal:verify", args=[report.number])


@pytest.mark.parametrize(
    "decision,told",
    [
        ("warn", True),
        ("takedown", True),
        ("request_identity", True),
        ("refer_police", False),
        ("no_violation", False),
    ],
)
def test_a_flag_decision_tells_the_listing_owner_unless_it_would_warn_a_suspect(
    seller, regulator, outsider, decision, told
):
    flag = FlagFactory(listing=ListingFactory(seller=seller, published=True, title="二手手机"))
    regulation.decide(flag, actor=regulator, decision=decision, reason="描述与实物不符")
    entries = Notification.objects.filter(recipient=seller)
    assert entries.exists() is told
    if told:
        title, body = words(entries.get())
        assert "二手手机" in title and "描述与实物不符" in body
    assert not Notification.objects.filter(recipient__in=[regulator, outsider]).exists()


def test_an_ip_notice_tells_the_seller_and_a_counter_declaration_tells_the_rights_holder(seller, outsider):
    holder = RightsHolderFactory(verified=True, contact_email="legal@brand.example")
    listing = ListingFactory(seller=seller, published=True, title="名牌包")
    notice = regulation.file_notice(holder, listing=listing, right="注册商标第123456号", evidence="比对")
    [(message, title)] = inbox(seller)
    assert message == "ip_notice" and "名牌包" in title
    regulation.counter_declare(notice, actor=seller, statement="有正规发票")
    [counter] = Notification.objects.filter(recipient=holder.user)
    assert "有正规发票" in words(counter)[1]
    # The law's delivery reaches the contact address the rights holder registered.
    assert mail.outbox[-1].to == ["legal@brand.example"] and "有正规发票" in mail.outbox[-1].body
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_waitlist_offers_and_reminders_reach_the_person_registered(resident, buyer, outsider):
    event = make_event(visitors=2, starts_in=dt.timedelta(hours=20))
    first = events.register(event, user=resident, kind="visitor", party_size=2)
    waiting = events.register(event, user=buyer, kind="visitor", party_size=1)
    assert [m for m, _ in inbox(buyer)] == ["event_waitlisted"]
    events.cancel(first, actor=resident)
    assert [m for m, _ in inbox(buyer)] == ["event_waitlisted", "event_offered"]
    offered = Notification.objects.get(recipient=buyer, message="event_offered")
    assert offered.url == reverse("community_events:ticket", args=[waiting.ticket_code])
    events.accept_offer(waiting, actor=buyer)
    events.send_reminders()
    assert inbox(buyer)[-1][0] == "event_reminder"
    assert waiting.ticket_code in inbox(buyer)[-1][1]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_a_saved_search_digest_lands_in_the_owners_inbox(resident, seller, outsider):
    saved = SavedSearch.objects.create(user=resident, name="便宜手机", query={"q": "手机"})
    listing = ListingFactory(seller=seller, published=True, title="小米手机")
    SavedSearchMatch.objects.create(saved_search=saved, listing=listing)
    assert search.send_saved_search_digests() == 1
    [digest] = Notification.objects.filter(recipient=resident)
    assert "便宜手机" in words(digest)[0] and "小米手机" in words(digest)[1]
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_no_entry_for_an_account_that_has_left(seller, buyer):
    listing = ListingFactory(seller=seller, published=True)
    thread = social.open_conversation(listing, buyer=buyer)
    seller.is_active = False
    seller.save(update_fields=["is_active"])
    social.send_message(thread, sender=buyer, body="你好")
    assert not Notification.objects.filter(recipient=seller).exists()


def test_the_entry_links_to_the_thing_for_its_recipient(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, title="旧台灯")
    order = orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    sign_in(client, seller)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert reverse("orders:detail", args=[order.pk]) in page
    assert client.get(reverse("orders:detail", args=[order.pk])).status_code == 200
