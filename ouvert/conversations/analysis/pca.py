"""Principal components of the mean-imputed vote matrix, and the sparsity-aware projection.

polis-spec.md §2.2 and §2.3. Pol.is fills each empty cell with its column's mean, centres the
columns, and runs power iteration. Imputing the column mean leaves that mean unchanged, so the
centred matrix is X[i, j] = v[i, j] - c[j] on voted cells and exactly 0 elsewhere: X has the
sparsity of the votes, and the imputation never needs a dense copy. X^T X v is computed as
X^T (X v), two sparse products of cost O(V).

Pol.is runs 100 power iterations per component, warm-started from the previous update's
components. We run block (subspace) iteration with Rayleigh-Ritz on the two components and a few
guard vectors, from the same warm start, until the residual is negligible: the result is the
converged answer Pol.is's iteration tends to, reached in fewer products.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

N_COMPONENTS = 2
# Extra vectors iterated beside the two components: convergence then goes as (λ7/λ2)^n
# instead of (λ3/λ2)^n.
GUARD_VECTORS = 4
MAX_ITERATIONS = 300
# Stop when ||X^T X u - λ u|| <= TOLERANCE * λ for both components.
TOLERANCE = 1e-7


@dataclass(frozen=True)
class PCA:
    """Two principal components over C statements.

    center: (C,) column means of the non-empty cells (0 for moderated-out statements).
    components: (2, C) orthonormal rows (a row is all zeros when the matrix has rank < 2).
    variances: (2,) eigenvalues of X^T X for each component.
    basis: (b, C) the iterated block, components first, guard vectors after: the warm start of
        the next update (Pol.is keeps the two components; the guards make the next update
        converge in a few products).
    iterations: number of block iterations run.
    """

    center: np.ndarray
    components: np.ndarray
    variances: np.ndarray
    basis: np.ndarray
    iterations: int


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
    max_iterations: int = MAX_ITERATIONS,
    tolerance: float = TOLERANCE,
) -> PCA:
    """The top two eigenvectors of X^T X (X: (P, C) centred sparse matrix), by block iteration.

    start: (s, C) previous basis (warm start; Pol.is pads new columns with 1). Without it,
    the start is drawn from `rng` (Pol.is draws it unseeded, so its cold starts are not
    reproducible; ours are, for a given generator). Signs follow the start vectors, so that the
    map does not flip from one update to the next; on a cold start, each component's largest
    loading is made positive.
    """
    n_rows, n_columns = x.shape
    components = np.zeros((N_COMPONENTS, n_columns))
    variances = np.zeros(N_COMPONENTS)
    if n_rows == 0 or n_columns == 0:
        return PCA(
            center=center,
            components=components,
            variances=variances,
            basis=np.zeros((0, n_columns)),
            iterations=0,
        )
    block = min(N_COMPONENTS + GUARD_VECTORS, n_columns)
    basis = rng.random((n_columns, block))
    if start is not None:
        carried = min(len(start), block)
        basis[:, :carried] = start[:carried].T
    xt = x.T.tocsr()
    # Columns without data (moderated out) get no loading, not even rounding noise.
    empty = np.diff(xt.indptr) == 0
    basis[empty] = 0.0
    basis = _orthonormal(basis)
    eigenvalues = np.zeros(block)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported below
        image = xt @ (x @ basis)  # X^T X Q, (C, b)
        rayleigh = basis.T @ image
        rayleigh = (rayleigh + rayleigh.T) / 2
        eigenvalues, vectors = np.linalg.eigh(rayleigh)
        order = np.argsort(eigenvalues)[::-1]
        eigenvalues, vectors = eigenvalues[order], vectors[:, order]
        ritz = basis @ vectors
        image = image @ vectors
        kept = min(N_COMPONENTS, block)
        residual = np.linalg.norm(image[:, :kept] - ritz[:, :kept] * eigenvalues[:kept], axis=0)
        scale = max(eigenvalues[0], np.finfo(float).tiny)
        if np.all(residual <= tolerance * scale):
            basis = ritz
            break
        basis = _orthonormal(image)
    basis[empty] = 0.0
    kept = min(N_COMPONENTS, block)
    # Directions with no variance (a matrix of rank < 2) carry no opinion: leave them at zero.
    significant = eigenvalues[:kept] > 1e-10 * max(eigenvalues[0], 1.0)
    components[:kept][significant] = basis[:, :kept].T[significant]
    variances[:kept] = np.where(significant, eigenvalues[:kept], 0.0)
    for index in range(N_COMPONENTS):
        component = components[index]
        if start is not None and index < len(start):
            reference = float(component @ start[index])
        else:
            reference = float(component[np.argmax(np.abs(component))]) if component.any() else 0
        if reference < 0:
            components[index] = -component
    next_start = basis.T.copy()
    next_start[:kept] = np.where(significant[:, None], components[:kept], next_start[:kept])
    return PCA(
        center=center,
        components=components,
        variances=variances,
        basis=next_start,
        iterations=iterations,
    )


def _orthonormal(block: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the columns of a tall (C, b) block, by Cholesky QR twice.

    Two Cholesky factorisations of a b x b Gram matrix cost microseconds where LAPACK's
    Householder QR spends milliseconds in thread hand-offs on a busy machine; a block whose
    columns are (nearly) dependent falls back to Householder QR.
    """
    try:
        for _ in range(2):
            factor = np.linalg.cholesky(block.T @ block)
            block = block @ np.linalg.inv(factor).T
        return block
    except np.linalg.LinAlgError:
        return np.linalg.qr(block)[0]


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
