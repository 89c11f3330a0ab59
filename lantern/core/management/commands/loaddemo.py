from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lantern.accounts.models import User
from lantern.demo import load, services, statistics
from lantern.linkage.models import LinkageRun


class Command(BaseCommand):
    help = "Load the fictional demo organizations, accounts and cases (once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--cases", type=int, default=3000)
        parser.add_argument("--providers", type=int, default=250)
        parser.add_argument("--contacts", type=int, default=300)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--no-release", action="store_true",
                            help="do not link the records and publish a statistics release")

    def handle(self, *args: Any, cases: int, providers: int, contacts: int, seed: int,
               no_release: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is never loaded with LANTERN_MODE=production.")
        if load.is_loaded():
            raise CommandError("The demo data is already loaded.")
        with transaction.atomic():
            load.load_organizations_and_accounts()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"\r  cases: {done}/{total}", ending="")
            self.stdout.flush()

        made = load.load_cases(cases, seed=seed, progress=progress)
        self.stdout.write(f"\nLoaded {len(load.ORGANIZATIONS)} organizations, "
                          f"{len(load.ACCOUNTS)} accounts and {made} cases.")
        self.stdout.write("Loading the directory and the hotline…")
        services.load_directory(providers)
        services.load_hotline(contacts)
        self.stdout.write(f"Loaded {providers} providers and {contacts} hotline contacts.")
        if not no_release:
            self._publish_statistics()

    def _publish_statistics(self) -> None:
        self.stdout.write("Linking the records and publishing a statistics release…")
        run = statistics.link_records()
        if run.status != LinkageRun.Status.DONE:
            # Too few records to train the model, say: the release counts records instead.
            self.stdout.write(f"  linkage did not run ({run.failure}); records are counted "
                              "as people.")
        statistics.load_published_counts()
        release = statistics.publish_release(User.objects.get(username="statistician"))
        self.stdout.write(f"Published statistics release {release.period} "
                          "(the public dashboard shows it).")
