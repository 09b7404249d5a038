import pytest
from django.conf import settings
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.debates import services
from ouvert.debates.models import Argument, Debate, Vote
from ouvert.debates.tests.factories import ArgumentFactory, close, draft_commitment, open_debate
from ouvert.participation.models import Comment
from ouvert.plans.models import Commitment
from ouvert.plans.tests.factories import PhaseFactory

pytestmark = pytest.mark.django_db


def _grow(debate, count=10):
    def grow():
        for n in range(count):
            person = UserFactory()
            services.vote_cast(
                acting_user=person, debate=debate, choice="for", kind="citizen" if n % 2 else ""
            )
            argument = ArgumentFactory(debate=debate, side="con" if n % 2 else "pro")
            services.argument_support_set(acting_user=person, argument=argument, supporting=True)
            paragraph = debate.paragraphs.get(number=1 + n % 5)
            comment = Comment.objects.create(
                target=paragraph, author=person, body=f"Commentaire {n}", status="published"
            )
            Comment.objects.create(
                target=paragraph, author=person, body="Réponse", status="published", parent=comment
            )

    return grow


def test_the_debate_page_costs_the_same_queries_whatever_the_participation(client):
    debate = open_debate()
    client.force_login(UserFactory())
    client.get(debate.get_absolute_url())  # warms the content types' cache
    assert_constant_queries(client, debate.get_absolute_url(), _grow(debate))


def test_the_list_and_paragraph_pages_cost_the_same_queries_with_more_rows(client):
    debate = open_debate()
    assert_constant_queries(
        client, reverse("debates:list"), lambda: [open_debate() for _ in range(5)]
    )
    paragraph_url = debate.paragraphs.get(number=1).get_absolute_url()
    assert_constant_queries(client, paragraph_url, _grow(debate))


def test_a_participant_votes_and_changes_their_vote_and_only_they_see_it(client):
    debate = open_debate()
    person = UserFactory()
    client.force_login(person)
    url = reverse("debates:vote", kwargs={"pk": debate.pk})
    client.post(url, {"choice": "for", "kind": "citizen"})
    response = client.post(url, {"choice": "against", "kind": "citizen"}, follow=True)
    assert "Votre vote est enregistré" in response.content.decode()
    assert Vote.objects.get(voter=person).choice == "against"
    page = client.get(debate.get_absolute_url()).content.decode()
    assert "Vous avez voté : Contre." in page
    client.force_login(UserFactory())
    assert "Vous avez voté" not in client.get(debate.get_absolute_url()).content.decode()
    # A bad choice is refused and changes nothing.
    client.force_login(person)
    response = client.post(url, {"choice": "yes"}, follow=True)
    assert "Choisissez pour, contre ou abstention." in response.content.decode()
    assert Vote.objects.get(voter=person).choice == "against"


def test_visitors_are_sent_to_log_in_and_nothing_counts(client):
    debate = open_debate()
    response = client.post(reverse("debates:vote", kwargs={"pk": debate.pk}), {"choice": "for"})
    assert response.status_code == 302
    assert "/compte/" in response["Location"]
    assert not Vote.objects.exists()
    assert "Se connecter pour voter" in client.get(debate.get_absolute_url()).content.decode()


def test_a_refused_argument_comes_back_with_what_was_typed(client):
    debate = open_debate()
    client.force_login(UserFactory())
    text = "x" * 2000
    response = client.post(
        reverse("debates:argument", kwargs={"pk": debate.pk}), {"side": "pro", "body": text}
    )
    assert response.status_code == 422
    assert text in response.content.decode()
    assert not Argument.objects.exists()
    response = client.post(
        reverse("debates:argument", kwargs={"pk": debate.pk}),
        {"side": "con", "body": "Trop vague."},
        follow=True,
    )
    assert "sera publié après relecture" in response.content.decode()
    assert "Votre argument attend la modération" in response.content.decode()


