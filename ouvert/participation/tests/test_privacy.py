"""Private data never reaches a public path: recognisable values are planted in every private
place (addresses, the online link, registrant lists, unpublished and refused contributions,
moderation reasons), then every public page, feed, API answer and dataset is searched for them."""

import pytest
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.blog.models import Post
from ouvert.blog.services import guest_post_submit, post_moderate
from ouvert.blog.tests.factories import CategoryFactory, PostFactory
from ouvert.core.opendata import registry
from ouvert.core.publicity import is_public
from ouvert.participation import services
from ouvert.participation.models import Event, Proposal
from ouvert.participation.tests.factories import (
    EventFactory,
    EventSeriesFactory,
    ProposalCallFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

SECRETS = (
    "inscrite-secrete@exemple.fr",
    "auteure-secrete@exemple.fr",
    "https://visio.exemple.gouv.fr/salle-secrete",
    "Proposition en attente secrète",
    "Proposition refusée secrète",
    "Motif de refus secret",
    "Commentaire en attente secret",
    "Commentaire refusé secret",
    "Tribune en attente secrète",
    "Tribune refusée secrète",
    "Événement brouillon secret",
)


@pytest.fixture
def planted():
    moderator = UserFactory(roles=[Role.MODERATOR])
    registrant = UserFactory(email="inscrite-secrete@exemple.fr", display_name="Inscrite")
    author = UserFactory(email="auteure-secrete@exemple.fr", display_name="Auteure publique")
    series = EventSeriesFactory()
    event = EventFactory(
        series=series, capacity=1, online_url="https://visio.exemple.gouv.fr/salle-secrete"
    )
    EventFactory(title="Événement brouillon secret", status=Event.Status.DRAFT)
    services.registration_create(acting_user=registrant, event=event)
    services.registration_create(acting_user=author, event=event)
    call = ProposalCallFactory()
    published = ProposalFactory(call=call, author=author, title="Proposition publique")
    services.support_set(acting_user=registrant, proposal=published, supporting=True)
    services.proposal_submit(
        acting_user=author, call=call, kind="workshop", title="Proposition en attente secrète",
        body="Texte",
    )  # fmt: skip
    refused = services.proposal_submit(
        acting_user=author, call=call, kind="workshop", title="Proposition refusée secrète",
        body="Texte",
    )  # fmt: skip
    services.proposal_moderate(
        acting_user=moderator, proposal=refused, publish=False, reason="Motif de refus secret"
    )
    services.comment_post(
        acting_user=author, target=published, body="Commentaire en attente secret"
    )
    rejected = services.comment_post(
        acting_user=author, target=published, body="Commentaire refusé secret"
    )
    services.comment_moderate(
        acting_user=moderator, comment=rejected, publish=False, reason="Motif de refus secret"
    )
    kept = services.comment_post(acting_user=author, target=published, body="Commentaire public")
    services.comment_moderate(acting_user=moderator, comment=kept, publish=True)
    category = CategoryFactory()
    post = PostFactory(category=category, title="Billet public")
    guest_post_submit(
        acting_user=author, title="Tribune en attente secrète", summary="", body="Texte"
    )
    rejected_post = guest_post_submit(
        acting_user=author, title="Tribune refusée secrète", summary="", body="Texte"
    )
    post_moderate(
        acting_user=moderator, post=rejected_post, publish=False, reason="Motif de refus secret"
    )
    return {"event": event, "series": series, "proposal": published, "post": post, "call": call}


def _public_paths(planted) -> list[str]:
    event, proposal, post = planted["event"], planted["proposal"], planted["post"]
    plan = planted["call"].phase.plan
    paths = [
        "/",
        reverse("core:sitemap"),
        reverse("events:list"),
        reverse("events:past"),
        reverse("events:calendar"),
        event.get_absolute_url(),
        reverse("events:ics", kwargs={"slug": event.slug}),
        reverse("events:history", kwargs={"slug": event.slug}),
        reverse("events:feed"),
        reverse("events:series", kwargs={"slug": planted["series"].slug}),
        reverse("events:series_feed", kwargs={"slug": planted["series"].slug}),
        reverse("proposals:list"),
        proposal.get_absolute_url(),
        reverse("proposals:history", kwargs={"pk": proposal.pk}),
        reverse("proposals:board"),
        reverse("proposals:plan_board", kwargs={"slug": plan.slug}),
        reverse("blog:list"),
        post.get_absolute_url(),
        reverse("blog:feed"),
        reverse("blog:category_feed", kwargs={"slug": post.category.slug}),
        reverse("blog:team"),
        reverse("notifications:newsletter"),
        reverse("opendata:catalogue"),
        "/api/events/",
        f"/api/events/{event.slug}",
        "/api/proposals/",
        f"/api/proposals/{proposal.pk}",
        "/api/blog/",
        f"/api/blog/{post.slug}",
    ]
    for dataset in registry:
        paths += [
            reverse("opendata:csv", kwargs={"slug": dataset.slug}),
            reverse("opendata:json", kwargs={"slug": dataset.slug}),
            f"/api/datasets/{dataset.slug}/rows",
        ]
    return paths


def test_no_private_value_reaches_any_public_path(client, planted):
    for path in _public_paths(planted):
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in SECRETS:
            assert secret not in text, (path, secret)
    # The planted public values are there: the search above looked at the right pages.
    assert (
        "Commentaire public" in client.get(planted["proposal"].get_absolute_url()).content.decode()
    )
    assert "Auteure publique" in client.get("/donnees/commentaires.csv").getvalue().decode()


def test_unpublished_records_answer_404_to_the_public_and_to_other_people(client, planted):
    hidden = [
        reverse("proposals:detail", kwargs={"pk": proposal.pk})
        for proposal in Proposal.objects.exclude(status=Proposal.Status.PUBLISHED)
    ]
    hidden += [post.get_absolute_url() for post in Post.objects.exclude(status="published")]
    hidden += [Event.objects.get(status="draft").get_absolute_url()]
    for persona in (None, UserFactory()):
        if persona:
            client.force_login(persona)
        for path in hidden:
            assert client.get(path).status_code == 404, (persona, path)


def test_the_comments_of_a_withdrawn_proposal_go_private_with_it(client):
    moderator = UserFactory(roles=[Role.MODERATOR])
    proposal = ProposalFactory()
    comment = services.comment_post(
        acting_user=UserFactory(), target=proposal, body="Commentaire retiré avec la proposition"
    )
    comment = services.comment_moderate(acting_user=moderator, comment=comment, publish=True)
    assert is_public(comment)
    services.proposal_moderate(
        acting_user=moderator, proposal=proposal, publish=False, reason="Retirée"
    )
    assert not is_public(comment)
    client.force_login(UserFactory())
    report = reverse("participation:report", kwargs={"pk": comment.pk})
    assert client.get(report).status_code == 404
    assert "Commentaire retiré" not in client.get("/donnees/commentaires.csv").getvalue().decode()
