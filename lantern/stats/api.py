"""Public API of the national statistics: published releases and their tables, as released
(no account; drafts are not found)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import translation
from ninja import Router, Schema

from lantern.stats import access, opendata
from lantern.stats.figures import Figures
from lantern.stats.models import Release
from lantern.stats.tables import title

router = Router(tags=["statistics"])


class TableSummaryOut(Schema):
    key: str
    title_en: str
    title_fr: str
    url: str
    csv_url: str


class ReleaseOut(Schema):
    id: str
    period: str
    window_start: dt.date
    window_end: dt.date
    published_at: dt.datetime
    epsilon: float
    threshold: int
    rounding_base: int
    population_source: str
    datapackage_url: str
    tables: list[TableSummaryOut]


class CellOut(Schema):
    row: str
    row_en: str
    row_fr: str
    column: str
    column_en: str
    column_fr: str
    value: int | None
    rate: float | None
    status: str


class TableOut(Schema):
    release: str
    period: str
    key: str
    title_en: str
    title_fr: str
    rows: list[str]
    columns: list[str]
    cells: list[CellOut]


def _title(key: str, language: str) -> str:
    with translation.override(language):
        return title(key)


def _release_out(release: Release) -> dict[str, Any]:
    base = f"/api/v1/statistics/releases/{release.pk}"
    files = f"/en/statistics/open-data/{release.pk}"
    return {
        "id": str(release.pk), "period": release.period, "window_start": release.window_start,
        "window_end": release.window_end, "published_at": release.published_at,
        "epsilon": release.epsilon, "threshold": int(release.controls.get("threshold", 0)),
        "rounding_base": int(release.controls.get("rounding_base", 0)),
        "population_source": str(release.controls.get("population_source", "")),
        "datapackage_url": f"{files}/datapackage.json",
        "tables": [{"key": table.key, "title_en": _title(table.key, "en"),
                    "title_fr": _title(table.key, "fr"), "url": f"{base}/tables/{table.key}",
                    "csv_url": f"{files}/{table.key}.csv"} for table in release.tables.all()],
    }


@router.get("/releases", response=list[ReleaseOut], auth=None)
def list_releases(request: HttpRequest) -> list[dict[str, Any]]:
    """Every published release, newest first."""
    releases = access.published_releases().prefetch_related("tables")
    return [_release_out(release) for release in releases]


@router.get("/releases/latest", response=ReleaseOut, auth=None)
def latest_release(request: HttpRequest) -> dict[str, Any]:
    release = access.public_release()
    if release is None:
        raise Http404
    return _release_out(release)


@router.get("/releases/{release_id}", response=ReleaseOut, auth=None)
def get_release(request: HttpRequest, release_id: str) -> dict[str, Any]:
    return _release_out(access.published_release(release_id))


@router.get("/releases/{release_id}/tables/{key}", response=TableOut, auth=None)
def get_table(request: HttpRequest, release_id: str, key: str) -> dict[str, Any]:
    """One table: every cell with its codes, labels in English and French, and its value,
    rate or symbol (x suppressed, .. not available)."""
    figures = Figures(access.published_release(release_id))
    if key not in figures.tables:
        raise Http404
    table = figures.tables[key]
    cells = opendata.table_cells(figures, key)
    return {"release": str(figures.release.pk), "period": figures.release.period, "key": key,
            "title_en": _title(key, "en"), "title_fr": _title(key, "fr"),
            "rows": list(table.rows), "columns": list(table.columns), "cells": cells}
