"""The strict Content-Security-Policy in a real browser: nothing is refused, the admin widgets still work."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.accounts.factories import sign_in
from tests.appraisal.factories import AppraiserFactory
from tests.browser.conftest import browser  # noqa: F401, F811 - Debian's Chromium, shared with tests/browser
from tests.listings.factories import ListingFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browse_as(browser, live_server, client):  # noqa: F811
    """A page for `user` (signed in with both steps), recording CSP refusals and script errors."""

    def open_as(user=None):
        context = browser.new_context(base_url=live_server.url, locale="zh-CN")
        if user is not None:
            sign_in(client, user)
            cookie = client.cookies["sessionid"].value
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.problems = []
        page.on(
            "console",
            lambda message: (
                page.problems.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )
        page.on("pageerror", lambda error: page.problems.append(str(error)))
        return context, page

    return open_as


def test_site_pages_run_under_the_policy(browse_as, seller):
    listing = ListingFactory(seller=seller, published=True)
    context, page = browse_as()
    for url in [
        "/",
        reverse("listings:browse"),
        reverse("listings:detail", args=[listing.pk]),
        "/search/?q=书",
    ]:
        page.goto(url)
        page.wait_for_load_state("load")
    page.fill("input[name=q]", "书架")  # the suggestion script from a static file still answers
    assert page.problems == []
    context.close()


def test_admin_date_pickers_and_choosers_work_under_the_policy(browse_as, platform_admin):
    from playwright.sync_api import expect

    appraiser = AppraiserFactory()
    context, page = browse_as(platform_admin)
    page.goto(reverse("wagtailadmin_home"))
    events = Page.objects.get(depth=2)
    page.goto(reverse("wagtailadmin_pages:edit", args=[events.pk]))
    page.wait_for_load_state("load")

    page.goto(reverse("wagtailsnippets_appraisal_appraiser:edit", args=[appraiser.pk]))
    page.wait_for_load_state("load")
    assert page.locator("[data-admin-chooser][data-started]").count() >= 2  # active from / until
    assert page.locator("[data-admin-widget][data-started]").count() == 1  # the agency chooser
    page.click("#id_active_until")
    page.locator(".xdsoft_datetimepicker:visible").first.wait_for()

    page.goto(reverse("wagtailsnippets_appraisal_appraiser:add"))
    page.wait_for_load_state("load")
    page.click("#id_agency-chooser [data-chooser-action-choose]")
    page.wait_for_selector(".modal-dialog", state="visible")
    page.locator(".modal-dialog table a").first.click()
    expect(page.locator("#id_agency")).not_to_have_value("")  # (a string predicate would need eval)
    assert page.problems == []
    context.close()
