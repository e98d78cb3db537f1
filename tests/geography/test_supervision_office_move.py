"""Moving SupervisionOffice from regulation to geography keeps every office and the links to it.

Run in its own process on a fresh SQLite file: migrating backwards and forwards must not disturb the
suite's database."""

import pytest

from tests.fresh_sqlite import run_on_fresh_sqlite

SCRIPT = """
import django
django.setup()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("regulation", "0004_audit_head"), ("accounts", "0001_initial"), ("geography", "0002_seed_nankai")]
executor = MigrationExecutor(connection)
executor.migrate(BEFORE)
old = executor.loader.project_state(BEFORE).apps
district = old.get_model("geography", "District").objects.get(code="120104")
Office = old.get_model("regulation", "SupervisionOffice")
office = Office.objects.create(name="南开区市场监督管理局（迁移）", district=district)
regulator = old.get_model("accounts", "User").objects.create(
    email="moved@example.org", role="regulator", supervision_office_id=office.pk
)

executor = MigrationExecutor(connection)
executor.migrate(executor.loader.graph.leaf_nodes())

from django.contrib.auth import get_user_model
from marketplace.geography.models import SupervisionOffice

moved = SupervisionOffice.objects.get(pk=office.pk)
print("office", moved.name, moved.district.code)
print("regulator", get_user_model().objects.get(pk=regulator.pk).supervision_office_id == moved.pk)
"""


@pytest.mark.slow
def test_offices_and_their_regulators_survive_the_move(tmp_path):
    stdout = run_on_fresh_sqlite(SCRIPT, tmp_path)
    assert "office 南开区市场监督管理局（迁移） 120104" in stdout
    assert "regulator True" in stdout
