"""What each group thinks: representative statements, consensus, group-informed consensus, priority.

polis-spec.md §2.5 to §2.8 (Pol.is's repness.clj and stats.clj). Everything works on vote counts:
A (agree), D (disagree) and S (any vote, passes included), per group and statement, computed from
the sparse matrix in O(V).
"""

from dataclasses import dataclass

import numpy as np

# One-sided 90 % significance, Pol.is's `z-sig-90?` (the 95 % test exists in Pol.is but is unused).
Z_90 = 1.2816
REPRESENTATIVE_PER_GROUP = 5
CONSENSUS_PER_SIDE = 5
META_PRIORITY = 7.0**2


def prop_test(successes: np.ndarray, trials: np.ndarray) -> np.ndarray:
    """Pol.is's one-proportion test: 2 * sqrt(n + 1) * ((s + 1) / (n + 1) - 1/2)."""
    successes = np.asarray(successes, dtype=np.float64)
    trials = np.asarray(trials, dtype=np.float64)
    return 2.0 * np.sqrt(trials + 1.0) * ((successes + 1.0) / (trials + 1.0) - 0.5)


def two_prop_test(
    successes_1: np.ndarray, successes_2: np.ndarray, trials_1: np.ndarray, trials_2: np.ndarray
) -> np.ndarray:
    """Pol.is's two-proportion z-test, with one added to each of the four counts.

    p1 = s1/n1, p2 = s2/n2, p = (s1 + s2)/(n1 + n2), z = (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2)),
    and z = 0 when p = 1.
    """
    s1 = np.asarray(successes_1, dtype=np.float64) + 1.0
    s2 = np.asarray(successes_2, dtype=np.float64) + 1.0
    n1 = np.asarray(trials_1, dtype=np.float64) + 1.0
    n2 = np.asarray(trials_2, dtype=np.float64) + 1.0
    p1, p2 = s1 / n1, s2 / n2
    pooled = (s1 + s2) / (n1 + n2)
    variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (p1 - p2) / np.sqrt(variance)
    return np.where(pooled >= 1.0, 0.0, z)


@dataclass(frozen=True)
class Counts:
    """Vote counts, (g, C) for g groups (or (1, C) for everyone): agree, disagree, any vote."""

    agree: np.ndarray
    disagree: np.ndarray
    seen: np.ndarray

    @property
    def passes(self) -> np.ndarray:
        return self.seen - self.agree - self.disagree


@dataclass(frozen=True)
class RepresentativeStatement:
    """A statement that sets a group apart, in Pol.is's finalised form."""

    column: int
    agrees: bool  # Pol.is's repful-for: agree or disagree
    n_success: int
    n_trials: int
    p_success: float
    p_test: float
    repness: float
    repness_test: float

    @property
    def metric(self) -> float:
        return self.repness * self.repness_test * self.p_success * self.p_test


@dataclass(frozen=True)
class GroupStatistics:
    """Per-group, per-statement terms of polis-spec §2.6, each (g, C)."""

    pa: np.ndarray
    pd: np.ndarray
    pat: np.ndarray
    pdt: np.ndarray
    ra: np.ndarray
    rd: np.ndarray
    rat: np.ndarray
    rdt: np.ndarray


def group_statistics(counts: Counts) -> GroupStatistics:
    """Each group against the union of the other groups (unclustered participants left out)."""
    n_a, n_d, n_s = (
        np.asarray(c, dtype=np.float64) for c in (counts.agree, counts.disagree, counts.seen)
    )
    other_a = n_a.sum(axis=0) - n_a
    other_d = n_d.sum(axis=0) - n_d
    other_s = n_s.sum(axis=0) - n_s
    pa = (n_a + 1) / (n_s + 2)
    pd = (n_d + 1) / (n_s + 2)
    return GroupStatistics(
        pa=pa,
        pd=pd,
        pat=prop_test(n_a, n_s),
        pdt=prop_test(n_d, n_s),
        ra=pa / ((other_a + 1) / (other_s + 2)),
        rd=pd / ((other_d + 1) / (other_s + 2)),
        rat=two_prop_test(n_a, other_a, n_s, other_s),
        rdt=two_prop_test(n_d, other_d, n_s, other_s),
    )


def _finalise(stats: GroupStatistics, counts: Counts, g: int, j: int, agrees: bool):
    """Statement j as representative of group g, for agreement or for disagreement."""
    if agrees:
        successes, p, p_test, repness, repness_test = (
            counts.agree,
            stats.pa,
            stats.pat,
            stats.ra,
            stats.rat,
        )
    else:
        successes, p, p_test, repness, repness_test = (
            counts.disagree,
            stats.pd,
            stats.pdt,
            stats.rd,
            stats.rdt,
        )
    return RepresentativeStatement(
        column=int(j),
        agrees=agrees,
        n_success=int(successes[g, j]),
        n_trials=int(counts.seen[g, j]),
        p_success=float(p[g, j]),
        p_test=float(p_test[g, j]),
        repness=float(repness[g, j]),
        repness_test=float(repness_test[g, j]),
    )


