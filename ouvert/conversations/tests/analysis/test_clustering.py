import signal
from contextlib import contextmanager

import numpy as np
import pytest

from ouvert.conversations.analysis.clustering import (
    Clustering,
    distance_matrix,
    kmeans,
    nearest,
    silhouette,
)

POINTS = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0], [0.0, 0.5]])
NAMES = np.array([100, 101, 102, 103, 104])


def test_cold_start_takes_the_first_distinct_points_in_data_order():
    points = np.array([[5.0, 5.0], [5.0, 5.0], [0.0, 0.0], [9.0, 9.0]])
    clustering = kmeans(points, np.arange(4), 2, max_iterations=1)
    # Centres start at (5, 5) and (0, 0): one step assigns (9, 9) to (5, 5).
    assert clustering.ids.tolist() == [0, 1]
    assert clustering.centres[0] == pytest.approx([(5 + 5 + 9) / 3, (5 + 5 + 9) / 3])
    assert clustering.centres[1] == pytest.approx([0.0, 0.0])


def test_two_clusters_are_found_and_centres_are_weighted_means():
    weights = np.array([1.0, 3.0, 1.0, 1.0, 1.0])
    clustering = kmeans(POINTS, NAMES, 2, weights=weights)
    labels = clustering.labels_for(NAMES)
    assert labels[0] == labels[1] == labels[4] != labels[2] == labels[3]
    left = clustering.centres[labels[0]]
    # (0*1 + 1*3 + 0.5*1) / 5
    assert left == pytest.approx([0.0, 3.5 / 5])


def test_ties_go_to_the_later_centre():
    index, distance = nearest(np.array([[0.0, 0.0]]), np.array([[-1.0, 0.0], [1.0, 0.0]]))
    assert index.tolist() == [1]
    assert distance.tolist() == [1.0]


def test_a_warm_start_keeps_cluster_ids_and_follows_moving_points():
    first = kmeans(POINTS, NAMES, 2)
    moved = POINTS + np.array([0.0, 3.0])
    second = kmeans(moved, NAMES, 2, previous=first)
    assert second.ids.tolist() == first.ids.tolist()
    assert second.labels_for(NAMES).tolist() == first.labels_for(NAMES).tolist()
    assert second.centres == pytest.approx(first.centres + np.array([0.0, 3.0]))


def test_a_warm_start_splits_off_the_most_distant_point_when_clusters_are_missing():
    previous = Clustering(
        ids=np.array([4]),
        centres=np.array([[0.0, 0.0]]),
        member_names=np.array([100, 101]),
        member_clusters=np.array([4, 4]),
    )
    # The farthest point from the only centre is (10, 1): it becomes cluster 5 (largest id + 1).
    clustering = kmeans(POINTS, NAMES, 2, previous=previous, max_iterations=1)
    assert clustering.ids.tolist() == [4, 5]
    labels = clustering.labels_for(NAMES)
    assert [clustering.ids[label] for label in labels] == [4, 4, 5, 5, 4]


def test_a_warm_start_drops_clusters_whose_members_all_left():
    previous = Clustering(
        ids=np.array([0, 1]),
        centres=np.array([[0.0, 0.0], [10.0, 0.0]]),
        member_names=np.array([100, 999]),
        member_clusters=np.array([0, 1]),
    )
    clustering = kmeans(POINTS[:2], NAMES[:2], 2, previous=previous, max_iterations=1)
    # Cluster 1 is gone with its member; to have two clusters again the point farthest from
    # cluster 0 is split off into a new cluster, numbered largest id + 1 (so 1 again, as Pol.is).
    assert clustering.ids.tolist() == [0, 1]
    assert clustering.centres.tolist() == [[0.0, 0.0], [0.0, 1.0]]


@contextmanager
def _seconds(limit: float):
    """Fail with TimeoutError instead of hanging when the block outlasts `limit` seconds."""

    def expire(signum, frame):
        raise TimeoutError(f"still running after {limit} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_a_warm_start_ends_when_distinct_points_are_at_distance_zero():
    # Coordinates of 1e-200 differ from 0, but their squares underflow: each is at distance 0
    # from the centre. The real case: a young conversation's projection, where a worker's update
    # looped for ever trying to split such points into clusters of their own.
    points = np.array([[0.0, 0.0], [1e-200, 0.0], [0.0, 1e-200], [0.0, -1e-200]])
    names = np.array([1, 2, 3, 4])
    previous = Clustering(
        ids=np.array([7]),
        centres=np.array([[0.0, 0.0]]),
        member_names=names,
        member_clusters=np.array([7, 7, 7, 7]),
    )
    with _seconds(10):  # the loop was in Python: a signal stops it if it comes back
        clustering = kmeans(points, names, 100, previous=previous)
    assert clustering.ids.tolist() == [7]
    assert clustering.member_clusters.tolist() == [7, 7, 7, 7]
    # A point that is away from every centre is still split off, next to the tiny ones.
    far = np.vstack([points, [[3.0, 4.0]]])
    with _seconds(10):
        clustering = kmeans(far, np.array([1, 2, 3, 4, 5]), 100, previous=previous)
    assert clustering.ids.tolist() == [7, 8]
    assert clustering.member_clusters.tolist() == [7, 7, 7, 7, 8]


def test_silhouette_by_hand():
    points = np.array([[0.0, 0.0], [0.0, 2.0], [4.0, 0.0]])
    labels = np.array([0, 0, 1])
    # Point 0: a = 2, b = 4, s = 1/2. Point 1: a = 2, b = sqrt(20), s = 1 - 2/sqrt(20).
    # Point 2 is alone in its cluster: s = 0.
    expected = (0.5 + (1 - 2 / np.sqrt(20)) + 0.0) / 3
    assert silhouette(distance_matrix(points), labels) == pytest.approx(expected, abs=1e-12)
    assert silhouette(distance_matrix(points), np.zeros(3)) == 0.0


def test_no_points():
    assert kmeans(np.empty((0, 2)), np.empty(0), 3).size == 0


def _plain_lloyd(points, k, max_iterations=100):
    """Textbook Lloyd iterations from the same cold start, for reference."""
    _, first = np.unique(points, axis=0, return_index=True)
    centres = points[np.sort(first)[:k]].copy()
    for _ in range(max_iterations):
        distances = np.hypot(
            points[:, None, 0] - centres[None, :, 0], points[:, None, 1] - centres[None, :, 1]
        )
        labels = distances.argmin(axis=1)
        new = np.array([points[labels == c].mean(axis=0) for c in range(len(centres))])
        moved = np.hypot(*(new - centres).T).max()
        centres = new
        if moved < 0.01:
            break
    return labels, centres


@pytest.mark.parametrize("n", [500, 5000])
def test_hamerly_bounds_give_the_assignments_of_plain_lloyd(n):
    rng = np.random.default_rng(n)
    points = np.concatenate([rng.normal(loc, 1.0, size=(n // 4, 2)) for loc in (0, 3, 6, 9)])
    clustering = kmeans(points, np.arange(len(points)), 30)
    labels, centres = _plain_lloyd(points, 30)
    assert clustering.labels_for(np.arange(len(points))).tolist() == labels.tolist()
    assert clustering.centres == pytest.approx(centres)
