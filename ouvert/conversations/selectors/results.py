"""The opinion map as the pages read it: groups, statements with their votes, where one stands."""

from dataclasses import dataclass

from ouvert.conversations.models import (
    Analysis,
    Conversation,
    Participant,
    Statement,
    Vote,
    group_letter,
)
from ouvert.conversations.results import Positions, positions_from_bytes
from ouvert.conversations.selectors.statements import statements_votable


def analysis_get(conversation: Conversation) -> Analysis | None:
    return Analysis.objects.filter(pk=conversation.pk).defer("state").first()


def positions_get(conversation: Conversation) -> Positions | None:
    data = Analysis.objects.filter(pk=conversation.pk).values_list("positions", flat=True).first()
    return positions_from_bytes(data) if data else None


@dataclass(frozen=True)
class VoteShares:
    """Votes on one statement, from everyone or from one group."""

    agree: int
    disagree: int
    seen: int

    @property
    def passes(self) -> int:
        return self.seen - self.agree - self.disagree

    def _percent(self, count: int) -> int:
        return round(100 * count / self.seen) if self.seen else 0

    @property
    def agree_percent(self) -> int:
        return self._percent(self.agree)

    @property
    def disagree_percent(self) -> int:
        return self._percent(self.disagree)

    @property
    def pass_percent(self) -> int:
        return max(100 - self.agree_percent - self.disagree_percent, 0) if self.seen else 0

    @property
    def pass_offset(self) -> int:
        return self.agree_percent + self.disagree_percent


@dataclass(frozen=True)
class StatementResult:
    statement: Statement
    overall: VoteShares
    groups: tuple[VoteShares, ...]
    group_consensus: float

    @property
    def by_group(self) -> list[tuple[str, VoteShares]]:
        return [(group_letter(position), shares) for position, shares in enumerate(self.groups)]


@dataclass(frozen=True)
class Representative:
    result: StatementResult
    agrees: bool
    percent: int  # share of the group on that side (Pol.is's p-success, Laplace-smoothed)
    votes: VoteShares  # the group's own votes


@dataclass(frozen=True)
class GroupResult:
    position: int
    letter: str
    size: int
    percent: int  # share of the clustered participants
    representative: tuple[Representative, ...]


@dataclass(frozen=True)
class Results:
    analysis: Analysis
    participants: int
    clustered: int
    votes: int
    groups: tuple[GroupResult, ...]
    consensus_agree: tuple[StatementResult, ...]
    consensus_disagree: tuple[StatementResult, ...]
    statements: tuple[StatementResult, ...]  # every statement open to votes, by group consensus

    @property
    def letters(self) -> list[str]:
        return [group.letter for group in self.groups]


def conversation_results(conversation: Conversation) -> Results | None:
    """The latest opinion map with the statements it speaks of, in two queries."""
    analysis = analysis_get(conversation)
    if analysis is None or not analysis.results.get("statements"):
        return None
    data = analysis.results
    statements = {s.pk: s for s in statements_votable(conversation).order_by("number")}
    rows = data["statements"]
    n_groups = len(data["groups"])

    def result(statement: Statement) -> StatementResult:
        row = rows.get(str(statement.pk))
        if row is None:  # proposed since the last analysis
            return StatementResult(
                statement=statement,
                overall=VoteShares(0, 0, 0),
                groups=tuple(VoteShares(0, 0, 0) for _ in range(n_groups)),
                group_consensus=0.0,
            )
        return StatementResult(
            statement=statement,
            overall=VoteShares(row["agree"], row["disagree"], row["seen"]),
            groups=tuple(VoteShares(*counts) for counts in row["groups"]),
            group_consensus=row["gac"],
        )

    by_id = {pk: result(statement) for pk, statement in statements.items()}
    clustered = max(sum(group["size"] for group in data["groups"]), 1)
    groups = []
    for position, group in enumerate(data["groups"]):
        representative = []
        for entry in group["representative"]:
            statement_result = by_id.get(entry["statement"])
            if statement_result is None:  # rejected since
                continue
            representative.append(
                Representative(
                    result=statement_result,
                    agrees=entry["agrees"],
                    percent=round(100 * entry["p_success"]),
                    votes=statement_result.groups[position],
                )
            )
        groups.append(
            GroupResult(
                position=position,
                letter=group_letter(position),
                size=group["size"],
                percent=round(100 * group["size"] / clustered),
                representative=tuple(representative),
            )
        )
    ordered = sorted(by_id.values(), key=lambda r: (-r.group_consensus, r.statement.number))
    return Results(
        analysis=analysis,
        participants=data["participants"],
        clustered=data["clustered"],
        votes=data["votes"],
        groups=tuple(groups),
        consensus_agree=tuple(by_id[i] for i in data["consensus"]["agree"] if i in by_id),
        consensus_disagree=tuple(by_id[i] for i in data["consensus"]["disagree"] if i in by_id),
        statements=tuple(ordered),
    )


@dataclass(frozen=True)
class Standing:
    """Where a participant stands: their votes, their group, their place on the map."""

    votes: int
    clustered: bool
    group: GroupResult | None
    coordinates: tuple[float, float] | None
    # Representative statements of their group: those they voted like the group, and not.
    with_group: tuple[Representative, ...]
    against_group: tuple[Representative, ...]


def participant_standing(
    *, conversation: Conversation, participant: Participant | None, results: Results | None
) -> Standing | None:
    if participant is None:
        return None
    my_votes = dict(
        Vote.objects.filter(participant=participant).values_list("statement_id", "value")
    )
    positions = positions_get(conversation) if results is not None else None
    place = positions.of(participant.pk) if positions is not None else None
    group = None
    with_group: list[Representative] = []
    against_group: list[Representative] = []
    coordinates = None
    if place is not None:
        coordinates = (float(place[0][0]), float(place[0][1]))
        if 0 <= place[1] < len(results.groups):
            group = results.groups[place[1]]
            for entry in group.representative:
                mine = my_votes.get(entry.result.statement.pk)
                if mine is None or mine == Vote.Value.PASS:
                    continue
                same = (mine == Vote.Value.AGREE) == entry.agrees
                (with_group if same else against_group).append(entry)
    return Standing(
        votes=len(my_votes),
        clustered=group is not None,
        group=group,
        coordinates=coordinates,
        with_group=tuple(with_group),
        against_group=tuple(against_group),
    )