def representative_statements(
    counts: Counts, excluded: np.ndarray
) -> list[list[RepresentativeStatement]]:
    """Up to five representative statements per group, agreements first (polis-spec §2.6).

    counts: (g, C) per-group counts over clustered participants; excluded: (C,) bool,
    moderated-out statements, never representative.
    """
    stats = group_statistics(counts)
    n_groups, _n_columns = counts.agree.shape
    candidates = np.flatnonzero(~np.asarray(excluded, dtype=bool))
    result = []
    for g in range(n_groups):
        pa, pat, ra, rat = stats.pa[g], stats.pat[g], stats.ra[g], stats.rat[g]
        passes_agree = (rat > Z_90) & (pat > Z_90)
        passes_disagree = (stats.rdt[g] > Z_90) & (stats.pdt[g] > Z_90)
        # Best agreement, scanned in column order as Pol.is does.
        best_agree = None
        for j in candidates:
            if counts.agree[g, j] == 0 and counts.disagree[g, j] == 0:
                continue
            if best_agree is not None and ra[best_agree] > 1:
                if ra[j] * rat[j] * pa[j] * pat[j] > (
                    ra[best_agree] * rat[best_agree] * pa[best_agree] * pat[best_agree]
                ):
                    best_agree = j
            elif best_agree is not None:
                if pa[j] * pat[j] > pa[best_agree] * pat[best_agree]:
                    best_agree = j
            elif pat[j] > Z_90 or (ra[j] > 1 and pa[j] > 0.5):
                best_agree = j
        sufficient = [
            _finalise(stats, counts, g, j, agrees=bool(stats.rat[g, j] > stats.rdt[g, j]))
            for j in candidates
            if passes_agree[j] or passes_disagree[j]
        ]
        if not sufficient:
            if best_agree is not None:
                result.append([_finalise(stats, counts, g, best_agree, agrees=True)])
            elif len(candidates):
                scores = np.maximum(stats.rat[g, candidates], stats.rdt[g, candidates])
                best = int(candidates[int(np.argmax(scores))])
                result.append(
                    [
                        _finalise(
                            stats,
                            counts,
                            g,
                            best,
                            agrees=bool(stats.rat[g, best] > stats.rdt[g, best]),
                        )
                    ]
                )
            else:
                result.append([])
            continue
        chosen = sorted(
            (entry for entry in sufficient if entry.column != best_agree),
            key=lambda entry: entry.metric,
            reverse=True,
        )
        if best_agree is not None:
            chosen.insert(0, _finalise(stats, counts, g, best_agree, agrees=True))
        chosen = chosen[:REPRESENTATIVE_PER_GROUP]
        result.append(sorted(chosen, key=lambda entry: not entry.agrees))
    return result


@dataclass(frozen=True)
class Consensus:
    """Statements most participants agree (or disagree) with, as columns, best first."""

    agree: tuple[int, ...]
    disagree: tuple[int, ...]


def consensus(counts: Counts, excluded: np.ndarray) -> Consensus:
    """polis-spec §2.7: over all participants, pa > 1/2 and pat significant, by pa * pat."""
    agree = np.asarray(counts.agree, dtype=np.float64).ravel()
    disagree = np.asarray(counts.disagree, dtype=np.float64).ravel()
    seen = np.asarray(counts.seen, dtype=np.float64).ravel()
    pa, pd = (agree + 1) / (seen + 2), (disagree + 1) / (seen + 2)
    pat, pdt = prop_test(agree, seen), prop_test(disagree, seen)
    allowed = ~np.asarray(excluded, dtype=bool)

    def best(p: np.ndarray, test: np.ndarray) -> tuple[int, ...]:
        chosen = np.flatnonzero(allowed & (p > 0.5) & (test > Z_90))
        order = np.argsort(-(p[chosen] * test[chosen]), kind="stable")
        return tuple(int(j) for j in chosen[order][:CONSENSUS_PER_SIDE])

    return Consensus(agree=best(pa, pat), disagree=best(pd, pdt))


def group_informed_consensus(counts: Counts) -> np.ndarray:
    """(C,) prod over groups of (A_g + 1) / (S_g + 2) (polis-spec §2.7), 0 without groups."""
    if counts.agree.shape[0] == 0:
        return np.zeros(counts.agree.shape[1])
    return np.prod((counts.agree + 1.0) / (counts.seen + 2.0), axis=0)


def priorities(counts: Counts, extremity: np.ndarray, meta: np.ndarray) -> np.ndarray:
    """(C,) routing priority of each statement (polis-spec §2.8).

    With A, D, S summed over groups and P = S - A - D: a = (A + 1)/(S + 2),
    p = (P + 1)/(S + 2), importance = (1 - p)(1 + e) a, priority = (importance (1 + 8 * 2^(-S/5)))^2;
    meta statements get 7^2 = 49.
    """
    agree = np.asarray(counts.agree, dtype=np.float64).sum(axis=0)
    seen = np.asarray(counts.seen, dtype=np.float64).sum(axis=0)
    passes = seen - agree - np.asarray(counts.disagree, dtype=np.float64).sum(axis=0)
    a = (agree + 1) / (seen + 2)
    p = (passes + 1) / (seen + 2)
    importance = (1 - p) * (1 + extremity) * a
    result = (importance * (1 + 8 * 2.0 ** (-seen / 5))) ** 2
    return np.where(np.asarray(meta, dtype=bool), META_PRIORITY, result)
