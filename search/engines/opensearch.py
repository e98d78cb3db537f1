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

    def __init__(self, url: str, *, prefix: str):
        client = OpenSearch(hosts=[url], timeout=settings.SEARCH_TIMEOUT_SECONDS, max_retries=0)
        super().__init__(client, prefix=prefix)


__all__ = ["OpenSearchEngine", "TransportError"]
