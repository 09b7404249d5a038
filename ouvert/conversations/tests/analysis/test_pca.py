import numpy as np
import pytest

from ouvert.conversations.analysis.matrix import build_vote_matrix
from ouvert.conversations.analysis.pca import (
    centred_matrix,
    fit_pca,
    project_participants,
    project_statements,
)

# Four participants, three statements, None = no vote.
VOTES = [
    [1, 1, None],
    [1, None, -1],
    [-1, -1, 1],
    [None, -1, 1],
]


def _matrix(rows):
    participants, statements, values = [], [], []
    for p, row in enumerate(rows):
        for s, value in enumerate(row):
            if value is not None:
                participants.append(p)
                statements.append(s)
                values.append(value)
    return build_vote_matrix(participants, statements, values)


def _dense_imputed(rows):
    array = np.array([[np.nan if v is None else v for v in row] for row in rows], dtype=float)
    means = np.nanmean(array, axis=0)
    return np.where(np.isnan(array), means, array), means


def test_the_sparse_centred_matrix_is_the_mean_imputed_one():
    matrix = _matrix(VOTES)
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(3, dtype=bool)
    )
    imputed, means = _dense_imputed(VOTES)
    assert center == pytest.approx(means)
    assert x.toarray() == pytest.approx(imputed - means)


def test_components_are_those_of_an_ordinary_pca_of_the_imputed_matrix():
    matrix = _matrix(VOTES)
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(3, dtype=bool)
    )
    pca = fit_pca(x, center, rng=np.random.default_rng(0))
    imputed, means = _dense_imputed(VOTES)
    _, singular, vt = np.linalg.svd(imputed - means)
    for component, reference in zip(pca.components, vt[:2], strict=True):
        assert abs(float(component @ reference)) == pytest.approx(1.0, abs=1e-9)
    assert pca.variances == pytest.approx(singular[:2] ** 2)


def test_sparsity_aware_projection_by_hand():
    matrix = _matrix(VOTES)
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(3, dtype=bool)
    )
    components = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]])
    projected = project_participants(x, components, matrix.votes_per_participant())
    # Participant 1 voted on 2 of 3 statements: sqrt(3/2) * [(1 - c0), (-1 - c2)].
    c0, c2 = center[0], center[2]
    assert projected[1] == pytest.approx(np.sqrt(3 / 2) * np.array([1 - c0, -1 - c2]))
    # A statement's projection: sqrt(C) * (1 - c_j) * its loadings.
    statement = project_statements(center, components)
    assert statement[2] == pytest.approx([0.0, np.sqrt(3) * (1 - c2)])


def test_moderated_out_columns_carry_no_weight():
    matrix = _matrix([[1, 1], [-1, 1], [1, -1]])
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.array([False, True])
    )
    assert center[1] == 0.0
    assert x.toarray()[:, 1] == pytest.approx([0.0, 0.0, 0.0])
    pca = fit_pca(x, center, rng=np.random.default_rng(0))
    assert pca.components[0] == pytest.approx([1.0, 0.0])
    assert pca.components[1] == pytest.approx([0.0, 0.0])  # rank 1: no second direction


def test_a_warm_start_keeps_the_signs_of_the_previous_components():
    matrix = _matrix(VOTES)
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(3, dtype=bool)
    )
    cold = fit_pca(x, center, rng=np.random.default_rng(1))
    warm = fit_pca(x, center, rng=np.random.default_rng(2), start=-cold.components)
    assert warm.components == pytest.approx(-cold.components, abs=1e-8)
    again = fit_pca(x, center, rng=np.random.default_rng(3), start=cold.components)
    assert again.components == pytest.approx(cold.components, abs=1e-8)
    # Converged already: the norm repeats after a few products, as Pol.is checks.
    assert again.iterations.max() < cold.iterations.max()


def _dense_pol_is_power_iteration(x, start, iterations):
    """Pol.is's power iteration written out on the dense X^T X, for reference."""
    gram = x.T @ x
    found = []
    for vector in start:
        vector = vector.copy()
        previous = None
        for _ in range(iterations + 1):
            for component in found:
                vector = vector - (vector @ component) * component
            image = gram @ vector
            for component in found:
                image = image - (image @ component) * component
            norm = np.linalg.norm(image)
            if norm == previous:
                break
            previous = norm
            vector = image / norm
        found.append(vector)
    return np.array(found)


@pytest.mark.parametrize("iterations", [3, 100])
def test_the_iteration_is_pol_is_s_own_budget_included(iterations):
    rng = np.random.default_rng(5)
    rows = [[rng.choice([-1, 0, 1, None]) for _ in range(8)] for _ in range(30)]
    matrix = _matrix(rows)
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(8, dtype=bool)
    )
    start = rng.random((2, 8))
    pca = fit_pca(x, center, rng=np.random.default_rng(0), start=start, iterations=iterations)
    reference = _dense_pol_is_power_iteration(x.toarray(), start, iterations)
    # Sparse and dense products round differently; after many steps (and a stop on an exactly
    # repeated norm) the two drift apart by rounding only.
    assert pca.components == pytest.approx(reference, abs=1e-12 if iterations == 3 else 1e-6)
    if iterations == 3:
        assert pca.iterations.tolist() == [4, 4]  # 100 asked, 101 run: the budget plus one


def test_empty_matrix():
    matrix = build_vote_matrix([], [], [])
    x, center = centred_matrix(
        matrix.indptr, matrix.indices, matrix.values, matrix.shape, np.zeros(0, dtype=bool)
    )
    pca = fit_pca(x, center, rng=np.random.default_rng(0))
    assert pca.components.shape == (2, 0)
