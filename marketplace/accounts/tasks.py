from django_tasks import task

from . import services


@task()
def purge_identity_records() -> int:
    """Scheduled: delete identity records whose retention period has ended."""
    return services.purge_expired_identity_records()
