from django.db import models


class IndexOutbox(models.Model):
    """A listing whose index entry must be refreshed, written in the same transaction as the change.

    Rows stay until the engine has taken the change, so an engine that is down loses nothing.
    """

    listing_id = models.BigIntegerField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"listing {self.listing_id}"
