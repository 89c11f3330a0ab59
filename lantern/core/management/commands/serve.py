from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve Lantern over HTTP with gunicorn (static files through WhiteNoise)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000", help="host:port to listen on")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--no-access-log", action="store_true",
                            help="log no line per request (when the proxy in front logs them)")

    def handle(self, *args: Any, bind: str, workers: int, no_access_log: bool,
               **options: Any) -> None:
        argv = [sys.executable, "-m", "gunicorn", "lantern.wsgi:application",
                "--bind", bind, "--workers", str(workers)]
        if not no_access_log:
            # Query strings can carry search terms; the access log keeps the path only.
            argv += ["--access-logfile", "-",
                     "--access-logformat", '%(h)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms']
        os.execv(sys.executable, argv)  # noqa: S606 - our own interpreter, fixed arguments
