import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from media.pipeline import RENDITION_SIZES

EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}


class Photo(models.Model):
    """A processed photo: metadata-free renditions on storage plus a perceptual hash.

    The uploaded original is never kept (it may carry GPS); `large` is the biggest copy.
    """

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="photos")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    phash = models.CharField(_("perceptual hash"), max_length=16, db_index=True)
    qr_payloads = models.JSONField(_("QR codes seen"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.key)

    @staticmethod
    def path_for(key, size: str, fmt: str) -> str:
        return f"photos/{str(key)[:2]}/{key}/{size}.{EXTENSIONS[fmt]}"

    def url(self, size: str = "medium", fmt: str = "webp") -> str:
        return default_storage.url(self.path_for(self.key, size, fmt))

    def all_paths(self) -> list[str]:
        return [self.path_for(self.key, size, fmt) for size in RENDITION_SIZES for fmt in EXTENSIONS]

    @property
    def thumb_webp(self) -> str:
        return self.url("thumb", "webp")

    @property
    def thumb_jpeg(self) -> str:
        return self.url("thumb", "jpeg")

    @property
    def medium_webp(self) -> str:
        return self.url("medium", "webp")

    @property
    def medium_jpeg(self) -> str:
        return self.url("medium", "jpeg")

    @property
    def large_jpeg(self) -> str:
        return self.url("large", "jpeg")
