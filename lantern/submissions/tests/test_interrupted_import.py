"""An import killed with SIGKILL mid-way, and run again, ends with exactly the file's rows."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from lantern import testing
from lantern.cases.models import Case
from lantern.submissions.models import SourceRecord, Submission

pytestmark = pytest.mark.django_db(transaction=True)
# Many batches after the first, so that the kill comes well before the end even when the
# test's process is slow to see the first one committed.
ROWS = 30_000


def _database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
        return f"postgres://{settings['USER']}@{host}:{port}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"


def _start(path: Path, org_code: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": _database_url()}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.Popen(  # noqa: S603 - our own CLI
        [sys.executable, "-m", "lantern.cli", "import", str(path), "--org", org_code,
         "--entity", "case"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_kill_minus_nine_then_rerun_loses_and_doubles_nothing(tmp_path):
    org = testing.make_org()
    path = tmp_path / "cases.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source_record_id", "opened_on", "trafficking_status"])
        writer.writerows([f"K-{n:05d}", "2024-01-05", "possible"] for n in range(ROWS))
    first = _start(path, org.code)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        submission = Submission.objects.filter(organization=org).first()
        if submission is not None and submission.checkpoint >= 1000:
            break
        time.sleep(0.01)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=30)
    interrupted = Submission.objects.get(organization=org)
    assert interrupted.status == Submission.Status.RUNNING, "the import ended before the kill"
    assert 1000 <= interrupted.checkpoint < ROWS
    second = _start(path, org.code)
    assert second.wait(timeout=600) == 0, second.stderr.read() if second.stderr else ""
    resumed = Submission.objects.get(organization=org)
    assert resumed.pk == interrupted.pk and resumed.status == Submission.Status.DONE
    assert resumed.rows_stored == ROWS and resumed.rows_rejected == 0
    assert Case.objects.filter(organization=org).count() == ROWS
    assert SourceRecord.objects.filter(organization=org).count() == ROWS
