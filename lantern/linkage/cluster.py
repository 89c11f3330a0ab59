"""From scored pairs to people: clustering that does not chain, and ids that stay.

Connected components alone chain: if A looks like B and B like C, A and C end up one person
even when A and C plainly differ. Here connected components only propose groups; inside every
group each pair is scored, and average-linkage clustering keeps two parts together only if, on
average, their records match. A decision of a data steward ("these two are one person",
"these two are not") overrides the score, and a cannot-link is absolute.

Groups are many (hundreds of thousands in a file of a million records) and mostly small, so
they are clustered together, all groups of one size at a time, in arrays.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping

import numpy as np
import numpy.typing as npt
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# A distance so large that no average over a realistic group can come under the threshold.
APART = 1e9

# Groups up to this size are clustered together in arrays; larger ones, rare, one by one.
_BATCHED_SIZE = 64

Indexes = npt.NDArray[np.int64]
Distances = npt.NDArray[np.float64]


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


def component_labels(count: int, left: Indexes, right: Indexes) -> Indexes:
    """The connected component of each of ``count`` nodes (0 … count - 1), edges given as two
    arrays of node numbers; a node without edges is a component of its own."""
    graph = coo_matrix(
        (np.ones(len(left), dtype=np.int8), (left, right)), shape=(count, count)
    ).tocsr()
    _count, labels = connected_components(graph, directed=False)
    return labels.astype(np.int64)


def bounded_groups(
    count: int,
    left: Indexes,
    right: Indexes,
    probability: Distances,
    threshold: float,
    largest: int,
) -> Indexes:
    """Groups to split by average linkage: connected components of the pairs at ``threshold``,
    none larger than ``largest`` records where it can be helped.

    Every pair inside a group is compared, so a group of n records costs n² / 2 pairs. On a
    large file common names and shared phones chain tens of thousands of records into one
    component, which no one person has. Such a component is split again by the components
    of its stronger pairs, the odds required ten times higher each round, until its parts are
    small enough; a part still larger once only certain pairs are left (the same record sent
    many times) stays whole.
    """
    labels = component_labels(count, left, right)
    odds = threshold / (1.0 - threshold)
    while True:
        large = np.bincount(labels)[labels] > largest
        odds *= 10.0
        if not large.any() or odds > 1e15:
            return labels
        stronger = (
            large[left] & (labels[left] == labels[right]) & (probability >= odds / (1.0 + odds))
        )
        parts = component_labels(count, left[stronger], right[stronger])
        labels = np.unique(np.where(large, parts + count, labels), return_inverse=True)[1]


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
    distance = []
    for i, left in enumerate(members):
        for right in members[i + 1 :]:
            key = (left, right) if left < right else (right, left)
            distance.append(APART if apart(left, right) else 1.0 - probability.get(key, 0.0))
    first = average_linkage(
        np.array([len(members)]), np.array(distance, dtype=np.float64), 1.0 - threshold
    )
    parts: dict[int, list[int]] = defaultdict(list)
    for member, part in zip(members, first.tolist(), strict=True):
        parts[part].append(member)
    return list(parts.values())


def average_linkage(sizes: Indexes, distance: Distances, limit: float) -> Indexes:
    """Average-linkage clustering of many groups at once, cut at the distance ``limit``.

    ``sizes`` are the groups' sizes, ``distance`` their condensed distance matrices one after
    the other (SciPy's order: (0, 1), (0, 2), …, (1, 2), …). Two parts are merged while the
    average distance between their records is at most ``limit``. Returns, for every member of
    every group in turn, the position in its group of the first member of its part.
    """
    pairs = sizes * (sizes - 1) // 2
    member_start = np.cumsum(sizes) - sizes
    pair_start = np.cumsum(pairs) - pairs
    first = np.empty(int(sizes.sum()), dtype=np.int64)
    for size in np.unique(sizes).tolist():
        chosen = np.flatnonzero(sizes == size)
        members = member_start[chosen][:, None] + np.arange(size)
        condensed = distance[pair_start[chosen][:, None] + np.arange(size * (size - 1) // 2)]
        if size <= _BATCHED_SIZE:
            first[members] = _average_linkage_of_equal_groups(condensed, size, limit)
            continue
        for rows, group in zip(members, condensed, strict=True):
            first[rows] = _average_linkage_of_one_group(group, limit)
    return first


def _average_linkage_of_equal_groups(condensed: Distances, size: int, limit: float) -> Indexes:
    """Average linkage of groups of ``size`` records each, one group a row, side by side.

    Each step merges, in every group still merging, its two closest parts (ties: the last
    pair in order), the distance from the merged part to the others being the average of the
    two, weighted by their sizes (Lance and Williams). A part keeps the number of its first
    member; a merged part's row and column become infinite, so it is never chosen again.
    """
    count = len(condensed)
    upper_i, upper_j = np.triu_indices(size, k=1)
    last = len(upper_i) - 1
    full = np.full((count, size, size), np.inf)
    full[:, upper_i, upper_j] = condensed
    full[:, upper_j, upper_i] = condensed
    weight = np.ones((count, size))
    first = np.tile(np.arange(size), (count, 1))
    merging = np.arange(count)
    for _step in range(size - 1):
        # Ties are common (pairs that agree alike score alike); the last pair is the one
        # earlier versions chose, so their results stay.
        nearest = last - full[merging][:, upper_i[::-1], upper_j[::-1]].argmin(axis=1)
        a, b = upper_i[nearest], upper_j[nearest]
        close = full[merging, a, b] <= limit
        merging, a, b = merging[close], a[close], b[close]
        if not len(merging):
            break
        weight_a, weight_b = weight[merging, a][:, None], weight[merging, b][:, None]
        merged = (weight_a * full[merging, a] + weight_b * full[merging, b]) / (weight_a + weight_b)
        merged[np.arange(len(merging)), a] = np.inf
        full[merging, a, :] = merged
        full[merging, :, a] = merged
        full[merging, b, :] = np.inf
        full[merging, :, b] = np.inf
        weight[merging, a] += weight[merging, b]
        rows = first[merging]
        first[merging] = np.where(rows == b[:, None], a[:, None], rows)
    return first


def _average_linkage_of_one_group(condensed: Distances, limit: float) -> Indexes:
    """SciPy's average linkage of one large group (among equally close pairs, its own choice)."""
    tree = linkage(condensed, method="average")
    labels = fcluster(tree, t=limit, criterion="distance")
    _labels, first = np.unique(labels, return_index=True)
    lookup = dict(zip(_labels.tolist(), first.tolist(), strict=True))
    return np.array([lookup[label] for label in labels.tolist()], dtype=np.int64)


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
        # Most clusters of a large file hold no earlier record: no count for them.
        known = [previous[record] for record in members if record in previous]
        if known:
            for person_id, overlap in Counter(known).items():
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
        known_id = chosen.get(index)
        if known_id is not None:
            person_id = known_id
        else:
            person_id = new_id(members)
            while person_id in taken:
                person_id = new_id([person_id, *members])
            taken.add(person_id)
        assignment.update(dict.fromkeys(members, person_id))
    return assignment


def default_person_id(members: list[str]) -> str:
    digest = hashlib.sha256(members[0].encode("utf-8")).hexdigest()
    return f"LP-{digest[:12].upper()}"
