"""Ids of cases and persons: time-ordered UUIDs (version 7, RFC 9562).

A version 4 UUID is random, so each new row lands on a random page of every index that
starts with it: the primary key of a case and the codes that point to it. Once those indexes
outgrow the database's cache, every insert reads and rewrites a page of its own; a
million-row import spent most of its time there (docs/performance.md). A version 7 UUID
starts with the time in milliseconds, so new rows land next to each other, at the end of
each index.

What it tells: the millisecond the record was created, which cases and persons also store
in the clear (``created_at``). The rest is a counter, which keeps the ids made in one
millisecond in order, and 32 random bits: ids made in the same import are close to one
another. No page, export or API gives access by id alone: every lookup checks the reader's
organization and permissions, and nothing published carries these ids (docs/decisions/0009).
"""

from __future__ import annotations

import uuid

from uuid_utils import compat


def time_ordered_id() -> uuid.UUID:
    """A new version 7 UUID; ids made later in the same process sort after it."""
    return compat.uuid7()
