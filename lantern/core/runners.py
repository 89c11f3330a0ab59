"""Who carries out a piece of background work (an import, a linkage run), and whether it may
still be at work.

A run records its name when it takes the work: where it runs (the machine's name and, on
Linux, its process namespace: containers of one pod share a name, not their processes), its
process id and that process's start time, and a random token (two runs in one process
differ). A process that was killed cannot say it stopped, so another run asks: a run where
this one runs is at work as long as its process is (the same id, started at the same time:
not a later process that got its id, where /proc shows start times; not a zombie); a run
elsewhere is taken to be at work as long as it has shown a sign of work (its heartbeat)
within the time the work allows. Work that can be taken over must still check, before each
commit, that its run holds it: a run elsewhere may be slower than its heartbeat says.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone


def _place() -> str:
    """Where this process runs: the machine's name and, where it can be read, the process
    namespace (so that two containers of one pod are two places)."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:").strip("[]")
    except OSError:
        namespace = ""
    return f"{socket.gethostname()[:60]}/{namespace}"


def _started(pid: int) -> str:
    """When the process ``pid`` started (clock ticks since boot), or "" if that cannot be
    read (no /proc, or /proc hides other users' processes); raises ProcessLookupError if
    there is no such process, or only its remains (a zombie, not yet waited for)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        if Path("/proc/self/stat").exists() and not Path("/proc").joinpath(str(pid)).exists():
            raise ProcessLookupError(pid) from None
        return ""
    except OSError:
        return ""
    # The command name, in parentheses, may hold spaces; the fields after it do not.
    fields = stat.rpartition(")")[2].split()
    if fields[0] in ("Z", "X"):  # ended: a zombie, or dead
        raise ProcessLookupError(pid)
    return fields[19]


def name(pid: int | None = None) -> str:
    """A new run's name, ``place|pid|start|token``: of this process, or of process ``pid``
    where this one runs."""
    pid = os.getpid() if pid is None else pid
    try:
        started = _started(pid)
    except ProcessLookupError:  # gone, or no /proc: start times are not compared
        started = ""
    return f"{_place()}|{pid}|{started}|{secrets.token_hex(4)}"


def _process_alive(pid: int, started: str) -> bool:
    # Signal 0 only asks whether the process exists (POSIX; on Windows this would end it,
    # and Lantern does not run there).
    other_user = False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        other_user = True  # it exists, and /proc may hide it from us
    try:
        now = _started(pid)
    except ProcessLookupError:
        return other_user
    # Without /proc (or with it hiding the process) start times cannot be compared: a
    # process with the id is taken for the run's.
    return not started or not now or now == started


def may_be_at_work(runner: str, heartbeat_at: dt.datetime | None, stall: dt.timedelta,
                   now: dt.datetime | None = None) -> bool:
    """Whether the run named ``runner``, last seen at work at ``heartbeat_at``, may still be
    at work: where this process runs, as long as its process is alive; elsewhere, if it has
    shown a sign of work within ``stall``."""
    place, pid, started, _token = [*runner.split("|"), "", "", "", ""][:4]
    if place == _place() and pid.isdigit():
        return _process_alive(int(pid), started)
    if heartbeat_at is None:
        return False
    return (now or timezone.now()) - heartbeat_at < stall


class TakenOver(Exception):
    """Another run took the work over: this one may commit nothing more."""


def still_held(held: QuerySet[Any], **fields: Any) -> None:
    """Write ``fields`` and a new heartbeat to the work if this run still holds it: ``held``
    selects the work only under that condition (its run, its status). Otherwise raise
    ``TakenOver``; inside a transaction, what it was to commit is then undone."""
    if not held.update(heartbeat_at=timezone.now(), **fields):
        raise TakenOver
