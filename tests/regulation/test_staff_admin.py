"""Platform staff's screens in the Wagtail admin: verifying rights holders and sending dead pushes
again both go through services; neither is a field to type into."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from regulation.models import AuditEntry, PushDelivery, RightsHolder
from tests.accounts.factories import sign_in
from tests.regulation.factories import PushDeliveryFactory, RegulatorClientFactory, RightsHolderFactory

pytestmark = pytest.mark.django_db

HOLDERS = "wagtailsnippets_regulation_rightsholder"
PUSHES = "wagtailsnippets_regulation_pushdelivery"


def test_staff_verify_a_rights_holder_from_the_list(client, platform_admin):
    holder = RightsHolderFactory()
    sign_in(client, platform_admin)
    verify = reverse(f"{HOLDERS}:verify", args=[holder.pk])
    assert verify in client.get(reverse(f"{HOLDERS}:list")).content.decode()
    assert holder.organisation in client.get(verify).content.decode()
    response = client.post(verify)
    assert response.status_code == 302
    holder.refresh_from_db()
    assert holder.verified_at is not None
    assert AuditEntry.objects.filter(event_type="rights_holder.verified").count() == 1
    assert verify not in client.get(reverse(f"{HOLDERS}:list")).content.decode()


def test_verification_cannot_be_typed_into_the_edit_form(client, platform_admin):
    holder = RightsHolderFactory()
    sign_in(client, platform_admin)
    edit = reverse(f"{HOLDERS}:edit", args=[holder.pk])
    client.post(
        edit,
        {
            "user": holder.user_id,
            "organisation": "改名后的公司",
            "credit_code": holder.credit_code,
            "contact_email": holder.contact_email,
            "verified_at": "2026-01-01 00:00:00",
        },
    )
    holder.refresh_from_db()
    assert holder.organisation == "改名后的公司" and holder.verified_at is None


def test_only_platform_staff_verify(client, regulator):
    holder = RightsHolderFactory()
    sign_in(client, regulator)
    assert client.post(reverse(f"{HOLDERS}:verify", args=[holder.pk])).status_code in (302, 403)
    assert RightsHolder.objects.get(pk=holder.pk).verified_at is None


def test_staff_send_dead_pushes_again_from_the_admin(client, platform_admin):
    dead = PushDeliveryFactory(dead=True)
    sign_in(client, platform_admin)
    requeue = reverse(f"{PUSHES}:requeue")
    assert requeue in client.get(reverse(f"{PUSHES}:list")).content.decode()
    assert client.post(requeue).status_code == 302
    dead.refresh_from_db()
    assert (dead.status, dead.attempts) == (PushDelivery.Status.PENDING, 0)


def test_pushes_cannot_be_added_by_hand(client, platform_admin):
    sign_in(client, platform_admin)
    assert client.get(reverse(f"{PUSHES}:add")).status_code in (302, 403)


def test_the_requeue_command_counts_then_requeues_one_clients_dead_pushes():
    fixed = RegulatorClientFactory(name="fixed", push_url="http://127.0.0.1:9/a")
    mine = PushDeliveryFactory(dead=True, client=fixed)
    other = PushDeliveryFactory(dead=True)
    out = StringIO()
    call_command("requeue_dead_pushes", "--client", "fixed", "--dry-run", stdout=out)
    assert "1 dead pushes would be sent again" in out.getvalue()
    assert PushDelivery.objects.filter(status="dead").count() == 2
    call_command("requeue_dead_pushes", "--client", "fixed", stdout=out)
    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.status, other.status) == ("pending", "dead")