def test_arguments_are_ranked_by_support_with_the_top_pro_and_con_side_by_side(client):
    debate = open_debate()
    weak = ArgumentFactory(debate=debate, body="Argument pour peu soutenu")
    strong = ArgumentFactory(debate=debate, body="Argument pour très soutenu")
    against = ArgumentFactory(debate=debate, side="con", body="Argument contre")
    ArgumentFactory(debate=debate, status=Argument.Status.PENDING, body="Argument en attente")
    for person in UserFactory.create_batch(2):
        services.argument_support_set(acting_user=person, argument=strong, supporting=True)
    services.argument_support_set(acting_user=UserFactory(), argument=against, supporting=True)
    page = client.get(debate.get_absolute_url()).content.decode()
    assert "Argument en attente" not in page
    listing = page[page.index("Tous les arguments") :]
    assert listing.index(strong.body) < listing.index(against.body) < listing.index(weak.body)
    tops = page[page.index("argument pour le plus soutenu") : page.index("Tous les arguments")]
    assert strong.body in tops
    assert against.body in tops
    assert weak.body not in tops


def test_a_paragraph_is_commented_on_its_own_page_and_counted_on_the_text(client):
    debate = open_debate()
    paragraph = debate.paragraphs.get(number=2)
    client.force_login(UserFactory())
    url = paragraph.get_absolute_url()
    assert paragraph.text in client.get(url).content.decode()
    response = client.post(url, {"body": "", "suggestion": paragraph.text})
    assert response.status_code == 422
    client.post(url, {"body": "À préciser.", "suggestion": "Un second paragraphe, précisé."})
    comment = Comment.objects.get()
    assert comment.suggestion == "Un second paragraphe, précisé."
    assert comment.target == paragraph
    comment.status = "published"
    comment.save()
    page = client.get(debate.get_absolute_url()).content.decode()
    assert 'id="paragraphe-2"' in page
    assert "Commenter le paragraphe 2 (1 commentaire)" in page
    assert "Un second paragraphe, précisé." in client.get(url).content.decode()
    # Replies go through the comments of participation, back to the paragraph's page.
    response = client.post(
        reverse("participation:comment", kwargs={"kind": "paragraphe", "pk": paragraph.pk}),
        {"body": "Je réponds.", "parent": comment.pk},
    )
    assert response["Location"] == url + "#commentaires"
    assert Comment.objects.filter(parent=comment).exists()
    close(debate)
    page = client.get(url).content.decode()
    assert "Le débat est clos : les commentaires aussi." in page
    assert "Votre réponse" not in page


def test_an_agent_opens_a_debate_from_a_draft_closes_it_and_responds(client):
    commitment = draft_commitment(reference="FR-DEBAT")
    agent = UserFactory(roles=[Role.AGENT])
    client.force_login(agent)
    page = client.get(commitment.get_absolute_url()).content.decode()
    create_url = reverse("debates:create", kwargs={"slug": commitment.plan.slug})
    assert f"{create_url}?engagement=FR-DEBAT" in page
    form = client.get(f"{create_url}?engagement=FR-DEBAT").content.decode()
    assert f'<option value="{commitment.pk}" selected>' in form
    response = client.post(
        create_url,
        {
            "subject": "commitment",
            "commitment": commitment.pk,
            "title": "",
            "introduction": "Votre avis.",
            "opens_at": "2020-01-01T10:00",
            "closes_at": "2099-01-01T10:00",
        },
    )
    debate = Debate.objects.get()
    assert response["Location"] == debate.get_absolute_url()
    assert debate.title == commitment.title
    client.post(reverse("debates:close", kwargs={"pk": debate.pk}))
    debate.refresh_from_db()
    assert debate.is_closed
    respond_url = reverse("debates:respond", kwargs={"pk": debate.pk})
    form = client.get(respond_url).content.decode()
    assert "Paragraphe 4 « Les codes seront ouverts par défaut. »" in form
    data = {
        "text": "Merci.",
        "title": "Titre révisé",
        "section_problem": commitment.problem,
        "section_description": commitment.description + "\n\nUn paragraphe ajouté.",
        "section_objectives": commitment.objectives,
        "note_4": "Précisé.",
        "publish_commitment": "on",
    }
    response = client.post(respond_url, data)
    assert response["Location"] == debate.get_absolute_url() + "#reponse"
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PUBLISHED
    versions = client.get(reverse("debates:versions", kwargs={"pk": debate.pk})).content.decode()
    assert "Un paragraphe ajouté." in versions
    assert "Précisé." in versions
    # The commitment's change log links the change to the debate that prompted it.
    log = client.get(reverse("commitments:history", kwargs={"reference": "FR-DEBAT"}))
    link = f'<a href="{settings.OUVERT_SITE_URL}/debats/{debate.pk}/"'
    assert link in log.content.decode()


