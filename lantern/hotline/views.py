"""Hotline pages: the public report form and follow-up, and the advocate's workspace."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.cases import access as case_access
from lantern.core.middleware import render_public
from lantern.core.ratelimit import allow
from lantern.hotline import access, actions
from lantern.hotline.forms import (
    AddInformationForm,
    ContactForm,
    FollowUpForm,
    LinkCaseForm,
    ScreeningForm,
    TipForm,
    TipReplyForm,
    TipStatusForm,
)
from lantern.hotline.screening import Answers, describe, propose

HOUR = 3600


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


# Public ---------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if not request.POST:
        # The empty form is the same for everyone but its CSRF token.
        return render_public(request, "hotline/report.html", lambda: {"form": TipForm()},
                             holes={"csrf_token": get_token(request)})
    form = TipForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            # One transaction and one commit for the count and the report.
            with transaction.atomic():
                if not allow(request, "tip", settings.LANTERN_TIP_LIMIT_PER_HOUR, HOUR):
                    form.add_error(None, _("Too many reports were sent from this connection "
                                           "in the last hour. Your text is still here: try "
                                           "again later, or call the hotline."))
                    return render(request, "hotline/report.html", {"form": form}, status=429)
                _tip, code = actions.submit_tip(data, suspected_spam=bool(data.pop("website")))
        except actions.HotlineUnavailable:
            form.add_error(None, _("Reports cannot be received online right now. Your text "
                                   "is still here: please call the hotline."))
            return render(request, "hotline/report.html", {"form": form}, status=503)
        # The code is shown on this response only: never in a URL, never stored in clear.
        return render_public(request, "hotline/report_received.html", dict,
                             holes={"code": code})
    return render(request, "hotline/report.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    """Read the status of a report, and add to it, with the follow-up code."""
    adding = "more" in request.POST
    form = (AddInformationForm if adding else FollowUpForm)(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "hotline/follow_up.html", {"form": form})
    if not allow(request, "follow-up", settings.LANTERN_FOLLOW_UP_LIMIT_PER_HOUR, HOUR):
        form.add_error(None, _("Too many attempts from this connection. Try again in an hour."))
        return render(request, "hotline/follow_up.html", {"form": form}, status=429)
    tip = access.tip_by_code(form.cleaned_data["code"])
    if tip is None:
        form.add_error("code", _("We found no report with this code. Check it and try again."))
        return render(request, "hotline/follow_up.html", {"form": form})
    added = False
    if adding:
        actions.add_tip_message(tip, form.cleaned_data["more"])
        added = True
    return render(request, "hotline/follow_up_status.html", {
        "tip": tip, "replies": access.replies_for_reporter(tip), "added": added,
        "form": AddInformationForm(initial={"code": form.cleaned_data["code"]}),
    })


# Advocates ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_list(request: HttpRequest) -> HttpResponse:
    """GET lists; POST searches by phone number (kept out of URLs and logs)."""
    user = _user(request)
    phone = request.POST.get("phone", "").strip() if request.method == "POST" else ""
    contacts = (access.contacts_by_phone(user, phone) if phone
                else access.contacts_visible_to(user).select_related("screening", "case"))
    page = Paginator(contacts, 25).get_page(request.GET.get("page"))
    tips_waiting = access.tips_visible_to(user).filter(
        status="received", suspected_spam=False).count()
    return render(request, "hotline/contacts.html",
                  {"page": page, "phone": phone, "tips_waiting": tips_waiting})


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require(user, Permission.CONTACT_LOG)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = actions.log_contact(user, form.cleaned_data)
        if form.cleaned_data["contact_type"] in ("crisis", "tip", "information"):
            return redirect("hotline:screening", reference=contact.reference)
        return redirect("hotline:contact", reference=contact.reference)
    return render(request, "hotline/contact_form.html", {"form": form})


@login_required
@require_safe
def contact_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _render_contact(request, access.contact_for(_user(request), reference))


def _render_contact(request: HttpRequest, contact: object, **extra: object) -> HttpResponse:
    user = _user(request)
    screening = getattr(contact, "screening", None)
    return render(request, "hotline/contact.html", {
        "contact": contact, "screening": screening,
        "reasons": [describe(r) for r in screening.proposed_reasons] if screening else [],
        "earlier": access.earlier_contacts(user, contact)[:20],  # type: ignore[arg-type]
        "link_form": LinkCaseForm(), **extra,
    })


@login_required
@require_POST
def contact_reveal(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    contact = access.contact_for(user, reference)
    return _render_contact(request, contact, details=access.reveal_contact(user, contact))


@login_required
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest, reference: str) -> HttpResponse:
    """Two steps: the answers give Lantern's proposal; the advocate then confirms or changes."""
    user = _user(request)
    contact = access.contact_for(user, reference)
    existing = getattr(contact, "screening", None)
    initial = {name: getattr(existing, name) for name in actions.SCREENING_LISTS} if existing \
        else {}
    if existing:
        initial |= {"minor_involved": existing.minor_involved,
                    "imminent_danger": existing.imminent_danger,
                    "confirmed": existing.confirmed}
    form = ScreeningForm(request.POST or None, initial=initial)
    proposal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = Answers(**{name: data[name] for name in actions.SCREENING_LISTS},
                          minor_involved=data["minor_involved"])
        if request.POST.get("step") == "confirm" and data["confirmed"]:
            actions.screen_contact(user, contact, answers, data["confirmed"],
                                   data["imminent_danger"])
            return redirect("hotline:contact", reference=contact.reference)
        proposal = propose(answers)
        form = ScreeningForm(initial={**data, "confirmed": proposal.classification})
    return render(request, "hotline/screening.html", {
        "contact": contact, "form": form, "proposal": proposal,
        "reasons": [describe(r) for r in proposal.reasons] if proposal else [],
    })


