import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from appraisal.models import Comparable
from tests.appraisal.factories import ComparableFactory

pytestmark = pytest.mark.django_db
HEADER = "category,brand,model,attributes,new_price,age_days,condition,sold_price,sold_at\n"


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_then_estimate(tmp_path):
    rows = "".join(
        f'electronics/phones,Apple,iPhone 13,"{{""storage"": ""128G""}}",5999,365,90,{price},2026-10-01\n'
        for price in (3000, 3100, 3200, 3300, 2900)
    )
    out = io.StringIO()
    call_command("import_comparables", write(tmp_path, "comps.csv", HEADER + rows), stdout=out)
    assert "Imported 5 comparables" in out.getvalue()
    assert Comparable.objects.get(sold_price=3000).attributes == {"storage": "128G"}

    items = (
        "category,brand,model,attributes,new_price,age_days,condition\n"
        "electronics/phones,Apple,iPhone 13,{},5999,365,90\n"
        "furniture,宜家,BILLY,{},499,700,80\n"
        "books,,,{},,100,90\n"
    )
    target = tmp_path / "out.csv"
    call_command("estimate_values", write(tmp_path, "items.csv", items), str(target), stdout=io.StringIO())
    with open(target, encoding="utf-8") as handle:
        result = list(csv.DictReader(handle))
    assert result[0]["market"] == "3100.00"  # median of the five, same condition and age
    assert result[0]["cost"] and result[0]["estimate"]
    assert (
        result[1]["market"] == "" and result[1]["estimate"] == result[1]["cost"]
    )  # no comparables: cost only
    assert result[2]["estimate"] == ""  # neither method has anything to go on


def test_a_bad_row_is_reported_by_line_and_nothing_half_imported(tmp_path):
    text = (
        HEADER + "electronics/phones,Apple,X,{},5999,365,90,3000,2026-10-01\n"
        "electronics/phones,Apple,X,{},5999,365,shiny,3000,2026-10-01\n"
    )
    with pytest.raises(CommandError, match="line 3: unknown condition 'shiny'"):
        call_command("import_comparables", write(tmp_path, "bad.csv", text), stdout=io.StringIO())
    assert not Comparable.objects.exists()


def test_missing_columns_are_named(tmp_path):
    with pytest.raises(CommandError, match="missing columns: sold_price, sold_at"):
        call_command(
            "import_comparables",
            write(tmp_path, "cols.csv", "category,brand,model,attributes,new_price,age_days,condition\n"),
            stdout=io.StringIO(),
        )


def test_sellers_get_a_price_suggestion_from_sold_items(client):
    for price in (900, 1000, 1100, 1200):
        ComparableFactory(sold_price=price)
    answer = client.get(
        reverse("appraisal:price_suggestion"),
        {"category": "phones", "brand": "小米", "model": "12S", "condition": "90"},
    ).json()
    assert answer["suggestion"] == "1050.00" and answer["comparables"] == 4
    none = client.get(reverse("appraisal:price_suggestion"), {"category": "phones", "brand": "无名"}).json()
    assert none["suggestion"] is None


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("electronics/phones,Apple,iPhone 13,{},5999,-30,90,3000,2026-10-01", "age_days -30 is negative"),
        ("electronics/phones,Apple,iPhone 13,{},5999,30,90,-5,2026-10-01", "sold_price -5 is not a price"),
        ("electronics/phones,Apple,iPhone 13,{},NaN,30,90,3000,2026-10-01", "new_price NaN is not a price"),
        (
            'electronics/phones,Apple,iPhone 13,"[1, 2]",5999,30,90,3000,2026-10-01',
            "attributes must be a JSON",
        ),
        (",Apple,iPhone 13,{},5999,30,90,3000,2026-10-01", "category is empty"),
        ("electronics/phones,Apple,iPhone 13,{},5999,30,90,3000,2999-01-01", "is in the future"),
    ],
)
def test_a_value_the_database_would_refuse_is_named_with_its_line_and_nothing_is_imported(
    tmp_path, row, problem
):
    good = "electronics/phones,Apple,iPhone 13,{},5999,365,90,3000,2026-10-01\n"
    path = write(tmp_path, "comps.csv", HEADER + good + row + "\n")
    with pytest.raises(CommandError) as refused:
        call_command("import_comparables", path, stdout=io.StringIO())
    assert "line 3" in str(refused.value) and problem in str(refused.value)
    assert Comparable.objects.count() == 0
