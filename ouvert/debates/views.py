"""Debate pages: the list, a debate (text, vote, results, arguments, response), a paragraph and its
comments, the versions compared, the change log; and the forms of agents and moderators."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ouvert.core.charts import bars
from ouvert.core.forms import add_service_errors
from ouvert.core.permissions import deny_unless
from ouvert.core.selectors import history_for_object
from ouvert.core.views import render_change_log
from ouvert.debates import selectors, services
from ouvert.debates.forms import (
    ArgumentForm,
    DebateFilterForm,
    DebateForm,
    ParagraphCommentForm,
    ResponseForm,
    VoteForm,
)
from ouvert.debates.models import Argument, Debate, Subject, VoteChoice, VoterKind
from ouvert.participation.forms import ModerationForm
from ouvert.participation.selectors import comment_threads
from ouvert.plans.models import Commitment
from ouvert.plans.selectors import plan_get

PAGE_SIZE = 20


def _visible_debate(request: HttpRequest, pk: int) -> Debate:
    debate = selectors.debate_get(pk)
    if debate is None or not request.user.has_perm("debates.view_debate", debate):
        raise Http404
    return debate


@require_GET
def debate_list(request: HttpRequest) -> HttpResponse:
    form = DebateFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    page = Paginator(selectors.debates_in_state(state), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "debates/debate_list.html",
        {"form": form, "page_obj": page, "query": query.urlencode()},
    )


def _render_debate(
    request: HttpRequest,
    debate: Debate,
    *,
    argument_form: ArgumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    sections = selectors.debated_sections(debate)
    results = selectors.debate_results(debate)
    arguments = selectors.arguments_ranked(debate)
    my_vote = selectors.vote_of(user=user, debate=debate)
    paragraphs = [paragraph for section in sections for paragraph in section.paragraphs]
    most_commented = sorted(
        (p for p in paragraphs if p.comments_count), key=lambda p: (-p.comments_count, p.number)
    )[:3]
    choices = dict(VoteChoice.choices)
    kinds = {"": _("Qualité non précisée"), **dict(VoterKind.choices)}
    overall = results.overall
    top_pro = next((a for a in arguments if a.side == Argument.Side.PRO), None)
    top_con = next((a for a in arguments if a.side == Argument.Side.CON), None)
    return render(
        request,
        "debates/debate_detail.html",
        {
            "debate": debate,
            "sections": sections,
            "results": results,
            "kind_rows": [(kinds[group.kind], group.tally) for group in results.groups],
            "bars": bars(
                [
                    (choices[VoteChoice.FOR], overall.votes_for),
                    (choices[VoteChoice.AGAINST], overall.votes_against),
                    (choices[VoteChoice.ABSTAIN], overall.votes_abstain),
                ]
            ),
            "arguments": arguments,
            "top_pro": top_pro,
            "top_con": top_con,
            "top_pairs": [
                (_("L'argument pour le plus soutenu"), top_pro),
                (_("L'argument contre le plus soutenu"), top_con),
            ],
            "my_pending_arguments": selectors.arguments_pending_of(user=user, debate=debate),
            "supported": selectors.supported_argument_ids(user=user, debate=debate),
            "my_vote": my_vote,
            "vote_form": VoteForm(
                initial={"choice": my_vote.choice, "kind": my_vote.kind} if my_vote else None
            ),
            "argument_form": argument_form or ArgumentForm(),
            "most_commented": most_commented,
            "response": selectors.response_of(debate),
            "can_vote": user.has_perm("debates.vote", debate),
            "can_argue": user.has_perm("debates.add_argument", debate),
            "can_support": user.has_perm("debates.support_argument", debate),
            "can_moderate": user.has_perm("debates.moderate_argument", debate),
            "can_close": user.has_perm("debates.close_debate", debate),
            "can_respond": user.has_perm("debates.respond_debate", debate),
        },
        status=status,
    )


@require_GET
def debate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_debate(request, _visible_debate(request, pk))


@require_POST
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    if denied := deny_unless(request, "debates.vote", debate):
        return denied
    form = VoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez pour, contre ou abstention."))
        return redirect(debate.get_absolute_url() + "#vote")
    try:
        services.vote_cast(
            acting_user=request.user,
            debate=debate,
            choice=form.cleaned_data["choice"],
            kind=form.cleaned_data["kind"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Votre vote est enregistré. Vous pouvez le changer jusqu'à la clôture.")
        )
    return redirect(debate.get_absolute_url() + "#vote")


@require_POST
def argument_create(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    if denied := deny_unless(request, "debates.add_argument", debate):
        return denied
    form = ArgumentForm(request.POST)
    if form.is_valid():
        try:
            services.argument_post(acting_user=request.user, debate=debate, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Merci ! Votre argument sera publié après relecture par la modération.")
            )
            return redirect(debate.get_absolute_url() + "#arguments")
    # Shown again with its errors and what was typed: nothing is lost.
    return _render_debate(request, debate, argument_form=form, status=422)


@require_POST
def argument_support(request: HttpRequest, pk: int, argument: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    target = get_object_or_404(
        Argument.objects.select_related("debate"), pk=argument, debate=debate
    )
    if not request.user.has_perm("debates.view_argument", target):
        raise Http404
    if denied := deny_unless(request, "debates.support_argument", target):
        return denied
    try:
        services.argument_support_set(
            acting_user=request.user,
            argument=target,
            supporting=request.POST.get("supporting") == "1",
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(debate.get_absolute_url() + f"#argument-{target.pk}")


@require_http_methods(["GET", "POST"])
def paragraph_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A paragraph of the debated text with its comments, and the form to comment it (or propose
    a rewording): the way to comment a paragraph, with or without JavaScript."""
    debate = _visible_debate(request, pk)
    paragraph = selectors.paragraph_get(debate=debate, number=number)
    if paragraph is None:
        raise Http404
    form = ParagraphCommentForm(request.POST or None, initial={"suggestion": paragraph.text})
    if request.method == "POST":
        if denied := deny_unless(request, "participation.add_comment", paragraph):
            return denied
        if form.is_valid():
            try:
                services.paragraph_comment_post(
                    acting_user=request.user, paragraph=paragraph, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Merci ! Votre commentaire sera publié après relecture par la modération."),
                )
                return redirect(paragraph.get_absolute_url() + "#commentaires")
    previous, following = selectors.paragraph_neighbours(paragraph)
    return render(
        request,
        "debates/paragraph_detail.html",
        {
            "debate": debate,
            "paragraph": paragraph,
            "previous": previous,
            "following": following,
            "threads": comment_threads(target=paragraph),
            "form": form,
            "target": paragraph,
            "comment_kind": "paragraphe",
            "comments_closed": not debate.is_open,
        },
        status=422 if form.errors else 200,
    )


