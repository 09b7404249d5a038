"""The key figures of participation and accountability ("chiffres clés"), from public rows only.

Every figure is an aggregate (a count, a share, a median) of rows that `ouvert.core.publicity`
makes public, read through the selectors of their app; registrations and debate votes, which are
never public one by one, appear only as counts. The same figures feed the statistics page and the
`statistiques` dataset: a constant number of queries, whatever the number of rows counted.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actors_counted
from ouvert.blog.models import Post
from ouvert.conversations.models import Conversation
from ouvert.conversations.models import Vote as ConversationVote
from ouvert.core.charts import Bar, bars
from ouvert.core.publicity import public
from ouvert.core.translation import LocalizedText, localized
from ouvert.debates.models import Debate, DebateState, VoteChoice
from ouvert.participation.models import Answer, Event, EventKind, Registration
from ouvert.participation.selectors import accountability_board, events_public
from ouvert.plans.models import ActionPlan, ImplementationStatus
from ouvert.plans.selectors.commitments import commitments_public, progress_percent, with_progress
from ouvert.plans.selectors.dashboard import COMPLETION_BUCKETS

# The statistics page charts the registrations of this many events, the latest first.
LATEST_EVENTS = 12


class Indicator(models.TextChoices):
    EVENTS = "events", _("Événements, par type")
    REGISTRATIONS = "registrations", _("Inscriptions aux événements")
    PROPOSALS_PUBLISHED = "proposals_published", _("Propositions publiées")
    PROPOSALS_ANSWERED = "proposals_answered", _("Propositions ayant reçu une réponse publique")
    PROPOSALS_ANSWER_RATE = (
        "proposals_answer_rate",
        _("Part des propositions publiées ayant reçu une réponse"),
    )
    PROPOSALS_MEDIAN_ANSWER_DAYS = (
        "proposals_median_answer_days",
        _("Délai médian entre la publication d'une proposition et sa première réponse"),
    )
    PROPOSALS_BY_ANSWER = "proposals_by_answer", _("Propositions publiées, par réponse")
    COMMITMENTS_BY_STATUS = "commitments_by_status", _("Engagements, par état d'avancement")
    COMMITMENTS_BY_COMPLETION = (
        "commitments_by_completion",
        _("Engagements, par tranche d'avancement de leurs jalons"),
    )
    ACTORS_BY_KIND = "actors_by_kind", _("Acteurs de la carte, par type")
    ACTORS_BY_VERIFICATION = "actors_by_verification", _("Acteurs de la carte, vérifiés ou non")
    CONVERSATIONS = "conversations", _("Conversations, par état")
    CONVERSATION_VOTES = "conversation_votes", _("Votes dans les conversations")
    DEBATES = "debates", _("Débats, par état")
    DEBATE_VOTES = "debate_votes", _("Votes dans les débats")
    BLOG_POSTS = "blog_posts", _("Billets de blog publiés, par type")


class Unit(models.TextChoices):
    COUNT = "count", _("nombre")
    PERCENT = "percent", _("pourcentage")
    DAYS = "days", _("jours")


class Scope(models.TextChoices):
    PLATFORM = "platform", _("toute la plateforme")
    PLAN = "plan", _("un plan d'action")
    EVENT = "event", _("un événement")


UNITS = {
    Indicator.PROPOSALS_ANSWER_RATE: Unit.PERCENT,
    Indicator.PROPOSALS_MEDIAN_ANSWER_DAYS: Unit.DAYS,
}
VERIFICATION = (("verified", _("Vérifiés")), ("unverified", _("Non vérifiés")))
CONVERSATION_STATUSES = (Conversation.Status.OPEN, Conversation.Status.CLOSED)
VOTE_VALUES = (
    ("agree", ConversationVote.Value.AGREE),
    ("disagree", ConversationVote.Value.DISAGREE),
    ("pass", ConversationVote.Value.PASS),
)
UNANSWERED = ("none", _("Sans réponse"))


def _bucket_code(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


@dataclass(frozen=True)
class Figure:
    """One figure: an indicator, over the platform, a plan or an event, for one category."""

    indicator: Indicator
    value: int | float
    scope: Scope = Scope.PLATFORM
    plan: str = ""
    event: str = ""
    category: str = ""
    category_label: str | Promise = ""

    @property
    def unit(self) -> Unit:
        return UNITS.get(self.indicator, Unit.COUNT)

    @property
    def key(self) -> str:
        """A stable identifier: the indicator, the plan or event, the category (colon-separated)."""
        place = {Scope.PLAN: self.plan, Scope.EVENT: self.event}.get(self.scope, "")
        parts = (self.indicator.value, self.scope.value if place else "", place, self.category)
        return ":".join(part for part in parts if part)


@dataclass(frozen=True)
class EventLabel:
    slug: str
    title: LocalizedText
    plan: str


@dataclass(frozen=True)
class PlanRow:
    """A public plan with its commitments by implementation status (the page's cross table)."""

    plan: ActionPlan
    title: LocalizedText
    by_status: list[int]
    total: int


class Statistics:
    """Every figure, and what the statistics page draws from them."""

    def __init__(
        self,
        *,
        figures: list[Figure],
        computed_at: datetime.datetime,
        plans: list[ActionPlan],
        events: list[EventLabel],
    ) -> None:
        self.figures = figures
        self.computed_at = computed_at
        self.plans = plans  # public plans, the newest first
        # Public events (cancelled ones left out) in chronological order: slug, title and plan.
        self.events = events

        self._values = {
            (
                figure.indicator,
                figure.scope,
                figure.plan,
                figure.event,
                figure.category,
            ): figure.value
            for figure in figures
        }

    def _platform(self, indicator: Indicator) -> list[Figure]:
        return [
            figure
            for figure in self.figures
            if figure.indicator == indicator and figure.scope == Scope.PLATFORM
        ]

    def _bars(self, indicator: Indicator) -> list[Bar]:
        return bars((figure.category_label, figure.value) for figure in self._platform(indicator))

    def value(
        self, indicator: Indicator, *, plan: str = "", event: str = "", category: str = ""
    ) -> int | float | None:
        """One figure: over a plan, an event (of `plan`) or the platform; None if it has none."""
        scope = Scope.EVENT if event else Scope.PLAN if plan else Scope.PLATFORM
        return self._values.get((indicator, scope, plan, event, category))

    @cached_property
    def totals(self) -> dict[str, int | float | None]:
        """Platform figures for the page's tiles, by name: sums over categories, rates as they are."""
        summed = {
            indicator: sum(figure.value for figure in self._platform(indicator))
            for indicator in Indicator
            if UNITS.get(indicator, Unit.COUNT) == Unit.COUNT
        }
        return {
            **{indicator.value: value for indicator, value in summed.items()},
            "registrations_confirmed": self.value(
                Indicator.REGISTRATIONS, category=Registration.Status.CONFIRMED
            ),
            "registrations_waitlisted": self.value(
                Indicator.REGISTRATIONS, category=Registration.Status.WAITLISTED
            ),
            "actors_verified": self.value(Indicator.ACTORS_BY_VERIFICATION, category="verified"),
            "proposals_answer_rate": self.value(Indicator.PROPOSALS_ANSWER_RATE),
            "proposals_median_answer_days": self.value(Indicator.PROPOSALS_MEDIAN_ANSWER_DAYS),
        }

    @cached_property
    def charts(self) -> dict[str, list[Bar]]:
        """The page's bar charts, by name."""
        charts = {
            indicator.value: self._bars(indicator)
            for indicator in Indicator
            if UNITS.get(indicator, Unit.COUNT) == Unit.COUNT
        }
        charts["registrations_by_event"] = bars(
            (
                event.title,
                self.value(
                    Indicator.REGISTRATIONS,
                    plan=event.plan,
                    event=event.slug,
                    category=Registration.Status.CONFIRMED,
                ),
            )
            for event in self.events[-LATEST_EVENTS:][::-1]
        )
        charts["answer_rate_by_plan"] = bars(
            (
                (localized(plan, "title"), rate)
                for plan in self.plans
                if (rate := self.value(Indicator.PROPOSALS_ANSWER_RATE, plan=plan.slug)) is not None
            ),
            unit=" %",
        )
        return charts

    @cached_property
    def commitments_by_plan(self) -> list[PlanRow]:
        rows = []
        for plan in self.plans:
            counts = [
                self.value(Indicator.COMMITMENTS_BY_STATUS, plan=plan.slug, category=status) or 0
                for status in ImplementationStatus.values
            ]
            rows.append(
                PlanRow(
                    plan=plan, title=localized(plan, "title"), by_status=counts, total=sum(counts)
                )
            )
        return rows

    @property
    def implementation_statuses(self) -> list[str]:
        return list(ImplementationStatus.labels)


def _by_category(
    indicator: Indicator, counts: dict, categories: Iterable[tuple[str, Any]], **scope
) -> list[Figure]:
    """One figure per category (code, label), its value counted under its code (0 if absent)."""
    return [
        Figure(indicator, counts.get(code, 0), category=code, category_label=label, **scope)
        for code, label in categories
    ]


# The figures, group by group --------------------------------------------------------------------


def _event_figures() -> tuple[list[Figure], list[EventLabel]]:
    """Events held or announced (cancelled ones left out) by kind, and their registrations, per
    event and in all: confirmed seats and the waitlist, never who registered. One query."""
    events = list(
        events_public()
        .exclude(status=Event.Status.CANCELLED)
        .annotate(
            confirmed=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waitlisted=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)
            ),
        )
        .select_related(None)
        .only("slug", "title", "title_en", "kind", "plan__slug", "starts_at")
        .select_related("plan")
    )
    figures = _by_category(
        Indicator.EVENTS, Counter(event.kind for event in events), EventKind.choices
    )
    statuses = (
        (Registration.Status.CONFIRMED, "confirmed"),
        (Registration.Status.WAITLISTED, "waitlisted"),
    )
    figures += [
        Figure(
            Indicator.REGISTRATIONS,
            sum(getattr(event, attribute) for event in events),
            category=status.value,
            category_label=status.label,
        )
        for status, attribute in statuses
    ]
    for event in events:
        figures += [
            Figure(
                Indicator.REGISTRATIONS,
                getattr(event, attribute),
                scope=Scope.EVENT,
                plan=event.plan.slug if event.plan_id else "",
                event=event.slug,
                category=status.value,
                category_label=status.label,
            )
            for status, attribute in statuses
        ]
    labels = [
        EventLabel(
            slug=event.slug,
            title=localized(event, "title"),
            plan=event.plan.slug if event.plan_id else "",
        )
        for event in events
    ]
    return figures, labels


