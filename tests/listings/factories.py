import factory
from django.utils import timezone

from listings.models import Category, Listing, ListingPhoto
from media.services import store_photo
from tests.accounts.factories import UserFactory
from tests.media.images import make_image


def category(slug: str) -> Category:
    return Category.objects.get(slug=slug)


class ListingFactory(factory.django.DjangoModelFactory):
    """A listing in any state. Tests set states directly only to arrange a situation; the code
    under test still goes through services."""

    class Meta:
        model = Listing

    seller = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"实木书桌 {n}")
    description = "用了两年，桌面有轻微划痕，抽屉顺滑。"
    category = factory.LazyFunction(lambda: category("furniture"))
    condition = "90"
    trade_mode = "sell"
    price = "300.00"
    community = factory.LazyAttribute(lambda o: o.seller.community)

    class Params:
        published = factory.Trait(
            status=Listing.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=60)),
        )


def add_photos(listing, count=1, *, seed=None):
    """Attach `count` real processed photos to a listing (through the media pipeline)."""
    items = []
    for index in range(count):
        photo = store_photo(
            listing.seller, make_image(seed=(seed if seed is not None else listing.pk * 13) + index)
        )
        items.append(ListingPhoto.objects.create(listing=listing, photo=photo, position=index))
    return items
