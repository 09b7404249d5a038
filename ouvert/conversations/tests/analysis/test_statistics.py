"""The statistics of polis-spec §2.5-2.8, checked against values worked out by hand."""

import math

import numpy as np
import pytest

from ouvert.conversations.analysis.statistics import (
    Counts,
    consensus,
    group_informed_consensus,
    priorities,
    prop_test,
    representative_statements,
    two_prop_test,
)


def test_prop_test():
    # 2 * sqrt(4 + 1) * ((3 + 1) / (4 + 1) - 1/2) = 2 sqrt(5) * 0.3
    assert prop_test(3, 4) == pytest.approx(0.6 * math.sqrt(5), abs=1e-12)
    assert prop_test(0, 0) == pytest.approx(2.0 * (1.0 - 0.5), abs=1e-12)


def test_two_prop_test_adds_one_to_each_count():
    # s1 = 4, n1 = 5, s2 = 2, n2 = 6: p1 = 4/5, p2 = 1/3, p = 6/11,
    # variance = 6/11 * 5/11 * (1/5 + 1/6) = 1/11, z = (4/5 - 1/3) * sqrt(11) = 7/15 sqrt(11)
    assert two_prop_test(3, 1, 4, 5) == pytest.approx(7 / 15 * math.sqrt(11), abs=1e-12)


def test_two_prop_test_is_zero_when_everyone_succeeds():
    assert two_prop_test(4, 6, 4, 6) == 0.0


def _counts(agree, disagree, seen) -> Counts:
    return Counts(
        agree=np.array(agree, dtype=float),
        disagree=np.array(disagree, dtype=float),
        seen=np.array(seen, dtype=float),
    )


# Two groups of four, three statements:
#   0: group 0 agrees 4/4, group 1 disagrees 3/4 (1 pass)
#   1: everyone agrees (4/4 and 4/4)
#   2: group 0 disagrees 3/4, group 1 agrees 4/4
GROUPS = _counts(
    agree=[[4, 4, 0], [0, 4, 4]],
    disagree=[[0, 0, 3], [3, 0, 0]],
    seen=[[4, 4, 4], [4, 4, 4]],
)


def test_representative_statements_by_hand():
    result = representative_statements(GROUPS, excluded=np.zeros(3, dtype=bool))
    first = result[0]
    # Group 0 on statement 0: pa = 5/6, pat = 2 sqrt(5) (5/5 - 1/2) = sqrt(5),
    # ra = (5/6) / ((0 + 1) / (4 + 2)) = 5, rat: s1 = 5/5, s2 = 1/5, p = 6/10,
    # z = 0.8 / sqrt(0.6 * 0.4 * (1/5 + 1/5)).
    best = first[0]
    assert (best.column, best.agrees) == (0, True)
    assert best.p_success == pytest.approx(5 / 6, abs=1e-12)
    assert best.p_test == pytest.approx(math.sqrt(5), abs=1e-12)
    assert best.repness == pytest.approx(5.0, abs=1e-12)
    assert best.repness_test == pytest.approx(0.8 / math.sqrt(0.096), abs=1e-12)
    assert best.metric == pytest.approx(5 * 0.8 / math.sqrt(0.096) * 5 / 6 * math.sqrt(5))
    # Group 0 disagrees with statement 2: pd = 4/6, pdt = 2 sqrt(5) (4/5 - 1/2),
    # rd = (4/6) / (1/6) = 4, rdt: s1 = 4/5, s2 = 1/5, p = 5/10, z = 0.6 / sqrt(0.25 * 0.4).
    disagreement = first[1]
    assert (disagreement.column, disagreement.agrees) == (2, False)
    assert disagreement.p_success == pytest.approx(4 / 6, abs=1e-12)
    assert disagreement.p_test == pytest.approx(0.6 * math.sqrt(5), abs=1e-12)
    assert disagreement.repness == pytest.approx(4.0, abs=1e-12)
    assert disagreement.repness_test == pytest.approx(0.6 / math.sqrt(0.1), abs=1e-12)
    # Statement 1 (everyone agrees) does not set group 0 apart: rat = 0 < 1.2816.
    assert [entry.column for entry in first] == [0, 2]
    # Group 1, scanned in column order: statement 0 (pat < 0, ra = 1/5) is no best agreement;
    # statement 1 is (pat = sqrt(5)); statement 2 ties with it on pa * pat and does not replace
    # it. As in Pol.is, that best agreement leads the list although everyone shares it.
    assert [(entry.column, entry.agrees) for entry in result[1]] == [
        (1, True),
        (2, True),
        (0, False),
    ]


