"""A three-node OpenSearch cluster loses a node while residents search and sellers change listings.

scripts/test starts the cluster (OPENSEARCH_CLUSTER_URLS, OPENSEARCH_CLUSTER_BASEDIR); every node is
its own JVM, so one can be killed outright (SIGKILL, no goodbye to the cluster).
"""

import os
import signal
import subprocess
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from listings import services as listing_services
from search import services
from search.engines import configured_engine
from search.outbox import record_listing_change
from search.query import SearchQuery
from tests.listings.factories import ListingFactory

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.opensearch]
ROOT = Path(__file__).resolve().parents[2]
URLS = [url for url in os.environ.get("OPENSEARCH_CLUSTER_URLS", "").split(",") if url]
BASEDIR = os.environ.get("OPENSEARCH_CLUSTER_BASEDIR", "")


def get_json(url: str):
    import json

    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310
        return json.load(response)


def live_nodes() -> int:
    for url in URLS:
        try:
            return int(get_json(f"{url}/_cluster/health")["number_of_nodes"])
        except OSError:
            continue
    return 0


def node_to_kill(index: str) -> tuple[str, int]:
    """A node that holds a primary shard of the listing index and is not the cluster manager."""
    shards = get_json(f"{URLS[0]}/_cat/shards/{index}?format=json&h=prirep,state,node,ip")
    nodes = get_json(f"{URLS[0]}/_nodes/http?filter_path=nodes.*.http.publish_address,nodes.*.roles")
    manager = get_json(f"{URLS[0]}/_cat/cluster_manager?format=json")[0]["id"]
    ports = {
        node_id: int(info["http"]["publish_address"].rsplit(":", 1)[1])
        for node_id, info in nodes["nodes"].items()
        if node_id != manager and not node_id.startswith(manager)
    }
    assert shards and all(shard["state"] == "STARTED" for shard in shards)
    for number, url in enumerate(URLS, start=1):
        if int(url.rsplit(":", 1)[1]) in ports.values():
            return f"{BASEDIR}/n{number}", int(url.rsplit(":", 1)[1])
    raise AssertionError("no node besides the cluster manager")


def publish(seller, title):
    """A published listing on its way to the index (the outbox row publishing writes). Built directly:
    forty listings in an hour from one seller would be held by the risk rules."""
    listing = ListingFactory(seller=seller, title=title, published=True)
    record_listing_change(listing.pk)
    return listing


@pytest.mark.slow
def test_searches_keep_answering_and_no_update_is_lost_when_a_node_dies(seller, settings):
    if not (URLS and BASEDIR and live_nodes() == len(URLS) >= 3):
        pytest.skip("needs the three-node cluster scripts/test starts (OPENSEARCH_CLUSTER_URLS)")
    settings.SEARCH_ENGINE, settings.SEARCH_URL = "opensearch", ",".join(URLS)
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    settings.SEARCH_INDEX_SHARDS, settings.SEARCH_INDEX_REPLICAS = 3, 1
    engine = configured_engine()
    engine.ensure_index()
    index = next(iter(engine._alias_targets()))
    settings_seen = get_json(f"{URLS[0]}/{index}/_settings")[index]["settings"]["index"]
    assert (settings_seen["number_of_shards"], settings_seen["number_of_replicas"]) == ("3", "1")
    get_json(f"{URLS[0]}/_cluster/health/{index}?wait_for_status=green&timeout=60s")

    listings = [publish(seller, f"台灯 {n} 号") for n in range(30)]
    services.process_outbox()
    assert engine.search(SearchQuery(text="台灯", size=50)).total == 30

    answered, degraded, stop = [], [], threading.Event()

    def resident():
        while not stop.is_set():
            result = services.search_listings(SearchQuery(text="台灯", size=50))
            (degraded if getattr(result, "degraded", False) else answered).append(result.total)
            time.sleep(0.05)

    searchers = [threading.Thread(target=resident) for _ in range(3)]
    for thread in searchers:
        thread.start()
    killed_dir, killed_port = node_to_kill(index)
    try:
        time.sleep(1)
        os.kill(int(Path(killed_dir, "node.pid").read_text()), signal.SIGKILL)
        # Sellers keep changing listings while the cluster notices and promotes replicas.
        changed = [publish(seller, f"台灯 新{n} 号") for n in range(10)]
        for listing in listings[:10]:
            listing_services.withdraw_listing(listing, actor=seller)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if services.process_outbox()["failed"] == 0 and live_nodes() == len(URLS) - 1:
                break
            time.sleep(1)
        time.sleep(1)
    finally:
        stop.set()
        for thread in searchers:
            thread.join()
        subprocess.run(
            [
                "bash",
                "-c",
                f"source scripts/opensearch.sh && opensearch_cluster_start "
                f"{URLS[0].rsplit(':', 1)[1]} '{BASEDIR}' {len(URLS)}",
            ],
            cwd=ROOT,
            check=True,
            timeout=240,
        )
    assert live_nodes() == len(URLS)
    assert answered, "no search was answered by the cluster"
    assert degraded == [], f"{len(degraded)} of {len(answered) + len(degraded)} searches fell back"
    expected = {listing.pk for listing in listings[10:]} | {listing.pk for listing in changed}
    assert set(engine.indexed_versions()) == expected
    assert engine.search(SearchQuery(text="台灯", size=50)).total == len(expected)
    urllib.request.urlopen(  # noqa: S310
        urllib.request.Request(f"{URLS[0]}/{settings.SEARCH_INDEX_PREFIX}-*", method="DELETE"), timeout=30
    ).close()
