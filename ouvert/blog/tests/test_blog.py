import feedparser
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.actors.tests.factories import ActorFactory
from ouvert.blog.models import Post
from ouvert.blog.services import guest_post_submit, post_moderate
from ouvert.blog.tests.factories import CategoryFactory, PostFactory
from ouvert.core.testing.queries import assert_constant_queries
from ouvert.notifications.models import Notification
from ouvert.notifications.services import follow_set

pytestmark = pytest.mark.django_db


def test_a_guest_post_is_moderated_then_published_in_the_feed_and_followers_hear_of_it(
    client, committed
):
    category = CategoryFactory(slug="tribunes", name="Tribunes")
    follower = UserFactory()
    follow_set(user=follower, target=category, following=True)
    author = UserFactory(email="invitee@exemple.fr", display_name="Chercheuse invitée")
    client.force_login(author)
    response = client.post(
        reverse("blog:submit"),
        {
            "title": "Ouvrir les algorithmes publics",
            "summary": "Pourquoi, comment.",
            "body": "Un **texte**.",
            "category": category.pk,
            "tags": "algorithmes, transparence",
        },
    )
    post = Post.objects.get()
    assert response["Location"] == post.get_absolute_url()
    assert post.status == Post.Status.PENDING
    assert post.kind == Post.Kind.GUEST
    assert sorted(tag.name for tag in post.tags.all()) == ["algorithmes", "transparence"]
    client.logout()
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "Ouvrir les algorithmes" not in client.get(reverse("blog:feed")).content.decode()

    moderator = UserFactory(roles=[Role.MODERATOR])
    client.force_login(moderator)
    with committed():
        client.post(reverse("blog:moderate", kwargs={"pk": post.pk}), {"decision": "publish"})
    post.refresh_from_db()
    assert post.is_published
    assert mail.outbox[0].to == ["invitee@exemple.fr"]
    assert Notification.objects.get(user=follower).kind == "post_published"
    client.logout()
    feed = feedparser.parse(client.get(reverse("blog:feed")).content)
    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title == "Ouvrir les algorithmes publics"
    assert entry.author == "Chercheuse invitée"
    assert "<strong>texte</strong>" in entry.summary
    assert {tag.term for tag in entry.tags} == {"Tribunes", "algorithmes", "transparence"}
    category_feed = feedparser.parse(client.get("/blog/categorie/tribunes/flux.atom").content)
    assert [item.title for item in category_feed.entries] == ["Ouvrir les algorithmes publics"]
    assert b"invitee@exemple.fr" not in client.get(reverse("blog:feed")).content


def test_a_refused_guest_post_needs_a_reason_and_stays_private():
    post = guest_post_submit(acting_user=UserFactory(), title="Hors sujet", summary="", body="…")
    moderator = UserFactory(roles=[Role.MODERATOR])
    with pytest.raises(ValidationError):
        post_moderate(acting_user=moderator, post=post, publish=False)
    post_moderate(acting_user=moderator, post=post, publish=False, reason="Publicité")
    assert Post.objects.get().status == Post.Status.REJECTED


def test_a_keyword_is_public_once_a_public_post_carries_it(client):
    post = guest_post_submit(
        acting_user=UserFactory(), title="Tribune", summary="", body="…", tags=["Mot secret"]
    )
    page = reverse("blog:tag", kwargs={"slug": "mot-secret"})
    assert client.get(page).status_code == 404
    post_moderate(acting_user=UserFactory(roles=[Role.MODERATOR]), post=post, publish=True)
    assert "Mot secret" in client.get(page).content.decode()


def test_nobody_signs_for_an_actor_they_do_not_represent():
    with pytest.raises(ValidationError) as refused:
        guest_post_submit(
            acting_user=UserFactory(), title="T", summary="", body="B", actor=ActorFactory()
        )
    assert "actor" in refused.value.message_dict


def test_author_pages_for_the_team_and_for_actors_never_show_an_address(client):
    actor = ActorFactory(name="Association Données Citoyennes")
    team_author = UserFactory(email="equipe-privee@exemple.fr")
    PostFactory(title="Billet de l'équipe", author=team_author)
    guest = PostFactory(
        title="Tribune de l'association",
        kind=Post.Kind.GUEST,
        actor=actor,
        author=UserFactory(email="membre-prive@exemple.fr"),
    )
    team_page = client.get(reverse("blog:team")).content.decode()
    assert "Billet de l&#x27;équipe" in team_page
    assert "Tribune de" not in team_page
    actor_page = client.get(reverse("blog:actor", kwargs={"pk": actor.pk})).content.decode()
    assert "Tribune de l&#x27;association" in actor_page
    detail = client.get(guest.get_absolute_url()).content.decode()
    assert "Association Données Citoyennes" in detail
    for page in (team_page, actor_page, detail):
        assert "prive@exemple.fr" not in page
    assert client.get(reverse("blog:actor", kwargs={"pk": ActorFactory().pk})).status_code == 404


def test_blog_lists_cost_the_same_queries_with_many_more_posts(client):
    category = CategoryFactory()
    PostFactory(category=category)

    def grow():
        for post in PostFactory.create_batch(8, category=category):
            post.tags.create(slug=f"mot-{post.pk}", name=f"mot {post.pk}")

    assert_constant_queries(client, reverse("blog:list"), grow)
    assert_constant_queries(client, reverse("blog:feed"), grow)
    assert_constant_queries(client, "/api/blog/", grow)


def test_comments_on_a_post_are_moderated_like_those_on_proposals(client, committed):
    post = PostFactory()
    client.force_login(UserFactory(display_name="Lectrice"))
    client.post(
        reverse("participation:comment", kwargs={"kind": "billet", "pk": post.pk}),
        {"body": "Merci pour ce billet"},
    )
    assert "Merci pour ce billet" not in client.get(post.get_absolute_url()).content.decode()
    from ouvert.participation.models import Comment
    from ouvert.participation.services import comment_moderate

    comment_moderate(
        acting_user=UserFactory(roles=[Role.MODERATOR]), comment=Comment.objects.get(), publish=True
    )
    assert "Merci pour ce billet" in client.get(post.get_absolute_url()).content.decode()
    pending = PostFactory(status=Post.Status.PENDING, published_at=None)
    response = client.post(
        reverse("participation:comment", kwargs={"kind": "billet", "pk": pending.pk}),
        {"body": "Trop tôt"},
    )
    assert response.status_code == 404
