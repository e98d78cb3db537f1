from django_tasks import task

from . import delivery


@task()
def send_notification_email(notification_id: int) -> bool:
    return delivery.send_email(notification_id)


@task()
def send_pending_emails() -> int:
    return delivery.send_pending()
