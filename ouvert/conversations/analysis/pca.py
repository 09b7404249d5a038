"""Principal components of the mean-imputed vote matrix, and the sparsity-aware projection.

polis-spec.md §2.2 and §2.3. Pol.is fills each empty cell with its column's mean, centres the
columns, and runs power iteration. Imputing the column mean leaves that mean unchanged, so the
centred matrix is X[i, j] = v[i, j] - c[j] on voted cells and exactly 0 elsewhere: X has the
sparsity of the votes, and the imputation never needs a dense copy. X^T X v is computed as
X^T (X v), two sparse products of cost O(V).

The iteration is Pol.is's own, fixed budget included: when the two largest eigenvalues are close,
101 iterations from the previous update's components do not reach the eigenvectors, and Pol.is's
map is that of the partly converged components. Converging further changes which side of a
boundary a few participants fall on (docs/opinion-mapping.md).
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

N_COMPONENTS = 2
# Pol.is asks for 100 power iterations per component and runs 101 (issue #1910).
ITERATIONS = 100


@dataclass(frozen=True)
class PCA:
    """Two principal components over C statements.

    center: (C,) column means of the non-empty cells (0 for moderated-out statements).
    components: (2, C) unit rows, the second orthogonal to the first (a row is all zeros when the
        matrix has no variance left in that direction).
    variances: (2,) ||X^T X v|| at the last iteration of each component (its eigenvalue once
        converged).
    iterations: (2,) products X^T X v computed for each component.
    """

    center: np.ndarray
    components: np.ndarray
    variances: np.ndarray
    iterations: np.ndarray


def centred_matrix(
    indptr: np.ndarray,
    indices: np.ndarray,
    values: np.ndarray,
    shape: tuple[int, int],
    excluded_columns: np.ndarray,
) -> tuple[sp.csr_array, np.ndarray]:
    """X (P, C) float64 sparse and its column means c (C,).

    c[j] = mean of the votes in column j; X[i, j] = v[i, j] - c[j] on voted cells. Columns in
    `excluded_columns` (bool (C,), moderated-out statements) are zero for everyone in Pol.is's
    rating matrix: their mean is 0 and they add nothing to X.
    """
    n_columns = shape[1]
    data = values.astype(np.float64)
    counts = np.bincount(indices, minlength=n_columns).astype(np.float64)
    sums = np.bincount(indices, weights=data, minlength=n_columns)
    center = np.divide(sums, counts, out=np.zeros(n_columns), where=counts > 0)
    center[excluded_columns] = 0.0
    data = data - center[indices]
    kept = ~excluded_columns[indices]
    if not kept.all():
        rows = np.repeat(np.arange(shape[0]), np.diff(indptr))
        row_lengths = np.bincount(rows[kept], minlength=shape[0])
        indptr = np.concatenate([[0], np.cumsum(row_lengths)])
        indices, data = indices[kept], data[kept]
    return sp.csr_array((data, indices, indptr), shape=shape), center


def fit_pca(
    x: sp.csr_array,
    center: np.ndarray,
    *,
    rng: np.random.Generator,
    start: np.ndarray | None = None,
    iterations: int = ITERATIONS,
) -> PCA:
    """Pol.is's power iteration on X^T X (X: (P, C) centred sparse matrix), component by component.

    Component k starts from start[k] (the previous update's component, new columns padded with 1),
    or, on a cold start or when that start is all zeros, from a vector drawn from `rng` (Pol.is
    draws it unseeded, so its cold starts cannot be reproduced; ours can). Each of the
    `iterations` + 1 steps computes w = P X^T X P v, with P the projection away from the components
    already found (Pol.is deflates the rows of X), and stops early when ||w|| repeats exactly.
    """
    n_columns = x.shape[1]
    xt = x.T.tocsr()
    # Columns without data (moderated out) get no loading, not even rounding noise.
    empty = np.diff(xt.indptr) == 0
    components = np.zeros((N_COMPONENTS, n_columns))
    variances = np.zeros(N_COMPONENTS)
    steps = np.zeros(N_COMPONENTS, dtype=np.int64)
    if x.shape[0] == 0 or n_columns == 0:
        return PCA(center=center, components=components, variances=variances, iterations=steps)
    for index in range(N_COMPONENTS):
        vector = None if start is None or index >= len(start) else start[index].astype(float)
        if vector is None or not np.any(vector[~empty]):
            vector = rng.random(n_columns)
        vector[empty] = 0.0
        found = components[:index]
        previous = None
        norm = 0.0
        for _ in range(iterations + 1):
            vector = vector - found.T @ (found @ vector)
            image = xt @ (x @ vector)
            image = image - found.T @ (found @ image)
            steps[index] += 1
            norm = float(np.linalg.norm(image))
            if norm == 0.0 or norm == previous:
                break
            previous = norm
            vector = image / norm
        if norm > 0.0:
            components[index] = vector / np.linalg.norm(vector)
            variances[index] = norm
    return PCA(center=center, components=components, variances=variances, iterations=steps)


def project_participants(
    x: sp.csr_array, components: np.ndarray, cells_per_row: np.ndarray
) -> np.ndarray:
    """(P, 2) sparsity-aware projections (polis-spec §2.3).

    p_i = sqrt(C / max(n_i, 1)) * sum_j X[i, j] * components[:, j], with n_i the non-empty cells
    of row i in Pol.is's rating matrix (moderated-out columns count for every row).
    """
    n_columns = x.shape[1]
    raw = x @ components.T
    scale = np.sqrt(n_columns / np.maximum(cells_per_row, 1))
    return raw * scale[:, None]


def project_statements(center: np.ndarray, components: np.ndarray) -> np.ndarray:
    """(C, 2) projection of each statement: a virtual participant who agreed with it alone.

    q_j = sqrt(C) * (1 - c_j) * components[:, j] (agree = +1 here; Pol.is writes -1 - c_j in its
    inverted sign, which gives the same norm). Its norm is the statement's extremity.
    """
    n_columns = len(center)
    return (np.sqrt(n_columns) * (1.0 - center))[:, None] * components.T
