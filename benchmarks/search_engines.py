"""Search at scale: 100,000 listings, each engine's query latency, bulk indexing rate, and the
search page's latency as a multiple of a bare Django view on the same server.

    scripts/bench-search            # starts PostgreSQL and the OpenSearch node, then runs this
    .venv/bin/python benchmarks/search_engines.py --listings 100000
    .venv/bin/python benchmarks/search_engines.py --engines database --reuse-index   # repeat, same data

Needs DATABASE_URL (a scratch PostgreSQL database; it is filled with generated listings) and
OPENSEARCH_URL. Latencies are medians and 95th percentiles over repeated runs in one process.
"""

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.catalogue_words import ADJECTIVES, WORDS  # noqa: E402
from listings.models import Category, Listing  # noqa: E402
from marketplace.accounts.models import User  # noqa: E402
from marketplace.geography.models import Community  # noqa: E402
from search.documents import listing_document, listings_for_index  # noqa: E402
from search.engines.database import DatabaseEngine  # noqa: E402
from search.engines.opensearch import OpenSearchEngine  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from search.services import search_with_recovery  # noqa: E402

QUERIES = {
    "text 手机": SearchQuery(text="手机"),
    "pinyin shouji": SearchQuery(text="shouji"),
    "category + price": SearchQuery(category="furniture", price_min=Decimal("100"), price_max=Decimal("800")),
    "street + newest": SearchQuery(street="120104007", sort="newest"),
    "text + distance": SearchQuery(text="自行车", sort="distance", origin=(39.1261, 117.1436)),
    "browse newest": SearchQuery(sort="newest"),
}
# Queries the search dictionary rewrites: a brand in another script, a word with narrower words, and a
# query so specific that similar listings fill its page (several searches). Reported on their own.
DICTIONARY_QUERIES = {
    "brand apple": SearchQuery(text="apple"),
    "hypernym 桌子": SearchQuery(text="桌子"),
    "short list 实木书桌": SearchQuery(text="实木书桌 九成新"),
}
# One search each, by kind of word: category words match (and rank) a whole category, brand words one
# brand in any script, long queries several words that must all match.
WORD_QUERIES = {
    "category 手机": SearchQuery(text="手机"),
    "category 自行车": SearchQuery(text="自行车"),
    "category 电脑": SearchQuery(text="电脑"),
    "category 图书": SearchQuery(text="图书"),
    "brand 华为": SearchQuery(text="华为"),
    "brand 苹果": SearchQuery(text="苹果"),
    "brand xiaomi": SearchQuery(text="xiaomi"),
    "long 华为mate40手机": SearchQuery(text="九成新 华为 mate 40 手机 自提"),
    "long 儿童折叠自行车": SearchQuery(text="儿童 折叠自行车 可小刀"),
    "long 宜家书架搬家": SearchQuery(text="搬家出 宜家书架 闲置"),
}


def seed(count: int) -> None:
    existing = Listing.objects.filter(status=Listing.Status.PUBLISHED).count()
    if existing >= count:
        print(f"{existing} listings already seeded")
        return
    rng = random.Random(7)
    categories = {c.slug: c for c in Category.objects.all()}
    communities = list(Community.objects.all())
    sellers = []
    for n in range(200):
        user, _ = User.objects.get_or_create(
            email=f"bench{n}@bench.invalid", defaults={"community": rng.choice(communities)}
        )
        sellers.append(user)
    now = timezone.now()
    started = time.monotonic()
    batch = []
    for n in range(existing, count):
        slug = rng.choice(list(WORDS))
        title = f"{rng.choice(ADJECTIVES)} {rng.choice(WORDS[slug])}"
        mode = rng.choices(["sell", "swap", "give"], [8, 1, 1])[0]
        batch.append(
            Listing(
                seller=rng.choice(sellers),
                title=title,
                description=f"{title}，{rng.choice(ADJECTIVES)}，自提。",
                category=categories[slug],
                condition=rng.choice(["like_new", "99", "95", "90", "80", "70"]),
                trade_mode=mode,
                price=Decimal(rng.randint(10, 5000)) if mode == "sell" else None,
                community=rng.choice(communities),
                status=Listing.Status.PUBLISHED,
                published_at=now - timezone.timedelta(minutes=n),
                expires_at=now + timezone.timedelta(days=60),
            )
        )
        if len(batch) == 5000:
            Listing.objects.bulk_create(batch)
            batch = []
            print(f"\rseeding {n + 1}/{count}", end="", flush=True)
    Listing.objects.bulk_create(batch)
    print(f"\rseeded {count - existing} listings in {time.monotonic() - started:.0f} s")


