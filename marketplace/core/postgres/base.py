"""PostgreSQL, where a write that needs no answer can ride with the end of its transaction.

An audit entry queued for the sequencer is one INSERT in every regulated write. Sent on its own it is
one more round trip, and on a short transaction that cost a third of the write throughput. Held
statements go in the same round trip as the COMMIT (or as the RELEASE of the savepoint they were
written under), so they still commit or roll back with the change: an error in one aborts the commit,
and a savepoint rolled back drops what was held inside it.
"""

from django.db.backends.postgresql import base
from django.db.backends.utils import debug_transaction
from django.db.transaction import TransactionManagementError


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.held: list[tuple[set[str], str, list]] = []  # (savepoints open when held, sql, params)

    def hold_until_commit(self, sql: str, params: list) -> None:
        """Run `sql` as part of the current transaction, sent with its COMMIT or savepoint release."""
        if not self.in_atomic_block:
            raise TransactionManagementError("held statements belong to a transaction")
        if self.settings_dict["OPTIONS"].get("server_side_binding"):
            # Several statements in one round trip need client-side binding: send it now.
            with self.cursor() as cursor:
                cursor.execute(sql, params)
            return
        self.held.append((set(self.savepoint_ids), sql, params))

    def _with_held(self, closing_sql: str) -> tuple[str, list]:
        held, self.held = self.held, []
        sql = "; ".join([*(statement for _sids, statement, _params in held), closing_sql])
        return sql, [value for _sids, _statement, params in held for value in params]

    def _commit(self):
        if not self.held or self.connection is None:
            self.held = []
            return super()._commit()
        sql, params = self._with_held("COMMIT")
        with debug_transaction(self, sql), self.wrap_database_errors, self.connection.cursor() as cursor:
            cursor.execute(sql, params)

    def _savepoint_commit(self, sid):
        if not self.held:
            return super()._savepoint_commit(sid)
        sql, params = self._with_held(self.ops.savepoint_commit_sql(sid))
        with self.cursor() as cursor:
            cursor.execute(sql, params)

    def _savepoint_rollback(self, sid):
        self.held = [entry for entry in self.held if sid not in entry[0]]
        super()._savepoint_rollback(sid)

    def _rollback(self):
        self.held = []
        return super()._rollback()

    def _close(self):
        self.held = []
        return super()._close()
