"""The flag export (CSV, XLSX) opens in a spreadsheet program: a report's free text must never become a
live formula there. Before, `=HYPERLINK("http://evil","x")` typed into a report came out as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from marketplace.core.spreadsheets import safe_cell
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db

PAYLOAD = '=HYPERLINK("http://evil","x")'


@pytest.mark.parametrize("text", [PAYLOAD, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"])
def test_text_a_spreadsheet_would_run_gets_a_leading_quote(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["举报假货", "", "a=b", 42, -3, None, 1.5])
def test_ordinary_values_pass_unchanged(value):
    assert safe_cell(value) == value


@pytest.fixture
def reported(seller):
    return FlagFactory(listing=ListingFactory(seller=seller, published=True), source="report", reason=PAYLOAD)


def test_a_formula_in_a_report_exports_inert_as_csv(client, regulator, reported):
    sign_in(client, regulator)
    response = client.get(reverse("regulation:export", args=["csv"]), {"status": ""})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    reason = rows[0].index("reason")
    [row] = rows[1:]
    assert row[reason] == "'" + PAYLOAD


def test_a_formula_in_a_report_exports_inert_as_xlsx(client, regulator, reported):
    sign_in(client, regulator)
    response = client.get(reverse("regulation:export", args=["xlsx"]), {"status": ""})
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("reason") + 1)
    assert cell.data_type == "s"  # text, not "f" (a formula)
    assert cell.value == "'" + PAYLOAD