def documents() -> list[dict]:
    started = time.monotonic()
    docs = [listing_document(listing) for listing in listings_for_index().iterator(chunk_size=2000)]
    print(f"built {len(docs)} documents in {time.monotonic() - started:.1f} s")
    return docs


def report(engine: str, label: str, samples: list[float]) -> None:
    p50, p95 = statistics.median(samples), percentile(samples, 95)
    print(f"  {engine:<10} {label:<20} {p50:7.1f} / {p95:7.1f}")


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(fn, runs: int) -> list[float]:
    fn()  # warm caches and connections
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--prefix", default="bench", help="OpenSearch index prefix")
    parser.add_argument(
        "--engines", nargs="+", choices=["database", "opensearch"], default=["database", "opensearch"]
    )
    parser.add_argument(
        "--reuse-index",
        action="store_true",
        help="Keep the database engine's table when it already holds every listing (repeat runs, same data).",
    )
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a scratch PostgreSQL database.")
    call_command("migrate", verbosity=0)
    seed(args.listings)

    engines = {"database": DatabaseEngine()} if "database" in args.engines else {}
    opensearch_url = os.environ.get("OPENSEARCH_URL")
    if opensearch_url and "opensearch" in args.engines:
        # Bulk requests and the refresh of a 100,000-document index outlast the 5 s query timeout.
        engines["opensearch"] = OpenSearchEngine(opensearch_url, prefix=args.prefix, timeout=60)
    to_build = dict(engines)
    if args.reuse_index and SearchEntry.objects.count() == listings_for_index().count():
        print(f"database   reusing its {SearchEntry.objects.count()} entries")
        to_build.pop("database", None)
    docs = documents() if to_build else []
    for name, engine in to_build.items():
        engine.ensure_index()
        started = time.monotonic()
        engine.rebuild(iter(docs))
        elapsed = time.monotonic() - started
        rate = len(docs) / elapsed
        print(f"{name:<10} bulk indexing: {rate:8.0f} docs/s ({elapsed:.1f} s for {len(docs)})")

    print(f"\nquery latency over {args.runs} runs (ms): p50 / p95")
    for name, engine in engines.items():
        everything = []
        for label, query in QUERIES.items():
            samples = timed(lambda q=query, e=engine: e.search(q), args.runs)
            everything += samples
            report(name, label, samples)

        def page_through(e=engine):
            after = None
            for _ in range(5):
                result = e.search(SearchQuery(sort="newest", size=24, after=after))
                after = result.next_after

        deep = timed(page_through, max(5, args.runs // 3))
        report(name, "5 pages search_after", deep)
        report(name, "all typical", everything)
        for label, query in DICTIONARY_QUERIES.items():
            report(name, label, timed(lambda q=query, e=engine: search_with_recovery(e, q), args.runs))
        for label, query in WORD_QUERIES.items():
            report(name, label, timed(lambda q=query, e=engine: e.search(q), args.runs))

    settings.ROOT_URLCONF = "benchmarks.bench_urls"
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    print("\nsearch page vs bare Django view (same process, same middleware), ms p50:")
    bare = statistics.median(timed(lambda: client.get("/bench/bare/"), args.runs))
    for name in engines:
        settings.SEARCH_ENGINE = name
        settings.SEARCH_URL = opensearch_url if name != "database" else None
        settings.SEARCH_INDEX_PREFIX = args.prefix
        page = statistics.median(timed(lambda: client.get("/search/", {"q": "手机"}), args.runs))
        print(f"  {name:<10} search page {page:7.1f}  bare view {bare:5.1f}  ratio {page / bare:6.1f}x")


if __name__ == "__main__":
    main()
