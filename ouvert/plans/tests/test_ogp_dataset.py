"""The commitments in the OGP record's layout: its columns, its English wording, its IRM fields."""

import csv
import io

import pytest
from frictionless import Resource, Schema

from ouvert.actors.tests.factories import ActorFactory
from ouvert.plans import services
from ouvert.plans.tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def _rows(client) -> list[dict[str, str]]:
    response = client.get("/donnees/engagements-pgo.csv")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_commitment_reads_as_on_the_ogp_record(client):
    plan = ActionPlanFactory(title="Plan 2018-2020", title_en="France Action Plan 2018-2020")
    evaluated = CommitmentFactory(
        plan=plan,
        reference="FR0031",
        ogp_id="FR0031",
        number=3,
        title="Transparence de la commande publique",
        title_en="Public procurement transparency",
        ogp_values=["access_to_information", "public_accountability"],
    )
    evaluated.supporting_institutions.add(ActorFactory(name="Transparency International France"))
    services.evaluation_save(
        acting_user=None,
        commitment=evaluated,
        data={
            "verifiable": True,
            "relevant": True,
            "relevant_values": ["access_to_information"],
            "ambition": "high",
            "completion": "substantial",
            "opened_government": "marginal",
            "starred": False,
        },
    )
    CommitmentFactory(plan=plan, reference="FR-NEW", ogp_id="", number=4)

    rows = {row["reference"]: row for row in _rows(client)}
    assert set(rows) == {"FR0031", "FR-NEW"}
    row = rows["FR0031"]
    assert row["ogp_id"] == "FR0031"
    assert row["action_plan"] == "France Action Plan 2018-2020"
    assert row["num_in_plan"] == "3"
    assert (row["title_en"], row["title_fr"]) == (
        "Public procurement transparency",
        "Transparence de la commande publique",
    )
    assert row["lead_institution"] == evaluated.lead_institution.name
    assert row["supporting_institutions"] == "Transparency International France"
    assert row["ogp_values"] == "Access to Information|Public Accountability"
    assert row["verifiable"] == "Yes"
    assert row["relevant_ogp_values"] == "Yes (Access to Information)"
    assert row["potential_impact_or_ambition"] == "High (ambition)"
    assert row["completion"] == "Substantial"
    assert row["early_results_did_it_open_government"] == "Marginal"
    assert row["starred"] == "No"
    assert row["promising"] == ""
    assert row["source_url"].endswith("/engagements/FR0031/")
    # Not assessed yet: every IRM column is empty, not "No".
    fresh = rows["FR-NEW"]
    for column in ("verifiable", "relevant_ogp_values", "completion", "starred"):
        assert fresh[column] == ""


def test_the_export_validates_against_its_table_schema(client):
    commitment = CommitmentFactory(reference="FR0050", ogp_id="FR0050")
    services.evaluation_save(
        acting_user=None,
        commitment=commitment,
        data={"potential_for_results": "modest", "early_results": "significant", "promising": True},
    )
    schema = client.get("/donnees/engagements-pgo/schema.json").json()
    body = b"".join(client.get("/donnees/engagements-pgo.csv").streaming_content)
    resource = Resource(data=body, format="csv", schema=Schema.from_descriptor(schema))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    row = _rows(client)[0]
    assert (row["potential_for_results"], row["promising"]) == ("Modest", "Yes")
    assert row["early_results_did_it_open_government"] == "Significant"
