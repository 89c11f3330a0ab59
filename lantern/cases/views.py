"""Case pages. Views parse input, ask ``access``, call an action and render."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.cases import access, actions
from lantern.cases.forms import (
    CaseForm,
    ChargeForm,
    ConsentForm,
    EditCaseForm,
    IdentityForm,
    IncidentForm,
    PermitForm,
    PersonForm,
)
from lantern.cases.identity import LOOKUPS
from lantern.cases.models import Case, Consent
from lantern.organizations.models import Organization
from lantern.standard.schemas import CASE_CODE_FIELDS, PersonSchema

PERSON_INITIAL_FIELDS = tuple(PersonForm.base_fields)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _form_page(request: HttpRequest, form: Any, title: str, case: Case | None = None,
               **extra: Any) -> HttpResponse:
    return render(request, "cases/form.html", {"form": form, "title": title, "case": case,
                                               **extra})


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request: HttpRequest) -> HttpResponse:
    """GET lists and filters; POST searches by an identifying value (phone, email, name,
    date of birth), so the value stays out of URLs, browser history and server logs."""
    user = _user(request)
    cases = access.cases_visible_to(user).annotate(
        # distinct: the search filters below join people again and would multiply counts.
        victims=Count("people", filter=Q(people__role="victim"), distinct=True),
        accused=Count("people", filter=Q(people__role="accused"), distinct=True),
    )
    status = request.GET.get("status", "")
    if status in ("open", "closed"):
        cases = cases.filter(status=status)
    query = request.GET.get("q", "").strip().upper()
    if query:
        cases = cases.filter(Q(reference__icontains=query) | Q(people__pseudonym__icontains=query))
    search_by = request.POST.get("by", "phone")
    search_value = request.POST.get("value", "").strip() if request.method == "POST" else ""
    if search_value and search_by in LOOKUPS:
        matches = access.find_people(user, search_by, search_value)
        cases = cases.filter(people__in=matches)
    # Meta.ordering does not apply to aggregated queries, so the order is given here.
    ordered = cases.distinct().order_by("-opened_on", "reference")
    page = Paginator(ordered, 25).get_page(request.GET.get("page"))
    return render(request, "cases/list.html", {
        "page": page, "status": status, "q": query, "search_by": search_by,
        "search_value": search_value,
        "can_edit": user.has_lantern_permission(Permission.CASE_EDIT),
        "can_search_phone": user.has_lantern_permission(Permission.IDENTITY_REVEAL),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, Permission.CASE_EDIT)
    form = CaseForm(request.POST or None, initial={"opened_on": timezone.localdate(),
                                                   "status": "open",
                                                   "trafficking_status": "possible"})
    if request.method == "POST" and form.is_valid():
        case = actions.open_case(user, form.validated)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Open a case"))


@login_required
@require_safe
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_detail(request, access.case_for(_user(request), reference))


def _render_detail(request: HttpRequest, case: Case, **extra: Any) -> HttpResponse:
    user = _user(request)
    case = Case.objects.prefetch_related(
        "codes", "incidents", "charges__accused", "people__consents__shared_with",
        "people__permits",
    ).get(pk=case.pk)
    coded = [(field, case.codes_of(vocabulary), vocabulary)
             for field, vocabulary in CASE_CODE_FIELDS.items()]
    return render(request, "cases/detail.html", {
        "case": case, "coded": coded,
        "can_edit": user.has_lantern_permission(Permission.CASE_EDIT),
        "can_reveal": user.has_lantern_permission(Permission.IDENTITY_REVEAL),
        **extra,
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_edit(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    initial: dict[str, Any] = {
        "source_record_id": case.source_record_id, "status": case.status,
        "trafficking_status": case.trafficking_status,
        "status_decided_by": case.status_decided_by, "opened_on": case.opened_on,
        "closed_on": case.closed_on,
    }
    for field, vocabulary in CASE_CODE_FIELDS.items():
        initial[field] = case.codes_of(vocabulary)
    form = EditCaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        narrative_changed = bool(form.validated.narrative)
        actions.update_case(user, case, form.validated, narrative_changed=narrative_changed)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Edit case %(reference)s") % {"reference": reference},
                      case)


@login_required
@require_POST
def case_narrative(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference)
    return _render_detail(request, case, narrative=access.reveal_narrative(user, case))


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    form = PersonForm(request.POST or None, initial={"role": "victim"})
    if request.method == "POST" and form.is_valid():
        actions.add_person(user, case, form.validated)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Add a person to %(reference)s") % {"reference": reference},
                      case)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    person = access.person_for(user, case, pseudonym)
    initial = {name: getattr(person, name) for name in PERSON_INITIAL_FIELDS}
    form = PersonForm(request.POST or None, initial=initial, with_identity=False)
    if request.method == "POST" and form.is_valid():
        actions.update_person(user, person, form.validated, identity_changed=False)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Edit %(pseudonym)s") % {"pseudonym": pseudonym}, case)


@login_required
@require_http_methods(["GET", "POST"])
def person_identity(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    """GET asks for confirmation; POST reveals the identity and logs the read."""
    user = _user(request)
    case = access.case_for(user, reference)
    person = access.person_for(user, case, pseudonym)
    # A person sent encoded has no identity at the hub: nothing to show, no read to log.
    encoded_only = bool(person.encoding_sealed and not person.identity_sealed)
    identity = (access.reveal_identity(user, person)
                if request.method == "POST" and not encoded_only else None)
    return render(request, "cases/identity.html", {
        "case": case, "person": person, "identity": identity, "encoded_only": encoded_only})


@login_required
@require_http_methods(["GET", "POST"])
def person_identity_edit(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    person = access.person_for(user, case, pseudonym)
    title = _("Identity of %(pseudonym)s") % {"pseudonym": pseudonym}
    if request.method == "GET":
        # Opening the form reveals the identity, so it takes an explicit, logged step.
        return render(request, "cases/identity.html",
                      {"case": case, "person": person, "identity": None, "for_edit": True})
    if request.POST.get("reveal"):
        current = access.reveal_identity(user, person)
        return _form_page(request, IdentityForm(initial=current.__dict__), title, case)
    form = IdentityForm(request.POST)
    if form.is_valid():
        data = {name: getattr(person, name) or None for name in PERSON_INITIAL_FIELDS}
        # The person's stored attributes are valid codes already; only the identity is new.
        schema = PersonSchema.model_validate(data).model_copy(
            update={"identity": form.validated})
        actions.update_person(user, person, schema, identity_changed=True)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, title, case)


@login_required
@require_http_methods(["GET", "POST"])
def incident_create(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    form = IncidentForm(request.POST or None, initial={"province": user.organization.province})
    if request.method == "POST" and form.is_valid():
        actions.add_incident(user, case, form.validated)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Add an incident"), case)


@login_required
@require_http_methods(["GET", "POST"])
def charge_create(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    accused = list(case.people.filter(role="accused").values_list("pseudonym", flat=True))
    form = ChargeForm(request.POST or None, accused=accused, initial={"outcome": "ongoing"})
    if request.method == "POST" and form.is_valid():
        person = (access.person_for(user, case, form.validated.accused)
                  if form.validated.accused else None)
        actions.add_charge(user, case, form.validated, person)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Add a charge"), case)


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    person = access.person_for(user, case, pseudonym)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.validated.shared_with
        shared_with = Organization.objects.filter(code=code).first() if code else None
        actions.record_consent(user, person, form.validated, shared_with)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Record consent of %(pseudonym)s") %
                      {"pseudonym": pseudonym}, case)


@login_required
@require_POST
def consent_withdraw(request: HttpRequest, reference: str, consent_id: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    try:
        consent = Consent.objects.select_related("person__case__organization").get(
            pk=consent_id, person__case=case, withdrawn_at__isnull=True
        )
    except (Consent.DoesNotExist, ValueError):
        raise Http404 from None
    actions.withdraw_consent(user, consent)
    return redirect("cases:detail", reference=case.reference)


@login_required
@require_http_methods(["GET", "POST"])
def permit_create(request: HttpRequest, reference: str, pseudonym: str) -> HttpResponse:
    user = _user(request)
    case = access.case_for(user, reference, Permission.CASE_EDIT)
    person = access.person_for(user, case, pseudonym)
    form = PermitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_permit(user, person, form.validated)
        return redirect("cases:detail", reference=case.reference)
    return _form_page(request, form, _("Record a temporary resident permit"), case)
