"""Markup typed into any text field stays text: on every page that shows it and in the PDFs.

The values are stored as they were typed (bypassing the plain-text cleaning some services do), so what
is tested is the last line of defence: the templates' escaping.
"""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from appraisal.models import InspectionResult
from community_events.models import PledgedItem
from community_events.services import register
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory, AppraisalReportFactory
from tests.community_events.factories import make_event
from tests.listings.factories import (
    ListingFactory,
    ListingReportFactory,
    MessageFactory,
    add_photos,
    category,
)
from tests.orders.factories import DisputeFactory, OrderFactory
from tests.regulation.factories import FlagFactory

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '"><script>alert("xss")</script><img src=x onerror=alert(1)>'
    '<a href="javascript:alert(2)">点我</a><svg onload=alert(3)><iframe src="//evil.example"></iframe>'
)

TITLE = '"><script>alert("xss")</script><img src=x onerror=alert(1)>'  # fits a 60-character title


def assert_inert(html: str, where: str, *, shown: bool = True) -> None:
    """No script, handler, javascript: link or frame came from the payload; its text is still shown."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        assert "alert(" not in (script.string or ""), f"{where}: a live <script>"
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.startswith("on") or "alert" not in str(value), f"{where}: {attribute}="
            if attribute in ("href", "src", "action", "formaction"):
                assert not str(value).strip().lower().startswith("javascript:"), f"{where}: javascript: link"
        assert not (element.name == "iframe" and "evil.example" in element.get("src", "")), where
    if shown:
        assert "alert(" in soup.get_text(), f"{where}: the text is gone"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_listings_title_and_description(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, title=TITLE, description=PAYLOAD)
    add_photos(listing)
    for url in (
        reverse("listings:detail", args=[listing.pk]),
        reverse("listings:browse"),
        reverse("listings:seller", args=[seller.pk]),
    ):
        assert_inert(page(client, url), url)
    sign_in(client, seller)
    assert_inert(page(client, reverse("listings:mine")), "my listings")


def test_a_message_between_neighbours(client, buyer):
    message = MessageFactory(body=PAYLOAD)
    conversation = message.conversation
    sign_in(client, conversation.buyer)
    assert_inert(page(client, reverse("listings:conversation", args=[conversation.listing_id])), "thread")
    assert_inert(page(client, reverse("listings:inbox")), "inbox", shown=False)


def test_a_report_and_a_flag_seen_by_moderators_and_the_regulator(client, platform_admin, regulator):
    report = ListingReportFactory(details=PAYLOAD, listing__title=TITLE, listing__pending=True)
    sign_in(client, platform_admin)
    assert_inert(page(client, reverse("listings_moderation:queue")), "moderation queue", shown=False)
    assert_inert(page(client, reverse("listings_moderation:detail", args=[report.listing_id])), "moderation")
    flag = FlagFactory(reason=PAYLOAD, listing__title=TITLE, listing__description=PAYLOAD)
    client.logout()
    sign_in(client, regulator)
    assert_inert(page(client, reverse("regulation:flag", args=[flag.pk])), "flag page")
    assert_inert(page(client, reverse("regulation:dashboard")), "regulator queue")


def test_a_disputes_complaint_and_answer(client, platform_admin):
    dispute = DisputeFactory(description=PAYLOAD, seller_response=PAYLOAD)
    sign_in(client, dispute.order.buyer)
    assert_inert(page(client, reverse("orders:detail", args=[dispute.order_id])), "order page")
    client.logout()
    sign_in(client, platform_admin)
    assert_inert(page(client, reverse("orders_disputes:decide", args=[dispute.pk])), "dispute decision")


def test_an_order_title_in_the_order_lists(client):
    order = OrderFactory(item_title=TITLE)
    sign_in(client, order.buyer)
    assert_inert(page(client, reverse("orders:mine")), "my orders")


def test_an_event_description_saved_through_the_editor(client, resident):
    from wagtail.admin.rich_text import DraftailRichTextArea

    # What the page editor stores when the text holds markup and a javascript: link.
    contentstate = (
        '{"blocks":[{"key":"a","type":"unstyled","depth":0,"text":"' + PAYLOAD.replace('"', '\\"') + '",'
        '"inlineStyleRanges":[],"entityRanges":[{"offset":0,"length":5,"key":0}]}],'
        '"entityMap":{"0":{"type":"LINK","mutability":"MUTABLE","data":{"url":"javascript:alert(4)"}}}}'
    )
    widget = DraftailRichTextArea(features=["bold", "italic", "ol", "ul", "link"])
    stored = widget.value_from_datadict({"description": contentstate}, {}, "description")
    event = make_event(description=stored)
    assert_inert(page(client, event.url), "event page")
    sign_in(client, resident)
    registration = register(event, user=resident, kind="stall")
    PledgedItem.objects.create(event=event, owner=resident, title=TITLE, category=category("books"))
    assert_inert(page(client, reverse("community_events:ticket", args=[registration.ticket_code])), "ticket")


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is printed from, kept for inspection; the PDF is still made."""
    import weasyprint

    printed = []
    real = weasyprint.HTML

    def keeping(*args, string=None, **kwargs):
        printed.append(string)
        return real(*args, string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", keeping)
    return printed


def assert_pdf_inert(pdf: bytes, where: str) -> None:
    assert pdf.startswith(b"%PDF"), where
    lowered = pdf.lower()
    assert b"/javascript" not in lowered and b"/js " not in lowered, f"{where}: script in the PDF"
    assert b"javascript:" not in lowered and b"evil.example" not in lowered, f"{where}: a hostile link"


def test_an_appraisal_report_pdf(client, pdf_html):
    case = AppraisalCaseFactory(inspected=True, item_name=TITLE)
    InspectionResult.objects.filter(case=case).update(note=PAYLOAD[:300], measurement=TITLE)
    report = AppraisalReportFactory(case=case)
    response = client.get(reverse("appraisal:pdf", args=[report.number]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content) if response.streaming else response.content
    assert_pdf_inert(pdf, "appraisal report")
    assert pdf_html and all(html for html in pdf_html)
    for html in pdf_html:
        assert_inert(html, "appraisal report HTML")
    assert_inert(page(client, reverse("appraisal:verify", args=[report.number])), "verification page")


def test_a_street_carbon_report_pdf(client, street_staff, resident, pdf_html):
    event = make_event(title=TITLE)
    register(event, user=resident, kind="stall")
    PledgedItem.objects.create(event=event, owner=resident, title=TITLE, category=category("books"))
    sign_in(client, street_staff)
    url = reverse("community_events:street_report", args=[event.street.code])
    response = client.get(url, {"format": "pdf", "start": "2020-01-01"})
    assert response.status_code == 200
    assert_pdf_inert(response.content, "carbon report")
    for html in pdf_html:
        soup = BeautifulSoup(html, "html.parser")
        assert not soup.find_all(["script", "iframe", "svg"]) and not soup.select("[onerror],[onload]")
