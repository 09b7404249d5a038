"""Blog pages: the list, a post with its comments, categories, tags and author pages, guest post
submission and its moderation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.actors.models import Actor
from ouvert.actors.selectors import actor_ids_represented_by
from ouvert.blog import selectors, services
from ouvert.blog.forms import GuestPostForm
from ouvert.blog.models import Category, Post
from ouvert.core.forms import add_service_errors
from ouvert.core.permissions import deny_unless
from ouvert.notifications.selectors import is_following
from ouvert.participation.forms import CommentForm, ModerationForm
from ouvert.participation.selectors import comment_threads

PAGE_SIZE = 10


def _listing(request: HttpRequest, posts, *, heading: str, intro: str = "", **extra):
    page = Paginator(posts, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "blog/post_list.html",
        {
            "page_obj": page,
            "heading": heading,
            "intro": intro,
            "categories": selectors.categories_with_counts(),
            **extra,
        },
    )


@require_GET
def post_list(request: HttpRequest) -> HttpResponse:
    return _listing(
        request,
        selectors.posts_public(),
        heading=_("Le blog participatif"),
        intro=_(
            "Les billets de l'équipe du gouvernement ouvert et les tribunes de la société civile."
        ),
        is_home=True,
    )


@require_GET
def category_detail(request: HttpRequest, slug: str) -> HttpResponse:
    category = get_object_or_404(Category, slug=slug)
    return _listing(
        request,
        selectors.posts_public().filter(category=category),
        heading=category.name,
        intro=category.description,
        category=category,
        following=is_following(user=request.user, target=category),
    )


@require_GET
def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(selectors.tags_public(), slug=slug)
    return _listing(
        request,
        selectors.posts_public().filter(tags=tag),
        heading=_("Mot-clé : %(name)s") % {"name": tag.name},
    )


@require_GET
def team_posts(request: HttpRequest) -> HttpResponse:
    return _listing(
        request,
        selectors.posts_public().filter(kind=Post.Kind.TEAM),
        heading=_("L'équipe du gouvernement ouvert"),
        intro=_("Les billets de l'équipe qui anime le plan d'action."),
    )


@require_GET
def actor_posts(request: HttpRequest, pk: int) -> HttpResponse:
    actor = get_object_or_404(Actor, pk=pk)
    posts = selectors.posts_public().filter(kind=Post.Kind.GUEST, actor=actor)
    if not posts.exists():
        raise Http404
    return _listing(
        request,
        posts,
        heading=actor.name,
        intro=_("Les tribunes publiées au nom de %(name)s (%(kind)s).")
        % {"name": actor.name, "kind": actor.get_kind_display()},
    )


@require_GET
def post_detail(request: HttpRequest, slug: str) -> HttpResponse:
    post = selectors.post_get(slug=slug)
    if post is None or not request.user.has_perm("blog.view_post", post):
        raise Http404
    return render(
        request,
        "blog/post_detail.html",
        {
            "post": post,
            "threads": comment_threads(target=post) if post.is_published else [],
            "comment_form": CommentForm(),
            "comment_kind": "billet",
            "can_moderate": request.user.has_perm("blog.moderate_post", post),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guest_post_create(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "blog.submit_guest_post"):
        return denied
    actors = Actor.objects.filter(pk__in=actor_ids_represented_by(request.user)).order_by("name")
    form = GuestPostForm(request.POST or None, actors=actors)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.guest_post_submit(
                acting_user=request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                category=data["category"],
                tags=data["tags"],
                actor=data.get("actor"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Votre tribune est envoyée. Elle sera publiée après relecture par la "
                    "modération ; vous serez prévenu·e par courriel."
                ),
            )
            return redirect(post.get_absolute_url())
    return render(
        request, "blog/guest_post_form.html", {"form": form, "heading": _("Proposer une tribune")}
    )


@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "blog.moderate_post"):
        return denied
    return render(
        request,
        "blog/moderation.html",
        {"posts": list(selectors.posts_pending()), "form": ModerationForm()},
    )


@require_POST
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=pk)
    if denied := deny_unless(request, "blog.moderate_post", post):
        return denied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision."))
        return redirect("blog:moderation")
    try:
        services.post_moderate(
            acting_user=request.user,
            post=post,
            publish=form.cleaned_data["decision"] == "publish",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("La décision est enregistrée."))
    return redirect("blog:moderation")
