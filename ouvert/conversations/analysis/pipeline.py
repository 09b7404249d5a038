"""One update of a conversation's opinion map, from its votes and the state left by the previous one.

polis-spec.md §2: who is clustered (sticky), PCA (warm start), projection, base clusters and groups
(warm starts, k smoother), then the statistics of §2.5-2.8. The state carried from one update to
the next is what makes the groups stable as votes arrive; an update is deterministic for a given
state, votes and random generator.
"""

from dataclasses import dataclass, field

import numpy as np

from ouvert.conversations.analysis.clustering import (
    Clustering,
    distance_matrix,
    empty_clustering,
    kmeans,
    silhouette,
)
from ouvert.conversations.analysis.matrix import VoteMatrix
from ouvert.conversations.analysis.pca import (
    PCA,
    centred_matrix,
    fit_pca,
    project_participants,
    project_statements,
)
from ouvert.conversations.analysis.statistics import (
    Consensus,
    Counts,
    RepresentativeStatement,
    consensus,
    group_informed_consensus,
    priorities,
    representative_statements,
)


@dataclass(frozen=True)
class Parameters:
    """Pol.is's defaults (conversation.clj `opts'`), in one place."""

    min_votes: int = 7  # votes needed to be clustered (or every statement, if fewer)
    min_clustered: int = 15  # top voters added until this many are clustered
    base_k: int = 100
    base_iterations: int = 100
    max_groups: int = 5
    # Pol.is asks for 100 but its k-means ignores the option and runs its default 20 (quirk Q3).
    group_iterations: int = 20
    smoother_buffer: int = 4  # a new best k must win this many updates in a row


DEFAULTS = Parameters()


@dataclass(frozen=True)
class KSmoother:
    """Pol.is's group-k smoother: the best k must win `smoother_buffer` updates in a row.

    0 stands for "none yet".
    """

    last_k: int = 0
    last_k_count: int = 0
    smoothed_k: int = 0

    def advance(self, this_k: int, available: set[int], buffer: int) -> "KSmoother":
        count = self.last_k_count + 1 if this_k == self.last_k else 1
        smoothed = this_k if count >= buffer else (self.smoothed_k or this_k)
        if smoothed not in available:  # the carried k fell out of range (Pol.is #2536)
            smoothed = this_k
        return KSmoother(last_k=this_k, last_k_count=count, smoothed_k=smoothed)


@dataclass(frozen=True)
class State:
    """What an update leaves for the next one.

    updates: number of updates so far.
    clustered: (n,) int64 sorted ids of the participants clustered so far (sticky).
    pca_statements: (C,) int64 statement ids of the columns of pca_components.
    pca_components: (2, C) the last components (the warm start).
    base: base clusters of participants.
    group_clusterings: {k: clustering of base-cluster ids into k groups}.
    smoother: the k smoother.
    """

    updates: int = 0
    clustered: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    pca_statements: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    pca_components: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    base: Clustering = field(default_factory=empty_clustering)
    group_clusterings: dict[int, Clustering] = field(default_factory=dict)
    smoother: KSmoother = field(default_factory=KSmoother)


@dataclass(frozen=True)
class Analysis:
    """The opinion map after one update, over P participants and C statements (matrix columns).

    participants: (P,) ids; statements: (C,) ids.
    pca: the components over the C statements.
    participant_coordinates: (P, 2); statement_coordinates: (C, 2); extremity: (C,).
    clustered: (P,) bool, participants in the clustering.
    base: base clusters; groups: clustering of base-cluster ids, ids sorted (group g = groups.ids[g]).
    participant_groups: (P,) index of each participant's group, -1 if not clustered.
    group_counts: (g, C) votes of each group's members; overall_counts: (1, C) everyone's.
    representative: per group, its representative statements (columns).
    consensus: statements (columns) most agree or disagree with.
    group_consensus: (C,) group-informed consensus.
    silhouettes: {k: silhouette}; best_k: the best this time; k: the smoothed k shown.
    """

    participants: np.ndarray
    statements: np.ndarray
    pca: PCA
    participant_coordinates: np.ndarray
    statement_coordinates: np.ndarray
    extremity: np.ndarray
    clustered: np.ndarray
    base: Clustering
    groups: Clustering
    participant_groups: np.ndarray
    group_counts: Counts
    overall_counts: Counts
    representative: list[list[RepresentativeStatement]]
    consensus: Consensus
    group_consensus: np.ndarray
    silhouettes: dict[int, float]
    best_k: int
    k: int

    def priorities(self, statement_ids: np.ndarray, meta_ids: np.ndarray) -> np.ndarray:
        """(n,) routing priority of the given statements (those without votes included)."""
        statement_ids = np.asarray(statement_ids, dtype=np.int64)
        columns = _positions(self.statements, statement_ids)
        voted = columns >= 0
        n = len(statement_ids)
        counts = Counts(agree=np.zeros((1, n)), disagree=np.zeros((1, n)), seen=np.zeros((1, n)))
        group_totals = (
            self.group_counts.agree.sum(axis=0),
            self.group_counts.disagree.sum(axis=0),
            self.group_counts.seen.sum(axis=0),
        )
        for target, source in zip(
            (counts.agree, counts.disagree, counts.seen), group_totals, strict=True
        ):
            target[0, voted] = source[columns[voted]]
        extremity = np.zeros(n)
        extremity[voted] = self.extremity[columns[voted]]
        return priorities(counts, extremity, np.isin(statement_ids, meta_ids))


