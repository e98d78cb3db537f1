"""Every process notices when staff rename a category: the words that mean it change with it."""

import pytest

from search import dictionary
from tests.listings.factories import category

pytestmark = pytest.mark.django_db


def test_renaming_a_category_reloads_the_dictionary(monkeypatch):
    monkeypatch.setattr(dictionary, "REFRESH_SECONDS", 0)
    furniture = category("furniture")
    assert "旧物柜架" not in dictionary.current().vocabulary
    furniture.name = "旧物柜架"
    furniture.save()
    # No synonym changed and no category was added: only the name differs.
    assert "旧物柜架" in dictionary.current().vocabulary
