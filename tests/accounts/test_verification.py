import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts import personal_data
from marketplace.accounts.models import IdentityVerification
from marketplace.accounts.permissions import can_sell
from marketplace.accounts.services import close_account, purge_expired_identity_records, verify_identity
from tests.accounts.factories import UserFactory

VALID_ID = "120104199003070012"

pytestmark = pytest.mark.django_db


def test_a_resident_cannot_sell_until_verified(resident):
    assert not can_sell(resident)
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    assert can_sell(resident)


def test_verification_expires_and_must_be_renewed(resident, settings):
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    later = timezone.now() + dt.timedelta(days=settings.IDENTITY_REVERIFY_DAYS + 1)
    assert not can_sell(resident, at=later)


def test_plaintext_never_reaches_the_database(resident):
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_identityverification")
        row_text = " ".join(str(value) for value in cursor.fetchone())
    assert VALID_ID not in row_text
    assert "王小明" not in row_text
    record = IdentityVerification.objects.get(user=resident)
    assert personal_data.decrypt(record.id_number_encrypted) == VALID_ID
    assert record.id_number_masked == "1201**********0012"
    assert record.real_name_masked == "王**"


def test_reverification_supersedes_and_keeps_the_old_record(resident):
    first = verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    second = verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert list(resident.identity_verifications.current()) == [second]


def test_an_id_number_bound_to_another_open_account_is_refused(resident, outsider):
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    with pytest.raises(ValidationError) as caught:
        verify_identity(outsider, real_name="王小明", id_number=VALID_ID)
    assert caught.value.code == "id_taken"
    assert not can_sell(outsider)


def test_bad_input_on_the_form_gets_a_translated_message_and_keeps_the_name(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("accounts:verify_identity"), {"real_name": "王小明", "id_number": "120104199003070013"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "身份证号码最后一位不正确" in page
    assert 'value="王小明"' in page
    assert not IdentityVerification.objects.exists()


def test_profile_shows_the_id_number_masked_only(client, seller):
    client.force_login(seller)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "1201**********0012" in page
    assert VALID_ID not in page


def test_identity_records_outlive_the_account_for_the_retention_period(resident, settings):
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    close_account(resident)
    resident.refresh_from_db()
    assert not resident.is_active
    assert resident.email.endswith("@invalid.invalid")
    record = IdentityVerification.objects.get(user=resident)
    assert record.retain_until >= timezone.now() + dt.timedelta(days=3 * 365)

    assert purge_expired_identity_records(now=timezone.now() + dt.timedelta(days=365)) == 0
    assert IdentityVerification.objects.filter(pk=record.pk).exists()
    later = record.retain_until + dt.timedelta(days=1)
    assert purge_expired_identity_records(now=later) == 1
    assert not IdentityVerification.objects.filter(pk=record.pk).exists()


def test_records_of_active_sellers_are_never_purged(seller):
    far_future = timezone.now() + dt.timedelta(days=365 * 50)
    assert purge_expired_identity_records(now=far_future) == 0


def test_a_closed_account_frees_its_id_number_for_a_new_account(resident):
    verify_identity(resident, real_name="王小明", id_number=VALID_ID)
    close_account(resident)
    newcomer = UserFactory()
    verify_identity(newcomer, real_name="王小明", id_number=VALID_ID)
    assert can_sell(newcomer)
