"""Charts drawn on the server: Vega-Lite specifications built with Altair, turned into SVG by
vl-convert (no browser, no JavaScript, nothing fetched).

Every chart is built from the same rows as the table printed beside it, so the two cannot
disagree. A suppressed figure has no mark; the table says "x". Published releases never
change, so a drawn chart is kept in the cache under its release, language and filters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import vl_convert
from django.core.cache import cache

# Part of every cache key: change it when a chart's drawing changes.
VERSION = "1"
WIDTH, HEIGHT = 520, 260

INK = "#26374a"
ACCENT = "#2b8cc4"
MUTED = "#8b8b8b"
FONT = "DejaVu Sans, Noto Sans, Helvetica, Arial, sans-serif"

Row = dict[str, Any]

_CONFIG: dict[str, Any] = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#333333",
             "titleColor": "#333333", "gridColor": "#e5e5e5"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom"},
}


def _finish(chart: alt.TopLevelMixin, description: str) -> dict[str, Any]:
    spec: dict[str, Any] = chart.properties(description=description).to_dict()
    spec["config"] = _CONFIG
    return spec


def line(rows: Sequence[Row], *, x_title: str, y_title: str, series_title: str,
         description: str) -> dict[str, Any]:
    """Rows of {"x", "y", "series"}: one line per series, a point at each figure."""
    chart = alt.Chart(alt.Data(values=list(rows))).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("x:O", title=x_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("y:Q", title=y_title, scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", title=series_title,
                        scale=alt.Scale(range=[INK, ACCENT, MUTED, "#d3080c"])),
        strokeDash=alt.StrokeDash("series:N", title=series_title),
    ).properties(width=WIDTH, height=HEIGHT)
    return _finish(chart, description)


def bars(rows: Sequence[Row], *, x_title: str, y_title: str, description: str,
         series_title: str = "", highlight: str = "") -> dict[str, Any]:
    """Horizontal bars of {"x" (category), "y" (figure)[, "series"]}; with a series the bars
    of one category stand side by side. ``highlight`` names the category drawn darker."""
    data = alt.Data(values=list(rows))
    base = alt.Chart(data).mark_bar()
    if series_title:
        chart = base.encode(
            y=alt.Y("x:N", title=x_title, sort=None),
            yOffset=alt.YOffset("series:N"),
            x=alt.X("y:Q", title=y_title),
            color=alt.Color("series:N", title=series_title,
                            scale=alt.Scale(range=[INK, ACCENT, MUTED, "#d3080c"])))
    else:
        colour: Any = alt.value(INK)
        if highlight:
            colour = alt.condition(alt.datum.code == highlight, alt.value(INK),
                                   alt.value(ACCENT))
        chart = base.encode(y=alt.Y("x:N", title=x_title, sort=None),
                            x=alt.X("y:Q", title=y_title), color=colour)
    return _finish(chart.properties(width=WIDTH - 140, height=HEIGHT), description)


# Where each province and territory sits on the tile map: (column, row), roughly its place.
TILES: dict[str, tuple[int, int]] = {
    "YT": (0, 0), "NT": (1, 0), "NU": (2, 0), "NL": (6, 0),
    "BC": (0, 1), "AB": (1, 1), "SK": (2, 1), "MB": (3, 1), "ON": (4, 1), "QC": (5, 1),
    "PE": (6, 1), "NB": (5, 2), "NS": (6, 2),
}


def tile_map(rows: Sequence[Row], *, legend_title: str, description: str,
             highlight: str = "") -> dict[str, Any]:
    """Rows of {"code", "y" (a figure or None), "text"}: a tile per province or territory,
    shaded by its figure; a tile without a figure is grey and shows its symbol."""
    values = [{**row, "col": TILES[row["code"]][0], "row": TILES[row["code"]][1],
               "picked": row["code"] == highlight} for row in rows if row["code"] in TILES]
    # Labels on the darkest tiles are white, so they keep their contrast.
    top = max((row["y"] for row in values if row["y"] is not None), default=0)
    for row in values:
        row["top"] = top
    data = alt.Data(values=values)
    tile_x, tile_y = alt.X("col:O", axis=None), alt.Y("row:O", axis=None)
    tiles = alt.Chart(data).mark_rect(cornerRadius=3).encode(
        x=tile_x, y=tile_y,
        color=alt.condition("datum.y === null", alt.value("#d9d9d9"),
                            alt.Color("y:Q", title=legend_title,
                                      scale=alt.Scale(scheme="blues", zero=True))),
        stroke=alt.condition(alt.datum.picked, alt.value("#d3080c"), alt.value("white")),
        strokeWidth=alt.condition(alt.datum.picked, alt.value(4), alt.value(2)),
    )
    codes = alt.Chart(data).mark_text(dy=-9, fontWeight="bold", fontSize=14).encode(
        x=tile_x, y=tile_y, text="code:N",
        color=alt.condition("datum.y > 0.85 * datum.top", alt.value("white"), alt.value("black")))
    figures = alt.Chart(data).mark_text(dy=9, fontSize=12).encode(
        x=tile_x, y=tile_y, text="text:N",
        color=alt.condition("datum.y > 0.85 * datum.top", alt.value("white"), alt.value("black")))
    chart = alt.layer(tiles, codes, figures).properties(width=7 * 70, height=3 * 70)
    return _finish(chart, description)


def svg(spec: dict[str, Any]) -> str:
    return str(vl_convert.vegalite_to_svg(spec))


def cached_svg(key: str, spec: Callable[[], dict[str, Any]], timeout: int) -> str:
    """The chart under ``key`` (release, language, chart, filters), drawn once."""
    full_key = f"stats-chart:{VERSION}:{key}"
    drawn = cache.get(full_key)
    if drawn is None:
        drawn = svg(spec())
        cache.set(full_key, drawn, timeout=timeout)
    return str(drawn)
