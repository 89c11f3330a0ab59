"""The `lantern` command line: organizations, accounts, the demo and its sign-in codes."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.audit.models import AuditEntry
from lantern.cases.models import Case, Person
from lantern.demo import load
from lantern.organizations.models import Organization
from lantern.standard.vocabularies import vocabulary
from lantern.stats.models import ExternalFigure, Release

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_createorg_and_createuser(monkeypatch):
    _run("createorg", "york-police", "--name-en", "York Police (test)", "--name-fr",
         "Police de York (essai)", "--type", "police_service", "--province", "ON")
    monkeypatch.setenv("LANTERN_NEW_PASSWORD", "a long enough passphrase")
    output = _run("createuser", "detective", "--org", "york-police",
                  "--roles", "police_investigator,data_steward")
    assert "Created detective" in output
    user = User.objects.get(username="detective")
    assert user.organization.code == "york-police"
    assert set(user.roles) == {"police_investigator", "data_steward"}
    assert AuditEntry.objects.filter(action="organization.create").exists()
    assert AuditEntry.objects.filter(action="user.create", object_id=str(user.pk)).exists()


def test_createorg_refuses_an_unknown_type_or_province():
    with pytest.raises(CommandError, match="unknown organization type"):
        _run("createorg", "x", "--name-en", "X", "--name-fr", "X", "--type", "club")
    with pytest.raises(CommandError, match="unknown province"):
        _run("createorg", "x", "--name-en", "X", "--name-fr", "X", "--type", "hotline",
             "--province", "ZZ")
    assert not Organization.objects.filter(code="x").exists()


def test_createuser_refuses_unknown_roles_and_weak_passwords(monkeypatch):
    _run("createorg", "hl", "--name-en", "H", "--name-fr", "H", "--type", "hotline")
    monkeypatch.setenv("LANTERN_NEW_PASSWORD", "a long enough passphrase")
    with pytest.raises(CommandError, match="unknown role"):
        _run("createuser", "a", "--org", "hl", "--roles", "wizard")
    monkeypatch.setenv("LANTERN_NEW_PASSWORD", "short")
    with pytest.raises(CommandError, match="too short"):
        _run("createuser", "a", "--org", "hl", "--roles", "hotline_advocate")
    assert not User.objects.filter(username="a").exists()


def test_the_demo_has_every_organization_type_every_role_and_fictional_cases():
    output = _run("loaddemo", "--cases", "120", "--providers", "12", "--contacts", "20")
    assert "120 cases" in output and "12 providers" in output
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == set(vocabulary("organization_type").codes())
    roles = {role for user in User.objects.all() for role in user.roles}
    assert roles == {role.value for role in Role}
    # The police and NGO cases carry their source ids; the hotline opens a few more.
    assert Case.objects.exclude(source_record_id="").count() == 120
    assert Case.objects.filter(contacts__isnull=False).exists()
    victims = Person.objects.filter(role="victim")
    assert victims.filter(sex="female").count() > victims.count() * 0.8
    # Ontario holds the largest share of incidents, as in the published figures.
    ontario = Case.objects.filter(incidents__province="ON").count()
    assert ontario > 120 * 0.4
    # The records are linked and a release is published for the public dashboard.
    assert "Published statistics release 2022" in output
    assert Release.objects.filter(status="published", period="2022").exists()
    assert ExternalFigure.objects.filter(measure="incidents").count() == 11
    with pytest.raises(CommandError, match="already loaded"):
        _run("loaddemo", "--cases", "1", "--providers", "2", "--contacts", "4", "--no-release")


def test_democode_prints_a_code_that_signs_in(client):
    _run("loaddemo", "--cases", "1", "--providers", "2", "--contacts", "4", "--no-release")
    code = _run("democode", "investigator").split()[0]
    client.post("/en/accounts/sign-in/", {"username": "investigator",
                                          "password": load.DEMO_PASSWORD})
    assert client.post("/en/accounts/two-factor/", {"token": code}).status_code == 302
    assert client.get("/en/cases/").status_code == 200


def test_democode_refuses_outside_demo_mode(settings):
    _run("loaddemo", "--cases", "1", "--providers", "2", "--contacts", "4", "--no-release")
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="only on a demo install"):
        _run("democode", "investigator")
