"""Pages for statisticians (build, preview, approve, publish) and policy analysts (read
published releases)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from lantern.accounts.models import User
from lantern.stats import access, actions, builder, presentation, revisions
from lantern.stats.forms import ReleaseForm
from lantern.stats.models import Release

STAGES = {
    "counting": gettext_lazy("Counting"),
    "noise": gettext_lazy("Adding noise"),
    "rounding": gettext_lazy("Rounding"),
    "suppression": gettext_lazy("Suppressing small cells"),
    "done": gettext_lazy("Done"),
}


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
    user = _user(request)
    release = access.preview_for(user, release_id)
    try:
        actions.approve_release(user, release)
    except actions.ReleaseRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Release approved. Publish it when it is due."))
    return redirect("statistics:release", release_id=release.pk)


@login_required
@require_POST
def publish(request: HttpRequest, release_id: str) -> HttpResponse:
    user = _user(request)
    release = access.preview_for(user, release_id)
    try:
        actions.publish_release(user, release)
    except actions.ReleaseRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Release published. It will not change again."))
    return redirect("statistics:release", release_id=release.pk)


@login_required
@require_safe
def sources(request: HttpRequest) -> HttpResponse:
    return render(request, "statistics/sources.html", {
        "sources": access.sources_visible_to(_user(request))})
