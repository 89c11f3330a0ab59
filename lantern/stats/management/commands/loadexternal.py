from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lantern.stats import actions


class Command(BaseCommand):
    help = ("Load figures published outside Lantern (a Juristat edition, a hotline report) "
            "from a CSV with the columns " + ", ".join(actions.EXTERNAL_COLUMNS) + ". "
            "Each figure is kept under its source and edition; loading again updates it.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"source", "edition", "measure", "value"} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"{path}: missing columns {', '.join(sorted(missing))}.")
            try:
                editions, figures = actions.load_external_figures(None, reader)
            except ValueError as error:
                raise CommandError(f"{path}: {error}") from None
        self.stdout.write(f"{figures} figures of {editions} editions loaded.")
