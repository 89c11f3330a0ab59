from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.cases.identity import open_identity, open_narrative, seal_identity, seal_narrative
from lantern.cases.models import Case, Person
from lantern.core import crypto

INDEX_FIELDS = ["identity_sealed", "name_index", "birth_date_index", "phone_index",
                "email_index"]


class Command(BaseCommand):
    help = ("Re-encrypt every sealed value with the first key of LANTERN_DATA_KEY. With "
            "--reindex, also rebuild every blind index (after LANTERN_INDEX_KEY changed).")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument("--reindex", action="store_true",
                            help="rebuild the blind indexes of every person")

    def handle(self, *args: Any, batch: int, reindex: bool, **options: Any) -> None:
        current = crypto.keyring().current_id
        people = cases = 0
        # One transaction per record: an interrupted rotation resumes where it stopped,
        # because values already under the current key are skipped.
        for person in Person.objects.exclude(identity_sealed="").iterator(chunk_size=batch):
            if crypto.key_id_of(person.identity_sealed) == current and not reindex:
                continue
            with transaction.atomic():
                seal_identity(person, open_identity(person))
                person.save(update_fields=INDEX_FIELDS)
            people += 1
        for case in Case.objects.exclude(narrative_sealed="").iterator(chunk_size=batch):
            if crypto.key_id_of(case.narrative_sealed) == current:
                continue
            with transaction.atomic():
                seal_narrative(case, open_narrative(case))
                case.save(update_fields=["narrative_sealed"])
            cases += 1
        with transaction.atomic():
            record(actor=None, action="keys.rotate", kind=AuditEntry.Kind.SYSTEM,
                   changes={"key": current, "identities": people, "narratives": cases,
                            "reindex": reindex})
        self.stdout.write(f"Re-sealed {people} identities and {cases} narratives "
                          f"under key {current}.")
