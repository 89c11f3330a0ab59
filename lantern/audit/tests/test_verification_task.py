"""Platform admins queue a verification of the chain; the real worker runs it."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def _platform_admin():
    return testing.make_user(testing.make_org("federal_department", ""), Role.PLATFORM_ADMIN)


def test_the_worker_verifies_the_chain_and_the_page_shows_the_outcome(signed_in):
    owner = testing.make_user(testing.make_org())
    testing.make_case(owner)
    client = signed_in(_platform_admin())
    assert client.post("/en/audit/verify/").status_code == 302
    assert "Waiting for the worker" in client.get("/en/audit/").content.decode()
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    html = client.get("/en/audit/").content.decode()
    assert "Intact:" in html
    assert AuditEntry.objects.filter(action="audit.verify", kind="system").exists()


def test_a_broken_chain_is_reported_by_the_worker(signed_in):
    owner = testing.make_user(testing.make_org())
    testing.make_case(owner)
    target = AuditEntry.objects.get(action="case.create")
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_auditentry"
                       if connection.vendor == "postgresql"
                       else "DROP TRIGGER IF EXISTS audit_entry_no_update")
        cursor.execute("UPDATE audit_auditentry SET action = 'case.delete' WHERE id = %s",
                       [target.id])
    client = signed_in(_platform_admin())
    client.post("/en/audit/verify/")
    call_command("worker", "--batch", "--interval", "0.1", verbosity=0)
    assert f"Broken at entry {target.id}" in client.get("/en/audit/").content.decode()


def test_only_platform_admins_may_queue_a_verification(signed_in):
    org = testing.make_org()
    org_admin = testing.make_user(org, Role.ORG_ADMIN)
    client = signed_in(org_admin)
    assert client.post("/en/audit/verify/").status_code == 403
    assert "Verify the whole chain" not in client.get("/en/audit/").content.decode()
