from django_tasks import task

from . import audit, push, sequencer, services


@task()
def sequence_audit_log() -> int:
    """The guarantee behind the after-commit fast path: integrate whatever is still queued."""
    return sequencer.sequence_pending()


@task()
def publish_tree_head() -> int:
    return audit.publish_tree_head().tree_size


@task()
def deliver_pushes() -> dict:
    return push.deliver_due()


@task()
def restore_expired_ip_notices() -> int:
    return services.restore_expired_notices()


@task()
def half_yearly_reports() -> list[str]:
    """In the first week of January and July, the reports for the half-year just ended, once."""
    return services.due_half_yearly_reports()
