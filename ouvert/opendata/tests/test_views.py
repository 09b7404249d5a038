import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from django.utils.html import escape
from frictionless import Resource, Schema, validate

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import ActorFactory
from ouvert.blog.tests.factories import CategoryFactory, PostFactory
from ouvert.conversations import services as conversation_services
from ouvert.conversations.tests.conftest import simulate_votes
from ouvert.conversations.tests.factories import ConversationFactory
from ouvert.core.opendata import registry
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.pages.tests.factories import PageFactory
from ouvert.participation import services as participation
from ouvert.participation.tests.factories import EventFactory, ProposalFactory
from ouvert.plans import services
from ouvert.plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    PhaseFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    """At least one public row in every dataset, with the characters that break naive CSV."""
    for n in range(3):
        plan = ActionPlanFactory()
        PhaseFactory(
            plan=plan, description=f"Ateliers, « guillemets », virgules, et\nretour à la ligne {n}"
        )
    PageFactory(
        body='Un texte avec "des guillemets" ; des points-virgules, et des accents : é à ç.'
    )
    partner = ActorFactory(name="Association, « virgule »")
    commitment = CommitmentFactory(
        plan=plan, theme="environment", ogp_values=["civic_participation"], partners=[partner]
    )
    commitment.policy_areas.create(name="Open Data")
    milestone = MilestoneFactory(commitment=commitment, starts_on=datetime.date(2025, 1, 1))
    agent = UserFactory(roles=[Role.AGENT])
    services.progress_update_post(
        acting_user=agent,
        commitment=commitment,
        institution=commitment.lead_institution,
        text="Avancé ; « bien »,\nvraiment.",
        milestone=milestone,
        new_status="in_progress",
        evidence=[services.EvidenceData(title="Preuve", url="https://exemple.gouv.fr/p")],
    )
    services.partner_assessment_give(
        acting_user=agent, milestone=milestone, partner=partner, position="agree", comment="Oui."
    )
    services.evaluation_save(
        acting_user=None, commitment=commitment, data={"verifiable": True, "completion": "limited"}
    )
    EventFactory(title="Atelier « données », virgules ;\nlignes", venue="Salle, 2e étage")
    EventFactory(format="in_person", address="20 avenue de Ségur, Paris", latitude=48.85)
    proposal = ProposalFactory(
        call__phase=plan.phases.get(), body="Texte ; « cité »,\nsur deux lignes"
    )
    ProposalFactory(call=proposal.call)
    participation.support_set(acting_user=agent, proposal=proposal, supporting=True)
    participation.answer_save(
        acting_user=agent,
        proposal=proposal,
        status="merged",
        text="Intégrée.",
        merged_into=commitment,
    )
    comment = participation.comment_post(
        acting_user=agent, target=proposal, body="Oui, « et »,\nnon"
    )
    participation.comment_moderate(acting_user=agent, comment=comment, publish=True)
    post = PostFactory(category=CategoryFactory(), summary="Un chapô ; avec « guillemets »")
    post.tags.create(slug="donnees", name="données")
    conversation = ConversationFactory(plan=plan, title="Que faut-il ouvrir ; « d'abord » ?")
    statements = [
        conversation_services.statement_seed(
            conversation=conversation, text=f"Ouvrir ; « ceci »,\nn° {n}", acting_user=agent
        )
        for n in range(4)
    ]
    simulate_votes(conversation, statements, participants=12)
    conversation_services.analysis_update(conversation_id=conversation.pk)
    _debate_content(agent)


def _debate_content(agent):
    """A debate answered, with votes, an argument supported and a paragraph comment."""
    from ouvert.debates import services as debates
    from ouvert.debates.tests.factories import ArgumentFactory, close, open_debate

    debate = open_debate(agent=agent)
    debates.vote_cast(acting_user=agent, debate=debate, choice="for", kind="citizen")
    argument = ArgumentFactory(debate=debate, body="Pour ; « vraiment »,\nsur deux lignes")
    debates.argument_support_set(acting_user=agent, argument=argument, supporting=True)
    comment = debates.paragraph_comment_post(
        acting_user=agent,
        paragraph=debate.paragraphs.get(number=1),
        body="Oui, « et »,\nnon",
        suggestion="Une autre rédaction ; « meilleure ».",
    )
    participation.comment_moderate(acting_user=agent, comment=comment, publish=True)
    debates.debate_respond(
        acting_user=agent,
        debate=close(debate),
        text="Merci ; « voici »,\nla réponse.",
        sections={"problem": "Réécrit.", "description": "Réécrit aussi.", "objectives": ""},
        notes={1: "Réécrit, « et » voilà."},
    )


def test_catalogue_lists_every_registered_dataset_with_its_row_count(client, content):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    for dataset in registry:
        assert reverse("opendata:dataset", kwargs={"slug": dataset.slug}) in page
        assert escape(str(dataset.title)) in page
    assert {"pages", "plans-action", "phases-plans"} <= {dataset.slug for dataset in registry}


