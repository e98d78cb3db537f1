"""The regulator reads streets by name and a flag's history in words, and filters by street name."""

import pytest
from django.urls import reverse

from marketplace.geography.models import Street
from regulation import services
from tests.accounts.factories import sign_in
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def test_the_queue_names_streets_and_filters_by_them(client, regulator):
    flag = FlagFactory()
    street = Street.objects.get(code=flag.street_code)
    sign_in(client, regulator)
    page = client.get(reverse("regulation:dashboard"), **ZH).content.decode()
    assert f"<td>{street.name}</td>" in page
    assert f"<td>{street.code}</td>" not in page
    # The filter offers the district's streets by name; choosing one keeps its flags.
    assert f'<option value="{street.code}">{street.name}</option>' in page
    filtered = client.get(reverse("regulation:dashboard"), {"street": street.code, "status": "open"}, **ZH)
    assert f"#{flag.pk} " in filtered.content.decode()


def test_a_flags_history_reads_as_words(client, regulator):
    flag = FlagFactory()
    services.unmask(flag, actor=regulator, reason="核实卖家身份")
    services.decide(flag, actor=regulator, decision="refer_police", reason="疑似赃物")
    sign_in(client, regulator)
    page = client.get(reverse("regulation:flag", args=[flag.pk]), **ZH).content.decode()
    history = page.split('<ol class="history">', 1)[1].split("</ol>", 1)[0]
    assert "unmasked" not in history and "decided:" not in history and "refer_police" not in history
    assert "移送公安" in history
