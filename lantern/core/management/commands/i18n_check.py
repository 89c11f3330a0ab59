from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"


class Command(BaseCommand):
    help = ("Fail when a French string is missing: every entry of the French catalogue must "
            "be translated and not fuzzy, and (where GNU gettext is installed) the catalogue "
            "must hold every string of the source.")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = [f"untranslated: {entry.msgid!r}"
                    for entry in polib.pofile(str(CATALOGUE)).untranslated_entries()]
        problems += [f"fuzzy: {entry.msgid!r}"
                     for entry in polib.pofile(str(CATALOGUE)).fuzzy_entries()]
        missing = self._missing_from_catalogue()
        problems += [f"not in the catalogue (run make messages): {msgid!r}" for msgid in missing]
        if problems:
            raise CommandError("French strings missing:\n  " + "\n  ".join(problems))
        self.stdout.write("French catalogue complete.")

    def _missing_from_catalogue(self) -> list[str]:
        if shutil.which("xgettext") is None:
            self.stderr.write("xgettext not found: skipped the check against the source.")
            return []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "lantern"
            shutil.copytree(settings.BASE_DIR, copy,
                            ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
            subprocess.run(
                [sys.executable, "-m", "django", "makemessages", "-l", "fr", "--no-obsolete",
                 "--no-location", "--ignore", "tests/*"],
                cwd=copy, check=True, capture_output=True,
            )
            fresh = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
        known = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
        return sorted(entry.msgid for entry in fresh if entry.msgid not in known)
