"""Regulator decisions are made by regulators of the flag's own district only. Platform staff used to
decide flags and unmask sellers, and the audit entry then recorded them as "regulator". Staff still read
the queue; the unmasked identity is shown once and kept nowhere."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from listings.models import Listing
from marketplace.accounts.services import set_role
from marketplace.geography.models import District
from regulation import audit, services
from regulation.models import AuditEntry, Flag, UnmaskEvent
from tests.accounts.factories import SupervisionOfficeFactory, UserFactory, give_totp, sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db

ID_NUMBER = "120104199003070012"


@pytest.fixture
def flag(seller):
    return FlagFactory(
        listing=ListingFactory(seller=seller, published=True), flag_type="stolen", reason="赃物"
    )


@pytest.fixture
def heping_regulator(db):
    heping = District.objects.get_or_create(code="120101", defaults={"name": "和平区"})[0]
    user = UserFactory()
    set_role(
        user,
        "regulator",
        supervision_office=SupervisionOfficeFactory(name="和平区市场监督管理局", district=heping),
    )
    give_totp(user)
    return user


def test_platform_staff_cannot_decide_a_flag(client, flag, platform_admin):
    sign_in(client, platform_admin)
    page = client.post(
        reverse("regulation:decide", args=[flag.pk]), {"decision": "takedown", "reason": "越权"}
    )
    bulk = client.post(
        reverse("regulation:decide_bulk"), {"flags": [flag.pk], "decision": "takedown", "reason": "越权"}
    )
    assert (page.status_code, bulk.status_code) == (403, 403)
    with pytest.raises(services.RegulationError) as caught:
        services.decide(flag, actor=platform_admin, decision="takedown", reason="越权")
    assert caught.value.code == "not_regulator"
    flag.refresh_from_db()
    flag.listing.refresh_from_db()
    assert flag.status == Flag.Status.OPEN and flag.listing.status == Listing.Status.PUBLISHED
    assert not AuditEntry.objects.filter(event_type="flag.decided").exists()


def test_platform_staff_cannot_unmask(client, flag, platform_admin):
    sign_in(client, platform_admin)
    response = client.post(reverse("regulation:unmask", args=[flag.pk]), {"reason": "想看看是谁"})
    assert response.status_code == 403
    with pytest.raises(services.RegulationError):
        services.unmask(flag, actor=platform_admin, reason="想看看是谁")
    assert not UnmaskEvent.objects.exists()


def test_a_regulator_of_another_district_can_neither_decide_nor_unmask(flag, heping_regulator):
    for attempt in (
        lambda: services.decide(flag, actor=heping_regulator, decision="warn", reason="越区"),
        lambda: services.unmask(flag, actor=heping_regulator, reason="越区查看"),
    ):
        with pytest.raises(services.RegulationError) as caught:
            attempt()
        assert caught.value.code == "not_allowed"
    assert not UnmaskEvent.objects.exists()


def test_staff_read_the_queue_without_decision_controls(client, flag, platform_admin, regulator):
    sign_in(client, platform_admin)
    queue = client.get(reverse("regulation:dashboard"))
    page = client.get(reverse("regulation:flag", args=[flag.pk]))
    assert queue.status_code == page.status_code == 200
    assert flag.listing.title in queue.content.decode()
    for html, forbidden in (
        (queue.content.decode(), reverse("regulation:decide_bulk")),
        (queue.content.decode(), 'name="flags"'),
        (page.content.decode(), reverse("regulation:decide", args=[flag.pk])),
        (page.content.decode(), reverse("regulation:unmask", args=[flag.pk])),
    ):
        assert forbidden not in html
    sign_in(client, regulator)
    page = client.get(reverse("regulation:flag", args=[flag.pk])).content.decode()
    assert reverse("regulation:decide", args=[flag.pk]) in page
    assert reverse("regulation:unmask", args=[flag.pk]) in page
    assert 'name="flags"' in client.get(reverse("regulation:dashboard")).content.decode()


def test_the_audit_entry_names_the_regulator_who_decided(flag, regulator):
    services.decide(flag, actor=regulator, decision="no_violation", reason="未发现违规")
    entry = AuditEntry.objects.get(event_type="flag.decided")
    assert f'"regulator":"{audit.pseudonym(regulator)}"' in entry.canonical


def test_the_unmasked_identity_is_shown_once_and_kept_out_of_the_session(client, flag, regulator):
    sign_in(client, regulator)

    response = client.post(reverse("regulation:unmask", args=[flag.pk]), {"reason": "公安协查函 2026-118"})

    assert response.status_code == 200
    assert ID_NUMBER in response.content.decode() and "王小明" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    session = client.session
    assert not any(ID_NUMBER in str(value) or "王小明" in str(value) for value in session.values())
    stored = Session.objects.get(session_key=session.session_key).get_decoded()
    assert ID_NUMBER not in str(stored) and "王小明" not in str(stored)
    again = client.get(reverse("regulation:flag", args=[flag.pk])).content.decode()
    assert ID_NUMBER not in again
    assert UnmaskEvent.objects.filter(flag=flag, regulator=regulator).count() == 1
