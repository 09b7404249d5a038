import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import PublicBodyFactory
from ouvert.core.selectors import history_for_object
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.notifications.models import Notification
from ouvert.participation import selectors, services
from ouvert.participation.models import Comment, Proposal, Support
from ouvert.participation.tests.factories import ProposalCallFactory, ProposalFactory, in_days
from ouvert.plans.models import Phase
from ouvert.plans.tests.factories import CommitmentFactory, PhaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent():
    return UserFactory(roles=[Role.AGENT], display_name="Camille (DITP)")


@pytest.fixture
def moderator():
    return UserFactory(roles=[Role.MODERATOR])


def _submit(call, user, **kwargs):
    return services.proposal_submit(
        acting_user=user,
        call=call,
        kind=kwargs.pop("kind", Proposal.Kind.COMMITMENT_IDEA),
        title=kwargs.pop("title", "Ouvrir les avis"),
        body=kwargs.pop("body", "Publier tous les avis du comité."),
        **kwargs,
    )


def test_a_proposal_waits_for_moderation_then_is_published_with_its_author_following(
    client, moderator, committed
):
    call = ProposalCallFactory()
    author = UserFactory(email="auteur@exemple.fr")
    proposal = _submit(call, author, title="Avis publics")
    assert proposal.status == Proposal.Status.PENDING
    assert client.get(proposal.get_absolute_url()).status_code == 404
    assert "Avis publics" not in client.get(reverse("proposals:list")).content.decode()
    client.force_login(author)
    assert "attend la modération" in client.get(proposal.get_absolute_url()).content.decode()
    with committed():
        services.proposal_moderate(acting_user=moderator, proposal=proposal, publish=True)
    proposal.refresh_from_db()
    assert proposal.published_at is not None
    assert mail.outbox[-1].to == ["auteur@exemple.fr"]
    assert mail.outbox[-1].subject == "Votre proposition est publiée"
    client.logout()
    assert "Avis publics" in client.get(reverse("proposals:list")).content.decode()
    [entry, created] = history_for_object(proposal)
    assert entry.action == "published"
    assert entry.actor == moderator
    assert created.action == "created"


def test_a_refusal_needs_a_reason_that_the_author_receives(moderator, committed):
    proposal = ProposalFactory(status=Proposal.Status.PENDING, published_at=None)
    with pytest.raises(ValidationError):
        services.proposal_moderate(acting_user=moderator, proposal=proposal, publish=False)
    with committed():
        services.proposal_moderate(
            acting_user=moderator, proposal=proposal, publish=False, reason="Hors sujet"
        )
    assert "Hors sujet" in mail.outbox[-1].body
    assert Proposal.objects.get().status == Proposal.Status.REJECTED


def test_submissions_respect_the_deadline_and_the_rules_of_amendments():
    user = UserFactory()
    closed = ProposalCallFactory(opens_at=in_days(-30), closes_at=in_days(-1))
    with pytest.raises(ValidationError, match="clos depuis"):
        _submit(closed, user)
    forums = ProposalCallFactory(phase=PhaseFactory(kind=Phase.Kind.FORUMS))
    commitment = CommitmentFactory(plan=forums.phase.plan)
    with pytest.raises(ValidationError) as refused:
        _submit(forums, user, kind=Proposal.Kind.AMENDMENT, amended_commitment=commitment)
    assert "kind" in refused.value.message_dict
    concertation = ProposalCallFactory()
    elsewhere = CommitmentFactory()
    with pytest.raises(ValidationError) as refused:
        _submit(concertation, user, kind=Proposal.Kind.AMENDMENT, amended_commitment=elsewhere)
    assert "amended_commitment" in refused.value.message_dict
    mine = CommitmentFactory(plan=concertation.phase.plan)
    amendment = _submit(concertation, user, kind=Proposal.Kind.AMENDMENT, amended_commitment=mine)
    # An amendment is addressed to the institution that leads the commitment.
    assert amendment.institution == mine.lead_institution
    with pytest.raises(ValidationError) as refused:
        _submit(concertation, user, on_behalf_of=PublicBodyFactory())
    assert "on_behalf_of" in refused.value.message_dict


def test_the_form_keeps_what_was_typed_when_the_call_is_refused(client):
    call = ProposalCallFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("proposals:create"),
        {"call": call.pk, "kind": "amendment", "title": "Mon amendement", "body": "Texte gardé"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choisissez l&#x27;engagement que vous amendez." in page
    assert "Texte gardé" in page
    assert not Proposal.objects.exists()


def test_one_support_per_person_and_the_database_refuses_a_second():
    proposal = ProposalFactory()
    user = UserFactory()
    assert services.support_set(acting_user=user, proposal=proposal, supporting=True) == 1
    assert services.support_set(acting_user=user, proposal=proposal, supporting=True) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, user=user)
    assert services.support_set(acting_user=user, proposal=proposal, supporting=False) == 0
    pending = ProposalFactory(status=Proposal.Status.PENDING)
    with pytest.raises(ValidationError):
        services.support_set(acting_user=user, proposal=pending, supporting=True)


def test_supporting_from_the_page_twice_counts_once(client):
    proposal = ProposalFactory()
    client.force_login(UserFactory())
    url = reverse("proposals:support", kwargs={"pk": proposal.pk})
    client.post(url, {"supporting": "1"})
    client.post(url, {"supporting": "1"})
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "1 soutien" in page
    assert Support.objects.count() == 1


