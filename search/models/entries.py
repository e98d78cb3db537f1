from django.db import models


class SearchEntry(models.Model):
    """The database engine's index: one row per listing on offer, denormalised for filtering.

    `tokens` holds the segmented words and pinyin, space-separated with a space at each end so a
    whole token can be matched. On PostgreSQL it is matched as a tsvector through a GIN index and
    ranked from a stored vector in `search_entry_vector`, kept by triggers (migration 0006); on SQLite
    through an FTS5 table (`search/engines/fulltext.py`).
    """

    listing_id = models.BigIntegerField(primary_key=True)
    title = models.CharField(max_length=60)
    tokens = models.TextField()
    suggest = models.TextField(default="")  # title, its pinyin and initials, for prefix suggestions
    category_path = models.CharField(max_length=200, db_index=True)
    condition = models.CharField(max_length=10)
    trade_mode = models.CharField(max_length=10)
    price = models.FloatField(default=0.0)
    street = models.CharField(max_length=9)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    appraised = models.BooleanField(default=False)
    has_photos = models.BooleanField(default=False)
    seller_rating = models.FloatField(null=True)
    published_at = models.DateTimeField(null=True)
    source_updated_at = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["-published_at", "-listing_id"]), models.Index(fields=["price"])]

    def __str__(self) -> str:
        return self.title
