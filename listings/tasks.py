from django_tasks import task

from . import services


@task()
def expire_listings() -> int:
    """Scheduled: published listings past their period become expired."""
    return services.expire_due_listings()


@task()
def recover_stuck_photos() -> dict[str, int]:
    """Scheduled: gallery photos whose rendering task was lost are queued again, or failed after hours."""
    from .services.photos import recover_stuck_photos as recover

    return recover()
