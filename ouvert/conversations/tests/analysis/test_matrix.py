import numpy as np
import pytest

from ouvert.conversations.analysis.matrix import build_vote_matrix


def _cells(matrix) -> dict[tuple[int, int], int]:
    rows = matrix.row_of_cell()
    return {
        (int(matrix.participants[r]), int(matrix.statements[c])): int(v)
        for r, c, v in zip(rows, matrix.indices, matrix.values, strict=True)
    }


def test_rows_and_columns_follow_the_first_vote_and_the_latest_vote_wins():
    matrix = build_vote_matrix(
        participant_ids=[30, 10, 30, 20, 30],
        statement_ids=[7, 7, 5, 5, 7],
        values=[1, -1, 0, 1, -1],
    )
    assert matrix.participants.tolist() == [30, 10, 20]
    assert matrix.statements.tolist() == [7, 5]
    assert _cells(matrix) == {(30, 7): -1, (30, 5): 0, (10, 7): -1, (20, 5): 1}
    assert matrix.votes_per_participant().tolist() == [2, 1, 1]
    assert matrix.n_votes == 4


def test_a_pass_is_a_vote_not_an_empty_cell():
    matrix = build_vote_matrix([1, 1], [1, 2], [0, 0])
    assert matrix.n_votes == 2
    assert matrix.values.tolist() == [0, 0]
    assert matrix.votes_per_participant().tolist() == [2]


def test_participant_order_overrides_the_order_of_the_votes():
    matrix = build_vote_matrix([2, 1], [1, 1], [1, 1], participant_order=[9, 1, 2])
    assert matrix.participants.tolist() == [1, 2]


def test_pol_is_caps_drop_later_participants_and_statements():
    matrix = build_vote_matrix(
        [1, 2, 3, 1], [1, 1, 1, 2], [1, 1, 1, 1], max_participants=2, max_statements=1
    )
    assert matrix.participants.tolist() == [1, 2]
    assert matrix.statements.tolist() == [1]
    assert matrix.n_votes == 2


def test_large_sparse_ids_are_factorised_too():
    ids = np.array([10**12, 5, 10**12], dtype=np.int64)
    matrix = build_vote_matrix(ids, [1, 1, 2], [1, -1, 1])
    assert matrix.participants.tolist() == [10**12, 5]


def test_bad_votes_are_refused():
    with pytest.raises(ValueError, match="-1"):
        build_vote_matrix([1], [1], [2])
    with pytest.raises(ValueError, match="same length"):
        build_vote_matrix([1, 2], [1], [1])
