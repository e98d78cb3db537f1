"""Bench-only middleware: each request's time inside the worker (wall, and the worker's own CPU), logged
under the page name the load test sends in X-Load-Page. CPU time barely moves with the load others put
on a shared machine, so it compares pages (and runs) where client latencies only show the queue."""

import os
import time

LOG_DIR = os.environ.get("LOAD_TIMING_DIR", "/tmp")  # noqa: S108 - bench logs


class ServerTiming:
    def __init__(self, get_response):
        self.get_response = get_response
        self.log = None

    def __call__(self, request):
        page = request.headers.get("X-Load-Page")
        if not page:
            return self.get_response(request)
        wall, cpu = time.perf_counter(), time.process_time()
        response = self.get_response(request)
        wall, cpu = (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000
        if self.log is None:
            self.log = open(os.path.join(LOG_DIR, f"timing-{os.getpid()}.tsv"), "a", buffering=1)  # noqa: SIM115
        self.log.write(f"{page}\t{wall:.2f}\t{cpu:.2f}\n")
        return response