def _positions(keys: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Index of each query in `keys` (unique), -1 where absent."""
    if len(keys) == 0:
        return np.full(len(queries), -1, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    position = np.clip(np.searchsorted(keys[order], queries), 0, len(keys) - 1)
    found = keys[order][position] == queries
    return np.where(found, order[position], -1)


def _clustered(matrix: VoteMatrix, previous: np.ndarray, params: Parameters) -> np.ndarray:
    """(P,) bool: participants clustered (polis-spec §2.1).

    Sticky: whoever was clustered stays. Enters whoever voted on min(7, C) statements; then, while
    fewer than 15 are in, the top voters (ties in order of first vote), who stay in too.
    """
    counts = matrix.votes_per_participant()
    threshold = min(params.min_votes, matrix.shape[1])
    clustered = np.isin(matrix.participants, previous) | (counts >= threshold)
    missing = params.min_clustered - int(clustered.sum())
    if missing > 0:
        candidates = np.flatnonzero(~clustered)
        by_count = candidates[np.argsort(-counts[candidates], kind="stable")]
        clustered[by_count[:missing]] = True
    return clustered


def _counts_by_group(
    matrix: VoteMatrix, labels: np.ndarray, n_groups: int, excluded: np.ndarray | None = None
) -> Counts:
    """(g, C) agree, disagree and any-vote counts of each group's members, in one pass over the
    votes (labels: (P,) group of each row, -1 for none)."""
    n_columns = matrix.shape[1]
    group = labels[matrix.row_of_cell()]
    voted = group >= 0
    cell = group[voted] * n_columns + matrix.indices[voted]
    values = matrix.values[voted]
    size = n_groups * n_columns

    def count(cells: np.ndarray) -> np.ndarray:
        counted = np.bincount(cells, minlength=size).reshape(n_groups, n_columns)
        return counted.astype(np.float64)

    counts = Counts(
        agree=count(cell[values == 1]), disagree=count(cell[values == -1]), seen=count(cell)
    )
    if excluded is not None and excluded.any():
        # Pol.is's rating matrix: a moderated-out statement is a pass for every participant.
        members = np.bincount(labels[labels >= 0], minlength=n_groups).astype(np.float64)
        counts.agree[:, excluded] = 0
        counts.disagree[:, excluded] = 0
        counts.seen[:, excluded] = members[:, None]
    return counts


def _choose_groups(
    base: Clustering, previous: State, params: Parameters
) -> tuple[dict[int, Clustering], dict[int, float], int, KSmoother]:
    """Group clusterings for k = 2..max_k on base-cluster centres, and the smoothed k."""
    if base.size < 2:
        return {}, {}, 0, previous.smoother
    weights = base.counts().astype(np.float64)
    max_k = min(params.max_groups, 2 + base.size // 12)
    distances = distance_matrix(base.centres)
    clusterings: dict[int, Clustering] = {}
    silhouettes: dict[int, float] = {}
    for k in range(2, max_k + 1):
        clustering = kmeans(
            base.centres,
            base.ids,
            k,
            weights=weights,
            previous=previous.group_clusterings.get(k),
            max_iterations=params.group_iterations,
        )
        clusterings[k] = clustering
        silhouettes[k] = silhouette(distances, clustering.labels_for(base.ids))
    best_k = 0
    for k in sorted(silhouettes):  # ties go to the larger k, as Pol.is's max-key
        if best_k == 0 or silhouettes[k] >= silhouettes[best_k]:
            best_k = k
    smoother = previous.smoother.advance(best_k, set(clusterings), params.smoother_buffer)
    return clusterings, silhouettes, best_k, smoother


def update(
    matrix: VoteMatrix,
    *,
    moderated_out: np.ndarray,
    previous: State | None = None,
    rng: np.random.Generator,
    params: Parameters = DEFAULTS,
    statistics: bool = True,
) -> tuple[Analysis, State]:
    """Update the opinion map with the votes of `matrix`; return the analysis and the new state.

    moderated_out: ids of the statements left out of the math (moderated out or meta): their
    columns are zero for everyone (polis-spec §1). `statistics=False` skips §2.5-2.8 (replays
    only need the groups of the intermediate updates).
    """
    previous = previous or State()
    n_rows, n_columns = matrix.shape
    excluded = np.isin(matrix.statements, np.asarray(moderated_out, dtype=np.int64))

    clustered = _clustered(matrix, previous.clustered, params)

    x, center = centred_matrix(matrix.indptr, matrix.indices, matrix.values, matrix.shape, excluded)
    start = None
    if previous.pca_statements.size:
        # Pol.is pads the columns of new statements with 1.
        start = np.ones((len(previous.pca_components), n_columns))
        known = _positions(previous.pca_statements, matrix.statements)
        start[:, known >= 0] = previous.pca_components[:, known[known >= 0]]
    pca = fit_pca(x, center, rng=rng, start=start)
    # Pol.is's rating matrix holds a 0 in every moderated-out column of every row: those cells
    # count as votes in the projection's scaling (polis-spec §2.3), which matters (ARI on
    # scoop-hivemind.biodiversity falls from 0.97 to 0.79 without it).
    cells = np.bincount(matrix.row_of_cell()[~excluded[matrix.indices]], minlength=n_rows) + int(
        excluded.sum()
    )
    coordinates = project_participants(x, pca.components, cells)
    statement_coordinates = project_statements(center, pca.components)

    rows = np.flatnonzero(clustered)
    base = kmeans(
        coordinates[rows],
        matrix.participants[rows],
        params.base_k,
        previous=previous.base,
        max_iterations=params.base_iterations,
    )
    clusterings, silhouettes, best_k, smoother = _choose_groups(base, previous, params)
    groups = clusterings.get(smoother.smoothed_k, empty_clustering())

    base_of_participant = base.labels_for(matrix.participants)
    participant_groups = np.full(n_rows, -1, dtype=np.int64)
    if groups.size:
        group_of_base = groups.labels_for(base.ids)
        has_base = base_of_participant >= 0
        participant_groups[has_base] = group_of_base[base_of_participant[has_base]]

    state = State(
        updates=previous.updates + 1,
        clustered=np.sort(matrix.participants[clustered]),
        pca_statements=matrix.statements.copy(),
        pca_components=pca.components,
        base=base,
        group_clusterings=clusterings,
        smoother=smoother,
    )
    n_groups = groups.size
    if statistics:
        group_counts = _counts_by_group(matrix, participant_groups, n_groups)
        overall = _counts_by_group(matrix, np.zeros(n_rows, dtype=np.int64), 1, excluded=excluded)
        representative = representative_statements(group_counts, excluded)
        agreement = consensus(overall, excluded)
        group_consensus = group_informed_consensus(group_counts)
    else:
        empty = np.zeros((n_groups, n_columns))
        group_counts = Counts(agree=empty, disagree=empty, seen=empty)
        overall = Counts(*(np.zeros((1, n_columns)),) * 3)
        representative = [[] for _ in range(n_groups)]
        agreement = Consensus(agree=(), disagree=())
        group_consensus = np.zeros(n_columns)
    analysis = Analysis(
        participants=matrix.participants,
        statements=matrix.statements,
        pca=pca,
        participant_coordinates=coordinates,
        statement_coordinates=statement_coordinates,
        extremity=np.linalg.norm(statement_coordinates, axis=1),
        clustered=clustered,
        base=base,
        groups=groups,
        participant_groups=participant_groups,
        group_counts=group_counts,
        overall_counts=overall,
        representative=representative,
        consensus=agreement,
        group_consensus=group_consensus,
        silhouettes=silhouettes,
        best_k=best_k,
        k=groups.size and smoother.smoothed_k,
    )
    return analysis, state
