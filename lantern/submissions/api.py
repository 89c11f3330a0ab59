"""Batch endpoints for each entity of the standard, authenticated by organization tokens.

    POST /api/v1/submissions/{entity}
    Authorization: Bearer lt_…
    Idempotency-Key: <any unique string>    (a retried request never doubles a record)
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any, Literal

from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Header, Router, Schema, Status
from ninja.security import HttpBearer

from lantern.accounts.permissions import Permission
from lantern.audit.actions import record as audit
from lantern.submissions import access, ingest
from lantern.submissions.mapping import current as current_mapping
from lantern.submissions.models import ApiToken, IdempotencyKey, Submission
from lantern.submissions.readers import Row, header_key
from lantern.submissions.records import RECORDS

MAX_RECORDS = 1000


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return access.token_from(token)


router = Router(tags=["submissions"], auth=TokenAuth())


class BatchIn(Schema):
    mode: Literal["all_or_nothing", "store_valid"] = "all_or_nothing"
    records: list[dict[str, Any]] = Field(..., max_length=MAX_RECORDS)


class RowErrorOut(Schema):
    row: int
    source_record_id: str
    field: str
    code: str
    message: str


class SubmissionOut(Schema):
    submission: uuid.UUID
    status: str
    stored: int
    unchanged: int
    rejected: int
    errors: list[RowErrorOut]


class Problem(Schema):
    detail: str


def _out(submission: Submission) -> dict[str, Any]:
    return {
        "submission": submission.pk, "status": submission.status,
        "stored": submission.rows_stored, "unchanged": submission.rows_unchanged,
        "rejected": submission.rows_rejected,
        "errors": [{"row": e.row_number, "source_record_id": e.source_record_id,
                    "field": e.field, "code": e.code, "message": e.message}
                   for e in submission.errors.all()[:MAX_RECORDS * 5]],
    }


@router.post("/{entity}", response={200: SubmissionOut, 404: Problem, 409: Problem,
                                     503: Problem})
def submit_batch(request: HttpRequest, entity: str, payload: BatchIn,
                 idempotency_key: str = Header("", alias="Idempotency-Key")) -> Any:
    """Submit records of one entity. Each is stored, found unchanged, or returned with its
    position (row, from 1), field and reason. With an Idempotency-Key, the same request
    sent again gets the first answer and changes nothing."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    access.require_scope(token, Permission.SUBMISSION_MANAGE)
    if entity not in RECORDS:
        return Status(404, {"detail": f"unknown entity {entity!r}; one of {', '.join(RECORDS)}"})
    body_hash = hashlib.sha256(json.dumps({"entity": entity, **payload.dict()}, sort_keys=True,
                                          default=str).encode()).hexdigest()
    key = idempotency_key.strip()[:100]
    if key:
        earlier = IdempotencyKey.objects.filter(organization=token.organization, key=key).first()
        if earlier is not None:
            if earlier.request_hash != body_hash:
                return Status(409, {"detail": "this Idempotency-Key was used for another request"})
            return Status(200, earlier.response)
    language = "fr" if request.headers.get("Accept-Language", "").startswith("fr") else "en"
    with transaction.atomic():
        submission = Submission.objects.create(
            organization=token.organization, token=token, channel="api", entity=entity,
            mode=payload.mode, language=language, rows_total=len(payload.records),
            mapping=current_mapping(token.organization_id, entity))
        audit(actor=None, action="submission.start", target=submission,
              owner=token.organization, changes={"entity": entity, "mode": payload.mode,
                                                 "channel": "api", "token": token.prefix})
    rows = [Row(number, {header_key(k): v for k, v in item.items()})
            for number, item in enumerate(payload.records, start=1)]
    ingest.run(submission, lambda: iter(rows))
    if submission.status == Submission.Status.INTERRUPTED:
        # An error of Lantern's, not of the records. A call keeps no file to resume from:
        # the submission ends here, nothing of it stored (one batch, one transaction), and
        # the key is not spent, so that the same request sent again is carried out.
        with translation.override(submission.language):
            failure = _("Lantern could not store these records because of an error of its "
                        "own; nothing of them is stored. The same request sent again "
                        "stores them.")
        Submission.objects.filter(pk=submission.pk).update(
            status=Submission.Status.FAILED, failure=failure, finished_at=timezone.now())
        return Status(503, {"detail": "Lantern could not finish storing these records; "
                                      "send the same request again in a moment"})
    response = json.loads(json.dumps(_out(submission), default=str))
    if key:
        try:
            with transaction.atomic():
                IdempotencyKey.objects.create(organization=token.organization, key=key,
                                              request_hash=body_hash,
                                              response=response)
        except IntegrityError:  # a concurrent retry answered first; its answer stands
            return Status(200, IdempotencyKey.objects.get(organization=token.organization,
                                                          key=key).response)
    return Status(200, response)


@router.get("/status/{submission_id}", response={200: SubmissionOut})
def submission_status(request: HttpRequest, submission_id: uuid.UUID) -> Any:
    """A submission of the token's organization, with its counts and row errors."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    access.require_scope(token, Permission.SUBMISSION_MANAGE)
    submission = Submission.objects.filter(pk=submission_id,
                                           organization=token.organization).first()
    if submission is None:
        raise Http404
    return _out(submission)

