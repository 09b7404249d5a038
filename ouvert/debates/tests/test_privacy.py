"""Nobody's vote, and nothing of a draft but its debated text, reaches a public path.

Recognisable values are planted (voters' names and addresses, the private fields of the draft
commitment, unpublished arguments, moderation reasons), then every public page, API answer and
dataset is searched for them.
"""

import json

import pytest
from django.contrib import admin
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.models import HistoryEntry
from ouvert.core.opendata import registry
from ouvert.debates import services
from ouvert.debates.models import Argument, Vote
from ouvert.debates.tests.factories import draft_commitment, open_debate
from ouvert.plans.tests.factories import MilestoneFactory, PhaseFactory

pytestmark = pytest.mark.django_db

SECRETS = (
    # Who voted, and how: their names appear nowhere, nor their addresses.
    "Votant Bravo",
    "votant-bravo@exemple.fr",
    "votante-alpha@exemple.fr",
    # What the debate does not publish of the draft commitment.
    "BROUILLON-SECRET",
    "Secret English title",
    "contact-secret@ministere.gouv.fr",
    "Institution secrète du brouillon",
    "Jalon secret du brouillon",
    # Unpublished contributions and moderation reasons.
    "Argument en attente secret",
    "Argument refusé secret",
    "Motif de refus secret",
)


@pytest.fixture
def planted():
    commitment = draft_commitment(
        reference="BROUILLON-SECRET",
        title="Titre débattu public",
        title_en="Secret English title",
        contact="contact-secret@ministere.gouv.fr",
        lead_institution__name="Institution secrète du brouillon",
        # Not yet on the map of actors either (a published actor's name is public there).
        lead_institution__status="pending",
    )
    MilestoneFactory(commitment=commitment, title="Jalon secret du brouillon")
    PhaseFactory(plan=commitment.plan, starts_on="2000-01-01", ends_on="2100-01-01")
    debate = open_debate(commitment=commitment)
    alpha = UserFactory(display_name="Votante Alpha", email="votante-alpha@exemple.fr")
    bravo = UserFactory(display_name="Votant Bravo", email="votant-bravo@exemple.fr")
    # Alpha is the only company to vote: a detail by kind would give her vote away.
    services.vote_cast(acting_user=alpha, debate=debate, choice="against", kind="company")
    services.vote_cast(acting_user=bravo, debate=debate, choice="for", kind="citizen")
    moderator = UserFactory(roles=[Role.MODERATOR])
    # Alpha signs a public argument for the text, and votes against it: nothing links the two.
    public_argument = services.argument_post(
        acting_user=alpha, debate=debate, side="pro", body="Argument public d'Alpha"
    )
    services.argument_moderate(acting_user=moderator, argument=public_argument, publish=True)
    services.argument_post(
        acting_user=alpha, debate=debate, side="con", body="Argument en attente secret"
    )
    refused = services.argument_post(
        acting_user=alpha, debate=debate, side="con", body="Argument refusé secret"
    )
    services.argument_moderate(
        acting_user=moderator, argument=refused, publish=False, reason="Motif de refus secret"
    )
    return debate


def _public_paths(debate) -> list[str]:
    pk = debate.pk
    paths = [
        reverse("debates:list"),
        debate.get_absolute_url(),
        reverse("debates:paragraph", kwargs={"pk": pk, "number": 1}),
        reverse("debates:history", kwargs={"pk": pk}),
        debate.plan.get_absolute_url(),
        reverse("commitments:list"),
        "/api/debates/",
        f"/api/debates/{pk}",
        f"/api/debates/{pk}/arguments",
        f"/en/debats/{pk}/",
    ]
    for dataset in registry:
        paths += [
            reverse("opendata:csv", kwargs={"slug": dataset.slug}),
            reverse("opendata:json", kwargs={"slug": dataset.slug}),
            f"/api/datasets/{dataset.slug}/rows",
        ]
    return paths


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def test_no_vote_and_nothing_private_of_the_draft_reaches_a_public_path(client, planted):
    for persona in (None, UserFactory()):
        if persona:
            client.force_login(persona)
        for path in _public_paths(planted):
            response = client.get(path)
            assert response.status_code == 200, path
            text = _text(response)
            for secret in SECRETS:
                assert secret not in text, (path, secret)
    # The search looked at the right places: the debated text and the public argument are there.
    page = client.get(planted.get_absolute_url()).content.decode()
    assert "Titre débattu public" in page
    assert "Argument public d&#x27;Alpha" in page
    assert "Votante Alpha" in page  # as the author of her argument, and only that


def test_counts_by_kind_never_single_out_a_voter(client, planted):
    detail = client.get(f"/api/debates/{planted.pk}").json()
    assert detail["results"]["overall"] == {
        "votes_for": 1,
        "votes_against": 1,
        "votes_abstain": 0,
        "total": 2,
    }
    assert detail["results"]["by_kind"] == []
    row = json.loads(_text(client.get("/donnees/debats.json")))[0]
    assert row["votes_by_kind"]["groups"] == {}
    page = client.get(planted.get_absolute_url()).content.decode()
    assert "Entreprise" not in page[page.index("Votes par qualité déclarée") :]


def test_votes_have_no_history_no_back_office_and_no_public_rule(planted):
    assert not HistoryEntry.objects.filter(content_type__model="vote").exists()
    assert not admin.site.is_registered(Vote)
    from ouvert.core import publicity

    assert publicity.rule_for(Vote) is None
    assert not publicity.public(Vote).exists()


def test_a_person_sees_their_own_vote_and_nobody_else_does(client, planted):
    alpha = Vote.objects.get(kind="company").voter
    client.force_login(alpha)
    assert client.get(f"/api/debates/{planted.pk}/vote").json()["choice"] == "against"
    assert "Vous avez voté : Contre." in client.get(planted.get_absolute_url()).content.decode()
    agent = UserFactory(roles=[Role.AGENT, Role.ADMINISTRATOR])
    client.force_login(agent)
    assert client.get(f"/api/debates/{planted.pk}/vote").status_code == 404
    assert "Vous avez voté" not in client.get(planted.get_absolute_url()).content.decode()


def test_the_draft_commitment_itself_stays_hidden_while_debated(client, planted):
    commitment = planted.commitment
    assert client.get(commitment.get_absolute_url()).status_code == 404
    assert client.get(f"/api/commitments/{commitment.reference}").status_code == 404
    assert Argument.objects.filter(status="rejected").exists()
