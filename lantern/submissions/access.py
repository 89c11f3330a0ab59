"""Who may submit, and with which token; who may read a submission and its errors."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.permissions import Permission
from lantern.audit.actions import record
from lantern.audit.models import AuditEntry
from lantern.core import crypto
from lantern.submissions.models import ApiToken, Submission


def token_from(raw: str) -> ApiToken | None:
    """The live token for a bearer string ``lt_<prefix>_<secret>``, or None."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "lt":
        return None
    token = (ApiToken.objects.select_related("organization")
             .filter(prefix=parts[1], revoked_at__isnull=True, organization__active=True)
             .first())
    if token is None:
        return None
    expected = hashlib.sha256(parts[2].encode()).hexdigest()
    if not hmac.compare_digest(expected, token.secret_hash):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def require_scope(token: ApiToken, scope: Permission) -> None:
    if str(scope) not in token.scopes:
        raise PermissionDenied


def require_steward(user: User) -> None:
    if not user.is_authenticated or not user.has_lantern_permission(
            Permission.SUBMISSION_MANAGE):
        raise PermissionDenied


def submissions_visible_to(user: User) -> QuerySet[Submission]:
    """The submissions of the data steward's own organization."""
    require_steward(user)
    return Submission.objects.filter(organization_id=user.organization_id)


def submission_for(user: User, submission_id: str) -> Submission:
    try:
        return submissions_visible_to(user).get(pk=submission_id)
    except (Submission.DoesNotExist, ValueError):
        raise Http404 from None


def tokens_visible_to(user: User) -> QuerySet[ApiToken]:
    require_steward(user)
    return ApiToken.objects.filter(organization_id=user.organization_id)


def reveal_rejected_rows(user: User, submission: Submission,
                         ) -> list[tuple[int, dict[str, object]]]:
    """The rejected rows as they arrived, for correction; the read is logged."""
    require_steward(user)
    verified = user.is_verified()  # type: ignore[attr-defined]  # django-otp
    if not verified or submission.organization_id != user.organization_id:
        raise PermissionDenied
    with transaction.atomic():
        rows = [(q.row_number, json.loads(crypto.decrypt(
            q.values_sealed, f"submissions.quarantine:{submission.pk}:{q.row_number}")))
            for q in submission.quarantined.all()]
        record(actor=user, action="submission.rejected.read", kind=AuditEntry.Kind.READ,
               target=submission, owner=submission.organization, changes={"rows": len(rows)})
    return rows
