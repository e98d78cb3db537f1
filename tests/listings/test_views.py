import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from listings import services
from listings.errors import ListingError
from listings.models import Listing, ListingPhoto
from tests.accounts.factories import UserFactory, sign_in
from tests.listings.factories import FavouriteFactory, ListingFactory, add_photos, category
from tests.media.images import decompression_bomb, make_image

pytestmark = pytest.mark.django_db
S = Listing.Status


def form_data(**overrides):
    data = {
        "title": "宜家书架",
        "description": "白色，五层，自提",
        "category": category("furniture").pk,
        "condition": "90",
        "trade_mode": "sell",
        "price": "80",
        "quantity": "1",
        "community": "",
        "pickup": "on",
    }
    data.update(overrides)
    return data


def test_the_guided_flow_from_draft_to_published(client, seller):
    client.force_login(seller)
    data = form_data(community=seller.community_id)
    response = client.post(reverse("listings:create"), data)
    listing = Listing.objects.get(title="宜家书架")
    assert response.url == reverse("listings:photos", args=[listing.pk])
    assert listing.status == S.DRAFT

    upload = SimpleUploadedFile("shelf.jpg", make_image(gps=True), content_type="image/jpeg")
    client.post(reverse("listings:photos", args=[listing.pk]), {"photo": upload})
    assert listing.listing_photos.count() == 1

    client.post(reverse("listings:submit", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.status == S.PUBLISHED
    page = client.get(reverse("listings:browse")).content.decode()
    assert "宜家书架" in page


def test_bad_input_keeps_what_was_typed_and_explains_in_chinese(client, seller):
    client.force_login(seller)
    data = form_data(
        community=seller.community_id,
        category=category("phones").pk,
        price="0",
        title="iPhone 13",
        attr_imei="123456789012345",
    )
    response = client.post(reverse("listings:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "IMEI 为 15 位数字" in page
    assert "价格至少为 ¥0.01" in page
    assert 'value="iPhone 13"' in page
    assert not Listing.objects.exists()


def test_a_price_above_the_ceiling_is_refused(client, seller, settings):
    client.force_login(seller)
    response = client.post(
        reverse("listings:create"), form_data(community=seller.community_id, price="999999999")
    )
    assert response.status_code == 200
    assert not Listing.objects.exists()


def test_photo_upload_refuses_bombs_and_fakes_with_a_message(client, seller):
    listing = ListingFactory(seller=seller)
    client.force_login(seller)
    url = reverse("listings:photos", args=[listing.pk])
    bomb = client.post(
        url, {"photo": SimpleUploadedFile("big.png", decompression_bomb(), content_type="image/png")}
    )
    assert "像素" in bomb.content.decode()
    fake = client.post(
        url, {"photo": SimpleUploadedFile("cat.jpg", b"MZ\x90\x00 not a jpeg", content_type="image/jpeg")}
    )
    assert "无法识别" in fake.content.decode()
    assert listing.listing_photos.count() == 0


def test_at_most_twelve_photos(seller, settings):
    listing = ListingFactory(seller=seller)
    add_photos(listing, 12)
    with pytest.raises(ListingError) as caught:
        services.add_photo(listing, actor=seller, data=make_image(seed=99))
    assert caught.value.code == "too_many_photos"


def test_photos_reorder_and_delete(client, seller):
    listing = ListingFactory(seller=seller)
    first, second, third = add_photos(listing, 3)
    client.force_login(seller)
    url = reverse("listings:photo_action", args=[listing.pk])
    client.post(url, {"order": f"{third.photo_id},{first.photo_id},{second.photo_id}"})
    assert list(listing.listing_photos.order_by("position").values_list("photo_id", flat=True)) == [
        third.photo_id,
        first.photo_id,
        second.photo_id,
    ]
    client.post(url, {"delete": str(first.photo_id)})
    assert not ListingPhoto.objects.filter(photo_id=first.photo_id).exists()
    assert listing.cover.pk == third.photo_id


def test_only_the_seller_edits(client, seller, outsider):
    listing = ListingFactory(seller=seller, published=True)
    client.force_login(outsider)
    assert client.get(reverse("listings:edit", args=[listing.pk])).status_code == 403
    assert (
        client.post(reverse("listings:edit", args=[listing.pk]), form_data(title="改掉")).status_code == 403
    )
    assert (
        client.post(reverse("listings:photo_action", args=[listing.pk]), {"delete": "1"}).status_code == 403
    )
    listing.refresh_from_db()
    assert listing.title != "改掉"


@pytest.mark.parametrize("status", [S.DRAFT, S.PENDING_REVIEW, S.REMOVED, S.BLOCKED, S.WITHDRAWN])
def test_outsiders_get_404_on_listings_that_are_not_public(client, seller, outsider, status):
    listing = ListingFactory(seller=seller, status=status)
    url = reverse("listings:detail", args=[listing.pk])
    assert client.get(url).status_code == 404
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("listings:edit", args=[listing.pk])).status_code == 404
    client.force_login(seller)
    assert client.get(url).status_code == 200


def test_staff_can_open_held_listings(client, platform_admin, seller):
    listing = ListingFactory(seller=seller, pending=True)
    sign_in(client, platform_admin)
    assert client.get(reverse("listings:detail", args=[listing.pk])).status_code == 200


def test_my_listings_filter_by_status(client, seller):
    ListingFactory(seller=seller, title="草稿甲")
    ListingFactory(seller=seller, title="在售乙", published=True)
    client.force_login(seller)
    page = client.get(reverse("listings:mine") + "?status=draft").content.decode()
    assert "草稿甲" in page and "在售乙" not in page


def test_detail_shows_community_never_an_address_and_hides_identifiers(client, seller):
    listing = ListingFactory(
        seller=seller,
        published=True,
        category=category("phones"),
        attributes={"imei": "490154203237518", "brand": "Apple"},
    )
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    assert listing.community.name in page
    assert "Apple" in page
    assert "490154203237518" not in page


def test_browse_filters_by_category_subtree_and_street(client):
    phone = ListingFactory(seller=UserFactory(), published=True, category=category("phones"), title="旧手机")
    ListingFactory(seller=UserFactory(), published=True, title="旧沙发")
    page = client.get(reverse("listings:browse") + "?category=electronics").content.decode()
    assert phone.title in page and "旧沙发" not in page
    street = phone.community.street.code
    assert phone.title in client.get(reverse("listings:browse") + f"?street={street}").content.decode()
    assert phone.title not in client.get(reverse("listings:browse") + "?street=120104001").content.decode()


def test_vehicle_plates_and_vins_never_show_on_the_listing(client, seller):
    car = ListingFactory(
        seller=seller,
        published=True,
        category=category("vehicles"),
        price="50000",
        attributes={"vin": "LSVAU2180N2183294", "plate": "津A12345", "brand": "大众"},
    )
    page = client.get(reverse("listings:detail", args=[car.pk])).content.decode()
    assert "大众" in page and "津A12345" not in page and "LSVAU2180N2183294" not in page


def test_favourites_hide_listings_that_are_no_longer_public(client, buyer, seller):
    listing = FavouriteFactory(user=buyer, listing__seller=seller, listing__title="被下架的灯").listing
    Listing.objects.filter(pk=listing.pk).update(status=S.REMOVED)
    client.force_login(buyer)
    assert "被下架的灯" not in client.get(reverse("listings:favourites")).content.decode()


def test_a_seller_reopens_a_withdrawn_listing_as_a_draft_and_edits_it(client, seller):
    listing = ListingFactory(seller=seller, published=True, title="旧台灯")
    services.withdraw_listing(listing, actor=seller)
    client.force_login(seller)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    reopen = reverse("listings:reopen", args=[listing.pk])
    assert f'action="{reopen}"' in page
    response = client.post(reopen)
    assert response.url == reverse("listings:edit", args=[listing.pk])
    listing.refresh_from_db()
    assert listing.status == S.DRAFT
    assert listing.status_changes.last().actor == seller
    client.post(
        reverse("listings:edit", args=[listing.pk]), form_data(title="新台灯", community=seller.community_id)
    )
    listing.refresh_from_db()
    assert listing.title == "新台灯"


def test_only_withdrawn_listings_of_ones_own_can_be_reopened(client, seller, outsider):
    published = ListingFactory(seller=seller, published=True)
    withdrawn = ListingFactory(seller=seller, withdrawn=True)
    client.force_login(seller)
    reopen = reverse("listings:reopen", args=[published.pk])
    assert reopen not in client.get(reverse("listings:detail", args=[published.pk])).content.decode()
    refused = client.post(reopen, follow=True)
    assert [m.level_tag for m in refused.context["messages"]] == ["error"]  # a message, not a 500
    published.refresh_from_db()
    assert published.status == S.PUBLISHED
    client.force_login(outsider)
    assert client.post(reverse("listings:reopen", args=[withdrawn.pk])).status_code == 404
    assert client.get(reverse("listings:reopen", args=[withdrawn.pk])).status_code == 405
    withdrawn.refresh_from_db()
    assert withdrawn.status == S.WITHDRAWN


def test_the_listing_page_shows_the_panels_apps_above_register(
    client, seller, buyer, settings, tmp_path, monkeypatch
):
    from listings import extensions

    (tmp_path / "badge_panel.html").write_text(
        '<p id="panel">{{ grade }} · {{ listing.title }}{% if is_seller %} · 卖家可见{% endif %}'
        '<input name="csrfmiddlewaretoken" value="{{ csrf_token }}"></p>',
        encoding="utf-8",
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    listing = ListingFactory(seller=seller, published=True, title="红木椅")
    ListingFactory(seller=seller, published=True, title="无鉴定的椅子")

    def badge(request, shown):
        return extensions.Panel("badge_panel.html", {"grade": "A 级"}) if shown.pk == listing.pk else None

    monkeypatch.setattr(extensions, "detail_panels", [badge])
    client.force_login(buyer)
    page = client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    token = re.search(r'<p id="panel">A 级 · 红木椅<input name="csrfmiddlewaretoken" value="([^"]*)"', page)
    assert token and token.group(1)  # forms in a panel get the page's CSRF token
    client.force_login(seller)
    assert (
        "A 级 · 红木椅 · 卖家可见"
        in client.get(reverse("listings:detail", args=[listing.pk])).content.decode()
    )
    other = Listing.objects.get(title="无鉴定的椅子")
    assert 'id="panel"' not in client.get(reverse("listings:detail", args=[other.pk])).content.decode()


def test_the_edit_form_shows_a_price_hint_when_an_app_offers_one(client, seller, monkeypatch):
    from types import SimpleNamespace

    from listings import extensions

    listing = ListingFactory(seller=seller, published=True)
    client.force_login(seller)
    url = reverse("listings:edit", args=[listing.pk])
    assert "¥420" not in client.get(url).content.decode()
    hint = SimpleNamespace(estimate=420, low=380, high=460, used=9, source="similar sales")
    monkeypatch.setattr(extensions, "price_hints", [lambda shown: hint if shown.pk == listing.pk else None])
    page = client.get(url).content.decode()
    assert "¥420" in page and "¥380" in page and "¥460" in page
