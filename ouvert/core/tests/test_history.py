import datetime

import pytest
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.history import describe, diff, snapshot
from ouvert.core.models import HistoryEntry
from ouvert.core.selectors import history_for_object
from ouvert.core.services import history_record
from ouvert.pages.tests.factories import PageFactory
from ouvert.participation.models import Proposal
from ouvert.participation.services.proposals import proposal_moderate
from ouvert.participation.tests.factories import EventFactory, ProposalFactory
from ouvert.plans.models import Phase
from ouvert.plans.tests.factories import ActionPlanFactory, PhaseFactory

pytestmark = pytest.mark.django_db


def test_snapshot_and_diff_keep_only_what_changed():
    phase = PhaseFactory(starts_on=datetime.date(2021, 3, 1))
    before = snapshot(phase, Phase.history_fields)
    phase.starts_on = datetime.date(2021, 4, 1)
    phase.title = "Nouvel intitulé"
    changes = diff(before, snapshot(phase, Phase.history_fields))
    assert changes == {"title": ["", "Nouvel intitulé"], "starts_on": ["2021-03-01", "2021-04-01"]}


def test_describe_labels_fields_and_choices_and_names_the_actor_publicly():
    agent = UserFactory(display_name="Camille", email="camille@exemple.fr")
    phase = PhaseFactory()
    history_record(
        instance=phase,
        acting_user=agent,
        action=HistoryEntry.Action.UPDATED,
        changes={"kind": ["concertation", "forums"], "ends_on": ["2021-07-31", "2021-08-31"]},
    )
    [row] = describe(history_for_object(phase.plan))
    assert row.actor_name == "Camille"
    assert row.action_label == "Modification"
    fields = {change.label: (change.before, change.after) for change in row.fields}
    assert fields["Étape"] == ("Concertation", "Forums ouverts")
    assert fields["Fin"] == ("31 juillet 2021", "31 août 2021")


def test_a_moderation_decision_is_public_but_not_who_took_it_nor_their_reason(client):
    moderator = UserFactory(display_name="Modératrice discrète", roles=[Role.MODERATOR])
    proposal = ProposalFactory(status=Proposal.Status.PENDING, published_at=None)
    proposal_moderate(
        acting_user=moderator, proposal=proposal, publish=True, reason="Coordonnées retirées"
    )
    [row] = describe(history_for_object(proposal))
    assert (row.action_label, row.actor_name, row.message) == ("Publication", "la modération", "")
    page = client.get(reverse("proposals:history", kwargs={"pk": proposal.pk})).content.decode()
    assert "Publication" in page
    assert "Modératrice discrète" not in page
    assert "Coordonnées retirées" not in page
    # The back office keeps who decided, and why.
    entry = HistoryEntry.objects.get()
    assert (entry.actor, entry.message) == (moderator, "Coordonnées retirées")


def test_changes_to_a_private_field_stay_out_of_the_change_log():
    event = EventFactory()
    history_record(
        instance=event,
        acting_user=UserFactory(roles=[Role.AGENT]),
        action=HistoryEntry.Action.UPDATED,
        changes={"online_url": ["", "https://visio.exemple.fr/salle"], "venue": ["", "Ségur"]},
    )
    [row] = describe(history_for_object(event))
    assert [change.after for change in row.fields] == ["Ségur"]


def test_long_texts_are_described_line_by_line():
    page = PageFactory()
    before = "\n".join(f"ligne {n}" for n in range(30))
    after = before.replace("ligne 12", "ligne douze")
    history_record(
        instance=page,
        acting_user=None,
        action=HistoryEntry.Action.UPDATED,
        changes={"body": [before, after]},
    )
    [row] = describe(history_for_object(page))
    assert row.actor_name == "Système"
    assert row.fields[0].lines == (("-", "ligne 12"), ("+", "ligne douze"))


