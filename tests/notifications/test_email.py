"""Emails follow each person's choices and language, carry the brand and an absolute link, go out only
after the change commits, and a mail server that fails loses nothing."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse

from listings.services import social
from notifications import delivery, services
from notifications.models import Notification
from orders import services as orders
from orders.models import Order
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db
E = Notification.Email


@pytest.fixture
def listing(seller):
    return ListingFactory(seller=seller, published=True, title="旧台灯", price="30.00")


def test_a_new_order_email_is_chinese_branded_and_links_to_the_order(listing, buyer, seller, settings):
    settings.SITE_URL = "https://market.example.cn"
    order = orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    [message] = mail.outbox
    assert message.to == [seller.email]
    assert message.subject == "【南开邻里闲置】新订单：“旧台灯”"
    assert message.body.startswith("您好，")
    assert "127.0.0.1" not in message.subject + message.body and "Hello" not in message.body
    assert f"https://market.example.cn{reverse('orders:detail', args=[order.pk])}" in message.body
    assert "南开邻里闲置" in message.body.rstrip().splitlines()[-1]


def test_the_email_is_in_the_language_the_person_chose(client, listing, buyer, seller):
    sign_in(client, seller)
    client.post(reverse("notifications:preferences"), {"language": "en", **all_email_on()})
    orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    [message] = mail.outbox
    assert message.subject == "【Nankai Neighbourhood Reuse】New order for “旧台灯”"
    assert message.body.startswith("Hello,")


def all_email_on(**off) -> dict:
    from notifications.kinds import Kind

    return {f"email_{kind}": "on" for kind in Kind.values if kind not in off}


def test_a_kind_turned_off_still_reaches_the_inbox_but_not_the_mailbox(client, listing, buyer, seller):
    sign_in(client, seller)
    response = client.post(reverse("notifications:preferences"), all_email_on(order_placed=True))
    assert response.status_code == 302
    orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    assert mail.outbox == []
    assert Notification.objects.get(recipient=seller).email == E.NONE


def test_the_preferences_page_shows_the_defaults_and_the_mandatory_kind(client, seller):
    sign_in(client, seller)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="email_order_placed"' in page and "checked" in page
    assert "法律要求告知" in page  # IP notices cannot be turned off
    client.post(reverse("notifications:preferences"), all_email_on(ip_notice=True))
    assert services.wants_email(seller, "ip_notice")


def test_messages_in_one_conversation_email_at_most_once_per_interval(listing, buyer, seller, settings):
    settings.NOTIFICATIONS_MESSAGE_EMAIL_MINUTES = 15
    thread = social.open_conversation(listing, buyer=buyer)
    for text in ("还在吗？", "能便宜点吗？", "明天可以取吗？"):
        social.send_message(thread, sender=buyer, body=text)
    assert Notification.objects.filter(recipient=seller).count() == 3  # the inbox gets every one
    assert len(mail.outbox) == 1

    Notification.objects.update(
        created_at=Notification.objects.latest("pk").created_at - dt.timedelta(minutes=16)
    )
    social.send_message(thread, sender=buyer, body="在吗？")
    assert len(mail.outbox) == 2
    other = social.open_conversation(ListingFactory(seller=seller, published=True), buyer=buyer)
    social.send_message(other, sender=buyer, body="你好")
    assert len(mail.outbox) == 3  # another conversation is another thread of emails


def test_the_email_waits_for_commit_and_a_rolled_back_change_sends_nothing(
    listing, buyer, seller, settings, django_capture_on_commit_callbacks
):
    settings.NOTIFICATIONS_EMAIL_IN_TRANSACTION = False
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
        assert mail.outbox == []  # not while the request's transaction is open
    assert len(callbacks) >= 1 and len(mail.outbox) == 1

    other = ListingFactory(seller=seller, published=True)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        orders.place_order(other, buyer=buyer, kind=Order.Kind.MEETUP)
        raise RuntimeError
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_a_failing_mail_server_keeps_the_entry_and_the_sweep_sends_it_later(
    listing, buyer, seller, monkeypatch
):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(delivery, "send_mail", refuse)
    orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    entry = Notification.objects.get(recipient=seller)
    assert entry.email == E.PENDING and entry.email_attempts == 1
    assert Order.objects.count() == 1  # the order stands

    monkeypatch.undo()
    assert delivery.send_pending(older_than=dt.timedelta(0)) == 1
    entry.refresh_from_db()
    assert entry.email == E.SENT and len(mail.outbox) == 1
    assert delivery.send_pending(older_than=dt.timedelta(0)) == 0  # sent once only


def test_an_email_that_keeps_failing_is_given_up_after_a_few_attempts(listing, buyer, seller, monkeypatch):
    monkeypatch.setattr(delivery, "send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    orders.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    for _attempt in range(delivery.MAX_ATTEMPTS):
        delivery.send_pending(older_than=dt.timedelta(0))
    entry = Notification.objects.get(recipient=seller)
    assert entry.email == E.FAILED and entry.read_at is None
