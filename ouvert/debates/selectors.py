"""Reads of debates: lists with their counts, a debate's page, the comparison of its versions,
the debates of a commitment and of a plan's timeline, and the moderation queue.

Votes are only ever read here as counts (`debate_results`), except a person's own vote, read for
them alone (`vote_of`).
"""

import dataclasses
from dataclasses import dataclass

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ouvert.core.publicity import public
from ouvert.debates.models import (
    SUBJECT_SECTIONS,
    Argument,
    ArgumentSupport,
    Debate,
    DebateResponse,
    DebateState,
    Paragraph,
    ParagraphNote,
    Section,
    Subject,
    TextVersion,
    Vote,
    VoteChoice,
    VoterKind,
)
from ouvert.debates.tally import Results, tally_votes
from ouvert.debates.text import ParagraphChange, compare_paragraphs, split_paragraphs, words_diff
from ouvert.participation.models import Comment
from ouvert.plans.models import ActionPlan, Commitment
from ouvert.plans.selectors import PlanMoment

# The order of the groups in the counts by kind: the declared kinds, then the undeclared votes.
KIND_ORDER = (*VoterKind.values, "")

_PUBLISHED_COMMENTS = Q(comments__status=Comment.Status.PUBLISHED)


def _count(queryset: QuerySet, field: str = "debate") -> Coalesce:
    """The number of rows of `queryset` pointing at the outer row through `field`, as a subquery
    (several counts joined at once would multiply each other)."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_counts(debates: QuerySet[Debate]) -> QuerySet[Debate]:
    """Debates with their vote counts, published arguments and comments, and whether the plan and
    commitment they are about are public (only then are these named and linked)."""
    paragraph_comments = (
        Comment.objects.published()
        .filter(
            content_type__app_label="debates",
            content_type__model="paragraph",
            object_id__in=Paragraph.objects.filter(debate=OuterRef(OuterRef("pk"))).values("pk"),
        )
        .order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return debates.select_related("plan", "commitment").annotate(
        votes_for=_count(Vote.objects.filter(choice=VoteChoice.FOR)),
        votes_against=_count(Vote.objects.filter(choice=VoteChoice.AGAINST)),
        votes_abstain=_count(Vote.objects.filter(choice=VoteChoice.ABSTAIN)),
        arguments_count=_count(public(Argument)),
        comments_count=Coalesce(Subquery(paragraph_comments, output_field=IntegerField()), 0),
        plan_is_public=Exists(public(ActionPlan).filter(pk=OuterRef("plan_id"))),
        commitment_is_public=Exists(public(Commitment).filter(pk=OuterRef("commitment_id"))),
        has_response=Exists(DebateResponse.objects.filter(debate=OuterRef("pk"))),
    )


def debates_public() -> QuerySet[Debate]:
    """Every debate with its counts, the latest opened first (the open-data rows)."""
    return with_counts(public(Debate)).order_by("-opens_at", "-id")


def debates_in_state(state: str = "") -> QuerySet[Debate]:
    """Public debates, optionally only the upcoming, open or closed ones."""
    now = timezone.now()
    debates = debates_public()
    if state == DebateState.UPCOMING:
        return debates.filter(opens_at__gt=now)
    if state == DebateState.OPEN:
        return debates.filter(opens_at__lte=now, closes_at__gt=now)
    if state == DebateState.CLOSED:
        return debates.filter(closes_at__lte=now)
    return debates


def debate_get(pk: int) -> Debate | None:
    return debates_public().filter(pk=pk).first()


def debates_of_commitment(commitment: Commitment) -> list[Debate]:
    return list(debates_public().filter(commitment=commitment))


def timeline_with_debates(moment: PlanMoment) -> tuple[PlanMoment, list[Debate]]:
    """The plan's timeline with each debate in the phase during which it opened (else the last
    phase begun before it, else the first); the debates of a plan without phases come apart."""
    debates = list(debates_public().filter(plan=moment.plan).order_by("opens_at", "id"))
    steps = list(moment.steps)
    if not steps:
        return moment, debates
    placed: dict[int, list[Debate]] = {index: [] for index in range(len(steps))}
    for debate in debates:
        day = timezone.localdate(debate.opens_at)
        during = [
            i for i, step in enumerate(steps) if step.phase.starts_on <= day <= step.phase.ends_on
        ]
        before = [i for i, step in enumerate(steps) if step.phase.starts_on <= day]
        index = during[-1] if during else (before[-1] if before else 0)
        placed[index].append(debate)
    steps = [
        dataclasses.replace(step, debates=tuple(placed[index])) for index, step in enumerate(steps)
    ]
    return dataclasses.replace(moment, steps=tuple(steps)), []


def commitments_open_to_debate(plan: ActionPlan) -> QuerySet[Commitment]:
    """The draft commitments of `plan` that may be put to the debate: those without a debate
    still awaiting its response."""
    pending = Debate.objects.filter(commitment=OuterRef("pk"), response__isnull=True)
    return (
        Commitment.objects.filter(plan=plan, status=Commitment.Status.DRAFT)
        .exclude(Exists(pending))
        .order_by("number", "reference")
    )


# One debate -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextSection:
    key: str
    label: str
    paragraphs: tuple[Paragraph, ...]


def debated_sections(debate: Debate) -> list[TextSection]:
    """The debated text by section, each paragraph with its number of published comments."""
    paragraphs = list(
        Paragraph.objects.filter(debate=debate, version__kind=TextVersion.Kind.DEBATED)
        .annotate(comments_count=Count("comments", filter=_PUBLISHED_COMMENTS))
        .order_by("number")
    )
    labels = dict(Section.choices)
    return [
        TextSection(
            key=key,
            label=labels[key],
            paragraphs=tuple(p for p in paragraphs if p.section == key),
        )
        for key in SUBJECT_SECTIONS[debate.subject]
        if any(p.section == key for p in paragraphs)
    ]


def debate_results(debate: Debate) -> Results:
    """The votes counted, overall and by declared kind (small groups merged): never who voted what."""
    counts = (
        Vote.objects.filter(debate=debate)
        .order_by()
        .values_list("kind", "choice")
        .annotate(count=Count("pk"))
    )
    return tally_votes({(kind, choice): count for kind, choice, count in counts}, kinds=KIND_ORDER)


def vote_of(*, user, debate: Debate) -> Vote | None:
    """A person's own vote, for their eyes only."""
    if not user.is_authenticated:
        return None
    return Vote.objects.filter(debate=debate, voter=user).first()


