"""Factories and sign-in helpers for the test suite (real database, real actions)."""

from __future__ import annotations

import datetime as dt
import itertools
import time

from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.actions import create_user
from lantern.accounts.models import User
from lantern.accounts.permissions import Role
from lantern.cases import actions as case_actions
from lantern.cases.models import Case, Consent, Person
from lantern.directory.models import Provider
from lantern.organizations.actions import create_organization
from lantern.organizations.models import Organization
from lantern.standard.schemas import CaseSchema, ConsentSchema, IncidentSchema, PersonSchema

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test accounts only
_sequence = itertools.count(1)


def make_org(kind: str = "police_service", province: str = "ON") -> Organization:
    n = next(_sequence)
    return create_organization(None, code=f"org-{n}", name_en=f"Test organization {n}",
                               name_fr=f"Organisation d'essai {n}", kind=kind, province=province)


def make_user(organization: Organization, *roles: Role, username: str | None = None) -> User:
    name = username or f"user{next(_sequence)}"
    return create_user(None, username=name, password=PASSWORD, organization=organization,
                       roles=roles or (Role.POLICE_INVESTIGATOR,))


def current_code(device: TOTPDevice) -> str:
    """The code an authenticator app would show now; the next step's code if this step's
    was already used (a device accepts each step once, and tolerates one step ahead)."""
    step_now = int(time.time() - device.t0) // device.step
    drift = 1 if device.last_t >= step_now else 0
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits,
                drift=drift)
    return f"{code:06d}"


def sign_in(client: Client, user: User) -> Client:
    """Sign in through the real pages: password, then the TOTP code when the role needs it."""
    response = client.post("/en/accounts/sign-in/", {"username": user.username,
                                                     "password": PASSWORD})
    assert response.status_code == 302, "password step failed"
    if user.needs_second_factor:
        device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True,
                                                     defaults={"name": "Test"})
        response = client.post("/en/accounts/two-factor/", {"token": current_code(device)})
        assert response.status_code == 302, "second factor failed"
    return client


def make_case(owner: User, *, narrative: str = "", victims: int = 1,
              given_name: str = "Amélie", family_name: str = "Tremblay-Fictive") -> Case:
    case = case_actions.open_case(owner, CaseSchema(
        opened_on=dt.date(2024, 3, 1), narrative=narrative,
        exploitation_types=["sexual_exploitation"], palermo_means=["deception"],
    ))
    case_actions.add_incident(owner, case, IncidentSchema(province="ON", city="Hamilton",
                                                          occurred_on=dt.date(2024, 2, 20)))
    for _ in range(victims):
        add_victim(owner, case, given_name=given_name, family_name=family_name)
    return case


def add_victim(owner: User, case: Case, *, given_name: str, family_name: str,
               phone: str = "+1 416 555 0199") -> Person:
    return case_actions.add_person(owner, case, PersonSchema.model_validate({
        "role": "victim", "sex": "female", "age_group": "18_24",
        "identity": {"given_name": given_name, "family_name": family_name,
                     "birth_date": "2001-05-17", "phone": phone,
                     "email": "fictional.person@example.org"},
    }))


def give_consent(owner: User, person: Person, purpose: str = "services") -> Consent:
    return case_actions.record_consent(owner, person, ConsentSchema(
        purpose=purpose, given_at=timezone.now()), None)


def make_provider(*, name: str, city: str, province: str, services: tuple[str, ...] = ("shelter",),
                  languages: tuple[str, ...] = ("en",), populations: tuple[str, ...] = ("women",),
                  open_24_7: bool = False, confidential: bool = False,
                  verified: bool = True) -> Provider:
    """A verified directory entry with one site, through the real actions."""
    from lantern.directory import actions as directory_actions
    from lantern.directory.places import find_city

    org = create_organization(None, code=f"prov-{next(_sequence)}", name_en=name,
                              name_fr=f"{name} (fr)", kind="service_provider", province=province)
    provider = directory_actions.create_entry(None, org)
    provider = directory_actions.update_entry(None, provider, {
        "description_en": "Test entry", "description_fr": "Entrée d'essai",
        "open_24_7": open_24_7, "hours_en": "9 to 5", "hours_fr": "9 h à 17 h",
        "how_to_access_en": "Call first", "how_to_access_fr": "Appelez d'abord",
        "phone": "1-800-555-0100",
    }, {"services": services, "languages": languages, "populations": populations})
    place = find_city(city, province)
    assert place is not None, city
    directory_actions.save_site(None, provider, {
        "name_en": f"{name} site", "name_fr": f"Site {name}", "address": "1 Main Street",
        "address_confidential": confidential, "city": place.name, "province": province,
        "latitude": place.latitude, "longitude": place.longitude})
    if not verified:
        Provider.objects.filter(pk=provider.pk).update(
            last_verified_at=timezone.now() - dt.timedelta(days=400))
    return provider


def runner_name(holder: str) -> str:
    """The name (``core.runners``) of a run held by "this process", "a finished process"
    (here, its process gone), "a later process" (here, under this process's id, but not the
    process that started the run) or "another machine"."""
    import subprocess
    import sys

    from lantern.core import runners

    if holder == "another machine":
        return "another-machine/1|4242||cafe"
    if holder == "a finished process":
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        return runners.name(child.pid)
    place, pid, _started, token = runners.name().split("|")
    if holder == "a later process":
        return f"{place}|{pid}|1|{token}"  # started one tick after boot: not this process
    assert holder == "this process", holder
    return runners.name()
