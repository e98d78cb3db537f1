"""Factories for every listings model the tests build. Each builds the minimal valid object; states are
traits (`ListingFactory(published=True)`). Tests set states directly only to arrange a situation; the
code under test still goes through services and actions."""

import datetime as dt

import factory
from django.conf import settings
from django.utils import timezone

from listings.models import (
    Category,
    Conversation,
    Family,
    Favourite,
    Listing,
    ListingPhoto,
    ListingReport,
    Message,
    Outcome,
    RiskRule,
    TradeRegistration,
)
from media.services import store_photo
from tests.accounts.factories import UserFactory
from tests.media.images import make_image

S = Listing.Status


def category(slug: str) -> Category:
    """A category of the reference tree loaded by the migrations."""
    return Category.objects.get(slug=slug)


def _days(days: int):
    return factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=days))


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"test-category-{n}")
    name = factory.Sequence(lambda n: f"测试类目{n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    parent = None


class ListingFactory(factory.django.DjangoModelFactory):
    """A listing in any state; a draft unless a trait says otherwise."""

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
        draft = factory.Trait(status=S.DRAFT)
        pending = factory.Trait(status=S.PENDING_REVIEW)
        published = factory.Trait(
            status=S.PUBLISHED, published_at=factory.LazyFunction(timezone.now), expires_at=_days(60)
        )
        reserved = factory.Trait(
            status=S.RESERVED, published_at=factory.LazyFunction(timezone.now), expires_at=_days(60)
        )
        sold = factory.Trait(status=S.SOLD, published_at=_days(-3), expires_at=_days(57))
        withdrawn = factory.Trait(status=S.WITHDRAWN, published_at=_days(-3))
        expired = factory.Trait(status=S.EXPIRED, published_at=_days(-61), expires_at=_days(-1))
        removed = factory.Trait(status=S.REMOVED, published_at=_days(-3), moderation_note="描述与实物不符")
        blocked = factory.Trait(status=S.BLOCKED)


class ListingPhotoFactory(factory.django.DjangoModelFactory):
    """A real processed photo (through the media pipeline) in a listing's gallery. `seed` picks the
    picture: the same seed gives the same perceptual hash."""

    class Meta:
        model = ListingPhoto

    class Params:
        seed = factory.Sequence(lambda n: 10_000 + n)

    listing = factory.SubFactory(ListingFactory)
    photo = factory.LazyAttribute(lambda o: store_photo(o.listing.seller, make_image(seed=o.seed)))
    position = 0


def add_photos(listing, count=1, *, seed=None):
    """Attach `count` real processed photos to a listing (through the media pipeline)."""
    first = seed if seed is not None else listing.pk * 13
    return [
        ListingPhotoFactory(listing=listing, position=index, seed=first + index) for index in range(count)
    ]


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    listing = factory.SubFactory(ListingFactory, published=True)
    buyer = factory.SubFactory(UserFactory)


class MessageFactory(factory.django.DjangoModelFactory):
    """A message from the buyer, unless `sender` says otherwise."""

    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    sender = factory.LazyAttribute(lambda o: o.conversation.buyer)
    body = "还在吗？周末可以来看吗"


class FavouriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Favourite

    user = factory.SubFactory(UserFactory)
    listing = factory.SubFactory(ListingFactory, published=True)


class ListingReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ListingReport

    listing = factory.SubFactory(ListingFactory, published=True)
    reporter = factory.SubFactory(UserFactory)
    reason = ListingReport.Reason.MISLEADING
    details = "照片和描述不一致"


class RiskRuleFactory(factory.django.DjangoModelFactory):
    """A keyword rule that holds listings for review."""

    class Meta:
        model = RiskRule

    code = factory.Sequence(lambda n: f"test-rule-{n}")
    family = Family.COUNTERFEIT
    description = "测试规则"
    kind = RiskRule.Kind.KEYWORDS
    terms = "测试违规词"
    outcome = Outcome.HOLD
    scope = RiskRule.Scope.LISTINGS


class TradeRegistrationFactory(factory.django.DjangoModelFactory):
    """The trade record of a published listing, as `register_trade` would snapshot it."""

    class Meta:
        model = TradeRegistration

    listing = factory.SubFactory(ListingFactory, published=True)
    seller = factory.LazyAttribute(lambda o: o.listing.seller)
    identity = factory.LazyAttribute(lambda o: o.seller.identity_verifications.current().first())
    item_name = factory.LazyAttribute(lambda o: o.listing.title)
    category_path = factory.LazyAttribute(lambda o: o.listing.category.path)
    condition = factory.LazyAttribute(lambda o: o.listing.condition)
    trade_mode = factory.LazyAttribute(lambda o: o.listing.trade_mode)
    price = factory.LazyAttribute(lambda o: o.listing.price)
    community_name = factory.LazyAttribute(lambda o: str(o.listing.community))
    retain_until = factory.LazyFunction(
        lambda: timezone.now() + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS)
    )
