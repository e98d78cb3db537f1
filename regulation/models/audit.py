"""The append-only audit log (a Merkle tree after RFC 9162), its signed heads, and who may read it."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditLogHead(models.Model):
    """A single row: the current tree size. The sequencer locks it while it integrates a batch, so
    indexes are gap-free and ordered; writers never touch it."""

    size = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.size} entries"


class AuditQueueEntry(models.Model):
    """An entry written in the transaction of its change, not yet in the tree. The sequencer moves it
    into `AuditEntry` (and deletes it here) in the same transaction that gives it its index."""

    event_type = models.CharField(max_length=60)
    data = models.TextField(help_text="canonical JSON of the entry's data")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"queued {self.event_type}"


class AuditEntry(models.Model):
    """One leaf. `canonical` is the exact bytes hashed (canonical JSON); never updated or deleted."""

    index = models.BigIntegerField(unique=True)
    event_type = models.CharField(max_length=60)
    canonical = models.TextField()
    leaf_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    sequenced_at = models.DateTimeField(null=True, help_text="when the sequencer integrated it")

    class Meta:
        ordering = ["index"]

    def __str__(self) -> str:
        return f"#{self.index} {self.event_type}"


class AuditNode(models.Model):
    """Hash of a perfect, aligned subtree: leaves [position·2^level, (position+1)·2^level)."""

    level = models.PositiveSmallIntegerField()
    position = models.BigIntegerField()
    hash = models.BinaryField(max_length=32)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "position"], name="unique_audit_node")]

    def __str__(self) -> str:
        return f"{self.level}/{self.position}"


class TreeHead(models.Model):
    """A signed tree head (STH): size, root hash and time, signed with AUDIT_SIGNING_KEY."""

    tree_size = models.BigIntegerField()
    root_hash = models.CharField(max_length=64)
    timestamp = models.BigIntegerField(help_text="milliseconds since the epoch")
    canonical = models.TextField()
    signature = models.CharField(max_length=200)
    key_id = models.CharField(max_length=64)

    class Meta:
        ordering = ["-tree_size", "-timestamp"]

    def __str__(self) -> str:
        return f"STH {self.tree_size}"


class RegulatorClient(models.Model):
    """A bureau system that reads the feed (API key) and/or receives it by signed push."""

    class Scope(models.TextChoices):
        FEED = "feed:read", _("Read the audit feed and proofs")
        IDENTITY = "identity:read", _("Read identity reports")

    name = models.CharField(_("name"), max_length=100)
    office = models.ForeignKey(
        "geography.SupervisionOffice", on_delete=models.PROTECT, related_name="clients"
    )
    key_prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    push_url = models.URLField(_("push endpoint"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return "nkr_" + secrets.token_urlsafe(32)


class PushDelivery(models.Model):
    """One entry to push to one client; retried with backoff, then kept as a dead letter."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")  # claimed by one delivery run until its lease ends
        DELIVERED = "delivered", _("Delivered")
        DEAD = "dead", _("Dead letter")

    client = models.ForeignKey(
        RegulatorClient,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("receiving client"),
    )
    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, related_name="+", verbose_name=_("entry"))
    idempotency_key = models.CharField(_("idempotency key"), max_length=80, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("push delivery")
        verbose_name_plural = _("push deliveries")
        ordering = ["entry__index"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.idempotency_key
