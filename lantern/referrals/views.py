from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.cases import access as case_access
from lantern.directory.access import public_providers
from lantern.directory.models import Provider
from lantern.directory.search import Query, matching_providers
from lantern.referrals import access, actions
from lantern.referrals.forms import DeclineForm, FindProviderForm, NoteForm, ReferralForm
from lantern.referrals.measures import referral_measures
from lantern.referrals.models import Referral


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_safe
def referral_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    referrals = access.referrals_visible_to(user)
    return render(request, "referrals/list.html", {
        "sent": referrals.filter(sender_organization_id=user.organization_id)[:100],
        "received": referrals.filter(provider__organization_id=user.organization_id)[:100],
        "can_receive": access.can_receive(user),
    })


def _providers_for(need: str, province: str) -> QuerySet[Provider]:
    return matching_providers(Query(service=need, province=province)).select_related(
        "organization").prefetch_related("sites").order_by("capacity_status",
                                                           "organization__name_en")


@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    user = _user(request)
    case = case_access.case_for(user, reference, Permission.CASE_EDIT)
    person = case_access.person_for(user, case, pseudonym)
    finder = FindProviderForm(request.GET or None, initial={
        "province": user.organization.province or "ON"})
    providers = _providers_for(finder.cleaned_data["need"], finder.cleaned_data["province"]) \
        if finder.is_bound and finder.is_valid() else None
    can_override = user.has_lantern_permission(Permission.REFERRAL_OVERRIDE)
    form = ReferralForm(request.POST or None, providers=providers if providers is not None
                        else public_providers().none(), can_override=can_override)
    if request.method == "POST" and providers is not None and form.is_valid():
        try:
            referral = actions.refer_person_to_provider(
                user, person, form.cleaned_data["provider"], need=finder.cleaned_data["need"],
                summary=form.cleaned_data["summary"],
                warm_transfer=form.cleaned_data["warm_transfer"],
                override_reason=form.cleaned_data.get("override_reason", ""),
                province=finder.cleaned_data["province"])
        except actions.ReferralRefused:
            form.add_error(None, _("The person has not consented to sharing with this provider. "
                                   "Record their consent first; only a supervisor can send a "
                                   "referral without it, with a reason."))
        else:
            return redirect("referrals:detail", reference=referral.reference)
    return render(request, "referrals/create.html", {
        "case": case, "person": person, "finder": finder, "form": form,
        "providers": providers, "can_override": can_override,
    })


@login_required
@require_POST
def unmet_need(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not access.can_send(user):
        raise PermissionDenied
    finder = FindProviderForm(request.POST)
    if finder.is_valid():
        actions.record_unmet_need(user, finder.cleaned_data["need"],
                                  finder.cleaned_data["province"])
    back = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("referrals:list")
    return redirect(back)


@login_required
@require_safe
def referral_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_detail(request, access.referral_for(_user(request), reference))


def _render_detail(request: HttpRequest, referral: Referral, **extra: object) -> HttpResponse:
    user = _user(request)
    return render(request, "referrals/detail.html", {
        "referral": referral, "events": referral.events.select_related("actor", "organization"),
        "is_sender": access.is_sender(user, referral),
        "is_receiver": access.is_receiver(user, referral),
        "decline_form": DeclineForm(), "note_form": NoteForm(), **extra,
    })


@login_required
@require_POST
def referral_summary(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    referral = access.referral_for(user, reference)
    return _render_detail(request, referral, summary=access.reveal_summary(user, referral))


@login_required
@require_POST
def referral_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    """accept, decline and done belong to the provider; revoke to the sender."""
    user = _user(request)
    referral = access.referral_for(user, reference)
    note = request.POST.get("note", "")[:1000]
    try:
        if step == "revoke" and access.is_sender(user, referral):
            actions.revoke_referral(user, referral, note)
        elif step in ("accept", "decline", "done") and access.is_receiver(user, referral):
            if step == "accept":
                actions.accept_referral(user, referral, note)
            elif step == "done":
                actions.complete_referral(user, referral, note)
            else:
                form = DeclineForm(request.POST)
                if not form.is_valid():
                    return _render_detail(request, referral, decline_form=form)
                actions.decline_referral(user, referral, form.cleaned_data["reason"],
                                         form.cleaned_data["note"])
        else:
            raise PermissionDenied
    except actions.ReferralRefused:
        return _render_detail(request, referral,
                              step_error=_("This step is not possible any more."))
    return redirect("referrals:detail", reference=referral.reference)


@login_required
@require_safe
def measures(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (user.has_lantern_permission(Permission.REFERRAL_OVERRIDE)
            or user.has_lantern_permission(Permission.STATISTICS_VIEW)):
        raise PermissionDenied
    return render(request, "referrals/measures.html", {"rows": referral_measures()})
