"""Replay a vote history in time order, one update per batch, as a live conversation would see it.

Pol.is's math worker polls the votes every second and updates the conversation with whatever
arrived meanwhile; the groups it exports come out of that history (sticky clustered set, warm
starts, k smoother), not out of one computation over all votes. A replay rebuilds that history:
votes are cut into batches of at most `window_ms` (the first vote of a batch opens it) and each
batch is one update carrying the state of the previous one.
"""

from dataclasses import dataclass

import numpy as np

from ouvert.conversations.analysis.matrix import build_vote_matrix
from ouvert.conversations.analysis.pipeline import (
    DEFAULTS,
    Analysis,
    Parameters,
    State,
    update,
)

# One minute of votes per update: the cadence of a worker that polls every second and takes
# its time on the larger conversations (see docs/opinion-mapping.md, "Replays").
DEFAULT_WINDOW_MS = 60_000


def batch_ends(timestamps: np.ndarray, window_ms: int) -> np.ndarray:
    """End index (exclusive) of each batch of sorted timestamps (V,).

    A batch holds every vote cast less than `window_ms` after its first vote.
    """
    timestamps = np.asarray(timestamps)
    ends = []
    start = 0
    while start < len(timestamps):
        end = int(np.searchsorted(timestamps, timestamps[start] + window_ms, side="left"))
        end = max(end, start + 1)
        ends.append(end)
        start = end
    return np.asarray(ends, dtype=np.int64)


def _next_occurrence(participant_ids: np.ndarray, statement_ids: np.ndarray) -> np.ndarray:
    """(V,) index of the next vote on the same cell, V if none: vote i is current in the prefix
    [0, e) when i < e <= next[i]."""
    n = len(participant_ids)
    order = np.lexsort((np.arange(n), statement_ids, participant_ids))
    same_as_next = (participant_ids[order][1:] == participant_ids[order][:-1]) & (
        statement_ids[order][1:] == statement_ids[order][:-1]
    )
    following = np.full(n, n, dtype=np.int64)
    following[order[:-1][same_as_next]] = order[1:][same_as_next]
    return following


@dataclass(frozen=True)
class Replay:
    analysis: Analysis
    state: State
    updates: int


def replay(
    timestamps: np.ndarray,
    participant_ids: np.ndarray,
    statement_ids: np.ndarray,
    values: np.ndarray,
    *,
    moderated_out: np.ndarray,
    window_ms: int = DEFAULT_WINDOW_MS,
    seed: int = 0,
    params: Parameters = DEFAULTS,
    moderated_at: np.ndarray | None = None,
) -> Replay:
    """Replay votes (V,) sorted by time; the last update computes the statistics too.

    moderated_at: (M,) when each moderated-out statement left the conversation (ms), aligned with
    `moderated_out`; without it they are out from the start. Deterministic: update n draws its
    random numbers from a generator seeded with (seed, n).
    """
    timestamps = np.asarray(timestamps, dtype=np.int64)
    if len(timestamps) and np.any(np.diff(timestamps) < 0):
        raise ValueError("votes must be sorted by time")
    participant_ids = np.asarray(participant_ids, dtype=np.int64)
    statement_ids = np.asarray(statement_ids, dtype=np.int64)
    values = np.asarray(values, dtype=np.int8)
    following = _next_occurrence(participant_ids, statement_ids)
    order_of_first_vote = participant_ids[np.sort(np.unique(participant_ids, return_index=True)[1])]
    ends = batch_ends(timestamps, window_ms)
    state: State | None = None
    analysis = None
    for number, end in enumerate(ends):
        current = np.flatnonzero(following[:end] >= end)
        out = moderated_out
        if moderated_at is not None:
            out = moderated_out[moderated_at <= timestamps[end - 1]]
        matrix = build_vote_matrix(
            participant_ids[current],
            statement_ids[current],
            values[current],
            participant_order=order_of_first_vote,
        )
        analysis, state = update(
            matrix,
            moderated_out=out,
            previous=state,
            rng=np.random.default_rng([seed, number]),
            params=params,
            statistics=number == len(ends) - 1,
        )
    if analysis is None:
        raise ValueError("no votes to replay")
    return Replay(analysis=analysis, state=state, updates=len(ends))
