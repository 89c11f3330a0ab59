from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `lantern audit verify` checks the hash chain end to end."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        report = verify_chain()
        if report.ok:
            self.stdout.write(f"Audit chain intact: {report.checked} entries verified.")
            return
        where = (f"entry {report.broken_entry_id}" if report.broken_entry_id is not None
                 else "the end of the chain")
        raise CommandError(f"Audit chain broken at {where}: {report.reason}. "
                           f"{report.checked} entries before it verified.")
