"""From scored pairs to people: clustering that does not chain, and ids that stay.

Connected components alone chain: if A looks like B and B like C, A and C end up one person
even when A and C plainly differ. Here connected components only propose groups; inside every
group of three or more records each pair is scored, and average-linkage clustering keeps two
parts together only if, on average, their records match. A decision of a data steward ("these
two are one person", "these two are not") overrides the score, and a cannot-link is absolute.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

# A distance so large that no average over a realistic group can come under the threshold.
_APART = 1e9


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            root = self.find(parent)
            self.parent[item] = root
            return root
        return item

    def union(self, left: int, right: int) -> None:
        root_l, root_r = self.find(left), self.find(right)
        if root_l != root_r:
            self.parent[max(root_l, root_r)] = min(root_l, root_r)

    def groups(self) -> dict[int, list[int]]:
        groups: dict[int, list[int]] = defaultdict(list)
        for item in list(self.parent):
            groups[self.find(item)].append(item)
        return groups


def components(edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the graph of ``edges`` (isolated records are not listed)."""
    found = UnionFind()
    for left, right in edges:
        found.union(left, right)
    return [sorted(members) for members in found.groups().values()]


def split_group(
    members: list[int],
    probability: Mapping[tuple[int, int], float],
    threshold: float,
    apart: Callable[[int, int], bool] = lambda left, right: False,
) -> list[list[int]]:
    """Average-linkage clustering of one group, every pair scored (missing pairs score 0).

    ``apart(a, b)`` says two records may never be one person (a steward's split, or two
    records of a source that holds each person once).
    """
    size = len(members)
    if size == 1:
        return [members]
    distance = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            left, right = members[i], members[j]
            key = (left, right) if left < right else (right, left)
            value = _APART if apart(left, right) else 1.0 - probability.get(key, 0.0)
            distance[i][j] = distance[j][i] = value
    limit = 1.0 - threshold
    if all(value <= limit for row in distance for value in row):
        return [members]  # every pair matches: average linkage would keep them all
    if size <= SMALL_GROUP:
        return [[members[i] for i in part] for part in _average_linkage(distance, limit)]
    tree = linkage(squareform(np.array(distance), checks=False), method="average")
    labels = fcluster(tree, t=limit, criterion="distance")
    parts: dict[int, list[int]] = defaultdict(list)
    for member, label in zip(members, labels, strict=True):
        parts[int(label)].append(member)
    return list(parts.values())


# Up to this size a plain loop is quicker than SciPy's checks and conversions.
SMALL_GROUP = 12


def _average_linkage(distance: list[list[float]], limit: float) -> list[list[int]]:
    """The same average linkage as SciPy's, written out for a few records (indexes)."""
    parts = [[index] for index in range(len(distance))]
    while len(parts) > 1:
        best, best_pair = limit, None
        for i in range(len(parts)):
            for j in range(i + 1, len(parts)):
                total = sum(distance[a][b] for a in parts[i] for b in parts[j])
                average = total / (len(parts[i]) * len(parts[j]))
                if average <= best:
                    best, best_pair = average, (i, j)
        if best_pair is None:
            break
        i, j = best_pair
        parts[i] = parts[i] + parts[j]
        del parts[j]
    return parts


def stable_ids(
    clusters: Iterable[list[str]],
    previous: Mapping[str, str],
    new_id: Callable[[list[str]], str] | None = None,
) -> dict[str, str]:
    """A person id for every record, keeping the ids of an earlier run where it can.

    Each earlier id goes to the new cluster holding most of its records (ties: the smaller
    id); a cluster left without one gets ``new_id(members)``, by default a hash of its
    smallest record id, so a re-run without history still gives the same ids.
    """
    new_id = new_id or default_person_id
    clusters = [sorted(members) for members in clusters]
    candidates = []
    for index, members in enumerate(clusters):
        counts = Counter(previous[record] for record in members if record in previous)
        for person_id, overlap in counts.items():
            candidates.append((-overlap, person_id, index))
    candidates.sort()
    chosen: dict[int, str] = {}
    taken: set[str] = set()
    for _overlap, person_id, index in candidates:
        if index not in chosen and person_id not in taken:
            chosen[index] = person_id
            taken.add(person_id)
    assignment: dict[str, str] = {}
    for index, members in enumerate(clusters):
        known = chosen.get(index)
        if known is not None:
            person_id = known
        else:
            person_id = new_id(members)
            while person_id in taken:
                person_id = new_id([person_id, *members])
            taken.add(person_id)
        for record in members:
            assignment[record] = person_id
    return assignment


def default_person_id(members: list[str]) -> str:
    digest = hashlib.sha256(members[0].encode("utf-8")).hexdigest()
    return f"LP-{digest[:12].upper()}"
