from django_tasks import task

from . import services


@task()
def expire_waitlist_offers() -> int:
    return services.expire_offers()


@task()
def send_event_reminders() -> int:
    return services.send_reminders()
