"""Words of a notification in the active language, from its message key and stored parameters."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from .kinds import MESSAGES

# Parameters holding a moment (stored as ISO text) are shown in local time, in the language's format.
MOMENTS = ("starts", "deadline")


def _readable(params: dict, labels: dict) -> dict:
    values: dict = defaultdict(str)
    for key, value in params.items():
        if key in labels and value in labels[key].values:
            value = labels[key](value).label
        elif key in MOMENTS and isinstance(value, str):
            moment = parse_datetime(value)
            if isinstance(moment, dt.datetime):
                value = date_format(timezone.localtime(moment), "DATETIME_FORMAT")
        elif isinstance(value, list):
            value = "、".join(str(v) for v in value)
        values[key] = value
    return values


def render(notification) -> tuple[str, str]:
    """(title, body) in the active language."""
    spec = MESSAGES[notification.message]
    values = _readable(notification.params or {}, spec.labels)
    return str(spec.title) % values, (str(spec.body) % values if spec.body else "")


def absolute_url(path: str) -> str:
    """The link as it appears in an email: the site's public address, never the request's host."""
    if not path:
        return settings.SITE_URL.rstrip("/") + "/"
    return settings.SITE_URL.rstrip("/") + path
