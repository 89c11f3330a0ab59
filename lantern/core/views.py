from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from lantern.accounts.permissions import Permission


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@login_required
@require_safe
def workspace(request: HttpRequest) -> HttpResponse:
    granted = request.user.permissions  # type: ignore[union-attr]
    return render(
        request,
        "core/workspace.html",
        {
            "can_cases": Permission.CASE_VIEW in granted,
            "can_audit": bool({Permission.AUDIT_VIEW_ORG, Permission.AUDIT_VIEW_ALL} & granted),
            "can_statistics": Permission.STATISTICS_VIEW in granted,
            "can_users": Permission.USER_MANAGE_ORG in granted,
            "can_directory": Permission.DIRECTORY_EDIT in granted,
            "can_hotline": Permission.CONTACT_LOG in granted,
            "can_submissions": Permission.SUBMISSION_MANAGE in granted,
            "can_linkage": Permission.LINK_REVIEW in granted,
            "can_alerts": bool({Permission.LINK_VIEW, Permission.ALERT_VIEW} & granted),
            "can_network": Permission.LINK_VIEW in granted,
            "can_referrals": bool({Permission.CASE_EDIT, Permission.CONTACT_LOG,
                                   Permission.REFERRAL_RECEIVE} & granted),
            "can_measures": bool({Permission.REFERRAL_OVERRIDE, Permission.STATISTICS_VIEW}
                                 & granted),
            "can_organizations": Permission.ORGANIZATION_MANAGE in granted,
        },
    )


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# Error pages say what happened and nothing about the record or the request.
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)
