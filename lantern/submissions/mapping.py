"""Applying an organization's mapping: its column names and codes to the standard's.

Only what the mapping names is translated. A code the mapping does not know is left as it
is, so that validation reports it as outside the standard; nothing is guessed.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from lantern.submissions.models import Mapping
from lantern.submissions.readers import Row, header_key


def current(organization_id: uuid.UUID, entity: str) -> Mapping | None:
    return (Mapping.objects.filter(organization_id=organization_id, entity=entity)
            .order_by("-version").first())


@dataclass(frozen=True)
class _Tables:
    """A mapping as ``apply`` reads it: made once per mapping version, not once per row."""

    columns: dict[str, str]
    # Per field, their code (stripped, case-folded) to the standard's.
    codes: dict[str, dict[str, str]]


def _tables(mapping: Mapping) -> _Tables:
    # A version is never changed once saved (a change makes a new one), so the tables can
    # be kept on the instance for as long as it lives.
    tables: _Tables | None = getattr(mapping, "_tables", None)
    if tables is None:
        tables = _Tables(
            columns={header_key(k): header_key(v) for k, v in mapping.columns.items()},
            codes={field: {str(k).strip().casefold(): v for k, v in table.items()}
                   for field, table in mapping.codes.items()})
        mapping._tables = tables  # type: ignore[attr-defined]
    return tables


def apply(mapping: Mapping | None, row: Row) -> Row:
    if mapping is None or row.problem:
        return row
    tables = _tables(mapping)
    values: dict[str, Any] = {}
    for key, value in row.values.items():
        values[tables.columns.get(key, key)] = value
    for field, lookup in tables.codes.items():
        if field in values:
            values[field] = _map_codes(values[field], lookup)
    return Row(row.number, values)


def _map_codes(value: Any, lookup: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [lookup.get(str(item).strip().casefold(), item) for item in value]
    if isinstance(value, str) and ";" in value:
        return ";".join(lookup.get(item.strip().casefold(), item.strip())
                        for item in value.split(";"))
    if isinstance(value, str):
        return lookup.get(value.strip().casefold(), value)
    return value


def parse(text: str) -> dict[str, str]:
    """Lines of 'theirs = standard' (blank lines and # comments ignored)."""
    pairs = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            theirs, _, standard = line.partition("=")
            if theirs.strip() and standard.strip():
                pairs[theirs.strip()] = standard.strip()
    return pairs


def to_text(pairs: dict[str, str]) -> str:
    return "\n".join(f"{theirs} = {standard}" for theirs, standard in pairs.items())


def parse_codes(text: str) -> dict[str, dict[str, str]]:
    """Lines of 'field: theirs = standard'."""
    codes: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        field, colon, rest = line.partition(":")
        if colon and "=" in rest:
            codes.setdefault(header_key(field), {}).update(parse(rest))
    return codes


def codes_to_text(codes: dict[str, dict[str, str]]) -> str:
    return "\n".join(f"{field}: {theirs} = {standard}"
                     for field, table in codes.items() for theirs, standard in table.items())
