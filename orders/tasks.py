from django_tasks import task

from . import services


@task()
def expire_unpaid_orders() -> int:
    return services.expire_unpaid_orders()


@task()
def auto_receive_orders() -> int:
    return services.auto_receive_due()


@task()
def settle_expiring_authorisations() -> dict:
    return services.settle_expiring_authorisations()
