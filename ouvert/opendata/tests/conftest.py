"""Fixtures of the open-data tests: a small platform whose key figures are known."""

import datetime

import pytest
from django.utils import timezone

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.models import Actor
from ouvert.actors.tests.factories import ActorFactory, PublicBodyFactory, recount
from ouvert.blog.models import Post
from ouvert.blog.tests.factories import PostFactory
from ouvert.conversations.models import Conversation, Statement, Vote
from ouvert.conversations.tests.factories import (
    ConversationFactory,
    ParticipantFactory,
    StatementFactory,
    VoteFactory,
)
from ouvert.debates import services as debates
from ouvert.debates.tests.factories import draft_commitment, open_debate
from ouvert.participation.models import Answer, Event, Proposal, Registration
from ouvert.participation.tests.factories import (
    EventFactory,
    ProposalCallFactory,
    ProposalFactory,
)
from ouvert.plans.models import ActionPlan, Commitment, Milestone
from ouvert.plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PhaseFactory,
)

# Values planted on private rows: none may reach the page or the dataset.
REGISTRANT_NAME = "Inscrite Secrète"
REGISTRANT_EMAIL = "inscrite.secrete@exemple.fr"


def register(event: Event, status: str, **user_fields) -> Registration:
    return Registration.objects.create(event=event, user=UserFactory(**user_fields), status=status)


def answer(proposal: Proposal, *, days: float, status: str = Answer.Status.ACCEPTED) -> Answer:
    return Answer.objects.create(
        proposal=proposal,
        status=status,
        text="Réponse.",
        answered_by=UserFactory(roles=[Role.AGENT]),
        first_answered_at=proposal.published_at + datetime.timedelta(days=days),
    )


@pytest.fixture
def known():
    """A small platform whose public figures are known, beside rows that must not count."""
    plan = ActionPlanFactory(slug="2030-2032", title="Plan 2030-2032", title_en="Plan 2030-32")
    draft_plan = ActionPlanFactory(slug="2040-2042", status=ActionPlan.Status.DRAFT)
    body = PublicBodyFactory(is_verified=True)

    # Events: two public ones, with registrations counted; a cancelled and a draft one are not.
    workshop = EventFactory(slug="atelier-public", kind="workshop", plan=plan, title="Atelier")
    webinar = EventFactory(slug="webinaire-public")
    register(
        workshop,
        Registration.Status.CONFIRMED,
        display_name=REGISTRANT_NAME,
        email=REGISTRANT_EMAIL,
    )
    register(workshop, Registration.Status.CONFIRMED)
    register(workshop, Registration.Status.WAITLISTED)
    register(workshop, Registration.Status.CANCELLED)
    register(webinar, Registration.Status.CONFIRMED)
    for status in (Event.Status.CANCELLED, Event.Status.DRAFT):
        hidden = EventFactory(slug=f"evenement-{status}", status=status)
        register(hidden, Registration.Status.CONFIRMED)
        register(hidden, Registration.Status.CONFIRMED)
    register(EventFactory(plan=draft_plan), Registration.Status.CONFIRMED)

    # Proposals: three published in the public plan, two answered (in 10 and 4 days).
    call = ProposalCallFactory(phase=PhaseFactory(plan=plan))
    answer(ProposalFactory(call=call), days=10)
    answer(ProposalFactory(call=call), days=4, status=Answer.Status.DECLINED)
    ProposalFactory(call=call)
    ProposalFactory(call=call, status=Proposal.Status.PENDING, published_at=None)
    answer(ProposalFactory(call=call, status=Proposal.Status.REJECTED), days=1)
    answer(ProposalFactory(call=ProposalCallFactory(phase=PhaseFactory(plan=draft_plan))), days=1)

    # Commitments of the public plan: one completed, one late, one not started; drafts not counted.
    completed = CommitmentFactory(plan=plan, lead_institution=body)
    MilestoneFactory(commitment=completed, status=Milestone.Status.COMPLETED)
    late = CommitmentFactory(plan=plan, lead_institution=body)
    MilestoneFactory(commitment=late, ends_on=datetime.date(2020, 1, 1))
    CommitmentFactory(plan=plan, lead_institution=body)
    CommitmentFactory(plan=plan, lead_institution=body, status=Commitment.Status.DRAFT)
    CommitmentFactory(plan=draft_plan, lead_institution=body)

    # Actors: the public body (verified) and two associations; a pending one is not on the map.
    ActorFactory()
    ActorFactory(kind=Actor.Kind.ASSOCIATION)
    ActorFactory(name="Association en attente", status=Actor.Status.PENDING)
    recount()

    # Conversations: votes on accepted statements of public conversations only.
    conversation = ConversationFactory(plan=plan)
    accepted = StatementFactory(conversation=conversation)
    VoteFactory(statement=accepted, value=Vote.Value.AGREE)
    VoteFactory(statement=accepted, value=Vote.Value.DISAGREE)
    rejected = StatementFactory(conversation=conversation, status=Statement.Status.REJECTED)
    VoteFactory(statement=rejected)
    draft = ConversationFactory(plan=plan, status=Conversation.Status.DRAFT)
    VoteFactory(
        statement=StatementFactory(conversation=draft),
        participant=ParticipantFactory(conversation=draft),
    )
    ConversationFactory(plan=plan, status=Conversation.Status.CLOSED)

    # A debate with two votes.
    debate = open_debate(commitment=draft_commitment(plan=plan, lead_institution=body))
    debates.vote_cast(acting_user=UserFactory(), debate=debate, choice="for")
    debates.vote_cast(acting_user=UserFactory(), debate=debate, choice="against")

    # Blog: two published posts; a draft, a pending and a scheduled one are not counted.
    PostFactory()
    PostFactory(kind=Post.Kind.GUEST)
    PostFactory(status=Post.Status.DRAFT)
    PostFactory(status=Post.Status.PENDING)
    PostFactory(published_at=timezone.now() + datetime.timedelta(days=3))
    return plan
