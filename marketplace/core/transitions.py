"""One way to move a row through its state machine: lock, check the table, save, write history.

Listings, orders and appraisal cases use it; each passes its own TRANSITIONS table, history model and
domain error, so a refused move always reads the same: "This X is A and cannot become B."
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from .errors import DomainError


@dataclass(frozen=True)
class StateMachine:
    """A model's status field, its allowed moves, and where each move is recorded."""

    model: type[models.Model]
    table: Mapping[str, set[str]]
    error: type[DomainError]
    history: type[models.Model] | None = None
    history_fk: str = ""
    # Extra fields to set on entering a status (timestamps and the like), computed from the locked row.
    on_enter: Callable[[models.Model, str], list[str]] | None = None

    def allows(self, current: str, new: str) -> bool:
        return new in self.table.get(current, set())

    def move(self, obj: models.Model, new_status: str, *, actor=None, reason: str = "", **fields):
        """Move `obj` to `new_status` under a row lock; call inside `transaction.atomic()`.

        Raises the machine's error when the table does not allow the move. `fields` are saved with the
        status. The caller's instance is refreshed with the new values; the locked row is returned.
        """
        locked = self.model.objects.select_for_update().get(pk=obj.pk)
        old_status = locked.status
        if not self.allows(old_status, new_status):
            raise self.error(
                _("This %(thing)s is “%(current)s” and cannot become “%(new)s”.")
                % {
                    "thing": self.model._meta.verbose_name,
                    "current": locked.get_status_display(),
                    "new": self.model.Status(new_status).label,
                },
                code="transition",
            )
        locked.status = new_status
        for name, value in fields.items():
            setattr(locked, name, value)
        update = ["status", *fields]
        if self.on_enter is not None:
            update += self.on_enter(locked, new_status)
        if any(f.name == "updated_at" for f in self.model._meta.concrete_fields):
            update.append("updated_at")
        locked.save(update_fields=sorted(set(update)))
        if self.history is not None:
            self.history.objects.create(
                **{self.history_fk: locked},
                actor=actor,
                old_status=old_status,
                new_status=new_status,
                reason=str(reason),
            )
        for name in update:
            setattr(obj, name, getattr(locked, name))
        return locked
