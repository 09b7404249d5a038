"""Pol.is's k-means with warm starts, and the silhouette that chooses the number of groups.

polis-spec.md §2.4. Points are 2-D projections; each point has a name (a participant id for the
base clusters, a base-cluster id for the groups) so that a clustering can be carried from one
update to the next while points are added and move.
"""

from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

# Lloyd iterations stop when every centre moved less than this (Pol.is's `same-clustering?`).
CONVERGENCE_DISTANCE = 0.01
# Above this many distance evaluations per step, nearest centres come from a k-d tree.
_TREE_THRESHOLD = 200_000


@dataclass(frozen=True)
class Clustering:
    """m clusters of n named points.

    ids: (m,) int64 cluster ids, increasing; they persist across updates.
    centres: (m, 2) float64.
    member_names: (n,) int64 name of each clustered point.
    member_clusters: (n,) int64 cluster id of each point, aligned with member_names.
    """

    ids: np.ndarray
    centres: np.ndarray
    member_names: np.ndarray
    member_clusters: np.ndarray

    @property
    def size(self) -> int:
        return len(self.ids)

    def labels_for(self, names: np.ndarray) -> np.ndarray:
        """(len(names),) index in `ids` of each name's cluster, -1 for names not clustered."""
        return _lookup(self.member_names, np.searchsorted(self.ids, self.member_clusters), names)

    def counts(self) -> np.ndarray:
        """(m,) number of points in each cluster."""
        return np.bincount(np.searchsorted(self.ids, self.member_clusters), minlength=self.size)


def empty_clustering() -> Clustering:
    return Clustering(
        ids=np.empty(0, dtype=np.int64),
        centres=np.empty((0, 2)),
        member_names=np.empty(0, dtype=np.int64),
        member_clusters=np.empty(0, dtype=np.int64),
    )


