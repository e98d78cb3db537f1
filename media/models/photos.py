import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from media.inspection import DAMAGED
from media.pipeline import RENDITION_SIZES

EXTENSIONS = {"webp": "webp", "jpeg": "jpg"}
# Shown in place of every rendition until they exist (an SVG: any browser shows it for either format).
PLACEHOLDER = "media/photo-processing.svg"
FAILURES = {
    "damaged": DAMAGED,
    "error": _("This photo could not be processed. Delete it and upload it again."),
}


class Photo(models.Model):
    """A processed photo: metadata-free renditions on storage plus a perceptual hash.

    The uploaded original is kept only until the renditions are made (`PhotoUpload`), never served (it
    may carry GPS); `large` is the biggest copy. Until then every URL is a placeholder.
    """

    class Status(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="photos")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    phash = models.CharField(_("perceptual hash"), max_length=16, db_index=True, blank=True)
    qr_payloads = models.JSONField(_("QR codes seen"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.READY)
    failure = models.CharField(_("why processing failed"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return str(self.key)

    @staticmethod
    def path_for(key, size: str, fmt: str) -> str:
        return f"photos/{str(key)[:2]}/{key}/{size}.{EXTENSIONS[fmt]}"

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY

    @property
    def failure_message(self):
        return FAILURES.get(self.failure, FAILURES["error"]) if self.status == self.Status.FAILED else ""

    def url(self, size: str = "medium", fmt: str = "webp") -> str:
        if not self.is_ready:
            return static(PLACEHOLDER)
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


class PhotoUpload(models.Model):
    """The uploaded bytes of a photo still being processed; deleted once its renditions exist.

    Kept in the database so an upload commits or rolls back with the request that accepted it.
    """

    photo = models.OneToOneField(Photo, on_delete=models.CASCADE, primary_key=True, related_name="upload")
    data = models.BinaryField()

    class Meta:
        verbose_name = _("photo upload")
        verbose_name_plural = _("photo uploads")

    def __str__(self) -> str:
        return str(self.photo_id)
