"""The audit chain: append-only, and `lantern audit verify` names the first broken entry."""

from __future__ import annotations

import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from lantern import testing
from lantern.audit.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def _drop_triggers() -> None:
    """What a database administrator could do; the hash chain must still catch the edit."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_entry_no_delete")


def _verify() -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def test_every_write_is_chained_and_verifies(trio):
    testing.make_case(trio.owner)
    entries = list(AuditEntry.objects.order_by("id"))
    assert len(entries) >= 5
    for before, after in itertools.pairwise(entries):
        assert after.prev_hash == before.hash
    assert "Audit chain intact" in _verify()


def test_the_application_cannot_change_or_delete_an_entry(trio):
    entry = AuditEntry.objects.first()
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_updates_and_deletes():
    testing.make_org()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET action = 'x'")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry")


def test_verify_names_an_edited_entry(trio):
    testing.make_case(trio.owner)
    target = AuditEntry.objects.filter(action="person.create").get()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET changes = %s WHERE id = %s",
                       ['{"sex": ["female", "male"]}', target.id])
    with pytest.raises(CommandError, match=rf"broken at entry {target.id}: .*edited"):
        _verify()


def test_verify_names_the_entry_after_a_removed_one(trio):
    testing.make_case(trio.owner)
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [ids[2]])
    with pytest.raises(CommandError, match=rf"broken at entry {ids[3]}: .*removed"):
        _verify()


def test_verify_notices_entries_cut_from_the_end(trio):
    testing.make_case(trio.owner)
    last = AuditEntry.objects.order_by("-id").first()
    _drop_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [last.id])
    with pytest.raises(CommandError, match="removed"):
        _verify()


def test_verify_notices_a_removed_chain_head(trio):
    from lantern.audit.models import AuditChainHead

    testing.make_case(trio.owner)
    AuditChainHead.objects.all().delete()
    with pytest.raises(CommandError, match="chain head is missing"):
        _verify()