@login_required
@require_POST
def contact_link(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    contact = access.contact_for(user, reference)
    form = LinkCaseForm(request.POST)
    if form.is_valid():
        # The case must be one the advocate may see: their own organization's.
        case = case_access.case_for(user, form.cleaned_data["reference"].strip().upper())
        actions.link_contact_to_case(user, contact, case)
    return redirect("hotline:contact", reference=contact.reference)


@login_required
@require_POST
def contact_open_case(request: HttpRequest, reference: str) -> HttpResponse:
    user = _user(request)
    contact = access.contact_for(user, reference)
    case_access.require(user, Permission.CASE_EDIT)
    case = actions.open_case_from_contact(user, contact)
    return redirect("cases:detail", reference=case.reference)


@login_required
@require_safe
def tip_list(request: HttpRequest) -> HttpResponse:
    tips = access.tips_visible_to(_user(request))
    show_spam = request.GET.get("spam") == "1"
    tips = tips.filter(suspected_spam=show_spam)
    page = Paginator(tips, 25).get_page(request.GET.get("page"))
    return render(request, "hotline/tips.html", {"page": page, "show_spam": show_spam})


@login_required
@require_http_methods(["GET", "POST"])
def tip_detail(request: HttpRequest, tip_id: str) -> HttpResponse:
    user = _user(request)
    tip = access.tip_for(user, tip_id)
    content = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "status":
            status_form = TipStatusForm(request.POST)
            if status_form.is_valid():
                actions.set_tip_status(user, tip, status_form.cleaned_data["status"])
        elif action == "reply":
            reply_form = TipReplyForm(request.POST)
            if reply_form.is_valid():
                actions.add_tip_message(tip, reply_form.cleaned_data["body"], actor=user)
        if action in ("status", "reply"):
            return redirect("hotline:tip", tip_id=tip.pk)
        content = access.reveal_tip(user, tip)
    return render(request, "hotline/tip.html", {
        "tip": tip, "content": content,
        "status_form": TipStatusForm(initial={"status": tip.status}),
        "reply_form": TipReplyForm(),
    })
