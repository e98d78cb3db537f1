from django.conf import settings
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import ConnectionTimeout, NotFoundError, TransportError

from .cluster import ClusterEngine


class OpenSearchEngine(ClusterEngine):
    """OpenSearch 2/3 through opensearch-py."""

    name = "opensearch"
    unavailable_errors = (OSConnectionError, ConnectionTimeout)
    not_found_errors = (NotFoundError,)

    def __init__(self, url: str, *, prefix: str, timeout: int | None = None):
        # SEARCH_URL may name several nodes (comma-separated): a request a dead node cannot answer is
        # retried on the next one, and the dead node rests until its timeout passes.
        hosts = [host.strip() for host in url.split(",") if host.strip()]
        client = OpenSearch(
            hosts=hosts,
            timeout=timeout or settings.SEARCH_TIMEOUT_SECONDS,
            max_retries=len(hosts) - 1,
            retry_on_timeout=len(hosts) > 1,
        )
        super().__init__(client, prefix=prefix)


__all__ = ["OpenSearchEngine", "TransportError"]
