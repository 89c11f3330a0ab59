from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lantern.demo import load


class Command(BaseCommand):
    help = ("Start the demo: migrate the database, load the demo data once, then run the "
            "web server at http://127.0.0.1:8000 and the background worker.")

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--cases", type=int, default=3000)
        parser.add_argument("--no-serve", action="store_true",
                            help="prepare the data and print the accounts, then stop")

    def handle(self, *args: Any, bind: str, cases: int, no_serve: bool, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("lantern demo refuses to run with LANTERN_MODE=production.")
        call_command("compilecatalogue", verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        if not load.is_loaded():
            self.stdout.write("Loading the demo data (fictional people only)…")
            call_command("loaddemo", cases=cases)
        self._print_accounts(bind)
        if no_serve:
            return
        lantern = [sys.executable, "-m", "lantern.cli"]
        worker = subprocess.Popen([*lantern, "worker"])  # noqa: S603
        server = subprocess.Popen([*lantern, "serve", "--bind", bind])  # noqa: S603
        try:
            server.wait()
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker):
                process.send_signal(signal.SIGTERM)
            for process in (server, worker):
                process.wait(timeout=15)

    def _print_accounts(self, bind: str) -> None:
        w = self.stdout.write
        w("")
        w(f"Lantern demo: http://{bind}/en/  (français : http://{bind}/fr/)")
        w(f"Every account's password: {load.DEMO_PASSWORD}")
        w("Accounts that can see identities also need a code from an authenticator;")
        w("print the current code with:  .venv/bin/lantern democode USERNAME")
        w("")
        w(f"  {'username':<15} {'organization':<28} roles")
        for account in load.ACCOUNTS:
            roles = ", ".join(role.label for role in account.roles)
            w(f"  {account.username:<15} {account.org:<28} {roles}")
        w("")
