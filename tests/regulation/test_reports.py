import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from regulation import services
from regulation.models import AuditEntry, BureauReport
from tests.listings.factories import ListingFactory
from tests.orders.factories import OrderFactory
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db


def test_the_identity_report_lists_sellers_masked_and_flags_big_sellers(seller, buyer, settings, tmp_path):
    settings.IDENTITY_REPORT_FLAG_AMOUNT = Decimal("1000")
    for price in ("600.00", "700.00"):
        OrderFactory(completed=True, listing__seller=seller, listing__price=price, buyer=buyer)
    from django.utils import timezone

    today = timezone.localdate()
    period = f"{today.year}{'H1' if today.month <= 6 else 'H2'}"
    target = tmp_path / "identity.json"
    call_command("generate_bureau_report", "identity", period, output=str(target), stdout=StringIO())
    payload = json.loads(target.read_text(encoding="utf-8"))
    assert payload["schema"] == "nankai.identity-report/1"
    [row] = payload["sellers"]
    assert row["id_number"] == "1201**********0012" and row["name"] == "王**"
    assert row["sales_in_period"] == "1300.00" and row["over_threshold"] is True
    assert "120104199003070012" not in target.read_text(encoding="utf-8")
    assert BureauReport.objects.get(kind="identity", period=period)
    assert AuditEntry.objects.filter(event_type="report.identity").exists()


def test_leads_report_lists_decided_violations(seller, regulator):
    listing = ListingFactory(seller=seller, published=True, title="高仿手表")
    flag = FlagFactory(listing=listing, source="report", flag_type="counterfeit", severity="high")
    services.decide(flag, actor=regulator, decision="takedown", reason="侵权成立")
    from django.utils import timezone

    today = timezone.localdate()
    report = services.leads_report(f"{today.year}{'H1' if today.month <= 6 else 'H2'}")
    [lead] = report.payload["leads"]
    assert lead["violation"] == "counterfeit" and lead["measures"] == "takedown"
    assert lead["goods"]["title"] == "高仿手表"


def test_a_bad_period_gets_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="2026H1"):
        call_command("generate_bureau_report", "identity", "2026Q3", stdout=StringIO())


def test_half_yearly_reports_are_made_once_in_the_first_week_of_january_and_july():
    import datetime as dt

    assert services.due_half_yearly_reports(today=dt.date(2026, 3, 2)) == []
    assert services.due_half_yearly_reports(today=dt.date(2026, 7, 1)) == ["identity 2026H1", "leads 2026H1"]
    assert services.due_half_yearly_reports(today=dt.date(2026, 7, 2)) == []
    assert services.due_half_yearly_reports(today=dt.date(2027, 1, 3)) == ["identity 2026H2", "leads 2026H2"]