def test_moderated_out_statements_are_never_representative():
    excluded = np.array([True, False, False])
    result = representative_statements(GROUPS, excluded=excluded)
    assert all(entry.column != 0 for group in result for entry in group)


def test_without_any_significant_statement_the_best_agreement_stands_alone():
    # One voter per group: nothing passes the tests; group 0's best agreement is statement 0
    # (pat = 2 sqrt(2) (2/2 - 1/2) = sqrt(2) > 1.2816).
    counts = _counts(agree=[[1, 0], [0, 1]], disagree=[[0, 1], [1, 0]], seen=[[1, 1], [1, 1]])
    result = representative_statements(counts, excluded=np.zeros(2, dtype=bool))
    assert [(entry.column, entry.agrees) for entry in result[0]] == [(0, True)]
    assert result[0][0].p_test == pytest.approx(math.sqrt(2), abs=1e-12)


def test_consensus_by_hand():
    # Everyone (one row): statement 1 has 8/8 agree: pa = 9/10, pat = 2 sqrt(9) (9/9 - 1/2) = 3.
    everyone = _counts(agree=[[4, 8, 4]], disagree=[[3, 0, 3]], seen=[[8, 8, 8]])
    result = consensus(everyone, excluded=np.zeros(3, dtype=bool))
    assert result.agree == (1,)
    assert result.disagree == ()
    nobody = _counts(agree=[[0, 0]], disagree=[[9, 7]], seen=[[9, 8]])
    # pd = 10/11 and 8/10, pdt = 2 sqrt(10) (1 - 1/2) and 2 sqrt(9) (8/9 - 1/2):
    # pd * pdt = 2.8748 and 1.8667: statement 0 first.
    assert consensus(nobody, excluded=np.zeros(2, dtype=bool)).disagree == (0, 1)
    assert consensus(nobody, excluded=np.array([True, False])).disagree == (1,)


def test_group_informed_consensus_by_hand():
    # Statement 1: (4 + 1)/(4 + 2) * (4 + 1)/(4 + 2) = 25/36; statement 0: 5/6 * 1/6 = 5/36.
    assert group_informed_consensus(GROUPS) == pytest.approx([5 / 36, 25 / 36, 5 / 36])


def test_priority_by_hand():
    # Summed over groups, statement 0: A = 4, D = 3, S = 8, P = 1; extremity 0.5:
    # a = 5/10, p = 2/10, importance = 0.8 * 1.5 * 0.5 = 0.6,
    # priority = (0.6 * (1 + 8 * 2^(-8/5)))^2.
    result = priorities(GROUPS, extremity=np.array([0.5, 0.0, 0.0]), meta=np.array([0, 0, 1]))
    assert result[0] == pytest.approx((0.6 * (1 + 8 * 2 ** (-8 / 5))) ** 2, abs=1e-12)
    # Statement 1: A = 8, S = 8, P = 0: a = 9/10, p = 1/10, importance = 0.9 * 1 * 0.9.
    assert result[1] == pytest.approx((0.81 * (1 + 8 * 2 ** (-8 / 5))) ** 2, abs=1e-12)
    # Meta statements: 7^2.
    assert result[2] == 49.0


def test_priority_of_a_statement_nobody_saw():
    # a = p = 1/2: importance 1/4, boost 1 + 8 = 9: (9/4)^2.
    nothing = _counts(agree=[[0]], disagree=[[0]], seen=[[0]])
    assert priorities(nothing, np.zeros(1), np.zeros(1)) == pytest.approx([81 / 16])
