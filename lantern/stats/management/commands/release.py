from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from lantern.accounts.models import User
from lantern.stats import actions, builder
from lantern.stats.models import Release


class Command(BaseCommand):
    help = ("Statistical releases. `lantern release build --period 2025Q4 --epsilon 1.0` "
            "builds a draft (progress on stderr); `lantern release approve ID --user NAME` "
            "and `lantern release publish ID --user NAME` are the statistician's steps; "
            "`lantern release list` shows every release; `lantern release bulletin ID "
            "[--out DIR]` makes a draft's Fast Facts bulletins again, or writes a release's "
            "bulletins (PDF, English and French) to DIR.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("action", choices=["build", "approve", "publish", "list",
                                                      "bulletin"])
        parser.add_argument("release", nargs="?", help="release id (approve, publish, bulletin)")
        parser.add_argument("--period", help="2025 or 2025Q4 (build)")
        parser.add_argument("--epsilon", type=float, help="privacy-loss budget (build)")
        parser.add_argument("--user", help="username of the statistician acting")
        parser.add_argument("--seed", type=int,
                            help="fixed seed for rounding (tests and demos; refused in "
                                 "production)")
        parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
        parser.add_argument("--out", help="directory to write the bulletins to (bulletin)")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "list":
            for release in Release.objects.all():
                self.stdout.write(f"{release.pk}  {release.period:8} {release.status:10} "
                                  f"ε={release.epsilon:g}  build {release.build_status}")
            return
        user = _user(options["user"]) if options["user"] else None
        try:
            if action == "bulletin":
                self._bulletin(_release(options["release"]), options["out"], user)
                return
            if action == "build":
                self._build(user, options)
                return
            if user is None:
                raise CommandError(f"{action} needs --user, a statistician's username.")
            release = _release(options["release"])
            if action == "approve":
                actions.approve_release(user, release)
            else:
                actions.publish_release(user, release)
        except actions.ReleaseRefused as refusal:
            raise CommandError(str(refusal)) from None
        except PermissionDenied:
            raise CommandError("That user may not do this.") from None
        done = {"approve": "approved", "publish": "published"}[action]
        self.stdout.write(f"Release {release.pk} {done}.")

    def _progress(self, stage: str, done: float) -> None:
        self.stderr.write(f"\r{stage:12} {done * 100:5.1f} %", ending="")
        self.stderr.flush()

    def _build(self, user: User | None, options: dict[str, Any]) -> None:
        if not options["period"] or options["epsilon"] is None:
            raise CommandError("build needs --period and --epsilon.")
        if options["seed"] is not None:
            from django.conf import settings

            if settings.PRODUCTION:
                raise CommandError("--seed is refused in production: rounding must be "
                                   "unpredictable.")
        release = actions.create_release(user, options["period"], options["epsilon"])
        echo = None if options["quiet"] else self._progress
        builder.build(release, seed=options["seed"], echo=echo)
        if not options["quiet"]:
            self.stderr.write("")
        if release.build_status == Release.Build.FAILED:
            raise CommandError(f"Release {release.pk} failed: {release.failure}")
        self.stdout.write(f"Release {release.pk} built as a draft: period {release.period}, "
                          f"epsilon {release.epsilon:g}.")


    def _bulletin(self, release: Release, out: str | None, user: User | None) -> None:
        from lantern.stats import bulletin

        if release.status == Release.Status.DRAFT:
            actions.remake_bulletins(user, release)
            self.stdout.write(f"Bulletins of release {release.pk} made again.")
        elif not out:
            raise CommandError("Only a draft's bulletins can be made again; give --out DIR "
                               "to write this release's bulletins.")
        if out:
            directory = Path(out)
            directory.mkdir(parents=True, exist_ok=True)
            for stored in release.bulletins.all():
                path = directory / bulletin.filename(release, stored.language)
                path.write_bytes(bytes(stored.pdf))
                self.stdout.write(f"Wrote {path} ({stored.pages} pages).")


def _user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user {username!r}.")
    return user


def _release(release_id: str | None) -> Release:
    if not release_id:
        raise CommandError("Give the release id.")
    try:
        return Release.objects.get(pk=release_id)
    except (Release.DoesNotExist, ValueError, ValidationError):
        raise CommandError(f"No release {release_id!r}.") from None
