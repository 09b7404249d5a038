"""The vote matrix: one row per participant, one column per statement, the latest vote in each cell.

polis-spec.md §1. Votes are +1 agree, -1 disagree, 0 pass (the sign of Pol.is exports; Pol.is stores
the opposite sign internally, see `ouvert.conversations.polis`). Rows and columns are kept in the
order participants and statements first appear in the vote stream, as Pol.is's NamedMatrix does:
that order decides the cold start of the k-means (first k distinct rows).

The matrix is stored sparse, in CSR arrays: a conversation of 100,000 participants and 10,000
statements holds at most a few million votes, never the 10^9 cells of a dense matrix.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

AGREE = 1
PASS = 0
DISAGREE = -1

# Pol.is's caps (`customs`): votes from the 100,001st participant or on the 10,001st statement
# are left out of the math (they are still stored and counted by the application).
MAX_PARTICIPANTS = 100_000
MAX_STATEMENTS = 10_000

# Values are stored shifted by this offset in the scipy matrix used to build the CSR arrays, so
# that a pass (0) is never an implicit zero, and two votes on one cell (sum >= 8) are detected.
_OFFSET = 5


@dataclass(frozen=True)
class VoteMatrix:
    """Latest votes, P participants x C statements, in CSR arrays.

    participants: (P,) int64 participant ids, in order of first vote (rows).
    statements: (C,) int64 statement ids, in order of first vote (columns).
    indptr: (P + 1,) int64; row i's cells are indices[indptr[i]:indptr[i + 1]].
    indices: (V,) int32 column of each cell.
    values: (V,) int8 vote of each cell, in {-1, 0, 1}.
    """

    participants: np.ndarray
    statements: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.participants), len(self.statements)

    @property
    def n_votes(self) -> int:
        return len(self.values)

    def row_of_cell(self) -> np.ndarray:
        """(V,) int64: the row of each cell."""
        return np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))

    def votes_per_participant(self) -> np.ndarray:
        """(P,) int64: number of statements each participant voted on (passes included)."""
        return np.diff(self.indptr)


def _encounter_codes(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Factorise `ids` in order of first appearance.

    Returns (unique ids in order of first appearance, code of each element), so that
    unique[codes] == ids. Database ids are small non-negative integers: a lookup table over their
    range costs O(n), where np.unique would sort.
    """
    n = len(ids)
    if n == 0:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    low, high = int(ids.min()), int(ids.max())
    span = high - low + 1
    if span <= max(4 * n, 1 << 20):
        offsets = ids - low
        first = np.full(span, n, dtype=np.int64)
        np.minimum.at(first, offsets, np.arange(n, dtype=np.int64))
        present = np.flatnonzero(first < n)
        present = present[np.argsort(first[present], kind="stable")]
        code_of = np.empty(span, dtype=np.int64)
        code_of[present] = np.arange(len(present), dtype=np.int64)
        return present.astype(np.int64) + low, code_of[offsets]
    unique, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    rank = np.empty(len(unique), dtype=np.int64)
    rank[order] = np.arange(len(unique), dtype=np.int64)
    return unique[order].astype(np.int64), rank[inverse.ravel()]


def build_vote_matrix(
    participant_ids: np.ndarray,
    statement_ids: np.ndarray,
    values: np.ndarray,
    *,
    participant_order: np.ndarray | None = None,
    max_participants: int = MAX_PARTICIPANTS,
    max_statements: int = MAX_STATEMENTS,
) -> VoteMatrix:
    """The vote matrix of votes given in the order they were cast (V,): the latest vote on a cell wins.

    Rows follow the participants' first vote in the arrays, or `participant_order` when given
    (a replay passes the order of first votes of the whole history: a participant's first vote
    may have been replaced since). Votes of participants and statements beyond Pol.is's caps are
    dropped. Cost O(V) when every cell holds one vote; a stream with revotes costs one sort more.
    """
    participant_ids = np.asarray(participant_ids, dtype=np.int64)
    statement_ids = np.asarray(statement_ids, dtype=np.int64)
    values = np.asarray(values, dtype=np.int8)
    if not (len(participant_ids) == len(statement_ids) == len(values)):
        raise ValueError("participant_ids, statement_ids and values must have the same length")
    if len(values) and (values.min() < DISAGREE or values.max() > AGREE):
        raise ValueError("votes must be -1 (disagree), 0 (pass) or 1 (agree)")
    if participant_order is None:
        participants, rows = _encounter_codes(participant_ids)
    else:
        ordered = np.concatenate([np.asarray(participant_order, dtype=np.int64), participant_ids])
        participants, codes = _encounter_codes(ordered)
        participants, rows = _compact(participants, codes[len(participant_order) :])
    statements, cols = _encounter_codes(statement_ids)
    if len(participants) > max_participants or len(statements) > max_statements:
        kept = (rows < max_participants) & (cols < max_statements)
        rows, cols, values = rows[kept], cols[kept], values[kept]
        participants = participants[:max_participants]
        statements = statements[:max_statements]
        # A statement may have lost all its votes with its capped voters, and the other way round.
        participants, rows = _compact(participants, rows)
        statements, cols = _compact(statements, cols)
    shape = (len(participants), len(statements))
    shifted = sp.coo_array(
        (values.astype(np.int16) + _OFFSET, (rows, cols)), shape=shape
    ).tocsr()  # sums the cells voted more than once
    if shifted.nnz and shifted.data.max() > _OFFSET + AGREE:
        shifted = _latest_votes(rows, cols, values, shape)
    shifted.sort_indices()
    return VoteMatrix(
        participants=participants,
        statements=statements,
        indptr=shifted.indptr.astype(np.int64),
        indices=shifted.indices.astype(np.int32),
        values=(shifted.data - _OFFSET).astype(np.int8),
    )


def _compact(ids: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    used = np.zeros(len(ids), dtype=bool)
    used[codes] = True
    if used.all():
        return ids, codes
    new_code = np.cumsum(used) - 1
    return ids[used], new_code[codes]


def _latest_votes(
    rows: np.ndarray, cols: np.ndarray, values: np.ndarray, shape: tuple[int, int]
) -> sp.csr_array:
    """Keep the last vote of each cell (revotes replace earlier votes)."""
    key = rows * shape[1] + cols
    _, last_from_end = np.unique(key[::-1], return_index=True)
    last = len(key) - 1 - last_from_end
    return sp.coo_array(
        (values[last].astype(np.int16) + _OFFSET, (rows[last], cols[last])), shape=shape
    ).tocsr()
