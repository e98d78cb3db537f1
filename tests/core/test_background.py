"""Background work cannot die silently: heartbeats, /healthz, periodic outcomes and retries."""

import datetime as dt
import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import task

from marketplace.core import registry, scheduler
from marketplace.core.background import beat
from marketplace.core.models import Heartbeat, ScheduledJob
from tests.accounts.factories import sign_in

pytestmark = pytest.mark.django_db
LIMITS = {"scheduler": 60, "worker": 30}


@task()
def failing_periodic_job():
    raise RuntimeError("the bureau endpoint is down")


@task()
def succeeding_periodic_job():
    return "ok"


@override_settings(HEARTBEAT_LIMITS=LIMITS)
def test_healthz_names_a_scheduler_whose_heartbeat_is_too_old(client):
    beat("worker:a")
    Heartbeat.objects.create(name="scheduler", beat_at=timezone.now() - dt.timedelta(seconds=61))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["background"]["missing"] == ["scheduler"]


@override_settings(HEARTBEAT_LIMITS=LIMITS)
def test_healthz_is_ok_while_every_process_beats(client):
    beat("scheduler")
    beat("worker:a")
    Heartbeat.objects.create(name="worker:old", beat_at=timezone.now() - dt.timedelta(hours=3))
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["checks"]["background"]["missing"] == []


@override_settings(HEARTBEAT_LIMITS=LIMITS)
def test_healthz_names_a_worker_that_never_started(client):
    beat("scheduler")
    assert client.get("/healthz").json()["checks"]["background"]["missing"] == ["worker"]


def test_a_failed_pass_is_logged_and_the_scheduler_goes_on(monkeypatch, caplog):
    calls = []

    def broken_pass():
        calls.append(1)
        raise RuntimeError("database is locked")

    monkeypatch.setattr("marketplace.core.management.commands.run_scheduler.enqueue_due", broken_pass)
    with caplog.at_level(logging.ERROR, logger="marketplace.scheduler"):
        call_command("run_scheduler", "--once")
    assert calls == [1]
    assert "database is locked" in caplog.text
    assert Heartbeat.objects.filter(name="scheduler").exists()


@pytest.fixture
def periodic(monkeypatch):
    monkeypatch.setattr(registry, "periodic_tasks", {})
    monkeypatch.setattr(scheduler, "periodic_tasks", registry.periodic_tasks)
    monkeypatch.setattr("marketplace.core.background.periodic_tasks", registry.periodic_tasks)
    return registry.periodic_tasks


@override_settings(PERIODIC_RETRY_SECONDS=60)
def test_a_failed_periodic_task_is_recorded_logged_and_retried_before_its_interval(
    periodic, caplog, django_capture_on_commit_callbacks
):
    path = failing_periodic_job.module_path
    periodic[path] = dt.timedelta(hours=12)
    start = timezone.now()
    with (
        caplog.at_level(logging.ERROR, logger="marketplace.core.background"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert scheduler.enqueue_due(now=start) == [path]  # the task runs inline in the tests
    job = ScheduledJob.objects.get(name=path)
    assert job.failures == 1 and job.last_failed_at is not None
    assert "the bureau endpoint is down" in job.last_error
    assert "the bureau endpoint is down" in caplog.text
    assert scheduler.enqueue_due(now=start + dt.timedelta(seconds=30)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert scheduler.enqueue_due(now=start + dt.timedelta(seconds=61)) == [path]  # not 12 h later
    assert ScheduledJob.objects.get(name=path).failures == 2


def test_a_successful_periodic_task_records_its_last_success(periodic, django_capture_on_commit_callbacks):
    path = succeeding_periodic_job.module_path
    periodic[path] = dt.timedelta(minutes=5)
    ScheduledJob.objects.create(name=path, failures=3, last_error="old")
    with django_capture_on_commit_callbacks(execute=True):
        scheduler.enqueue_due()
    job = ScheduledJob.objects.get(name=path)
    assert job.last_succeeded_at is not None and job.failures == 0 and job.last_error == ""


def test_platform_staff_see_each_periodic_task_and_process(client, platform_admin):
    beat("scheduler")
    sign_in(client, platform_admin)
    response = client.get("/cms/background/")
    assert response.status_code == 200
    page = response.content.decode()
    # Each task by what it does, in Chinese, with its interval; not by its code.
    assert "下架超过展示期限的商品" in page
    assert "<code>listings.tasks.expire_listings</code>" not in page
    assert "15\xa0分钟" in page
    assert "scheduler" in page


def test_residents_cannot_see_background_work(client, resident):
    client.force_login(resident)
    assert client.get("/cms/background/").status_code in (302, 403)
