"""The key figures: right on a small known dataset, from public rows only, in a constant number of
queries; the page in both languages; the `statistiques` dataset against its Table Schema."""

import csv
import io
import json

import pytest
from django.urls import reverse
from frictionless import Resource, Schema, validate

from ouvert.actors.models import Actor
from ouvert.blog.tests.factories import PostFactory
from ouvert.core.opendata import registry
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.opendata.selectors import Indicator, statistics
from ouvert.opendata.tests.conftest import REGISTRANT_EMAIL, REGISTRANT_NAME, answer, register
from ouvert.participation.models import ProposalCall, Registration
from ouvert.participation.tests.factories import EventFactory, ProposalFactory
from ouvert.plans.tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

URL = "/donnees/chiffres-cles/"


def test_figures_count_public_rows_only(known):
    stats = statistics()
    value = stats.value
    registrations = Indicator.REGISTRATIONS
    assert value(registrations, category="confirmed") == 3
    assert value(registrations, category="waitlisted") == 1
    assert value(registrations, plan="2030-2032", event="atelier-public", category="confirmed") == 2
    assert value(registrations, event="webinaire-public", category="confirmed") == 1
    assert value(registrations, event="evenement-cancelled", category="confirmed") is None
    assert value(registrations, event="evenement-draft", category="confirmed") is None
    assert value(Indicator.EVENTS, category="workshop") == 1
    assert value(Indicator.EVENTS, category="webinar") == 1

    assert value(Indicator.PROPOSALS_PUBLISHED) == 3
    assert value(Indicator.PROPOSALS_ANSWERED) == 2
    assert value(Indicator.PROPOSALS_ANSWER_RATE) == 67
    assert value(Indicator.PROPOSALS_MEDIAN_ANSWER_DAYS) == 7.0
    assert value(Indicator.PROPOSALS_PUBLISHED, plan="2030-2032") == 3
    assert value(Indicator.PROPOSALS_BY_ANSWER, category="accepted") == 1
    assert value(Indicator.PROPOSALS_BY_ANSWER, category="declined") == 1
    assert value(Indicator.PROPOSALS_BY_ANSWER, category="none") == 1

    for scope in ({}, {"plan": "2030-2032"}):
        assert value(Indicator.COMMITMENTS_BY_STATUS, category="completed", **scope) == 1
        assert value(Indicator.COMMITMENTS_BY_STATUS, category="late", **scope) == 1
        assert value(Indicator.COMMITMENTS_BY_STATUS, category="not_started", **scope) == 1
        assert value(Indicator.COMMITMENTS_BY_COMPLETION, category="100", **scope) == 1
        assert value(Indicator.COMMITMENTS_BY_COMPLETION, category="0", **scope) == 1
    # A draft plan is neither a scope nor counted.
    assert value(Indicator.PROPOSALS_PUBLISHED, plan="2040-2042") is None
    assert value(Indicator.COMMITMENTS_BY_STATUS, plan="2040-2042", category="not_started") is None

    assert value(Indicator.ACTORS_BY_KIND, category="association") == 2
    assert value(Indicator.ACTORS_BY_KIND, category="public_body") == 1
    assert value(Indicator.ACTORS_BY_VERIFICATION, category="verified") == 1
    assert value(Indicator.ACTORS_BY_VERIFICATION, category="unverified") == 2

    assert value(Indicator.CONVERSATIONS, category="open") == 1
    assert value(Indicator.CONVERSATIONS, category="closed") == 1
    assert value(Indicator.CONVERSATION_VOTES, category="agree") == 1
    assert value(Indicator.CONVERSATION_VOTES, category="disagree") == 1
    assert value(Indicator.CONVERSATION_VOTES, category="pass") == 0
    assert value(Indicator.DEBATES, category="open") == 1
    assert value(Indicator.DEBATE_VOTES, category="for") == 1
    assert value(Indicator.DEBATE_VOTES, category="against") == 1
    assert value(Indicator.BLOG_POSTS, category="team") == 1
    assert value(Indicator.BLOG_POSTS, category="guest") == 1

    totals = stats.totals
    assert (totals["events"], totals["registrations"], totals["blog_posts"]) == (2, 4, 2)
    assert (totals["actors_by_kind"], totals["actors_verified"]) == (3, 1)


