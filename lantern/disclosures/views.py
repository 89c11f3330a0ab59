from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.cases import access as case_access
from lantern.disclosures import access, actions
from lantern.disclosures.forms import DisclosureForm


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_safe
def disclosure_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    disclosures = access.disclosures_visible_to(user)
    return render(request, "disclosures/list.html", {
        "made": disclosures.filter(from_organization_id=user.organization_id)[:100],
        "received": disclosures.filter(police_organization_id=user.organization_id)[:100],
    })


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_create(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = case_access.case_for(user, reference, Permission.CASE_EDIT)
    people = list(case.people.values_list("pseudonym", flat=True))
    form = DisclosureForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = case_access.person_for(user, case, data["person"]) if data["person"] else None
        try:
            disclosure = actions.disclose_to_police(
                user, case, data["police"], basis=data["basis"], shared=data["shared"],
                person=person, court_order_reference=data["court_order_reference"],
                justification=data["justification"])
        except actions.DisclosureRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            return redirect("disclosures:detail", reference=disclosure.reference)
    return render(request, "disclosures/create.html", {"case": case, "form": form})


@login_required
@require_safe
def disclosure_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return render(request, "disclosures/detail.html",
                  {"disclosure": access.disclosure_for(_user(request), reference)})


@login_required
@require_POST
def disclosure_reveal(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    disclosure = access.disclosure_for(user, reference)
    return render(request, "disclosures/detail.html", {
        "disclosure": disclosure, "shared": access.reveal_shared(user, disclosure)})
