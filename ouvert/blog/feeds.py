"""Atom feeds of the blog: every published post, or those of one category."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from ouvert.blog.models import Category, Post
from ouvert.blog.selectors import posts_public
from ouvert.core.markdown import render_markdown

FEED_LENGTH = 30


class PostFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str = ""):
        if not slug:
            return None
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            raise Http404
        return category

    def title(self, category) -> str:
        if category is None:
            return _("Blog du gouvernement ouvert")
        return _("Blog du gouvernement ouvert — %(name)s") % {"name": category.name}

    def link(self, category) -> str:
        return category.get_absolute_url() if category else reverse("blog:list")

    def subtitle(self, category) -> str:
        return _("Les billets de l'équipe et les tribunes de la société civile.")

    def items(self, category) -> list[Post]:
        posts = posts_public()
        if category is not None:
            posts = posts.filter(category=category)
        return list(posts[:FEED_LENGTH])

    def item_title(self, post: Post) -> str:
        return post.title

    def item_description(self, post: Post) -> str:
        return str(render_markdown(post.body))

    def item_pubdate(self, post: Post):
        return post.published_at

    def item_updateddate(self, post: Post):
        return post.updated_at

    def item_author_name(self, post: Post) -> str:
        return post.signature

    def item_categories(self, post: Post) -> list[str]:
        names = [tag.name for tag in post.tags.all()]
        return [post.category.name, *names] if post.category_id else names
