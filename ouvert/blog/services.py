"""Writes of the blog: guest posts submitted and moderated, publication told to followers."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import translate_url
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actor_ids_represented_by
from ouvert.blog.models import Category, Post, Tag
from ouvert.core.emails import email_enqueue
from ouvert.core.http import absolute_url
from ouvert.core.services import save_with_history
from ouvert.notifications.models import Notification
from ouvert.notifications.services import notify_followers
from ouvert.participation.services.events import unique_slug
from ouvert.participation.services.moderation import moderation_decide


def tags_from_names(names: Sequence[str]) -> list[Tag]:
    tags = []
    for name in dict.fromkeys(name.strip() for name in names if name.strip()):
        slug = slugify(name)[:50] or "mot-cle"
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(slug=slug, name=name[:80])
        tags.append(tag)
    return tags


@transaction.atomic
def guest_post_submit(
    *,
    acting_user: Any,
    title: str,
    summary: str,
    body: str,
    category: Category | None = None,
    tags: Sequence[str] = (),
    actor: Actor | None = None,
) -> Post:
    """Submit a guest post; the moderators publish or refuse it."""
    errors = {}
    if not title.strip():
        errors["title"] = _("Donnez un titre à votre billet.")
    if not body.strip():
        errors["body"] = _("Le billet est vide.")
    if actor is not None and actor.pk not in actor_ids_represented_by(acting_user):
        errors["actor"] = _("Vous ne représentez pas cet acteur.")
    if errors:
        raise ValidationError(errors)
    post = Post(
        slug=unique_slug(Post, title),
        kind=Post.Kind.GUEST,
        author=acting_user,
        status=Post.Status.PENDING,
    )
    save_with_history(
        instance=post,
        acting_user=acting_user,
        data={
            "title": title.strip(),
            "summary": summary.strip(),
            "body": body.strip(),
            "category": category,
            "actor": actor,
        },
        many_to_many={"tags": tags_from_names(tags)},
    )
    return post


def post_announce(*, post: Post, acting_user: Any = None) -> int:
    """Tell the followers of the post's category that it is published."""
    if post.category_id is None:
        return 0
    return notify_followers(
        target=post.category,
        kind=Notification.Kind.POST_PUBLISHED,
        title=post.title,
        path=post.get_absolute_url(),
        exclude=acting_user,
    )


@transaction.atomic
def post_moderate(*, acting_user: Any, post: Post, publish: bool, reason: str = "") -> Post:
    """Publish a guest post or refuse it, with the reason told to its author."""
    post = (
        Post.objects.select_for_update(of=("self",))
        .select_related("author", "category")
        .get(pk=post.pk)
    )
    changed, _first = moderation_decide(
        instance=post,
        acting_user=acting_user,
        publish=publish,
        reason=reason,
        published=Post.Status.PUBLISHED,
        rejected=Post.Status.REJECTED,
    )
    if not changed:
        return post
    author = post.author
    if author.is_active:
        email_enqueue(
            to=author.email,
            template="blog/emails/post_published" if publish else "blog/emails/post_rejected",
            context={
                "post": post,
                "url": absolute_url(translate_url(post.get_absolute_url(), author.language)),
            },
            language=author.language,
        )
    if publish:
        post_announce(post=post, acting_user=acting_user)
    return post
