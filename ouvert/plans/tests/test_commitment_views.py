import datetime

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.selectors import history_for_object
from ouvert.core.testing.queries import page_queries
from ouvert.plans import services
from ouvert.plans.models import ActionPlan, Commitment, Evaluation, Milestone, ProgressUpdate
from ouvert.plans.tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    agent_of,
)

pytestmark = pytest.mark.django_db


def _detail(commitment):
    return reverse("commitments:detail", kwargs={"reference": commitment.reference})


def _post_update(commitment, text="Point public", **kwargs):
    return services.progress_update_post(
        acting_user=UserFactory(roles=[Role.AGENT]),
        commitment=commitment,
        institution=commitment.lead_institution,
        text=text,
        **kwargs,
    )


def test_a_draft_commitment_never_reaches_the_public(client):
    draft = CommitmentFactory(
        reference="BROUILLON-1", title="Engagement secret", status=Commitment.Status.DRAFT
    )
    milestone = MilestoneFactory(commitment=draft, title="Jalon secret")
    update = _post_update(
        draft,
        text="Avancement secret",
        evidence=[
            services.EvidenceData(title="Preuve", document=SimpleUploadedFile("p.pdf", b"%PDF"))
        ],
    )
    services.evaluation_save(
        acting_user=None, commitment=draft, data={"summary": "Évaluation secrète"}
    )
    public_paths = [
        _detail(draft),
        reverse("commitments:history", kwargs={"reference": draft.reference}),
        reverse("commitments:commitment_feed", kwargs={"reference": draft.reference}),
        reverse("commitments:evidence", kwargs={"pk": update.evidence.get().pk}),
        f"/api/commitments/{draft.reference}",
    ]
    for path in public_paths:
        assert client.get(path).status_code == 404, path
    listings = [
        reverse("commitments:list"),
        reverse("commitments:list") + "?q=secret",
        reverse("commitments:feed"),
        reverse("plans:detail", kwargs={"slug": draft.plan.slug}),
        reverse("plans:dashboard", kwargs={"slug": draft.plan.slug}),
        reverse("plans:report", kwargs={"slug": draft.plan.slug}),
        reverse("plans:feed", kwargs={"slug": draft.plan.slug}),
        "/api/commitments/",
        "/api/datasets/engagements/rows",
    ]
    for slug in (
        "engagements",
        "jalons",
        "points-avancement",
        "avis-partenaires",
        "evaluations-mri",
        "engagements-pgo",
        "historique-engagements",
    ):
        listings += [f"/donnees/{slug}.csv", f"/donnees/{slug}.json"]
    for path in listings:
        response = client.get(path)
        body = response.getvalue() if response.streaming else response.content
        text = body.decode()
        for secret in (
            "BROUILLON-1",
            "Engagement secret",
            "Jalon secret",
            "Avancement secret",
            "Évaluation secrète",
        ):
            assert secret not in text, (path, secret)
    assert milestone.pk


def test_agents_see_and_edit_drafts_the_public_does_not_get_the_forms(client):
    draft = CommitmentFactory(status=Commitment.Status.DRAFT)
    edit = reverse("commitments:edit", kwargs={"reference": draft.reference})
    assert client.get(edit).status_code == 404
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    assert client.get(edit).status_code == 404
    published = CommitmentFactory()
    assert (
        client.get(
            reverse("commitments:edit", kwargs={"reference": published.reference})
        ).status_code
        == 403
    )
    # Any agent sees drafts; only the lead institution's agents edit them.
    client.force_login(UserFactory(roles=[Role.AGENT]))
    assert client.get(_detail(draft)).status_code == 200
    assert client.get(edit).status_code == 403
    client.force_login(agent_of(draft.lead_institution))
    assert client.get(edit).status_code == 200
    client.force_login(UserFactory(roles=[Role.ADMINISTRATOR]))
    assert client.get(edit).status_code == 200


