import dataclasses

import numpy as np
import pytest

from ouvert.conversations.analysis.agreement import adjusted_rand_index
from ouvert.conversations.analysis.matrix import build_vote_matrix
from ouvert.conversations.analysis.pipeline import KSmoother, State, update
from ouvert.conversations.analysis.storage import state_from_bytes, state_to_bytes
from ouvert.conversations.tests.analysis.synthetic import latent_groups


def _three_groups(seed=0, participants=150):
    rows, cols, values, truth = latent_groups(
        participants=participants,
        statements=30,
        groups=3,
        votes_each=20,
        rng=np.random.default_rng(seed),
    )
    return build_vote_matrix(rows, cols, values), truth


def test_three_latent_groups_are_found():
    matrix, truth = _three_groups()
    analysis, state = update(
        matrix, moderated_out=np.array([], dtype=np.int64), rng=np.random.default_rng(0)
    )
    assert analysis.k == 3
    assert analysis.clustered.all()
    found = analysis.participant_groups
    assert adjusted_rand_index(truth[matrix.participants], found) == pytest.approx(1.0)
    assert sorted(np.bincount(found)) == sorted(np.bincount(truth))
    # Every group has representative statements, and its members agree with the first one.
    assert all(group for group in analysis.representative)
    assert state.updates == 1
    assert state.smoother.smoothed_k == 3


def test_an_update_is_deterministic_for_the_same_votes_state_and_seed():
    matrix, _ = _three_groups(seed=1)
    first, state = update(matrix, moderated_out=np.array([3]), rng=np.random.default_rng(7))
    second, _ = update(matrix, moderated_out=np.array([3]), rng=np.random.default_rng(7))
    assert np.array_equal(first.participant_groups, second.participant_groups)
    assert np.array_equal(first.participant_coordinates, second.participant_coordinates)
    again, _ = update(
        matrix,
        moderated_out=np.array([3]),
        previous=state_from_bytes(state_to_bytes(state)),
        rng=np.random.default_rng(8),
    )
    again_too, _ = update(
        matrix, moderated_out=np.array([3]), previous=state, rng=np.random.default_rng(8)
    )
    assert np.array_equal(again.participant_groups, again_too.participant_groups)


def test_groups_keep_their_ids_when_votes_arrive():
    rows, cols, values, _ = latent_groups(
        participants=150, statements=30, groups=3, votes_each=20, rng=np.random.default_rng(2)
    )
    early = rows < 120
    first, state = update(
        build_vote_matrix(rows[early], cols[early], values[early]),
        moderated_out=np.array([], dtype=np.int64),
        rng=np.random.default_rng(0),
    )
    second, _ = update(
        build_vote_matrix(rows, cols, values),
        moderated_out=np.array([], dtype=np.int64),
        previous=state,
        rng=np.random.default_rng(1),
    )
    shared = first.participants
    assert np.array_equal(
        first.groups.ids[first.participant_groups],
        second.groups.ids[second.participant_groups[: len(shared)]],
    )


def test_who_is_clustered_seven_votes_sticky_then_topped_up_to_fifteen():
    # 20 participants on 10 statements: participant p votes on p % 10 + 1 statements.
    rows, cols = [], []
    for participant in range(20):
        for statement in range(participant % 10 + 1):
            rows.append(participant)
            cols.append(statement)
    values = np.ones(len(rows), dtype=int)
    matrix = build_vote_matrix(rows, cols, values)
    analysis, state = update(matrix, moderated_out=np.array([]), rng=np.random.default_rng(0))
    counts = dict(
        zip(matrix.participants.tolist(), matrix.votes_per_participant().tolist(), strict=True)
    )
    clustered = set(matrix.participants[analysis.clustered].tolist())
    # 8 participants have 7 votes or more; 7 more with the most votes are added (6 votes: 4 of
    # them, in order of first vote, then 5 votes: 3 of them).
    assert {p for p, n in counts.items() if n >= 7} <= clustered
    assert len(clustered) == 15
    assert {p for p in clustered if counts[p] == 5} == {4, 14}
    # Sticky: whoever was clustered stays, even with fewer votes than now required.
    previous = dataclasses.replace(state, clustered=np.array([0], dtype=np.int64))
    again, _ = update(
        matrix, moderated_out=np.array([]), previous=previous, rng=np.random.default_rng(0)
    )
    assert 0 in set(matrix.participants[again.clustered].tolist())


