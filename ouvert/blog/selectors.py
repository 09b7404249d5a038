"""Reads of the blog: published posts by category, tag and author, the moderation queue."""

from django.db.models import Count, Prefetch, Q, QuerySet

from ouvert.blog.models import Category, Post, Tag
from ouvert.core import publicity


def posts_public() -> QuerySet[Post]:
    """Published posts, newest first, with what lists and feeds show."""
    return (
        Post.objects.published()
        .select_related("category", "actor", "author")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
        .order_by("-published_at", "-id")
    )


def tags_public() -> QuerySet[Tag]:
    """The keywords of published posts."""
    return publicity.public(Tag)


def posts_on_behalf_of(*, actor_id: int) -> QuerySet[Post]:
    """Published posts signed on behalf of the actor, newest first."""
    return posts_public().filter(actor_id=actor_id)


def post_get(*, slug: str) -> Post | None:
    """One post whatever its state: the caller checks `blog.view_post`."""
    return (
        Post.objects.filter(slug=slug)
        .select_related("category", "actor", "author")
        .prefetch_related("tags")
        .first()
    )


def categories_with_counts() -> QuerySet[Category]:
    published = Q(posts__in=Post.objects.published())
    return Category.objects.annotate(published_posts=Count("posts", filter=published)).order_by(
        "name"
    )


def posts_pending() -> QuerySet[Post]:
    return (
        Post.objects.filter(status=Post.Status.PENDING)
        .select_related("category", "actor", "author")
        .prefetch_related("tags")
        .order_by("submitted_at", "id")
    )


def posts_of(*, user) -> QuerySet[Post]:
    return Post.objects.filter(author=user).order_by("-submitted_at")
