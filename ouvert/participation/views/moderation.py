"""Comments (posting, reporting) and the moderators' queue of proposals, comments and reports;
and a person's own contributions, with where each stands."""

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.core.permissions import deny_unless
from ouvert.participation import selectors, services
from ouvert.participation.forms import CommentForm, ModerationForm, ReportForm
from ouvert.participation.models import Comment, Proposal

# What can be commented: URL key -> (model, permission to see it).
COMMENTABLE = {
    "proposition": ("participation.Proposal", "participation.view_proposal"),
    "billet": ("blog.Post", "blog.view_post"),
    "paragraphe": ("debates.Paragraph", "debates.view_paragraph"),
}


@login_required
@require_POST
def comment_create(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in COMMENTABLE:
        raise Http404
    model_label, view_permission = COMMENTABLE[kind]
    target = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    if target is None or not request.user.has_perm(view_permission, target):
        raise Http404
    if denied := deny_unless(request, "participation.add_comment", target):
        return denied
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = Comment.objects.filter(pk=parent_id).first() if parent_id else None
        try:
            services.comment_post(
                acting_user=request.user,
                target=target,
                body=form.cleaned_data["body"],
                parent=parent,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Merci ! Votre commentaire sera publié après relecture par la modération."),
            )
    else:
        messages.error(request, _("Le commentaire est vide ou trop long."))
    return redirect(target.get_absolute_url() + "#commentaires")


@login_required
@require_http_methods(["GET", "POST"])
def comment_report(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.published(), pk=pk)
    target = comment.target
    if denied := deny_unless(request, "participation.report_comment", comment):
        return denied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_report(
                acting_user=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Merci : la modération examinera ce commentaire."))
        return redirect(target.get_absolute_url() + "#commentaires")
    return render(
        request,
        "participation/comment_report.html",
        {
            "form": form,
            "comment": comment,
            "target": target,
            "heading": _("Signaler un commentaire"),
        },
    )


@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "participation.moderate_proposal"):
        return denied
    return render(
        request,
        "participation/moderation.html",
        {
            "proposals": list(selectors.proposals_pending()),
            "comments": list(selectors.comments_pending()),
            "reported": list(selectors.comments_reported()),
            "form": ModerationForm(),
        },
    )


def _decide(request: HttpRequest, decide) -> HttpResponse:
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision."))
    else:
        try:
            decide(
                publish=form.cleaned_data["decision"] == "publish",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La décision est enregistrée."))
    return redirect("participation:moderation")


@require_POST
def moderate_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=pk)
    if denied := deny_unless(request, "participation.moderate_proposal", proposal):
        return denied
    return _decide(
        request,
        lambda **decision: services.proposal_moderate(
            acting_user=request.user, proposal=proposal, **decision
        ),
    )


@require_POST
def moderate_comment(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    if denied := deny_unless(request, "participation.moderate_comment", comment):
        return denied
    if request.POST.get("decision") == "keep":
        services.comment_reports_dismiss(acting_user=request.user, comment=comment)
        messages.success(request, _("Le commentaire reste publié ; les signalements sont clos."))
        return redirect("participation:moderation")
    return _decide(
        request,
        lambda **decision: services.comment_moderate(
            acting_user=request.user, comment=comment, **decision
        ),
    )


@login_required
@require_GET
def my_contributions(request: HttpRequest) -> HttpResponse:
    """What a person registered to, proposed and wrote, with where each stands (private)."""
    from ouvert.blog.selectors import posts_of

    user = request.user
    return render(
        request,
        "participation/my_contributions.html",
        {
            "registrations": list(selectors.registrations_of(user=user)),
            "proposals": list(selectors.proposals_of(user=user)),
            "comments": list(
                Comment.objects.filter(author=user)
                .prefetch_related("target")
                .order_by("-created_at")
            ),
            "posts": list(posts_of(user=user)),
        },
    )
