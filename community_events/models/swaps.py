"""What residents bring, what changes hands at the desk, and what was left over."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from listings.models import Condition


class PledgedItem(models.Model):
    """An item a resident will bring; staff do intake on the day (quick grade, token value, tag)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Not yet decided")
        SWAPPED = "swapped", _("Swapped")
        GIVEN = "given", _("Given away")
        DONATED = "donated", _("Left over: donated")
        RECYCLED = "recycled", _("Left over: recycled")
        TAKEN_BACK = "taken_back", _("Left over: taken back")

    event = models.ForeignKey(
        "community_events.SwapEventPage", on_delete=models.PROTECT, related_name="pledges"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pledges")
    title = models.CharField(_("item"), max_length=60)
    category = models.ForeignKey("listings.Category", verbose_name=_("category"), on_delete=models.PROTECT)
    listing = models.ForeignKey(
        "listings.Listing", null=True, blank=True, on_delete=models.SET_NULL, related_name="pledges"
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    # Intake at the event
    tag_number = models.PositiveIntegerField(_("tag number"), null=True, blank=True)
    quick_grade = models.CharField(_("quick grade"), max_length=10, choices=Condition.choices, blank=True)
    token_value = models.PositiveSmallIntegerField(_("token value"), null=True, blank=True)
    intake_at = models.DateTimeField(null=True, blank=True)
    intake_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)

    class Meta:
        ordering = ["event", "tag_number", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "tag_number"], name="unique_tag_per_event")]

    def __str__(self) -> str:
        return f"#{self.tag_number or '-'} {self.title}"


class SwapRecord(models.Model):
    """An item changing hands at the desk: a swap for tokens, or a give-away."""

    class Kind(models.TextChoices):
        SWAP = "swap", _("Swap")
        GIVEAWAY = "giveaway", _("Give-away")

    event = models.ForeignKey(
        "community_events.SwapEventPage", on_delete=models.PROTECT, related_name="swaps"
    )
    item = models.OneToOneField(PledgedItem, on_delete=models.PROTECT, related_name="swap")
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="received_swaps",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    tokens = models.PositiveSmallIntegerField(default=0)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.item} → {self.receiver_id or '?'}"
