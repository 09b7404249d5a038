"""Counting the votes of a debate without revealing anyone's.

The overall counts are public. Counts by the kind of participant people declared are public only
for groups of at least `MIN_GROUP` votes: the only company to vote must not have its vote read off
the table. Small groups are merged into one row, and so that this row cannot be read by subtraction
either, it too holds no votes or at least `MIN_GROUP` (if it would hold fewer, the smallest
published groups join it until it is large enough), as statistical offices do with small cells
("secret statistique"). Plain functions, no database.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_GROUP = 5


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    votes_abstain: int = 0

    @property
    def total(self) -> int:
        return self.votes_for + self.votes_against + self.votes_abstain

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.votes_for + other.votes_for,
            self.votes_against + other.votes_against,
            self.votes_abstain + other.votes_abstain,
        )

    def percent(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0


@dataclass(frozen=True)
class GroupTally:
    kind: str  # a declared kind; "" for the votes of people who declared none
    tally: Tally


@dataclass(frozen=True)
class Results:
    overall: Tally
    groups: tuple[GroupTally, ...]  # the groups large enough to publish, in the order of `kinds`
    merged: Tally  # the votes of smaller groups, together: none, or at least `min_group`


def tally_votes(
    counts: Mapping[tuple[str, str], int],
    *,
    kinds: Sequence[str],
    min_group: int = MIN_GROUP,
) -> Results:
    """Results from vote counts keyed by (declared kind, choice), choices being "for", "against"
    and "abstain"; `kinds` orders the groups (with "" for the undeclared, wherever it should go)."""
    by_kind: dict[str, Tally] = {}
    for (kind, choice), count in counts.items():
        by_kind[kind] = by_kind.get(kind, Tally()) + Tally(
            votes_for=count if choice == "for" else 0,
            votes_against=count if choice == "against" else 0,
            votes_abstain=count if choice == "abstain" else 0,
        )
    overall = sum(by_kind.values(), Tally())
    order = {kind: index for index, kind in enumerate(kinds)}
    shown = {kind for kind, tally in by_kind.items() if tally.total >= min_group}

    def merged() -> Tally:
        return sum((t for kind, t in by_kind.items() if kind not in shown), Tally())

    while shown and 0 < merged().total < min_group:
        shown.remove(min(shown, key=lambda kind: (by_kind[kind].total, order.get(kind, 0))))
    groups = tuple(
        GroupTally(kind, by_kind[kind])
        for kind in sorted(shown, key=lambda kind: order.get(kind, len(order)))
    )
    return Results(overall=overall, groups=groups, merged=merged())
