"""The public dashboard and the end-of-term report of a plan, from a constant number of queries."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import mean

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ouvert.actors.models import Actor
from ouvert.core.charts import Bar, bars
from ouvert.core.themes import Theme
from ouvert.plans.models import ActionPlan, Commitment, ImplementationStatus, Milestone
from ouvert.plans.models.evaluation import Completion, EarlyResults, OpenedGovernment
from ouvert.plans.models.progress import DUE_SOON_DAYS
from ouvert.plans.selectors.commitments import (
    OPEN_STATUSES,
    commitments_public,
    progress_percent,
    with_progress,
)

# The dashboard lists this many late and due-soon milestones, the most urgent first, with the totals.
MILESTONE_LIST_LENGTH = 15
COMPLETION_BUCKETS = (
    (0, 0, "0 %"),
    (1, 25, "1-25 %"),
    (26, 50, "26-50 %"),
    (51, 75, "51-75 %"),
    (76, 99, "76-99 %"),
    (100, 100, "100 %"),
)


@dataclass(frozen=True)
class GroupRow:
    """Commitments grouped by institution or theme."""

    label: str
    actor: Actor | None
    commitments: int
    average_progress: int | None
    late_milestones: int


@dataclass(frozen=True)
class PlanDashboard:
    plan: ActionPlan
    commitments: list[Commitment]
    average_progress: int | None
    by_status: list[Bar]
    by_completion: list[Bar]
    late: list[Milestone]
    late_count: int
    due_soon: list[Milestone]
    due_soon_count: int
    by_institution: list[GroupRow]
    by_theme: list[GroupRow]
    institution_bars: list[Bar]
    theme_bars: list[Bar]


def _average(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return round(mean(known)) if known else None


def _groups(commitments: list[Commitment], key) -> list[GroupRow]:
    grouped: dict[object, list[Commitment]] = defaultdict(list)
    for commitment in commitments:
        grouped[key(commitment)].append(commitment)
    rows = []
    for group, members in grouped.items():
        label, actor = group if isinstance(group, tuple) else (group, None)
        rows.append(
            GroupRow(
                label=label,
                actor=actor,
                commitments=len(members),
                average_progress=_average([member.progress for member in members]),
                late_milestones=sum(member.milestones_late for member in members),
            )
        )
    return sorted(rows, key=lambda row: (-row.commitments, row.label))


def plan_dashboard(*, plan: ActionPlan, today: datetime.date | None = None) -> PlanDashboard:
    """Where a plan's commitments stand: by status, completion, institution and theme; late milestones.

    A constant number of queries whatever the size of the plan: the annotated commitments, the
    counts of late and due-soon milestones, and the few most urgent of each.
    """
    today = today or timezone.localdate()
    commitments = list(
        with_progress(commitments_public().filter(plan=plan), today).select_related(
            "lead_institution"
        )
    )
    for commitment in commitments:
        commitment.progress = progress_percent(commitment)
    statuses = Counter(commitment.implementation_status for commitment in commitments)
    completions = [
        commitment.progress for commitment in commitments if commitment.progress is not None
    ]
    open_milestones = Milestone.objects.filter(
        commitment__in=commitments_public().filter(plan=plan), status__in=OPEN_STATUSES
    )
    late = open_milestones.filter(ends_on__lt=today)
    due_soon = open_milestones.filter(
        ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    )
    counts = open_milestones.aggregate(
        late=Count("pk", filter=Q(ends_on__lt=today)),
        due_soon=Count(
            "pk",
            filter=Q(
                ends_on__gte=today, ends_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
            ),
        ),
    )
    no_institution = _("Institution non renseignée")
    by_institution = _groups(
        commitments,
        lambda c: (
            (c.lead_institution.name, c.lead_institution)
            if c.lead_institution
            else (no_institution, None)
        ),
    )
    themes = dict(Theme.choices)
    by_theme = _groups(commitments, lambda c: str(themes.get(c.theme, _("Sans thème"))))
    return PlanDashboard(
        plan=plan,
        commitments=commitments,
        average_progress=_average([commitment.progress for commitment in commitments]),
        by_status=bars((status.label, statuses[status.value]) for status in ImplementationStatus),
        by_completion=bars(
            (label, sum(1 for value in completions if low <= value <= high))
            for low, high, label in COMPLETION_BUCKETS
        ),
        late=list(
            late.select_related("commitment").order_by("ends_on", "id")[:MILESTONE_LIST_LENGTH]
        ),
        late_count=counts["late"],
        due_soon=list(
            due_soon.select_related("commitment").order_by("ends_on", "id")[:MILESTONE_LIST_LENGTH]
        ),
        due_soon_count=counts["due_soon"],
        by_institution=by_institution,
        by_theme=by_theme,
        institution_bars=bars((row.label, row.commitments) for row in by_institution),
        theme_bars=bars((row.label, row.commitments) for row in by_theme),
    )


@dataclass(frozen=True)
class PlanReport:
    """The end-of-term report: the IRM's assessment of every published commitment of a plan."""

    plan: ActionPlan
    commitments: list[Commitment]
    assessed: int
    completion: list[Bar]
    opened_government: list[Bar]
    early_results: list[Bar]
    starred: list[Commitment]
    promising: list[Commitment]
    average_progress: int | None


def plan_report(*, plan: ActionPlan) -> PlanReport:
    commitments = list(
        with_progress(commitments_public().filter(plan=plan)).select_related(
            "lead_institution", "evaluation"
        )
    )
    evaluations = []
    for commitment in commitments:
        commitment.progress = progress_percent(commitment)
        evaluation = getattr(commitment, "evaluation", None)
        if evaluation is not None:
            evaluations.append(evaluation)

    def tally(field: str, choices) -> list[Bar]:
        counts = Counter(getattr(evaluation, field) for evaluation in evaluations)
        return bars((choice.label, counts[choice.value]) for choice in choices)

    return PlanReport(
        plan=plan,
        commitments=commitments,
        assessed=len(evaluations),
        completion=tally("completion", Completion),
        opened_government=tally("opened_government", OpenedGovernment),
        early_results=tally("early_results", EarlyResults),
        starred=[c for c in commitments if getattr(c, "evaluation", None) and c.evaluation.starred],
        promising=[
            c for c in commitments if getattr(c, "evaluation", None) and c.evaluation.promising
        ],
        average_progress=_average([commitment.progress for commitment in commitments]),
    )
