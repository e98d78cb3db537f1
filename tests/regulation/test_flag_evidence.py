"""The regulator reviews a flag with the frozen photos themselves, streets by name, and a street filter
that takes a name; the frozen photos reach nobody but the flag's reviewers."""

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from marketplace.accounts.services import set_role
from marketplace.geography.models import Community, District, Street
from media.models import Photo
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.appraisal.factories import AppraiserFactory
from tests.listings.factories import ListingFactory, add_photos
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def flag():
    """A flag on a listing with two photos, frozen into its evidence."""
    listing = ListingFactory(published=True)
    add_photos(listing, 2)
    return FlagFactory(listing=listing)


def photo_url(flag, index: int, **query) -> str:
    url = reverse("regulation:frozen_photo", args=[flag.pk, index])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def visible_text(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_regulator_sees_the_frozen_photos_not_their_hashes_alone(client, regulator, flag):
    sign_in(client, regulator)
    page = client.get(reverse("regulation:flag", args=[flag.pk]), **ZH).content.decode()
    photos = list(flag.listing.listing_photos.select_related("photo").order_by("position"))
    for index, item in enumerate(photos):
        assert f'<img src="{photo_url(flag, index, size="thumb")}"' in page
        assert f'<a href="{photo_url(flag, index)}"' in page
        # The page never hands out the photo's public address.
        assert item.photo.large_jpeg not in page and item.photo.thumb_jpeg not in page
    response = client.get(photo_url(flag, 1))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    served = b"".join(response.streaming_content)
    expected = default_storage.open(Photo.path_for(photos[1].photo.key, "large", "jpeg")).read()
    assert served == expected and served.startswith(b"\xff\xd8")
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    thumb = client.get(photo_url(flag, 0, size="thumb"))
    assert thumb.status_code == 200 and thumb["Content-Type"].startswith("image/")
    assert client.get(photo_url(flag, 2)).status_code == 404


def test_photos_added_after_the_flag_are_not_part_of_its_evidence(client, regulator, flag):
    add_photos(flag.listing, 1, seed=999)
    sign_in(client, regulator)
    assert client.get(photo_url(flag, 0)).status_code == 200
    assert client.get(photo_url(flag, 2)).status_code == 404


def test_nobody_but_the_flags_reviewers_reaches_the_frozen_photos(client, flag, platform_admin):
    url = photo_url(flag, 0)
    assert client.get(url).status_code == 302 and "/accounts/login/" in client.get(url)["Location"]
    for user in (UserFactory(), flag.listing.seller, AppraiserFactory(totp=True).user):
        sign_in(client, user)
        assert client.get(url).status_code == 403, user
    heping = District.objects.create(code="120101", name="和平区")
    elsewhere = UserFactory()
    set_role(
        elsewhere,
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    give_totp(elsewhere)
    sign_in(client, elsewhere)
    assert client.get(url).status_code == 404
    # Platform staff read every flag, so they see its evidence too.
    sign_in(client, platform_admin)
    assert client.get(url).status_code == 200


def test_the_flag_page_names_the_street_and_the_category(client, regulator, flag):
    street = Street.objects.get(code=flag.street_code)
    sign_in(client, regulator)
    text = visible_text(client.get(reverse("regulation:flag", args=[flag.pk]), **ZH).content.decode())
    assert street.name in text and street.code not in text
    assert flag.listing.category.name in text and flag.listing.category.path not in text


def test_the_queue_filters_by_a_typed_street_name(client, regulator, flag):
    street = Street.objects.get(code=flag.street_code)
    other = Community.objects.filter(street__district=street.district).exclude(street=street).first()
    elsewhere = FlagFactory(listing=ListingFactory(published=True, community=other))
    sign_in(client, regulator)
    dashboard = reverse("regulation:dashboard")
    page = client.get(dashboard, {"street": street.name, "status": "open"}, **ZH).content.decode()
    assert f"#{flag.pk} " in page and f"#{elsewhere.pk} " not in page
    # Part of a name that only one street has will do; a name no street has says so in Chinese.
    part = street.name.removesuffix("街道")
    page = client.get(dashboard, {"street": part, "status": "open"}, **ZH).content.decode()
    assert f"#{flag.pk} " in page and f"#{elsewhere.pk} " not in page
    page = client.get(dashboard, {"street": "不存在的街道", "status": "open"}, **ZH).content.decode()
    assert "没有唯一名为" in page
