from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.cases.identity import open_identity, seal_identity
from lantern.cases.models import Person
from lantern.core import crypto
from lantern.intelligence import identifiers

# Every sealed column other than a person's identity, with the associated data its app
# binds it to. A test rotates keys and reopens each of them, so a column added without an
# entry here fails the suite.
SEALED_COLUMNS: list[tuple[str, str, str]] = [
    ("cases.Case", "narrative_sealed", "cases.case:{id}:narrative"),
    ("cases.Person", "encoding_sealed", "cases.person:{id}:encoding"),
    ("hotline.Contact", "notes_sealed", "hotline.contact:{id}:notes"),
    ("hotline.Contact", "caller_phone_sealed", "hotline.contact:{id}:phone"),
    ("hotline.Tip", "what_sealed", "hotline.tip:{id}:what"),
    ("hotline.Tip", "who_at_risk_sealed", "hotline.tip:{id}:who"),
    ("hotline.Tip", "contact_sealed", "hotline.tip:{id}:contact"),
    ("hotline.TipMessage", "body_sealed", "hotline.tipmessage:{id}:body"),
    ("referrals.Referral", "summary_sealed", "referrals:{id}:summary"),
    ("disclosures.Disclosure", "shared_sealed", "disclosures:{id}:shared"),
    ("intelligence.CaseIdentifier", "value_sealed", "intelligence.identifier:{id}:value"),
    ("submissions.SourceRecordVersion", "data_sealed",
     "submissions.version:{obj.record_id}:{obj.version}"),
    ("submissions.QuarantinedRow", "values_sealed",
     "submissions.quarantine:{obj.submission_id}:{obj.row_number}"),
]
PERSON_COLUMNS = ["identity_sealed", "name_index", "birth_date_index", "phone_index",
                  "email_index"]


class Command(BaseCommand):
    help = ("Re-encrypt every sealed value with the first key of LANTERN_DATA_KEY. With "
            "--reindex, also rebuild the blind indexes (after LANTERN_INDEX_KEY changed): "
            "people's, contacts' and case identifiers', and the link alerts keyed on them.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--reindex", action="store_true",
                            help="rebuild the blind indexes of every person, contact and "
                                 "case identifier")

    def handle(self, *args: Any, batch: int, reindex: bool, **options: Any) -> None:
        current = crypto.keyring().current_id
        # Link alerts are keyed on the blind index of the value they are about: each one moves
        # to the new index in the transaction that rewrites the first record holding it, so
        # it keeps its reference and history, and an interrupted run resumes consistently.
        self.alerts_moved = self.alerts_left = 0
        counts = {"people": self._people(current, batch, reindex)}
        for label, field, context in SEALED_COLUMNS:
            counts[f"{label}.{field}"] = self._column(label, field, context, current, batch)
        if reindex:
            counts["contacts reindexed"] = self._contact_phones(batch)
            counts["identifiers reindexed"] = self._identifiers(batch)
            counts["alerts moved to the new index"] = self.alerts_moved
            if self.alerts_left:
                counts["alerts left on an old index"] = self.alerts_left
                self.stderr.write(
                    f"{self.alerts_left} link alerts stay on an old index: an alert on the new "
                    "index was raised while this ran. Stop the worker during --reindex.")
        with transaction.atomic():
            record(actor=None, action="keys.rotate", kind=AuditEntry.Kind.SYSTEM,
                   changes={"key": current, "reindex": reindex, **counts})
        total = sum(count for label, count in counts.items()
                    if not label.startswith(("alerts", "contacts", "identifiers")))
        self.stdout.write(f"Re-sealed {total} values under key {current}: {counts}")

    def _people(self, current: str, batch: int, reindex: bool) -> int:
        # One transaction per record: an interrupted rotation resumes where it stopped,
        # because values already under the current key are skipped.
        done = 0
        for person in Person.objects.exclude(identity_sealed="").iterator(chunk_size=batch):
            if crypto.key_id_of(person.identity_sealed) == current and not reindex:
                continue
            old = {"phone": person.phone_index, "email": person.email_index}
            with transaction.atomic():
                seal_identity(person, open_identity(person))
                person.save(update_fields=PERSON_COLUMNS)
                for kind, index in old.items():
                    self._move_alert(kind, index, getattr(person, f"{kind}_index"))
            done += 1
        return done

    def _identifiers(self, batch: int) -> int:
        identifier_model = apps.get_model("intelligence.CaseIdentifier")
        done = 0
        for identifier in identifier_model.objects.iterator(chunk_size=batch):
            value = crypto.decrypt(identifier.value_sealed, identifier.value_context)
            old, identifier.value_index = (identifier.value_index,
                                           identifiers.index_of(identifier.kind, value))
            with transaction.atomic():
                identifier.save(update_fields=["value_index"])
                self._move_alert(identifier.kind, old, identifier.value_index)
            done += 1
        return done

    def _move_alert(self, kind: str, old: str, new: str) -> None:
        """Key the alert on ``old`` (if any) by ``new``; in the caller's transaction."""
        if not old or old == new:
            return
        alert_model = apps.get_model("intelligence.LinkAlert")
        alert = alert_model.objects.select_for_update().filter(kind=kind, key=old).first()
        if alert is None:
            return
        if alert_model.objects.filter(kind=kind, key=new).exists():
            self.alerts_left += 1
            return
        alert.key = new
        alert.save(update_fields=["key"])
        self.alerts_moved += 1

    def _column(self, label: str, field: str, context: str, current: str, batch: int) -> int:
        model = apps.get_model(label)
        done = 0
        for obj in model.objects.exclude(**{field: ""}).iterator(chunk_size=batch):
            sealed = getattr(obj, field)
            if crypto.key_id_of(sealed) == current:
                continue
            bound = context.format(id=obj.pk, obj=obj)
            with transaction.atomic():
                setattr(obj, field, crypto.encrypt(crypto.decrypt(sealed, bound), bound))
                obj.save(update_fields=[field])
            done += 1
        return done

    def _contact_phones(self, batch: int) -> int:
        contact_model = apps.get_model("hotline.Contact")
        done = 0
        for contact in contact_model.objects.exclude(caller_phone_sealed="").iterator(
                chunk_size=batch):
            phone = crypto.decrypt(contact.caller_phone_sealed,
                                   f"hotline.contact:{contact.pk}:phone")
            contact.caller_phone_index = crypto.blind_index(crypto.normalize_phone(phone), "phone")
            contact.save(update_fields=["caller_phone_index"])
            done += 1
        return done
