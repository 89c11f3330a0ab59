"""Pages for statisticians (build, preview, approve, publish) and policy analysts (read
published releases)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lantern.accounts.models import User
from lantern.stats import (
    access,
    actions,
    builder,
    bulletin,
    charts,
    dashboard,
    opendata,
    presentation,
    revisions,
)
from lantern.stats import dimensions as dims
from lantern.stats.figures import Figures
from lantern.stats.forms import ReleaseForm
from lantern.stats.models import Release
from lantern.stats.tables import title

STAGES = {
    "counting": gettext_lazy("Counting"),
    "noise": gettext_lazy("Adding noise"),
    "rounding": gettext_lazy("Rounding"),
    "suppression": gettext_lazy("Suppressing small cells"),
    "bulletin": gettext_lazy("Making the Fast Facts bulletin"),
    "done": gettext_lazy("Done"),
}


# Each bulletin's link is named in its own language.
BULLETIN_NAMES = {"en": "Fast Facts (English)", "fr": "En bref (français)"}


def _stage(release: Release) -> str:
    return str(STAGES.get(release.stage, "")) or release.get_build_status_display()


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _home(request: HttpRequest, form: ReleaseForm | None = None,
          status: int = 200) -> HttpResponse:
    user = _user(request)
    releases = access.releases_visible_to(user)
    statistician = access.is_statistician(user)
    return render(request, "statistics/home.html", {
        "releases": releases[:50], "statistician": statistician,
        "form": form or ReleaseForm(), "epsilon_spent": builder.epsilon_spent(),
    }, status=status)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return _home(request)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_statistician(user)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        return _home(request, form, status=400)
    try:
        release = actions.start_release(user, form.cleaned_data["period"],
                                        form.cleaned_data["epsilon"])
    except actions.ReleaseRefused as refusal:
        form.add_error(None, str(refusal))
        return _home(request, form, status=400)
    return redirect("statistics:release", release_id=release.pk)


def _tables(release: Release, *, marks: bool) -> list[presentation.ShownTable]:
    return [presentation.show(table, marks=marks)
            for table in release.tables.prefetch_related("cells")]


@login_required
@require_safe
def release_detail(request: HttpRequest, release_id: str) -> HttpResponse:
    user = _user(request)
    release = access.release_for(user, release_id)
    previous = revisions.previous_vintage(release)
    return render(request, "statistics/release.html", {
        "release": release, "tables": _tables(release, marks=False),
        "statistician": access.is_statistician(user), "previous": previous,
        "revisions": presentation.show_revisions(
            revisions.revisions(release, previous) if previous else []),
        "unlinked_share": _unlinked_share(release),
        "percent": round(release.progress * 100), "stage": _stage(release),
        "bulletins": [(language, BULLETIN_NAMES[language])
                      for language in release.bulletins.values_list("language", flat=True)],
    })


def _unlinked_share(release: Release) -> int | None:
    # Said publicly as a rounded share, never as an exact small count.
    records = release.notes.get("person_records") or 0
    if not records:
        return None
    return 5 * round(20 * release.notes.get("person_records_unlinked", 0) / records)


@login_required
@require_safe
def release_progress(request: HttpRequest, release_id: str) -> JsonResponse:
    release = access.release_for(_user(request), release_id)
    return JsonResponse({
        "status": release.get_build_status_display(), "stage": _stage(release),
        "read": round(release.progress * 100), "total": 100, "done": not release.building,
    })


@login_required
@require_safe
def preview(request: HttpRequest, release_id: str) -> HttpResponse:
    release = access.preview_for(_user(request), release_id)
    tables = _tables(release, marks=True)
    totals = {name: sum(t.summary.get(name, 0) for t in tables)
              for name in ("cells", "noised", "changed_by_noise", "changed_by_rounding",
                           "primary", "complementary", "released")}
    previous = revisions.previous_vintage(release)
    return render(request, "statistics/preview.html", {
        "release": release, "tables": tables, "totals": totals,
        "ledger": release.ledger.all(), "epsilon_spent": builder.epsilon_spent(),
        "previous": previous,
        "revisions": revisions.revisions(release, previous) if previous else [],
    })


@login_required
@require_POST
def approve(request: HttpRequest, release_id: str) -> HttpResponse:
    return _step(request, release_id, actions.approve_release,
                 _("Release approved. Publish it when it is due."))


@login_required
@require_POST
def publish(request: HttpRequest, release_id: str) -> HttpResponse:
    return _step(request, release_id, actions.publish_release,
                 _("Release published. It will not change again."))


def _step(request: HttpRequest, release_id: str, action: Callable[[User, Release], Release],
          done: str) -> HttpResponse:
    """A statistician's step on a release; a refusal is said on the release's page."""
    user = _user(request)
    release = access.preview_for(user, release_id)
    try:
        action(user, release)
    except actions.ReleaseRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, done)
    return redirect("statistics:release", release_id=release.pk)


@login_required
@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/sources.html", {
        "sources": access.sources_visible_to(_user(request))})


# Public pages: no account. Only published releases are read (``access.public_release``).

# Published releases never change; what is drawn from them is kept a day (the trend also
# shows figures published elsewhere, whose version is in every key).
DRAWN_FOR = 24 * 3600


@require_safe
def public_dashboard(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("release")
    release = access.public_release(asked)
    body = ""
    if release is not None:
        newest = access.public_release() if asked else release
        version = dashboard.external_version()
        key = (f"stats-dashboard:{charts.VERSION}:{release.pk}:{newest.pk if newest else ''}:"
               f"{get_language()}:{dashboard.view_key(release, request.GET)}:{version}")
        body = cache.get(key)
        if body is None:
            body = _dashboard_body(request, release, version)
            cache.set(key, body, timeout=DRAWN_FOR)
    # The body is our own template's output, kept as rendered.
    return render(request, "statistics/dashboard.html", {"release": release,
                                                         "body": mark_safe(body)})  # noqa: S308


def _dashboard_body(request: HttpRequest, release: Release, version: str) -> str:
    figures = Figures(release)
    filters = dashboard.read_filters(figures, request.GET)
    return render_to_string("statistics/_dashboard_body.html", {
        "release": release, "filters": filters, "version": version,
        "releases": access.published_releases()[:40],
        "years": dashboard.years(figures),
        "provinces": [(code, dims.PROVINCE.label(code)) for code in dims.PROVINCE.codes],
        "exploitation_types": [(code, dims.EXPLOITATION.label(code))
                               for code in figures.rows(dashboard.VICTIMS_BY_EXPLOITATION)
                               if code != dims.NOT_STATED],
        "headlines": dashboard.headlines(figures, filters),
        "notes": dashboard.filter_notes(figures, filters),
        "panels": dashboard.panels(figures, filters),
    })


@require_safe
def public_chart(request: HttpRequest, release_id: str, name: str) -> HttpResponse:
    release = access.published_release(str(release_id))
    make = dashboard.PANELS.get(name)
    if make is None:
        raise Http404

    def draw() -> dict[str, Any]:
        figures = Figures(release)
        return make(figures, dashboard.read_filters(figures, request.GET)).draw()

    key = (f"{release.pk}:{get_language()}:{name}:{dashboard.view_key(release, request.GET)}:"
           f"{dashboard.external_version()}")
    response = HttpResponse(charts.cached_svg(key, draw, timeout=DRAWN_FOR),
                            content_type="image/svg+xml; charset=utf-8")
    # The page asks for the chart with the version of the outside figures in its address.
    response["Cache-Control"] = f"public, max-age={DRAWN_FOR}"
    return response


@require_safe
def public_tables(request: HttpRequest) -> HttpResponse:
    release = access.public_release(request.GET.get("release"))
    if release is None:
        raise Http404
    return render(request, "statistics/public_tables.html", {
        "release": release, "tables": _tables(release, marks=False)})


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    releases = list(access.published_releases().prefetch_related("tables")[:200])
    return render(request, "statistics/open_data.html", {
        "releases": [(release, [(table.key, title(table.key)) for table in release.tables.all()])
                     for release in releases]})


@require_safe
def open_data_package(request: HttpRequest, release_id: str) -> HttpResponse:
    release = access.published_release(str(release_id))
    response = HttpResponse(opendata.datapackage_json(release),
                            content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def open_data_table(request: HttpRequest, release_id: str, key: str) -> HttpResponse:
    figures = Figures(access.published_release(str(release_id)))
    if key not in figures.tables:
        raise Http404
    response = HttpResponse(opendata.table_csv(figures, key),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{key}.csv"'
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def open_data_archive(request: HttpRequest, release_id: str) -> HttpResponse:
    release = access.published_release(str(release_id))
    response = HttpResponse(opendata.archive(release), content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="{opendata.package_name(release)}.zip"')
    return response


@require_safe
def fast_facts(request: HttpRequest, release_id: str) -> HttpResponse:
    """The bulletin in the page's language: anyone for a published release, statisticians
    for a draft."""
    release = access.bulletin_release_for(_user(request), str(release_id))
    language = get_language() or "en"
    stored = release.bulletins.filter(language=language).first()
    if stored is None:
        raise Http404
    response = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{bulletin.filename(release, language)}"'
    # A draft's bulletin is for the statistician's eyes only: no cache keeps it.
    response["Cache-Control"] = ("public, max-age=86400" if release.published
                                 else "private, no-store")
    return response