def test_an_agent_answers_the_author_and_followers_hear_of_it(agent, committed):
    author = UserFactory(email="auteur@exemple.fr")
    proposal = ProposalFactory(author=author)
    commitment = CommitmentFactory()
    with pytest.raises(ValidationError) as refused:
        services.answer_save(acting_user=agent, proposal=proposal, status="merged", text="Oui")
    assert "merged_into" in refused.value.message_dict
    with committed():
        answer = services.answer_save(
            acting_user=agent,
            proposal=proposal,
            status="merged",
            text="Intégrée à l'engagement.",
            merged_into=commitment,
        )
    assert answer.merged_into == commitment
    assert mail.outbox[-1].to == ["auteur@exemple.fr"]
    assert "Réponse publique à une proposition" in mail.outbox[-1].subject
    first = answer.first_answered_at
    services.answer_save(acting_user=agent, proposal=proposal, status="accepted", text="Retenue.")
    answer.refresh_from_db()
    assert answer.first_answered_at == first
    assert [entry.changes.get("status") for entry in history_for_object(proposal)][:2] == [
        ["merged", "accepted"],
        [None, "merged"],
    ]


def test_answer_page_is_for_agents_and_shows_on_the_proposal(client, agent):
    proposal = ProposalFactory()
    url = reverse("proposals:answer", kwargs={"pk": proposal.pk})
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    assert client.get(url).status_code == 403
    client.force_login(agent)
    response = client.post(url, {"status": "declined", "text": "Hors du champ du plan."})
    assert response.status_code == 302
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Non retenue" in page
    assert "Hors du champ du plan." in page
    assert "Signée par Camille (DITP)" in page


def test_the_board_shows_the_share_answered_and_the_median_time_per_plan_and_institution(agent):
    ministry = PublicBodyFactory(name="Ministère A")
    call = ProposalCallFactory(answer_within_days=30)
    published = timezone.now() - datetime.timedelta(days=40)
    proposals = [
        ProposalFactory(call=call, institution=ministry, published_at=published) for _ in range(4)
    ]
    for proposal, days in zip(proposals[:3], (2, 4, 10), strict=True):
        services.answer_save(acting_user=agent, proposal=proposal, status="accepted", text="Oui")
        proposal.answer.first_answered_at = published + datetime.timedelta(days=days)
        proposal.answer.save()
    ProposalFactory(status=Proposal.Status.PENDING, call=call)  # not counted: not public
    board = selectors.accountability_board()
    assert board.total.published == 4
    assert board.total.answered == 3
    assert board.total.answered_percent == 75
    assert board.total.median_days == 4
    assert board.total.overdue == 1  # 40 days without an answer, 30 promised
    [row] = board.by_institution
    assert (row.label, row.answered_percent) == ("Ministère A", 75)
    [plan_row] = board.by_plan
    assert plan_row.slug == call.phase.plan.slug


def test_comments_are_held_for_moderation_threaded_and_reportable(client, moderator, committed):
    proposal = ProposalFactory()
    follower = UserFactory()
    from ouvert.notifications.services import follow_set

    follow_set(user=follower, target=proposal, following=True)
    writer = UserFactory(display_name="Alex")
    client.force_login(writer)
    client.post(
        reverse("participation:comment", kwargs={"kind": "proposition", "pk": proposal.pk}),
        {"body": "Premier avis"},
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert "Premier avis" not in client.get(proposal.get_absolute_url()).content.decode()
    with committed():
        services.comment_moderate(acting_user=moderator, comment=comment, publish=True)
    assert Notification.objects.get(user=follower).kind == "comment"
    reply = services.comment_post(
        acting_user=UserFactory(), target=proposal, body="Une réponse", parent=comment
    )
    services.comment_moderate(acting_user=moderator, comment=reply, publish=True)
    deeper = services.comment_post(
        acting_user=UserFactory(), target=proposal, body="Plus loin", parent=reply
    )
    services.comment_moderate(acting_user=moderator, comment=deeper, publish=True)
    deepest = services.comment_post(
        acting_user=UserFactory(), target=proposal, body="Encore", parent=deeper
    )
    # Past the third level, a reply joins the discussion of the comment it answers.
    assert (reply.depth, deeper.depth, deepest.depth) == (1, 2, 2)
    assert deepest.parent == reply
    [thread] = selectors.comment_threads(target=proposal)
    assert thread.comment == comment
    assert [child.comment for child in thread.replies] == [reply]
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Premier avis" in page
    assert "Une réponse" in page

    report_url = reverse("participation:report", kwargs={"pk": comment.pk})
    client.post(report_url, {"reason": "Propos insultants"})
    client.post(report_url, {"reason": "Encore"})
    assert comment.reports.count() == 1
    assert list(selectors.comments_reported()) == [comment]
    client.force_login(moderator)
    client.post(
        reverse("participation:moderate_comment", kwargs={"pk": comment.pk}),
        {"decision": "reject", "reason": "Insultes"},
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert not selectors.comments_reported().exists()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Premier avis" not in page
    assert "en réponse à un commentaire retiré" in page


def test_the_moderation_queue_is_for_moderators(client, moderator):
    ProposalFactory(status=Proposal.Status.PENDING, title="À relire")
    client.force_login(UserFactory(roles=[Role.AGENT]))
    assert client.get(reverse("participation:moderation")).status_code == 403
    client.force_login(moderator)
    assert "À relire" in client.get(reverse("participation:moderation")).content.decode()


def test_proposal_lists_cost_the_same_queries_with_many_more_proposals(client, agent):
    call = ProposalCallFactory()
    ProposalFactory(call=call)

    def grow():
        for proposal in ProposalFactory.create_batch(12, call=call):
            services.answer_save(
                acting_user=agent, proposal=proposal, status="accepted", text="Oui"
            )
            services.support_set(acting_user=agent, proposal=proposal, supporting=True)

    assert_constant_queries(client, reverse("proposals:list"), grow)
    assert_constant_queries(client, reverse("proposals:board"), grow)
    assert_constant_queries(client, "/api/proposals/", grow)
