from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.organizations import access, actions
from lantern.organizations.forms import OrganizationForm
from lantern.organizations.models import Organization


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_safe
def organization_list(request: HttpRequest) -> HttpResponse:
    access.require_organization_management(_user(request))
    organizations = Organization.objects.annotate(people=Count("users")).order_by("name_en")
    return render(request, "organizations/list.html", {"organizations": organizations})


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_organization_management(user)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_organization(user, **form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            return redirect("organizations:list")
    return render(request, "organizations/form.html", {"form": form})


@login_required
@require_POST
def organization_active(request: HttpRequest, code: str) -> HttpResponse:
    user = _user(request)
    organization = access.organization_for_management(user, code)
    if organization.pk != user.organization_id:  # the operator cannot switch itself off
        actions.set_organization_active(user, organization, request.POST.get("active") == "1")
    return redirect("organizations:list")
