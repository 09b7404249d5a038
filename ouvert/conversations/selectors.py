"""Reads of conversations: lists, the next statement to vote on, results, open data, exports."""

import time
from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from ouvert.conversations.models import (
    Analysis,
    Conversation,
    OpinionGroup,
    Participant,
    Statement,
    Vote,
    VoteChange,
    group_letter,
)
from ouvert.conversations.results import (
    Positions,
    StatementsInfo,
    default_priority,
    positions_from_bytes,
)
from ouvert.core.publicity import public


def _count(model, field: str = "conversation") -> Subquery:
    return Coalesce(
        Subquery(
            model.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def _with_counts(conversations: QuerySet[Conversation]) -> QuerySet[Conversation]:
    """Conversations with their subject and their counts, in a constant number of queries."""
    return conversations.select_related("plan").annotate(
        statements_count=Coalesce(
            Subquery(
                Statement.objects.filter(
                    conversation=OuterRef("pk"), status=Statement.Status.ACCEPTED
                )
                .order_by()
                .values("conversation")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        participants_count=_count(Participant),
        votes_count=_count(Vote),
    )


def conversations_public() -> QuerySet[Conversation]:
    """Open and closed conversations, newest first (the open-data rows)."""
    return _with_counts(public(Conversation)).order_by("-created_at", "-id")


def conversations_visible(*, user) -> QuerySet[Conversation]:
    """What `user` may see: open and closed conversations, drafts too for the moderation."""
    if user.has_perm("conversations.view_draft_conversation"):
        return _with_counts(Conversation.objects.all()).order_by("-created_at", "-id")
    return conversations_public()


def conversation_get(*, slug: str, user) -> Conversation | None:
    conversation = conversations_visible(user=user).filter(slug=slug).first()
    if conversation is None or not user.has_perm("conversations.view_conversation", conversation):
        return None
    return conversation


_ACTION_FIELDS = (
    "id",
    "slug",
    "plan_id",
    "status",
    "strict_moderation",
    "accepts_statements",
    "anonymous_participation",
)


# slug -> (read at, row): the vote endpoint's conversation, per process, for ACTION_CACHE_SECONDS.
_action_rows: dict[str, tuple[float, tuple]] = {}
ACTION_CACHE_SECONDS = 2.0


def conversation_for_action(*, slug: str, user, fresh: bool = False) -> Conversation | None:
    """The conversation a vote or a statement is sent to, with the few fields participation
    needs.

    The vote endpoint reads it on every vote: from a per-process copy at most two seconds old
    (`fresh` bypasses it). That is safe because the vote's own SQL checks, in the database, that
    the conversation is open and the statement votable: a conversation closed a second ago turns
    the vote down all the same.
    """
    now = time.monotonic()
    cached = None if fresh else _action_rows.get(slug)
    if cached is not None and now - cached[0] < ACTION_CACHE_SECONDS:
        row = cached[1]
    else:
        columns = ", ".join(_ACTION_FIELDS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {Conversation._meta.db_table} WHERE slug = %s",  # noqa: S608
                [slug],
            )
            row = cursor.fetchone()
        if row is None:
            _action_rows.pop(slug, None)
            return None
        if len(_action_rows) > 1000:
            _action_rows.clear()
        _action_rows[slug] = (now, row)
    conversation = Conversation.from_db(connection.alias, _ACTION_FIELDS, row)
    if not user.has_perm("conversations.view_conversation", conversation):
        return None
    return conversation


# Statements -------------------------------------------------------------------------------------


def _votable() -> Q:
    return Q(status=Statement.Status.ACCEPTED) | Q(
        status=Statement.Status.PENDING, conversation__strict_moderation=False
    )


def statement_is_votable(statement: Statement) -> bool:
    if statement.status == Statement.Status.ACCEPTED:
        return True
    return statement.status == Statement.Status.PENDING and not (
        statement.conversation.strict_moderation
    )


def statements_votable(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(_votable(), conversation=conversation)


def statement_get(*, conversation: Conversation, number: int) -> Statement | None:
    return Statement.objects.filter(conversation=conversation, number=number).first()


def statements_to_moderate(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(
        conversation=conversation, status=Statement.Status.PENDING
    ).order_by("created_at", "number")


def statements_all(conversation: Conversation) -> QuerySet[Statement]:
    return Statement.objects.filter(conversation=conversation).order_by("number")


def statements_by_participant(participant: Participant | None) -> QuerySet[Statement]:
    if participant is None:
        return Statement.objects.none()
    return Statement.objects.filter(author=participant).order_by("-created_at")


def statements_for_analysis(conversation_id: int) -> StatementsInfo:
    rows = list(
        Statement.objects.filter(conversation_id=conversation_id)
        .order_by("id")
        .values_list("id", "status", "is_meta", "conversation__strict_moderation")
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    status = np.array([row[1] for row in rows], dtype=object)
    meta = np.array([row[2] for row in rows], dtype=bool)
    strict = bool(rows[0][3]) if rows else True
    accepted = status == Statement.Status.ACCEPTED
    pending = status == Statement.Status.PENDING
    routable = accepted | (pending & (not strict))
    # Out of the math: rejected and meta statements (Pol.is's mod-out), and, under strict
    # moderation, statements still waiting (they are not part of the conversation yet).
    excluded = ~routable | meta
    return StatementsInfo(ids=ids, routable=routable, meta=meta, moderated_out=ids[excluded])


# Participation ------------------------------------------------------------------------------------


def participant_for_user(*, conversation: Conversation, user) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.filter(conversation=conversation, user=user).first()


def participant_by_id(*, conversation: Conversation, participant_id: int) -> Participant | None:
    return Participant.objects.filter(conversation=conversation, pk=participant_id).first()


def next_statement(
    *, conversation: Conversation, participant: Participant | None, rng: np.random.Generator
) -> Statement | None:
    """The statement to show next: drawn at random among those not voted on yet, with Pol.is's
    priority as weight (polis-spec §2.8), so that every statement gets enough votes to place it
    and the more divisive ones come first."""
    candidates = statements_votable(conversation)
    if participant is not None:
        candidates = candidates.exclude(votes__participant=participant)
    candidates = list(candidates.only("id", "number", "text", "is_seed", "is_meta"))
    if not candidates:
        return None
    priorities = (
        Analysis.objects.filter(pk=conversation.pk)
        .values_list("results__priorities", flat=True)
        .first()
    ) or {}
    fallback = default_priority()
    weights = np.array(
        [float(priorities.get(str(statement.pk), fallback)) for statement in candidates]
    )
    weights = np.where(np.isfinite(weights) & (weights > 0), weights, fallback)
    return candidates[int(rng.choice(len(candidates), p=weights / weights.sum()))]


@dataclass(frozen=True)
class Progress:
    votes: int
    votable: int

    @property
    def remaining(self) -> int:
        return max(self.votable - self.votes, 0)


def participant_progress(
    *, conversation: Conversation, participant: Participant | None
) -> Progress:
    votable = statements_votable(conversation)
    voted = 0
    if participant is not None:
        voted = Vote.objects.filter(participant=participant, statement__in=votable).count()
    return Progress(votes=voted, votable=votable.count())


# Votes for the analysis and the exports -----------------------------------------------------------


@dataclass(frozen=True)
class VoteArrays:
    """Current votes (V,), in the order of their first casting: participant, statement, value."""

    participants: np.ndarray
    statements: np.ndarray
    values: np.ndarray

    def __len__(self) -> int:
        return len(self.values)


# PostgreSQL's binary COPY of (bigint, bigint, smallint): a 2-byte field count, then each field
# as a 4-byte length and its big-endian value.
_COPY_ROW = np.dtype(
    [
        ("fields", ">i2"),
        ("length_1", ">i4"),
        ("participant", ">i8"),
        ("length_2", ">i4"),
        ("statement", ">i8"),
        ("length_3", ">i4"),
        ("value", ">i2"),
    ]
)
_COPY_HEADER = 19  # signature (11), flags (4), header extension length (4)
_COPY_TRAILER = 2


def vote_arrays(conversation_id: int) -> VoteArrays:
    """All current votes of a conversation as arrays, read without building a Python object per
    vote (a binary COPY on PostgreSQL: a million votes in a fraction of a second)."""
    table = Vote._meta.db_table
    query = (
        f"SELECT participant_id, statement_id, value FROM {table} "  # noqa: S608
        f"WHERE conversation_id = {int(conversation_id)} ORDER BY id"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT binary)") as copy:
                data = b"".join(bytes(chunk) for chunk in copy)
            rows = np.frombuffer(
                data,
                dtype=_COPY_ROW,
                offset=_COPY_HEADER,
                count=(len(data) - _COPY_HEADER - _COPY_TRAILER) // _COPY_ROW.itemsize,
            )
            return VoteArrays(
                participants=rows["participant"].astype(np.int64),
                statements=rows["statement"].astype(np.int64),
                values=rows["value"].astype(np.int8),
            )
        cursor.execute(query)
        table_rows = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 3)
    return VoteArrays(
        participants=table_rows[:, 0].copy(),
        statements=table_rows[:, 1].copy(),
        values=table_rows[:, 2].astype(np.int8),
    )


def vote_fingerprint(conversation_id: int) -> tuple[int, int]:
    """(current votes, replaced votes) of a conversation: any vote or revote changes it."""
    return (
        Vote.objects.filter(conversation_id=conversation_id).count(),
        VoteChange.objects.filter(conversation_id=conversation_id).count(),
    )


# Results ------------------------------------------------------------------------------------------


def analysis_get(conversation: Conversation) -> Analysis | None:
    return Analysis.objects.filter(pk=conversation.pk).defer("state").first()


def positions_get(conversation: Conversation) -> Positions | None:
    data = Analysis.objects.filter(pk=conversation.pk).values_list("positions", flat=True).first()
    return positions_from_bytes(data) if data else None


def groups_public() -> QuerySet[OpinionGroup]:
    return (
        public(OpinionGroup)
        .select_related("conversation")
        .order_by("conversation__slug", "position")
    )


def statements_public() -> QuerySet[Statement]:
    """Accepted statements of public conversations with their vote counts (the open-data rows)."""
    votes = Vote.objects.filter(statement=OuterRef("pk")).order_by().values("statement")

    def counted(value: int | None):
        selected = votes if value is None else votes.filter(value=value)
        return Coalesce(
            Subquery(selected.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            0,
        )

    return (
        public(Statement)
        .select_related("conversation")
        .annotate(
            agree_count=counted(Vote.Value.AGREE),
            disagree_count=counted(Vote.Value.DISAGREE),
            pass_count=counted(Vote.Value.PASS),
        )
        .order_by("conversation__slug", "number")
    )


def votes_public() -> QuerySet[Vote]:
    """Anonymised votes: conversation, statement number, participant number, vote, day.

    Only on accepted statements of public conversations; never the account behind a vote.
    """
    return (
        public(Vote)
        .select_related("conversation", "statement", "participant")
        .order_by("conversation_id", "statement__number", "participant__number")
    )


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


# Personal data ------------------------------------------------------------------------------------


def participations_of(user) -> QuerySet[Participant]:
    return (
        Participant.objects.filter(user=user)
        .select_related("conversation")
        .prefetch_related("votes__statement", "statements", "vote_changes__statement")
        .order_by("created_at")
    )
