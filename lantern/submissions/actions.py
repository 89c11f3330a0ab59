"""Writes of the submissions app: tokens, and starting a submission."""

from __future__ import annotations

import hashlib
import secrets
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.organizations.models import Organization
from lantern.submissions.mapping import current as current_mapping
from lantern.submissions.models import ApiToken, Mapping, Submission
from lantern.submissions.readers import estimate_rows

TOKEN_SCOPES = ("org:submission:manage", "org:case:view")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def start_file_submission(actor: User | None, organization: Organization, source: Path, *,
                          entity: str, mode: str, channel: str, filename: str = "",
                          language: str = "en") -> tuple[Submission, bool]:
    """Keep a copy of the file under the data directory and queue its submission.

    A file already submitted by the organization for the same entity, and not finished,
    is resumed instead of started again; the flag says whether the submission is new."""
    checksum = sha256_file(source)
    unfinished = Submission.objects.filter(
        organization=organization, entity=entity, checksum=checksum,
        status__in=[Submission.Status.QUEUED, Submission.Status.RUNNING,
                    Submission.Status.INTERRUPTED], mode=mode).first()
    if unfinished is not None:
        kept = Path(unfinished.file_path)
        if not kept.is_file():
            # Its copy is gone (the data directory cleaned, say): this one, the same file
            # by its checksum, takes its place, or the file could never be sent again.
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, kept)
        return unfinished, False
    with transaction.atomic():
        submission = Submission.objects.create(
            organization=organization, submitted_by=actor, channel=channel, entity=entity,
            mode=mode, filename=filename or source.name, checksum=checksum, language=language,
            rows_total=estimate_rows(source), mapping=current_mapping(organization.pk, entity))
        target = Path(settings.DATA_DIR) / "submissions" / f"{submission.pk}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        submission.file_path = str(target)
        submission.save(update_fields=["file_path"])
        record(actor=actor, action="submission.start", target=submission, owner=organization,
               changes={"entity": entity, "mode": mode, "channel": channel,
                        "checksum": checksum})
    return submission, True


def resume_submission(actor: User | None, submission: Submission) -> bool:
    """Queue an import that stopped before its end, to go on after its checkpoint; False if
    it cannot be (it has ended, or a run may still be at work on it). ``actor`` is None for
    the command line, which then runs it itself."""
    from lantern.submissions.ingest import resumable

    with transaction.atomic():
        current = Submission.objects.get(pk=submission.pk)
        if not resumable(current):
            return False
        # Only if no run took it since it was read (SQLite has no row locks to ask for).
        if not Submission.objects.filter(pk=current.pk, status=current.status,
                                         runner=current.runner).update(
                status=Submission.Status.QUEUED):
            return False
        record(actor=actor, action="submission.resume", target=submission,
               owner=submission.organization, changes={"after_row": current.checkpoint})
    return True


def save_mapping(actor: User, entity: str, columns: dict[str, str],
                 codes: dict[str, dict[str, str]]) -> Mapping:
    """A new version of the organization's mapping for ``entity``."""
    with transaction.atomic():
        latest = (Mapping.objects.select_for_update()
                  .filter(organization=actor.organization, entity=entity)
                  .order_by("-version").first())
        mapping = Mapping.objects.create(
            organization=actor.organization, entity=entity, columns=columns, codes=codes,
            version=(latest.version + 1) if latest else 1, created_by=actor)
        record(actor=actor, action="mapping.save", target=mapping, owner=actor.organization,
               changes={"entity": entity, "version": mapping.version, "columns": columns,
                        "codes": codes})
    return mapping


def create_token(actor: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token for the actor's organization; the token text is returned once."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            organization=actor.organization, name=name, prefix=prefix,
            secret_hash=hashlib.sha256(secret.encode()).hexdigest(),
            scopes=[s for s in scopes if s in TOKEN_SCOPES], created_by=actor)
        record(actor=actor, action="token.create", target=token, owner=actor.organization,
               changes={"name": name, "scopes": token.scopes, "prefix": prefix})
    return token, f"lt_{prefix}_{secret}"


def revoke_token(actor: User, token: ApiToken) -> None:
    """Stop a token from working, now."""
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action="token.revoke", target=token, owner=token.organization)