def arguments_ranked(debate: Debate) -> list[Argument]:
    """The published arguments of a debate, the most supported first."""
    return list(
        public(Argument)
        .filter(debate=debate)
        .select_related("author")
        .annotate(supports_count=Count("supports"))
        .order_by("-supports_count", "published_at", "id")
    )


def arguments_pending_of(*, user, debate: Debate) -> list[Argument]:
    """A person's own arguments that the moderators have not published (yet)."""
    if not user.is_authenticated:
        return []
    return list(
        Argument.objects.filter(debate=debate, author=user).exclude(
            status=Argument.Status.PUBLISHED
        )
    )


def supported_argument_ids(*, user, debate: Debate) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        ArgumentSupport.objects.filter(user=user, argument__debate=debate).values_list(
            "argument_id", flat=True
        )
    )


def response_of(debate: Debate) -> DebateResponse | None:
    return (
        DebateResponse.objects.filter(debate=debate)
        .select_related("author", "version")
        .prefetch_related(
            Prefetch("notes", queryset=ParagraphNote.objects.select_related("paragraph"))
        )
        .first()
    )


@dataclass(frozen=True)
class RevisionStart:
    title: str
    sections: dict[str, str]


def revision_start(debate: Debate) -> RevisionStart:
    """Where the revised text starts from: the commitment or the plan as they are now (they may
    have been edited since the debate opened), or the debated version of a text of its own."""
    keys = SUBJECT_SECTIONS[debate.subject]
    if debate.subject == Subject.COMMITMENT:
        commitment = debate.commitment
        return RevisionStart(commitment.title, {key: getattr(commitment, key) for key in keys})
    if debate.subject == Subject.PLAN_SUMMARY:
        return RevisionStart(debate.plan.title, {"summary": debate.plan.summary})
    debated = TextVersion.objects.get(debate=debate, kind=TextVersion.Kind.DEBATED)
    return RevisionStart(debated.title, {key: debated.text_of(key) for key in keys})


def paragraph_get(*, debate: Debate, number: int) -> Paragraph | None:
    return (
        Paragraph.objects.filter(
            debate=debate, version__kind=TextVersion.Kind.DEBATED, number=number
        )
        .select_related("debate")
        .first()
    )


def paragraph_neighbours(paragraph: Paragraph) -> tuple[Paragraph | None, Paragraph | None]:
    """The paragraphs before and after, for reading the text paragraph by paragraph."""
    siblings = Paragraph.objects.filter(version_id=paragraph.version_id)
    return (
        siblings.filter(number__lt=paragraph.number).order_by("-number").first(),
        siblings.filter(number__gt=paragraph.number).order_by("number").first(),
    )


