"""Keys: the ciphertext names its key, old keys still decrypt, `lantern rotatekeys` moves
every value to the current key, and a value cannot be moved to another row."""

from __future__ import annotations

import base64
import os

import pytest
from django.core.management import call_command

from lantern import testing
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
