from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
from django.core.management.base import BaseCommand, CommandError

from lantern.linkage import bloom, encodings, engine


class Command(BaseCommand):
    help = (
        "Encode a file of people for privacy-preserving linkage, on the data provider's "
        "side: every identifying field becomes keyed Bloom filters and tokens. The key is "
        "shared among data providers and never given to the hub. --new-key writes a key. "
        "A person file of the submissions (with source_record_id) keeps its other columns "
        "and gets one identity_encoding column, ready to submit."
    )
    # Files in, files out: Django's system checks would load every app's pages and the
    # statistics libraries first (about 2 s and 180 MB).
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", nargs="?")
        parser.add_argument("--key-file", required=True)
        parser.add_argument("--out", help="where to write the encoded CSV")
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="write a new random key to --key-file (refuses to overwrite)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        key_path = Path(options["key_file"])
        if options["new_key"]:
            if key_path.exists():
                raise CommandError(f"{key_path} exists; a key is never overwritten.")
            key_path.write_text(bloom.new_key() + "\n", encoding="ascii")
            key_path.chmod(0o600)
            self.stdout.write(f"New key written to {key_path}. Share it only with data providers.")
            return
        if not options["file"] or not options["out"]:
            raise CommandError("Give the people file and --out.")
        try:
            key = bloom.parse_key(key_path.read_text(encoding="ascii"))
        except OSError as error:
            raise CommandError(f"Cannot read the key file {key_path}: {error.strerror}.") from None
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(f"{key_path}: {error}") from None
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No file at {path}.")
        try:
            if encodings.is_submission_file(path):
                written, encoded = encodings.encode_submission_file(path, key, Path(options["out"]))
                self.stdout.write(
                    f"{written} rows written to {options['out']}, {encoded} of "
                    "them with an identity encoding."
                )
                return
            written = engine.encode_file(duckdb.connect(), str(path), key, options["out"])
        except (engine.LinkageError, encodings.EncodingError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"{written} records encoded to {options['out']}.")
