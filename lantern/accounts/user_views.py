"""Pages where an organization admin manages the accounts of their organization."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts import access, actions
from lantern.accounts.forms import NewUserForm, RolesForm
from lantern.accounts.models import User
from lantern.accounts.permissions import Role


def _admin(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_safe
def user_list(request: HttpRequest) -> HttpResponse:
    users = access.users_managed_by(_admin(request))
    return render(request, "accounts/users.html", {"users": users})


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    admin = _admin(request)
    access.require_user_management(admin)
    form = NewUserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = actions.create_user(
            admin, username=form.cleaned_data["username"], password=form.cleaned_data["password"],
            organization=admin.organization, email=form.cleaned_data["email"],
            roles=[Role(code) for code in form.cleaned_data["roles"]],
        )
        return redirect("accounts:user_detail", public_id=user.public_id)
    return render(request, "accounts/user_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def user_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    admin = _admin(request)
    target = access.managed_user(admin, public_id)
    form = RolesForm(request.POST or None, initial={"roles": target.roles})
    # An admin never changes their own roles (no granting oneself access to identities),
    # and never touches a platform administrator's.
    editable = target.pk != admin.pk and Role.PLATFORM_ADMIN not in target.roles
    if request.method == "POST" and not editable:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        actions.set_user_roles(admin, target, [Role(code) for code in form.cleaned_data["roles"]])
        return redirect("accounts:user_detail", public_id=target.public_id)
    return render(request, "accounts/user_detail.html", {
        "target": target, "form": form, "editable": editable,
        "has_authenticator": TOTPDevice.objects.filter(user=target, confirmed=True).exists(),
    })


@login_required
@require_POST
def user_active(request: HttpRequest, public_id: str) -> HttpResponse:
    admin = _admin(request)
    target = access.managed_user(admin, public_id)
    # An admin cannot lock themselves out, nor suspend a platform administrator.
    if target.pk == admin.pk or Role.PLATFORM_ADMIN in target.roles:
        raise PermissionDenied
    actions.set_user_active(admin, target, request.POST.get("active") == "1")
    return redirect("accounts:user_detail", public_id=target.public_id)


@login_required
@require_POST
def user_reset_second_factor(request: HttpRequest, public_id: str) -> HttpResponse:
    admin = _admin(request)
    target = access.managed_user(admin, public_id)
    actions.reset_second_factor(admin, target)
    return redirect("accounts:user_detail", public_id=target.public_id)
