"""The inbox page, the header badge, marking read — and nobody but the recipient sees or touches an entry."""

import pytest
from django.urls import reverse
from django.utils import translation

from notifications.models import Notification
from notifications.selectors import PAGE_SIZE
from notifications.services import notify
from tests.accounts.factories import sign_in

pytestmark = pytest.mark.django_db


def tell(user, count=1, item="旧台灯"):
    return [
        notify(
            user, message="order_placed", params={"item": f"{item}{i}", "reference": f"NK{i}"}, url="/orders/"
        )
        for i in range(count)
    ]


def test_the_header_shows_the_unread_count_with_a_label_for_screen_readers(client, resident):
    tell(resident, 3)
    sign_in(client, resident)
    page = client.get(reverse("listings:browse")).content.decode()
    assert reverse("notifications:inbox") in page
    assert '<span class="badge warn" aria-hidden="true">3</span>' in page
    assert "（3 条未读）" in page


def test_no_badge_when_everything_is_read(client, resident):
    tell(resident, 2)
    sign_in(client, resident)
    client.post(reverse("notifications:read_all"))
    page = client.get(reverse("listings:browse")).content.decode()
    assert "条未读" not in page and Notification.objects.unread().count() == 0


def test_a_large_backlog_shows_99_plus(client, resident):
    Notification.objects.bulk_create(
        Notification(recipient=resident, kind="order_placed", message="order_placed", params={})
        for _ in range(120)
    )
    sign_in(client, resident)
    assert "（99+ 条未读）" in client.get(reverse("listings:browse")).content.decode()


def test_the_badge_costs_one_query_and_only_once_per_request(rf, resident, django_assert_num_queries):
    from django.template import RequestContext, Template

    tell(resident, 2)
    request = rf.get("/")
    request.user = resident
    template = Template("{{ unread_notifications.label }}/{{ unread_notifications.count }}")
    with django_assert_num_queries(1):
        assert template.render(RequestContext(request)) == "2/2"
        assert template.render(RequestContext(request)) == "2/2"


def test_the_inbox_lists_newest_first_and_pages_by_key(client, resident):
    tell(resident, PAGE_SIZE + 5)
    sign_in(client, resident)
    first = client.get(reverse("notifications:inbox"))
    entries = first.context["entries"]
    assert len(entries) == PAGE_SIZE
    assert [n.pk for n, *_ in entries] == sorted((n.pk for n, *_ in entries), reverse=True)
    assert f"{PAGE_SIZE + 4}" in entries[0][1]  # the newest entry's title
    second = client.get(reverse("notifications:inbox"), {"before": first.context["next_key"]})
    assert len(second.context["entries"]) == 5 and second.context["next_key"] is None


def test_the_inbox_query_count_does_not_grow_with_entries(client, resident, django_assert_max_num_queries):
    sign_in(client, resident)
    tell(resident, 2)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("notifications:inbox"))
    tell(resident, 40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("notifications:inbox"))
    assert len(response.context["entries"]) == PAGE_SIZE


def test_marking_one_read_takes_a_post_and_leaves_the_others(client, resident):
    one, other = tell(resident, 2)
    sign_in(client, resident)
    assert client.get(reverse("notifications:read", args=[one.pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[one.pk]))
    assert response.status_code == 302
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.read_at is not None and other.read_at is None


def test_marking_read_needs_the_csrf_token(resident):
    from django.test import Client

    [one] = tell(resident)
    client = Client(enforce_csrf_checks=True)
    sign_in(client, resident)
    assert client.post(reverse("notifications:read", args=[one.pk])).status_code == 403
    one.refresh_from_db()
    assert one.read_at is None


def test_an_outsider_can_neither_read_nor_mark_anothers_notification(client, resident, outsider):
    [private] = tell(resident, item="私人物品")
    sign_in(client, outsider)
    assert client.post(reverse("notifications:read", args=[private.pk])).status_code == 404
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "私人物品" not in page
    client.post(reverse("notifications:read_all"))
    private.refresh_from_db()
    assert private.read_at is None


def test_visitors_are_sent_to_sign_in(client):
    for name in ("notifications:inbox", "notifications:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_inbox_reads_in_the_readers_language(client, resident):
    tell(resident, item="台灯")
    sign_in(client, resident)
    assert "新订单：“台灯0”" in client.get(reverse("notifications:inbox")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    try:
        assert "New order for “台灯0”" in client.get(reverse("notifications:inbox")).content.decode()
    finally:
        translation.activate("zh-hans")  # the middleware leaves the thread's language switched
