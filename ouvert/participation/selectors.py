"""Reads of the participation app: events, proposals, comment threads, moderation queues, and the
accountability board. Every list is read in a constant number of queries."""

import calendar
import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from ouvert.core.publicity import public
from ouvert.participation.models import (
    Comment,
    Event,
    EventSeries,
    Proposal,
    ProposalCall,
    Registration,
    Support,
)
from ouvert.plans.models import ActionPlan, Commitment


def _count(model, condition: Q, link: str) -> Coalesce:
    rows = (
        model.objects.filter(condition, **{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


# Events -----------------------------------------------------------------------------------------


def _with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        confirmed_count=_count(Registration, Q(status=Registration.Status.CONFIRMED), "event"),
        waitlist_count=_count(Registration, Q(status=Registration.Status.WAITLISTED), "event"),
    )


def events_public() -> QuerySet[Event]:
    """Published and cancelled events, with what lists show, in chronological order."""
    return (
        Event.objects.public().select_related("series", "plan", "host").order_by("starts_at", "id")
    )


def events_visible(*, user) -> QuerySet[Event]:
    if user.has_perm("participation.add_event"):
        return Event.objects.select_related("series", "plan", "host").order_by("starts_at", "id")
    return events_public()


@dataclass(frozen=True)
class EventFilters:
    kind: str = ""
    format: str = ""
    plan: str = ""
    series: str = ""


def events_filtered(
    *, user, filters: EventFilters, upcoming: bool | None = None
) -> QuerySet[Event]:
    events = _with_seats(events_visible(user=user))
    now = timezone.now()
    if upcoming is True:
        events = events.filter(ends_at__gt=now)
    elif upcoming is False:
        events = events.filter(ends_at__lte=now).order_by("-starts_at", "-id")
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.format:
        events = events.filter(format=filters.format)
    if filters.plan:
        events = events.filter(plan__slug=filters.plan)
    if filters.series:
        events = events.filter(series__slug=filters.series)
    return events


def events_hosted_by(*, actor_id: int, user) -> QuerySet[Event]:
    """The events visible to `user` that the actor hosts, the latest first."""
    return events_visible(user=user).filter(host_id=actor_id).order_by("-starts_at", "-id")


def events_upcoming(*, limit: int = 3) -> list[Event]:
    return list(
        events_public().filter(ends_at__gt=timezone.now(), status=Event.Status.PUBLISHED)[:limit]
    )


def events_of_month(*, user, year: int, month: int) -> QuerySet[Event]:
    zone = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=zone)
    following = first + datetime.timedelta(days=calendar.monthrange(year, month)[1])
    last = following.replace(tzinfo=zone)
    return events_visible(user=user).filter(starts_at__gte=first, starts_at__lt=last)


def event_get(*, slug: str, user) -> Event | None:
    """One event with its documents and what it fed (published records only)."""
    return (
        _with_seats(events_visible(user=user))
        .filter(slug=slug)
        .prefetch_related(
            "documents",
            Prefetch(
                "fed_proposals",
                queryset=Proposal.objects.published().order_by("-published_at"),
            ),
            Prefetch(
                "fed_commitments",
                queryset=public(Commitment).order_by("reference"),
            ),
        )
        .first()
    )


def series_get(*, slug: str) -> EventSeries | None:
    return EventSeries.objects.filter(slug=slug).select_related("plan").first()


def registration_of(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(user=user, event=event).first()


def waitlist_position(registration: Registration) -> int:
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=Registration.Status.WAITLISTED
        )
        .filter(
            Q(registered_at__lt=registration.registered_at)
            | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
        )
        .count()
        + 1
    )


