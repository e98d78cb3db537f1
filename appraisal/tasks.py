from django_tasks import task

from .services import valuing


@task()
def retrain_valuation() -> int | None:
    """Scheduled: train a new valuation model once enough new sales arrived; its version, or None."""
    model = valuing.retrain_if_due()
    return model.version if model else None
