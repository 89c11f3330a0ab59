"""Organization admins read their organization's audit; platform admins read all of it."""

from __future__ import annotations

import pytest

from lantern import testing
from lantern.accounts.permissions import Role

pytestmark = pytest.mark.django_db


def test_org_admin_reads_own_organizations_entries_only(trio, signed_in):
    own = testing.make_case(trio.owner)
    foreign = testing.make_case(trio.outsider)
    admin = testing.make_user(trio.org, Role.ORG_ADMIN)
    html = signed_in(admin).get("/en/audit/", {"action": "case."}).content.decode()
    assert str(own.pk) in html
    assert str(foreign.pk) not in html


def test_platform_admin_reads_every_organizations_entries(trio, signed_in):
    own = testing.make_case(trio.owner)
    foreign = testing.make_case(trio.outsider)
    admin = testing.make_user(testing.make_org("federal_department", ""), Role.PLATFORM_ADMIN)
    html = signed_in(admin).get("/en/audit/", {"action": "case."}).content.decode()
    assert str(own.pk) in html and str(foreign.pk) in html


def test_an_investigator_cannot_read_the_audit(trio, signed_in):
    assert signed_in(trio.owner).get("/en/audit/").status_code == 403


def test_the_audit_page_shows_no_identifying_value(trio, signed_in):
    testing.make_case(trio.owner, given_name="Zéphirine", narrative="Secret narrative text")
    admin = testing.make_user(trio.org, Role.ORG_ADMIN)
    html = signed_in(admin).get("/en/audit/").content.decode()
    assert "Zéphirine" not in html and "Secret narrative" not in html
    assert "identifying value changed" in html