def _lookup(keys: np.ndarray, values: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """values[keys == q] for each query, -1 where absent (keys unique)."""
    result = np.full(len(queries), -1, dtype=np.int64)
    if len(keys) == 0 or len(queries) == 0:
        return result
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    position = np.clip(np.searchsorted(sorted_keys, queries), 0, len(keys) - 1)
    found = sorted_keys[position] == queries
    result[found] = values[order[position[found]]]
    return result


def nearest(points: np.ndarray, centres: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(n,) index of each point's nearest centre and (n,) its distance.

    On an exact tie the later centre wins, as in Pol.is (`min-key` keeps the last minimum).
    """
    if len(points) * len(centres) > _TREE_THRESHOLD:
        # The tree breaks exact ties arbitrarily; with thousands of points in general position
        # such ties do not occur.
        distance, index = cKDTree(centres).query(points)
        return index.astype(np.int64), distance
    squared = (points[:, None, 0] - centres[None, :, 0]) ** 2 + (
        points[:, None, 1] - centres[None, :, 1]
    ) ** 2
    last_minimum = squared.shape[1] - 1 - np.argmin(squared[:, ::-1], axis=1)
    return last_minimum.astype(np.int64), np.sqrt(squared[np.arange(len(points)), last_minimum])


def _weighted_means(
    points: np.ndarray, weights: np.ndarray, labels: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """(m, 2) weighted mean of the points of each label, and (m,) the count of points."""
    counts = np.bincount(labels, minlength=m)
    total = np.bincount(labels, weights=weights, minlength=m)
    centres = np.zeros((m, 2))
    occupied = total > 0
    for axis in range(2):
        sums = np.bincount(labels, weights=weights * points[:, axis], minlength=m)
        centres[occupied, axis] = sums[occupied] / total[occupied]
    return centres, counts


def _cold_start(points: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Ids 0..m-1 and the centres of the first k distinct points, in data order (Pol.is)."""
    _, first = np.unique(points, axis=0, return_index=True)
    first = np.sort(first)[:k]
    return np.arange(len(first), dtype=np.int64), points[first].astype(np.float64)


def _clean_start(
    points: np.ndarray,
    names: np.ndarray,
    weights: np.ndarray,
    previous: Clustering,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Carry the previous clusters to the new points (Pol.is's `clean-start-clusters`).

    1. Recentre each previous cluster on its members still present, at their new positions;
       drop clusters left empty.
    2. Merge clusters whose centres coincide exactly (the larger keeps its id).
    3. While there are fewer clusters than min(k, distinct points), move the point farthest from
       its nearest centre into a new cluster, id = largest id + 1.
    Returns (ids, centres).

    Step 3 stops early when the farthest point is at distance 0 from a centre: points can differ
    and still be at distance 0 once squared (coordinates of 1e-200 underflow), and splitting off
    such a point, alone in its cluster, only moves it from one cluster to another, for ever.
    """
    positions = np.searchsorted(previous.ids, previous.member_clusters)
    row_of_member = _lookup(names, np.arange(len(names), dtype=np.int64), previous.member_names)
    present = row_of_member >= 0
    labels = np.full(len(points), -1, dtype=np.int64)
    labels[row_of_member[present]] = positions[present]
    ids = previous.ids.copy()
    member = labels >= 0
    centres, counts = _weighted_means(points[member], weights[member], labels[member], len(ids))
    alive = counts > 0
    if not alive.any():
        labels[:] = -1
        labels[0] = 0
        return np.array([int(previous.ids.max()) + 1]), points[:1].astype(np.float64)
    ids, centres, counts, labels = _drop_empty(ids, centres, counts, labels, alive)
    ids, centres, counts, labels = _merge_identical(ids, centres, counts, labels)
    if len(ids) < k:
        target = min(k, len(np.unique(points, axis=0)))
        while len(ids) < target:
            _, distance = nearest(points, centres)
            farthest = len(distance) - 1 - int(np.argmax(distance[::-1]))
            if not distance[farthest] > 0:
                break
            labels[farthest] = len(ids)
            ids = np.append(ids, ids.max() + 1)
            member = labels >= 0
            centres, counts = _weighted_means(
                points[member], weights[member], labels[member], len(ids)
            )
            ids, centres, counts, labels = _drop_empty(ids, centres, counts, labels, counts > 0)
    return ids, centres


def _drop_empty(ids, centres, counts, labels, alive):
    if alive.all():
        return ids, centres, counts, labels
    new_position = np.cumsum(alive) - 1
    labels = np.where(labels >= 0, new_position[np.maximum(labels, 0)], -1)
    return ids[alive], centres[alive], counts[alive], labels


def _merge_identical(ids, centres, counts, labels):
    """Merge clusters with exactly equal centres; the larger one keeps its id (Pol.is `uniqify`)."""
    _, first, group = np.unique(centres, axis=0, return_index=True, return_inverse=True)
    group = group.ravel()
    if len(first) == len(ids):
        return ids, centres, counts, labels
    keep = np.zeros(len(ids), dtype=bool)
    survivor_of_group = {}
    for position in range(len(ids)):
        incumbent = survivor_of_group.get(group[position])
        if incumbent is None or counts[position] > counts[incumbent]:
            survivor_of_group[group[position]] = position
    for position in survivor_of_group.values():
        keep[position] = True
    survivor = np.array([survivor_of_group[group[position]] for position in range(len(ids))])
    merged_counts = np.bincount(survivor, weights=counts, minlength=len(ids))
    new_position = np.cumsum(keep) - 1
    labels = np.where(labels >= 0, new_position[survivor[np.maximum(labels, 0)]], -1)
    return ids[keep], centres[keep], merged_counts[keep].astype(np.int64), labels


def kmeans(
    points: np.ndarray,
    names: np.ndarray,
    k: int,
    *,
    weights: np.ndarray | None = None,
    previous: Clustering | None = None,
    max_iterations: int = 100,
) -> Clustering:
    """Weighted Lloyd k-means of named points (n, 2), warm-started from `previous` when given.

    Pol.is's rules (polis-spec §2.4): cold start on the first k distinct points in data order;
    warm start by `clean-start-clusters`; each step assigns every point to its nearest centre,
    moves each centre to the weighted mean of its points and drops empty clusters; stop when no
    centre moved by CONVERGENCE_DISTANCE or after `max_iterations` steps.
    """
    names = np.asarray(names, dtype=np.int64)
    if len(points) == 0 or k < 1:
        return empty_clustering()
    weights = np.ones(len(points)) if weights is None else np.asarray(weights, dtype=np.float64)
    if previous is None or previous.size == 0:
        ids, centres = _cold_start(points, k)
    else:
        ids, centres = _clean_start(points, names, weights, previous, k)
    ids, centres, labels = _lloyd(points, weights, ids, centres, max(max_iterations, 1))
    return Clustering(
        ids=ids, centres=centres, member_names=names.copy(), member_clusters=ids[labels]
    )


def _two_nearest(points: np.ndarray, centres: np.ndarray):
    """(n,) nearest centre, (n,) its distance, (n,) the distance to the second nearest (inf if
    there is one centre). Ties go to the later centre, as in `nearest`."""
    if len(centres) < 2:
        index, distance = nearest(points, centres)
        return index, distance, np.full(len(points), np.inf)
    if len(points) * len(centres) > _TREE_THRESHOLD:
        distance, index = cKDTree(centres).query(points, k=2)
        return index[:, 0].astype(np.int64), distance[:, 0], distance[:, 1]
    squared = (points[:, None, 0] - centres[None, :, 0]) ** 2 + (
        points[:, None, 1] - centres[None, :, 1]
    ) ** 2
    first = squared.shape[1] - 1 - np.argmin(squared[:, ::-1], axis=1)
    rows = np.arange(len(points))
    nearest_squared = squared[rows, first]
    squared[rows, first] = np.inf
    return first.astype(np.int64), np.sqrt(nearest_squared), np.sqrt(squared.min(axis=1))


def _lloyd(points, weights, ids, centres, max_iterations):
    """Lloyd's iterations with Hamerly's bounds (Hamerly 2010, "Making k-means even faster").

    Each point keeps an upper bound u on the distance to its centre and a lower bound l on the
    distance to any other; when centres move, u grows by its centre's move and l shrinks by the
    largest other move. A point whose u is below max(l, half the distance from its centre to the
    nearest other centre) cannot change cluster and is not looked at: the assignments are those
    of plain Lloyd iterations, at a fraction of the cost once few points move.
    Returns (ids, centres, labels) with labels indexing ids.
    """
    labels, upper, lower = _two_nearest(points, centres)
    for iteration in range(max_iterations):
        new_centres, counts = _weighted_means(points, weights, labels, len(ids))
        alive = counts > 0
        last = iteration == max_iterations - 1
        if not alive.all():
            ids, centres, _, labels = _drop_empty(ids, new_centres, counts, labels, alive)
            if not last:
                labels, upper, lower = _two_nearest(points, centres)
            continue
        moved = np.hypot(*(new_centres - centres).T)
        centres = new_centres
        if moved.max() < CONVERGENCE_DISTANCE or last:
            break  # the labels are the step's assignment, the centres their means
        upper = upper + moved[labels]
        if len(moved) > 1:
            largest = int(np.argmax(moved))
            second = np.partition(moved, -2)[-2]
            lower = lower - np.where(labels == largest, second, moved[largest])
        between = distance_matrix(centres)
        np.fill_diagonal(between, np.inf)
        bound = np.maximum(lower, 0.5 * between.min(axis=1)[labels])
        suspect = np.flatnonzero(upper > bound)
        if suspect.size:
            upper[suspect] = np.hypot(*(points[suspect] - centres[labels[suspect]]).T)
            suspect = suspect[upper[suspect] > bound[suspect]]
        if suspect.size:
            labels[suspect], upper[suspect], lower[suspect] = _two_nearest(points[suspect], centres)
    return ids, centres, labels


def distance_matrix(points: np.ndarray) -> np.ndarray:
    """(n, n) Euclidean distances between points (n, 2)."""
    return np.hypot(
        points[:, None, 0] - points[None, :, 0], points[:, None, 1] - points[None, :, 1]
    )


def silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette of labelled points, from their (n, n) distances, unweighted.

    Pol.is scores the base-cluster centres, each counting once. s_i = (b_i - a_i) / max(a_i, b_i),
    a_i the mean distance to the other points of i's cluster, b_i the smallest mean distance to
    another cluster's points; s_i = 0 for a point alone in its cluster. A single cluster scores 0.
    """
    n = len(labels)
    clusters, labels = np.unique(labels, return_inverse=True)
    labels = labels.ravel()
    if n < 2 or len(clusters) < 2:
        return 0.0
    membership = np.zeros((n, len(clusters)))
    membership[np.arange(n), labels] = 1.0
    sums = distances @ membership  # (n, k) summed distance to each cluster's points
    sizes = membership.sum(axis=0)
    own_size = sizes[labels]
    a = np.divide(sums[np.arange(n), labels], own_size - 1, out=np.zeros(n), where=own_size > 1)
    means = sums / sizes
    means[np.arange(n), labels] = np.inf
    b = means.min(axis=1)
    denominator = np.maximum(a, b)
    scores = np.divide(b - a, denominator, out=np.zeros(n), where=denominator > 0)
    scores[own_size == 1] = 0.0
    return float(scores.mean())
