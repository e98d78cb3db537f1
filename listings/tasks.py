from django_tasks import task

from . import services


@task()
def expire_listings() -> int:
    """Scheduled: published listings past their period become expired."""
    return services.expire_due_listings()
