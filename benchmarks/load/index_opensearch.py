"""Index the generated listings into OpenSearch (alias `load-listings`), documents built straight from
SQL: the generator's listings have no photos, appraisals or ratings, so the rows hold all a document needs.

    DATABASE_URL=… .venv/bin/python benchmarks/load/index_opensearch.py --url http://127.0.0.1:9250
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from search.documents import _ancestors  # noqa: E402
from search.engines.opensearch import OpenSearchEngine  # noqa: E402

SQL = """SELECT l.id, l.title, l.description, t.tokens, t.suggest, c.path, l.condition, l.price, l.trade_mode,
  s.code, m.id, m.latitude, m.longitude, l.published_at, l.updated_at
FROM listings_listing l JOIN load_title t ON t.title = l.title AND t.description = l.description
JOIN listings_category c ON c.id = l.category_id JOIN geography_community m ON m.id = l.community_id
JOIN geography_street s ON s.id = m.street_id WHERE l.status = 'published'"""


def documents():
    with connection.cursor() as cursor:
        cursor.execute(SQL)
        while rows := cursor.fetchmany(5000):
            for pk, title, description, tokens, suggest, path, condition, price, mode, street, *rest in rows:
                community, lat, lon, published_at, updated_at = rest
                yield {
                    "listing_id": pk,
                    "title": title,
                    "description": description,
                    "attributes_text": "",
                    "pinyin": suggest[len(title) + 1 :],
                    "tokens": tokens.split(),
                    "category_path": path,
                    "category_ancestors": _ancestors(path),
                    "top_category": path.split("/")[0],
                    "condition": condition,
                    "price": float(price) if price is not None else 0.0,
                    "trade_mode": mode,
                    "street": street,
                    "community_id": community,
                    "location": {"lat": float(lat), "lon": float(lon)} if lat is not None else None,
                    "appraised": False,
                    "appraisal_grade": "",
                    "seller_rating": None,
                    "has_photos": False,
                    "published_at": published_at.isoformat(),
                    "updated_at": updated_at.isoformat(),
                }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:9250")
    args = parser.parse_args()
    engine = OpenSearchEngine(args.url, prefix="load", timeout=120)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM listings_listing WHERE status = 'published'")
        published = cursor.fetchone()[0]
    if engine.client.indices.exists_alias(name=engine.alias):
        indexed = engine.client.count(index=engine.alias)["count"]
        if indexed >= published:
            print(f"{indexed} listings already indexed")
            return
    started = time.monotonic()
    result = engine.rebuild(documents(), progress=lambda n: n % 50_000 or print(f"indexed {n}", flush=True))
    elapsed = time.monotonic() - started
    print(f"\n{result} in {elapsed:.0f} s ({result.get('indexed', 0) / elapsed:.0f} docs/s)")


if __name__ == "__main__":
    main()