# The versions compared --------------------------------------------------------------------------


@dataclass(frozen=True)
class ComparedParagraph:
    change: ParagraphChange
    paragraph: Paragraph | None  # the debated paragraph (None for an added one)
    note: ParagraphNote | None  # what the response says of it


@dataclass(frozen=True)
class ComparedSection:
    label: str
    paragraphs: tuple[ComparedParagraph, ...]

    @property
    def changed(self) -> bool:
        return any(item.change.kind != "unchanged" for item in self.paragraphs)


@dataclass(frozen=True)
class Comparison:
    debated: TextVersion
    revised: TextVersion
    title_segments: tuple  # the title word by word, when it changed
    sections: tuple[ComparedSection, ...]


def versions_compared(debate: Debate, response: DebateResponse) -> Comparison:
    """The revised text set against the debated one, section by section and paragraph by
    paragraph, each debated paragraph with the response's note on it."""
    debated = TextVersion.objects.get(debate=debate, kind=TextVersion.Kind.DEBATED)
    revised = response.version
    notes = {note.paragraph_id: note for note in response.notes.all()}
    paragraphs = list(
        Paragraph.objects.filter(version=debated)
        .annotate(comments_count=Count("comments", filter=_PUBLISHED_COMMENTS))
        .order_by("number")
    )
    labels = dict(Section.choices)
    sections = []
    for key in SUBJECT_SECTIONS[debate.subject]:
        before = [p for p in paragraphs if p.section == key]
        after = split_paragraphs(revised.text_of(key))
        if not before and not after:
            continue
        items = []
        for change in compare_paragraphs([p.text for p in before], after):
            paragraph = before[change.before_index] if change.before_index is not None else None
            items.append(
                ComparedParagraph(
                    change=change,
                    paragraph=paragraph,
                    note=notes.get(paragraph.pk) if paragraph else None,
                )
            )
        sections.append(ComparedSection(label=labels[key], paragraphs=tuple(items)))
    title_segments = (
        words_diff(debated.title, revised.title) if debated.title != revised.title else ()
    )
    return Comparison(
        debated=debated, revised=revised, title_segments=title_segments, sections=tuple(sections)
    )


# Open data ---------------------------------------------------------------------------------------


def kind_count_name(kind: str, choice: str) -> str:
    return f"votes_{kind or 'undeclared'}_{choice}"


def debates_with_kind_counts() -> QuerySet[Debate]:
    """Public debates with their vote counts by declared kind and choice, as annotations (one
    joined aggregate), from which `results_from_counts` tallies each row without a query."""
    return debates_public().annotate(
        **{
            kind_count_name(kind, choice): Count(
                "votes", filter=Q(votes__kind=kind, votes__choice=choice)
            )
            for kind in KIND_ORDER
            for choice in VoteChoice.values
        }
    )


def results_from_counts(debate: Debate) -> Results:
    """The results of a debate read from `debates_with_kind_counts`' annotations."""
    return tally_votes(
        {
            (kind, choice): getattr(debate, kind_count_name(kind, choice))
            for kind in KIND_ORDER
            for choice in VoteChoice.values
        },
        kinds=KIND_ORDER,
    )


def versions_public() -> QuerySet[TextVersion]:
    return public(TextVersion).order_by("debate_id", "created_at", "id")


def paragraphs_public() -> QuerySet[Paragraph]:
    return (
        public(Paragraph)
        .annotate(comments_count=Count("comments", filter=_PUBLISHED_COMMENTS))
        .order_by("debate_id", "number")
    )


def arguments_public() -> QuerySet[Argument]:
    return (
        public(Argument)
        .select_related("author")
        .annotate(supports_count=Count("supports"))
        .order_by("debate_id", "published_at", "id")
    )


def paragraph_comments_public() -> QuerySet[Comment]:
    """Published comments on the paragraphs of debated texts, with their paragraph."""
    return (
        Comment.objects.published()
        .filter(content_type__app_label="debates", content_type__model="paragraph")
        .select_related("author")
        .prefetch_related("target")
        .order_by("published_at", "id")
    )


def responses_public() -> QuerySet[DebateResponse]:
    return (
        public(DebateResponse)
        .select_related("author")
        .prefetch_related(
            Prefetch("notes", queryset=ParagraphNote.objects.select_related("paragraph"))
        )
        .order_by("published_at", "id")
    )


# Moderation -------------------------------------------------------------------------------------


def arguments_pending() -> QuerySet[Argument]:
    return (
        Argument.objects.filter(status=Argument.Status.PENDING)
        .select_related("author", "debate")
        .order_by("created_at", "id")
    )
