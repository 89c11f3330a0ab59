from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker (django-tasks with the database backend; no broker)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds between polls of the task table")
        parser.add_argument("--max-tasks", type=int, default=None,
                            help="stop after this many tasks")
        parser.add_argument("--batch", action="store_true",
                            help="run every task waiting now, then stop (for cron and tests)")

    def handle(self, *args: Any, interval: float, max_tasks: int | None, batch: bool,
               **options: Any) -> None:
        extra = ["--max-tasks", str(max_tasks)] if max_tasks else []
        if batch:
            extra.append("--batch")
        call_command("db_worker", "--interval", str(interval), "--no-startup-delay",
                     "--no-reload", *extra, verbosity=options.get("verbosity", 1))
