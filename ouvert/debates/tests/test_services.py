import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from ouvert.accounts.gdpr import registry as personal_data
from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.models import HistoryEntry
from ouvert.core.selectors import history_for_object
from ouvert.debates import services
from ouvert.debates.models import (
    Argument,
    ArgumentSupport,
    Debate,
    DebateResponse,
    Paragraph,
    Subject,
    TextVersion,
    Vote,
)
from ouvert.debates.selectors import debate_results
from ouvert.debates.tests.factories import ArgumentFactory, close, draft_commitment, open_debate
from ouvert.participation.models import Comment
from ouvert.participation.services import comment_moderate, comment_post
from ouvert.plans.models import Commitment
from ouvert.plans.tests.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db


def in_days(days: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


# Opening ----------------------------------------------------------------------------------------


def test_opening_freezes_the_draft_text_into_numbered_paragraphs():
    commitment = draft_commitment(title="Ouvrir les algorithmes")
    debate = open_debate(commitment=commitment)
    assert debate.title == "Ouvrir les algorithmes"
    version = debate.versions.get()
    assert version.kind == TextVersion.Kind.DEBATED
    assert [(p.number, p.section, p.text) for p in debate.paragraphs.order_by("number")] == [
        (1, "problem", "Premier paragraphe du problème."),
        (2, "problem", "Second paragraphe du problème."),
        (3, "description", "L'administration publiera l'inventaire."),
        (4, "description", "Les codes seront ouverts par défaut."),
        (5, "objectives", "Comprendre les décisions."),
    ]
    # A later edit of the draft moves nothing: the debated version and its paragraphs stay.
    commitment.description = "Tout autre chose."
    commitment.save()
    assert debate.paragraphs.get(number=3).text == "L'administration publiera l'inventaire."
    assert debate.versions.get().text_of("description").startswith("L'administration")
    entry = history_for_object(debate).get()
    assert entry.action == HistoryEntry.Action.CREATED


def test_only_a_draft_commitment_of_the_plan_is_debated_and_once_at_a_time():
    agent = UserFactory(roles=[Role.AGENT])
    published = draft_commitment()
    Commitment.objects.filter(pk=published.pk).update(status=Commitment.Status.PUBLISHED)
    published.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        open_debate(commitment=published)
    assert "commitment" in error.value.message_dict
    draft = draft_commitment()
    open_debate(commitment=draft)
    with pytest.raises(ValidationError, match="attend encore sa réponse"):
        open_debate(commitment=draft)
    with pytest.raises(ValidationError) as error:
        services.debate_open(
            acting_user=agent,
            plan=ActionPlanFactory(),
            subject=Subject.COMMITMENT,
            commitment=draft_commitment(),
            opens_at=in_days(0),
            closes_at=in_days(1),
        )
    assert "autre plan" in str(error.value)
    assert Debate.objects.count() == 1


@pytest.mark.parametrize(
    ("opens", "closes", "field"),
    [(1, 0.5, "closes_at"), (-3, -1, "closes_at")],
    ids=["closes-before-it-opens", "closes-in-the-past"],
)
def test_bad_dates_are_refused_and_nothing_is_written(opens, closes, field):
    with pytest.raises(ValidationError) as error:
        open_debate(opens_at=in_days(opens), closes_at=in_days(closes))
    assert field in error.value.message_dict
    assert not Debate.objects.exists()
    assert not TextVersion.objects.exists()


def test_the_plan_introduction_or_another_text_can_be_debated():
    agent = UserFactory(roles=[Role.AGENT])
    plan = ActionPlanFactory(summary="Une présentation.\n\nEn deux paragraphes.")
    summary = services.debate_open(
        acting_user=agent,
        plan=plan,
        subject=Subject.PLAN_SUMMARY,
        opens_at=in_days(0),
        closes_at=in_days(1),
    )
    assert summary.title == plan.title
    assert summary.paragraphs.count() == 2
    ambition = services.debate_open(
        acting_user=agent,
        plan=plan,
        subject=Subject.TEXT,
        title="Ambition : une action publique plus transparente",
        text="Un seul paragraphe.",
        opens_at=in_days(0),
        closes_at=in_days(1),
    )
    assert ambition.paragraphs.get().section == "text"
    with pytest.raises(ValidationError) as error:
        services.debate_open(
            acting_user=agent,
            plan=plan,
            subject=Subject.TEXT,
            title="Vide",
            text=" \n\n ",
            opens_at=in_days(0),
            closes_at=in_days(1),
        )
    assert "text" in error.value.message_dict


# Votes ------------------------------------------------------------------------------------------


def test_one_vote_per_participant_changeable_until_the_close():
    debate = open_debate()
    alice, bob = UserFactory(), UserFactory()
    services.vote_cast(acting_user=alice, debate=debate, choice="for", kind="citizen")
    services.vote_cast(acting_user=bob, debate=debate, choice="for")
    services.vote_cast(acting_user=alice, debate=debate, choice="against", kind="association")
    assert Vote.objects.filter(debate=debate).count() == 2
    assert Vote.objects.get(voter=alice).kind == "association"
    overall = debate_results(debate).overall
    assert (overall.votes_for, overall.votes_against, overall.votes_abstain) == (1, 1, 0)
    close(debate)
    with pytest.raises(ValidationError, match="clos"):
        services.vote_cast(acting_user=alice, debate=debate, choice="abstain")
    assert Vote.objects.get(voter=alice).choice == "against"
    # Votes write no history: a history row names its author.
    assert not HistoryEntry.objects.filter(content_type__model="vote").exists()


def test_votes_are_refused_before_the_opening_and_with_unknown_values():
    debate = open_debate(opens_at=in_days(1), closes_at=in_days(2))
    with pytest.raises(ValidationError, match="ouvre le"):
        services.vote_cast(acting_user=UserFactory(), debate=debate, choice="for")
    open_now = open_debate()
    for choice, kind in (("peut-être", ""), ("for", "martien")):
        with pytest.raises(ValidationError):
            services.vote_cast(acting_user=UserFactory(), debate=open_now, choice=choice, kind=kind)
    assert not Vote.objects.exists()


# Arguments and supports -------------------------------------------------------------------------


def test_an_argument_waits_for_moderation_and_a_double_submission_keeps_one(mailoutbox):
    debate = open_debate()
    author = UserFactory()
    first = services.argument_post(
        acting_user=author, debate=debate, side="con", body=" Trop vague. "
    )
    again = services.argument_post(
        acting_user=author, debate=debate, side="con", body="Trop vague."
    )
    assert first.pk == again.pk
    assert first.status == Argument.Status.PENDING
    moderator = UserFactory(roles=[Role.MODERATOR])
    with pytest.raises(ValidationError):
        services.argument_moderate(acting_user=moderator, argument=first, publish=False)
    services.argument_moderate(
        acting_user=moderator, argument=first, publish=False, reason="Hors sujet."
    )
    assert Argument.objects.get().status == Argument.Status.REJECTED
    published = services.argument_moderate(acting_user=moderator, argument=first, publish=True)
    assert published.is_published
    assert published.published_at is not None
    history = HistoryEntry.objects.filter(scope=f"debates.argument:{first.pk}")
    assert history.count() == 2
    with pytest.raises(ValidationError) as error:
        services.argument_post(acting_user=author, debate=debate, side="maybe", body="")
    assert set(error.value.message_dict) == {"side", "body"}


def test_the_author_hears_of_a_refusal(django_capture_on_commit_callbacks, mailoutbox):
    argument = ArgumentFactory(status=Argument.Status.PENDING, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.argument_moderate(
            acting_user=UserFactory(roles=[Role.MODERATOR]),
            argument=argument,
            publish=False,
            reason="Propos injurieux.",
        )
    assert len(mail.outbox) == 1
    assert "Propos injurieux." in mail.outbox[0].body
    assert argument.author.email in mail.outbox[0].to


def test_supports_count_once_per_person_on_published_arguments_of_an_open_debate():
    argument = ArgumentFactory()
    person = UserFactory()
    for _ in range(2):
        count = services.argument_support_set(
            acting_user=person, argument=argument, supporting=True
        )
    assert count == 1
    assert (
        services.argument_support_set(acting_user=person, argument=argument, supporting=False) == 0
    )
    pending = ArgumentFactory(status=Argument.Status.PENDING, debate=argument.debate)
    with pytest.raises(ValidationError):
        services.argument_support_set(acting_user=person, argument=pending, supporting=True)
    close(argument.debate)
    argument.refresh_from_db()
    with pytest.raises(ValidationError, match="clos"):
        services.argument_support_set(acting_user=person, argument=argument, supporting=True)
    assert not ArgumentSupport.objects.exists()


# Paragraph comments -----------------------------------------------------------------------------


def test_a_paragraph_comment_may_propose_a_rewording_and_closes_with_the_debate():
    debate = open_debate()
    paragraph = debate.paragraphs.get(number=4)
    author = UserFactory()
    kept = services.paragraph_comment_post(
        acting_user=author,
        paragraph=paragraph,
        body="Préciser les exceptions.",
        suggestion="Les codes seront ouverts par défaut ; les exceptions seront publiées.",
    )
    unchanged = services.paragraph_comment_post(
        acting_user=author, paragraph=paragraph, body="D'accord.", suggestion=paragraph.text
    )
    assert kept.suggestion.endswith("publiées.")
    assert kept.target == paragraph
    assert unchanged.suggestion == ""
    comment_moderate(acting_user=UserFactory(roles=[Role.MODERATOR]), comment=kept, publish=True)
    close(debate)
    paragraph = Paragraph.objects.get(pk=paragraph.pk)
    with pytest.raises(ValidationError, match="clos"):
        services.paragraph_comment_post(acting_user=author, paragraph=paragraph, body="Trop tard.")
    # Replies to a published comment close too.
    with pytest.raises(ValidationError, match="clos"):
        comment_post(acting_user=author, target=paragraph, body="Réponse.", parent=kept)
    assert Comment.objects.count() == 2


# Close and response -----------------------------------------------------------------------------


def test_an_agent_closes_an_open_debate_early_and_only_an_open_one():
    agent = UserFactory(roles=[Role.AGENT])
    debate = open_debate()
    closed = services.debate_close(acting_user=agent, debate=debate)
    assert closed.is_closed
    entry = history_for_object(debate).filter(action=HistoryEntry.Action.UPDATED).get()
    assert set(entry.changes) == {"closes_at"}
    assert entry.message
    with pytest.raises(ValidationError):
        services.debate_close(acting_user=agent, debate=closed)


def _respond(debate, **kwargs):
    values = {
        "acting_user": UserFactory(roles=[Role.AGENT]),
        "debate": debate,
        "text": "Deux changements, pour les raisons dites.",
        "title": "Ouvrir et expliquer les algorithmes",
        "sections": {
            "problem": "Premier paragraphe du problème.\n\nSecond paragraphe du problème.",
            "description": "L'administration publiera l'inventaire chaque année.\n\n"
            "Les codes seront ouverts par défaut.\n\nUn guide sera publié.",
            "objectives": "Comprendre les décisions.",
        },
        "notes": {3: "Chaque année, comme demandé."},
    }
    return services.debate_respond(**{**values, **kwargs})


def test_the_response_publishes_the_revised_version_and_revises_the_commitment_with_the_debate_as_reason():
    debate = open_debate()
    commitment = debate.commitment
    with pytest.raises(ValidationError, match="clos"):
        _respond(debate)
    close(debate)
    response = _respond(debate, publish_commitment=True)
    revised = response.version
    assert revised.kind == TextVersion.Kind.REVISED
    assert revised.title == "Ouvrir et expliquer les algorithmes"
    assert [note.paragraph.number for note in response.notes.all()] == [3]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PUBLISHED
    assert commitment.title == "Ouvrir et expliquer les algorithmes"
    assert commitment.description.endswith("Un guide sera publié.")
    entry = history_for_object(commitment).filter(action=HistoryEntry.Action.UPDATED).get()
    assert set(entry.changes) == {"title", "description", "status"}
    assert f"/debats/{debate.pk}/" in entry.message
    assert debate.title in entry.message
    # The response is in the debate's own change log.
    assert history_for_object(debate).filter(action=HistoryEntry.Action.PUBLISHED).exists()
    with pytest.raises(ValidationError, match="déjà publiée"):
        _respond(debate)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": " "}, "text"),
        ({"sections": {"problem": "", "description": "", "objectives": ""}}, "problem"),
        ({"sections": {"summary": "Autre chose."}}, "sections"),
        ({"notes": {99: "Un paragraphe qui n'existe pas."}}, "notes"),
    ],
    ids=["no-text", "empty-revision", "unknown-section", "unknown-paragraph"],
)
def test_a_bad_response_is_refused_and_changes_nothing(changes, field):
    debate = close(open_debate())
    before = debate.commitment.description
    with pytest.raises(ValidationError) as error:
        _respond(debate, **changes)
    assert field in error.value.message_dict
    assert not DebateResponse.objects.exists()
    assert debate.versions.count() == 1
    debate.commitment.refresh_from_db()
    assert debate.commitment.description == before


