import datetime as dt

from django.utils import timezone

from community_events.models import EventIndexPage, SwapEventPage
from marketplace.geography.models import Street


def make_event(
    *,
    street_code="120104007",
    stalls=20,
    visitors=100,
    days_ahead=7,
    starts_in: dt.timedelta | None = None,
    title="向阳路换物市集",
    **extra,
):
    index = EventIndexPage.objects.get()
    starts = timezone.now() + (starts_in if starts_in is not None else dt.timedelta(days=days_ahead))
    event = SwapEventPage(
        title=title,
        slug=f"event-{SwapEventPage.objects.count() + 1}-{abs(days_ahead)}",
        street=Street.objects.get(code=street_code),
        venue="官易里社区活动中心",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=3),
        stall_capacity=stalls,
        visitor_capacity=visitors,
        **extra,
    )
    index.add_child(instance=event)
    return SwapEventPage.objects.get(pk=event.pk)
