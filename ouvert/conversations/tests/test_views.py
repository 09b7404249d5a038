import csv
import io
import re
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.urls import reverse

from ouvert.accounts.tests.factories import UserFactory
from ouvert.conversations import polis, services
from ouvert.conversations.models import Conversation, Participant, Statement, Vote
from ouvert.conversations.participation import COOKIE, cookie_value
from ouvert.conversations.tests.conftest import seed, simulate_votes
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.core.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _url(name, conversation, **kwargs):
    return reverse(f"conversations:{name}", kwargs={"slug": conversation.slug, **kwargs})


def _shown_statement(page: str) -> int:
    return int(re.search(r'name="statement" value="(\d+)"', page).group(1))


def test_an_anonymous_visitor_votes_and_is_remembered_by_a_cookie(client, moderator):
    conversation = ConversationFactory()
    seed(conversation, moderator, 3)
    page = client.get(_url("detail", conversation)).content.decode()
    assert "Votez" in page
    assert Participant.objects.count() == 0  # visiting creates nobody
    seen = set()
    for _ in range(3):
        number = _shown_statement(client.get(_url("detail", conversation)).content.decode())
        assert number not in seen  # never the same statement twice
        seen.add(number)
        response = client.post(
            _url("vote", conversation), {"statement": number, "vote": "agree"}, follow=True
        )
        assert "Vote enregistré : d'accord." in response.content.decode()
    assert COOKIE in client.cookies
    assert Participant.objects.count() == 1
    assert Vote.objects.filter(value=1).count() == 3
    page = client.get(_url("detail", conversation)).content.decode()
    assert "Vous avez voté sur toutes les propositions" in page


def test_a_bad_vote_is_refused_with_a_message(client, moderator):
    conversation = ConversationFactory()
    seed(conversation, moderator, 1)
    response = client.post(
        _url("vote", conversation), {"statement": 0, "vote": "maybe"}, follow=True
    )
    assert "Ce vote n'a pas pu être lu" in response.content.decode()
    response = client.post(
        _url("vote", conversation), {"statement": 42, "vote": "pass"}, follow=True
    )
    assert "Cette proposition n'existe pas." in response.content.decode()
    assert Vote.objects.count() == 0


def test_a_closed_conversation_shows_results_but_takes_no_vote(client, moderator):
    conversation = ConversationFactory(status=Conversation.Status.CLOSED)
    seed(conversation, moderator, 1)
    page = client.get(_url("detail", conversation)).content.decode()
    assert "pas ouverte aux votes" in page
    client.post(_url("vote", conversation), {"statement": 0, "vote": "agree"})
    assert Vote.objects.count() == 0


def test_anonymous_participation_switched_off_asks_to_sign_in(client, moderator):
    conversation = ConversationFactory(anonymous_participation=False)
    seed(conversation, moderator, 1)
    assert (
        "Se connecter pour participer" in client.get(_url("detail", conversation)).content.decode()
    )
    client.post(_url("vote", conversation), {"statement": 0, "vote": "agree"})
    assert Vote.objects.count() == 0
    user = UserFactory()
    client.force_login(user)
    client.post(_url("vote", conversation), {"statement": 0, "vote": "agree"})
    assert Vote.objects.get().participant.user == user


def test_votes_cast_before_signing_in_follow_the_person(client, moderator):
    conversation = ConversationFactory()
    seed(conversation, moderator, 2)
    client.post(_url("vote", conversation), {"statement": 0, "vote": "agree"})
    user = UserFactory()
    client.force_login(user)
    client.get(_url("detail", conversation))
    assert Participant.objects.get().user == user
    client.post(_url("vote", conversation), {"statement": 1, "vote": "disagree"})
    assert Vote.objects.filter(participant__user=user).count() == 2


def test_a_participant_proposes_a_statement_and_sees_it_after_moderation(client, moderator):
    conversation = ConversationFactory()
    seed(conversation, moderator, 1)
    response = client.post(
        _url("propose", conversation), {"text": "Publier le code source."}, follow=True
    )
    page = response.content.decode()
    assert "dès que la modération l'aura acceptée" in page
    assert "en attente de modération" in page
    statement = Statement.objects.get(text="Publier le code source.")
    services.statement_moderate(
        statement=statement, status=Statement.Status.ACCEPTED, acting_user=moderator
    )
    assert "soumise au vote" in client.get(_url("detail", conversation)).content.decode()
    # Others now get it to vote on.
    other = type(client)()
    numbers = set()
    for _ in range(2):
        number = _shown_statement(other.get(_url("detail", conversation)).content.decode())
        numbers.add(number)
        other.post(_url("vote", conversation), {"statement": number, "vote": "pass"})
    assert statement.number in numbers