def registrations_for_organisers(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered, waiting or cancelled: for the organisers only, never public."""
    order = models.Case(
        models.When(status=Registration.Status.CONFIRMED, then=Value(0)),
        models.When(status=Registration.Status.WAITLISTED, then=Value(1)),
        default=Value(2),
    )
    return (
        event.registrations.select_related("user")
        .annotate(order=order)
        .order_by("order", "registered_at", "id")
    )


def registrations_of(*, user) -> QuerySet[Registration]:
    return Registration.objects.filter(user=user).select_related("event").order_by("-registered_at")


# Proposals --------------------------------------------------------------------------------------


def calls_open(*, now: datetime.datetime | None = None) -> QuerySet[ProposalCall]:
    now = now or timezone.now()
    return (
        ProposalCall.objects.filter(
            opens_at__lte=now, closes_at__gt=now, phase__plan__status=ActionPlan.Status.PUBLISHED
        )
        .select_related("phase", "phase__plan")
        .order_by("closes_at")
    )


def calls_public() -> QuerySet[ProposalCall]:
    return (
        ProposalCall.objects.filter(phase__plan__status=ActionPlan.Status.PUBLISHED)
        .select_related("phase", "phase__plan")
        .order_by("-closes_at")
    )


def _with_supports(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.annotate(supports_count=_count(Support, Q(), "proposal"))


def proposals_public() -> QuerySet[Proposal]:
    """Published proposals with their answer and supports, newest first."""
    return (
        _with_supports(Proposal.objects.published())
        .filter(call__phase__plan__status=ActionPlan.Status.PUBLISHED)
        .select_related(
            "author",
            "on_behalf_of",
            "institution",
            "amended_commitment",
            "call__phase__plan",
            "answer",
            "answer__merged_into",
            "answer__institution",
        )
        .order_by("-published_at", "-id")
    )


@dataclass(frozen=True)
class ProposalFilters:
    plan: str = ""
    kind: str = ""
    answer: str = ""  # an Answer.Status, "none" for unanswered
    institution: int | None = None


def proposals_involving(*, actor_id: int) -> QuerySet[Proposal]:
    """Published proposals made on behalf of the actor, or addressed to it for an answer."""
    return proposals_public().filter(Q(on_behalf_of_id=actor_id) | Q(institution_id=actor_id))


def proposals_filtered(*, filters: ProposalFilters) -> QuerySet[Proposal]:
    proposals = proposals_public()
    if filters.plan:
        proposals = proposals.filter(call__phase__plan__slug=filters.plan)
    if filters.kind:
        proposals = proposals.filter(kind=filters.kind)
    if filters.answer == "none":
        proposals = proposals.filter(answer__isnull=True)
    elif filters.answer:
        proposals = proposals.filter(answer__status=filters.answer)
    if filters.institution:
        proposals = proposals.filter(institution_id=filters.institution)
    return proposals


def proposal_get(*, pk: int) -> Proposal | None:
    """One proposal, whatever its state: the caller checks `participation.view_proposal`."""
    return (
        _with_supports(Proposal.objects.filter(pk=pk))
        .select_related(
            "author",
            "on_behalf_of",
            "institution",
            "amended_commitment",
            "call__phase__plan",
            "answer",
            "answer__merged_into",
            "answer__institution",
            "answer__answered_by",
        )
        .prefetch_related(
            Prefetch("fed_by_events", queryset=events_public().order_by("-starts_at"))
        )
        .first()
    )


def has_supported(*, user, proposal: Proposal) -> bool:
    return user.is_authenticated and Support.objects.filter(user=user, proposal=proposal).exists()


def proposals_of(*, user) -> QuerySet[Proposal]:
    return Proposal.objects.filter(author=user).select_related("call__phase__plan", "answer")


# Comments ---------------------------------------------------------------------------------------


@dataclass
class Thread:
    comment: Comment
    replies: list["Thread"] = field(default_factory=list)
    # The comment answered a comment that is no longer published.
    orphan: bool = False


def comment_threads(*, target: models.Model) -> list[Thread]:
    """The published comments on `target` as threads, oldest first, in one query."""
    comments = list(Comment.objects.on(target).published().select_related("author"))
    threads = {comment.pk: Thread(comment) for comment in comments}
    roots = []
    for comment in comments:
        thread = threads[comment.pk]
        parent = threads.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            parent.replies.append(thread)
        else:
            thread.orphan = comment.parent_id is not None
            roots.append(thread)
    return roots


def comments_count(*, target: models.Model) -> int:
    return Comment.objects.on(target).published().count()


def comments_public() -> QuerySet[Comment]:
    """Published comments on published proposals and posts (the open-data rows)."""
    from ouvert.blog.models import Post
    from ouvert.blog.selectors import posts_public

    proposal_type = ContentType.objects.get_for_model(Proposal)
    post_type = ContentType.objects.get_for_model(Post)
    return (
        Comment.objects.published()
        .filter(
            Q(content_type=proposal_type, object_id__in=proposals_public().values("pk"))
            | Q(content_type=post_type, object_id__in=posts_public().values("pk"))
        )
        .select_related("author", "content_type")
        .order_by("published_at", "id")
    )


# Moderation -------------------------------------------------------------------------------------


def proposals_pending() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(status=Proposal.Status.PENDING)
        .select_related("author", "on_behalf_of", "call__phase__plan", "amended_commitment")
        .order_by("submitted_at", "id")
    )


def comments_pending() -> QuerySet[Comment]:
    return (
        Comment.objects.filter(status=Comment.Status.PENDING)
        .select_related("author", "content_type", "parent")
        .prefetch_related("target")
        .order_by("created_at", "id")
    )


def comments_reported() -> QuerySet[Comment]:
    open_reports = Q(reports__resolved_at__isnull=True)
    return (
        Comment.objects.filter(status=Comment.Status.PUBLISHED)
        .annotate(open_reports=Count("reports", filter=open_reports))
        .filter(open_reports__gt=0)
        .select_related("author", "content_type")
        .prefetch_related("target", "reports")
        .order_by("created_at", "id")
    )


# The accountability board ("redevabilité") ------------------------------------------------------


@dataclass(frozen=True)
class BoardRow:
    label: str
    slug: str
    published: int
    answered: int
    decided: int
    overdue: int
    median_days: float | None
    link: str = ""

    @property
    def answered_percent(self) -> int | None:
        return round(100 * self.answered / self.published) if self.published else None


@dataclass(frozen=True)
class Board:
    total: BoardRow
    by_plan: list[BoardRow]
    by_institution: list[BoardRow]
    by_status: dict[str, int]


def _row(
    label: str, slug: str, items: list[dict], today: datetime.date, link: str = ""
) -> BoardRow:
    delays = [
        (item["answered"] - item["published"]).total_seconds() / 86400
        for item in items
        if item["answered"] is not None
    ]
    overdue = sum(
        1
        for item in items
        if item["answered"] is None
        and timezone.localdate(item["published"] + datetime.timedelta(days=item["within"])) < today
    )
    return BoardRow(
        label=label,
        slug=slug,
        published=len(items),
        answered=len(delays),
        decided=sum(1 for item in items if item["status"] not in (None, "under_study")),
        overdue=overdue,
        median_days=round(statistics.median(delays), 1) if delays else None,
        link=link,
    )


def accountability_board(*, plan: ActionPlan | None = None) -> Board:
    """Per plan and per institution: proposals published, the share answered, the median time from
    publication to the first public answer, and how many wait past the call's answer deadline.

    One query, whatever the number of proposals; the medians are computed here.
    """
    from django.utils.translation import gettext as _

    proposals = Proposal.objects.published().filter(
        call__phase__plan__status=ActionPlan.Status.PUBLISHED
    )
    if plan is not None:
        proposals = proposals.filter(call__phase__plan=plan)
    items = list(
        proposals.values(
            "published_at",
            "call__answer_within_days",
            "call__phase__plan__slug",
            "call__phase__plan__title",
            "institution_id",
            "institution__name",
            "answer__first_answered_at",
            "answer__status",
        )
    )
    rows = [
        {
            "published": item["published_at"],
            "answered": item["answer__first_answered_at"],
            "status": item["answer__status"],
            "within": item["call__answer_within_days"],
            "plan": (item["call__phase__plan__slug"], item["call__phase__plan__title"]),
            "institution": (
                str(item["institution_id"] or ""),
                item["institution__name"] or _("Institution non précisée"),
            ),
        }
        for item in items
    ]
    today = timezone.localdate()
    by_plan: dict[tuple, list] = defaultdict(list)
    by_institution: dict[tuple, list] = defaultdict(list)
    by_status: dict[str, int] = defaultdict(int)
    for row in rows:
        by_plan[row["plan"]].append(row)
        by_institution[row["institution"]].append(row)
        by_status[row["status"] or "none"] += 1
    return Board(
        total=_row(_("Toutes les propositions"), "", rows, today),
        by_plan=[
            _row(title, slug, group, today, reverse("proposals:plan_board", kwargs={"slug": slug}))
            for (slug, title), group in sorted(by_plan.items(), reverse=True)
        ],
        by_institution=sorted(
            (_row(name, key, group, today) for (key, name), group in by_institution.items()),
            key=lambda row: (-row.published, row.label),
        ),
        by_status=dict(by_status),
    )