def _proposal_figures(plans: list[ActionPlan]) -> list[Figure]:
    """Published proposals, how many were answered, the share and the median delay, as the
    accountability board counts them (one query); per plan and in all."""
    board = accountability_board()
    by_plan = {row.slug: row for row in board.by_plan}

    def figures_of(row, **scope) -> Iterator[Figure]:
        published = row.published if row else 0
        answered = row.answered if row else 0
        yield Figure(Indicator.PROPOSALS_PUBLISHED, published, **scope)
        yield Figure(Indicator.PROPOSALS_ANSWERED, answered, **scope)
        if row and row.answered_percent is not None:
            yield Figure(Indicator.PROPOSALS_ANSWER_RATE, row.answered_percent, **scope)
        if row and row.median_days is not None:
            yield Figure(Indicator.PROPOSALS_MEDIAN_ANSWER_DAYS, row.median_days, **scope)

    figures = list(figures_of(board.total))
    figures += _by_category(
        Indicator.PROPOSALS_BY_ANSWER, board.by_status, [*Answer.Status.choices, UNANSWERED]
    )
    for plan in plans:
        figures += figures_of(by_plan.get(plan.slug), scope=Scope.PLAN, plan=plan.slug)
    return figures


def _commitment_figures(plans: list[ActionPlan]) -> list[Figure]:
    """Published commitments by implementation status and by completion bucket (as the plans'
    dashboards count them), per plan and in all. One query."""
    commitments = list(
        with_progress(commitments_public())
        .select_related(None)
        .only("plan__slug")
        .select_related("plan")
    )
    for commitment in commitments:
        commitment.progress = progress_percent(commitment)

    def figures_of(members: list, **scope) -> list[Figure]:
        statuses = Counter(commitment.implementation_status for commitment in members)
        completions = [c.progress for c in members if c.progress is not None]
        return _by_category(
            Indicator.COMMITMENTS_BY_STATUS, statuses, ImplementationStatus.choices, **scope
        ) + [
            Figure(
                Indicator.COMMITMENTS_BY_COMPLETION,
                sum(1 for value in completions if low <= value <= high),
                category=_bucket_code(low, high),
                category_label=label,
                **scope,
            )
            for low, high, label in COMPLETION_BUCKETS
        ]

    by_plan = defaultdict(list)
    for commitment in commitments:
        by_plan[commitment.plan.slug].append(commitment)
    figures = figures_of(commitments)
    for plan in plans:
        figures += figures_of(by_plan[plan.slug], scope=Scope.PLAN, plan=plan.slug)
    return figures


