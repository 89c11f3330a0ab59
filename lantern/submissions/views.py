"""Pages for data stewards: upload files, follow their progress, read the errors, tokens."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lantern.accounts.models import User
from lantern.submissions import access, actions, ingest, mapping, quality
from lantern.submissions.exports import safe_cell, write_error_report
from lantern.submissions.forms import MappingForm, TokenForm, UploadForm
from lantern.submissions.models import Mapping, RowError
from lantern.submissions.records import RECORDS, PersonRecord
from lantern.submissions.tasks import ingest_file


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def submission_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    submissions = access.submissions_visible_to(user)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()[:10]
        with tempfile.NamedTemporaryFile(suffix=suffix) as temporary:
            for chunk in upload.chunks():
                temporary.write(chunk)
            temporary.flush()
            submission, created = actions.start_file_submission(
                user, user.organization, Path(temporary.name),
                entity=form.cleaned_data["entity"], mode=form.cleaned_data["mode"],
                channel="upload", filename=upload.name[:255],
                language=(get_language() or "en")[:2])
        # The same file sent again while it is queued or running joins that submission; if
        # it stopped before its end, it goes on from there.
        if created or actions.resume_submission(user, submission):
            ingest_file.enqueue(str(submission.pk))
        return redirect("submissions:detail", submission_id=submission.pk)
    return render(request, "submissions/list.html", {
        "form": form, "submissions": submissions[:50], "entities": list(RECORDS)})


@login_required
@require_safe
def submission_detail(request: HttpRequest, submission_id: str) -> HttpResponse:
    submission = access.submission_for(_user(request), submission_id)
    return render(request, "submissions/detail.html", {
        "submission": submission, "resumable": ingest.resumable(submission),
        "errors": submission.errors.all()[:200],
        "reasons": quality.rejection_reasons(submission.errors.all()),
        "unknown_codes": quality.unknown_codes(submission.errors.all())})


@login_required
@require_POST
def submission_resume(request: HttpRequest, submission_id: str) -> HttpResponse:
    """Go on with an import that stopped before its end, after its last stored row."""
    user = _user(request)
    submission = access.submission_for(user, submission_id)
    if actions.resume_submission(user, submission):
        ingest_file.enqueue(str(submission.pk))
        messages.success(request, _("The import goes on after row %(row)d.")
                         % {"row": submission.checkpoint} if submission.checkpoint
                         else _("The import starts again from the file's first row."))
    else:
        messages.info(request, _("This import is not stopped: nothing to resume."))
    return redirect("submissions:detail", submission_id=submission.pk)


@login_required
@require_safe
def data_quality(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    access.require_steward(user)
    errors = RowError.objects.filter(submission__organization_id=user.organization_id)
    return render(request, "submissions/quality.html", {
        "completeness": quality.completeness(user.organization_id),
        "reasons": quality.rejection_reasons(errors),
        "unknown_codes": quality.unknown_codes(errors),
        "stale": quality.stale_records(user.organization_id),
    })


@login_required
@require_safe
def submission_progress(request: HttpRequest, submission_id: str) -> JsonResponse:
    s = access.submission_for(_user(request), submission_id)
    return JsonResponse({"status": s.status, "total": s.rows_total, "read": s.rows_read,
                         "stored": s.rows_stored, "unchanged": s.rows_unchanged,
                         "rejected": s.rows_rejected,
                         "done": s.status in ("done", "failed", "interrupted")})


@login_required
@require_safe
def error_report(request: HttpRequest, submission_id: str) -> HttpResponse:
    submission = access.submission_for(_user(request), submission_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="errors-{submission.pk}.csv"'
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    write_error_report(submission, response)
    return response


@require_POST
def rejected_rows(request: HttpRequest, submission_id: str) -> HttpResponse:
    """The rejected rows as sent, with their reasons, to correct and send again (logged)."""
    user = _user(request)
    submission = access.submission_for(user, submission_id)
    rows = access.reveal_rejected_rows(user, submission)
    reasons: dict[int, list[str]] = {}
    for error in submission.errors.all():
        reasons.setdefault(error.row_number, []).append(
            f"{error.field}: {error.message}" if error.field else error.message)
    columns = list(dict.fromkeys(key for _, values in rows for key in values))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="rejected-{submission.pk}.csv"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(["row", "reasons", *columns])
    for number, values in rows:
        writer.writerow([number, safe_cell(" | ".join(reasons.get(number, []))),
                         *(safe_cell(values.get(column, "")) for column in columns)])
    return response


@require_safe
def template(request: HttpRequest, entity: str) -> HttpResponse:
    """An empty file with the entity's columns, each headed in both languages."""
    if entity not in RECORDS:
        return HttpResponse(status=404)
    fields = list(RECORDS[entity].model_fields)
    if entity == "person":
        fields = list(PersonRecord.model_fields)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lantern-{entity}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([f"{name} ({_label(name, 'en')} / {_label(name, 'fr')})"
                     for name in fields if name != "accused"])
    return response


def _label(field: str, language: str) -> str:
    from django.utils import translation

    from lantern.submissions.labels import FIELD_LABELS

    with translation.override(language):
        return str(FIELD_LABELS.get(field, field.replace("_", " ")))


@login_required
@require_http_methods(["GET", "POST"])
def mapping_edit(request: HttpRequest, entity: str) -> HttpResponse:
    user = _user(request)
    access.require_steward(user)
    if entity not in RECORDS:
        return HttpResponse(status=404)
    latest = mapping.current(user.organization_id, entity)
    form = MappingForm(request.POST or None, initial={
        "columns": mapping.to_text(latest.columns) if latest else "",
        "codes": mapping.codes_to_text(latest.codes) if latest else ""})
    if request.method == "POST" and form.is_valid():
        actions.save_mapping(user, entity, mapping.parse(form.cleaned_data["columns"]),
                             mapping.parse_codes(form.cleaned_data["codes"]))
        return redirect("submissions:mapping", entity=entity)
    history = Mapping.objects.filter(organization_id=user.organization_id, entity=entity)
    return render(request, "submissions/mapping.html", {
        "entity": entity, "form": form, "latest": latest, "history": history[:20]})


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    existing = access.tokens_visible_to(user)
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        _token, created = actions.create_token(user, form.cleaned_data["name"],
                                               form.cleaned_data["scopes"])
        form = TokenForm()
    # The new token is shown in this response only.
    return render(request, "submissions/tokens.html",
                  {"tokens": existing, "form": form, "created": created})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: str) -> HttpResponse:
    user = _user(request)
    token = access.tokens_visible_to(user).filter(pk=token_id).first()
    if token is None:
        return HttpResponse(status=404)
    actions.revoke_token(user, token)
    return redirect("submissions:tokens")

