"""Every permission of the platform, checked for every role (and for anonymous visitors)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.blog.models import Post
from ouvert.blog.tests.factories import PostFactory
from ouvert.debates.models import Argument
from ouvert.debates.tests.factories import ArgumentFactory, open_debate
from ouvert.pages.tests.factories import PageFactory
from ouvert.participation.models import Event, Proposal
from ouvert.participation.tests.factories import EventFactory, ProposalFactory
from ouvert.plans.models import ActionPlan, Commitment
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PERSONAS = [ANONYMOUS, Role.PARTICIPANT, *[role for role in Role if role != Role.PARTICIPANT]]
BACK_OFFICE = {Role.AGENT, Role.ADMINISTRATOR}
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
AGENTS = {Role.AGENT, Role.ADMINISTRATOR}
ADMINISTRATORS = {Role.ADMINISTRATOR}
MODERATORS = {Role.MODERATOR, Role.ADMINISTRATOR}


def _persona(persona):
    if persona == ANONYMOUS:
        return AnonymousUser()
    roles = [] if persona == Role.PARTICIPANT else [persona]
    return UserFactory(roles=roles)


# (permission, object factory or None, the personas that hold it)
MATRIX = [
    ("accounts.view_own_data", None, SIGNED_IN),
    ("accounts.delete_own_account", None, SIGNED_IN),
    ("accounts.manage_roles", None, ADMINISTRATORS),
    ("accounts.change_user", None, ADMINISTRATORS),
    ("accounts.add_userrole", None, ADMINISTRATORS),
    ("core.view_historyentry", None, AGENTS),
    ("pages.view_page", lambda: PageFactory(is_published=True), EVERYONE),
    ("pages.view_page", lambda: PageFactory(is_published=False), ADMINISTRATORS),
    ("pages.change_page", lambda: PageFactory(), ADMINISTRATORS),
    ("pages.add_page", None, ADMINISTRATORS),
    ("pages.delete_page", None, ADMINISTRATORS),
    ("plans.view_actionplan", lambda: ActionPlanFactory(), EVERYONE),
    (
        "plans.view_actionplan",
        lambda: ActionPlanFactory(status=ActionPlan.Status.DRAFT),
        AGENTS,
    ),
    ("plans.view_draft_actionplan", None, AGENTS),
    ("plans.add_actionplan", None, AGENTS),
    ("plans.change_actionplan", lambda: ActionPlanFactory(), AGENTS),
    ("plans.delete_actionplan", None, ADMINISTRATORS),
    ("plans.change_phase", None, AGENTS),
    ("plans.view_commitment", lambda: CommitmentFactory(), EVERYONE),
    ("plans.view_commitment", lambda: CommitmentFactory(status=Commitment.Status.DRAFT), AGENTS),
    (
        "plans.view_commitment",
        lambda: CommitmentFactory(plan=ActionPlanFactory(status=ActionPlan.Status.DRAFT)),
        AGENTS,
    ),
    ("plans.view_draft_commitment", None, AGENTS),
    ("plans.add_commitment", None, AGENTS),
    # Agents edit and report on the commitments of the institutions they work for (below).
    ("plans.change_commitment", lambda: CommitmentFactory(), ADMINISTRATORS),
    ("plans.change_commitment", lambda: CommitmentFactory(lead_institution=None), AGENTS),
    ("plans.delete_commitment", None, ADMINISTRATORS),
    ("plans.post_progress_update", lambda: CommitmentFactory(), ADMINISTRATORS),
    ("plans.give_partner_assessment", lambda: CommitmentFactory(), set()),
    ("plans.import_commitments", None, AGENTS),
    ("plans.export_commitments", None, AGENTS),
    ("plans.change_evaluation", lambda: CommitmentFactory(), {Role.EVALUATOR, Role.ADMINISTRATOR}),
    ("plans.follow_commitment", lambda: CommitmentFactory(), SIGNED_IN),
    # Events: public once published; agents organise; signed-in people register
    ("participation.view_event", lambda: EventFactory(), EVERYONE),
    ("participation.view_event", lambda: EventFactory(status=Event.Status.CANCELLED), EVERYONE),
    ("participation.view_event", lambda: EventFactory(status=Event.Status.DRAFT), AGENTS),
    ("participation.register_event", lambda: EventFactory(), SIGNED_IN),
    ("participation.add_event", None, AGENTS),
    ("participation.change_event", lambda: EventFactory(), AGENTS),
    ("participation.cancel_event", lambda: EventFactory(), AGENTS),
    ("participation.delete_event", None, ADMINISTRATORS),
    ("participation.add_eventseries", None, AGENTS),
    ("participation.view_registrations", lambda: EventFactory(), AGENTS),
    ("participation.export_registrations", lambda: EventFactory(), AGENTS),
    ("participation.mark_attendance", lambda: EventFactory(), AGENTS),
    ("participation.follow_eventseries", None, SIGNED_IN),
    # Proposals: published after moderation, answered by agents
    ("participation.view_proposal", lambda: ProposalFactory(), EVERYONE),
    (
        "participation.view_proposal",
        lambda: ProposalFactory(status=Proposal.Status.PENDING),
        MODERATORS,
    ),
    (
        "participation.view_proposal",
        lambda: ProposalFactory(status=Proposal.Status.REJECTED),
        MODERATORS,
    ),
    ("participation.add_proposal", None, SIGNED_IN),
    ("participation.moderate_proposal", lambda: ProposalFactory(), MODERATORS),
    ("participation.support_proposal", lambda: ProposalFactory(), SIGNED_IN),
    ("participation.answer_proposal", lambda: ProposalFactory(), AGENTS),
    ("participation.follow_proposal", lambda: ProposalFactory(), SIGNED_IN),
    ("participation.change_proposalcall", None, AGENTS),
    ("participation.add_comment", None, SIGNED_IN),
    ("participation.report_comment", None, SIGNED_IN),
    ("participation.moderate_comment", None, MODERATORS),
    # The blog: the team writes, guests submit, moderators publish
    ("blog.view_post", lambda: PostFactory(), EVERYONE),
    ("blog.view_post", lambda: PostFactory(status=Post.Status.PENDING), MODERATORS | AGENTS),
    ("blog.submit_guest_post", None, SIGNED_IN),
    ("blog.moderate_post", lambda: PostFactory(status=Post.Status.PENDING), MODERATORS),
    ("blog.add_post", None, AGENTS),
    ("blog.change_post", lambda: PostFactory(), AGENTS),
    ("blog.delete_post", None, ADMINISTRATORS),
    ("blog.follow_category", None, SIGNED_IN),
    # Debates: public once opened; agents open, close and answer; participants vote and argue
    ("debates.view_debate", lambda: open_debate(), EVERYONE),
    ("debates.view_paragraph", lambda: open_debate().paragraphs.first(), EVERYONE),
    ("debates.view_argument", lambda: ArgumentFactory(), EVERYONE),
    ("debates.view_argument", lambda: ArgumentFactory(status=Argument.Status.PENDING), MODERATORS),
    ("debates.add_debate", None, AGENTS),
    ("debates.close_debate", lambda: open_debate(), AGENTS),
    ("debates.respond_debate", lambda: open_debate(), AGENTS),
    ("debates.change_debate", lambda: open_debate(), AGENTS),
    ("debates.vote", lambda: open_debate(), SIGNED_IN),
    ("debates.add_argument", lambda: open_debate(), SIGNED_IN),
    ("debates.support_argument", lambda: ArgumentFactory(), SIGNED_IN),
    ("debates.moderate_argument", lambda: ArgumentFactory(), MODERATORS),
    # Notifications and the newsletter
    ("notifications.change_own_preferences", None, SIGNED_IN),
    ("notifications.send_newsletter", None, AGENTS),
]


@pytest.mark.parametrize(("permission", "make_object", "allowed"), MATRIX)
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_by_role(persona, permission, make_object, allowed):
    user = _persona(persona)
    target = make_object() if make_object else None
    assert user.has_perm(permission, target) is (persona in allowed)


@pytest.mark.parametrize("persona", PERSONAS)
def test_back_office_modules_by_role(persona):
    user = _persona(persona)
    assert user.has_module_perms("plans") is (persona in AGENTS)
    assert user.has_module_perms("pages") is (persona in ADMINISTRATORS)
    assert user.has_module_perms("accounts") is (persona in ADMINISTRATORS)
    assert user.has_module_perms("participation") is (persona in AGENTS)
    assert user.has_module_perms("blog") is (persona in AGENTS)
    assert user.has_module_perms("debates") is (persona in AGENTS)
    assert user.has_module_perms("notifications") is (persona in AGENTS)
    assert getattr(user, "is_staff", False) is (persona in BACK_OFFICE)


def test_authors_see_their_own_pending_contributions_and_nobody_else_does():
    author = UserFactory()
    proposal = ProposalFactory(author=author, status=Proposal.Status.PENDING)
    post = PostFactory(author=author, status=Post.Status.PENDING)
    assert author.has_perm("participation.view_proposal", proposal)
    assert author.has_perm("blog.view_post", post)
    other = UserFactory()
    assert not other.has_perm("participation.view_proposal", proposal)
    assert not other.has_perm("blog.view_post", post)


def test_a_superuser_holds_every_permission():
    superuser = UserFactory(is_superuser=True)
    assert all(superuser.has_perm(permission) for permission, _, _ in MATRIX)


def test_the_agents_of_the_lead_institution_edit_and_report_and_partners_give_their_view():
    from ouvert.actors.models import Representative
    from ouvert.actors.tests.factories import ActorFactory
    from ouvert.plans.tests.factories import agent_of

    partner = ActorFactory()
    commitment = CommitmentFactory(partners=[partner])
    lead_agent = agent_of(commitment.lead_institution)
    partner_agent = agent_of(partner)
    other_agent = agent_of(CommitmentFactory().lead_institution)
    assert lead_agent.has_perm("plans.change_commitment", commitment)
    assert lead_agent.has_perm("plans.post_progress_update", commitment)
    assert not partner_agent.has_perm("plans.change_commitment", commitment)
    assert partner_agent.has_perm("plans.post_progress_update", commitment)
    assert not other_agent.has_perm("plans.change_commitment", commitment)
    assert not other_agent.has_perm("plans.post_progress_update", commitment)
    association = UserFactory(roles=[Role.ACTOR_REPRESENTATIVE])
    assert not association.has_perm("plans.give_partner_assessment", commitment)
    Representative.objects.create(actor=partner, user=association)
    association = type(association).objects.get(pk=association.pk)
    assert association.has_perm("plans.give_partner_assessment", commitment)
    assert not lead_agent.has_perm("plans.give_partner_assessment", commitment)