def _actor_figures() -> list[Figure]:
    """Published actors of the map, by kind and by verification (from the tallies: one query)."""
    kinds: Counter = Counter()
    verification: Counter = Counter()
    for kind, is_verified, count in actors_counted():
        kinds[kind] += count
        verification["verified" if is_verified else "unverified"] += count
    return _by_category(Indicator.ACTORS_BY_KIND, kinds, Actor.Kind.choices) + _by_category(
        Indicator.ACTORS_BY_VERIFICATION, verification, VERIFICATION
    )


def _conversation_figures() -> list[Figure]:
    """Public conversations by status, and their public votes (on accepted statements) by value."""
    statuses = dict(
        public(Conversation).order_by().values_list("status").annotate(count=Count("pk"))
    )
    votes = dict(
        public(ConversationVote).order_by().values_list("value").annotate(count=Count("pk"))
    )
    return _by_category(
        Indicator.CONVERSATIONS,
        statuses,
        [(status.value, status.label) for status in CONVERSATION_STATUSES],
    ) + _by_category(
        Indicator.CONVERSATION_VOTES,
        {code: votes.get(value.value, 0) for code, value in VOTE_VALUES},
        [(code, value.label) for code, value in VOTE_VALUES],
    )


def _debate_figures(now: datetime.datetime) -> list[Figure]:
    """Debates by state (from their dates, as `Debate.state` derives it), and their votes by
    choice: counts only, as on each debate's page."""
    debates = public(Debate)
    states = debates.aggregate(
        **{
            DebateState.UPCOMING.value: Count("pk", filter=Q(opens_at__gt=now)),
            DebateState.OPEN.value: Count("pk", filter=Q(opens_at__lte=now, closes_at__gt=now)),
            DebateState.CLOSED.value: Count("pk", filter=Q(closes_at__lte=now)),
        }
    )
    votes = debates.aggregate(
        **{choice: Count("votes", filter=Q(votes__choice=choice)) for choice in VoteChoice.values}
    )
    return _by_category(Indicator.DEBATES, states, DebateState.choices) + _by_category(
        Indicator.DEBATE_VOTES, votes, VoteChoice.choices
    )


def _blog_figures() -> list[Figure]:
    kinds = dict(public(Post).order_by().values_list("kind").annotate(count=Count("pk")))
    return _by_category(Indicator.BLOG_POSTS, kinds, Post.Kind.choices)


def statistics() -> Statistics:
    """Every key figure, computed now from public rows (about ten queries, whatever the rows)."""
    now = timezone.now()
    plans = list(public(ActionPlan).only("slug", "title", "title_en").order_by("-slug"))
    event_figures, events = _event_figures()
    figures = [
        *event_figures,
        *_proposal_figures(plans),
        *_commitment_figures(plans),
        *_actor_figures(),
        *_conversation_figures(),
        *_debate_figures(now),
        *_blog_figures(),
    ]
    return Statistics(figures=figures, computed_at=now, plans=plans, events=events)
