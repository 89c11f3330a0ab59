"""Keys: the ciphertext names its key, old keys still decrypt, `lantern rotatekeys` moves
every value to the current key, and a value cannot be moved to another row."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from lantern import testing
from lantern.accounts.permissions import Role
from lantern.cases.models import Person
from lantern.core import crypto

pytestmark = pytest.mark.django_db


def _new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_a_value_opens_only_for_its_own_field_and_row():
    sealed = crypto.encrypt("Philomène", "cases.person:1:identity")
    assert crypto.decrypt(sealed, "cases.person:1:identity") == "Philomène"
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(sealed, "cases.person:2:identity")


def test_tampering_is_detected():
    sealed = crypto.encrypt("Philomène", "ctx")
    head, key_id, payload = sealed.split(".")
    flipped = payload[:-4] + ("AAAA" if payload[-4:] != "AAAA" else "BBBB")
    with pytest.raises(crypto.DecryptionError):
        crypto.decrypt(f"{head}.{key_id}.{flipped}", "ctx")


def test_rotation_re_encrypts_under_the_new_key_and_identities_still_open(trio, settings,
                                                                           signed_in):
    case = testing.make_case(trio.owner, given_name="Philomène", narrative="Narrative text")
    person = case.people.get()
    old_id = crypto.key_id_of(person.identity_sealed)
    settings.LANTERN_DATA_KEY = f"k9:{_new_key()},{settings.LANTERN_DATA_KEY}"
    call_command("rotatekeys", stdout=open(os.devnull, "w"))  # noqa: SIM115
    person = Person.objects.get(pk=person.pk)
    assert crypto.key_id_of(person.identity_sealed) == "k9" != old_id
    case.refresh_from_db()
    assert crypto.key_id_of(case.narrative_sealed) == "k9"
    # With the old key dropped, everything still opens.
    settings.LANTERN_DATA_KEY = settings.LANTERN_DATA_KEY.split(",")[0]
    url = f"/en/cases/{case.reference}/people/{person.pseudonym}/identity/"
    assert "Philomène" in signed_in(trio.owner).post(url).content.decode()


def test_an_unknown_key_id_is_a_clear_error(settings):
    sealed = crypto.encrypt("x", "ctx")
    settings.LANTERN_DATA_KEY = f"other:{_new_key()}"
    with pytest.raises(crypto.DecryptionError, match="no key"):
        crypto.decrypt(sealed, "ctx")


def test_reindex_after_a_new_index_key_keeps_phone_search_working(trio, settings, signed_in):
    case = testing.make_case(trio.owner)
    settings.LANTERN_INDEX_KEY = _new_key()
    client = signed_in(trio.owner)
    search = {"by": "phone", "value": "416 555 0199"}
    assert case.reference not in client.post("/en/cases/", search).content.decode()
    call_command("rotatekeys", "--reindex", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert case.reference in client.post("/en/cases/", search).content.decode()


def test_rotation_covers_every_sealed_column_of_every_app(trio, settings, tmp_path):
    from django.apps import apps
    from django.test import Client

    from lantern.core.management.commands.rotatekeys import SEALED_COLUMNS
    from lantern.disclosures.actions import disclose_to_police
    from lantern.hotline import actions as hotline_actions
    from lantern.referrals import actions as referral_actions

    sealed_fields = {(model._meta.label, field.name) for model in apps.get_models()
                     for field in model._meta.fields if field.name.endswith("_sealed")}
    registered = {(label, field) for label, field, _ in SEALED_COLUMNS}
    assert sealed_fields - registered == {("cases.Person", "identity_sealed")}

    hotline = testing.make_org("hotline", "ON")
    advocate = testing.make_user(hotline, Role.HOTLINE_SUPERVISOR)
    contact = hotline_actions.log_contact(advocate, {
        "started_at": timezone.now(), "channel": "phone", "caller_type": "other",
        "contact_type": "crisis", "language": "en", "interpreter_used": False, "city": "",
        "province": "ON", "caller_phone": "416 555 0100", "notes": "Fictional notes."})
    Client().post("/en/report/", {"what": "Fictional report.", "who_at_risk": "x",
                                  "contact": "y"})
    from lantern.hotline.models import Tip

    hotline_actions.add_tip_message(Tip.objects.get(), "Reply.", actor=advocate)
    case = testing.make_case(advocate, narrative="Narrative.")
    provider = testing.make_provider(name="Harbour", city="Toronto", province="ON")
    referral_actions.refer_person_to_provider(advocate, case.people.get(), provider,
                                              need="shelter", summary="Summary.",
                                              override_reason="Test override.")
    disclose_to_police(advocate, case, trio.org, basis="imminent_danger", shared="Shared.",
                       justification="Test.")
    upload = tmp_path / "cases.csv"
    upload.write_text("source_record_id,opened_on,narrative\nR-1,2024-01-05,Sealed text.\n")
    call_command("import", str(upload), "--org", trio.org.code, "--entity", "case",
                 stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.LANTERN_DATA_KEY = f"k9:{_new_key()},{settings.LANTERN_DATA_KEY}"
    call_command("rotatekeys", "--reindex", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.LANTERN_DATA_KEY = settings.LANTERN_DATA_KEY.split(",")[0]
    from lantern.submissions.models import SourceRecordVersion

    assert SourceRecordVersion.objects.exists()
    for label, field, context in SEALED_COLUMNS:
        for obj in apps.get_model(label).objects.exclude(**{field: ""}):
            sealed = getattr(obj, field)
            assert crypto.key_id_of(sealed) == "k9", (label, field)
            crypto.decrypt(sealed, context.format(id=obj.pk, obj=obj))
    contact.refresh_from_db()
    assert contact.caller_phone_index