def test_an_empty_statement_is_refused_and_nothing_is_created(client, moderator):
    conversation = ConversationFactory()
    response = client.post(_url("propose", conversation), {"text": "   "})
    assert response.status_code == 400
    assert Statement.objects.count() == 0


def test_results_show_the_map_groups_and_where_you_stand(client, analysed):
    participant = Participant.objects.filter(conversation=analysed).first()
    page = client.get(_url("results", analysed)).content.decode()
    assert "<svg" in page
    assert 'role="img"' in page
    assert "Groupe A" in page
    assert "Groupe B" in page
    assert "Les groupes de la carte des opinions" in page  # the table alternative
    assert "Une large majorité est d'accord" in page
    assert "style=" not in page  # the Content Security Policy forbids inline styles
    # The same page for someone who voted: their group and their place on the map.
    session = client.session
    session.save()
    client.cookies[COOKIE] = _cookie_for(client, analysed, participant)
    page = client.get(_url("results", analysed)).content.decode()
    assert "vous êtes dans le <strong>groupe" in page
    assert 'class="ouvert-map__you"' in page


def _cookie_for(client, conversation, participant):
    return cookie_value({conversation.pk: participant.pk})


def test_the_results_page_costs_the_same_queries_with_many_more_statements(client, moderator):
    conversation = ConversationFactory()
    statements = seed(conversation, moderator, 4)
    simulate_votes(conversation, statements, participants=16)
    services.analysis_update(conversation_id=conversation.pk)

    def grow():
        more = seed(conversation, moderator, 30)
        simulate_votes(conversation, more, participants=20, seed=1)
        services.analysis_update(conversation_id=conversation.pk)

    assert_constant_queries(client, _url("results", conversation), grow)


def test_the_list_costs_the_same_queries_for_one_conversation_or_twenty(client):
    ConversationFactory()
    assert_constant_queries(
        client,
        reverse("conversations:list"),
        lambda: [ConversationFactory() for _ in range(20)],
    )


def test_drafts_are_hidden_from_the_public(client, moderator):
    conversation = ConversationFactory(status=Conversation.Status.DRAFT, title="Question secrète")
    for name in ("detail", "results", "report", "history"):
        assert client.get(_url(name, conversation)).status_code == 404
    assert "Question secrète" not in client.get(reverse("conversations:list")).content.decode()
    assert "Question secrète" not in client.get("/api/conversations/").content.decode()
    client.force_login(moderator)
    assert client.get(_url("detail", conversation)).status_code == 200


def test_the_report_is_public_once_published(client, analysed, moderator):
    assert client.get(_url("report", analysed)).status_code == 404
    moderation = type(client)()
    moderation.force_login(moderator)
    preview = moderation.get(_url("report", analysed)).content.decode()
    assert "Aperçu" in preview
    moderation.post(
        _url("publish_report", analysed),
        {"report-summary": "Deux camps, un consensus.", "action": "publish"},
    )
    page = client.get(_url("report", analysed)).content.decode()
    assert "Deux camps, un consensus." in page
    assert "Groupe A" in page
    moderation.post(_url("publish_report", analysed), {"report-summary": "", "action": "unpublish"})
    assert client.get(_url("report", analysed)).status_code == 404


def test_moderation_pages_are_for_the_moderation(client, moderator):
    conversation = ConversationFactory()
    author = services.participant_create(conversation=conversation)
    statement = services.statement_submit(participant=author, text="Une idée.")
    assert client.get(_url("moderation", conversation)).status_code == 403
    client.post(
        _url("moderate_statement", conversation, number=statement.number), {"decision": "accepted"}
    )
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PENDING
    client.force_login(UserFactory())
    assert client.get(_url("moderation", conversation)).status_code == 403
    client.force_login(moderator)
    page = client.get(_url("moderation", conversation)).content.decode()
    assert "Une idée." in page
    client.post(
        _url("moderate_statement", conversation, number=statement.number), {"decision": "accepted"}
    )
    statement.refresh_from_db()
    assert statement.status == Statement.Status.ACCEPTED
    client.post(_url("seed", conversation), {"seed-text": "Une proposition de départ."})
    assert Statement.objects.filter(is_seed=True).count() == 1
    client.post(_url("status", conversation), {"status-status": "closed"})
    conversation.refresh_from_db()
    assert conversation.status == Conversation.Status.CLOSED
    history = client.get(_url("history", conversation)).content.decode()
    assert "Acceptée" in history
    assert "Terminée" in history


