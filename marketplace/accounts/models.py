"""Users, their role, and the seller identity records the E-Commerce Law requires platforms to keep."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    STREET_STAFF = "street_staff", _("Street-office staff")
    APPRAISER = "appraiser", _("Appraiser")
    REGULATOR = "regulator", _("Market regulator")
    PLATFORM_STAFF = "platform_staff", _("Platform staff")


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True, role=Role.PLATFORM_STAFF)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """An account. Everyone is a resident who may buy and sell; `role` adds one staff capacity.

    Invariants (database constraints): street-office staff are bound to a street, regulators to a
    market-supervision office. Appraisers are bound to an agency through `appraisal.Appraiser`.
    Accounts are never hard-deleted while records must be retained: leaving anonymises them.
    """

    username = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("nickname"),
        max_length=30,
        blank=True,
        help_text=_("Shown to other residents instead of your name."),
    )
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESIDENT)
    community = models.ForeignKey(
        "geography.Community",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
    )
    street = models.ForeignKey(
        "geography.Street",
        verbose_name=_("street office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text=_("For street-office staff: the street whose events they run."),
    )
    supervision_office = models.ForeignKey(
        "geography.SupervisionOffice",
        verbose_name=_("market-supervision office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regulators",
    )
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="street_staff") | Q(street__isnull=False),
                name="street_staff_has_street",
            ),
            models.CheckConstraint(
                condition=~Q(role="regulator") | Q(supervision_office__isnull=False),
                name="regulator_has_office",
            ),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name other residents see: the nickname, else the email's local part, never the real name."""
        return self.display_name or self.email.split("@", 1)[0]


class IdentityVerificationQuerySet(models.QuerySet["IdentityVerification"]):
    def current(self) -> IdentityVerificationQuerySet:
        return self.filter(superseded_at__isnull=True)

    def valid_at(self, moment) -> IdentityVerificationQuerySet:
        return self.current().filter(expires_at__gt=moment)

    def past_retention(self, moment) -> IdentityVerificationQuerySet:
        return self.filter(retain_until__isnull=False, retain_until__lt=moment)


class IdentityVerification(models.Model):
    """A seller's real-name record (E-Commerce Law Art. 27).

    The name and ID number are stored encrypted; `id_number_hash` is a keyed hash for finding the
    same number on another account without decrypting. A new verification supersedes the old one,
    which is kept: records must survive `IDENTITY_RETENTION_DAYS` after the seller leaves.
    """

    class Method(models.TextChoices):
        SELF_DECLARED = "self_declared", _("Declared by the resident, checksum and birth date checked")
        STAFF_CHECKED = "staff_checked", _("Checked against the ID card by platform staff")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="identity_verifications")
    real_name_encrypted = models.TextField()
    id_number_encrypted = models.TextField()
    id_number_hash = models.CharField(max_length=64, db_index=True)
    id_number_masked = models.CharField(max_length=18)
    real_name_masked = models.CharField(max_length=40)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.SELF_DECLARED)
    verified_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    superseded_at = models.DateTimeField(null=True, blank=True)
    retain_until = models.DateTimeField(
        null=True, blank=True, help_text="Set when the seller leaves; the record may be purged after it."
    )

    objects = IdentityVerificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("identity verification")
        verbose_name_plural = _("identity verifications")
        ordering = ["-verified_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(superseded_at__isnull=True), name="one_current_identity_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.real_name_masked} {self.id_number_masked}"


class PolicyConsent(models.Model):
    """A user's consent to the privacy policy and terms of use, with the version they were shown
    (PIPL Arts. 13–14: consent informed by the rules in force at the time). Kept when a new version
    is consented to, so what each person agreed to, and when, can be shown."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="policy_consents")
    version = models.CharField(_("policy version"), max_length=20)
    consented_at = models.DateTimeField(_("consented at"), default=timezone.now)

    class Meta:
        verbose_name = _("policy consent")
        verbose_name_plural = _("policy consents")
        ordering = ["-consented_at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.version}"
