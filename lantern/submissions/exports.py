"""CSV written for people to open in a spreadsheet: formula injection neutralized."""

from __future__ import annotations

import csv
from typing import Any, Protocol

from django.utils import translation
from django.utils.translation import gettext as _

from lantern.submissions.models import Submission

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def write_error_report(submission: Submission, handle: Writable) -> None:
    """One line per reason a row was not stored, in the submission's language."""
    writer = csv.writer(handle)
    with translation.override(submission.language):
        writer.writerow([_("row"), _("source id"), _("field"), _("code"), _("reason")])
    for error in submission.errors.iterator():
        writer.writerow([safe_cell(v) for v in (error.row_number, error.source_record_id,
                                                error.field, error.code, error.message)])