def test_a_bad_debate_form_shows_its_errors_and_keeps_the_values(client):
    commitment = draft_commitment()
    client.force_login(UserFactory(roles=[Role.AGENT]))
    response = client.post(
        reverse("debates:create", kwargs={"slug": commitment.plan.slug}),
        {
            "subject": "commitment",
            "commitment": commitment.pk,
            "introduction": "Une présentation à ne pas perdre.",
            "opens_at": "2099-01-02T10:00",
            "closes_at": "2099-01-01T10:00",
        },
    )
    page = response.content.decode()
    assert "La clôture vient après l&#x27;ouverture." in page
    assert "Une présentation à ne pas perdre." in page
    assert not Debate.objects.exists()


@pytest.mark.parametrize("role", [None, Role.MODERATOR, Role.EVALUATOR])
def test_only_agents_open_close_and_respond(client, role):
    debate = open_debate()
    client.force_login(UserFactory(roles=[role] if role else []))
    plan = debate.plan.slug
    assert client.get(reverse("debates:create", kwargs={"slug": plan})).status_code == 403
    assert client.post(reverse("debates:close", kwargs={"pk": debate.pk})).status_code == 403
    assert client.get(reverse("debates:respond", kwargs={"pk": debate.pk})).status_code == 403
    debate.refresh_from_db()
    assert debate.is_open


def test_moderators_publish_arguments_from_their_queue(client):
    argument = ArgumentFactory(status=Argument.Status.PENDING, published_at=None, body="À relire")
    client.force_login(UserFactory(roles=[Role.MODERATOR]))
    assert "À relire" in client.get(reverse("debates:moderation")).content.decode()
    client.post(
        reverse("debates:moderate_argument", kwargs={"pk": argument.pk}), {"decision": "publish"}
    )
    argument.refresh_from_db()
    assert argument.is_published
    client.force_login(UserFactory())
    assert client.get(reverse("debates:moderation")).status_code == 403


def test_the_plan_timeline_and_the_commitment_show_the_debate(client):
    debate = open_debate()
    PhaseFactory(plan=debate.plan, kind="forums", starts_on="2000-01-01", ends_on="2100-01-01")
    plan_page = client.get(debate.plan.get_absolute_url()).content.decode()
    timeline = plan_page[plan_page.index("ouvert-timeline") :]
    assert debate.get_absolute_url() in timeline
    # The draft commitment stays hidden; once published, its page shows the debate.
    assert client.get(debate.commitment.get_absolute_url()).status_code == 404
    Commitment.objects.filter(pk=debate.commitment.pk).update(status="published")
    assert (
        debate.get_absolute_url()
        in client.get(debate.commitment.get_absolute_url()).content.decode()
    )


def test_the_navigation_has_a_debates_entry(client):
    page = client.get(reverse("debates:list")).content.decode()
    assert '<a class="fr-nav__link" href="/debats/" aria-current="page">Débats</a>' in page
