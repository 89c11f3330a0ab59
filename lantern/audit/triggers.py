"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit entries.

The application never changes an entry; these triggers make the database refuse it too.
Someone with the power to drop a trigger can still edit rows, and the hash chain is what
catches that (`lantern audit verify`).
"""

from __future__ import annotations

from typing import Any

SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON audit_auditentry
       BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_update",
    "DROP TRIGGER IF EXISTS audit_entry_no_delete",
]
POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$ LANGUAGE plpgsql""",
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry",
    """CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
    # TRUNCATE bypasses row triggers; a statement trigger refuses it as well.
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry",
    """CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_auditentry
       FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only()""",
]
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry",
    "DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection: Any) -> None:
    """Create the triggers (idempotent)."""
    postgres = connection.vendor == "postgresql"
    _run(connection, POSTGRES_INSTALL if postgres else SQLITE_INSTALL)


def remove(connection: Any) -> None:
    """Drop the triggers: for a migration's reversal, and for the test suite's flush."""
    postgres = connection.vendor == "postgresql"
    _run(connection, POSTGRES_REMOVE if postgres else SQLITE_REMOVE)
