"""How far two clusterings of participants agree (polis-spec.md §6)."""

import numpy as np


def _pairs(counts: np.ndarray) -> float:
    counts = np.asarray(counts, dtype=np.float64)
    return float((counts * (counts - 1) / 2).sum())


def adjusted_rand_index(labels_a: np.ndarray, labels_b: np.ndarray) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same n items.

    ARI = (sum_ij C(n_ij, 2) - E) / ((sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2 - E), with
    E = sum_i C(a_i, 2) * sum_j C(b_j, 2) / C(n, 2); 1 for identical partitions (up to renaming),
    about 0 for independent ones. Two trivial partitions (a single cluster each) score 1.
    """
    labels_a = np.asarray(labels_a)
    labels_b = np.asarray(labels_b)
    if len(labels_a) != len(labels_b):
        raise ValueError("the two labellings must cover the same items")
    n = len(labels_a)
    if n < 2:
        return 1.0
    _, a = np.unique(labels_a, return_inverse=True)
    _, b = np.unique(labels_b, return_inverse=True)
    table = np.zeros((a.max() + 1, b.max() + 1))
    np.add.at(table, (a.ravel(), b.ravel()), 1)
    index = _pairs(table)
    sum_a = _pairs(table.sum(axis=1))
    sum_b = _pairs(table.sum(axis=0))
    expected = sum_a * sum_b / (n * (n - 1) / 2)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)


def jaccard(set_a, set_b) -> float:
    """|A and B| / |A or B| (intersection over union), 1 for two empty sets."""
    set_a, set_b = set(set_a), set(set_b)
    union = set_a | set_b
    return len(set_a & set_b) / len(union) if union else 1.0
