"""The blog API: published posts, read by everyone."""

import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from ouvert.blog.models import Post
from ouvert.blog.selectors import posts_public
from ouvert.core.http import absolute_url

router = Router(tags=["blog"])


class PostOut(Schema):
    id: int
    slug: str
    kind: str
    title: str
    title_en: str
    summary: str
    body: str
    category: str | None
    tags: list[str]
    signed_by: str
    published_at: datetime.datetime
    url: str

    @staticmethod
    def resolve_category(post: Post) -> str | None:
        return post.category.slug if post.category_id else None

    @staticmethod
    def resolve_tags(post: Post) -> list[str]:
        return [tag.name for tag in post.tags.all()]

    @staticmethod
    def resolve_signed_by(post: Post) -> str:
        return str(post.signature)

    @staticmethod
    def resolve_url(post: Post) -> str:
        return absolute_url(post.get_absolute_url())


@router.get("/", response=list[PostOut], summary="Published posts, newest first")
@paginate
def list_posts(request: HttpRequest, category: str = ""):
    posts = posts_public()
    return posts.filter(category__slug=category) if category else posts


@router.get("/{slug}", response=PostOut, summary="One published post")
def get_post(request: HttpRequest, slug: str):
    post = posts_public().filter(slug=slug).first()
    if post is None:
        raise HttpError(404, "Not found")
    return post
