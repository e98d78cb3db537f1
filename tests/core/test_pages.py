import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

pytestmark = pytest.mark.django_db


def test_home_page_speaks_chinese_by_default_and_lists_guides(client):
    from demo.seed import seed_pages

    seed_pages()
    page = client.get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "浏览闲置" in page
    assert "禁止发布的物品" in page


def test_visitors_can_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Browse goods" in page


def test_every_asset_is_served_by_the_site_itself(client):
    page = client.get("/").content.decode()
    assert "cdn" not in page.lower()
    assert "//fonts." not in page
    assert 'href="/static/css/site.css"' in page


def test_healthz_reports_database_and_task_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["tasks"]["oldest_waiting_seconds"] == 0.0


def test_healthz_fails_when_no_worker_drains_the_queue(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    stale = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="marketplace.core.health.healthz",
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(hours=1),
    )
    DBTaskResult.objects.filter(pk=stale.pk).update(enqueued_at=timezone.now() - dt.timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"]["ok"] is False


def test_healthz_reports_an_unreachable_search_engine(client, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = "http://127.0.0.1:9"  # discard port: nothing answers
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["search"] == {"ok": False, "engine": "opensearch"}


def test_money_and_time_settings():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.LANGUAGE_CODE == "zh-hans"
    with override("en"):
        assert settings.LANGUAGES[1][0] == "en"