def test_a_response_on_the_plan_introduction_revises_the_plan():
    plan = ActionPlanFactory(summary="Avant.")
    debate = services.debate_open(
        acting_user=UserFactory(roles=[Role.AGENT]),
        plan=plan,
        subject=Subject.PLAN_SUMMARY,
        opens_at=in_days(0),
        closes_at=in_days(1),
    )
    close(debate)
    services.debate_respond(
        acting_user=UserFactory(roles=[Role.AGENT]),
        debate=debate,
        text="Réécrite.",
        sections={"summary": "Après."},
    )
    plan.refresh_from_db()
    assert plan.summary == "Après."
    assert f"/debats/{debate.pk}/" in history_for_object(plan).first().message


# Personal data ----------------------------------------------------------------------------------


def test_a_person_exports_their_votes_and_arguments_and_on_deletion_the_results_stand():
    debate = open_debate()
    person = UserFactory()
    services.vote_cast(acting_user=person, debate=debate, choice="against", kind="company")
    argument = ArgumentFactory(debate=debate, author=person)
    services.argument_support_set(
        acting_user=person, argument=ArgumentFactory(debate=debate), supporting=True
    )
    sections = {section.key: section for section in personal_data}
    exported = sections["debate_votes"].export(person)
    assert exported == [
        {
            "debate": debate.title,
            "choice": "against",
            "declared_kind": "company",
            "voted_at": exported[0]["voted_at"],
            "changed_at": exported[0]["changed_at"],
        }
    ]
    arguments = sections["debate_arguments"].export(person)
    assert [row["body"] for row in arguments["arguments"]] == [argument.body]
    assert len(arguments["supports"]) == 1
    for section in sections.values():
        if section.erase:
            section.erase(person)
    assert not Vote.objects.filter(voter=person).exists()
    assert debate_results(debate).overall.votes_against == 1
    assert not ArgumentSupport.objects.filter(user=person).exists()
    assert Argument.objects.filter(pk=argument.pk).exists()