def test_catalogue_queries_do_not_grow_with_the_rows(client, content):
    assert_constant_queries(
        client, reverse("opendata:catalogue"), lambda: PageFactory.create_batch(20)
    )


@pytest.mark.parametrize("slug", [dataset.slug for dataset in registry])
def test_each_csv_validates_against_its_table_schema(client, content, tmp_path, slug):
    schema = client.get(reverse("opendata:schema", kwargs={"slug": slug})).json()
    response = client.get(reverse("opendata:csv", kwargs={"slug": slug}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"ouvert-{slug}-" in response["Content-Disposition"]
    body = response.getvalue()
    (tmp_path / "data.csv").write_bytes(body)
    resource = Resource(
        path="data.csv", basepath=str(tmp_path), schema=Schema.from_descriptor(schema)
    )
    report = validate(resource)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert len(rows) == registry.get(slug).count()
    assert rows


def test_frictionless_command_line_validates_a_download_too(client, content, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "phases.csv").write_bytes(client.get("/donnees/phases-plans.csv").getvalue())
    (tmp_path / "schema.json").write_bytes(client.get("/donnees/phases-plans/schema.json").content)
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(  # noqa: S603 - the project's own tool and files
        [str(frictionless), "validate", "--schema", "schema.json", "phases.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_json_download_matches_the_csv(client, content):
    records = json.loads(client.get("/donnees/phases-plans.json").getvalue())
    rows = list(
        csv.DictReader(io.StringIO(client.get("/donnees/phases-plans.csv").getvalue().decode()))
    )
    assert [record["id"] for record in records] == [int(row["id"]) for row in rows]
    assert records[0]["description"] == rows[0]["description"]


def test_dataset_page_is_a_data_dictionary(client, content):
    page = client.get(reverse("opendata:dataset", kwargs={"slug": "phases-plans"})).content.decode()
    assert "Dictionnaire des données" in page
    for field in registry.get("phases-plans").fields:
        assert f"<code>{field.name}</code>" in page
    assert "<code>concertation</code>" in page  # the allowed values of an enumerated field


def test_unknown_dataset_is_404(client):
    assert client.get("/donnees/inconnu.csv").status_code == 404
    assert client.get("/donnees/inconnu/").status_code == 404
    assert client.get("/api/datasets/inconnu").status_code == 404


def test_api_catalogue_and_rows(client, content):
    catalogue = client.get("/api/datasets/").json()
    entry = next(item for item in catalogue if item["slug"] == "phases-plans")
    assert entry["rows"] == 3
    assert entry["csv"].endswith("/donnees/phases-plans.csv")
    assert entry["json"].endswith("/donnees/phases-plans.json")
    first = client.get("/api/datasets/phases-plans/rows", {"page_size": 2}).json()
    second = client.get("/api/datasets/phases-plans/rows", {"page_size": 2, "page": 2}).json()
    assert first["count"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    assert first["items"][0].keys() == set(registry.get("phases-plans").field_names)


def test_openapi_schema_documents_the_api(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "ouvert API"
    for path in ("/api/plans/", "/api/pages/", "/api/pages/{slug}", "/api/datasets/{slug}/rows"):
        assert path in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_api_guide_states_the_limits_read_from_the_settings(client, settings):
    settings.NINJA_DEFAULT_THROTTLE_RATES = {"anon": "120/min", "auth": "37/h", "user": "37/h"}
    settings.NINJA_PAGINATION_PER_PAGE = 23
    settings.NINJA_MAX_PER_PAGE_SIZE = 321
    settings.OUVERT_CONVERSATION_NEW_PARTICIPANTS_PER_MINUTE = 17
    settings.OUVERT_LOGIN_THROTTLE = {"per_email": 4, "per_ip": 19, "window_seconds": 600}
    settings.SESSION_COOKIE_AGE = 3 * 86400
    page = " ".join(client.get(reverse("opendata:api")).content.decode().split())
    assert "/api/openapi.json" in page
    assert (
        "Lectures, et écritures faites sans compte : 120 requêtes par minute par adresse IP" in page
    )
    assert "37 requêtes par heure par compte" in page
    assert "(23 par défaut, 321 au plus)" in page
    assert "plus de 17 nouveaux participants sans compte par minute" in page
    assert "après 4 échecs pour une même adresse électronique ou 19 échecs" in page
    assert "en 10 minutes" in page
    assert "valable 3 jours" in page
    assert "<code>429 Too Many Requests</code>" in page
    english = " ".join(client.get("/en" + reverse("opendata:api")).content.decode().split())
    assert "120 requests per minute per IP address" in english


def test_reads_count_against_the_per_address_limit_even_when_signed_in(client, monkeypatch):
    """What the guide says of the limits: reads do not authenticate, so a signed-in person's
    reads are counted per address, under the limit for requests without an account."""
    from django.core.cache import cache
    from ninja.throttling import AnonRateThrottle

    from config.api import api

    [anonymous_limit] = [rule for rule in api.throttle if isinstance(rule, AnonRateThrottle)]
    monkeypatch.setattr(anonymous_limit, "num_requests", 2)
    cache.clear()
    client.force_login(UserFactory())
    answers = [client.get("/api/pages/").status_code for _ in range(3)]
    cache.clear()
    assert answers == [200, 200, 429]


def test_api_guide_lists_every_write_operation_with_who_may_use_it(client):
    """Every operation of the OpenAPI schema that is not a read appears in the guide's tables."""
    schema = client.get("/api/openapi.json").json()
    writes = {
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    }
    assert writes
    page = client.get(reverse("opendata:api")).content.decode()
    listed = {
        operation.split("</code>")[0] for operation in page.split('<th scope="row"><code>')[1:]
    }
    assert listed == writes
    assert "Agents publics de l&#x27;institution responsable" in page
    # The English guide is in English, tables included (their texts live in the view's module).
    english = client.get("/en" + reverse("opendata:api")).content.decode()
    assert "Writes of participants, on their own behalf" in english
    assert "Public agents of the lead institution or of a partner institution" in english
    assert "Toute personne connectée" not in english


def test_the_documented_sign_in_lets_a_program_write(settings):
    """The guide's procedure: the login form with the CSRF cookie's value, then the session and
    the X-CSRFToken header (and a Referer over HTTPS) on each write."""
    from django.test import Client

    from ouvert.accounts.tests.factories import PASSWORD
    from ouvert.participation.models import Answer

    proposal = ProposalFactory()
    agent = UserFactory(roles=[Role.AGENT], email="agent@exemple.gouv.fr")
    program = Client(enforce_csrf_checks=True)
    login = reverse("accounts:login")
    program.get(login, secure=True)
    response = program.post(
        login,
        {
            "username": agent.email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": program.cookies[settings.CSRF_COOKIE_NAME].value,
        },
        secure=True,
        headers={"Referer": "https://testserver" + login},
    )
    assert response.status_code == 302
    answer = {"status": "accepted", "text": "Retenue."}
    url = f"/api/proposals/{proposal.pk}/answer"
    refused = program.put(url, answer, content_type="application/json", secure=True)
    assert refused.status_code == 403
    token = program.cookies[settings.CSRF_COOKIE_NAME].value
    accepted = program.put(
        url,
        answer,
        content_type="application/json",
        secure=True,
        headers={"X-CSRFToken": token, "Referer": "https://testserver/"},
    )
    assert accepted.status_code == 200, accepted.content
    assert Answer.objects.get(proposal=proposal).status == "accepted"
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.put(url, answer, content_type="application/json").status_code in {401, 403}


def test_catalogue_gives_each_dataset_its_licence_and_data_dictionary(client, settings):
    page = client.get(reverse("opendata:catalogue")).content.decode()
    licence = settings.OUVERT_OPEN_DATA_LICENCE
    assert '<th scope="col">Licence</th>' in page
    for dataset in registry:
        dictionary = reverse("opendata:dataset", kwargs={"slug": dataset.slug}) + "#dictionnaire"
        assert f'href="{dictionary}"' in page
    assert page.count(f'href="{licence["url"]}"') >= len(registry)
    assert reverse("opendata:statistics") in page
    # The two exports in other communities' formats are pointed out to reusers.
    assert "format du registre du PGO" in page
    assert "au format des exports de Pol.is" in page
    dataset_page = client.get(
        reverse("opendata:dataset", kwargs={"slug": "pages"})
    ).content.decode()
    assert 'id="dictionnaire"' in dataset_page


def test_api_rows_filter_on_stored_fields_with_their_types(client, content):
    phases = client.get("/api/datasets/phases-plans/rows", {"kind": "concertation"}).json()
    assert phases["count"] == 3
    assert {item["kind"] for item in phases["items"]} == {"concertation"}
    assert client.get("/api/datasets/phases-plans/rows", {"kind": "forums"}).json()["count"] == 0
    first = phases["items"][0]
    by_id = client.get("/api/datasets/phases-plans/rows", {"id": str(first["id"])}).json()
    assert [item["id"] for item in by_id["items"]] == [first["id"]]
    by_date = client.get(
        "/api/datasets/phases-plans/rows", {"starts_on": first["starts_on"]}
    ).json()
    assert by_date["count"] >= 1
    for bad in ({"id": "deux"}, {"inconnu": "x"}, {"id": str(2**70)}, {"url": "x"}):
        response = client.get("/api/datasets/pages/rows", bad)
        assert response.status_code == 422, bad