def test_an_agent_creates_a_commitment_then_a_milestone_then_reports(client):
    plan = ActionPlanFactory(slug="2024-2026")
    lead = CommitmentFactory().lead_institution
    agent = agent_of(lead)
    client.force_login(agent)
    response = client.post(
        reverse("commitments:create", kwargs={"slug": "2024-2026"}),
        {
            "reference": "FR0500",
            "title": "Publier les avis du comité",
            "status": "published",
            "lead_institution": lead.pk,
            "ogp_values": ["access_to_information"],
            "policy_areas": "Open Data, Participation",
            "links": "Page du comité <https://exemple.gouv.fr/comite>",
            "supporting_institutions": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    commitment = Commitment.objects.get(reference="FR0500")
    assert commitment.plan == plan
    assert commitment.links == [
        {"title": "Page du comité", "url": "https://exemple.gouv.fr/comite"}
    ]

    client.post(
        reverse("commitments:milestone_create", kwargs={"reference": "FR0500"}),
        {
            "reference": "FR0500-1",
            "title": "Premier avis publié",
            "ends_on": "2026-12-31",
            "weight": 1,
            "status": "not_started",
        },
    )
    milestone = Milestone.objects.get(reference="FR0500-1")
    response = client.post(
        reverse("commitments:update", kwargs={"reference": "FR0500"}),
        {
            "institution": lead.pk,
            "milestone": milestone.pk,
            "new_status": "completed",
            "text": "Le premier avis est **en ligne**.",
            "evidence_1_title": "L'avis",
            "evidence_1_url": "https://exemple.gouv.fr/avis-1",
            "evidence_2_title": "Le procès-verbal",
            "evidence_2_document": SimpleUploadedFile("pv.pdf", b"%PDF-1.4 pv"),
        },
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "completed"
    page = client.get(_detail(commitment)).content.decode()
    assert "<strong>en ligne</strong>" in page
    assert "L&#x27;avis" in page
    assert "Le procès-verbal" in page
    document = ProgressUpdate.objects.get().evidence.get(title="Le procès-verbal")
    download = client.get(reverse("commitments:evidence", kwargs={"pk": document.pk}))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 pv"
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_update_form_errors_stay_on_the_form(client):
    commitment = CommitmentFactory()
    client.force_login(agent_of(commitment.lead_institution))
    response = client.post(
        reverse("commitments:update", kwargs={"reference": commitment.reference}),
        {
            "institution": commitment.lead_institution.pk,
            "text": "x",
            "evidence_1_title": "Preuve sans lien",
        },
    )
    assert response.status_code == 200
    assert "Une preuve est un lien ou un document" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_only_evaluators_enter_the_irm_fields(client):
    commitment = CommitmentFactory(plan=ActionPlanFactory(irm_model=ActionPlan.IrmModel.SINCE_2021))
    url = reverse("commitments:evaluation", kwargs={"reference": commitment.reference})
    client.force_login(UserFactory(roles=[Role.AGENT]))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(roles=[Role.EVALUATOR]))
    form = client.get(url).content.decode()
    assert 'name="promising"' in form
    assert 'name="starred"' not in form  # the 2015 grid's field is not offered for a 2021 plan
    response = client.post(
        url,
        {
            "verifiable": "true",
            "potential_for_results": "substantial",
            "promising": "true",
            "completion": "limited",
        },
    )
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert (evaluation.verifiable, evaluation.promising, evaluation.completion) == (
        True,
        True,
        "limited",
    )
    page = client.get(_detail(commitment)).content.decode()
    assert "Substantiel" in page
    assert "Limité" in page


def test_commitment_page_shows_both_voices_and_the_change_log_names_the_agent(client):
    commitment = CommitmentFactory(title="Registre des lobbies")
    milestone = MilestoneFactory(
        commitment=commitment, status=Milestone.Status.IN_PROGRESS, title="Extension du registre"
    )
    partner = commitment.lead_institution.__class__.objects.create(
        name="Association Vigie", kind="association"
    )
    commitment.supporting_institutions.add(partner)
    services.partner_assessment_give(
        acting_user=UserFactory(),
        milestone=milestone,
        partner=partner,
        position="disagree",
        comment="Pas commencé.",
    )
    agent = UserFactory(
        roles=[Role.AGENT], display_name="Camille Agent", email="camille.secret@exemple.gouv.fr"
    )
    services.commitment_save(
        acting_user=agent,
        commitment=commitment,
        plan=commitment.plan,
        data={"title": "Registre des représentants"},
    )
    page = client.get(_detail(commitment)).content.decode()
    assert "Déclaré : En cours" in page
    assert "Association Vigie" in page
    assert "Pas d&#x27;accord avec l&#x27;état déclaré" in page
    log = client.get(
        reverse("commitments:history", kwargs={"reference": commitment.reference})
    ).content.decode()
    assert "Camille Agent" in log
    assert "Registre des lobbies" in log
    assert "Registre des représentants" in log
    assert "camille.secret" not in log
    assert history_for_object(commitment).count() == 2


def test_feeds_parse_and_carry_the_updates(client):
    commitment = CommitmentFactory(reference="FR0600")
    _post_update(
        commitment,
        text="Premier point **publié**.",
        evidence=[services.EvidenceData(title="Lien", url="https://exemple.gouv.fr/x")],
    )
    for url in (
        reverse("commitments:feed"),
        reverse("plans:feed", kwargs={"slug": commitment.plan.slug}),
        reverse("commitments:commitment_feed", kwargs={"reference": "FR0600"}),
    ):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, (url, feed.bozo_exception)
        [entry] = feed.entries
        assert entry.title.startswith("FR0600")
        assert "<strong>publié</strong>" in entry.summary
        assert "https://exemple.gouv.fr/x" in entry.summary
        assert entry.link.endswith(
            f"/engagements/FR0600/#avancement-{ProgressUpdate.objects.get().pk}"
        )


def test_list_and_dashboard_cost_the_same_queries_for_2_or_40_commitments(client):
    plan = ActionPlanFactory(slug="2024-2026")
    for _ in range(2):
        commitment = CommitmentFactory(plan=plan)
        MilestoneFactory(commitment=commitment)
        _post_update(commitment)

    def grow():
        for _ in range(38):
            commitment = CommitmentFactory(plan=plan)
            MilestoneFactory(commitment=commitment, ends_on=datetime.date(2020, 1, 1))
            MilestoneFactory(commitment=commitment, status="completed")
            _post_update(commitment)

    urls = [
        reverse("plans:dashboard", kwargs={"slug": "2024-2026"}),
        reverse("plans:report", kwargs={"slug": "2024-2026"}),
        reverse("plans:detail", kwargs={"slug": "2024-2026"}),
        reverse("commitments:list") + "?plan=2024-2026",
        "/api/commitments/?plan=2024-2026",
        reverse("commitments:feed"),
    ]
    before = {url: page_queries(client, url) for url in urls}
    grow()
    after = {url: page_queries(client, url) for url in urls}
    assert before == after


def test_agents_import_and_export_from_the_plan_page(client):
    plan = ActionPlanFactory(slug="2024-2026")
    client.force_login(UserFactory(roles=[Role.AGENT]))
    csv_text = "reference,plan,title,status\nFR0700,2024-2026,Importé,published\nFR0701,2024-2026,,published\n"
    response = client.post(
        reverse("plans:import", kwargs={"slug": plan.slug}),
        {"commitments": SimpleUploadedFile("mes-engagements.csv", csv_text.encode())},
    )
    page = response.content.decode()
    assert "rien n'a été enregistré" in page
    assert "mes-engagements.csv, ligne 3" in page
    assert not Commitment.objects.exists()
    fixed = csv_text.replace(",,published", ",Corrigé,published")
    response = client.post(
        reverse("plans:import", kwargs={"slug": plan.slug}),
        {"commitments": SimpleUploadedFile("mes-engagements.csv", fixed.encode())},
        follow=True,
    )
    assert "2 créations" in response.content.decode()
    export = client.get(reverse("plans:export", kwargs={"slug": plan.slug, "kind": "engagements"}))
    assert "FR0700,2024-2026" in export.content.decode()
    client.force_login(UserFactory())
    assert (
        client.get(
            reverse("plans:export", kwargs={"slug": plan.slug, "kind": "engagements"})
        ).status_code
        == 403
    )


def test_api_lists_filters_and_lets_agents_only_report(client):
    commitment = CommitmentFactory(reference="FR0800", theme="environment")
    MilestoneFactory(commitment=commitment, reference="FR0800-1")
    CommitmentFactory(theme="digital")
    data = client.get("/api/commitments/", {"theme": "environment"}).json()
    assert [item["reference"] for item in data["items"]] == ["FR0800"]
    detail = client.get("/api/commitments/FR0800").json()
    assert detail["milestones"][0]["reference"] == "FR0800-1"
    payload = {
        "institution": commitment.lead_institution_id,
        "text": "Fait.",
        "milestone": "FR0800-1",
        "new_status": "completed",
        "evidence": [{"title": "Preuve", "url": "https://exemple.gouv.fr/p"}],
    }
    assert (
        client.post(
            "/api/commitments/FR0800/updates", payload, content_type="application/json"
        ).status_code
        == 401
    )
    client.force_login(UserFactory())
    assert (
        client.post(
            "/api/commitments/FR0800/updates", payload, content_type="application/json"
        ).status_code
        == 403
    )
    # An agent of another institution does not report for this one.
    client.force_login(agent_of(CommitmentFactory().lead_institution))
    assert (
        client.post(
            "/api/commitments/FR0800/updates", payload, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(agent_of(commitment.lead_institution))
    bad = client.post(
        "/api/commitments/FR0800/updates", {**payload, "text": ""}, content_type="application/json"
    )
    assert bad.status_code == 422
    response = client.post(
        "/api/commitments/FR0800/updates", payload, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["evidence"] == [{"title": "Preuve", "url": "https://exemple.gouv.fr/p"}]
    assert Milestone.objects.get(reference="FR0800-1").status == "completed"


def test_a_partner_gives_its_view_from_the_site_and_others_cannot(client):
    from ouvert.actors.models import Representative
    from ouvert.actors.tests.factories import ActorFactory

    partner = ActorFactory(name="Association Vigilante")
    commitment = CommitmentFactory(partners=[partner])
    milestone = MilestoneFactory(commitment=commitment, status=Milestone.Status.COMPLETED)
    url = reverse(
        "commitments:assessment", kwargs={"reference": commitment.reference, "pk": milestone.pk}
    )
    form = {"partner": partner.pk, "position": "disagree", "comment": "Pas encore en ligne."}
    client.force_login(UserFactory(roles=[Role.ACTOR_REPRESENTATIVE]))
    assert client.post(url, form).status_code == 403
    member = UserFactory(roles=[Role.ACTOR_REPRESENTATIVE])
    Representative.objects.create(actor=partner, user=member)
    client.force_login(member)
    assert "Donner l'avis de mon organisation" in client.get(_detail(commitment)).content.decode()
    response = client.post(url, form)
    assert response.status_code == 302
    assessment = milestone.assessments.get()
    assert (assessment.partner, assessment.author, assessment.assessed_status) == (
        partner,
        member,
        "completed",
    )
