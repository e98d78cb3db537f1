"""Factories for the regulator side. Flags and notices are built as rows (with the same evidence
`raise_flag` freezes) to arrange a situation; the code under test still goes through services."""

import datetime as dt

import factory
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from regulation import audit
from regulation.models import (
    Flag,
    IPNotice,
    PushDelivery,
    RegulatorClient,
    RightsHolder,
    SellerRestriction,
)
from regulation.services import listing_snapshot
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory
from tests.listings.factories import ListingFactory

VALID_CREDIT_CODE = "91350100M000100Y43"


class RightsHolderFactory(factory.django.DjangoModelFactory):
    """An organisation awaiting verification; `verified=True` for one whose notices take effect."""

    class Meta:
        model = RightsHolder

    user = factory.SubFactory(UserFactory)
    organisation = factory.Sequence(lambda n: f"某品牌有限公司{n}")
    credit_code = VALID_CREDIT_CODE
    contact_email = factory.Sequence(lambda n: f"legal{n}@brand.example")
    verified_at = None

    class Params:
        verified = factory.Trait(verified_at=factory.LazyFunction(timezone.now))


class IPNoticeFactory(factory.django.DjangoModelFactory):
    """A notice whose listing was taken down; `counter_declared=True` starts the 15-day clock."""

    class Meta:
        model = IPNotice

    rights_holder = factory.SubFactory(RightsHolderFactory, verified=True)
    listing = factory.SubFactory(ListingFactory, status="removed")
    right = factory.Sequence(lambda n: f"注册商标第{100000 + n}号")
    evidence = "商标注册证与比对照片"
    status = IPNotice.Status.TAKEN_DOWN

    class Params:
        counter_declared = factory.Trait(
            status=IPNotice.Status.COUNTER_DECLARED,
            counter_statement="有正规发票",
            counter_declared_at=factory.LazyFunction(timezone.now),
            counter_delivered_at=factory.LazyAttribute(lambda o: o.counter_declared_at),
            restore_after=factory.LazyAttribute(
                lambda o: o.counter_delivered_at + dt.timedelta(days=settings.IP_RESTORE_DAYS)
            ),
        )


class FlagFactory(factory.django.DjangoModelFactory):
    """An open flag on a published listing, with the listing's snapshot as evidence."""

    class Meta:
        model = Flag

    listing = factory.SubFactory(ListingFactory, published=True)
    source = Flag.Source.RULE
    flag_type = Flag.Type.FRAUD
    severity = Flag.Severity.MEDIUM
    reason = factory.Sequence(lambda n: f"疑似违规 {n}")
    evidence = factory.LazyAttribute(lambda o: {"listing": listing_snapshot(o.listing)})
    street_code = factory.LazyAttribute(lambda o: o.listing.community.street.code)
    district_code = factory.LazyAttribute(lambda o: o.listing.community.street.district.code)
    due_at = factory.LazyAttribute(
        lambda o: timezone.now() + dt.timedelta(hours=settings.FLAG_SLA_HOURS[o.severity])
    )


class RegulatorClientFactory(factory.django.DjangoModelFactory):
    """A bureau API client. Its plain key is on `client.plain_key` (pass `key=` to choose it)."""

    class Meta:
        model = RegulatorClient
        skip_postgeneration_save = True

    name = "bureau"
    office = factory.SubFactory(SupervisionOfficeFactory)
    scopes = factory.LazyFunction(lambda: [RegulatorClient.Scope.FEED.value])
    push_url = ""

    @factory.post_generation
    def key(obj, create, extracted, **kwargs):
        obj.plain_key = extracted or RegulatorClient.new_key()
        obj.key_prefix, obj.key_hash = obj.plain_key[:12], RegulatorClient.hash_key(obj.plain_key)
        if create:
            obj.save(update_fields=["key_prefix", "key_hash"])


def _audit_entry():
    with transaction.atomic():
        return audit.append("test.event", {"note": "pushed"})


class PushDeliveryFactory(factory.django.DjangoModelFactory):
    """One audit entry due to one client's push endpoint; `dead=True` after the last attempt."""

    class Meta:
        model = PushDelivery

    entry = factory.LazyFunction(_audit_entry)
    client = factory.SubFactory(RegulatorClientFactory, push_url="http://127.0.0.1:9/bureau")
    idempotency_key = factory.LazyAttribute(lambda o: f"{o.client.pk}-{o.entry.index}")
    next_attempt_at = factory.LazyFunction(timezone.now)

    class Params:
        dead = factory.Trait(
            status=PushDelivery.Status.DEAD,
            attempts=factory.LazyFunction(lambda: settings.AUDIT_PUSH_MAX_ATTEMPTS),
            last_error="URLError: connection refused",
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Appending the entry already queued a push for every client with an endpoint: this one
        # takes that row's place instead of duplicating its idempotency key.
        key = kwargs.pop("idempotency_key")
        delivery, _created = model_class.objects.update_or_create(idempotency_key=key, defaults=kwargs)
        return delivery


class SellerRestrictionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerRestriction

    user = factory.SubFactory(UserFactory)
    reason = "repeat IP infringer"
    until = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=180))
