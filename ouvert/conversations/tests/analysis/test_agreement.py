import pytest

from ouvert.conversations.analysis.agreement import adjusted_rand_index, jaccard


def test_identical_partitions_up_to_renaming():
    assert adjusted_rand_index([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]) == 1.0


def test_adjusted_rand_index_by_hand():
    # Contingency [[2, 0], [0, 1], [0, 1]] of a = [0, 0, 1, 2], b = [0, 0, 1, 1]:
    # index = C(2,2) = 1; sum_a = 1, sum_b = 1 + 1 = 2; expected = 1 * 2 / C(4,2) = 1/3;
    # maximum = 3/2: ARI = (1 - 1/3) / (3/2 - 1/3) = 4/7.
    assert adjusted_rand_index([0, 0, 1, 2], [0, 0, 1, 1]) == pytest.approx(4 / 7)


def test_a_partition_against_one_without_structure():
    assert adjusted_rand_index([0, 0, 0, 0], [0, 1, 2, 3]) == pytest.approx(0.0)


def test_labellings_must_cover_the_same_items():
    with pytest.raises(ValueError, match="same items"):
        adjusted_rand_index([0, 1], [0])


def test_jaccard():
    assert jaccard({1, 2, 3}, {2, 3, 4}) == 0.5
    assert jaccard(set(), set()) == 1.0
