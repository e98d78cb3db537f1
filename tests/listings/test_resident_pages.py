"""Listing pages as residents meet them: a visitor's way to the seller, the report form, and the
category details asked for while listing, without errors for what is not filled in yet."""

import re

import pytest
from django.urls import reverse

from listings.models import Listing, ListingReport
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory, category
from tests.listings.test_views import form_data
from tests.orders.pages import visible_text

pytestmark = pytest.mark.django_db
VALID_IMEI = "490154203237518"


# --- A visitor on a listing ----------------------------------------------------------------------


def test_a_visitor_is_offered_to_sign_in_to_contact_the_seller_and_comes_back(client, seller):
    listing = ListingFactory(seller=seller, published=True)
    url = reverse("listings:detail", args=[listing.pk])
    page = client.get(url).content.decode()
    link = re.search(r'<a[^>]*href="([^"]+)"[^>]*>登录后联系卖家</a>', page)
    assert link, "no sign-in link for a visitor"
    assert link.group(1) == f"{reverse('account_login')}?next={url}"
    assert reverse("orders:buy", args=[listing.pk]) not in page
    assert client.get(link.group(1)).status_code == 200


def test_signed_in_residents_see_message_and_buy_not_the_sign_in_prompt(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True)
    sign_in(client, buyer)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert "登录后联系卖家" not in page
    assert reverse("listings:conversation", args=[listing.pk]) in page
    assert reverse("orders:buy", args=[listing.pk]) in page


# --- Reporting a listing -------------------------------------------------------------------------


def test_the_report_form_asks_for_a_reason_and_preselects_none(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True)
    sign_in(client, buyer)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    form = page[page.index(reverse("listings:report", args=[listing.pk])) :]
    form = form[: form.index("</form>")]
    assert "---------" not in form
    assert "这个商品有什么问题？" in visible_text(form)
    radios = re.findall(r'<input[^>]*name="reason"[^>]*>', form)
    assert len(radios) == len(ListingReport.Reason.choices)
    assert all("required" in radio and "checked" not in radio for radio in radios)
    assert "详细参数" not in visible_text(form)


def test_a_report_without_a_reason_is_refused_and_nothing_is_filed(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True)
    sign_in(client, buyer)
    response = client.post(
        reverse("listings:report", args=[listing.pk]), {"details": "看着不对"}, follow=True
    )
    assert "请选择举报原因" in response.content.decode()
    assert not ListingReport.objects.exists()


# --- Category details while listing --------------------------------------------------------------


def test_choosing_a_category_shows_its_fields_without_errors_and_keeps_what_was_typed(client, seller):
    sign_in(client, seller)
    response = client.post(
        reverse("listings:create"),
        {"title": "iPhone 13", "category": category("phones").pk, "change_category": "1"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="attr_imei"' in page
    assert "errorlist" not in page
    assert 'value="iPhone 13"' in page
    assert re.search(rf'<option value="{category("phones").pk}" selected>', page)
    assert not Listing.objects.exists()


def test_changing_category_on_an_edit_keeps_the_typed_values_and_shows_no_errors(client, seller):
    listing = ListingFactory(seller=seller, title="旧书桌")
    sign_in(client, seller)
    response = client.post(
        reverse("listings:edit", args=[listing.pk]),
        {"title": "", "description": "换了个说法", "category": category("phones").pk, "change_category": "1"},
    )
    page = response.content.decode()
    assert "errorlist" not in page and 'name="attr_imei"' in page and "换了个说法" in page
    listing.refresh_from_db()
    assert listing.title == "旧书桌"


def test_a_phone_is_not_saved_without_its_imei_which_is_asked_on_the_form(client, seller):
    sign_in(client, seller)
    data = form_data(community=seller.community_id, category=category("phones").pk, title="iPhone 13")
    response = client.post(reverse("listings:create"), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["attr_imei"]
    assert "不会公开显示" in " ".join(errors["attr_imei"])
    assert not Listing.objects.exists()

    response = client.post(reverse("listings:create"), {**data, "attr_imei": VALID_IMEI})
    listing = Listing.objects.get(title="iPhone 13")
    assert response.url == reverse("listings:photos", args=[listing.pk])
    assert listing.attributes["imei"] == VALID_IMEI


def test_optional_details_can_still_wait(client, seller):
    sign_in(client, seller)
    data = form_data(community=seller.community_id, category=category("phones").pk, attr_imei=VALID_IMEI)
    assert client.post(reverse("listings:create"), data).status_code == 302
    listing = Listing.objects.get()
    assert set(listing.attributes) == {"imei"}
