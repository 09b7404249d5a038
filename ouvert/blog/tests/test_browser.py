"""A guest post in a real browser: submitted, moderated, published, in the feed; axe-core on
every page of the flow."""

import feedparser
import pytest

from ouvert.accounts.roles import Role
from ouvert.accounts.tests.factories import UserFactory
from ouvert.blog.models import Post
from ouvert.blog.tests.factories import CategoryFactory
from ouvert.core.testing.axe import assert_accessible
from ouvert.core.testing.browser import login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_guest_post_is_moderated_published_and_in_the_feed(site_page, live_server):
    page = site_page
    category = CategoryFactory(name="Tribunes", slug="tribunes")
    guest = UserFactory(display_name="Collectif Transparence", email="collectif@exemple.fr")
    moderator = UserFactory(roles=[Role.MODERATOR])

    login(page, guest, live_server.url)
    page.goto("/blog/")
    assert_accessible(page)
    page.get_by_role("link", name="Proposer une tribune").click()
    assert_accessible(page)
    page.get_by_label("Titre", exact=True).fill("Pour des budgets participatifs ouverts")
    page.locator("#id_body").fill("Les budgets participatifs gagnent à publier leurs **données**.")
    page.get_by_label("Catégorie").select_option(str(category.pk))
    page.locator("#id_tags").fill("budgets, participation")
    page.get_by_role("button", name="Envoyer ma tribune").click()
    assert page.get_by_text("En attente de modération").is_visible()
    assert_accessible(page)
    post = Post.objects.get()

    page.context.clear_cookies()
    login(page, moderator, live_server.url)
    page.goto("/blog/moderation/")
    assert_accessible(page)
    page.locator(f"label[for=post-{post.pk}-publish]").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    assert page.get_by_text("La décision est enregistrée.").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto("/blog/")
    page.get_by_role("link", name="Pour des budgets participatifs ouverts").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Pour des budgets participatifs ouverts"
    )
    assert page.get_by_text("Collectif Transparence").first.is_visible()
    assert "collectif@exemple.fr" not in page.content()
    assert_accessible(page)
    page.goto("/blog/categorie/tribunes/")
    assert_accessible(page)

    feed = feedparser.parse(page.request.get(live_server.url + "/blog/flux.atom").body())
    assert [entry.title for entry in feed.entries] == ["Pour des budgets participatifs ouverts"]
    assert feed.entries[0].author == "Collectif Transparence"
