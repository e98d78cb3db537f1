"""The engines the contract suite runs against, each as real as this machine allows.

- database: the project's own database (PostgreSQL under scripts/test).
- opensearch: the real node scripts/test starts (OPENSEARCH_URL).
- elasticsearch: elasticsearch-py 8's real client stack talking to that same node, its nearest real
  peer (no Elasticsearch server can be installed here). A transport node rewrites Elasticsearch's
  compatibility media types to plain JSON on the way out and adds the product header on the way
  back, which is all that separates the two wire protocols for the calls the engine makes.
"""

from __future__ import annotations

import os
import urllib.request
import uuid

import pytest
from elastic_transport import HttpHeaders, Urllib3HttpNode

from search.engines.database import DatabaseEngine

OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "http://127.0.0.1:9250")


def node_available() -> bool:
    try:
        with urllib.request.urlopen(f"{OPENSEARCH_URL}/_cluster/health", timeout=2) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


class OpenSearchPeerNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        plain = HttpHeaders()
        for key, value in (headers or {}).items():
            if key.lower() in ("accept", "content-type"):
                value = value.replace("vnd.elasticsearch+", "").replace("; compatible-with=8", "")
            plain[key] = value
        response = super().perform_request(method, target, body=body, headers=plain, **kwargs)
        response.meta.headers["x-elastic-product"] = "Elasticsearch"
        return response


def make_engine(kind: str):
    if kind == "database":
        return DatabaseEngine(), None
    if not node_available():
        pytest.skip(f"the OpenSearch node is not running at {OPENSEARCH_URL}; scripts/test starts it")
    prefix = f"test-{uuid.uuid4().hex[:10]}"
    if kind == "opensearch":
        from search.engines.opensearch import OpenSearchEngine

        engine = OpenSearchEngine(OPENSEARCH_URL, prefix=prefix)
    else:
        from search.engines.elasticsearch import ElasticsearchEngine

        engine = ElasticsearchEngine(OPENSEARCH_URL, prefix=prefix, node_class=OpenSearchPeerNode)
    engine.ensure_index()
    return engine, prefix


def drop_indices(prefix: str) -> None:
    request = urllib.request.Request(f"{OPENSEARCH_URL}/{prefix}-*", method="DELETE")  # noqa: S310
    urllib.request.urlopen(request, timeout=10).close()  # noqa: S310
