from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lantern.standard.docs import render_standard_docs

TARGET = Path(settings.BASE_DIR).parent / "docs" / "standard.md"


class Command(BaseCommand):
    help = "Write docs/standard.md from the schemas and vocabularies (or --check it is current)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, check: bool, **options: Any) -> None:
        text = render_standard_docs()
        if check:
            if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
                raise CommandError("docs/standard.md is out of date: run lantern standard_docs")
            self.stdout.write("docs/standard.md is current.")
            return
        TARGET.parent.mkdir(exist_ok=True)
        TARGET.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {TARGET}")
