"""List → buy → pay (stripe-mock) → hand over → confirm → rate, through the site's own pages."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listings.models import Listing
from orders.models import Order, Payment, Rating
from tests.listings.factories import category
from tests.media.images import make_image
from tests.orders.factories import intent_event, post_event

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]


def test_list_buy_pay_hand_over_confirm_rate(stripe_mock, client, seller, buyer):
    # The seller lists a desk.
    client.force_login(seller)
    client.post(
        reverse("listings:create"),
        {
            "title": "实木书桌",
            "description": "九成新",
            "category": category("furniture").pk,
            "condition": "90",
            "trade_mode": "sell",
            "price": "300.00",
            "quantity": "1",
            "community": seller.community_id,
            "pickup": "on",
        },
    )
    listing = Listing.objects.get(title="实木书桌")
    client.post(
        reverse("listings:photos", args=[listing.pk]),
        {"photo": SimpleUploadedFile("desk.jpg", make_image(), content_type="image/jpeg")},
    )
    client.post(reverse("listings:submit", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED

    # The buyer buys online and is sent to Stripe Checkout.
    client.force_login(buyer)
    response = client.post(reverse("orders:buy", args=[listing.pk]), {"kind": "online"})
    assert response.status_code == 302 and response.url.startswith("https://checkout.stripe.com/")
    order = Order.objects.get(listing=listing)

    # Stripe reports the authorisation.
    assert post_event(client, intent_event(order.payment)).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID

    # The seller hands it over; the buyer confirms; the payment is captured.
    client.force_login(seller)
    client.post(reverse("orders:act", args=[order.pk]), {"action": "hand_over", "note": "小区门口"})
    client.force_login(buyer)
    client.post(reverse("orders:act", args=[order.pk]), {"action": "confirm"})
    order.refresh_from_db()
    assert order.status == Order.Status.COMPLETED
    assert Payment.objects.get(order=order).status == Payment.Status.CAPTURED

    # Both rate each other; the seller's profile shows it.
    client.post(reverse("orders:rate", args=[order.pk]), {"score": "5", "comment": "卖家很好"})
    client.force_login(seller)
    client.post(reverse("orders:rate", args=[order.pk]), {"score": "5", "comment": "买家准时"})
    assert Rating.objects.filter(order=order).count() == 2
    profile = client.get(reverse("listings:seller", args=[seller.pk])).content.decode()
    assert "卖家很好" in profile
    assert re.search(r"5\.0", profile)
    history = [c.new_status for c in order.status_changes.all()]
    assert history == ["pending_payment", "paid", "handed_over", "received", "completed"]
