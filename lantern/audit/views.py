from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lantern.audit.access import entries_visible_to
from lantern.audit.models import AuditEntry


@login_required
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = entries_visible_to(request.user)  # type: ignore[arg-type]
    kind = request.GET.get("kind", "")
    if kind in AuditEntry.Kind.values:
        entries = entries.filter(kind=kind)
    action = request.GET.get("action", "").strip()
    if action:
        entries = entries.filter(action__startswith=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"page": page, "kind": kind, "action": action, "kinds": AuditEntry.Kind.values},
    )
