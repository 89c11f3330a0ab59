from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.core.middleware import render_public
from lantern.directory import access, actions, pages
from lantern.directory.actions import ENTRY_CODES, ENTRY_FIELDS
from lantern.directory.forms import CapacityForm, EntryForm, FindHelpForm, SiteForm
from lantern.directory.search import Query, search


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@require_safe
def find_help(request: HttpRequest) -> HttpResponse:
    form = FindHelpForm(request.GET or None)
    outcome = None
    if form.is_bound and form.is_valid():
        query = Query(**form.cleaned_data)
        if not query.is_empty:
            outcome = search(query)
    city = form.cleaned_data.get("city", "") if form.is_bound and form.is_valid() else ""
    return render_public(request, "directory/find_help.html", dict, holes={
        "filters": pages.filters_html(form), "results": pages.results_html(outcome, city)})


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    provider = access.own_entry(user)
    if provider is None:
        return render(request, "directory/no_entry.html",
                      {"can_create": access.can_have_entry(user)})
    initial: dict[str, Any] = {name: getattr(provider, name) for name in ENTRY_FIELDS}
    for field, vocabulary in ENTRY_CODES.items():
        initial[field] = provider.codes_of(vocabulary)
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        codes = {field: form.cleaned_data.pop(field) for field in ENTRY_CODES}
        actions.update_entry(user, provider, form.cleaned_data, codes)
        return redirect("directory:entry")
    return render(request, "directory/entry.html", {
        "provider": provider, "form": form,
        "capacity_form": CapacityForm(initial={"capacity_status": provider.capacity_status}),
        "stale": provider.last_verified_at is None
        or provider.last_verified_at < access.stale_before(),
    })


@login_required
@require_POST
def entry_create(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_directory_editor(user)
    if access.own_entry(user) is None and access.can_have_entry(user):
        actions.create_entry(user, user.organization)
    return redirect("directory:entry")


@login_required
@require_POST
def capacity(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    provider = access.own_entry_or_404(user)
    form = CapacityForm(request.POST)
    if form.is_valid():
        actions.set_capacity(user, provider, form.cleaned_data["capacity_status"])
    return redirect("directory:entry")


@login_required
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    actions.verify_entry(user, access.own_entry_or_404(user))
    return redirect("directory:entry")


@login_required
@require_http_methods(["GET", "POST"])
def site_form(request: HttpRequest, site_id: str | None = None) -> HttpResponse:
    user = _user(request)
    provider = access.own_entry_or_404(user)
    site = access.own_site(user, site_id) if site_id else None
    initial = {name: getattr(site, name) for name in actions.SITE_FIELDS} if site else {}
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_site(user, provider, form.cleaned_data, site)
        return redirect("directory:entry")
    return render(request, "directory/site_form.html", {"form": form, "site": site})


@login_required
@require_POST
def site_remove(request: HttpRequest, site_id: str) -> HttpResponse:
    user = _user(request)
    actions.remove_site(user, access.own_site(user, site_id))
    return redirect("directory:entry")
