from django.db import models


class ListingPhoto(models.Model):
    """A photo's place in a listing's gallery (position 0 is the cover)."""

    listing = models.ForeignKey("listings.Listing", on_delete=models.CASCADE, related_name="listing_photos")
    photo = models.OneToOneField("media.Photo", on_delete=models.PROTECT, related_name="listing_photo")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.listing_id}#{self.position}"
