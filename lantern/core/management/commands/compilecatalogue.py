from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the .po catalogues to .mo in pure Python (no GNU gettext needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for po_path in Path(settings.BASE_DIR, "locale").rglob("*.po"):
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}")