def test_with_few_statements_every_statement_is_enough():
    # Three statements only: min(7, C) = 3 votes.
    rows = [p for p in range(30) for _ in range(3)]
    cols = [s for _ in range(30) for s in range(3)]
    values = np.random.default_rng(0).choice([-1, 1], size=90)
    matrix = build_vote_matrix(rows, cols, values)
    analysis, _ = update(matrix, moderated_out=np.array([]), rng=np.random.default_rng(0))
    assert analysis.clustered.all()


def test_moderated_out_statements_leave_the_map_and_the_lists():
    matrix, _ = _three_groups(seed=3)
    analysis, _ = update(matrix, moderated_out=np.array([0, 1]), rng=np.random.default_rng(0))
    out = np.isin(analysis.statements, [0, 1])
    assert np.all(analysis.pca.components[:, out] == 0)
    assert np.all(analysis.extremity[out] == 0)
    listed = {
        int(analysis.statements[e.column]) for group in analysis.representative for e in group
    }
    listed |= {
        int(analysis.statements[c]) for c in analysis.consensus.agree + analysis.consensus.disagree
    }
    assert not listed & {0, 1}


def test_priorities_of_statements_without_votes_and_meta_statements():
    matrix, _ = _three_groups(seed=4)
    analysis, _ = update(matrix, moderated_out=np.array([]), rng=np.random.default_rng(0))
    result = analysis.priorities(np.array([0, 999, 998]), meta_ids=np.array([998]))
    assert result[1] == pytest.approx(81 / 16)  # nobody voted: a = p = 1/2, boost 9
    assert result[2] == 49.0
    assert 0 < result[0] != result[1]


@pytest.mark.parametrize(
    ("sequence", "expected"),
    [
        ([2], [2]),  # the first update takes the best k at once
        ([2, 3, 3, 3], [2, 2, 2, 2]),  # three wins in a row are not enough
        ([2, 3, 3, 3, 3], [2, 2, 2, 2, 3]),  # the fourth switches
        ([2, 3, 3, 2, 3, 3, 3, 3], [2, 2, 2, 2, 2, 2, 2, 3]),  # an interruption restarts the count
    ],
)
def test_k_smoother(sequence, expected):
    smoother = KSmoother()
    shown = []
    for best in sequence:
        smoother = smoother.advance(best, {2, 3, 4}, buffer=4)
        shown.append(smoother.smoothed_k)
    assert shown == expected


def test_k_smoother_falls_back_when_the_shown_k_is_no_longer_computed():
    smoother = KSmoother(last_k=4, last_k_count=5, smoothed_k=4)
    assert smoother.advance(2, {2, 3}, buffer=4).smoothed_k == 2


def test_storage_round_trip():
    matrix, _ = _three_groups(seed=5)
    _, state = update(matrix, moderated_out=np.array([]), rng=np.random.default_rng(0))
    restored = state_from_bytes(state_to_bytes(state))
    assert restored.updates == state.updates
    assert restored.smoother == state.smoother
    assert np.array_equal(restored.clustered, state.clustered)
    assert np.array_equal(restored.pca_components, state.pca_components)
    assert np.array_equal(restored.base.member_clusters, state.base.member_clusters)
    assert set(restored.group_clusterings) == set(state.group_clusterings)
    assert state_from_bytes(b"") is None
    assert State().updates == 0
