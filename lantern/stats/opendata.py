"""A published release as open data: one CSV file per table and a Frictionless
``datapackage.json`` that describes them, with titles in English and French.

Each CSV row is one released cell, with the codes and the labels of its row and column in
both languages, its value (or rate), and Statistics Canada's symbol when it has none. The
files are built from the frozen release, so the same release always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from django.utils import translation

from lantern.stats import presentation
from lantern.stats.figures import Figures
from lantern.stats.models import Release
from lantern.stats.suppression import TOTAL
from lantern.stats.tables import RATES_KEY, RATES_SOURCE, SPECS, title

LICENCE = {
    "name": "OGL-Canada-2.0",
    "title": "Open Government Licence - Canada / Licence du gouvernement ouvert - Canada",
    "path": "https://open.canada.ca/en/open-government-licence-canada",
}

# (name, type, English title, French title, English description, French description)
FIELDS: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("period", "string", "Release period", "Période de la diffusion",
     "The reference period of the release.", "La période de référence de la diffusion."),
    ("row", "string", "Row code", "Code de la ligne",
     "The code of the row's category; _total for the total.",
     "Le code de la catégorie de la ligne; _total pour le total."),
    ("row_en", "string", "Row (English)", "Ligne (anglais)", "", ""),
    ("row_fr", "string", "Row (French)", "Ligne (français)", "", ""),
    ("column", "string", "Column code", "Code de la colonne",
     "The code of the column's category; empty for a table of one dimension.",
     "Le code de la catégorie de la colonne; vide pour un tableau à une dimension."),
    ("column_en", "string", "Column (English)", "Colonne (anglais)", "", ""),
    ("column_fr", "string", "Column (French)", "Colonne (français)", "", ""),
    ("value", "integer", "Count", "Nombre",
     "Noisy count randomly rounded to a multiple of 5; empty when suppressed.",
     "Nombre bruité arrondi au hasard à un multiple de 5; vide s'il est supprimé."),
    ("rate", "number", "Rate per 100,000 population", "Taux pour 100 000 habitants",
     "For the rate table only; empty elsewhere or when the count is suppressed.",
     "Pour le tableau des taux seulement; vide ailleurs ou si le nombre est supprimé."),
    ("status", "string", "Symbol", "Symbole",
     "x: suppressed to meet the confidentiality requirements; ..: not available.",
     "x : supprimé pour répondre aux exigences de confidentialité; .. : indisponible."),
)
HEADER = [name for name, *_rest in FIELDS]


def _labels(key: str, code: str, *, row: bool) -> tuple[str, str]:
    """The label of a row or column code in English and in French."""
    if not code:
        return "", ""
    spec = SPECS[RATES_SOURCE if key == RATES_KEY else key]
    dimension = (None if spec.year_rows else spec.rows) if row else spec.columns
    labels = []
    for language in ("en", "fr"):
        with translation.override(language):
            labels.append(presentation.category_label(dimension, code, rates=key == RATES_KEY))
    return labels[0], labels[1]


def table_cells(figures: Figures, key: str) -> list[dict[str, Any]]:
    """Every cell of one table in the table's order: codes, labels in both languages, value,
    rate (None when there is none) and symbol. The CSV file and the API both give these."""
    table = figures.tables[key]
    totals = [] if key == RATES_KEY else [TOTAL]
    columns = [*table.columns, *totals] if table.columns else [""]
    column_labels = {column: _labels(key, column, row=False) for column in columns}
    cells = []
    for row in [*table.rows, *totals]:
        row_en, row_fr = _labels(key, row, row=True)
        for column in columns:
            figure = figures.get(key, row, column)
            column_en, column_fr = column_labels[column]
            cells.append({"row": row, "row_en": row_en, "row_fr": row_fr, "column": column,
                          "column_en": column_en, "column_fr": column_fr,
                          "value": figure.value, "rate": figure.rate,
                          "status": figure.status})
    return cells


def table_csv(figures: Figures, key: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for cell in table_cells(figures, key):
        writer.writerow([figures.release.period, *("" if cell[name] is None else cell[name]
                                                   for name in HEADER[1:])])
    return buffer.getvalue()


def package_name(release: Release) -> str:
    return f"lantern-{release.period.lower()}-{str(release.pk)[:8]}"


def _both(text_en: str, text_fr: str) -> str:
    return f"{text_en} / {text_fr}" if text_fr and text_fr != text_en else text_en


def _title(key: str, language: str) -> str:
    with translation.override(language):
        return title(key)


def datapackage(release: Release, figures: Figures | None = None) -> dict[str, Any]:
    """The Frictionless data package descriptor of a release."""
    figures = figures or Figures(release)
    schema = {
        "fields": [{"name": name, "type": kind, "title": _both(en, fr),
                    **({"description": _both(d_en, d_fr)} if d_en else {})}
                   for name, kind, en, fr, d_en, d_fr in FIELDS],
        "missingValues": [""],
    }
    controls = release.controls
    return {
        "profile": "tabular-data-package",
        "name": package_name(release),
        "title": _both(f"Trafficking in persons in Canada, release {release.period}",
                       f"La traite des personnes au Canada, diffusion {release.period}"),
        "description": _both(
            "National statistics from Lantern. Each person and incident is counted once "
            "across organizations. Counts have noise added (OpenDP), are randomly rounded "
            "to a multiple of 5, and cells under the threshold are suppressed.",
            "Statistiques nationales de Lantern. Chaque personne et chaque incident est compté "
            "une fois d'une organisation à l'autre. Du bruit est ajouté aux nombres (OpenDP), "
            "qui sont arrondis au hasard à un multiple de 5; les cellules sous le seuil sont "
            "supprimées."),
        "version": release.period,
        "created": release.published_at.isoformat() if release.published_at else "",
        "licenses": [LICENCE],
        "sources": [{"title": "Lantern, national anti-human-trafficking information system"},
                    {"title": str(controls.get("population_source", "")),
                     "version": str(controls.get("population_vintage", ""))}],
        "keywords": ["trafficking in persons", "traite des personnes", "Canada"],
        "lantern": {"release": str(release.pk), "window_start": release.window_start.isoformat(),
                    "window_end": release.window_end.isoformat(), "epsilon": release.epsilon,
                    "threshold": controls.get("threshold"),
                    "rounding_base": controls.get("rounding_base")},
        "resources": [{
            "name": key, "path": f"{key}.csv", "profile": "tabular-data-resource",
            "title": _both(_title(key, "en"), _title(key, "fr")),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": schema,
        } for key in figures.tables],
    }


def datapackage_json(release: Release, figures: Figures | None = None) -> str:
    return json.dumps(datapackage(release, figures), ensure_ascii=False, indent=2)


def archive(release: Release) -> bytes:
    """The data package and its CSV files in one zip file."""
    figures = Figures(release)
    # Dated by the release, not by the clock, so the same release gives the same bytes.
    when = (release.published_at or release.created_at).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        files = {"datapackage.json": datapackage_json(release, figures)}
        files.update({f"{key}.csv": table_csv(figures, key) for key in figures.tables})
        for name, text in files.items():
            entry = zipfile.ZipInfo(name, date_time=when)
            entry.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(entry, text)
    return buffer.getvalue()
