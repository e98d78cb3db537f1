"""After real-name verification the seller goes back to where they were, and only ever on this site."""

import pytest
from django.urls import reverse

from marketplace.accounts.permissions import can_sell
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db
VALID_ID = "120104199003070012"


def verify(client, next_path):
    return client.post(
        reverse("accounts:verify_identity"),
        {"real_name": "王小明", "id_number": VALID_ID, "next": next_path},
    )


def test_a_seller_publishing_is_sent_to_verify_and_brought_back_to_the_listing(client, resident):
    listing = ListingFactory(seller=resident, trade_mode="sell", price="80.00")
    add_photos(listing)
    sign_in(client, resident)
    photos = reverse("listings:photos", args=[listing.pk])
    page = client.get(photos).content.decode()
    link = f"{reverse('accounts:verify_identity')}?next={photos}"
    assert link in page

    form = client.get(link).content.decode()
    assert f'name="next" value="{photos}"' in form
    response = verify(client, photos)
    assert response.status_code == 302 and response.url == photos
    assert can_sell(resident)
    assert link not in client.get(photos).content.decode()


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example/listings/",
        "/\\evil.example",
        "https:/evil.example",
        "javascript:alert(1)",
    ],
)
def test_a_next_pointing_off_the_site_is_ignored(client, resident, target):
    sign_in(client, resident)
    page = client.get(reverse("accounts:verify_identity"), {"next": target}).content.decode()
    form = page[page.index('<form method="post" novalidate class="panel">') :]
    form = form[: form.index("</form>")]
    assert 'name="next"' not in form
    response = verify(client, target)
    assert response.status_code == 302
    assert response.url == reverse("accounts:profile")
    assert can_sell(resident)
