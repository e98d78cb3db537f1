"""The production settings, with the bare view added to the URLs as the load test's ceiling and a
middleware that logs each request's time inside the worker (see timing.py)."""

from marketplace.settings.production import *  # noqa: F403
from marketplace.settings.production import MIDDLEWARE

ROOT_URLCONF = "benchmarks.load.urls"
MIDDLEWARE = ["benchmarks.load.timing.ServerTiming", *MIDDLEWARE]
