"""Synthetic conversations with known opinion groups, for the tests of the math."""

import numpy as np


def latent_groups(
    *,
    participants: int,
    statements: int,
    groups: int,
    votes_each: int,
    rng: np.random.Generator,
    fidelity: float = 0.9,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(participant ids, statement ids, votes, true group of each participant).

    Each group has a stance (+1/-1) on every statement; a participant votes on `votes_each`
    statements drawn at random, with their group's stance with probability `fidelity`, and
    passes one time in ten.
    """
    truth = rng.integers(groups, size=participants)
    stance = rng.choice([-1, 1], size=(groups, statements))
    rows, cols, values = [], [], []
    for participant in range(participants):
        seen = rng.choice(statements, size=votes_each, replace=False)
        agreeing = rng.random(votes_each) < fidelity
        vote = np.where(
            agreeing, stance[truth[participant], seen], -stance[truth[participant], seen]
        )
        vote = np.where(rng.random(votes_each) < 0.1, 0, vote)
        rows.extend([participant] * votes_each)
        cols.extend(seen.tolist())
        values.extend(vote.tolist())
    return np.array(rows), np.array(cols), np.array(values), truth
