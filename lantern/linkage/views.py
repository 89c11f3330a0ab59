"""Pages for linkage stewards: runs and their progress, the pairs waiting for review."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.linkage import access, actions, runs
from lantern.linkage.labels import field_rows, stage_label
from lantern.linkage.models import LinkageRun, LinkDecision, ReviewPair


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(_user(request))
    return render(request, "linkage/home.html", {
        "counts": runs.counts(),
        "runs": LinkageRun.objects.select_related("requested_by").defer("model")[:20],
        "open_pairs": ReviewPair.objects.filter(status=ReviewPair.Status.OPEN).count(),
        "scopes": LinkageRun.Scope.choices,
    })


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    scope = request.POST.get("scope", LinkageRun.Scope.FULL)
    if scope not in LinkageRun.Scope.values:
        scope = LinkageRun.Scope.FULL
    run, queued = actions.start_run(_user(request), scope)
    if not queued:
        messages.info(request, _("A linkage run is already under way; here is its progress."))
    return redirect("linkage:run", run_id=run.pk)


@login_required
@require_safe
def run_detail(request: HttpRequest, run_id: str) -> HttpResponse:
    run = access.run_for(_user(request), run_id)
    return render(request, "linkage/run.html", {
        "run": run, "stage": stage_label(run.stage), "percent": round(run.progress * 100)})


@login_required
@require_safe
def run_progress(request: HttpRequest, run_id: str) -> JsonResponse:
    run = access.run_for(_user(request), run_id)
    return JsonResponse({
        "status": run.get_status_display(), "stage": stage_label(run.stage),
        "read": round(run.progress * 100),
        "total": 100, "done": not run.active,
    })


@login_required
@require_safe
def review(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(_user(request))
    pairs = ReviewPair.objects.filter(status=ReviewPair.Status.OPEN).select_related(
        "left__case__organization", "right__case__organization"
    ).order_by("-probability", "pk")
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(request, "linkage/review.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def pair(request: HttpRequest, pair_id: int) -> HttpResponse:
    user = _user(request)
    item = access.pair_for(user, pair_id)
    may_see = access.may_see_identities(user)
    identities = None
    encoded = bool(item.left.encoding_sealed or item.right.encoding_sealed)
    if request.method == "POST":
        verdict = request.POST.get("verdict", "")
        if verdict in LinkDecision.Verdict.values:
            actions.decide(user, item, verdict)
            messages.success(request, _(
                "Decision kept. A linkage run applies it now, and every later run respects it."))
            following = ReviewPair.objects.filter(
                status=ReviewPair.Status.OPEN).order_by("-probability", "pk").first()
            if following is not None:
                return redirect("linkage:pair", pair_id=following.pk)
            return redirect("linkage:review")
        if request.POST.get("reveal") and may_see and not encoded:
            identities = access.identities(user, item)
    decision = LinkDecision.objects.filter(left=item.left, right=item.right).first()
    return render(request, "linkage/pair.html", {
        "pair": item, "rows": field_rows(item.levels, identities), "may_see": may_see,
        "revealed": identities is not None, "decision": decision, "encoded": encoded,
        "verdicts": LinkDecision.Verdict.choices,
    })
