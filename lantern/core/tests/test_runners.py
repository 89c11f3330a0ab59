"""Whether a run may still be at work, as another process on this machine sees it: by its
process (alive, killed, killed and not yet waited for, or a later one with its id), and,
for a run elsewhere, by its heartbeat."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from lantern.core import runners

STALL = dt.timedelta(minutes=15)

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/stat"),
                                reason="process start times are read from /proc")


def _wait_until_ended(pid: int) -> None:
    """Until the process is a zombie (killed, not yet waited for)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        if state in ("Z", "X"):
            return
        time.sleep(0.01)
    raise AssertionError("the child did not end")


def test_a_process_is_at_work_until_it_is_killed_even_before_it_is_waited_for():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        name = runners.name(child.pid)
        assert runners.may_be_at_work(name, None, STALL)
        os.kill(child.pid, signal.SIGKILL)
        _wait_until_ended(child.pid)
        assert not runners.may_be_at_work(name, None, STALL), "a zombie is not at work"
    finally:
        child.kill()
        child.wait()
    assert not runners.may_be_at_work(name, timezone.now(), STALL)


def test_a_later_process_with_the_same_id_is_not_the_run():
    place, pid, started, token = runners.name().split("|")
    assert runners.may_be_at_work(f"{place}|{pid}|{started}|{token}", None, STALL)
    assert not runners.may_be_at_work(f"{place}|{pid}|{int(started) + 1}|{token}", None, STALL)


def test_a_run_elsewhere_is_at_work_while_its_heartbeat_is_fresh():
    elsewhere = "another-machine/1|4242|17|cafe"
    now = timezone.now()
    assert runners.may_be_at_work(elsewhere, now - dt.timedelta(minutes=14), STALL, now)
    assert not runners.may_be_at_work(elsewhere, now - dt.timedelta(minutes=16), STALL, now)
    assert not runners.may_be_at_work(elsewhere, None, STALL, now)
