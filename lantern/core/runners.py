"""Who carries out a piece of background work (an import, a linkage run), and whether it may
still be at work.

A run records its name when it takes the work: the machine, the process id and a random
token (two runs in one process differ). A process that was killed cannot say it stopped, so
another run asks: a run on this machine whose process is gone has stopped; otherwise, a run
that has shown no sign of work (its heartbeat) for longer than the work allows is taken to
have stopped. Work that can be taken over must still check, before each commit, that its run
holds it: the answer here can be wrong for a process that hangs and then wakes.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket

from django.utils import timezone


def _host() -> str:
    return socket.gethostname()[:60]


def name() -> str:
    """A new run's name: ``host:pid:token``."""
    return f"{_host()}:{os.getpid()}:{secrets.token_hex(4)}"


def may_be_at_work(runner: str, heartbeat_at: dt.datetime | None, stall: dt.timedelta,
                   now: dt.datetime | None = None) -> bool:
    """Whether the run named ``runner``, last seen at work at ``heartbeat_at``, may still be
    at work: not if its process on this machine is gone, nor if it has shown no sign of work
    for ``stall``."""
    host, _, rest = runner.partition(":")
    pid = rest.partition(":")[0]
    if host == _host() and pid.isdigit():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass  # a process of another user: alive
    if heartbeat_at is None:
        return False
    return (now or timezone.now()) - heartbeat_at < stall
