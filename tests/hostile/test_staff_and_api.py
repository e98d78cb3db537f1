"""Hostile input on events, appraisal, the regulator's pages, accounts, and the JSON/API endpoints."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from community_events.models import PledgedItem, Registration, SwapEventPage
from community_events.services import pledge, register
from regulation.models import Flag, IPNotice
from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraisalCaseFactory, AppraisalReportFactory
from tests.community_events.factories import make_event
from tests.hostile.hostile import CJK, HYPOTHESIS, fuzz_forms, get, hostile_text, specimen_queries, tried
from tests.listings.factories import ListingFactory, category
from tests.regulation.factories import (
    FlagFactory,
    IPNoticeFactory,
    RegulatorClientFactory,
    RightsHolderFactory,
)

pytestmark = pytest.mark.django_db


def params(*names):
    return st.dictionaries(st.sampled_from(names), hostile_text, max_size=len(names))


# --- Community events ------------------------------------------------------------------------------------


@pytest.fixture
def event(db):
    return make_event(stalls=2, visitors=5)


def test_registering_for_an_event(client, resident, event):
    sign_in(client, resident)
    tried = fuzz_forms(
        client,
        event.url,
        only=reverse("community_events:register", args=[event.pk]),
        unchanged=(Registration,),
    )
    assert tried == ["POST community_events:register"]


def test_a_ticket_page_pledge_and_offer_answer(client, resident, event):
    registration = register(event, user=resident, kind="stall")
    sign_in(client, resident)
    assert fuzz_forms(
        client, reverse("community_events:ticket", args=[registration.ticket_code]), unchanged=(PledgedItem,)
    )


def test_the_desk_and_check_in_page(client, street_staff, resident, event):
    register(event, user=resident, kind="stall")
    pledge(event, owner=resident, title="旧书一箱", category=category("books"))
    now = timezone.now()
    SwapEventPage.objects.filter(pk=event.pk).update(starts_at=now, ends_at=now + dt.timedelta(hours=3))
    sign_in(client, street_staff)
    assert fuzz_forms(client, reverse("community_events:desk", args=[event.pk]))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(hostile_text, children, max_size=4),
    max_leaves=12,
)
checkins = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "device": json_values,
            "checkins": st.lists(
                st.one_of(json_values, st.fixed_dictionaries({"code": json_values, "at": json_values})),
                max_size=5,
            ),
        }
    ),
)


@given(payload=checkins, raw=st.booleans())
@HYPOTHESIS
def test_offline_check_in_sync_takes_any_json(client, street_staff, event, payload, raw):
    sign_in(client, street_staff)
    url = reverse("community_events:check_in_sync", args=[event.pk])
    tried["POST community_events:check_in_sync (JSON)"] += 1
    body = json.dumps(payload, ensure_ascii=raw).encode("utf-8", "surrogatepass")
    response = client.post(url, body, content_type="application/json")
    assert response.status_code < 500
    if response.status_code == 400:
        assert CJK.search(response.json()["error"])  # told in the resident's language


EVENT_PARAMS = ("month", "start", "end", "format", "category", "condition", "brand", "model")
API_PARAMS = ("after", "limit", "index", "tree_size", "first", "second", "cursor", "district")


def test_every_specimen_in_every_query_parameter(client, street_staff, event):
    bureau = RegulatorClientFactory(scopes=["feed:read", "identity:read"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {bureau.plain_key}")
    sign_in(client, street_staff)
    for query in specimen_queries(EVENT_PARAMS):
        get(client, reverse("community_events:calendar"), query, "GET community_events:calendar")
        get(
            client,
            reverse("community_events:street_report", args=[event.street.code]),
            query,
            "GET community_events:street_report",
        )
        get(client, reverse("appraisal:price_suggestion"), query, "GET appraisal:price_suggestion")
    for query in specimen_queries(API_PARAMS):
        for name in ("entries", "heads", "inclusion", "consistency"):
            get(api, reverse(f"regulation_api:{name}"), query, f"GET regulation_api:{name}")


@given(query=params(*EVENT_PARAMS))
@HYPOTHESIS
def test_calendar_reports_and_price_suggestion_query_parameters(client, street_staff, event, query):
    sign_in(client, street_staff)
    get(client, reverse("community_events:calendar"), query, "GET community_events:calendar")
    get(client, reverse("community_events:ical"), query, "GET community_events:ical")
    get(
        client,
        reverse("community_events:street_report", args=[event.street.code]),
        query,
        "GET community_events:street_report",
    )
    get(client, reverse("appraisal:price_suggestion"), query, "GET appraisal:price_suggestion")


@given(code=hostile_text)
@HYPOTHESIS
def test_codes_in_the_path(client, resident, code):
    from urllib.parse import quote

    sign_in(client, resident)
    safe = quote(code.encode("utf-8", "surrogatepass"), safe="") or "x"
    for pattern in (
        "/community/tickets/{}/",
        "/community/streets/{}/report/",
        "/appraisal/verify/{}/",
        "/appraisal/verify/{}/report.pdf",
        "/appraisal/verify/{}/report.json",
    ):
        get(client, pattern.format(safe), {}, "GET path code")


# --- Appraisal --------------------------------------------------------------------------------------------


def test_the_appraisers_case_forms(client, appraiser):
    case = AppraisalCaseFactory(inspected=True, appraiser__totp=True)
    sign_in(client, case.appraiser.user)
    assert fuzz_forms(client, reverse("appraisal:case", args=[case.pk]))


def test_requesting_an_appraisal(client, seller):
    listing = ListingFactory(seller=seller, published=True)
    sign_in(client, seller)
    request = reverse("appraisal:request", args=[listing.pk])
    assert fuzz_forms(client, reverse("listings:detail", args=[listing.pk]), only=request)


def test_amending_and_revoking_a_report(client, seller):
    case = AppraisalCaseFactory(inspected=True, appraiser__totp=True)
    report = AppraisalReportFactory(case=case)
    sign_in(client, case.appraiser.user)
    for name in ("amend", "revoke"):
        assert fuzz_forms(client, reverse(f"appraisal:{name}", args=[report.number]))


# --- Regulation, rights holders, accounts ------------------------------------------------------------------


def test_the_regulators_flag_page_and_new_flag(client, regulator):
    flag = FlagFactory()
    sign_in(client, regulator)
    assert fuzz_forms(client, reverse("regulation:flag", args=[flag.pk]))
    assert fuzz_forms(client, reverse("regulation:open_flag"), unchanged=(Flag,))


@given(query=params("status", "kind", "street", "q", "page", "after", "limit", "listing"))
@HYPOTHESIS
def test_the_regulators_queue_and_export_query_parameters(client, regulator, query):
    sign_in(client, regulator)
    get(client, reverse("regulation:dashboard"), query, "GET regulation:dashboard")
    get(client, reverse("regulation:outcomes"), query, "GET regulation:outcomes")
    get(client, reverse("regulation:open_flag"), query, "GET regulation:open_flag")


def test_a_rights_holder_files_a_notice(client, resident):
    holder = RightsHolderFactory(verified=True, user=resident)
    ListingFactory(published=True)
    sign_in(client, holder.user)
    assert fuzz_forms(client, reverse("regulation:rights_holder"), unchanged=(IPNotice,))


def test_a_seller_counter_declares(client, seller):
    notice = IPNoticeFactory(listing__seller=seller)
    sign_in(client, seller)
    assert fuzz_forms(client, reverse("regulation:counter", args=[notice.pk]))


def test_account_pages(client, resident):
    sign_in(client, resident)
    for name in ("profile", "verify_identity", "close_account"):
        assert fuzz_forms(client, reverse(f"accounts:{name}"))


@given(query=params(*API_PARAMS))
@HYPOTHESIS
def test_the_regulator_feed_api_query_parameters(query):
    bureau = RegulatorClientFactory(scopes=["feed:read", "identity:read"])
    api = Client(HTTP_AUTHORIZATION=f"Bearer {bureau.plain_key}")
    for name in ("entries", "heads", "latest_head", "inclusion", "consistency", "public_key"):
        get(api, reverse(f"regulation_api:{name}"), query, f"GET regulation_api:{name}")
