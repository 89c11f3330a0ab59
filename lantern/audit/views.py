from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe
from django_tasks_db.models import DBTaskResult

from lantern.accounts.permissions import Permission
from lantern.audit.access import entries_visible_to, require_chain_verification
from lantern.audit.models import AuditEntry
from lantern.audit.tasks import verify_audit_chain


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
    can_verify = request.user.has_lantern_permission(  # type: ignore[union-attr]
        Permission.AUDIT_VIEW_ALL
    )
    verifications = (
        DBTaskResult.objects.filter(task_path=verify_audit_chain.module_path)
        .order_by("-enqueued_at")[:5] if can_verify else []
    )
    return render(request, "audit/log.html", {
        "page": page, "kind": kind, "action": action, "kinds": AuditEntry.Kind.values,
        "can_verify": can_verify, "verifications": verifications,
    })


@login_required
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    """Queue a full check of the chain for the worker; the audit page shows its outcome."""
    require_chain_verification(request.user)  # type: ignore[arg-type]
    verify_audit_chain.enqueue(requested_by=request.user.pk)
    return redirect("audit:log")
