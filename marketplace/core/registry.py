"""Hooks a foundation module offers to the apps above it.

The foundation never imports a feature app; a feature app that must appear in a foundation screen
(a health check, a periodic job) registers itself here from its `AppConfig.ready()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

# name → function returning {"ok": bool, ...} or None when the check does not apply.
health_checks: dict[str, Callable[[], dict | None]] = {}

# dotted task path → interval, run by `run_scheduler`.
periodic_tasks: dict[str, dt.timedelta] = {}
# dotted task path → what staff read on the background-work page (translated lazily).
periodic_labels: dict[str, str] = {}


def register_health_check(name: str, check: Callable[[], dict | None]) -> None:
    health_checks[name] = check


def register_periodic(task_path: str, every: dt.timedelta, *, label=None) -> None:
    periodic_tasks[task_path] = every
    if label is not None:
        periodic_labels[task_path] = label
