"""What a statistician does with releases, and loading published figures from outside.

Each action is one transaction with its audit entry. A release moves draft -> approved ->
published, and never back; published, it never changes (``models.FrozenRelease``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from lantern.accounts.models import User
from lantern.audit.actions import record
from lantern.stats import access, builder, conf, noise, periods, population
from lantern.stats.models import ExternalFigure, ExternalSource, Release
from lantern.stats.units import STATISTICS


class ReleaseRefused(Exception):
    """The action cannot be done; the message says why, in the user's language."""


def create_release(actor: User | None, period: str, epsilon: float) -> Release:
    """A draft release of ``period`` with ``epsilon`` to spend, queued for building.

    ``actor`` is None when an operator builds from the command line."""
    if actor is not None:
        access.require_statistician(actor)
    if not math.isfinite(epsilon) or epsilon <= 0:
        raise ReleaseRefused(_("Epsilon must be a positive number."))
    try:
        window = periods.parse(period, conf.years())
    except ValueError:
        raise ReleaseRefused(_("Write the period as a year (2025) or a quarter (2025Q4) "
                               "that is over.")) from None
    try:
        builder.check_budget(epsilon)
    except builder.BudgetExceeded as error:
        raise ReleaseRefused(_("This release would spend more than the privacy budget left: "
                               "%(reason)s.") % {"reason": error}) from None
    people = population.load()
    with transaction.atomic():
        release = Release.objects.create(
            period=window.period, window_start=window.start, window_end=window.end,
            epsilon=epsilon, created_by=actor,
            controls={
                "threshold": conf.threshold(), "rounding_base": conf.ROUNDING_BASE,
                "years": conf.years(), "mechanism": noise.MECHANISM,
                "sensitivity": noise.SENSITIVITY, "epsilon_split": "equal per table",
                "opendp": noise.opendp_version(), "population_source": population.SOURCE,
                "population_vintage": people.vintage,
            })
        record(actor=actor, action="release.create", target=release,
               changes={"period": release.period, "epsilon": epsilon})
    return release


def start_release(actor: User, period: str, epsilon: float) -> Release:
    """Create a draft and have the worker build it."""
    from lantern.stats.tasks import build_release

    release = create_release(actor, period, epsilon)
    transaction.on_commit(lambda: build_release.enqueue(str(release.pk)))
    return release


def approve_release(actor: User, release: Release) -> Release:
    """The statistician's approval of a built draft, after reading its preview."""
    access.require_statistician(actor)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.status != Release.Status.DRAFT or release.build_status != Release.Build.DONE:
            raise ReleaseRefused(_("Only a draft that has been built can be approved."))
        _refuse_if_consent_withdrawn_since(release)
        release.status, release.approved_by = Release.Status.APPROVED, actor
        release.approved_at = timezone.now()
        release.save(update_fields=["status", "approved_by", "approved_at"])
        record(actor=actor, action="release.approve", target=release,
               changes={"status": ["draft", "approved"]})
    return release


def _refuse_if_consent_withdrawn_since(release: Release) -> None:
    """A withdrawal since the consents were read would put someone in a release made after
    it: the release must be built again."""
    from lantern.cases.models import Consent

    read_at = release.controls.get("consents_as_of")
    since = parse_datetime(read_at) if read_at else release.built_at
    if since and Consent.objects.filter(purpose=STATISTICS, withdrawn_at__gt=since).exists():
        raise ReleaseRefused(_("Someone withdrew their consent to statistics after this "
                               "draft was built. Build the release again."))


def publish_release(actor: User, release: Release) -> Release:
    """Publish an approved release; from now on it never changes."""
    access.require_statistician(actor)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.status != Release.Status.APPROVED:
            raise ReleaseRefused(_("Only an approved release can be published."))
        _refuse_if_consent_withdrawn_since(release)
        release.status, release.published_by = Release.Status.PUBLISHED, actor
        release.published_at = timezone.now()
        # The bulletins are made again with the publication date, before the release is
        # frozen: a published bulletin never says "draft", and none is ever missing.
        _make_bulletins_or_refuse(release)
        release.save(update_fields=["status", "published_by", "published_at"])
        record(actor=actor, action="release.publish", target=release,
               changes={"status": ["approved", "published"]})
    return release


def _make_bulletins_or_refuse(release: Release) -> None:
    from lantern.stats import bulletin

    try:
        bulletin.make_bulletins(release)
    except Exception as error:
        raise ReleaseRefused(_("The Fast Facts bulletin could not be made (%(reason)s); "
                               "nothing was published.") % {"reason": error}) from error


def remake_bulletins(actor: User | None, release: Release) -> Release:
    """Make a draft's bulletins again (after a failure, or a change of template).

    ``actor`` is None when an operator does it from the command line."""
    if actor is not None:
        access.require_statistician(actor)
    with transaction.atomic():
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.status != Release.Status.DRAFT or release.build_status != Release.Build.DONE:
            raise ReleaseRefused(_("Only a built draft's bulletins can be made again."))
        _make_bulletins_or_refuse(release)
        release.failure = ""
        release.save(update_fields=["failure"])
        record(actor=actor, action="release.bulletins", target=release,
               changes={"languages": list(release.bulletins.values_list("language",
                                                                        flat=True))})
    return release


EXTERNAL_COLUMNS = ("source", "edition", "published_on", "url", "citation", "measure", "period",
                    "geography", "value", "unit", "note")


def load_external_figures(actor: User | None, rows: Iterable[Mapping[str, str]]
                          ) -> tuple[int, int]:
    """Store published figures, each under its source and edition; loading the same file
    again changes nothing. Returns (editions, figures). ValueError names a bad row."""
    editions: dict[tuple[str, str], ExternalSource] = {}
    figures = 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            key = (row.get("source", "").strip(), row.get("edition", "").strip())
            if not all(key) or not row.get("measure", "").strip():
                raise ValueError(f"row {number}: source, edition and measure are required")
            if key not in editions:
                editions[key] = _edition(key, row)
            try:
                value = Decimal(row.get("value", "").replace(",", "").strip())
            except InvalidOperation:
                raise ValueError(f"row {number}: value {row.get('value')!r} "
                                 "is not a number") from None
            ExternalFigure.objects.update_or_create(
                source=editions[key], measure=row["measure"].strip(),
                period=row.get("period", "").strip(),
                geography=row.get("geography", "").strip() or "CA",
                defaults={"value": value, "unit": row.get("unit", "").strip() or "count",
                          "note": row.get("note", "").strip()})
            figures += 1
        record(actor=actor, action="statistics.external.load",
               changes={"editions": [f"{s}, {e}" for s, e in editions], "figures": figures})
    return len(editions), figures


def _edition(key: tuple[str, str], row: Mapping[str, str]) -> ExternalSource:
    published = row.get("published_on", "").strip()
    edition, _created = ExternalSource.objects.update_or_create(
        source=key[0], edition=key[1],
        defaults={"citation": row.get("citation", "").strip(), "url": row.get("url", "").strip(),
                  "published_on": parse_date(published) if published else None})
    return edition
