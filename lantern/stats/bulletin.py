"""Fast Facts: the bulletin of a release, a short PDF in English and one in French.

Headline figures, three charts and notes on the sources, from the released figures only.
WeasyPrint lays out an HTML page; the charts are the dashboard's own SVG, embedded as data,
and the layout may fetch nothing else (``allowed_protocols``): a bulletin is made offline.
"""

from __future__ import annotations

import base64
from collections.abc import Callable

import weasyprint
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint.urls import URLFetcher

from lantern.stats import charts, dashboard
from lantern.stats.figures import Figures
from lantern.stats.models import Bulletin, ExternalSource, Release

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def _picture(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def render(release: Release, language: str) -> tuple[bytes, int]:
    """The bulletin in ``language``: the PDF and its number of pages."""
    with translation.override(language):
        figures = Figures(release)
        filters = dashboard.read_filters(figures, {})
        panels = [dashboard.trend(figures, filters), dashboard.tile_map(figures, filters),
                  dashboard.victims_by_sex_and_age(figures, filters)]
        html = render_to_string("statistics/fast_facts.html", {
            "release": release, "filters": filters, "language": language,
            "headlines": dashboard.headlines(figures, filters),
            "panels": [(panel, _picture(charts.svg(panel.draw()))) for panel in panels],
            "external": ExternalSource.objects.filter(figures__measure="incidents").distinct(),
            "made_on": timezone.localdate(),
        })
    return pdf(html)


def pdf(html: str) -> tuple[bytes, int]:
    """Lay out ``html`` as a tagged PDF (PDF/UA), fetching nothing: anything but a ``data:``
    URL stops the layout (``FatalURLFetchingError``)."""
    fetcher = URLFetcher(allowed_protocols=["data"], fail_on_errors=True)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher).render()
    return document.write_pdf(pdf_variant="pdf/ua-1"), len(document.pages)


def make_bulletins(release: Release, progress: Callable[[float], None] | None = None) -> None:
    """Make (or make again) the bulletins of a release that is not published yet."""
    for number, language in enumerate(LANGUAGES):
        pdf, pages = render(release, language)
        with transaction.atomic():
            Bulletin.objects.filter(release=release, language=language).delete()
            Bulletin.objects.create(release=release, language=language, pdf=pdf, pages=pages)
        if progress:
            progress((number + 1) / len(LANGUAGES))


def filename(release: Release, language: str) -> str:
    name = "fast-facts" if language == "en" else "en-bref"
    return f"lantern-{name}-{release.period.lower()}-{language}.pdf"
