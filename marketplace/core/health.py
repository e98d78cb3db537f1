"""GET /healthz: is the database answering, is the task queue being drained, and the checks the apps
register (`marketplace.core.registry.register_health_check`), such as the search cluster."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import registry
from .background import check_heartbeats


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def check_task_queue() -> dict:
    """With the database backend, a task left waiting past the stall limit means no worker is running."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        return {"ok": True, "backend": backend.rsplit(".", 1)[-1]}
    from django_tasks_db.models import DBTaskResult

    try:
        oldest = (
            DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        )
        last_finished = (
            DBTaskResult.objects.finished()
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    now = timezone.now()
    waiting = (now - oldest).total_seconds() if oldest else 0.0
    return {
        "ok": waiting < settings.TASK_QUEUE_STALL_SECONDS,
        "oldest_waiting_seconds": round(waiting, 1),
        "last_finished_at": last_finished.isoformat() if last_finished else None,
        "stall_limit_seconds": settings.TASK_QUEUE_STALL_SECONDS,
    }


@never_cache
@require_GET
def healthz(request):
    checks = {"database": check_database()}
    if checks["database"]["ok"]:
        checks["tasks"] = check_task_queue()
        heartbeats = check_heartbeats()
        if heartbeats is not None:
            checks["background"] = heartbeats
    for name, check in registry.health_checks.items():
        result = check()
        if result is not None:
            checks[name] = result
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": checks, "time": timezone.now().isoformat()},
        status=200 if healthy else 503,
    )