def test_the_change_log_shows_a_statement_set_aside_without_its_text(client, moderator):
    conversation = ConversationFactory()
    author = services.participant_create(conversation=conversation)
    statement = services.statement_submit(participant=author, text="Un texte écarté.")
    services.statement_moderate(
        statement=statement, status=Statement.Status.REJECTED, acting_user=moderator
    )
    history = client.get(_url("history", conversation)).content.decode()
    assert f"Proposition n° {statement.number}" in history
    assert "Écartée" in history
    assert "Un texte écarté" not in history


def test_the_polis_export_download_is_for_the_moderation(client, analysed, moderator):
    assert client.get(_url("export", analysed)).status_code == 403
    client.force_login(moderator)
    response = client.get(_url("export", analysed))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = {name.split("/")[-1] for name in archive.namelist()}
    assert {"comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"} <= names
    votes = archive.read(f"{analysed.slug}/votes.csv").decode()
    assert len(votes.strip().splitlines()) == 1 + Vote.objects.count()
    assert "@" not in archive.read(f"{analysed.slug}/participants-votes.csv").decode()


def test_the_public_polis_download_holds_only_what_the_datasets_publish(
    client, analysed, moderator
):
    participants = list(Participant.objects.filter(conversation=analysed).order_by("number"))
    services.statement_submit(participant=participants[0], text="Texte en attente zq7.")
    refused = services.statement_submit(participant=participants[1], text="Texte refusé zq8.")
    services.statement_moderate(
        statement=refused, status=Statement.Status.REJECTED, acting_user=moderator
    )
    first = Statement.objects.get(conversation=analysed, number=0)
    services.vote_cast(participant=participants[2], statement_number=first.number, value=-1)
    services.vote_cast(participant=participants[2], statement_number=first.number, value=1)

    response = client.get(_url("open_data", analysed))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name.split("/")[-1]: archive.read(name).decode() for name in archive.namelist()}
    assert set(files) == {"comments.csv", "votes.csv", "participants-votes.csv", "summary.csv"}
    assert "zq7" not in "".join(files.values())
    assert "zq8" not in "".join(files.values())
    comments = list(csv.DictReader(io.StringIO(files["comments.csv"])))
    assert len(comments) == 9
    assert {row["author-id"] for row in comments} == {""}
    votes = list(csv.DictReader(io.StringIO(files["votes.csv"])))
    # Current votes on accepted statements only (not the authors' own votes on the pending and
    # the refused statement, nor the replaced vote), each dated to the start of its day in Paris.
    accepted = Vote.objects.filter(conversation=analysed, statement__status="accepted")
    assert Vote.objects.filter(conversation=analysed).count() == 272
    assert len(votes) == accepted.count() == 270
    assert all(int(row["timestamp"]) % 3_600_000 == 0 for row in votes)
    assert {row["datetime"][11:19] for row in votes} <= {"22:00:00", "23:00:00"}

    with tempfile.TemporaryDirectory() as directory:
        archive.extractall(directory)
        export = polis.read_export(Path(directory) / analysed.slug)
    assert len(export.votes) == 270
    assert not export.sign_flipped
    groups = {row.split(",")[1] for row in files["participants-votes.csv"].splitlines()[1:]}
    assert groups == {"0", "1"}


def test_a_draft_conversation_has_no_public_polis_download(client, moderator):
    draft = ConversationFactory(slug="brouillon", status=Conversation.Status.DRAFT)
    assert client.get(_url("open_data", draft)).status_code == 404
    client.force_login(moderator)
    assert client.get(_url("open_data", draft)).status_code == 404
    assert "donnees-polis.zip" not in client.get(_url("detail", draft)).content.decode()
