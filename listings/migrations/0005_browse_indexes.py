"""Indexes for browsing newest-first with keyset paging, overall, by category and by community, and for
the browse cache's version stamp (the latest change to any listing)."""

from django.db import migrations

INDEXES = {
    "listing_published_newest": "(published_at DESC, id DESC) WHERE status = 'published'",
    "listing_category_newest": "(category_id, published_at DESC, id DESC) WHERE status = 'published'",
    "listing_community_newest": "(community_id, published_at DESC, id DESC) WHERE status = 'published'",
    "listing_updated_at": "(updated_at)",
}


class Migration(migrations.Migration):
    dependencies = [("listings", "0004_prohibited_catalogue")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON listings_listing {definition}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES.items()
    ]