@require_GET
def debate_versions(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    response = selectors.response_of(debate)
    if response is None:
        raise Http404
    return render(
        request,
        "debates/versions.html",
        {
            "debate": debate,
            "response": response,
            "comparison": selectors.versions_compared(debate, response),
        },
    )


@require_GET
def debate_history(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    return render_change_log(
        request,
        instance=debate,
        entries=history_for_object(debate),
        parents=[(debate.get_absolute_url(), debate)],
    )


# Public agents ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def debate_create(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_get(slug=slug, user=request.user)
    if plan is None:
        raise Http404
    if denied := deny_unless(request, "debates.add_debate", plan):
        return denied
    commitments = selectors.commitments_open_to_debate(plan)
    chosen = commitments.filter(reference=request.GET.get("engagement", "")).first()
    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {
        "subject": Subject.COMMITMENT if chosen or commitments.exists() else Subject.TEXT,
        "commitment": chosen,
        "opens_at": now,
        "closes_at": now + datetime.timedelta(days=21),
    }
    form = DebateForm(request.POST or None, initial=initial, commitments=commitments)
    if request.method == "POST" and form.is_valid():
        try:
            debate = services.debate_open(acting_user=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Le débat est ouvert."))
            return redirect(debate.get_absolute_url())
    return render(
        request,
        "debates/debate_form.html",
        {"form": form, "plan": plan, "heading": _("Ouvrir un débat")},
    )


@require_POST
def debate_close(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    if denied := deny_unless(request, "debates.close_debate", debate):
        return denied
    try:
        services.debate_close(acting_user=request.user, debate=debate)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Le débat est clos : les votes ne changent plus."))
    return redirect(debate.get_absolute_url())


@require_http_methods(["GET", "POST"])
def debate_respond(request: HttpRequest, pk: int) -> HttpResponse:
    debate = _visible_debate(request, pk)
    if denied := deny_unless(request, "debates.respond_debate", debate):
        return denied
    if not debate.is_closed or debate.has_response:
        messages.error(
            request,
            _("La réponse à ce débat est déjà publiée.")
            if debate.has_response
            else _("On répond à un débat une fois qu'il est clos."),
        )
        return redirect(debate.get_absolute_url())
    paragraphs = [p for section in selectors.debated_sections(debate) for p in section.paragraphs]
    start = selectors.revision_start(debate)
    can_publish = (
        debate.subject == Subject.COMMITMENT and debate.commitment.status == Commitment.Status.DRAFT
    )
    form = ResponseForm(
        request.POST or None,
        initial={
            "title": start.title,
            **{f"section_{key}": text for key, text in start.sections.items()},
        },
        debate=debate,
        paragraphs=paragraphs,
        can_publish=can_publish,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.debate_respond(
                acting_user=request.user,
                debate=debate,
                text=form.cleaned_data["text"],
                text_en=form.cleaned_data["text_en"],
                title=form.cleaned_data.get("title", ""),
                sections=form.sections(),
                notes=form.notes(),
                publish_commitment=form.cleaned_data.get("publish_commitment", False),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("La réponse et la version révisée sont publiées."))
            return redirect(debate.get_absolute_url() + "#reponse")
    return render(
        request,
        "debates/response_form.html",
        {
            "form": form,
            "debate": debate,
            "paragraphs": paragraphs,
            "heading": _("Publier la réponse au débat"),
        },
    )


# Moderators -------------------------------------------------------------------------------------


@require_GET
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if denied := deny_unless(request, "debates.moderate_argument"):
        return denied
    return render(
        request,
        "debates/moderation.html",
        {"arguments": list(selectors.arguments_pending())},
    )


@require_POST
def argument_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    argument = get_object_or_404(Argument.objects.select_related("debate", "author"), pk=pk)
    if denied := deny_unless(request, "debates.moderate_argument", argument):
        return denied
    form = ModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision."))
    else:
        try:
            services.argument_moderate(
                acting_user=request.user,
                argument=argument,
                publish=form.cleaned_data["decision"] == "publish",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La décision est enregistrée."))
    next_url = request.POST.get("next")
    if next_url == "debate":
        return redirect(argument.debate.get_absolute_url() + "#arguments")
    return redirect("debates:moderation")