def test_a_phase_belongs_to_its_plans_record_even_once_deleted():
    plan = ActionPlanFactory()
    phase = PhaseFactory(plan=plan)
    history_record(instance=phase, acting_user=None, action=HistoryEntry.Action.DELETED)
    phase.delete()
    assert [entry.action for entry in history_for_object(plan)] == ["deleted"]


def test_admin_edits_enter_the_public_history(client):
    admin = UserFactory(roles=[Role.ADMINISTRATOR], display_name="Admin")
    page = PageFactory(title="Titre initial", slug="une-page")
    client.force_login(admin)
    url = reverse("admin:pages_page_change", args=[page.pk])
    response = client.post(
        url,
        {
            "slug": "une-page",
            "is_published": "on",
            "title": "Titre corrigé",
            "body": page.body,
            "title_en": "",
            "body_en": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [entry] = history_for_object(page)
    assert entry.action == "updated"
    assert entry.actor == admin
    assert entry.changes == {"title": ["Titre initial", "Titre corrigé"]}


def test_admin_inline_changes_are_recorded_on_the_plan(client):
    agent = UserFactory(roles=[Role.AGENT])
    plan = ActionPlanFactory(slug="2024-2026", title="Plan 2024-2026")
    phase = PhaseFactory(plan=plan, kind=Phase.Kind.CONCERTATION)
    client.force_login(agent)
    form = {
        "slug": "2024-2026",
        "status": "published",
        "irm_model": "2021",
        "ogp_url": "",
        "title": "Plan 2024-2026",
        "summary": "",
        "title_en": "",
        "summary_en": "",
        "phases-TOTAL_FORMS": "2",
        "phases-INITIAL_FORMS": "1",
        "phases-MIN_NUM_FORMS": "0",
        "phases-MAX_NUM_FORMS": "1000",
        "phases-0-id": str(phase.pk),
        "phases-0-plan": str(plan.pk),
        "phases-0-kind": "concertation",
        "phases-0-title": "",
        "phases-0-starts_on": "2024-03-01",
        "phases-0-ends_on": "2024-07-31",
        "phases-0-description": "",
        "phases-0-title_en": "",
        "phases-0-description_en": "",
        "phases-1-plan": str(plan.pk),
        "phases-1-kind": "forums",
        "phases-1-title": "",
        "phases-1-starts_on": "2024-05-01",
        "phases-1-ends_on": "2024-06-30",
        "phases-1-description": "",
        "phases-1-title_en": "",
        "phases-1-description_en": "",
    }
    response = client.post(reverse("admin:plans_actionplan_change", args=[plan.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    actions = sorted((entry.content_type.model, entry.action) for entry in history_for_object(plan))
    assert actions == [("phase", "created"), ("phase", "updated")]
    updated = next(entry for entry in history_for_object(plan) if entry.action == "updated")
    assert updated.changes == {
        "starts_on": ["2021-03-01", "2024-03-01"],
        "ends_on": ["2021-07-31", "2024-07-31"],
    }


def test_the_history_itself_cannot_be_edited_in_the_admin(client):
    client.force_login(UserFactory(is_superuser=True))
    entry = history_record(instance=PageFactory(), acting_user=None, action="updated")
    assert client.get(reverse("admin:core_historyentry_change", args=[entry.pk])).status_code == 200
    response = client.post(
        reverse("admin:core_historyentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert HistoryEntry.objects.filter(pk=entry.pk).exists()


def test_change_log_page_is_public_and_shows_no_email(client):
    agent = UserFactory(display_name="", email="secret.agent@exemple.fr", roles=[Role.AGENT])
    plan = ActionPlanFactory(slug="2030-2032")
    history_record(
        instance=plan, acting_user=agent, action="updated", changes={"title": ["A", "B"]}
    )
    response = client.get(reverse("plans:history", kwargs={"slug": "2030-2032"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert agent.pseudonym in page
    assert "secret.agent" not in page
