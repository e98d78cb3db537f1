from django.conf import settings
from elastic_transport import ConnectionError as ESConnectionError
from elastic_transport import ConnectionTimeout
from elasticsearch import Elasticsearch, NotFoundError

from .cluster import ClusterEngine


class ElasticsearchEngine(ClusterEngine):
    """Elasticsearch 8/9 through elasticsearch-py 8."""

    name = "elasticsearch"
    unavailable_errors = (ESConnectionError, ConnectionTimeout)
    not_found_errors = (NotFoundError,)

    def __init__(self, url: str, *, prefix: str, timeout: int | None = None, **client_options):
        hosts = [host.strip() for host in url.split(",") if host.strip()]
        client = Elasticsearch(
            hosts,
            request_timeout=timeout or settings.SEARCH_TIMEOUT_SECONDS,
            max_retries=len(hosts) - 1,
            retry_on_timeout=len(hosts) > 1,
            **client_options,
        )
        super().__init__(client, prefix=prefix)