def test_the_page_shows_the_figures_with_their_tables_in_french_and_english(client, known):
    page = client.get(URL).content.decode()
    assert "<h1>Chiffres clés</h1>" in page
    assert "{#" not in page  # no template comment leaks into the page
    assert page.count('<figure class="fr-mb-4w"') == page.count("<table>") - 1  # + the cross table
    assert '<th scope="row" class="fr-cell--multiline">Atelier</th><td>2</td>' in page
    assert '<th scope="row" class="fr-cell--multiline">Plan 2030-2032</th><td>67 %</td>' in page
    assert reverse("plans:dashboard", kwargs={"slug": "2030-2032"}) in page
    assert reverse("opendata:csv", kwargs={"slug": "statistiques"}) in page
    english = client.get(f"/en{URL}").content.decode()
    assert "<h1>Key figures</h1>" in english
    assert "Plan 2030-32" in english
    assert "Chiffres clés" not in english.split("<main", 1)[-1].split("</main>")[0]


def test_the_page_is_linked_from_the_catalogue_and_the_sitemap(client):
    assert URL in client.get(reverse("opendata:catalogue")).content.decode()
    assert f'href="{URL}"' in client.get(reverse("core:sitemap")).content.decode()


def test_the_figures_cost_the_same_queries_for_3_or_30_events(client, known):
    def grow():
        for _ in range(27):
            event = EventFactory(plan=known)
            register(event, Registration.Status.CONFIRMED)
            register(event, Registration.Status.WAITLISTED)
        call = ProposalCall.objects.get(phase__plan=known)
        for _ in range(10):
            answer(ProposalFactory(call=call), days=2)
            CommitmentFactory(plan=known, lead_institution=Actor.objects.first())
            PostFactory()

    queries = assert_constant_queries(client, URL, grow)
    assert queries <= 25
    assert_constant_queries(client, "/donnees/statistiques.csv", grow)


def test_the_dataset_validates_against_its_table_schema(client, known, tmp_path):
    schema = client.get("/donnees/statistiques/schema.json").json()
    body = client.get("/donnees/statistiques.csv").getvalue()
    (tmp_path / "statistiques.csv").write_bytes(body)
    report = validate(
        Resource(
            path="statistiques.csv",
            basepath=str(tmp_path),
            schema=Schema.from_descriptor(schema),
        )
    )
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(body.decode()))}
    rate = rows["proposals_answer_rate"]
    assert (rate["value"], rate["unit"], rate["scope"]) == ("67", "percent", "platform")
    late = rows["commitments_by_status:plan:2030-2032:late"]
    assert (late["value"], late["category_label"], late["plan"]) == ("1", "En retard", "2030-2032")
    event = rows["registrations:event:atelier-public:confirmed"]
    assert (event["value"], event["plan"], event["event"]) == ("2", "2030-2032", "atelier-public")


def test_the_dataset_reads_alike_in_every_language_and_in_the_api(client, known):
    french = client.get("/donnees/statistiques.json").getvalue()
    records = json.loads(french)
    english = json.loads(client.get("/en/donnees/statistiques.json").getvalue())
    assert [record["category_label"] for record in records] == [
        record["category_label"] for record in english
    ]
    answer_rates = client.get(
        "/api/datasets/statistiques/rows", {"indicator": "proposals_answer_rate"}
    ).json()
    assert answer_rates["count"] == 2  # the platform and the one public plan
    by_plan = client.get(
        "/api/datasets/statistiques/rows", {"scope": "plan", "plan": "2030-2032", "value": "67"}
    ).json()
    assert [item["id"] for item in by_plan["items"]] == ["proposals_answer_rate:plan:2030-2032"]
    page = client.get("/api/datasets/statistiques/rows", {"page_size": 5, "page": 2}).json()
    assert [item["id"] for item in page["items"]] == [record["id"] for record in records[5:10]]
    assert client.get("/api/datasets/statistiques").json()["rows"] == len(records)


def test_no_personal_data_reaches_the_figures(client, known):
    registry_dataset = registry.get("statistiques")
    assert registry_dataset is not None
    for path in (
        URL,
        "/donnees/statistiques.csv",
        "/donnees/statistiques.json",
        "/api/datasets/statistiques/rows?page_size=1000",
    ):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in (REGISTRANT_NAME, REGISTRANT_EMAIL, "Association en attente"):
            assert secret not in text, (path, secret)
