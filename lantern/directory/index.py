"""The public directory, held in memory by each server process for the "find help" search.

A search used to ask the database for every site near the city and measure the distances in
Python: about 30 ms of CPU a search. The public directory is small (thousands of entries)
and changes rarely, so each process keeps a read-only copy of it: the public entries with
their sites and codes, and numpy arrays to filter them and measure distances. A search then
runs no query at all.

How the copy follows the database:

- Every save or delete of an entry, a site or an organization, wherever it is made, gives
  the directory a new generation (a row added to ``DirectoryGeneration``) in the writer's
  transaction, and
  drops the generation this process last checked, so its next search reloads the copy.
  (An entry's codes change only with a save of the entry.)
- Every other process reads the generation again within ``LANTERN_DIRECTORY_CHECK_SECONDS``
  (one row), or at once if the cache is shared between processes.
- The 12-month rule is applied at each search to each entry's last confirmation, so an
  entry leaves the search when it goes stale, with no write at all.

A write that sends no model signal (``bulk_create``, ``QuerySet.update``, raw SQL) must call
``directory_changed()`` itself.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from lantern.directory.access import public_providers, stale_before
from lantern.directory.models import DirectoryGeneration, Provider, ProviderCode, Site

GENERATION_KEY = "directory:generation"
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.intp]]


@dataclass(eq=False)
class DirectoryIndex:
    """The public entries in the search's order (by name), their sites grouped by entry,
    and one array or mask per thing a search filters on. Positions index the arrays."""

    generation: str
    providers: list[Provider]
    codes: list[dict[str, list[str]]]  # per entry: vocabulary -> codes, in stored order
    verified_at: FloatArray  # timestamp of each entry's last confirmation
    open_24_7: BoolArray
    code_masks: dict[tuple[str, str], BoolArray]  # (vocabulary, code) -> entries with it
    province_masks: dict[str, BoolArray]  # province -> entries with a site there
    sites: list[Site]  # grouped by entry, each entry's in name order
    site_entry: IntArray  # entry position of each site (non-decreasing)
    site_latitude: FloatArray
    site_longitude: FloatArray
    site_province_masks: dict[str, BoolArray]
    sites_of: list[list[int]]  # per entry: its site positions
    # Result cards drawn for this copy (lantern.directory.pages), per entry, site and language.
    cards: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    def none(self) -> BoolArray:
        return np.zeros(len(self.providers), dtype=bool)

    def visible(self) -> BoolArray:
        """Entries confirmed in the last 12 months (as ``access.public_providers``)."""
        return self.verified_at >= stale_before().timestamp()


def _mask(size: int, positions: list[int]) -> BoolArray:
    mask = np.zeros(size, dtype=bool)
    mask[positions] = True
    return mask


def _timestamp(provider: Provider) -> float:
    confirmed = provider.last_verified_at
    return confirmed.timestamp() if confirmed is not None else float("-inf")


def build(generation: str) -> DirectoryIndex:
    """Load the public directory as it is now."""
    providers = list(public_providers().select_related("organization"))
    position = {provider.pk: i for i, provider in enumerate(providers)}
    size = len(providers)
    codes: list[dict[str, list[str]]] = [defaultdict(list) for _ in providers]
    by_code: dict[tuple[str, str], list[int]] = defaultdict(list)
    for provider_id, vocabulary, code in (
            ProviderCode.objects.filter(provider__in=public_providers().values("pk"))
            .order_by("id").values_list("provider_id", "vocabulary", "code")):
        if provider_id in position:  # one confirmed between the two queries is left out
            codes[position[provider_id]][vocabulary].append(code)
            by_code[(vocabulary, code)].append(position[provider_id])
    # Sites come in name order; a stable sort by entry keeps that order within each entry.
    sites = sorted((site for site in Site.objects.filter(
        provider__in=public_providers().values("pk")) if site.provider_id in position),
        key=lambda site: position[site.provider_id])
    site_entry = np.array([position[site.provider_id] for site in sites], dtype=np.intp)
    sites_of: list[list[int]] = [[] for _ in providers]
    by_province: dict[str, list[int]] = defaultdict(list)
    for i, site in enumerate(sites):
        sites_of[site_entry[i]].append(i)
        by_province[site.province].append(i)
    return DirectoryIndex(
        generation=generation, providers=providers, codes=[dict(c) for c in codes],
        verified_at=np.array([_timestamp(p) for p in providers], dtype=np.float64),
        open_24_7=np.array([p.open_24_7 for p in providers], dtype=bool),
        code_masks={key: _mask(size, found) for key, found in by_code.items()},
        province_masks={province: _mask(size, sorted({int(site_entry[i]) for i in found}))
                        for province, found in by_province.items()},
        sites=sites, site_entry=site_entry,
        site_latitude=np.array([site.latitude for site in sites], dtype=np.float64),
        site_longitude=np.array([site.longitude for site in sites], dtype=np.float64),
        site_province_masks={province: _mask(len(sites), found)
                             for province, found in by_province.items()},
        sites_of=sites_of,
    )


# --- Keeping the copy current ---------------------------------------------------------------

_lock = threading.Lock()
_current: DirectoryIndex | None = None


def _stored_generation() -> str:
    newest = DirectoryGeneration.objects.order_by("-pk").values_list("token", flat=True).first()
    return f"{DirectoryGeneration.objects.count()}:{newest}"


def current() -> DirectoryIndex:
    """This process's copy of the public directory, reloaded if the directory changed."""
    global _current
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = _stored_generation()
        cache.set(GENERATION_KEY, generation, settings.LANTERN_DIRECTORY_CHECK_SECONDS)
    index = _current
    if index is None or index.generation != generation:
        with _lock:  # one load at a time, in a threaded server
            if _current is None or _current.generation != generation:
                _current = build(generation)
            index = _current
    return index


def _forget_checked_generation() -> None:
    cache.delete(GENERATION_KEY)


def directory_changed() -> None:
    """Give the directory a new generation, in the caller's transaction: every process
    reloads its copy (this one at its next search, the others within the check interval)."""
    DirectoryGeneration.objects.create()
    _forget_checked_generation()
    # Again after the commit: a search between the write and its commit may have read the
    # old generation (in a threaded server), and a shared cache tells every process.
    transaction.on_commit(_forget_checked_generation)


def on_directory_write(sender: type, **kwargs: Any) -> None:
    """Signal receiver (post_save, post_delete) for the models the public directory shows."""
    directory_changed()
