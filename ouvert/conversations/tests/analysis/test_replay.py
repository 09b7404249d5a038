import numpy as np
import pytest

from ouvert.conversations.analysis.replay import batch_ends, replay
from ouvert.conversations.tests.analysis.synthetic import latent_groups


def test_batches_open_with_their_first_vote():
    timestamps = np.array([0, 10, 59, 60, 61, 200, 201])
    assert batch_ends(timestamps, 60).tolist() == [3, 5, 7]


def test_replay_is_deterministic_and_finds_the_groups():
    rows, cols, values, _truth = latent_groups(
        participants=90, statements=20, groups=2, votes_each=12, rng=np.random.default_rng(3)
    )
    timestamps = np.arange(len(rows)) * 1000  # one vote a second
    first = replay(timestamps, rows, cols, values, moderated_out=np.array([]), window_ms=60_000)
    second = replay(timestamps, rows, cols, values, moderated_out=np.array([]), window_ms=60_000)
    assert first.updates == second.updates == int(np.ceil(len(rows) / 60))
    assert np.array_equal(first.analysis.participant_groups, second.analysis.participant_groups)
    assert first.analysis.k == 2
    assert first.state.updates == first.updates


def test_revotes_replace_earlier_votes_during_the_replay():
    timestamps = np.array([0, 1, 2])
    result = replay(
        timestamps,
        np.array([1, 2, 1]),
        np.array([7, 7, 7]),
        np.array([1, 1, -1]),
        moderated_out=np.array([]),
        window_ms=10,
    )
    counts = result.analysis.overall_counts
    assert counts.agree.sum() == 1
    assert counts.disagree.sum() == 1


def test_votes_must_be_in_time_order():
    with pytest.raises(ValueError, match="sorted"):
        replay(
            np.array([2, 1]),
            np.array([1, 2]),
            np.array([1, 1]),
            np.array([1, 1]),
            moderated_out=np.array([]),
        )
