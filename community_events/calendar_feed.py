"""The events calendar: a month grid for people, an iCalendar feed for their calendar apps."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import pgettext_lazy
from icalendar import Calendar, Event

from .models import SwapEventPage

# Column heads of the month grid, Monday first: one character in Chinese, so seven fit a phone.
WEEKDAYS = [
    pgettext_lazy("calendar column", "Mon"),
    pgettext_lazy("calendar column", "Tue"),
    pgettext_lazy("calendar column", "Wed"),
    pgettext_lazy("calendar column", "Thu"),
    pgettext_lazy("calendar column", "Fri"),
    pgettext_lazy("calendar column", "Sat"),
    pgettext_lazy("calendar column", "Sun"),
]


def month_view(month: dt.date) -> dict:
    first = month.replace(day=1)
    weeks = pycalendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    events = (
        SwapEventPage.objects.live()
        .public()
        .filter(starts_at__date__gte=weeks[0][0], starts_at__date__lte=weeks[-1][-1])
        .select_related("street")
    )
    by_day: dict[dt.date, list] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.starts_at).date(), []).append(event)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return {
        "month": first,
        "weekdays": WEEKDAYS,
        "weeks": [[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks],
        "previous": previous.strftime("%Y-%m"),
        "next": following.strftime("%Y-%m"),
    }


def ical(request) -> bytes:
    feed = Calendar()
    feed.add("prodid", "-//Nankai Neighbourhood Reuse//swap events//ZH")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", "南开社区换物活动")
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("//", 1)[-1].split("/", 1)[0]
    for event in SwapEventPage.objects.live().public().select_related("street").order_by("starts_at"):
        item = Event()
        item.add("uid", f"swap-event-{event.pk}@{host}")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.last_published_at or event.first_published_at or timezone.now())
        item.add("location", f"{event.street.name} · {event.venue}")
        item.add("url", settings.SITE_URL.rstrip("/") + event.url)
        feed.add_component(item)
    return feed.to_ical()
