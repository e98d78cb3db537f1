"""Fill a scratch PostgreSQL database with N listings and, in proportion, sellers, orders,
conversations, messages, audit entries and search entries, in bulk SQL (INSERT … SELECT
generate_series), so a million listings take minutes rather than hours.

    DATABASE_URL=postgres://…/market_load .venv/bin/python benchmarks/load/generate.py --listings 100000

Proportions per listing: 1 seller per 20 listings, 85 % published, 8 % sold (each with a completed
order), 1 conversation per 10 listings with 3 messages each, 1 audit entry per listing and per order.
Run again with a larger N to extend the same database. Writes the identifiers the load test needs
(buyer accounts, a regulator API key, categories, communities) to --fixture as JSON.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from benchmarks.catalogue_words import ADJECTIVES, WORDS  # noqa: E402
from search import text  # noqa: E402

BUYERS = 40
PASSWORD = "load-test-password-1"  # noqa: S105 - accounts in a scratch benchmark database


def run(sql: str, params=None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def scalar(sql: str, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def rows(sql: str, params=None) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def titles() -> None:
    """One row per distinct title, with the search tokens the indexer would compute for it."""
    run("DROP TABLE IF EXISTS load_title")
    run(
        "CREATE UNLOGGED TABLE load_title (n int PRIMARY KEY, title text, description text,"
        " category_id bigint, tokens text, suggest text)"
    )
    categories = dict(rows("SELECT slug, id FROM listings_category"))
    values = []
    for slug, words in WORDS.items():
        for word in words:
            for adjective in ADJECTIVES:
                title = f"{adjective} {word}"
                description = f"{title}，自提。"
                tokens = " ".join(text.index_tokens(title, description, ""))
                suggest = " ".join([title.lower(), " ".join(text.pinyin_forms(title))])
                values.append((len(values), title, description, categories[slug], f" {tokens} ", suggest))
    with connection.cursor() as cursor:
        cursor.executemany("INSERT INTO load_title VALUES (%s, %s, %s, %s, %s, %s)", values)


def users(count: int) -> None:
    have = scalar("SELECT count(*) FROM accounts_user WHERE email LIKE 'seller%%@load.invalid'")
    password = make_password(PASSWORD)
    run(
        """INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active,
             date_joined, email, display_name, phone, role, community_id)
           SELECT %s, false, '', '', false, true, now(), 'seller' || g || '@load.invalid', '卖家' || g, '',
             'resident', (SELECT id FROM geography_community ORDER BY id OFFSET g %% (SELECT count(*)
             FROM geography_community) LIMIT 1)
           FROM generate_series(%s, %s) g""",
        [password, have, count - 1],
    )
    for n in range(BUYERS):
        email = f"buyer{n}@load.invalid"
        if scalar("SELECT count(*) FROM accounts_user WHERE email = %s", [email]):
            continue
        user_id = scalar(
            """INSERT INTO accounts_user (password, is_superuser, first_name, last_name, is_staff, is_active,
                 date_joined, email, display_name, phone, role, community_id)
               VALUES (%s, false, '', '', false, true, now(), %s, %s, '', 'resident',
                 (SELECT min(id) FROM geography_community)) RETURNING id""",
            [password, email, f"买家{n}"],
        )
        run(
            'INSERT INTO account_emailaddress (email, verified, "primary", user_id)'
            " VALUES (%s, true, true, %s)",
            [email, user_id],
        )


def listings(start: int, end: int) -> None:
    """Listings numbered start..end-1; newer numbers are published later."""
    run("SELECT setseed(0.7)")
    run(
        """INSERT INTO listings_listing (title, description, attributes, condition, trade_mode, price,
             negotiable, quantity, pickup, delivery, status, appeal_used, moderation_note, created_at,
             updated_at, published_at, expires_at, category_id, community_id, seller_id, authority_hold,
             authority_hold_reason)
           SELECT t.title, t.description, '{}', (ARRAY['like_new','99','95','90','80','70'])[1 + g %% 6],
             m.mode, CASE WHEN m.mode = 'sell' THEN 10 + (g * 7919) %% 4990 END, g %% 3 = 0, 1, true,
             g %% 5 = 0, s.status, false, '', p.at, p.at, p.at,
             CASE WHEN s.status = 'published' THEN now() + interval '60 days' ELSE p.at END,
             t.category_id, u.community_id, u.id, '', ''
           FROM generate_series(%s::bigint, %s::bigint) g
           CROSS JOIN LATERAL (SELECT now() - (%s - g) * interval '20 seconds' AS at) p
           CROSS JOIN LATERAL (SELECT CASE WHEN g %% 10 = 9 THEN 'swap' WHEN g %% 10 = 8 THEN 'give'
             ELSE 'sell' END AS mode) m
           CROSS JOIN LATERAL (SELECT CASE WHEN g %% 100 < 85 THEN 'published' WHEN g %% 100 < 93 THEN 'sold'
             WHEN g %% 100 < 97 THEN 'withdrawn' ELSE 'expired' END AS status) s
           JOIN load_title t ON t.n = (g * 2654435761) %% (SELECT count(*) FROM load_title)
           JOIN accounts_user u ON u.email = 'seller' || ((g * 40503) %% %s) || '@load.invalid'
           ORDER BY g""",
        [start, end - 1, end, sellers_for(end)],
    )


def sellers_for(count: int) -> int:
    return max(100, count // 20)


def related(since_id: int) -> None:
    """Orders, conversations, messages, search entries and audit entries for listings after since_id."""
    run(
        """INSERT INTO orders_order (kind, status, item_title, item_category, price, handover_note,
             resolution, created_at, paid_at, handed_over_at, received_at, completed_at, buyer_id,
             listing_id, seller_id)
           SELECT 'meetup', 'completed', l.title, c.path, coalesce(l.price, 0), '', '', l.published_at,
             NULL, l.published_at, l.published_at, l.published_at,
             (SELECT id FROM accounts_user WHERE email = 'buyer' || (l.id %% %s) || '@load.invalid'),
             l.id, l.seller_id
           FROM listings_listing l JOIN listings_category c ON c.id = l.category_id
           WHERE l.id > %s AND l.status = 'sold'""",
        [BUYERS, since_id],
    )
    run(
        """INSERT INTO listings_conversation (created_at, buyer_id, listing_id)
           SELECT l.published_at, b.id, l.id FROM listings_listing l
           JOIN accounts_user b ON b.email = 'buyer' || (l.id %% %s) || '@load.invalid'
           WHERE l.id > %s AND l.id %% 10 = 0""",
        [BUYERS, since_id],
    )
    run(
        """INSERT INTO listings_message (body, warning, created_at, conversation_id, sender_id)
           SELECT (ARRAY['还在吗？', '在的，可以来看', '好的，周六下午自提'])[k], '', c.created_at, c.id,
             CASE WHEN k = 2 THEN l.seller_id ELSE c.buyer_id END
           FROM listings_conversation c JOIN listings_listing l ON l.id = c.listing_id
           CROSS JOIN generate_series(1, 3) k WHERE l.id > %s""",
        [since_id],
    )
    run(
        """INSERT INTO search_searchentry (listing_id, title, tokens, suggest, category_path, condition,
             trade_mode, price, street, latitude, longitude, appraised, has_photos, seller_rating,
             published_at, source_updated_at)
           SELECT l.id, l.title, t.tokens, t.suggest, c.path, l.condition, l.trade_mode,
             coalesce(l.price, 0), s.code, m.latitude, m.longitude, false, false, NULL, l.published_at,
             to_char(l.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"')
           FROM listings_listing l JOIN load_title t ON t.title = l.title AND t.description = l.description
           JOIN listings_category c ON c.id = l.category_id
           JOIN geography_community m ON m.id = l.community_id JOIN geography_street s ON s.id = m.street_id
           WHERE l.id > %s AND l.status = 'published'""",
        [since_id],
    )
    audit(since_id)


def audit(since_id: int) -> None:
    """One entry per publication and per order, indexed after the log's current end."""
    start = scalar('SELECT coalesce(max("index"), -1) + 1 FROM regulation_auditentry')
    run(
        """INSERT INTO regulation_auditentry ("index", event_type, canonical, leaf_hash, created_at,
             sequenced_at)
           SELECT %s + row_number() OVER (ORDER BY e.at, e.kind, e.ref) - 1, e.kind, e.canonical,
             encode(sha256(convert_to(e.canonical, 'UTF8')), 'hex'), e.at, e.at
           FROM (
             SELECT 'listing.published' AS kind, id AS ref, published_at AS at,
               json_build_object('data', json_build_object('listing', id), 'event_type',
                 'listing.published')::text AS canonical
             FROM listings_listing WHERE id > %s
             UNION ALL
             SELECT 'order.completed', o.id, o.completed_at, json_build_object('data',
               json_build_object('listing', o.listing_id, 'order', o.id), 'event_type',
               'order.completed')::text
             FROM orders_order o WHERE o.listing_id > %s
           ) e""",
        [start, since_id, since_id],
    )
    run("UPDATE regulation_auditloghead SET size = (SELECT count(*) FROM regulation_auditentry)")


def regulator_key() -> str:
    from marketplace.geography.models import District, SupervisionOffice
    from regulation.models import RegulatorClient

    key = "nkr_loadtestkey_0000000000000000000000000000"
    if not RegulatorClient.objects.filter(key_prefix=key[:12]).exists():
        RegulatorClient.objects.create(
            name="load test",
            office=SupervisionOffice.objects.get_or_create(
                name="南开区市场监督管理局", defaults={"district": District.objects.first()}
            )[0],
            key_prefix=key[:12],
            key_hash=RegulatorClient.hash_key(key),
            scopes=["feed:read"],
        )
    return key


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--fixture", default="/tmp/load-fixture.json")  # noqa: S108 - a scratch file
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a scratch PostgreSQL database.")
    have = scalar("SELECT count(*) FROM listings_listing")
    started = time.monotonic()
    if have < args.listings:
        with transaction.atomic():
            titles()
            users(sellers_for(args.listings))
            since_id = scalar("SELECT coalesce(max(id), 0) FROM listings_listing")
            listings(have, args.listings)
            related(since_id)
        run("ANALYZE")
    counts = {
        table: scalar(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed table names
        for table in (
            "listings_listing",
            "accounts_user",
            "orders_order",
            "listings_conversation",
            "listings_message",
            "search_searchentry",
            "regulation_auditentry",
        )
    }
    print(f"data ready in {time.monotonic() - started:.0f} s: {counts}")
    fixture = {
        "password": PASSWORD,
        "buyers": [f"buyer{n}@load.invalid" for n in range(BUYERS)],
        "regulator_key": regulator_key(),
        "listing_ids": [
            scalar("SELECT min(id) FROM listings_listing"),
            scalar("SELECT max(id) FROM listings_listing"),
        ],
        "categories": [r[0] for r in rows("SELECT slug FROM listings_category")],
        "leaf_category": scalar("SELECT id FROM listings_category WHERE slug = 'furniture'"),
        "community": scalar("SELECT min(id) FROM geography_community"),
        "streets": [r[0] for r in rows("SELECT code FROM geography_street")],
        "audit_size": counts["regulation_auditentry"],
    }
    Path(args.fixture).write_text(json.dumps(fixture))


if __name__ == "__main__":
    main()
